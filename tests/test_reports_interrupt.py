"""A build killed in the middle (scheduler timeout, reboot) leaves the last good reports in place."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from filelock import FileLock
from reports_support import add_cell, build_project, built_fixture_project, manifest, page, project  # noqa: F401

from helpers.reports import build as build_module
from helpers.reports.build import EXIT_OK

pytestmark = [pytest.mark.notebooks,
              pytest.mark.skipif(not Path("/proc/self/cwd").exists(), reason="needs Linux /proc")]


def start_build_stuck_in_alpha(root) -> subprocess.Popen:
    """Start a build whose alpha notebook sleeps; return once alpha's kernel is running."""
    add_cell(root / "notebooks" / "alpha_report.ipynb", "import time\ntime.sleep(120)")
    build = subprocess.Popen([sys.executable, "-m", "helpers.reports.cli", "--root", str(root)],
                             stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if "building alpha" in build.stderr.readline():
            time.sleep(4)  # let the kernel start and reach the sleeping cell
            return build
    build.kill()
    raise AssertionError("the build never started alpha")


def processes_working_in(root) -> list[int]:
    """Processes whose command line or working directory is inside the project: workers, kernel servers
    and kernels."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            command = (proc / "cmdline").read_bytes().decode(errors="replace")
            cwd = os.readlink(proc / "cwd")
        except OSError:
            continue
        if str(root) in command or cwd.startswith(str(root)):
            found.append(int(proc.name))
    return found


def assert_nothing_left_running(root, seconds: float = 60) -> None:
    """Nothing outlives a killed build (a worker could overwrite reports behind the next build).

    Kernel servers end a moment after their worker; on a loaded machine that moment was seen to exceed 15 s,
    so the wait is generous: it ends as soon as nothing is left."""
    deadline = time.monotonic() + seconds
    while processes_working_in(root) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not processes_working_in(root)


def test_sigterm_keeps_the_last_good_page_marks_the_report_interrupted_and_exits_143(project):
    good = page(project, "alpha")
    build = start_build_stuck_in_alpha(project)
    build.send_signal(signal.SIGTERM)
    assert build.wait(timeout=30) == 128 + signal.SIGTERM
    build.stderr.close()
    assert_nothing_left_running(project)
    assert page(project, "alpha") == good
    assert manifest(project)["alpha"]["status"] == "interrupted"
    index = (project / "reports" / "index.html").read_text()
    assert "build interrupted" in index and "href='alpha.html'" in index


def test_sigkill_leaves_the_previous_pages_and_index_and_the_next_build_recovers(project):
    good, index = page(project, "alpha"), (project / "reports" / "index.html").read_bytes()
    notebook = project / "notebooks" / "alpha_report.ipynb"
    original = notebook.read_text()
    build = start_build_stuck_in_alpha(project)
    build.kill()
    assert build.wait(timeout=30) == -signal.SIGKILL
    build.stderr.close()
    assert_nothing_left_running(project)
    assert page(project, "alpha") == good
    assert (project / "reports" / "index.html").read_bytes() == index
    notebook.write_text(original)
    assert build_project(project) == EXIT_OK
    assert manifest(project)["alpha"]["status"] == "built"
    assert not list((project / "reports").rglob(".*.tmp*"))


def signal_this_process_once(marker: Path, signal_number: int) -> None:
    """Send the signal to this (the build's) process as soon as the notebook has created `marker`."""
    deadline = time.monotonic() + 120
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    os.kill(os.getpid(), signal_number)


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_build_records_every_report_and_ends_its_workers_before_releasing_its_lock(
        project, monkeypatch, signal_number):
    good = page(project, "alpha")
    marker = project / "notebooks" / "alpha_started"
    add_cell(project / "notebooks" / "alpha_report.ipynb",
             f"open({marker.name!r}, 'w').close()\nimport time\ntime.sleep(120)")
    workers_alive_at_release = []

    class WatchedLock(FileLock):
        def release(self, *args, **kwargs):
            workers_alive_at_release.append(multiprocessing.active_children())
            return super().release(*args, **kwargs)

    monkeypatch.setattr(build_module, "FileLock", WatchedLock)
    threading.Thread(target=signal_this_process_once, args=(marker, signal_number), daemon=True).start()
    assert build_project(project) == 128 + signal_number
    assert workers_alive_at_release and not any(workers_alive_at_release)
    assert page(project, "alpha") == good
    records = manifest(project)
    assert records["alpha"]["status"] == "interrupted"
    assert records["beta_us"]["status"] == records["beta_japan"]["status"] == "built"
    index = (project / "reports" / "index.html").read_text()
    assert "build interrupted" in index and "all up to date" not in index
