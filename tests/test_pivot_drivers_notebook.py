"""notebooks/pivot_drivers.ipynb runs clean under nbval and papermill, with default and other parameters, states
what the text helpers compute from the data for the figures issue 14 names, and fails fast on bad parameters.

The figures themselves are pinned once, in test_pivot_drivers_snapshot.py and test_snapshot_figures.py (snapshot
marker); a data update changes nothing here.
"""

import re

import papermill as pm
import pytest
from markdown_support import shown
from notebook_support import (
    ROOT,
    displayed,
    execute,
    executed_after_failure,
    markdown_text,
    shown_figures,
)

from helpers.analysis import metrics
from helpers.analysis import pivot_drivers as analysis
from helpers.analysis import year_to_date as ytd
from helpers.params import pivot_drivers as params
from helpers.snapshot import load
from helpers.text import pivot_drivers as drivers_text

NOTEBOOK = ROOT / "notebooks" / "pivot_drivers.ipynb"
DEFAULTS = dict(start_year=2001, end_year=None, routes=["VNM", "MYS", "THA", "SGP", "PHL", "IDN", "KHM", "MMR", "LAO",
                                                        "BRN", "MEX"],
                fastest_n=3, min_share_pct=0.5, months=12, latest_partners=["USA", "CHN+HKG", "ASEAN", "EUR", "JPN"])
pytestmark = pytest.mark.notebooks


def said(**parameters) -> dict[str, str]:
    """The key findings and readings the notebook should show with ``parameters`` (over its defaults), computed by
    the helpers, as the reader sees them."""
    p = params.validate(**{**DEFAULTS, **parameters})
    annual = metrics.years(load("trade_by_partner", freq="A"), end=p.end_year)
    monthly = metrics.years(load("trade_by_partner", freq="M"), end=p.months_to)
    goods = metrics.years(load("trade_by_commodity", freq="A"), end=p.end_year)
    goods_monthly = metrics.years(load("trade_by_commodity", freq="M"), end=p.months_to)
    labels = dict(zip(goods["commodity"], goods["commodity_label"]))
    full_year = analysis.leaders(analysis.two_way(metrics.years(annual, p.start_year)), p.end_year)
    through = ytd.series_through(metrics.years(monthly, end=p.end_year), [analysis.LEADER, analysis.RIVAL])
    to_date = analysis.leaders(analysis.year_to_date_two_way(monthly, through), through) if through else None
    latest_split = analysis.product_destinations(metrics.rolling_sum(goods_monthly).dropna(subset=["value_usd"]))
    findings = [analysis.product_finding(analysis.product_destinations(goods))]
    findings += [analysis.product_finding(latest_split)] if len(latest_split) else []
    route_ytd = analysis.route_year_to_date(monthly, p.routes)
    flagged = analysis.fastest(route_ytd, p.fastest_n, p.min_share_pct)
    shares = analysis.monthly_shares(monthly, [analysis.LEADER, analysis.RIVAL], p.months)
    leaders = analysis.month_leaders(shares)
    china = analysis.china_mirror(metrics.years(load("mirror", freq="A"), end=p.end_year), annual)
    chips = analysis.ic_destination_shares(load("ic_exports_by_destination"), p.start_year, p.end_year)
    published = analysis.published_year_to_date(load("trade_releases"), [*p.latest_partners, "WLD"], until=p.months_to)
    readings = {
        "findings": drivers_text.key_findings(full_year, to_date, findings[-1], labels, route_ytd, flagged, leaders, china,
                                              shares),
        "verdict": drivers_text.verdict(full_year, to_date),
        "products": drivers_text.product_reading(findings, labels),
        "us_products": drivers_text.us_product_share_reading(load("us_exports_by_product")),
        "chips": drivers_text.destination_reading(chips.rename(index=drivers_text.published_period), drivers_text.IC_WHAT,
                                                  analysis.IC_HUBS),
        "routes": drivers_text.routes_reading(route_ytd, flagged, p.min_share_pct),
        "month_leaders": drivers_text.month_leaders_reading(leaders),
        "mirror": drivers_text.mirror_reading(china),
        "published": drivers_text.published_year_to_date_reading(published),
    }
    return {key: [shown(f) for f in reading] if isinstance(reading, list) else shown(reading)
            for key, reading in readings.items()}


@pytest.fixture(scope="module")
def default_run(tmp_path_factory):
    return execute(NOTEBOOK, tmp_path_factory.mktemp("pivot_drivers") / "out.ipynb")



def test_key_findings_and_verdict_separate_export_market_from_trading_partner(default_run):
    text, expected = markdown_text(default_run), said()
    assert "## Key findings" in text
    assert expected["findings"] and all(finding in text for finding in expected["findings"])
    assert expected["verdict"] in text and "largest export market (US$" in expected["verdict"]
    assert re.search(r"China \+ Hong Kong was Taiwan's largest trading partner in two-way trade \(US\$\d+\.\d+ billion", text)


def test_products_routes_latest_months_and_mirror_are_stated_from_the_data(default_run):
    text, expected = markdown_text(default_run), said()
    for key in ("products", "us_products", "chips", "routes", "month_leaders", "mirror", "published"):
        assert expected[key] in text, key
    assert "of electronic components" in expected["products"]
    assert "in Taiwan's exports to the United States, as published: " in expected["us_products"]
    assert "integrated-circuit (HS 8542) exports went mainly to them." in expected["chips"]
    assert "Fastest-growing of the destinations taking at least 0.5% of Taiwan's exports" in expected["routes"]
    assert "Larger share of Taiwan's exports, month by month:" in expected["month_leaders"]
    assert "the latest year with both, China reported " in expected["mirror"]
    assert "As published in the Ministry of Finance's latest releases (preliminary): " in expected["published"]


def test_every_chart_and_table_names_its_publisher_and_carries_its_data(default_run):
    figures = shown_figures(default_run)
    assert len(figures) == 7 and len(displayed(default_run, "image/png")) == 6
    for html in figures:
        assert "Ministry of Finance, R.O.C. (Taiwan)" in html and 'href="data:text/csv;base64,' in html
    assert "Mainland Affairs Council" in figures[-1]


def test_other_parameters_run_and_change_what_is_shown(tmp_path):
    chosen = dict(start_year=2015, end_year=2024, routes=["VNM", "MYS", "MEX"], fastest_n=1, min_share_pct=2.0, months=6,
                  latest_partners=["USA", "JPN"])
    text, expected = markdown_text(execute(NOTEBOOK, tmp_path / "out.ipynb", **chosen)), said(**chosen)
    assert expected["verdict"] in text and expected["routes"] in text
    # a fixed past window (2024), which a data update does not change
    assert "**Verdict:** in 2024 China + Hong Kong was both the largest export market and the largest trading partner" in text
    assert "Fastest-growing of the destinations taking at least 2% of Taiwan's exports, on a year earlier: Malaysia" in text
    assert "to Japan" in text and "to China + Hong Kong US$" not in text


@pytest.mark.parametrize("bad, message", [
    (dict(routes=["VNM", "ATL"]), "routes: unknown partner code 'ATL'"),
    (dict(fastest_n=0), "fastest_n: 0 must be a whole number"),
    (dict(latest_partners=["ASEAN", "VNM"]), "latest_partners: ASEAN already contains VNM"),
])
def test_bad_parameters_fail_fast_in_the_validation_cell(tmp_path, bad, message):
    with pytest.raises(pm.PapermillExecutionError) as caught:
        execute(NOTEBOOK, tmp_path / "out.ipynb", **bad)
    assert caught.value.ename == "ParameterError" and message in caught.value.evalue
    assert executed_after_failure(tmp_path / "out.ipynb", "params.validate(") == (True, True)
