"""helpers.params: bad notebook parameters fail fast with one error that lists what is allowed."""

import pytest

from helpers.params import checks
from helpers.params import partner_profile as partner_profile_params
from helpers.params import trade_pivot as trade_pivot_params

BOUNDS = checks.Bounds(2001, 2025, ("ASEAN", "CHN+HKG", "EUR", "JPN", "KOR", "MEX", "USA"))
GOOD = dict(start_year=2001, end_year=None, partners=["USA", "CHN+HKG"], flow="export", freq="A", show_events=True)


def run(**changes):
    return trade_pivot_params.validate(**{**GOOD, **changes}, bounds=BOUNDS)


def test_default_end_year_is_the_latest_year_in_the_snapshot():
    assert run().end_year == 2025


def test_unknown_partner_code_names_the_allowed_codes():
    with pytest.raises(checks.ParameterError, match=r"unknown partner code 'XYZ'; allowed: ASEAN, CHN\+HKG, EUR"):
        run(partners=["USA", "XYZ"])


def test_reversed_years_are_rejected():
    with pytest.raises(checks.ParameterError, match="start_year 2020 is after end_year 2016"):
        run(start_year=2020, end_year=2016)


def test_years_outside_the_snapshot_are_rejected_with_the_allowed_range():
    with pytest.raises(checks.ParameterError, match="start_year: 1990 is out of range; allowed: 2001–2025"):
        run(start_year=1990)
    with pytest.raises(checks.ParameterError, match="end_year: 2031 is out of range"):
        run(end_year=2031)


def test_unknown_flow_and_frequency_are_both_reported_in_one_error():
    with pytest.raises(checks.ParameterError) as caught:
        run(flow="re-export", freq="Q")
    message = str(caught.value)
    assert "flow: 're-export' is not allowed; allowed: 'export', 'import', 'balance'" in message
    assert "freq: 'Q' is not allowed; allowed: 'A', 'M'" in message
    assert len(caught.value.problems) == 2


def test_partners_must_be_a_list_not_a_single_string():
    with pytest.raises(checks.ParameterError, match="must be a list of partner codes"):
        run(partners="USA")


def test_a_single_partner_and_monthly_imports_are_valid():
    p = run(partners=["USA"], flow="import", freq="M", start_year=2016, end_year=2025)
    assert p.partners == ("USA",) and p.share_flow == "import" and p.freq_label.startswith("monthly")


def test_balance_runs_show_export_shares():
    assert run(flow="balance").share_flow == "export"


def test_partner_profile_rejects_an_unknown_partner():
    with pytest.raises(checks.ParameterError, match="partner: unknown partner code 'Mexico'"):
        partner_profile_params.validate(partner="Mexico", start_year=2001, end_year=None, bounds=BOUNDS)
    assert partner_profile_params.validate(partner="MEX", start_year=2010, end_year=2024, bounds=BOUNDS).end_year == 2024


def test_overlapping_partners_are_rejected_because_shares_would_double_count():
    bounds = checks.Bounds(2001, 2025, ("ASIA", "CHN", "CHN+HKG", "JPN", "USA"))
    with pytest.raises(checks.ParameterError, match="ASIA already contains JPN"):
        trade_pivot_params.validate(**{**GOOD, "partners": ["ASIA", "JPN"]}, bounds=bounds)
    with pytest.raises(checks.ParameterError, match=r"CHN\+HKG already contains CHN"):
        trade_pivot_params.validate(**{**GOOD, "partners": ["CHN+HKG", "CHN"]}, bounds=bounds)


def test_the_snapshot_allows_2001_to_2025_and_the_key_partners():
    bounds = checks.snapshot_bounds("A")
    assert (bounds.first_year, bounds.last_year) == (2001, 2025)
    assert {"USA", "CHN+HKG", "ASEAN", "JPN", "EUR", "KOR", "MEX"} <= set(bounds.partners)
    assert "WLD" not in bounds.partners
