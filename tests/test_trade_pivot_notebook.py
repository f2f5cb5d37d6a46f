"""notebooks/trade_pivot.ipynb runs clean under nbval and papermill, with default and other parameters,
states the 2025 release figures computed from the data, and fails fast on bad parameters."""

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
from helpers.analysis import trade_pivot as analysis
from helpers.snapshot import load
from helpers.snapshot.partners import economies
from helpers.text import format as fmt
from helpers.text import trade_pivot as pivot_text

NOTEBOOK = ROOT / "notebooks" / "trade_pivot.ipynb"
DEFAULT_PARTNERS = ["USA", "CHN+HKG", "ASEAN", "JPN", "EUR", "KOR"]  # the notebook's default `partners`
pytestmark = pytest.mark.notebooks


def run(tmp_path, **parameters):
    return execute(NOTEBOOK, tmp_path / "out.ipynb", **parameters)


@pytest.fixture(scope="module")
def default_run(tmp_path_factory):
    return run(tmp_path_factory.mktemp("trade_pivot"))



@pytest.fixture(scope="module")
def annual():
    return load("trade_by_partner", freq="A")


@pytest.fixture(scope="module")
def latest_figures(annual):
    return metrics.key_figures(annual, annual["period"].max().year, candidates=economies(annual["partner"].unique()))


def test_text_states_the_key_figures_the_helpers_compute(default_run, annual, latest_figures):
    # The figures themselves (US$640.75 billion, +34.9 %, 30.9 %, 26.6 %, ...) are pinned once, in
    # test_snapshot_figures.py; here the notebook must say what the analysis computes, in the text helper's words.
    text = markdown_text(default_run)
    assert pivot_text.key_figures(latest_figures, named=DEFAULT_PARTNERS) in text
    crossing = metrics.crossover(metrics.select(annual, flow="export"), "USA", "CHN+HKG")
    assert f"first moved ahead of China + Hong Kong in Taiwan's exports in **{crossing.period.year}**" in text


@pytest.fixture(scope="module")
def monthly():
    return load("trade_by_partner", freq="M")


def test_text_says_where_the_data_start_and_that_since_1999_comes_from_the_release(default_run, annual):
    # The first year of the data (2001) is pinned once, in test_snapshot_figures.py.
    text = markdown_text(default_run)
    start = metrics.crossover(metrics.select(annual, flow="export"), "USA", "CHN+HKG").data_start
    assert f"The data start in {start}" in text and f"last led in {start - 1} or earlier" in text
    assert "Ministry of Finance release" in text and "first time since 1999" in text


def test_text_names_partners_without_a_latest_figure_instead_of_filling_them(default_run, annual, monthly,
                                                                            latest_figures):
    # Which partners lack a 2025 figure (South Korea) is pinned once, in test_snapshot_figures.py.
    text = markdown_text(default_run)
    period = latest_figures.period
    contrib = analysis.contributions(analysis.series(annual, monthly, "A"), "export", period, DEFAULT_PARTNERS)
    assert shown(pivot_text.contributions(contrib.frame, "export", period, contrib.missing)) in text
    assert f"They add up to {fmt.signed_pct(latest_figures.growth_pct)}, the total." in text


def test_every_chart_has_alt_text_a_source_line_and_its_data(default_run):
    figures = shown_figures(default_run)
    assert len(figures) == 8
    for html in figures:
        alt = re.search(r'<img [^>]*alt="([^"]+)"', html)
        assert alt and len(alt.group(1)) > 40
        assert re.search(r"Sources?: [^<]*(Ministry of Finance|Census Bureau)", html)
        assert 'href="data:text/csv;base64,' in html
    assert len(displayed(default_run, "image/png")) == 8  # each figure once (closed after show)


def test_monthly_imports_for_a_single_partner_state_the_12_months_to_the_latest_month(tmp_path, annual, monthly):
    end = annual["period"].max().year
    nb = run(tmp_path, flow="import", freq="M", start_year=2016, end_year=end, partners=["USA"])
    levels = analysis.levels(analysis.series(annual, monthly, "M"), "import", ["USA"], 2016, end)
    assert shown(pivot_text.levels(levels.now, "import", levels.latest, True, expected=["USA"])) in markdown_text(nb)
    assert f"Taiwan's imports from each partner in {fmt.period_label(levels.latest, True)}" in markdown_text(nb)


def test_balances_without_event_markers_and_an_early_window_run_without_error(tmp_path):
    nb = run(tmp_path, flow="balance", show_events=False, start_year=2005, end_year=2010)
    text = markdown_text(nb)
    assert "No policy events are marked." in text
    assert "no exports by product group for the selected years" in text


@pytest.mark.parametrize("bad, message", [
    (dict(partners=["USA", "XYZ"]), "unknown partner code 'XYZ'; allowed:"),
    (dict(start_year=2020, end_year=2016), "start_year 2020 is after end_year 2016"),
    (dict(freq="Q", flow="re-export"), "freq: 'Q' is not allowed; allowed: 'A', 'M'"),
])
def test_bad_parameters_fail_fast_in_the_validation_cell_with_the_allowed_values(tmp_path, bad, message):
    with pytest.raises(pm.PapermillExecutionError) as caught:
        run(tmp_path, **bad)
    assert caught.value.ename == "ParameterError"
    assert message in caught.value.evalue
    failed_in_validation, nothing_after = executed_after_failure(tmp_path / "out.ipynb", "params.validate(")
    assert failed_in_validation and nothing_after
