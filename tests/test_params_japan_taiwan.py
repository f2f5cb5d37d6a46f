"""helpers.japan_taiwan_params.validate: bad parameters of the Japan–Taiwan notebook fail fast with the allowed values."""

import pytest

from helpers.params import checks
from helpers.params import japan_taiwan as japan_taiwan_params

BOUNDS = checks.Bounds(2001, 2025, ("CHN+HKG", "JPN", "KOR", "USA"))
GOOD = dict(start_year=2001, end_year=None, compare_with=["USA", "CHN+HKG"], freq="A")


def run(**changes):
    return japan_taiwan_params.validate(**{**GOOD, **changes}, bounds=BOUNDS, partners=("CHN+HKG", "JPN", "KOR", "USA"))


def test_defaults_run_to_the_latest_year_beside_the_us_and_china_hong_kong():
    p = run()
    assert (p.start_year, p.end_year, p.compare_with, p.freq) == (2001, 2025, ("USA", "CHN+HKG"), "A")


def test_japan_cannot_be_compared_with_itself():
    with pytest.raises(checks.ParameterError, match="JPN is Japan itself"):
        run(compare_with=["JPN", "USA"])


def test_every_problem_is_listed_in_one_error():
    with pytest.raises(checks.ParameterError) as caught:
        run(freq="Q", start_year=1990, compare_with=["XYZ"])
    message = str(caught.value)
    assert "freq: 'Q' is not allowed; allowed: 'A', 'M'" in message
    assert "start_year: 1990 is out of range; allowed: 2001–2025" in message
    assert "compare_with: unknown partner code 'XYZ'; allowed: CHN+HKG, KOR, USA" in message


def test_the_snapshot_offers_only_partners_with_both_exports_and_imports():
    annual, monthly = japan_taiwan_params.two_way_partners("A"), japan_taiwan_params.two_way_partners("M")
    assert {"USA", "CHN+HKG", "KOR", "DEU"} <= set(annual)
    assert "MIDEAST" not in annual  # exports only in the snapshot
    assert "DEU" not in monthly  # no monthly series for Germany
    with pytest.raises(checks.ParameterError, match="unknown partner code 'DEU'"):
        japan_taiwan_params.validate(start_year=2010, end_year=None, compare_with=["DEU"], freq="M")
