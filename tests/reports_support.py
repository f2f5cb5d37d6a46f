"""Shared fixtures for the report pipeline tests: a small fixture project, built once per session.

The fixture project (tests/fixtures/project) has two notebooks shaped like the real ones (parameters cell,
a literal `load("<name>")`, a chart with alt text and a CSV download), its own data files and sources
registry, and a catalogue with a fanned-out entry. Tests copy the built project and change one thing.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers.reports import build as build_module
from helpers.reports.cli import main

FIXTURE_PROJECT = Path(__file__).parent / "fixtures" / "project"
FIXTURE_REPORTS = ["alpha", "beta_us", "beta_japan"]
STABLE_ENVIRONMENT = "fixture-environment"


def build_project(root: Path, *args: str) -> int:
    """`trade-pivot-reports --root ROOT ARGS`, in this process, with the helpers fingerprint held fixed
    (other people editing `src/helpers` while the tests run must not look like a change)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build_module, "environment_fingerprint", lambda: STABLE_ENVIRONMENT)
        return main(["--root", str(root), *args])


def manifest(root: Path) -> dict:
    return json.loads((root / "reports" / "manifest.json").read_text())["reports"]


def page(root: Path, name: str) -> bytes:
    return (root / "reports" / f"{name}.html").read_bytes()


def add_cell(notebook: Path, source: str, position: int = -1) -> None:
    """Insert a code cell into a notebook file (position -1 appends)."""
    nb = json.loads(notebook.read_text())
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}
    nb["cells"].insert(len(nb["cells"]) if position == -1 else position, cell)
    notebook.write_text(json.dumps(nb))


@pytest.fixture(scope="session")
def built_fixture_project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("built") / "project"
    shutil.copytree(FIXTURE_PROJECT, root)
    assert build_project(root) == 0
    return root


@pytest.fixture
def project(built_fixture_project, tmp_path) -> Path:
    """A private copy of the fixture project, already built once."""
    root = tmp_path / "project"
    shutil.copytree(built_fixture_project, root)
    return root


@pytest.fixture
def fresh_project(tmp_path) -> Path:
    """A private copy of the fixture project, never built."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE_PROJECT, root, ignore=shutil.ignore_patterns("reports"))
    return root
