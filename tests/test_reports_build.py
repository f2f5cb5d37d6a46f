"""End-to-end builds of the fixture project: what gets rebuilt, and what survives failures."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import sys

import pytest
from filelock import FileLock
from reports_support import (  # noqa: F401
    FIXTURE_REPORTS,
    add_cell,
    build_project,
    built_fixture_project,
    fresh_project,
    manifest,
    page,
    project,
)

from helpers.reports.build import EXIT_LOCKED, EXIT_OK, EXIT_REPORT_FAILED, EXIT_USAGE
from helpers.reports.html import DATA_URI

pytestmark = pytest.mark.notebooks


def built_at(root):
    return {name: record["built_at"] for name, record in manifest(root).items()}


def test_a_fresh_build_writes_every_report_the_executed_notebooks_and_the_index(fresh_project):
    assert build_project(fresh_project) == EXIT_OK
    reports = fresh_project / "reports"
    for name in FIXTURE_REPORTS:
        assert (reports / f"{name}.html").stat().st_size > 0
        assert (reports / "executed" / f"{name}.ipynb").exists()
        assert manifest(fresh_project)[name]["status"] == "built"
    index = (reports / "index.html").read_text()
    assert all(f"href='{name}.html'" in index for name in FIXTURE_REPORTS)
    assert not list(reports.rglob(".*.tmp*")), "no temporary files left behind"
    papermill = json.loads((reports / "executed" / "alpha.ipynb").read_text())["metadata"]["papermill"]
    assert (papermill["input_path"], papermill["output_path"]) == ("notebooks/alpha_report.ipynb",
                                                                   "reports/executed/alpha.ipynb")


def test_a_second_build_with_nothing_changed_rebuilds_nothing(project, capsys):
    before = built_at(project)
    mtimes = {name: (project / "reports" / f"{name}.html").stat().st_mtime_ns for name in FIXTURE_REPORTS}
    assert build_project(project) == EXIT_OK
    assert built_at(project) == before
    assert mtimes == {name: (project / "reports" / f"{name}.html").stat().st_mtime_ns for name in FIXTURE_REPORTS}
    assert "nothing to rebuild" in capsys.readouterr().err


def test_changing_one_notebook_rebuilds_only_its_reports(project):
    before = built_at(project)
    add_cell(project / "notebooks" / "alpha_report.ipynb", "print('one more cell')")
    assert build_project(project) == EXIT_OK
    after = built_at(project)
    assert after["alpha"] != before["alpha"]
    assert (after["beta_us"], after["beta_japan"]) == (before["beta_us"], before["beta_japan"])


def test_changing_one_data_file_rebuilds_only_the_reports_that_read_it(project):
    before = built_at(project)
    with open(project / "data" / "beta.csv", "a") as handle:
        handle.write("2026,99\n")
    assert build_project(project) == EXIT_OK
    after = built_at(project)
    assert after["alpha"] == before["alpha"]
    assert after["beta_us"] != before["beta_us"] and after["beta_japan"] != before["beta_japan"]


def test_saving_outputs_into_a_notebook_rebuilds_nothing(project):
    before = built_at(project)
    notebook = project / "notebooks" / "alpha_report.ipynb"
    nb = json.loads(notebook.read_text())
    nb["cells"][1]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "ran in JupyterLab\n"}]
    notebook.write_text(json.dumps(nb))
    assert build_project(project) == EXIT_OK
    assert built_at(project) == before


def test_force_rebuilds_everything(project):
    before = built_at(project)
    assert build_project(project, "--force", "--jobs", "1") == EXIT_OK
    after = built_at(project)
    assert all(after[name] != before[name] for name in FIXTURE_REPORTS)


def test_a_failing_notebook_keeps_its_last_good_page_and_fails_the_build(project):
    good = page(project, "alpha")
    add_cell(project / "notebooks" / "alpha_report.ipynb", "raise ValueError('the snapshot has no 2031')")
    assert build_project(project) == EXIT_REPORT_FAILED
    assert page(project, "alpha") == good
    record = manifest(project)["alpha"]
    assert record["status"] == "failed"
    assert "cell 7" in record["failure"] and "ValueError: the snapshot has no 2031" in record["failure"]
    index = (project / "reports" / "index.html").read_text()
    assert "the snapshot has no 2031" in index and "href='alpha.html'" in index
    assert "last good version" in index
    assert (project / "reports" / "executed" / "alpha.failed.ipynb").exists()
    assert (project / "reports" / "executed" / "alpha.ipynb").exists(), "the last good run stays too"


def test_a_failed_report_is_retried_and_recovers(project):
    notebook = project / "notebooks" / "alpha_report.ipynb"
    original = notebook.read_text()
    add_cell(notebook, "raise ValueError('temporary')")
    assert build_project(project) == EXIT_REPORT_FAILED
    notebook.write_text(original)
    assert build_project(project) == EXIT_OK
    assert manifest(project)["alpha"]["status"] == "built"
    assert not (project / "reports" / "executed" / "alpha.failed.ipynb").exists()


def test_a_report_that_never_built_shows_its_error_and_no_link(fresh_project):
    add_cell(fresh_project / "notebooks" / "alpha_report.ipynb", "1 / 0")
    assert build_project(fresh_project) == EXIT_REPORT_FAILED
    assert not (fresh_project / "reports" / "alpha.html").exists()
    index = (fresh_project / "reports" / "index.html").read_text()
    assert "ZeroDivisionError" in index and "No earlier version exists" in index
    assert "href='beta_us.html'" in index


def test_a_bad_catalogue_entry_fails_only_that_report_before_any_kernel_starts(project, capsys):
    good = page(project, "beta_us")
    catalogue = project / "reports.yaml"
    catalogue.write_text(catalogue.read_text().replace("parameters: {partner: USA}",
                                                       "parameters: {partner: USA, partnr: JPN}"))
    assert build_project(project) == EXIT_REPORT_FAILED
    assert page(project, "beta_us") == good
    error = capsys.readouterr().err
    assert "catalogue entry 'beta_us': unknown parameter 'partnr'" in error
    record = manifest(project)["beta_us"]
    assert record["status"] == "invalid" and "partnr" in record["failure"]
    index = (project / "reports" / "index.html").read_text()
    assert "catalogue error" in index and "partnr" in index


def test_a_parameter_of_the_wrong_type_is_a_catalogue_error(project, capsys):
    catalogue = project / "reports.yaml"
    catalogue.write_text(catalogue.read_text().replace("start_year: 2016", "start_year: '2016'"))
    assert build_project(project) == EXIT_REPORT_FAILED
    assert "catalogue entry 'alpha': parameter 'start_year' must be int" in capsys.readouterr().err


def test_an_unreadable_catalogue_touches_nothing(project):
    index = (project / "reports" / "index.html").read_bytes()
    (project / "reports.yaml").write_text("reports: [unclosed")
    assert build_project(project) == EXIT_USAGE
    assert (project / "reports" / "index.html").read_bytes() == index


def test_only_builds_the_named_reports_and_rejects_unknown_names(project, capsys):
    before = built_at(project)
    assert build_project(project, "--only", "beta_*", "--force") == EXIT_OK
    after = built_at(project)
    assert after["alpha"] == before["alpha"] and after["beta_us"] != before["beta_us"]
    assert build_project(project, "--only", "gamma") == EXIT_USAGE
    assert "matches no report" in capsys.readouterr().err


def test_with_code_writes_the_researcher_variant_beside_the_readers_page(project):
    assert build_project(project, "--with-code", "--only", "alpha") == EXIT_OK
    readers = page(project, "alpha").decode()
    researchers = (project / "reports" / "alpha.code.html").read_text()
    assert "savefig" in researchers and "savefig" not in readers
    assert "hl-ipython3" in researchers and "hl-ipython3" not in readers
    assert "injected-parameters" not in readers
    assert "alpha.code.html" in (project / "reports" / "index.html").read_text()


def test_a_cell_that_runs_too_long_fails_its_report_with_a_timeout(project):
    catalogue = project / "reports.yaml"
    catalogue.write_text(catalogue.read_text().replace("cell_timeout_seconds: 60", "cell_timeout_seconds: 2"))
    add_cell(project / "notebooks" / "alpha_report.ipynb", "import time\ntime.sleep(30)")
    assert build_project(project, "--only", "alpha") == EXIT_REPORT_FAILED
    failure = manifest(project)["alpha"]["failure"]
    assert "cell 7" in failure and "timed out" in failure.lower()


def test_a_second_build_waits_for_no_one_while_the_lock_is_held(project, capsys):
    with FileLock(project / "reports" / ".build.lock"):
        assert build_project(project) == EXIT_LOCKED
    assert "another report build is running" in capsys.readouterr().err


def local_details_in(text, root):
    """Local paths and the host name found in text, outside embedded data (base64 holds any short string)."""
    text = DATA_URI.sub("", text)
    return [detail for detail in (str(root), os.path.expanduser("~"), sys.prefix, socket.gethostname())
            if re.search(rf"(?<![\w/]){re.escape(detail)}\b", text)]


def test_no_local_path_reaches_a_page(project):
    add_cell(project / "notebooks" / "alpha_report.ipynb",
             "import os, socket, sys\nprint(os.getcwd(), sys.prefix, socket.gethostname())")
    assert build_project(project, "--with-code") == EXIT_OK
    for name in ("alpha.html", "alpha.code.html"):
        text = (project / "reports" / name).read_text()
        assert "[python]" in text and "./notebooks" in text, "the print output is there, scrubbed"
        assert not local_details_in(text, project)


def test_no_local_path_reaches_the_index_through_an_error_message(project):
    add_cell(project / "notebooks" / "alpha_report.ipynb", "import os\nraise RuntimeError(os.getcwd())")
    assert build_project(project) == EXIT_REPORT_FAILED
    index = (project / "reports" / "index.html").read_text()
    assert "RuntimeError: ./notebooks" in index
    assert not local_details_in(index, project)


def test_stale_temporary_files_from_a_killed_build_are_cleaned_up(project):
    leftover = project / "reports" / ".alpha.html.12345.tmp"
    leftover.write_text("half a page")
    scratch = project / "reports" / "executed" / ".alpha.12345.tmp.ipynb"
    scratch.write_text("{}")
    assert build_project(project) == EXIT_OK
    assert not leftover.exists() and not scratch.exists()


def test_removing_the_reports_directory_rebuilds_everything(project):
    shutil.rmtree(project / "reports")
    assert build_project(project) == EXIT_OK
    assert all((project / "reports" / f"{name}.html").exists() for name in FIXTURE_REPORTS)
