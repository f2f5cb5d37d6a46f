"""notebooks/claims_check.ipynb runs clean under nbval and papermill, shows the Ministry of Finance's 2025
headlines as the claims check evaluates them, explains the claims that differ, and fails fast on bad parameters."""

import html
import re

import papermill as pm
import pytest
from markdown_support import shown
from notebook_support import (
    ROOT,
    execute,
    executed_after_failure,
    markdown_text,
    shown_figures,
)

from helpers import claims
from helpers.snapshot import load
from helpers.text import claims_check as claims_text

NOTEBOOK = ROOT / "notebooks" / "claims_check.ipynb"
pytestmark = pytest.mark.notebooks


@pytest.fixture(scope="module")
def default_run(tmp_path_factory):
    return execute(NOTEBOOK, tmp_path_factory.mktemp("claims_check") / "out.ipynb")


def table_rows(executed) -> list[str]:
    table = next(figure for figure in shown_figures(executed) if 'class="table"' in figure)
    return [html.unescape(row) for row in re.findall(r"<tr>.*?</tr>", table, flags=re.S)]



@pytest.fixture(scope="module")
def frames():
    loaded = {name: load(name) for name in ("trade_by_partner", "trade_by_commodity", "mirror", "export_orders",
                                            "production_survey", "japan_taiwan", "trade_releases")}
    loaded.update(trade_by_partner_monthly=load("trade_by_partner", freq="M"), mirror_monthly=load("mirror", freq="M"))
    return loaded


@pytest.fixture(scope="module")
def results(frames):
    return {result.id: result for result in claims.evaluate_all(claims.load_registry(), frames)}


@pytest.mark.parametrize("claim_id", ["mof_2025_exports_record", "mof_2025_exports_growth", "mof_2025_us_share",
                                      "mof_2025_china_hk_share", "mof_2025_us_overtakes_china_hk"])
def test_the_table_shows_each_mof_2025_headline_as_evaluated(default_run, results, claim_id):
    # The computed figures and their status are pinned once, in test_claims.py (snapshot marker); here the table
    # must show each claim with its stated value, its computed value to one more digit, and its status.
    result = results[claim_id]
    row = next(r for r in table_rows(default_run) if f"<td>{result.claim.wording}</td>" in r)
    computed = claims_text.number(result.computed, claims_text.decimals(result.claim))
    assert f"<td>{result.claim.stated}</td>" in row and f"<td>{computed}</td>" in row
    assert f"<td>{result.status}</td>" in row


def test_table_marks_first_time_since_1999_as_reaching_before_the_data(default_run, results):
    # The status and the first year of the data (2001) are pinned once, in test_claims.py (snapshot marker).
    result = results["mof_2025_us_first_since_1999"]
    row = next(r for r in table_rows(default_run) if f"<td>{result.claim.wording}</td>" in r)
    assert f"<td>{result.status}</td>" in row and result.note in row
    assert "before the snapshot's first year" in row


def test_each_claim_that_differs_gets_a_section_with_its_explanation(default_run, results):
    text = markdown_text(default_run)
    differs = sum("<td>differs</td>" in row for row in table_rows(default_run))
    assert text.count("**Explanation on record:**") == differs >= 5
    # The differences themselves (TAITRA's 2020 Japan trade, the Jan–Nov 2025 US deficit taken as the full year)
    # are pinned once, in test_claims.py (snapshot marker); here the notebook must show what the text helper writes.
    assert shown(claims_text.differs(list(results.values()))) in text


def test_table_names_its_data_sources_and_offers_the_full_results_as_csv(default_run):
    table = next(html for html in shown_figures(default_run) if 'class="table"' in html)
    assert "Ministry of Finance" in table and "U.S. Census Bureau" in table
    assert 'href="data:text/csv;base64,' in table


def test_one_topic_with_a_tolerance_runs_and_checks_only_that_topic(tmp_path, frames):
    executed = execute(NOTEBOOK, tmp_path / "out.ipynb", topics=["japan_taiwan"], tolerance=2)
    rows = table_rows(executed)[1:]  # after the header
    strict, lenient = (claims.evaluate_all(claims.load_registry(), frames, topics=["japan_taiwan"], tolerance=tolerance)
                       for tolerance in (0, 2))
    assert len(rows) == len(lenient) and all("<td>Japan–Taiwan</td>" in row for row in rows)
    # e.g. imports from Japan in 2019, stated 44.0 and computed 44.052 (pinned in test_snapshot_figures.py): differs
    # at strict rounding, but is within 0.05 + 2 × 0.1
    widened = [result for before, result in zip(strict, lenient) if before.status != result.status]
    assert widened
    for result in widened:
        assert f"<td>{result.status}</td>" in next(r for r in rows if f"<td>{result.claim.wording}</td>" in r)


def test_bad_parameters_fail_fast_in_the_validation_cell_with_the_allowed_values(tmp_path):
    out = tmp_path / "out.ipynb"
    with pytest.raises(pm.PapermillExecutionError) as caught:
        execute(NOTEBOOK, out, topics=["weather"], tolerance=-1)
    assert caught.value.ename == "ParameterError"
    assert "topics: unknown topic 'weather'; allowed: trade_pivot, export_orders, japan_taiwan" in caught.value.evalue
    assert "tolerance: -1 must be a number, zero or more" in caught.value.evalue
    assert executed_after_failure(out, "params.validate(") == (True, True)
