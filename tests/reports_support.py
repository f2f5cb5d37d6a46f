"""Shared fixtures for the report pipeline tests: a small fixture project, built once per session.

The fixture project (tests/fixtures/project) has two notebooks shaped like the real ones (parameters cell,
a literal `load("<name>")`, a chart with alt text and a CSV download), its own data files and sources
registry, and a catalogue with a fanned-out entry. Tests copy the built project and change one thing.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
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


# Headless Chromium, started as the CI brief says: no sandbox, no GPU, no background or component traffic,
# a fresh profile, and every host name unresolvable on top of Playwright's request blocking.
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--host-resolver-rules=MAP * ~NOTFOUND"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS, offline=True)
        yield context
        context.close()


def open_offline(browser, path: Path) -> dict:
    """Load a file with every other request blocked; what the page asked for and how it rendered."""
    own_url = path.resolve().as_uri()
    requests, console_errors = [], []
    page = browser.new_page()
    page.route(re.compile(r"^(?!data:).*"), lambda route: route.continue_() if route.request.url == own_url
               else route.abort())
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    page.on("pageerror", lambda error: console_errors.append(str(error)))
    page.goto(own_url, wait_until="load")
    images = page.evaluate("""Array.from(document.images).map(image => ({
        decoded: image.complete && image.naturalWidth > 0, alt: (image.getAttribute('alt') || '').trim()}))""")
    links = page.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))")
    page.close()
    return {"outside": [url for url in requests if url != own_url and not url.startswith("data:")],
            "console_errors": console_errors, "images": images, "links": links}
