"""helpers.analysis.coverage: years without data are found and named, never filled."""

import pandas as pd

from helpers.analysis import coverage as gaps
from helpers.snapshot import load


def test_japan_orders_are_missing_in_2018_2021_and_2024_2025():
    orders = load("export_orders")
    missing = gaps.missing_years(orders, "region", ["JPN", "CHN+HKG"], 2016, 2025)
    assert missing == {"JPN": [2018, 2021, 2024, 2025], "CHN+HKG": [2018]}


def test_the_survey_covers_no_year_before_2015():
    assert gaps.uncovered_years(load("production_survey"), 2012, 2016, "share_pct") == [2012, 2013, 2014]


def test_a_monthly_frame_gets_a_row_for_every_month_so_sparse_months_are_not_joined():
    wide = pd.DataFrame({"M": [54.9, 50.1]}, index=pd.PeriodIndex(["2020-12", "2021-07"], freq="M"))
    full = gaps.full_years(wide, 2020, 2021)
    assert len(full) == 24 and full["M"].notna().sum() == 2


def test_chart_frames_keep_gaps_empty_and_flag_derived_survey_shares():
    survey = load("production_survey")
    wide, derived = gaps.chart_frames(survey, "location", "share_pct", 2015, 2018, ["TWN", "ASEAN"])
    assert list(wide.columns) == ["TWN", "ASEAN"] and len(wide) == 4
    assert pd.isna(wide.loc[pd.Period("2017", freq="Y"), "ASEAN"])
    assert wide.loc[pd.Period("2016", freq="Y"), "TWN"] == 45.8
    assert derived["TWN"].tolist() == [True, False, True, False]  # 2015 and 2017 derived from published changes
