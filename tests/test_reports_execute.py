"""Locating the failing cell and describing the error of a failed notebook run."""

from __future__ import annotations

import nbformat
from nbclient.exceptions import CellTimeoutError
from papermill.exceptions import PapermillExecutionError

from helpers.reports.catalogue import Report
from helpers.reports.execute import (
    Failure,
    Job,
    cell_previewed_in,
    describe_failure,
    error_text,
    executed_path,
    failing_cell_index,
    first_line,
    html_name,
)
from helpers.reports.provenance import BuildInfo


def code_cell(source, *, started=False, error=False, tags=()):
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["tags"] = list(tags)
    cell.metadata["papermill"] = {"start_time": "2026-01-01T00:00:00" if started else None}
    if error:
        cell.outputs = [nbformat.v4.new_output("error", ename="ValueError", evalue="bad", traceback=[])]
    return cell


def job_for(tmp_path, notebook_cells) -> Job:
    nb = nbformat.v4.new_notebook()
    nb.cells = notebook_cells
    (tmp_path / "notebooks").mkdir(exist_ok=True)
    nbformat.write(nb, tmp_path / "notebooks" / "a.ipynb")
    report = Report(name="a", title="A", description="", notebook="notebooks/a.ipynb", audience="")
    return Job(report=report, root=tmp_path, reports_dir=tmp_path / "reports", kernel="python3",
               cell_timeout_seconds=5, with_code=False, parameters={}, datasets=[],
               build=BuildInfo(package_version="0", git_commit="x", built_at="now"))


def test_the_cell_with_an_error_output_is_the_failing_one():
    cells = [code_cell("a", started=True), code_cell("b", started=True, error=True), code_cell("c")]
    assert failing_cell_index(cells) == 1


def test_without_an_error_output_the_last_cell_that_started_failed():
    cells = [code_cell("a", started=True), code_cell("b", started=True), code_cell("c")]
    assert failing_cell_index(cells) == 1
    assert failing_cell_index([code_cell("a")]) is None


def test_describe_failure_counts_cells_as_committed_not_as_papermill_ran_them(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("error marker", metadata={"tags": ["papermill-error-cell-tag"]}),
                code_cell("x = 1", started=True, tags=["parameters"]),
                code_cell("x = 2", started=True, tags=["injected-parameters"]),
                code_cell("\n\nframe = load('trade_by_partner')\nraise", started=True, error=True)]
    error = PapermillExecutionError(3, 1, "", "ValueError", "bad", [])
    failure = describe_failure(nb, error, job_for(tmp_path, []))
    assert failure == Failure(where="cell 2 (\"frame = load('trade_by_partner')\")", error="ValueError: bad")
    assert failure.describe() == "cell 2 (\"frame = load('trade_by_partner')\"): ValueError: bad"


def test_a_timeout_is_located_from_the_cell_preview_in_the_committed_notebook(tmp_path):
    job = job_for(tmp_path, [nbformat.v4.new_markdown_cell("# T"), code_cell("x = 1"),
                             code_cell("import time\ntime.sleep(30)")])
    error = CellTimeoutError.error_from_timeout_and_cell("Cell execution timed out", 5,
                                                         code_cell("import time\ntime.sleep(30)"))
    failure = describe_failure(None, error, job)
    assert failure.where == "cell 3 ('import time')"
    assert failure.error.startswith("CellTimeoutError: A cell timed out while it was being executed, after 5")


def test_a_failure_before_any_cell_names_no_cell(tmp_path):
    failure = describe_failure(None, RuntimeError("Kernel died before replying"),
                               job_for(tmp_path, [code_cell("x = 1")]))
    assert failure.describe() == "the notebook (no cell identified): RuntimeError: Kernel died before replying"


def test_a_committed_notebook_that_cannot_be_read_names_no_cell(tmp_path):
    job = job_for(tmp_path, [code_cell("x = 1")])
    (tmp_path / "notebooks" / "a.ipynb").write_text("{half a notebook")
    failure = describe_failure(None, RuntimeError("Kernel died"), job)
    assert failure.describe() == "the notebook (no cell identified): RuntimeError: Kernel died"


def test_cell_previewed_in_needs_the_framed_preview():
    assert cell_previewed_in("no preview here", [code_cell("x")]) is None


def test_error_text_prefers_the_notebook_exception_and_keeps_one_line():
    assert error_text(PapermillExecutionError(0, 1, "", "KeyError", "'USA'", [])) == "KeyError: 'USA'"
    assert error_text(RuntimeError("first line\nsecond line")) == "RuntimeError: first line"


def test_first_line_skips_blank_lines():
    assert first_line("\n   \n  x = 1\ny = 2") == "x = 1"


def test_output_names(tmp_path):
    assert (html_name("a", False), html_name("a", True)) == ("a.html", "a.code.html")
    assert executed_path(tmp_path, "a", failed=True) == tmp_path / "executed" / "a.failed.ipynb"
    assert executed_path(tmp_path, "a", failed=False) == tmp_path / "executed" / "a.ipynb"
