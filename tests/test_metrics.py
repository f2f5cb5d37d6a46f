"""helpers.analysis.metrics on small frames whose answers are computed by hand in the comments."""

import math

import numpy as np
import pandas as pd
import pytest
from frames_support import tidy as frame

from helpers.analysis import metrics


@pytest.fixture
def exports():
    # World 100 → 150; A 40 → 70; B 30 → 20; rest of world 30 → 60
    return frame([
        ("2020", "export", "WLD", 100.0), ("2020", "export", "A", 40.0), ("2020", "export", "B", 30.0),
        ("2021", "export", "WLD", 150.0), ("2021", "export", "A", 70.0), ("2021", "export", "B", 20.0),
    ])


def test_yoy_growth_is_ratio_to_the_same_period_a_year_earlier(exports):
    growth = metrics.yoy_growth(exports)
    world = growth.set_index(["period", "partner"]).loc[(pd.Period("2021"), "WLD")]
    assert world["growth_pct"] == pytest.approx(50.0)  # 150/100 - 1
    assert world["change"] == pytest.approx(50.0)
    b = growth.set_index(["period", "partner"]).loc[(pd.Period("2021"), "B")]
    assert b["growth_pct"] == pytest.approx(-100 / 3)  # 20/30 - 1
    assert growth.loc[growth.period == pd.Period("2020"), "growth_pct"].isna().all()


def test_yoy_growth_uses_calendar_periods_not_row_positions():
    gap = frame([("2019", "export", "WLD", 100.0), ("2021", "export", "WLD", 121.0)])
    assert metrics.yoy_growth(gap)["growth_pct"].isna().all()
    assert metrics.yoy_growth(gap, lag=2)["growth_pct"].iloc[1] == pytest.approx(21.0)


def test_monthly_growth_compares_with_the_same_month_a_year_earlier():
    months = pd.period_range("2020-01", "2021-03", freq="M")
    df = pd.DataFrame({"period": months, "partner": "WLD", "value_usd": np.arange(1.0, 16.0)})
    growth = metrics.yoy_growth(df).set_index("period")["growth_pct"]
    assert growth[pd.Period("2021-01", "M")] == pytest.approx((13 / 1 - 1) * 100)
    assert growth[pd.Period("2020-12", "M")] != growth[pd.Period("2020-12", "M")]  # NaN


def test_growth_from_a_negative_balance_is_not_reported():
    df = frame([("2020", "balance", "USA", -10.0), ("2021", "balance", "USA", 5.0)])
    assert math.isnan(metrics.yoy_growth(df)["growth_pct"].iloc[1])


def test_shares_with_rest_of_world_sum_to_100(exports):
    s = metrics.shares(exports, partners=["A", "B"], rest=True)
    by_year = s.groupby("period")["share_pct"].sum()
    assert by_year.tolist() == pytest.approx([100.0, 100.0])
    row = s.set_index(["period", "partner"])["share_pct"]
    assert row[(pd.Period("2021"), "A")] == pytest.approx(70 / 150 * 100)
    assert row[(pd.Period("2021"), "ROW")] == pytest.approx(60 / 150 * 100)


def test_rest_of_world_is_missing_when_a_partner_is_missing():
    df = frame([("2021", "export", "WLD", 150.0), ("2021", "export", "A", 70.0)])
    r = metrics.rest_of_world(df, ["A", "B"])
    assert len(r) == 1 and math.isnan(r["value_usd"].iloc[0])
    s = metrics.shares(df, partners=["A", "B"], rest=True)
    assert s.loc[s.partner == "A", "share_pct"].iloc[0] == pytest.approx(70 / 150 * 100)
    assert s.loc[s.partner == "ROW", "share_pct"].isna().all()


def test_rest_of_world_refuses_overlapping_partners():
    df = frame([("2021", "export", "WLD", 10.0), ("2021", "export", "CHN", 1.0), ("2021", "export", "CHN+HKG", 2.0)])
    with pytest.raises(ValueError, match="overlaps"):
        metrics.rest_of_world(df, ["CHN", "CHN+HKG"], overlapping={"CHN+HKG": ("CHN", "HKG")})


def test_contributions_sum_to_total_growth(exports):
    c = metrics.contributions(exports, partners=["A", "B"])
    latest = c.loc[c.period == pd.Period("2021")].set_index("partner")
    assert latest.loc["A", "contribution_pp"] == pytest.approx(30.0)   # (70-40)/100
    assert latest.loc["B", "contribution_pp"] == pytest.approx(-10.0)  # (20-30)/100
    assert latest.loc["ROW", "contribution_pp"] == pytest.approx(30.0)  # (60-30)/100
    assert latest["contribution_pp"].sum() == pytest.approx(latest["total_growth_pct"].iloc[0]) == 50.0


def test_balance_is_exports_minus_imports_and_missing_if_either_is():
    df = frame([
        ("2021", "export", "USA", 10.0), ("2021", "import", "USA", 4.0),
        ("2021", "export", "KOR", 3.0),
    ])
    b = metrics.balance(df).set_index("partner")["value_usd"]
    assert b["USA"] == 6.0
    assert math.isnan(b["KOR"])
    assert (metrics.balance(df)["flow"] == "balance").all()


def test_rolling_12_month_sums_need_all_twelve_months():
    months = pd.period_range("2020-01", "2021-02", freq="M")
    df = pd.DataFrame({"period": months, "partner": "WLD", "value_usd": 1.0})
    df = df.loc[df.period != pd.Period("2020-06", "M")]  # a gap
    r = metrics.rolling_sum(df).set_index("period")["value_usd"]
    assert r[pd.Period("2020-11", "M")] != r[pd.Period("2020-11", "M")]  # NaN: first 12 months incomplete
    assert r[pd.Period("2021-02", "M")] != r[pd.Period("2021-02", "M")]  # window 2020-03..2021-02 has the gap
    full = pd.DataFrame({"period": months, "partner": "WLD", "value_usd": 1.0})
    assert metrics.rolling_sum(full).set_index("period")["value_usd"][pd.Period("2020-12", "M")] == 12.0


def test_annual_sum_leaves_incomplete_years_missing():
    months = pd.period_range("2020-01", "2021-03", freq="M")
    df = pd.DataFrame({"period": months, "partner": "WLD", "value_usd": 2.0})
    a = metrics.annual_sum(df).set_index("period")["value_usd"]
    assert a[pd.Period("2020")] == 24.0
    assert math.isnan(a[pd.Period("2021")])


def test_rebase_sets_the_base_period_to_100(exports):
    r = metrics.rebase(exports, "2020").set_index(["period", "partner"])["index"]
    assert r[(pd.Period("2021"), "A")] == pytest.approx(175.0)
    assert r[(pd.Period("2020"), "WLD")] == 100.0


def test_crossover_finds_first_crossing_and_says_the_leader_never_led_before():
    df = frame([(y, "export", p, v) for y, a, b in [("2001", 5, 9), ("2002", 6, 9), ("2003", 10, 9)]
                for p, v in (("USA", a), ("CHN+HKG", b))])
    c = metrics.crossover(df, "USA", "CHN+HKG")
    assert c.period == pd.Period("2003")
    assert not c.led_before and c.last_led is None
    assert c.at_least_periods_without_lead == 2  # 2001 and 2002 both without a lead
    assert c.leads_at_end


def test_crossover_reports_the_last_lead_before_a_re_crossing():
    values = [("2001", 9, 5), ("2002", 4, 5), ("2003", 4, 6), ("2004", 7, 6)]
    df = frame([(y, "export", p, v) for y, a, b in values for p, v in (("USA", a), ("CHN+HKG", b))])
    c = metrics.crossover(df, "USA", "CHN+HKG")
    assert c.period == pd.Period("2004")  # 2001 is not a crossing: the data start with the US ahead
    assert c.led_before and c.last_led == pd.Period("2001")
    assert c.periods_since_last_lead == 3


def test_crossover_ignores_periods_where_either_series_is_missing():
    df = frame([("2001", "export", "USA", 1.0), ("2001", "export", "CHN+HKG", 2.0),
                ("2002", "export", "USA", 3.0)])
    c = metrics.crossover(df, "USA", "CHN+HKG")
    assert c.period is None and c.data_end == pd.Period("2001")


def test_largest_skips_missing_partners(exports):
    assert metrics.largest(exports, "2021", ["A", "B", "C"]) == ("A", 70.0)


def test_ratio_aligns_on_period():
    a = frame([("2020", "import", "USA", 12.0), ("2021", "import", "USA", 11.0)])
    b = frame([("2020", "export", "USA", 10.0)])
    r = metrics.ratio(a, b).set_index("period")["ratio"]
    assert r[pd.Period("2020")] == pytest.approx(1.2)
    assert math.isnan(r[pd.Period("2021")])


def test_missing_lists_partners_without_a_value(exports):
    assert metrics.missing(exports, "2021", ["A", "KOR", "B"]) == ["KOR"]


def test_flagged_rows_match_the_value_and_a_frame_without_the_column_flags_none():
    frame = pd.DataFrame({"status": ["final", "secondary", None], "basis": ["table", "derived", "derived"]})
    assert metrics.flagged(frame, "status", "secondary").tolist() == [False, True, False]
    assert metrics.flagged(frame, "basis", "derived").tolist() == [False, True, True]
    assert metrics.flagged(frame.drop(columns="status"), "status", "secondary").tolist() == [False, False, False]
