"""helpers.analysis.export_orders (the survey) on the real snapshot: where Taiwan's export orders are produced.

Figures checked here are the MOEA Department of Statistics survey (外銷訂單海外生產實況調查) as held in
data/production_survey.csv: 2016 China + Hong Kong 51.3%, Taiwan 45.8%; 2024 China + Hong Kong
33.1%, Taiwan 51.4%.
"""

import math

import pandas as pd
import pytest
from export_orders_support import shares, survey  # noqa: F401

from helpers.analysis import export_orders as eo
from helpers.analysis import metrics
from helpers.text import export_orders as text


def share(frame, year, location):
    row = frame.loc[(frame["period"] == pd.Period(str(year), freq="Y")) & (frame["location"] == location)]
    return float(row["share_pct"].iloc[0]) if len(row) else math.nan


def test_2016_and_2024_shares_of_china_and_taiwan_are_the_moea_figures(shares):
    assert (share(shares, 2016, "CHN+HKG"), share(shares, 2016, "TWN")) == (51.3, 45.8)
    assert (share(shares, 2024, "CHN+HKG"), share(shares, 2024, "TWN")) == (33.1, 51.4)


def test_listed_locations_and_the_residual_sum_to_100_in_every_year_where_the_residual_exists(shares):
    totals = shares.groupby("period")["share_pct"].sum(min_count=1)
    complete = shares.groupby("period")["share_pct"].apply(lambda s: s.notna().all())
    assert complete.sum() == 9  # 2016 and 2018-2025
    assert totals[complete].to_numpy() == pytest.approx([100.0] * 9, abs=0.051)


def test_the_residual_is_a_gap_in_the_years_without_an_asean_figure(shares):
    other = shares.loc[shares["location"] == eo.OTHER].set_index("period")["share_pct"]
    assert [p.year for p in other.index[other.isna()]] == [2015, 2017]


def test_the_residual_is_derived_and_says_how(shares):
    other = shares.loc[shares["location"] == eo.OTHER]
    assert set(other["basis"]) == {"derived"}
    assert set(other["derivation"]) == {"100 − TWN − CHN+HKG − ASEAN (residual)"}
    assert share(shares, 2024, eo.OTHER) == 6.3  # 100 - 51.4 - 33.1 - 9.2


def test_the_2016_residual_is_flagged_as_resting_on_the_about_1_percent_asean_figure(shares):
    note = shares.loc[(shares["location"] == eo.OTHER) & (shares["period"] == pd.Period("2016", freq="Y")), "note"]
    assert note.iloc[0] == "rests on approximate ASEAN (published as 'about')"


def test_published_locations_leave_part_of_every_year_unitemised(survey):
    table = eo.itemised(survey)
    table.index = [p.year for p in table["period"]]
    assert table.loc[2016, "sum_pct"] == 99.1 and table.loc[2016, "approximate"] == ("ASEAN", "EUR+USA")
    assert table.loc[2024, "locations"] == ("AMERICAS", "ASEAN", "CHN+HKG", "TWN")  # VNM, THA inside ASEAN; USA inside Americas
    assert table.loc[2024, "unitemised_pct"] == 4.3
    assert (table["unitemised_pct"] >= 0).all()


def test_china_fell_18_point_2_points_from_2016_to_2024(shares):
    fall = eo.change(shares, "CHN+HKG", 2016, 2024)
    assert fall.change_pp == pytest.approx(-18.2) and fall.derived == ()


def test_a_change_from_a_derived_year_says_so(shares):
    assert [p.year for p in eo.change(shares, "TWN", 2015, 2024).derived] == [2015]


def test_a_change_from_a_year_without_a_figure_is_missing_not_filled(shares):
    assert math.isnan(eo.change(shares, "ASEAN", 2017, 2024).change_pp)


def test_domestic_production_first_passed_half_of_orders_in_2024(shares):
    crossing = eo.first_above(shares, "TWN", 50)
    assert crossing.period == pd.Period("2024", freq="Y") and not crossing.led_before
    assert crossing.data_start == pd.Period("2015", freq="Y")


def test_overlapping_locations_cannot_make_a_residual(survey):
    with pytest.raises(ValueError, match="ASEAN and VNM overlap"):
        eo.location_shares(survey, ["TWN", "ASEAN", "VNM", "OTHER"])


def test_shares_adding_to_more_than_100_are_an_error(survey):
    broken = survey.copy()
    broken.loc[(broken["location"] == "TWN") & (broken["period"] == pd.Period("2024", freq="Y")), "share_pct"] = 70.0
    with pytest.raises(ValueError, match="production_survey 2024: the listed locations TWN, CHN\\+HKG add up to 103.1%"):
        eo.location_shares(broken, ["TWN", "CHN+HKG", "OTHER"])


def test_shares_known_only_from_a_secondary_source_say_so_in_every_sentence_and_their_residual_inherits_it(shares):
    assert set(metrics.select(shares, period=pd.Period(2025, "Y"))["status"]) == {"secondary"}
    assert set(metrics.select(shares, period=pd.Period(2024, "Y"))["status"]) == {"final"}
    assert text.survey_title(shares, 2016, 2025).startswith(
        "In 2025, 52.9% of Taiwan's export orders were produced in Taiwan (secondary source);")
    assert "Taiwan 45.8% → 52.9% (secondary source)" in text.survey_changes(shares, ["TWN"], 2016, 2025)
    assert text.survey_title(shares, 2016, 2024).startswith("In 2024, 51.4% of Taiwan's export orders were produced "
                                                            "in Taiwan;")
