"""notebooks/export_orders.ipynb runs clean under nbval and papermill, with default and other parameters,
states the MOEA survey figures computed from the data, and fails fast on bad parameters.

MOEA DoS survey figures (data/production_survey.csv): 2016 China + Hong Kong 51.3%, Taiwan 45.8%; 2024 China
+ Hong Kong 33.1%, Taiwan 51.4%. Export orders 2025 (preliminary): ASEAN US$139.54 bn, China + HK US$137.80 bn.
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

NOTEBOOK = ROOT / "notebooks" / "export_orders.ipynb"
pytestmark = pytest.mark.notebooks


@pytest.fixture(scope="module")
def default_run(tmp_path_factory):
    return execute(NOTEBOOK, tmp_path_factory.mktemp("export_orders") / "out.ipynb")


def test_notebook_passes_nbval_lax():
    assert_passes_nbval_lax(NOTEBOOK)


def test_text_states_the_2016_and_2024_survey_shares_of_china_and_taiwan(default_run):
    text = markdown_text(default_run)
    assert "Taiwan 45.8% →" in text and "mainland China + Hong Kong 51.3% →" in text
    assert "rose above half of all export orders in **2024** (51.4%)" in text
    assert "that year mainland China + Hong Kong produced 33.1%" in text


def test_text_explains_why_the_survey_shares_do_not_add_up_to_100(default_run):
    text = markdown_text(default_run)
    assert "of orders, not 100%: the rest is production elsewhere" in text
    assert "It cannot be computed for 2017, where a listed location has no figure: a gap." in text


def test_text_finds_the_2025_asean_crossover_and_says_what_the_snapshot_cannot_show(default_run):
    text = markdown_text(default_run)
    assert "ASEAN orders overtook China + Hong Kong in **2025**" in text
    assert "cannot confirm the years before 2014" in text
    assert "count six members (ASEAN-6)" in text


def test_text_gives_the_2025_total_the_ranking_of_customer_regions_and_the_latest_ratio(default_run):
    text = " ".join(displayed(default_run, "text/markdown")).replace("\\$", "$")
    assert "Export orders in 2025 (preliminary): US$743.73 billion in all, +26% as published." in text
    assert "1. the United States US$268.34 billion, +38.6% as published; 2. ASEAN US$139.54 billion" in text
    assert "3. China + Hong Kong US$137.8 billion" in text and "No 2025 figure in the snapshot for Japan." in text
    assert "Latest overseas production ratio of the monthly release: 47.1% for the year 2025" in text


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


def test_an_early_window_with_overlapping_locations_runs_and_names_its_gaps(tmp_path):
    nb = execute(NOTEBOOK, tmp_path / "out.ipynb", start_year=2012, end_year=2019,
                 locations=["TWN", "ASEAN", "VNM", "EUR+USA"], regions=["JPN", "EUR"])
    text = markdown_text(nb)
    assert "Taiwan no figure → 47.4% (derived) (no change computed: a gap)" in text
    assert "The survey has no figures at all for 2012–2014." in text
    assert "Japan 2014–2015 and 2018" in text


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
