"""helpers.params.pivot_drivers.validate: the pivot_drivers notebook's parameters fail fast with one clear error."""

import pytest

from helpers.params import checks
from helpers.params import pivot_drivers as pivot_drivers_params

BOUNDS = checks.Bounds(2001, 2025, ("ASEAN", "CHN", "CHN+HKG", "EUR", "JPN", "MEX", "MYS", "USA", "VNM"))
GOOD = dict(start_year=2001, end_year=None, routes=["VNM", "MYS", "MEX"], fastest_n=2, min_share_pct=0.5,
            months=12, latest_partners=["USA", "CHN+HKG", "ASEAN"])


def run(**changes):
    return pivot_drivers_params.validate(**{**GOOD, **changes}, bounds=BOUNDS)


def test_good_parameters_pass_and_end_year_defaults_to_the_latest_year():
    p = run()
    assert (p.end_year, p.routes, p.min_share_pct) == (2025, ("VNM", "MYS", "MEX"), 0.5)


def test_monthly_figures_run_past_the_verdict_year_only_when_it_is_the_latest_year():
    assert run().months_to is None and run(end_year=2024).months_to == 2024


@pytest.mark.parametrize("change, message", [
    (dict(routes=["VNM", "XXX"]), "routes: unknown partner code 'XXX'"),
    (dict(fastest_n=4), "fastest_n: 4 must be a whole number of destinations (at most one per route) from 1 to 3"),
    (dict(fastest_n=True), "fastest_n: True must be a whole number"),
    (dict(min_share_pct=-1), "min_share_pct: -1 must be a percentage from 0 to below 100"),
    (dict(min_share_pct="1"), "min_share_pct: '1' must be a percentage"),
    (dict(months=1), "months: 1 must be a whole number of months from 2 to 36"),
    (dict(latest_partners=["CHN+HKG", "CHN"]), "latest_partners: CHN+HKG already contains CHN"),
    (dict(start_year=2026), "start_year: 2026 is out of range"),
])
def test_bad_parameters_fail_with_a_message_naming_the_parameter(change, message):
    with pytest.raises(checks.ParameterError) as caught:
        run(**change)
    assert message in str(caught.value)


def test_every_problem_is_listed_at_once():
    with pytest.raises(checks.ParameterError) as caught:
        run(months=0, routes="VNM")
    assert len(caught.value.problems) == 2
