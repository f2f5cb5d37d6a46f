"""The `trade-pivot-reports` command line and its progress output."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest

from helpers.reports import build as build_module
from helpers.reports.cli import parse_args
from helpers.reports.progress import Progress


def test_defaults_build_everything_from_the_current_directory_on_every_core(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    options = parse_args([])
    assert options.root == tmp_path.resolve()
    assert options.catalogue == tmp_path.resolve() / "reports.yaml"
    assert options.reports_dir == tmp_path.resolve() / "reports"
    assert (options.only, options.force, options.with_code) == ([], False, False)
    assert options.jobs == os.cpu_count()


def test_every_option_reaches_the_build(tmp_path):
    options = parse_args(["--only", "trade_pivot", "--only", "partner_*", "--force", "--jobs", "3",
                          "--with-code", "--root", str(tmp_path), "--output", str(tmp_path / "out")])
    assert options.only == ["trade_pivot", "partner_*"]
    assert (options.force, options.jobs, options.with_code) == (True, 3, True)
    assert options.reports_dir == tmp_path / "out"


def test_jobs_must_be_positive():
    with pytest.raises(SystemExit):
        parse_args(["--jobs", "0"])


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_without_a_terminal_progress_is_plain_timestamped_lines():
    stream = io.StringIO()
    progress = Progress(2, stream)
    progress.log("building a")
    progress.advance("a: built in 1.0 s")
    progress.close()
    lines = stream.getvalue().splitlines()
    assert lines[0].endswith(" building a") and lines[1].endswith(" [1/2] a: built in 1.0 s")
    assert "\r" not in stream.getvalue()


def test_in_a_terminal_progress_is_a_bar():
    stream = Terminal()
    progress = Progress(2, stream)
    progress.advance("a: built")
    progress.close()
    assert "1/2" in stream.getvalue() and "\r" in stream.getvalue() and "a: built" in stream.getvalue()


def test_the_console_script_is_declared():
    assert 'trade-pivot-reports = "helpers.reports.cli:main"' in (
        Path(__file__).resolve().parents[1] / "pyproject.toml").read_text()


def test_the_exit_statuses_are_the_ones_docs_scheduling_md_documents():
    """Each status is exercised by the build tests; here the documented table and the code must agree."""
    doc = (Path(__file__).parents[1] / "docs" / "scheduling.md").read_text()
    documented = {row for row in re.findall(r"^\| `(\d+|128\+N)` \|", doc, flags=re.MULTILINE)}
    in_code = {str(value) for name, value in vars(build_module).items() if name.startswith("EXIT_")}
    assert documented == in_code | {"128+N"}
