"""Markup typed into a file people edit never becomes live in a report.

Each test puts script-bearing text into one kind of file content (claims.yaml wording, publisher, explanation,
stated figure and link; a CSV `note`, `derivation` and `asean_definition`; a commodity label; an event label; a
reports.yaml title and description; a registry publisher), runs the real text, chart and report code on it, renders
the page the build would write, opens it in headless Chromium and asserts on the parsed DOM: no injected element, no
event handler, no live `javascript:` link, nothing executed, and the text shown as typed. The last tests check the
second layer: every page carries a Content-Security-Policy that blocks a script that did get in, and the CSV
download links still work under it.
"""

from __future__ import annotations

import base64
import dataclasses
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from reports_support import CHROMIUM, browser, built_fixture_project  # noqa: F401

from helpers import charts
from helpers.analysis import export_orders as orders_analysis
from helpers.analysis import japan_taiwan as jt
from helpers.analysis.pivot_drivers import ProductFinding
from helpers.claims.evaluate import DIFFERS, Result
from helpers.claims.registry import Claim
from helpers.reports.catalogue import Report
from helpers.reports.html import render_report
from helpers.reports.index import render_index
from helpers.reports.pages import CONTENT_SECURITY_POLICY
from helpers.reports.provenance import BuildInfo, DatasetProvenance, Source
from helpers.snapshot import load
from helpers.text import (
    claims_check,
    export_orders,
    japan_taiwan,
    markdown,
    partner_profile,
    pivot_drivers,
    trade_pivot,
)

pytestmark = [pytest.mark.browser, pytest.mark.notebooks,
              pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium (Debian package chromium) not installed")]

# Each payload tries a different way in; each would set the page title to PWNED if it ran.
PAYLOADS = {
    "img": "<img src=x onerror=\"document.title='PWNED'\">",
    "script": "<script>document.title='PWNED'</script>",
    "link": "[read more](javascript:document.title='PWNED')",
    "anchor": "<a href=\"javascript:document.title='PWNED'\">read more</a>",
    "svg": "<svg onload=\"document.title='PWNED'\"></svg>",
}
EVIL = " ".join(PAYLOADS.values())
BUILD = BuildInfo(package_version="0.1.0", git_commit="abc123", built_at="2026-01-31 06:00:00 UTC")
REPORT = Report(name="injected", title="Injected", description="A report built from hostile files.",
                notebook="notebooks/x.ipynb", audience="policy staff")
# What the DOM must not contain: script, any element the payloads create, any on* attribute, any link with a scheme
# other than http(s), mailto or a CSV download; and the page title must be untouched.
INSPECT = """() => ({
    title: document.title,
    scripts: document.scripts.length,
    injected: document.querySelectorAll('svg, iframe, object, embed, form, img:not([src^="data:image/png"])').length,
    handlers: Array.from(document.querySelectorAll('*')).flatMap(element =>
        Array.from(element.attributes).filter(attribute => attribute.name.startsWith('on'))
            .map(attribute => element.tagName + ' ' + attribute.name)),
    links: Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href')),
    text: document.body.innerText,
    policy: Array.from(document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]')).map(m => m.content),
})"""


def displayed_bundle(show, *args, **kwargs) -> dict:
    """The MIME bundle ``show(*args)`` displays in a notebook (``say``, ``charts.show_table`` …)."""
    shown = []

    def capture(obj, raw=False, **_):
        shown.append(obj if raw else obj._repr_mimebundle_() if hasattr(obj, "_repr_mimebundle_")
                     else {"text/markdown": obj._repr_markdown_()})

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("IPython.display.display", capture)
        show(*args, **kwargs)
    (bundle,) = shown
    return bundle


def report_page(tmp_path: Path, bundles: list[dict], report: Report = REPORT,
                datasets: list[DatasetProvenance] = ()) -> Path:
    """The reader's HTML page of a notebook whose cells displayed ``bundles``, as the build renders it."""
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("say(...)")
    cell.outputs = [nbformat.v4.new_output("display_data", data=bundle) for bundle in bundles]
    nb.cells = [nbformat.v4.new_markdown_cell("# Report"), cell]
    page = tmp_path / "report.html"
    page.write_text(render_report(nb, report=report, parameters={"partner": "JPN"}, datasets=list(datasets),
                                  build=BUILD, with_code=False, root=tmp_path))
    return page


def inspect(browser, page: Path) -> dict:
    tab = browser.new_page()
    tab.goto(page.resolve().as_uri(), wait_until="load")
    seen = tab.evaluate(INSPECT)
    tab.close()
    return seen


def assert_inert(seen: dict, *shown_as_text: str) -> None:
    assert seen["title"] != "PWNED", "an injected script ran"
    assert seen["scripts"] == 0 and seen["injected"] == 0 and seen["handlers"] == []
    live = [href for href in seen["links"] if re.match(r"\s*[A-Za-z][A-Za-z0-9+.-]*:", href)
            and not re.match(r"(https?:|mailto:|data:text/csv;base64,)", href)]
    assert live == [], f"links with another scheme: {live}"
    text = re.sub(r"\s+", " ", seen["text"])
    for expected in shown_as_text:
        assert expected in text, f"{expected!r} is not shown as text"
    assert seen["policy"] == [CONTENT_SECURITY_POLICY]


def say(text: str) -> dict:
    return displayed_bundle(markdown.say, text)


# --------------------------------------------------------------------------------------------
# data/claims.yaml
# --------------------------------------------------------------------------------------------
def hostile_claim() -> Claim:
    return Claim(id="evil", topic="trade_pivot", wording=f"Exports rose {EVIL}", publisher=f"Daily {PAYLOADS['img']}",
                 published_in="javascript:document.title='PWNED'", period="2025",
                 stated=f"640.75{PAYLOADS['anchor']}", unit="USD billion", check={},
                 explanation=f"Because {PAYLOADS['link']} {PAYLOADS['script']}")


def test_claims_yaml_wording_publisher_stated_explanation_and_link_stay_text(browser, tmp_path):
    result = Result("evil", hostile_claim(), DIFFERS, computed=640.0, difference=-0.75, basis="table",
                    note=f"a note {PAYLOADS['svg']}", sources=("mof_u2010",))
    bundles = [say(claims_check.summary([result])), *map(say, claims_check.differs_sections([result])),
               say(markdown.key_findings_markdown(claims_check.key_findings([result]), "Data to 2025.")),
               displayed_bundle(charts.show_table, claims_check.table([result], {"trade_pivot": "Trade"}),
                                title="Claims checked", sources=["mof_u2010"])]
    seen = inspect(browser, report_page(tmp_path, bundles))
    assert_inert(seen, "Exports rose <img src=x onerror=\"document.title='PWNED'\">",
                 "Because [read more](javascript:document.title='PWNED') <script>", "Daily <img src=x")
    assert "javascript:document.title='PWNED'" not in seen["links"]


def test_an_invalid_claim_definition_shows_its_error_as_text(browser, tmp_path):
    result = Result("evil", None, "invalid definition", note=f"claim 'evil': unknown measure {PAYLOADS['img']}")
    assert_inert(inspect(browser, report_page(tmp_path, [say(claims_check.invalid_section([result]))])),
                 "unknown measure <img src=x")


# --------------------------------------------------------------------------------------------
# free-text CSV columns and labels
# --------------------------------------------------------------------------------------------
def test_csv_note_and_asean_definition_stay_text(browser, tmp_path):
    survey = load("production_survey")
    survey.loc[(survey["location"] == "TWN") & (survey["period"] == pd.Period("2024", freq="Y")), "note"] = \
        f"revised {EVIL}"
    shares = orders_analysis.location_shares(survey, ["TWN", "CHN+HKG", "ASEAN"])
    orders = load("export_orders")
    asean = orders.index[(orders["region"] == "ASEAN") & (orders["period"] == pd.Period("2025", freq="Y"))]
    orders.loc[asean, "asean_definition"] = f"not stated ({PAYLOADS['img']} {PAYLOADS['link']})"
    bundles = [say(export_orders.survey_notes(shares, 2016, 2025)), say(export_orders.asean_definition(orders, 2016, 2025))]
    assert_inert(inspect(browser, report_page(tmp_path, bundles)), "revised <img src=x", "not stated (<img src=x")


def test_csv_derivation_period_and_note_stay_text(browser, tmp_path):
    pairs = load("japan_taiwan")
    derived = pairs.index[(pairs["measure"] == "fdi_approved_amount") & (pairs["basis"] == "derived")]
    assert len(derived), "the snapshot has a derived approval to inject into"
    pairs.loc[derived[0], "derivation"] = f"1699.41/2.3 {EVIL}"
    approvals = jt.annual_series(pairs, "fdi_approved_amount", "JPN->TWN", 2001, 2025)
    trade = load("trade_by_partner", freq="A")
    trade.loc[trade.index[(trade["basis"] == "derived")][:1], "note"] = f"exports minus surplus {PAYLOADS['img']}"
    bundles = [say(japan_taiwan.approvals_reading(approvals)), say(japan_taiwan.outward_reading(pairs)),
               say(japan_taiwan.derived_note(trade, list(trade["partner"].unique()), 2001, 2025))]
    assert_inert(inspect(browser, report_page(tmp_path, bundles)), "1699.41/2.3 <img src=x")


def test_commodity_labels_and_event_labels_stay_text(browser, tmp_path):
    years = pd.PeriodIndex(["2024", "2025"], freq="Y")
    world = pd.DataFrame({"84": [10e9, 20e9]}, index=years)
    china = pd.DataFrame({"84": [4e9, 5e9]}, index=years)
    labels = {"84": f"Machinery {EVIL}", "85": f"Electronics {PAYLOADS['img']}"}
    event = {"where_reported": f"MOF release {PAYLOADS['link']}", "event": f"first time {PAYLOADS['img']}"}
    products = ProductFinding(period=years[-1], hub="CHN+HKG", hub_share={"84": 25.0, "85": 60.0},
                              hub_value={"84": 5e9, "85": 9e9})
    bundles = [say(trade_pivot.commodities(world, china, labels)), say(pivot_drivers.product_reading([products], labels)),
               say(partner_profile.top_commodities(pd.Series({"84": 5e9}), labels, "JPN", years[-1], 10e9)),
               say(trade_pivot.release_note(event))]
    assert_inert(inspect(browser, report_page(tmp_path, bundles)), "Machinery <img src=x", "first time <img src=x")


# --------------------------------------------------------------------------------------------
# reports.yaml and data/sources.yaml (the header and the index)
# --------------------------------------------------------------------------------------------
def test_reports_yaml_title_description_and_registry_entries_stay_text_in_the_header(browser, tmp_path):
    report = dataclasses.replace(REPORT, title=f"Trade {PAYLOADS['img']}", description=f"About {EVIL}")
    datasets = [DatasetProvenance(name="trade_by_partner", vintage=f"2025 {PAYLOADS['svg']}", sources=(
        Source(publisher=f"Ministry {PAYLOADS['img']}", dataset="Exports", licence=PAYLOADS["anchor"]),))]
    seen = inspect(browser, report_page(tmp_path, [say("Text.")], report=report, datasets=datasets))
    assert_inert(seen, "Trade <img src=x", "About <img src=x", "Ministry <img src=x")


def test_reports_yaml_title_description_and_failure_stay_text_in_the_index(browser, tmp_path):
    record = {"title": f"Trade {PAYLOADS['img']}", "description": f"About {EVIL}", "status": "failed",
              "failure": f"cell 3: ValueError: {PAYLOADS['script']}", "pages": ["trade.html"],
              "vintage": {"trade_by_partner": PAYLOADS["svg"]}, "built_at": "now"}
    page = tmp_path / "index.html"
    page.write_text(render_index(["trade"], {"trade": record}, "now"))
    assert_inert(inspect(browser, page), "Trade <img src=x", "ValueError: <script>")


# --------------------------------------------------------------------------------------------
# the second layer: the Content-Security-Policy, and downloads under it
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["alpha.html", "index.html"])
def test_a_script_that_got_into_a_built_page_does_not_run(browser, built_fixture_project, tmp_path, name):
    html = (built_fixture_project / "reports" / name).read_text()
    head = html.index("<head>") + len("<head>")
    assert html.index('http-equiv="Content-Security-Policy"') < html.index("<style"), "the policy comes first"
    planted = tmp_path / name
    planted.write_text(html[:head] + html[head:].replace(
        "</body>", "<script>document.title='PWNED'</script><img src=x onerror=\"document.title='PWNED'\"></body>"))
    tab = browser.new_page()
    tab.goto(planted.resolve().as_uri(), wait_until="load")
    assert tab.title() != "PWNED"
    tab.close()


def test_the_csv_download_link_still_downloads_the_chart_data(browser, built_fixture_project, tmp_path):
    tab = browser.new_page()
    tab.goto((built_fixture_project / "reports" / "alpha.html").resolve().as_uri(), wait_until="load")
    link = tab.locator("a[download]").first
    href = link.get_attribute("href")
    assert link.get_attribute("download") == "data.csv" and href.startswith("data:text/csv;base64,")
    with tab.expect_download() as waiting:
        link.click()
    saved = tmp_path / "downloaded.csv"
    waiting.value.save_as(saved)
    tab.close()
    assert saved.read_bytes() == base64.b64decode(href.split(",", 1)[1])
    assert saved.read_text().startswith("year,value\n")
