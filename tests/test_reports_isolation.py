"""One broken report fails alone: a wrong catalogue variant, a full disk, a dead kernel or worker, a run that
cannot be read back. The others build, and index.html and manifest.json tell the truth about every report."""

from __future__ import annotations

import errno
import os
import signal
from pathlib import Path

import nbformat
import pytest
from reports_support import add_cell, build_project, built_fixture_project, manifest, page, project  # noqa: F401

from helpers.reports import build as build_module
from helpers.reports import execute as execute_module
from helpers.reports.build import EXIT_NOT_RECORDED, EXIT_OK, EXIT_REPORT_FAILED
from helpers.snapshot import files as files_module

pytestmark = [pytest.mark.notebooks,
              pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs Linux /proc")]

DISK_FULL = f"OSError: [Errno {errno.ENOSPC}] {os.strerror(errno.ENOSPC)}"


def index(root) -> str:
    return (root / "reports" / "index.html").read_text()


def built_at(root) -> dict:
    return {name: record.get("built_at") for name, record in manifest(root).items()}


def assert_built_and_linked(root, *names) -> None:
    records, text = manifest(root), index(root)
    for name in names:
        assert records[name]["status"] == "built"
        assert f"href='{name}.html'" in text


def test_a_wrong_variant_fails_alone_and_its_siblings_stay_built_and_listed(project, capsys):
    catalogue = project / "reports.yaml"
    catalogue.write_text(catalogue.read_text() + """\
      - name: beta_korea
        title: "Beta exports: Korea"
        colour: red
        parameters: {partner: KOR}
""")
    assert build_project(project) == EXIT_REPORT_FAILED
    assert "catalogue entry 'beta_korea': unknown keys ['colour']" in capsys.readouterr().err
    assert_built_and_linked(project, "alpha", "beta_us", "beta_japan")
    assert manifest(project)["beta_korea"]["status"] == "invalid"
    assert "beta_korea" in index(project) and "unknown keys" in index(project)


def test_a_wrong_entry_keeps_the_pages_of_its_variants_listed(project):
    catalogue = project / "reports.yaml"
    catalogue.write_text(catalogue.read_text().replace("    audience: policy staff\n    parameters:\n"
                                                       "      start_year: 2012", "    parameters:\n"
                                                       "      start_year: 2012"))
    assert build_project(project) == EXIT_REPORT_FAILED
    for name in ("beta_us", "beta_japan"):
        record = manifest(project)[name]
        assert record["status"] == "invalid" and record["pages"] == [f"{name}.html"]
        assert record["failure"] == f"catalogue entry '{name}': its entry 'beta' is wrong: missing audience"
        assert f"href='{name}.html'" in index(project)
    assert_built_and_linked(project, "alpha")


def fail_writes_of(monkeypatch, prefix: str) -> None:
    """The disk is full for the files whose temporary name starts with `prefix`: their data reaches the
    temporary file, then syncing it fails, as a full disk does."""
    real_fsync = os.fsync

    def fsync(fd):
        if Path(os.readlink(f"/proc/self/fd/{fd}")).name.startswith(prefix):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(files_module.os, "fsync", fsync)


@pytest.mark.parametrize("temporary, where", [(".alpha.html.", "writing alpha.html"),
                                              (".alpha.ipynb.", "writing the executed notebook")])
def test_a_full_disk_fails_only_the_report_being_written(project, monkeypatch, temporary, where):
    good_page, good_run = page(project, "alpha"), (project / "reports" / "executed" / "alpha.ipynb").read_bytes()
    before = built_at(project)
    fail_writes_of(monkeypatch, temporary)
    assert build_project(project, "--force") == EXIT_REPORT_FAILED
    record = manifest(project)["alpha"]
    assert (record["status"], record["failure"]) == ("failed", f"{where}: {DISK_FULL}")
    if temporary.endswith(".html."):
        assert page(project, "alpha") == good_page
    assert (project / "reports" / "executed" / "alpha.ipynb").read_bytes() == good_run
    assert not list((project / "reports").rglob(".*.tmp*"))
    after = built_at(project)
    assert after["beta_us"] != before["beta_us"] and after["beta_japan"] != before["beta_japan"]
    assert_built_and_linked(project, "beta_us", "beta_japan")
    assert DISK_FULL in index(project) and "href='alpha.html'" in index(project)
    assert "all up to date" not in index(project)


def test_a_manifest_that_cannot_be_written_during_the_build_is_written_at_its_end(project, monkeypatch):
    real_write = build_module.write_manifest
    calls = []

    def write_manifest(*args):
        calls.append(args)
        if len(calls) == 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_write(*args)

    monkeypatch.setattr(build_module, "write_manifest", write_manifest)
    before = built_at(project)
    add_cell(project / "notebooks" / "alpha_report.ipynb", "print('changed')")
    assert build_project(project) == EXIT_OK
    assert len(calls) > 1 and built_at(project)["alpha"] != before["alpha"]
    assert_built_and_linked(project, "alpha", "beta_us", "beta_japan")


def test_an_index_that_cannot_be_written_is_exit_status_4(project, monkeypatch, capsys):
    def write_index(*_args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(build_module, "write_index", write_index)
    assert build_project(project) == EXIT_NOT_RECORDED
    assert "could not write reports/index.html: [Errno 28]" in capsys.readouterr().err


def test_a_run_that_cannot_be_read_back_fails_its_report_with_the_cells_error(project, monkeypatch):
    add_cell(project / "notebooks" / "alpha_report.ipynb", "raise ValueError('no 2031 in the snapshot')")

    def read_notebook(_path):
        raise nbformat.reader.NotJSONError("Notebook does not appear to be JSON: '{\"cells\": [{'")

    monkeypatch.setattr(execute_module, "read_notebook", read_notebook)
    assert build_project(project) == EXIT_REPORT_FAILED
    failure = manifest(project)["alpha"]["failure"]
    assert "ValueError: no 2031 in the snapshot" in failure and "\n" not in failure
    assert_built_and_linked(project, "beta_us", "beta_japan")


def test_a_dead_kernel_fails_its_report_with_a_one_line_reason(project):
    add_cell(project / "notebooks" / "alpha_report.ipynb", "import os\nos._exit(1)")
    assert build_project(project) == EXIT_REPORT_FAILED
    failure = manifest(project)["alpha"]["failure"]
    assert "DeadKernelError" in failure and "\n" not in failure
    assert_built_and_linked(project, "beta_us", "beta_japan")


def test_a_worker_that_dies_fails_only_its_report(project, monkeypatch):
    real_write_pages = execute_module.write_pages

    def write_pages(nb, job):
        if job.report.name == "alpha":
            os.kill(os.getpid(), signal.SIGKILL)
        return real_write_pages(nb, job)

    monkeypatch.setattr(execute_module, "write_pages", write_pages)
    assert build_project(project, "--force") == EXIT_REPORT_FAILED
    assert manifest(project)["alpha"]["failure"].startswith("its worker process: BrokenProcessPool")
    assert_built_and_linked(project, "beta_us", "beta_japan")


@pytest.mark.parametrize("field, old, new", [("title", "Alpha exports", "Alpha exports, revised"),
                                             ("description", "since 2016.", "since 2016, revised.")])
def test_a_new_title_or_description_rebuilds_the_page(project, field, old, new):
    before = built_at(project)
    catalogue = project / "reports.yaml"
    catalogue.write_text(catalogue.read_text().replace(old, new))
    assert build_project(project) == EXIT_OK
    after = built_at(project)
    assert after["alpha"] != before["alpha"]
    assert (after["beta_us"], after["beta_japan"]) == (before["beta_us"], before["beta_japan"])
    assert new in page(project, "alpha").decode() and new in index(project)
    assert manifest(project)["alpha"][field].endswith(new.split()[-1])


def test_a_build_with_nothing_to_rebuild_still_rewrites_a_stale_index(project):
    (project / "reports" / "index.html").write_text("<p>3 reports, all up to date.</p>")
    assert build_project(project) == EXIT_OK
    assert_built_and_linked(project, "alpha", "beta_us", "beta_japan")
