"""notebooks/partner_profile.ipynb runs clean for the key partners, states what the text helpers compute for the
partner and years given, says what it cannot show, and rejects an unknown partner before any analysis runs.

The figures themselves are pinned once, in test_snapshot_figures.py and test_pivot_drivers_snapshot.py (snapshot
marker); a data update changes nothing here."""

import papermill as pm
import pytest
from markdown_support import shown
from notebook_support import ROOT, execute, markdown_text, shown_figures

from helpers.analysis import partner_profile as analysis
from helpers.params import partner_profile as params
from helpers.snapshot import load
from helpers.text import partner_profile as profile_text

NOTEBOOK = ROOT / "notebooks" / "partner_profile.ipynb"
pytestmark = pytest.mark.notebooks


def run(tmp_path, **parameters):
    executed = execute(NOTEBOOK, tmp_path / "out.ipynb", **parameters)
    return markdown_text(executed), shown_figures(executed)


def said(partner, start_year=2001, end_year=None) -> dict[str, str]:
    """The paragraphs the notebook should show for ``partner`` and the years given, computed by the helpers, as the
    reader sees them."""
    p = params.validate(partner=partner, start_year=start_year, end_year=end_year)
    annual = load("trade_by_partner", freq="A")
    trade = analysis.trade(annual, p.end_year)
    flows = analysis.flows(trade, p.partner, p.start_year)
    so_far = analysis.year_so_far(annual, load("trade_by_partner", freq="M"), p.partner, p.end_year)
    contrib = analysis.contributions(trade, p.partner, p.start_year)
    goods = analysis.top_goods(load("trade_by_commodity", freq="A"), trade, p.partner, p.end_year)
    paragraphs = {
        "notes": profile_text.data_notes(annual, p.partner, p.start_year, p.end_year),
        "overview": profile_text.profile_overview(flows, p.partner, p.end_year),
        "year_to_date": profile_text.profile_year_to_date(so_far, p.partner),
        "contributions": profile_text.profile_contributions(contrib["contribution_pp"], contrib["total_growth_pct"],
                                                            p.partner),
        "goods": profile_text.top_commodities(goods.top, goods.labels, p.partner, goods.year, goods.total),
    }
    return {key: shown(paragraph) for key, paragraph in paragraphs.items()}



def test_us_profile_gives_the_latest_surplus_and_says_product_groups_are_not_published(tmp_path):
    # The 2025 surplus (US$150.12 bn) and contribution (+18.3 of +34.9%) are pinned in test_snapshot_figures.py.
    text, figures = run(tmp_path, partner="USA")
    expected = said("USA")
    assert expected["overview"] in text and "ran a surplus of US$" in expected["overview"]
    assert expected["contributions"] in text and "percentage points to Taiwan's total export growth of " in text
    assert expected["goods"] in text and "no exports by product group to the United States" in text
    assert len(figures) == 3


def test_china_and_hong_kong_profile_shows_product_groups_and_the_latest_balance_from_derived_imports(tmp_path):
    # The 2025 imports (two-way trade 263.6 bn, as reported, minus exports 170.48 bn) and the product figures are
    # pinned in test_snapshot_figures.py and test_pivot_drivers_snapshot.py.
    text, figures = run(tmp_path, partner="CHN+HKG", start_year=2015)
    expected = said("CHN+HKG", start_year=2015)
    assert expected["overview"] in text and "(basis: derived, headline)" in text
    assert expected["goods"] in text and "Electronic components US$" in expected["goods"]
    assert len(figures) == 4


def test_mexico_profile_says_its_latest_year_and_gives_the_year_to_date(tmp_path):
    # Mexico's latest full year (2024) and its Jan–May 2025 exports are pinned in test_snapshot_figures.py and
    # test_pivot_drivers_snapshot.py.
    text, _ = run(tmp_path, partner="MEX", show_events=False)
    expected = said("MEX")
    assert expected["overview"] in text and "figure for Mexico; its latest year is " in expected["overview"]
    assert expected["year_to_date"] in text and "but its monthly figures cover " in expected["year_to_date"]


def test_korea_profile_gives_the_year_to_date_and_a_full_year_profile_none(tmp_path):
    text, _ = run(tmp_path, partner="KOR", start_year=2020)
    expected = said("KOR", start_year=2020)["year_to_date"]
    assert expected in text and "but its monthly figures cover " in expected
    text, _ = run(tmp_path, partner="USA", end_year=2024)
    assert "monthly figures cover" not in text


def test_unknown_partner_fails_fast_with_the_allowed_codes(tmp_path):
    with pytest.raises(pm.PapermillExecutionError) as caught:
        run(tmp_path, partner="Mexico")
    assert caught.value.ename == "ParameterError"
    assert "partner: unknown partner code 'Mexico'; allowed: ASEAN" in caught.value.evalue
