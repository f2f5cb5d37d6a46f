"""notebooks/japan_taiwan.ipynb runs clean under nbval and papermill, with default and other parameters,
names the sources on every chart, states figures computed from the data, and fails fast on bad parameters."""

import papermill as pm
import pytest
from notebook_support import (
    ROOT,
    assert_passes_nbval_lax,
    displayed,
    execute,
    executed_after_failure,
    figure_parts,
    markdown_text,
    shown_figures,
)

NOTEBOOK = ROOT / "notebooks" / "japan_taiwan.ipynb"
pytestmark = pytest.mark.notebooks


def run(tmp_path, **parameters):
    return execute(NOTEBOOK, tmp_path / "out.ipynb", **parameters)


@pytest.fixture(scope="module")
def default_run(tmp_path_factory):
    return run(tmp_path_factory.mktemp("japan_taiwan"))


def test_notebook_passes_nbval_lax():
    assert_passes_nbval_lax(NOTEBOOK)


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


def test_text_states_the_computed_figures_and_names_the_2025_gap(default_run):
    text = markdown_text(default_run)
    assert "No figure in the snapshot for: Imports from Japan (2025); Total trade (2025)." in text
    assert "3.1 times its deficit with Japan (US$20.6 billion)" in text
    assert "Taiwan ranked 3rd in 2021" in text
    assert "US$23.40 billion of exports plus US$45.90 billion of imports = US$69.30 billion (derived)" in text
    assert "timing cannot explain the gap" in text


def test_monthly_run_from_2015_beside_korea_asean_and_the_us(tmp_path):
    nb = run(tmp_path, freq="M", start_year=2015, compare_with=["KOR", "ASEAN", "USA"])
    text = markdown_text(nb)
    assert "US$80.3 billion in the 12 months to Aug 2025" in text  # 12-month sum of Sep 2024-Aug 2025
    assert "South Korea" in text and "By total trade Japan ranked 3rd in 2015–2024." in text


def test_a_short_early_window_beside_china_alone_runs_without_error(tmp_path):
    nb = run(tmp_path, start_year=2003, end_year=2006, compare_with=["CHN"])
    text = markdown_text(nb)
    assert "By total trade Japan ranked 2nd in 2003–2006." in text
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
