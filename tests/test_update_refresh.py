"""`make refresh` end to end: official releases from a local server into the snapshot, then the incremental
report build of a small project whose notebooks read trade_by_partner, mirror and export_orders."""

import io
import json
import shutil

import pytest
from official_release import (  # noqa: F401
    OfficialServer,
    Response,
    census_values,
    country_xlsx,
    mof_values,
    offline,
    serve_release,
    server,
    small_snapshot,
    u2010_body,
    with_census_month,
    with_month,
)

from helpers.reports import build as build_module
from helpers.reports.build import Options
from helpers.update import census, mof, refresh
from helpers.update import cli as update

READS = {"trade": "trade_by_partner", "mirror": "mirror", "orders": "export_orders"}


def notebook(dataset: str) -> dict:
    cells = [
        {"cell_type": "code", "metadata": {"tags": ["parameters"]}, "execution_count": None, "outputs": [],
         "source": 'title = "fixture"'},
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
         "source": "import pandas as pd\n\n\ndef load(name):\n    return pd.read_csv(f'../data/{name}.csv')\n\n\n"
                   f'frame = load("{dataset}")\nprint(title, len(frame))'},
    ]
    return {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                                        "name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}


def write_project(root):
    (root / "notebooks").mkdir()
    entries = []
    for name, dataset in READS.items():
        (root / "notebooks" / f"{name}.ipynb").write_text(json.dumps(notebook(dataset)))
        entries.append(f"  - name: {name}\n    title: {name}\n    description: reads {dataset}\n"
                       f"    notebook: notebooks/{name}.ipynb\n    audience: tests\n")
    (root / "reports.yaml").write_text("settings:\n  kernel: python3\n  cell_timeout_seconds: 60\nreports:\n"
                                       + "".join(entries))


def options(root) -> Options:
    return Options(root=root, catalogue=root / "reports.yaml", reports_dir=root / "reports", jobs=2)


@pytest.fixture(autouse=True)
def stable_environment(monkeypatch):
    """Other people editing src/helpers while the tests run must not look like a change to every report."""
    monkeypatch.setattr(build_module, "environment_fingerprint", lambda: "fixture-environment")


@pytest.fixture(scope="module")
def built_project(tmp_path_factory):
    """A project whose snapshot already holds the releases `serve_release(month=None)` serves, built once."""
    root = tmp_path_factory.mktemp("refresh") / "project"
    root.mkdir()
    small_snapshot(root / "data")
    write_project(root)
    official = OfficialServer()
    official.thread.start()
    try:
        serve_release(official, root / "data", month=None)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(build_module, "environment_fingerprint", lambda: "fixture-environment")
            assert refresh.refresh(list(update.PUBLISHERS), root / "data", root / "updates", official.settings(),
                                   options(root), io.StringIO()) == 0
    finally:
        official.httpd.shutdown()
        official.httpd.server_close()
    return root


@pytest.fixture
def project(built_project, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(built_project, root)
    return root


def page_times(root) -> dict[str, int]:
    return {name: (root / "reports" / f"{name}.html").stat().st_mtime_ns for name in READS}


def run_refresh(server, root) -> tuple[int, str]:
    out = io.StringIO()
    status = refresh.refresh(list(update.PUBLISHERS), root / "data", root / "updates", server.settings(timeout=1),
                             options(root), out)
    return status, out.getvalue()


def rebuilt(before: dict, after: dict) -> set[str]:
    return {name for name in before if before[name] != after[name]}


@pytest.mark.notebooks  # builds reports
def test_with_nothing_new_nothing_is_written_and_no_report_is_rebuilt(server, project):
    serve_release(server, project / "data", month=None)
    before = page_times(project)
    status, printed = run_refresh(server, project)
    assert status == 0
    assert update.NOTHING_NEW in printed and "3 reports up to date; nothing to rebuild" in printed
    assert rebuilt(before, page_times(project)) == set()


@pytest.mark.notebooks  # builds reports
def test_a_new_mof_month_rebuilds_the_report_reading_trade_by_partner(server, project):
    serve_release(server, project / "data", month=None)
    exports = with_month(mof_values(project / "data", "export"), "2025-09")
    imports = with_month(mof_values(project / "data", "import"), "2025-09")
    server.serve(mof.URL_EXPORTS, u2010_body(exports, "export"))
    server.serve(mof.URL_IMPORTS, u2010_body(imports, "import"))
    before = page_times(project)
    status, printed = run_refresh(server, project)
    assert status == 0, printed
    assert "new periods: M 2025-09" in printed
    assert "trade" in rebuilt(before, page_times(project))


@pytest.mark.notebooks  # builds reports
def test_a_new_mof_month_rebuilds_exactly_the_reports_reading_trade_by_partner(server, project):
    serve_release(server, project / "data", month=None)
    server.serve(mof.URL_EXPORTS, u2010_body(with_month(mof_values(project / "data", "export"), "2025-09"), "export"))
    before = page_times(project)
    run_refresh(server, project)
    assert rebuilt(before, page_times(project)) == {"trade"}


@pytest.mark.notebooks  # builds reports
def test_a_failing_source_does_not_stop_the_rebuild_of_what_did_change(server, project):
    serve_release(server, project / "data", month=None)
    server.serve(mof.URL_EXPORTS, Response(b"<html>maintenance</html>", content_type="text/html"))
    years = with_census_month(census_values(project / "data"), "2025-12", imports=12000.0, exports=5000.0)
    server.serve(census.URL, country_xlsx(years))
    trade_before = (project / "data" / "trade_by_partner.csv").read_bytes()
    before = page_times(project)
    status, printed = run_refresh(server, project)
    assert status == update.EXIT_SOURCE_FAILED
    assert "## mof (mof_u2010): FAILED" in printed and "## census (census_country_xlsx): updated" in printed
    assert (project / "data" / "trade_by_partner.csv").read_bytes() == trade_before
    assert "mirror" in rebuilt(before, page_times(project))


def test_make_refresh_updates_every_source_into_the_project_data_then_builds_its_catalogue(monkeypatch):
    calls = []
    monkeypatch.setattr(refresh, "refresh", lambda *args, **kwargs: calls.append(args) or 0)
    assert refresh.main(["--jobs", "1"]) == 0
    sources, data_dir, update_dir, settings, build_options = calls[0]
    assert sources == ["mof", "census", "moea"]
    assert data_dir.name == "data" and update_dir == data_dir.parent / "reports" / "updates"
    assert settings.base_url is None and settings.timeout > 0
    assert build_options.root == data_dir.parent and build_options.jobs == 1
