"""notebooks/pivot_drivers.ipynb runs clean under nbval and papermill, with default and other parameters, states
the figures issue 14 names computed from the data, and fails fast on bad parameters.

MOF figures (data/trade_by_partner.csv): 2025 exports to the US US$198.27 bn, to China + Hong Kong US$170.48 bn;
Jan–Aug 2025 two-way trade with China + Hong Kong US$168.36 bn against US$148.98 bn with the US.
"""

import re

import papermill as pm
import pytest
from notebook_support import (
    ROOT,
    assert_passes_nbval_lax,
    displayed,
    execute,
    executed_after_failure,
    markdown_text,
    shown_figures,
)

NOTEBOOK = ROOT / "notebooks" / "pivot_drivers.ipynb"
pytestmark = pytest.mark.notebooks


@pytest.fixture(scope="module")
def default_run(tmp_path_factory):
    return execute(NOTEBOOK, tmp_path_factory.mktemp("pivot_drivers") / "out.ipynb")


def test_notebook_passes_nbval_lax():
    assert_passes_nbval_lax(NOTEBOOK)


def test_key_findings_and_verdict_separate_export_market_from_trading_partner(default_run):
    text = markdown_text(default_run)
    assert "## Key findings" in text
    assert "the United States was Taiwan's largest export market (US$198.27 billion against US$170.48 billion" in text
    assert "China + Hong Kong was still the largest trading partner" in text
    assert re.search(r"China \+ Hong Kong was Taiwan's largest trading partner in two-way trade \(US\$\d+\.\d+ billion", text)


def test_products_routes_latest_months_and_mirror_are_stated_from_the_data(default_run):
    text = markdown_text(default_run)
    assert "In 2024, China + Hong Kong took 51.7% of electronic components" in text
    assert "16.4% of ICT & audio-visual products" in text
    assert "in Taiwan's exports to the United States, as published: 24% in 2018; 75.8% in Jan–Nov 2025" in text
    assert ("China + Hong Kong and ASEAN-10 together took 76.0% in Jan–Jul 2025 (78.2% in 2013): integrated-circuit "
            "(HS 8542) exports went mainly to them.") in text
    assert "Fastest-growing of the destinations taking at least 0.5% of Taiwan's exports" in text
    assert "Malaysia (+105.0% in Jan–Aug 2025" in text
    assert "Larger share of Taiwan's exports, month by month:" in text
    assert "in 2023, the latest year with both, China reported 2.08 times them" in text
    assert "China + Hong Kong ahead in Sep 2025" in text
    assert ("As published in the Ministry of Finance's latest releases (preliminary): Taiwan's exports in Jan–Feb 2026: "
            "US$115.57 billion, +44.5% on a year earlier") in text


def test_every_chart_and_table_names_its_publisher_and_carries_its_data(default_run):
    figures = shown_figures(default_run)
    assert len(figures) == 7 and len(displayed(default_run, "image/png")) == 6
    for html in figures:
        assert "Ministry of Finance, R.O.C. (Taiwan)" in html and 'href="data:text/csv;base64,' in html
    assert "Mainland Affairs Council" in figures[-1]


def test_other_parameters_run_and_change_what_is_shown(tmp_path):
    nb = execute(NOTEBOOK, tmp_path / "out.ipynb", start_year=2015, end_year=2024, routes=["VNM", "MYS", "MEX"],
                 fastest_n=1, min_share_pct=2.0, months=6, latest_partners=["USA", "JPN"])
    text = markdown_text(nb)
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
