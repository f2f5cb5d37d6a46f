"""notebooks/japan_taiwan.ipynb runs clean under nbval and papermill, with default and other parameters,
names the sources on every chart, states the figures the text helpers compute from the data, and fails fast on bad
parameters. The figures themselves are pinned once, in test_snapshot_figures.py and test_claims.py (snapshot marker)."""

import papermill as pm
import pytest
from markdown_support import shown
from notebook_support import (
    ROOT,
    displayed,
    execute,
    executed_after_failure,
    figure_parts,
    markdown_text,
    shown_figures,
)

from helpers.analysis import japan_taiwan as analysis
from helpers.params import japan_taiwan as params
from helpers.snapshot import load
from helpers.text import japan_taiwan as japan_text

NOTEBOOK = ROOT / "notebooks" / "japan_taiwan.ipynb"
DEFAULTS = dict(start_year=2001, end_year=None, compare_with=["USA", "CHN+HKG"], freq="A")  # the notebook's defaults
pytestmark = pytest.mark.notebooks


def said(**parameters) -> dict[str, str]:
    """The readings the notebook should show with ``parameters`` (over its defaults), computed by the helpers, as the
    reader sees them."""
    p = params.validate(**{**DEFAULTS, **parameters})
    annual, trade, pairs = load("trade_by_partner", freq="A"), load("trade_by_partner", freq=p.freq), load("japan_taiwan")
    rolling, span = p.freq == "M", (p.start_year, p.end_year)
    balances = analysis.flow_by_partner(trade, "balance", list(dict.fromkeys(["JPN", *p.compare_with, "USA"])), *span)
    readings = {
        "trade": japan_text.trade_reading(analysis.bilateral(trade, "JPN", *span), rolling),
        "balance": japan_text.balance_reading(balances, rolling),
        "ranks": japan_text.rank_reading(analysis.partner_ranks(annual, "JPN", *span),
                                         analysis.partner_ranks(annual, "JPN", *span, china_with_hong_kong=False),
                                         analysis.ranked_partners(annual), annual),
        "japan_side": japan_text.japan_side_reading(analysis.japan_side_ranks(pairs)),
        "published": japan_text.published_reading(analysis.published_totals(pairs, annual)),
        "flows": japan_text.published_flows_reading(analysis.published_flows(pairs, annual)),
    }
    return {key: shown(reading) for key, reading in readings.items()}


def run(tmp_path, **parameters):
    return execute(NOTEBOOK, tmp_path / "out.ipynb", **parameters)


@pytest.fixture(scope="module")
def default_run(tmp_path_factory):
    return run(tmp_path_factory.mktemp("japan_taiwan"))



def test_every_chart_names_its_sources_and_has_alt_text_and_data(default_run):
    taiwan_mof, taitra = "Ministry of Finance, R.O.C. (Taiwan)", "Taiwan External Trade Development Council (TAITRA)"
    investment = "Ministry of Economic Affairs, R.O.C., Department of Investment Review (formerly Investment Commission)"
    figures = [figure_parts(html) for html in shown_figures(default_run)]
    assert [figure["caption"] for figure in figures] == [
        f"Source: {taiwan_mof}.",  # trade with Japan
        f"Source: {taiwan_mof}.",  # shares
        f"Source: {taiwan_mof}.",  # balances
        f"Source: {taiwan_mof}.",  # Japan's rank among Taiwan's partners
        "Source: Ministry of Finance, Japan (Customs trade statistics), as cited.",  # Taiwan's rank in Japan's trade
        f"Source: {investment}.",  # annual approvals
        f"Sources: {investment}; {taitra}.",  # cumulative investment
        f"Sources: {taiwan_mof}; Japan-Taiwan Exchange Association (日本台湾交流協会); {taitra}; Taiwan-Japan Relations "
        "Association (臺灣日本關係協會); Legislative Yuan, R.O.C. (Taiwan).",  # published totals
    ]
    assert all(len(figure["alt"]) > 40 and figure["csv"] for figure in figures)
    assert len(displayed(default_run, "image/png")) == len(figures)  # each figure shown once


def test_text_states_the_computed_figures_and_names_the_gaps(default_run):
    text, expected = markdown_text(default_run), said()
    assert expected["trade"] in text and "No figure in the snapshot for: " in expected["trade"]
    assert expected["balance"] in text and "times its deficit with Japan" in expected["balance"]
    assert expected["japan_side"] in text and expected["ranks"] in text
    assert expected["published"] in text and "of exports plus US$" in expected["published"]
    assert expected["flows"] in text and "against Taiwan customs' imports from Japan (CIF)" in expected["flows"]
    assert "timing cannot explain the gap" in text


def test_monthly_run_from_2015_beside_korea_asean_and_the_us(tmp_path):
    window = dict(freq="M", start_year=2015, compare_with=["KOR", "ASEAN", "USA"])
    text, expected = markdown_text(run(tmp_path, **window)), said(**window)
    assert expected["trade"] in text and " in the 12 months to " in expected["trade"]
    assert expected["balance"] in text and "South Korea" in text
    assert expected["ranks"] in text and "By total trade Japan ranked " in expected["ranks"]


def test_a_short_early_window_beside_china_alone_runs_without_error(tmp_path):
    window = dict(start_year=2003, end_year=2006, compare_with=["CHN"])
    text, expected = markdown_text(run(tmp_path, **window)), said(**window)
    assert expected["ranks"] in text and "By total trade Japan ranked " in expected["ranks"]
    assert "The snapshot has no annual Investment Commission approvals from Japan for the selected years." in text


@pytest.mark.parametrize("bad, message", [
    (dict(compare_with=["USA", "XYZ"]), "compare_with: unknown partner code 'XYZ'; allowed:"),
    (dict(compare_with=["JPN"]), "compare_with: JPN is Japan itself"),
    (dict(start_year=2020, end_year=2016), "start_year 2020 is after end_year 2016"),
    (dict(freq="Q"), "freq: 'Q' is not allowed; allowed: 'A', 'M'"),
])
def test_bad_parameters_fail_fast_in_the_validation_cell_with_the_allowed_values(tmp_path, bad, message):
    with pytest.raises(pm.PapermillExecutionError) as caught:
        run(tmp_path, **bad)
    assert caught.value.ename == "ParameterError"
    assert message in caught.value.evalue
    failed_in_validation, nothing_after = executed_after_failure(tmp_path / "out.ipynb", "params.validate(")
    assert failed_in_validation and nothing_after
