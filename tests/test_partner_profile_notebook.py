"""notebooks/partner_profile.ipynb runs clean for the key partners, says what it cannot show, and rejects
an unknown partner before any analysis runs."""

import papermill as pm
import pytest
from notebook_support import ROOT, assert_passes_nbval_lax, execute, markdown_text, shown_figures

NOTEBOOK = ROOT / "notebooks" / "partner_profile.ipynb"
pytestmark = pytest.mark.notebooks


def run(tmp_path, **parameters):
    executed = execute(NOTEBOOK, tmp_path / "out.ipynb", **parameters)
    return markdown_text(executed), shown_figures(executed)


def test_default_profile_passes_nbval_lax():
    assert_passes_nbval_lax(NOTEBOOK)


def test_us_profile_gives_the_2025_surplus_and_says_product_groups_are_not_published(tmp_path):
    text, figures = run(tmp_path, partner="USA")
    assert "ran a surplus of US$150.12 billion" in text
    assert "contributed +18.3 percentage points to Taiwan's total export growth of +34.9%" in text
    assert "no exports by product group to the United States" in text
    assert len(figures) == 3


def test_china_and_hong_kong_profile_shows_product_groups_and_the_2025_balance_from_derived_imports(tmp_path):
    text, figures = run(tmp_path, partner="CHN+HKG", start_year=2015)
    # imports 2025 = two-way trade 263.6 bn (MOF, as reported) minus exports 170.48 bn
    assert "imported US$93.12 billion and ran a surplus of US$77.36 billion" in text
    assert "(basis: derived, headline)" in text
    assert "Electronic components US$91.6 billion (60.8%)" in text
    assert len(figures) == 4


def test_mexico_profile_says_its_latest_year_is_2024(tmp_path):
    text, _ = run(tmp_path, partner="MEX", show_events=False)
    assert "The snapshot has no 2025 figure for Mexico; its latest year is 2024." in text
    assert ("The snapshot has no full-year 2025 export or import figure for Mexico, but its monthly figures cover "
            "Jan–May 2025 (5 months): exports US$8.17 billion (+230.4% on Jan–May 2024)") in text


def test_korea_profile_gives_the_2025_year_to_date_and_china_hong_kong_its_import_gap(tmp_path):
    text, _ = run(tmp_path, partner="KOR", start_year=2020)
    assert "but its monthly figures cover Jan–Aug 2025 (8 months): exports US$16.35 billion" in text
    text, _ = run(tmp_path, partner="USA", end_year=2024)
    assert "monthly figures cover" not in text


def test_unknown_partner_fails_fast_with_the_allowed_codes(tmp_path):
    with pytest.raises(pm.PapermillExecutionError) as caught:
        run(tmp_path, partner="Mexico")
    assert caught.value.ename == "ParameterError"
    assert "partner: unknown partner code 'Mexico'; allowed: ASEAN" in caught.value.evalue
