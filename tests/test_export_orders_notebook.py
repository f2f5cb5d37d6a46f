"""notebooks/export_orders.ipynb runs clean under nbval and papermill, with default and other parameters,
states the MOEA survey and export-order figures the text helpers compute from the data, and fails fast on bad
parameters.

The figures themselves (survey shares, the 2025 orders, the overseas production ratio) are pinned once, in
test_snapshot_figures.py and test_pivot_drivers_snapshot.py (snapshot marker); a data update changes nothing here.
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

from helpers.analysis import export_orders as analysis
from helpers.analysis import metrics
from helpers.params import export_orders as params
from helpers.snapshot import load
from helpers.text import export_orders as orders_text

NOTEBOOK = ROOT / "notebooks" / "export_orders.ipynb"
DEFAULTS = dict(start_year=2016, end_year=None, locations=["TWN", "CHN+HKG", "ASEAN", "OTHER"],
                regions=["USA", "CHN+HKG", "EUR", "JPN", "ASEAN"])  # the notebook's default parameters
pytestmark = pytest.mark.notebooks


def said(**parameters) -> dict[str, str]:
    """The paragraphs the notebook should show with ``parameters`` (over its defaults), computed by the helpers, as
    the reader sees them."""
    p = params.validate(**{**DEFAULTS, **parameters})
    survey, orders = load("production_survey"), load("export_orders")
    shares = analysis.location_shares(survey, p.locations)
    pair = analysis.levels(orders, ["ASEAN", "CHN+HKG"])
    crossing = metrics.crossover(pair, "ASEAN", "CHN+HKG", key="region")
    summary = analysis.year_summary(orders, p.end_year, p.regions)
    paragraphs = {
        "changes": orders_text.survey_changes(shares, p.locations, p.start_year, p.end_year),
        "half": orders_text.survey_half(shares, p.start_year, p.end_year),
        "residual": orders_text.survey_residual(survey, shares, p.locations, p.start_year, p.end_year),
        "levels": orders_text.orders_levels(analysis.levels(orders, p.regions), analysis.region_shares(orders, p.regions),
                                            p.regions, p.start_year, p.end_year),
        "crossover": orders_text.asean_crossover(crossing, pair, p.start_year, p.end_year),
        "in_brief": orders_text.year_in_brief(summary, analysis.latest_ratios(load("overseas_production_ratio"))),
    }
    return {key: shown(paragraph) for key, paragraph in paragraphs.items()}


@pytest.fixture(scope="module")
def default_run(tmp_path_factory):
    return execute(NOTEBOOK, tmp_path_factory.mktemp("export_orders") / "out.ipynb")



def test_text_states_the_survey_shares_of_china_and_taiwan_and_when_taiwan_passed_half(default_run):
    text, expected = markdown_text(default_run), said()
    assert expected["changes"] in text and "Taiwan " in expected["changes"]
    assert expected["half"] in text and "rose above half of all export orders in **" in expected["half"]


def test_text_explains_why_the_survey_shares_do_not_add_up_to_100(default_run):
    text = markdown_text(default_run)
    assert "of orders, not 100%: the rest is production elsewhere" in text
    assert said()["residual"] in text


def test_text_finds_the_asean_crossover_and_says_what_the_snapshot_cannot_show(default_run):
    # The crossing year (2025) is pinned once, in test_snapshot_figures.py.
    text, expected = markdown_text(default_run), said()
    assert expected["crossover"] in text and "ASEAN orders overtook China + Hong Kong in **" in expected["crossover"]
    assert "cannot confirm the years before" in text
    assert "count six members (ASEAN-6)" in text


def test_text_gives_the_latest_total_the_ranking_of_customer_regions_and_the_latest_ratio(default_run):
    expected = said()["in_brief"]
    assert expected in markdown_text(default_run)
    assert expected.startswith("Export orders in ") and "Latest overseas production ratio of the monthly release: " in expected


def test_text_keeps_the_overseas_production_ratio_apart_from_the_survey(default_run):
    text = markdown_text(default_run)
    assert "**These are not the survey shares above.**" in text and "different statistics" in text


def test_every_chart_has_alt_text_a_source_line_derived_markers_and_its_data(default_run):
    figures = shown_figures(default_run)
    assert len(figures) == 5 and len(displayed(default_run, "image/png")) == 5
    for html in figures:
        alt = re.search(r'<img [^>]*alt="([^"]+)"', html)
        assert alt and len(alt.group(1)) > 40
        assert "Ministry of Economic Affairs, R.O.C., Department of Statistics" in html
        assert 'href="data:text/csv;base64,' in html
    assert "Ministry of Finance, R.O.C. (Taiwan)" in figures[-1]  # customs exports beside the orders
    # the survey chart shows the 2025 shares, known only from a secondary digest
    assert "known only from secondary material" in figures[0]


def test_an_early_window_with_overlapping_locations_runs_and_names_its_gaps(tmp_path):
    window = dict(start_year=2012, end_year=2019, locations=["TWN", "ASEAN", "VNM", "EUR+USA"], regions=["JPN", "EUR"])
    text, expected = markdown_text(execute(NOTEBOOK, tmp_path / "out.ipynb", **window)), said(**window)
    assert expected["changes"] in text and "Taiwan no figure → " in expected["changes"]
    assert expected["residual"] in text and "The survey has no figures at all for 2012–" in expected["residual"]
    assert expected["levels"] in text and "Japan 2014–2015 and 2018" in text


@pytest.mark.parametrize("bad, message", [
    (dict(locations=["TWN", "ASEAN", "VNM", "OTHER"]), "ASEAN and VNM overlap, so the residual OTHER"),
    (dict(regions=["USA", "KOR"]), "regions: unknown customer region 'KOR'; allowed: ASEAN, CHN+HKG, EUR, JPN, USA"),
    (dict(start_year=2024, end_year=2016), "start_year 2024 is after end_year 2016"),
])
def test_bad_parameters_fail_fast_in_the_validation_cell_with_the_allowed_values(tmp_path, bad, message):
    with pytest.raises(pm.PapermillExecutionError) as caught:
        execute(NOTEBOOK, tmp_path / "out.ipynb", **bad)
    assert caught.value.ename == "ParameterError" and message in caught.value.evalue
    assert executed_after_failure(tmp_path / "out.ipynb", "params.validate(") == (True, True)
