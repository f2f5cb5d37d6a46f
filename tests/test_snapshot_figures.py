"""The snapshot's figures, each asserted once, here: the period bounds, the latest month and the headline
figures the reports state. A data update changes these tests and no others (``pytest -m snapshot``).

The 2025 values are the Ministry of Finance's release of 2026-01-09 (preliminary): exports US$640.75 bn,
+34.9 %; US share 30.9 %, China + Hong Kong 26.6 %; the US the largest market for the first time since 1999.
"""

import pandas as pd
import pytest

from helpers import snapshot
from helpers.analysis import export_orders, japan_taiwan, metrics
from helpers.snapshot.partners import economies

pytestmark = pytest.mark.snapshot

KEY = ["USA", "CHN+HKG", "ASEAN", "JPN", "EUR", "KOR"]


def annual_exports(partners):
    frame = snapshot.load("trade_by_partner", freq="A", flow="export", partner=partners)
    return frame.pivot(index="period", columns="partner", values="value_usd")


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
    assert round(figures_2025.rival_share_pct, 2) == 26.61  # MOF: 26.6 %


def test_the_us_is_the_largest_export_market_in_2025_and_china_and_hong_kong_in_2024(annual, figures_2025):
    assert figures_2025.largest == "USA"
    assert metrics.key_figures(annual, 2024, candidates=economies(annual["partner"].unique())).largest == "CHN+HKG"


def test_2025_figures_are_flagged_preliminary_and_missing_partners_are_named_not_filled(figures_2025):
    assert figures_2025.preliminary
    assert "KOR" in figures_2025.not_published


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


def test_contributions_to_2025_growth_add_up_with_korea_inside_rest_of_world(exports):
    present = metrics.available(exports, 2025, KEY)
    assert present == ["USA", "CHN+HKG", "ASEAN", "JPN", "EUR"]
    contrib = metrics.period_rows(metrics.contributions(exports, partners=present), 2025)
    assert contrib["contribution_pp"].sum() == pytest.approx(contrib["total_growth_pct"].iloc[0])
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
    # to 2024: 2025 joins table months with release headlines that MOF revises before the full-year figure
    december = rolled.loc[rolled["period"].map(lambda p: p.month == 12 and p.year <= 2024)].copy()
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


def test_exports_to_the_us_grew_78_percent_in_2025(exports):
    growth = metrics.period_rows(metrics.yoy_growth(exports), 2025).set_index("partner")["growth_pct"]
    assert round(growth["USA"], 1) == 78.0  # 198.27 / 111.36
    assert "KOR" not in growth.index  # no 2025 figure: no growth either, nothing filled


def test_balance_with_the_us_rose_from_9_billion_in_2001_to_150_billion_in_2025(annual):
    balance = metrics.to_wide(metrics.balance(metrics.select(annual, partner="USA")))["USA"]
    assert round(balance[pd.Period("2001")] / 1e9, 2) == 9.04
    assert round(balance[pd.Period("2025")] / 1e9, 2) == 150.12


def test_exports_to_the_us_in_2025_were_about_5_9_times_their_2016_level(exports):
    index = metrics.rebase(metrics.select(exports, partner="USA"), 2016).set_index("period")["index"]
    assert index[pd.Period("2016")] == 100.0
    assert round(index[pd.Period("2025")]) == 594  # 198.27 / 33.40 (2016)


def test_annual_series_run_from_2001_to_2025_and_monthly_from_2001_01():
    annual = snapshot.load("trade_by_partner", freq="A", partner="WLD", flow="export")
    monthly = snapshot.load("trade_by_partner", freq="M", partner="WLD", flow="export")
    assert str(annual.period.min()) == "2001" and str(annual.period.max()) == "2025"
    assert str(monthly.period.min()) == "2001-01"
    assert len(monthly) == len(pd.period_range(monthly.period.min(), monthly.period.max(), freq="M"))


def test_published_aggregate_is_used_where_members_are_missing():
    row = snapshot.load("trade_by_partner", freq="A", flow="export", partner="CHN+HKG", period=pd.Period("2025", "Y")).iloc[0]
    assert row.value_usd == pytest.approx(170.48e9)  # MOF release, 2026-01-09: 1,704.8 億美元
    assert (row.status, row.basis) == ("preliminary", "headline")


def test_exports_in_2024_match_the_mof_table_of_us_475_0_billion():
    # MOF Aug-2025 press table 8: 2024 exports 474,995.711 US$ million
    assert annual_exports(["WLD"]).loc[pd.Period("2024", "Y"), "WLD"] == pytest.approx(474_995_711_000, abs=1e3)


def test_china_hk_share_peaked_at_43_9_percent_in_2020():
    # MOF/MOEA (UDN): share peaked at 43.9 % in 2020
    wide = annual_exports(["WLD", "CHN+HKG"])
    share = wide["CHN+HKG"] / wide.WLD * 100
    assert share.idxmax() == pd.Period("2020", "Y") and round(share.max(), 1) == 43.9


def test_us_reported_imports_from_taiwan_in_2024_were_116_3_billion():
    # US Census c5830: 2024 imports from Taiwan 116,255.1 US$ million
    row = snapshot.load("mirror", freq="A", reporter="USA", flow="import", period=pd.Period("2024", "Y")).iloc[0]
    assert row.value_usd == pytest.approx(116_255.1e6)


def test_survey_shares_match_moea_in_2016_and_2024():
    # MOEA DoS survey: 2016 China+HK 51.3 %, Taiwan 45.8 %; 2024 China+HK 33.1 %, Taiwan 51.4 %
    survey = snapshot.load("production_survey").set_index(["period", "location"]).share_pct
    assert survey[(pd.Period("2016", "Y"), "CHN+HKG")] == 51.3
    assert survey[(pd.Period("2016", "Y"), "TWN")] == 45.8
    assert survey[(pd.Period("2024", "Y"), "CHN+HKG")] == 33.1
    assert survey[(pd.Period("2024", "Y"), "TWN")] == 51.4


def test_taiwan_survey_share_in_2019_is_derived_as_47_4_percent_from_the_overseas_share():
    # MOEA DoS survey 2019: overseas production "約52.6%", so Taiwan 100 − 52.6 = 47.4 % (derived)
    row = snapshot.load("production_survey", period=pd.Period("2019", "Y"), location="TWN").iloc[0]
    assert (row.share_pct, row.basis) == (47.4, "derived")


def test_imports_from_japan_in_2019_were_44_052_billion():
    # MOF table: 44,051,896 US$ thousand; Japan's MOFA, citing it, states "US$44.0 billion" (data/claims.yaml)
    row = snapshot.load("trade_by_partner", freq="A", flow="import", partner="JPN", period=pd.Period("2019", "Y")).iloc[0]
    assert row.value_usd == pytest.approx(44_051_896_000)


def test_japan_2024_deficit_was_20_6_billion_and_2025_has_no_import_figure_yet(annual):
    # MOF: 2024 balance with Japan −20,616.75 US$ million; the 2025 release gives no imports from Japan
    balance = metrics.to_wide(metrics.balance(metrics.select(annual, partner="JPN")))["JPN"]
    assert balance[pd.Period("2024")] == pytest.approx(-20_616.75e6, abs=1e4)
    assert pd.isna(balance.get(pd.Period("2025")))
    assert metrics.select(annual, flow="import", partner="JPN", period=pd.Period("2025", "Y")).empty


def test_japan_ranked_2nd_in_taiwans_total_trade_in_2003_to_2006_and_3rd_in_2015_to_2024(annual):
    ranks = japan_taiwan.partner_ranks(annual, "JPN", 2003, 2024)["total"]
    assert set(ranks.loc[pd.Period("2003"):pd.Period("2006")]) == {2} and set(ranks.loc[pd.Period("2015"):]) == {3}


def test_japan_taiwan_trade_in_the_12_months_to_august_2025_was_80_3_billion():
    # MOF monthly tables, Sep 2024–Aug 2025; the monthly figures for Japan end in Aug 2025
    totals = japan_taiwan.bilateral(snapshot.load("trade_by_partner", freq="M"), "JPN")["total"].dropna()
    assert totals.index[-1] == pd.Period("2025-08", "M") and round(totals.iloc[-1] / 1e9, 1) == 80.3


def test_taiwan_ranked_3rd_in_japans_trade_in_2021_as_quoted_and_4th_in_the_other_quoted_years():
    # Japan MOF customs ranks as quoted (secondary tabulation for 2021)
    quoted = japan_taiwan.japan_side_ranks(snapshot.load("japan_taiwan"))
    trade = quoted.loc[quoted["measure"] == "taiwan_rank_in_japan_trade"].set_index("period_text")["rank"]
    assert trade.to_dict() == {"Jan–Jun 2017": 4, "2018": 4, "2020": 4, "2021": 3, "2023": 4}


def test_taitra_headline_and_investment_commission_series_are_kept_apart():
    frame = snapshot.load("japan_taiwan", measure="fdi_cumulative_amount", direction="JPN->TWN")
    by_series = frame.groupby("series").value.max()
    assert by_series["taitra_headline"] == 48.7 and by_series["investment_commission_cumulative"] == 20.8
    assert set(frame.source) == {"taitra_japan_taiwan", "moea_investment_commission"}


def test_vintage_names_the_latest_period_of_each_frequency():
    assert snapshot.vintage("trade_by_partner") == "2025 (annual), 2026-02 (monthly)"
    assert snapshot.vintage("export_orders") == "2025"


@pytest.mark.snapshot
def test_integrated_circuits_2024_went_mainly_to_china_and_hong_kong_and_7_4_billion_to_the_us():
    chips = snapshot.load("ic_exports_by_destination", period="2024").set_index("destination_zh")["value_usd"]
    assert chips["合計"] == pytest.approx(165_042_202_000)  # MOF "1650億"
    assert chips["美國"] == pytest.approx(7_403_122_000)  # MOF "74.03億"
    assert chips["中國大陸"] + chips["香港"] == pytest.approx(85_263_693_000)  # MOF "852.6億"


@pytest.mark.snapshot
def test_the_ict_share_of_exports_to_the_us_is_held_as_published_and_the_product_figures_as_secondary():
    products = snapshot.load("us_exports_by_product").set_index(["product", "period"])
    assert products.loc[("ict_av", "2018"), "share_pct"] == 24
    assert products.loc[("ict_av", "2025-01..2025-11"), ["share_pct", "status"]].tolist() == [75.8, "preliminary"]
    assert products.loc[("adp_machines_and_parts", "2024"), ["value_usd", "status"]].tolist() == [51.494e9, "secondary"]


@pytest.mark.snapshot
def test_china_and_hong_kong_were_back_on_top_of_the_monthly_export_shares_in_september_2025():
    september = snapshot.load("trade_by_partner", freq="M", flow="export", period=pd.Period("2025-09", "M"))
    value = september.set_index("partner")["value_usd"]
    assert value["CHN+HKG"] / value["WLD"] * 100 == pytest.approx(29.235, abs=1e-3)  # 15.86 / 54.25 bn
    assert value["USA"] / value["WLD"] * 100 == pytest.approx(24.553, abs=1e-3)  # 13.32 / 54.25 bn


@pytest.mark.snapshot
def test_asean_overtook_china_and_hong_kong_in_2025_export_orders_and_led_them_in_every_month_since():
    annual = snapshot.load("export_orders", period=pd.Period("2025", "Y")).set_index("region")["value_usd"]
    assert (annual["ASEAN"], annual["CHN+HKG"]) == (139.54e9, 137.8e9)
    crossing = metrics.crossover(export_orders.levels(snapshot.load("export_orders"), ["ASEAN", "CHN+HKG"]), "ASEAN",
                                 "CHN+HKG", key="region")
    assert crossing.period == pd.Period("2025")  # data from 2014: pinned in test_claims.py
    monthly = snapshot.load("export_orders_monthly", region=["ASEAN", "CHN+HKG"])
    wide = monthly.pivot(index="period", columns="region", values="value_usd")
    assert list(wide.index) == ["2025-09", "2025-10", "2025-11", "2026-01"] and (wide.ASEAN > wide["CHN+HKG"]).all()


@pytest.mark.snapshot
def test_the_overseas_production_ratio_is_held_for_the_release_months_and_a_year_earlier_where_stated():
    ratio = snapshot.load("overseas_production_ratio", freq="M").set_index("period")
    assert ratio.loc["2026-01", "ratio_pct"] == 47.7 and ratio.loc["2025-01", ["ratio_pct", "basis"]].tolist() == [45.1, "derived"]
