"""Preloaded kernels compute exactly what an ordinary kernel computes, and do not outlive their owner."""

from __future__ import annotations

import json
import os
import re
import shutil
import time

import nbformat
import papermill
import pytest
from reports_support import FIXTURE_PROJECT

from helpers.reports.execute import local_kernel_manager
from helpers.reports.kernels import kernel_command, modules_imported, start_server, wait_until_ready



def test_modules_imported_lists_imports_and_from_imports_but_not_magics_or_relative_imports():
    sources = ["import pandas as pd, numpy\nfrom helpers import charts, snapshot\n%matplotlib inline",
               "from . import local\nfrom os.path import *\n!pip list", "this is not python ("]
    assert modules_imported(sources) == ["helpers", "helpers.charts", "helpers.snapshot", "numpy", "os.path", "pandas"]


def test_kernel_command_stands_in_for_ipykernel_only(tmp_path):
    ipykernel = ["/env/bin/python", "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "/run/k.json", "--x=1"]
    stub = kernel_command("/run/server", ipykernel)
    assert stub[1:] == ["-m", "helpers.reports.kernels", "connect", "/run/server", "-f", "/run/k.json", "--x=1"]
    assert kernel_command("/run/server", ["R", "--slave", "-f", "/run/k.json"]) == ["R", "--slave", "-f", "/run/k.json"]


def test_kernels_talk_over_private_unix_sockets_not_tcp_ports_that_another_process_can_take():
    managers = [local_kernel_manager(address)(kernel_name="python3") for address in (None, "/run/server", None)]
    assert {manager.transport for manager in managers} == {"ipc"}
    prefixes = [manager.ip for manager in managers]
    assert len(set(prefixes)) == 3 and all(os.path.isabs(prefix) for prefix in prefixes)


@pytest.mark.notebooks  # starts a kernel
def test_a_notebook_runs_with_its_kernel_on_unix_sockets(tmp_path):
    path = inline_plot_notebook(tmp_path / "inline.ipynb")
    nb = papermill.execute_notebook(str(path), None, kernel_name="python3", progress_bar=False, cwd=str(tmp_path),
                                    kernel_manager_class=local_kernel_manager(None))
    assert any("image/png" in output for cell in outputs(nb) for output in cell)
    assert not list(tmp_path.glob("kernel-ipc*")), "no socket files in the notebook's directory"


def inline_plot_notebook(path):
    """A chart shown by the inline backend (no explicit display), a random draw and the working directory."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\nimport os, random\n"
                                          "plt.plot([1, 3, 2])"),
                nbformat.v4.new_code_cell("print(os.getcwd() == os.path.dirname(os.path.abspath('x')))"),
                nbformat.v4.new_code_cell("import matplotlib\nmatplotlib.get_backend()")]
    nbformat.write(nb, path)
    return path


def outputs(nb):
    """Cell outputs without execution counts and object addresses (`<Line2D at 0x7f…>` differs run to run)."""
    return [[re.sub(r"0x[0-9a-f]+", "0x…", json.dumps({key: value for key, value in output.items()
                                                      if key != "execution_count"}, sort_keys=True))
             for output in cell.outputs] for cell in nb.cells if cell.cell_type == "code"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    process, address = start_server(["matplotlib.pyplot", "pandas", "IPython.display"],
                                     str(tmp_path_factory.mktemp("server")))
    assert wait_until_ready(process, address, 60)
    yield address
    process.kill()
    process.wait()
    shutil.rmtree(os.path.dirname(address), ignore_errors=True)  # killed, the server could not remove it


@pytest.mark.parametrize("notebook", ["fixture", "inline"])
@pytest.mark.notebooks  # starts kernels
def test_a_preloaded_kernel_gives_the_same_outputs_as_an_ordinary_kernel(server, tmp_path, notebook):
    path = (FIXTURE_PROJECT / "notebooks" / "alpha_report.ipynb" if notebook == "fixture"
            else inline_plot_notebook(tmp_path / "inline.ipynb"))
    common = dict(parameters={"partner": "JPN"} if notebook == "fixture" else {}, kernel_name="python3",
                  cwd=str(path.parent), progress_bar=False, request_save_on_cell_execute=False)
    ordinary = papermill.execute_notebook(str(path), None, **common)
    preloaded = papermill.execute_notebook(str(path), None, kernel_manager_class=local_kernel_manager(server),
                                           **common)
    assert outputs(preloaded) == outputs(ordinary)
    assert any("image/png" in output for cell in outputs(preloaded) for output in cell)


@pytest.mark.notebooks  # starts kernels
def test_the_server_stops_when_its_owner_does(tmp_path):
    pid = os.fork()
    if pid == 0:  # the owner: start a server, report its pid, then exit without stopping it
        process, address = start_server([], str(tmp_path))
        (tmp_path / "server.pid").write_text(str(process.pid))
        os._exit(0 if wait_until_ready(process, address, 30) else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    server = int((tmp_path / "server.pid").read_text())
    deadline = time.monotonic() + 10
    while os.path.exists(f"/proc/{server}") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not os.path.exists(f"/proc/{server}") or "Z" in open(f"/proc/{server}/stat").read().split()[2]
