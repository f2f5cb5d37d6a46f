"""A real browser opens the index and every report with the network blocked.

Headless Chromium (Debian package `chromium`, installed by .ci/run) driven by Playwright. Every request that
is not the page's own file is blocked and counted: a report must make none, log no console error, decode
every image and give every image alt text. Skipped when Chromium is not installed.
"""

from __future__ import annotations

import pytest
from reports_support import CHROMIUM, FIXTURE_REPORTS, browser, built_fixture_project, open_offline  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.notebooks,
              pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium (Debian package chromium) not installed")]


def test_the_index_opens_offline_and_links_every_report(browser, built_fixture_project):
    reports = built_fixture_project / "reports"
    seen = open_offline(browser, reports / "index.html")
    assert seen["outside"] == [] and seen["console_errors"] == []
    assert {f"{name}.html" for name in FIXTURE_REPORTS} <= set(seen["links"])
    assert all((reports / link).exists() for link in seen["links"])


@pytest.mark.parametrize("name", FIXTURE_REPORTS)
def test_every_report_opens_offline_with_decoded_images_and_alt_text(browser, built_fixture_project, name):
    seen = open_offline(browser, built_fixture_project / "reports" / f"{name}.html")
    assert seen["outside"] == [], "a report must make no network request"
    assert seen["console_errors"] == []
    assert seen["images"], "the fixture report has a chart"
    assert all(image["decoded"] for image in seen["images"])
    assert all(image["alt"] for image in seen["images"])
    assert any(link.startswith("data:text/csv") for link in seen["links"]), "chart data downloadable as CSV"


def test_a_page_that_asks_for_the_network_is_caught(browser, tmp_path):
    """The check itself works: a page with a CDN script and a remote image is reported."""
    page = tmp_path / "remote.html"
    page.write_text("<html><head><script src='https://cdn.example.org/require.js'></script></head>"
                    "<body><img src='https://example.org/chart.png'></body></html>")
    seen = open_offline(browser, page)
    assert "https://cdn.example.org/require.js" in seen["outside"]
    assert not all(image["decoded"] and image["alt"] for image in seen["images"])
