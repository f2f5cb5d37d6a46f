"""`make pdf` / `trade-pivot-reports --pdf`: every built report printed to A4 PDF through headless Chromium."""

from __future__ import annotations

import io
import shutil
import stat

import pytest
from reports_support import (  # noqa: F401
    CHROMIUM,
    build_project,
    built_fixture_project,
    fresh_project,
    manifest,
    project,
)

from helpers.reports import build as build_module
from helpers.reports import pdf
from helpers.reports.build import EXIT_OK, EXIT_USAGE
from helpers.reports.cli import parse_args


def fake_chromium(tmp_path, body: str) -> str:
    """A stand-in for Chromium that runs ``body`` (bash) with $PDF set to the --print-to-pdf target."""
    script = tmp_path / "chromium"
    script.write_text("#!/bin/bash\nfor a in \"$@\"; do case $a in --print-to-pdf=*) PDF=${a#*=};; esac; done\n" + body)
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_the_pdf_option_is_parsed():
    assert parse_args(["--pdf"]).pdf is True and parse_args([]).pdf is False


def test_a_printed_page_is_renamed_into_place(tmp_path):
    page = tmp_path / "a.html"
    page.write_text("<p>a</p>")
    seconds = pdf.write_pdf(page, tmp_path / "a.pdf", fake_chromium(tmp_path, 'printf "%%PDF-1.4" > "$PDF"'))
    assert (tmp_path / "a.pdf").read_bytes() == b"%PDF-1.4" and seconds >= 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_failed_print_keeps_the_previous_pdf_and_says_why(tmp_path):
    page, target = tmp_path / "a.html", tmp_path / "a.pdf"
    page.write_text("<p>a</p>")
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError, match="could not print a.html \\(exit 3\\): no display"):
        pdf.write_pdf(page, target, fake_chromium(tmp_path, 'echo "no display" >&2; exit 3'))
    assert target.read_bytes() == b"old"


def test_without_chromium_the_command_says_how_to_install_it(fresh_project, monkeypatch):
    monkeypatch.setattr(build_module, "find_chromium", lambda: None)
    log = io.StringIO()
    options = parse_args(["--root", str(fresh_project), "--pdf"])
    assert build_module.build(options, stream=log) == EXIT_USAGE
    assert "apt-get install chromium" in log.getvalue()
    assert not (fresh_project / "reports" / "alpha.html").exists(), "nothing is built half-way"
    with pytest.raises(pdf.ChromiumMissing, match="apt-get install chromium"):
        monkeypatch.setattr(shutil, "which", lambda name: None)
        pdf.write_pdf(fresh_project / "x.html", fresh_project / "x.pdf")


@pytest.mark.browser
@pytest.mark.notebooks
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium (Debian package chromium) not installed")
def test_a_pdf_build_prints_every_report_and_the_index_links_each_pdf(project):
    assert build_project(project, "--pdf") == EXIT_OK
    reports = project / "reports"
    index = (reports / "index.html").read_text()
    for name, record in manifest(project).items():
        assert record["pdf"] == f"{name}.pdf" and (reports / record["pdf"]).read_bytes().startswith(b"%PDF")
        assert f"href='{name}.pdf'" in index
    before = (reports / "alpha.pdf").stat().st_mtime_ns
    assert build_project(project, "--pdf") == EXIT_OK
    assert (reports / "alpha.pdf").stat().st_mtime_ns == before, "an up-to-date PDF is not printed again"
