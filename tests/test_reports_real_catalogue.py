"""The real catalogue (reports.yaml) against the real notebooks and data snapshot."""

from __future__ import annotations

from pathlib import Path

import pytest
from reports_support import CHROMIUM, browser, open_offline  # noqa: F401

from helpers.reports.build import EXIT_OK
from helpers.reports.catalogue import load_catalogue
from helpers.reports.cli import main

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "reports.yaml"
MAX_PAGE_BYTES = 2_000_000


def test_every_entry_of_the_real_catalogue_matches_its_notebook():
    catalogue = load_catalogue(CATALOGUE, ROOT)
    assert [str(error) for error in catalogue.invalid] == []
    assert catalogue.reports


def test_the_partner_profile_fans_out_over_the_key_partners():
    catalogue = load_catalogue(CATALOGUE, ROOT)
    partners = [report.parameters.get("partner") for report in catalogue.reports
                if report.notebook == "notebooks/partner_profile.ipynb"]
    names = catalogue.names
    assert sum(name.startswith("partner_") for name in names) == 7
    assert set(partners) <= {"USA", "CHN+HKG", "JPN", "ASEAN", "KOR", "EUR", "MEX"}


@pytest.fixture(scope="module")
def real_reports(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("real") / "reports"
    assert main(["--root", str(ROOT), "--output", str(output)]) == EXIT_OK
    return output


@pytest.mark.notebooks
def test_building_the_whole_real_catalogue_writes_every_report_and_the_index(real_reports):
    names = load_catalogue(CATALOGUE, ROOT).names
    assert (real_reports / "index.html").exists()
    for name in names:
        page = real_reports / f"{name}.html"
        assert page.exists(), name
        assert page.stat().st_size < MAX_PAGE_BYTES, f"{name}.html is {page.stat().st_size} bytes"


@pytest.mark.notebooks
@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium (Debian package chromium) not installed")
def test_every_real_report_opens_offline_in_a_browser(browser, real_reports):
    for page in sorted(real_reports.glob("*.html")):
        seen = open_offline(browser, page)
        assert seen["outside"] == [] and seen["console_errors"] == [], page.name
        assert all(image["decoded"] and image["alt"] for image in seen["images"]), page.name
