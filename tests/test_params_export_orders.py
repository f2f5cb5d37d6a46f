"""helpers.export_orders_params.validate: the export orders notebook's parameters fail fast with one clear error."""

import pytest

from helpers.params import checks
from helpers.params import export_orders as export_orders_params

BOUNDS = checks.Bounds(2012, 2025, ("ASEAN", "CHN+HKG", "EUR", "JPN", "USA"))
GOOD = dict(start_year=2016, end_year=None, locations=["TWN", "CHN+HKG", "ASEAN", "OTHER"],
            regions=["USA", "CHN+HKG", "EUR", "JPN", "ASEAN"])


def run(**changes):
    return export_orders_params.validate(**{**GOOD, **changes}, bounds=BOUNDS)


def test_default_end_year_is_the_latest_year_of_the_orders_and_survey_data():
    assert run().end_year == 2025


def test_the_snapshot_bounds_are_the_years_of_the_orders_and_the_survey():
    bounds = export_orders_params.export_orders_bounds()
    assert (bounds.first_year, bounds.last_year) == (2012, 2025)  # orders 2012-2025, survey 2015-2025
    assert bounds.partners == ("ASEAN", "CHN+HKG", "EUR", "JPN", "USA")


def test_an_unknown_location_names_the_allowed_production_locations():
    with pytest.raises(checks.ParameterError, match=r"locations: unknown production location 'JPN'; allowed: TWN, CHN\+HKG"):
        run(locations=["TWN", "JPN"])


def test_the_residual_refuses_overlapping_locations():
    with pytest.raises(checks.ParameterError, match="ASEAN and VNM overlap, so the residual OTHER would count"):
        run(locations=["TWN", "ASEAN", "VNM", "OTHER"])


def test_overlapping_locations_are_fine_without_the_residual():
    assert run(locations=["ASEAN", "VNM"]).locations == ("ASEAN", "VNM")


def test_an_unknown_region_and_reversed_years_are_reported_in_one_error():
    with pytest.raises(checks.ParameterError) as caught:
        run(regions=["USA", "KOR"], start_year=2024, end_year=2016)
    message = str(caught.value)
    assert "regions: unknown customer region 'KOR'; allowed: ASEAN, CHN+HKG, EUR, JPN, USA" in message
    assert "start_year 2024 is after end_year 2016" in message


def test_a_single_code_instead_of_a_list_is_rejected():
    with pytest.raises(checks.ParameterError, match=r"regions: 'USA' must be a list of customer regions such as"):
        run(regions="USA")
