"""The trade pivot's headline claims, checked on the real snapshot with helpers.analysis.metrics.

The 2025 values are the Ministry of Finance's release of 2026-01-09 (preliminary): exports US$640.75 bn,
+34.9 %; US share 30.9 %, China + Hong Kong 26.6 %; the US the largest market for the first time since 1999.
"""

import pandas as pd
import pytest

from helpers import snapshot
from helpers.analysis import metrics
from helpers.snapshot.partners import economies

KEY = ["USA", "CHN+HKG", "ASEAN", "JPN", "EUR", "KOR"]


@pytest.fixture(scope="module")
def annual():
    return snapshot.load("trade_by_partner", freq="A")


@pytest.fixture(scope="module")
def exports(annual):
    return metrics.select(annual, flow="export")


@pytest.fixture(scope="module")
def figures_2025(annual):
    return metrics.key_figures(annual, 2025, candidates=economies(annual["partner"].unique()))


def test_2025_exports_are_640_75_billion_dollars_up_34_9_percent(figures_2025):
    assert round(figures_2025.exports / 1e9, 2) == 640.75
    assert round(figures_2025.growth_pct, 1) == 34.9


def test_us_share_of_exports_in_2025_is_30_9_percent(figures_2025):
    assert round(figures_2025.leader_share_pct, 1) == 30.9


def test_china_and_hong_kong_share_of_exports_in_2025_is_26_6_percent(figures_2025):
    assert round(figures_2025.rival_share_pct, 1) == 26.6


def test_the_us_is_the_largest_export_market_in_2025_and_china_and_hong_kong_in_2024(annual, figures_2025):
    assert figures_2025.largest == "USA"
    assert metrics.key_figures(annual, 2024, candidates=economies(annual["partner"].unique())).largest == "CHN+HKG"


def test_2025_figures_are_flagged_preliminary_and_missing_partners_are_named_not_filled(figures_2025):
    assert figures_2025.preliminary
    assert "KOR" in figures_2025.not_published


def test_surplus_with_the_us_in_2025_is_150_12_billion_dollars(figures_2025):
    assert round(figures_2025.leader_balance / 1e9, 2) == 150.12


def test_us_overtakes_china_and_hong_kong_in_2025_first_time_in_data_that_start_in_2001(exports):
    crossing = metrics.crossover(exports, "USA", "CHN+HKG")
    assert crossing.period == pd.Period("2025")
    assert crossing.data_start == pd.Period("2001")
    assert not crossing.led_before and crossing.last_led is None  # "since 1999" is the MOF's statement, not the data's
    assert crossing.at_least_periods_without_lead == 24


def test_contributions_to_export_growth_sum_to_total_growth_every_year(exports):
    contrib = metrics.contributions(exports, partners=KEY)
    sums = contrib.groupby("period").agg(total=("total_growth_pct", "first"), added=("contribution_pp", lambda s: s.sum(min_count=len(s))))
    complete = sums.dropna()
    assert len(complete) == 23  # 2002–2024: every year with all six partners and the year before
    assert (complete["added"] - complete["total"]).abs().max() < 1e-9


def test_contributions_to_2025_growth_sum_to_34_9_percent_with_korea_inside_rest_of_world(exports):
    present = metrics.available(exports, 2025, KEY)
    assert present == ["USA", "CHN+HKG", "ASEAN", "JPN", "EUR"]
    contrib = metrics.period_rows(metrics.contributions(exports, partners=present), 2025)
    assert contrib["contribution_pp"].sum() == pytest.approx(contrib["total_growth_pct"].iloc[0])
    assert round(contrib["total_growth_pct"].iloc[0], 1) == 34.9
    us = contrib.set_index("partner").loc["USA", "contribution_pp"]
    assert round(us, 1) == 18.3  # (198.27 − 111.36) / 475.00


def test_shares_of_partners_plus_rest_of_world_sum_to_100_percent(exports):
    shares = metrics.shares(exports, partners=KEY, rest=True)
    by_year = shares.groupby("period")["share_pct"].sum(min_count=1)
    defined = shares.groupby("period")["share_pct"].apply(lambda s: s.notna().all())
    assert by_year[defined].sub(100).abs().max() < 1e-9
    present_2025 = metrics.available(exports, 2025, KEY)
    s2025 = metrics.shares(metrics.period_rows(exports, 2025), partners=present_2025, rest=True)
    assert s2025["share_pct"].sum() == pytest.approx(100.0)


def test_december_12_month_sums_equal_the_annual_totals_within_rounding(annual):
    monthly = snapshot.load("trade_by_partner", freq="M", flow="export", partner=["WLD", "USA", "CHN+HKG"])
    rolled = metrics.rolling_sum(monthly)
    december = rolled.loc[rolled["period"].map(lambda p: p.month == 12)].copy()
    december["period"] = december["period"].map(lambda p: pd.Period(p.year, freq="Y"))
    merged = december.merge(metrics.select(annual, flow="export"), on=["period", "flow", "partner"], suffixes=("_m", "_a"))
    assert len(merged) == 3 * 24  # 2001–2024
    assert (merged["value_usd_m"] - merged["value_usd_a"]).abs().max() <= 12 * 1000  # US$ thousand rounding per month


def test_us_reported_imports_exceed_taiwan_reported_exports_by_13_to_23_percent_until_2023_then_4_percent_in_2024(exports):
    us = snapshot.load("mirror", freq="A", reporter="USA", flow="import")
    ratios = metrics.ratio(us, metrics.select(exports, partner="USA")).dropna().set_index("period")["ratio"]
    assert ratios.loc[pd.Period("2001"):pd.Period("2023")].between(1.13, 1.23).all()
    assert round(ratios[pd.Period("2024")], 2) == 1.04


def test_ict_exports_grew_more_than_fourfold_from_2015_to_2024():
    goods = snapshot.load("trade_by_commodity", freq="A", destination="WLD", commodity="ict_av")
    wide = metrics.to_wide(goods, key="commodity")["ict_av"]
    assert wide[pd.Period("2024")] / wide[pd.Period("2015")] > 4


def test_exports_to_the_us_grew_78_percent_in_2025_and_total_exports_34_9_percent(exports):
    growth = metrics.period_rows(metrics.yoy_growth(exports), 2025).set_index("partner")["growth_pct"]
    assert round(growth["USA"], 1) == 78.0  # 198.27 / 111.36
    assert round(growth["WLD"], 1) == 34.9
    assert "KOR" not in growth.index  # no 2025 figure: no growth either, nothing filled


def test_balance_with_the_us_rose_from_9_billion_in_2001_to_150_billion_in_2025(annual):
    balance = metrics.to_wide(metrics.balance(metrics.select(annual, partner="USA")))["USA"]
    assert round(balance[pd.Period("2001")] / 1e9, 2) == 9.04
    assert round(balance[pd.Period("2025")] / 1e9, 2) == 150.12


def test_exports_to_the_us_in_2025_were_about_5_9_times_their_2016_level(exports):
    index = metrics.rebase(metrics.select(exports, partner="USA"), 2016).set_index("period")["index"]
    assert index[pd.Period("2016")] == 100.0
    assert round(index[pd.Period("2025")]) == 594  # 198.27 / 33.40 (2016)
