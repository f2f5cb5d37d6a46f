"""helpers.analysis.trade_pivot: each section's frames, on small frames computed by hand and on the snapshot."""

import math

import pandas as pd
import pytest
from frames_support import tidy as frame

from helpers.analysis import trade_pivot as analysis
from helpers.snapshot import load


@pytest.fixture
def trade():
    # Exports: world 100 → 200; US 20 → 80 (overtakes); China + Hong Kong 40 → 60; Japan only in 2020.
    # Imports: world 90 → 100; US 10 → 20.
    return frame([
        ("2020", "export", "WLD", 100.0), ("2020", "export", "USA", 20.0), ("2020", "export", "CHN+HKG", 40.0),
        ("2020", "export", "JPN", 10.0),
        ("2021", "export", "WLD", 200.0), ("2021", "export", "USA", 80.0), ("2021", "export", "CHN+HKG", 60.0),
        ("2020", "import", "WLD", 90.0), ("2020", "import", "USA", 10.0),
        ("2021", "import", "WLD", 100.0), ("2021", "import", "USA", 20.0),
    ])


def test_the_export_crossover_is_found_up_to_the_end_year_only(trade):
    assert analysis.export_crossover(trade, None).period == pd.Period("2021")
    assert analysis.export_crossover(trade, 2020).period is None


def test_trading_partners_lead_on_exports_and_leave_two_way_trade_open_without_an_import_figure(trade):
    partners = analysis.trading_partners(trade, 2021)
    assert partners.leader["export"] == "USA" and partners.leader["total"] is None  # no import from China + HK
    assert partners.missing["total"] == ("CHN+HKG",)


def test_latest_shares_add_up_to_100_with_the_missing_partner_in_the_rest(trade):
    latest = analysis.latest_shares(trade, pd.Period("2021"), ["USA", "CHN+HKG", "JPN"])
    assert latest.shares.to_dict() == {"CHN+HKG": 30.0, "USA": 40.0, "ROW": 30.0}  # 60/200, 80/200, rest 60/200
    assert latest.missing == ["JPN"]
    assert set(latest.rows["period"]) == {pd.Period("2021")}


def test_the_share_race_finds_the_crossover_and_keeps_the_chosen_partner_order(trade):
    series = analysis.series(trade, trade, "A")
    race = analysis.share_race(series, trade, "export", ["JPN", "USA"], 2021, 2021)
    assert list(race.wide.columns) == ["JPN", "USA"] and list(race.wide.index) == [pd.Period("2021")]
    assert race.wide.loc[pd.Period("2021"), "USA"] == 40.0 and math.isnan(race.wide.loc[pd.Period("2021"), "JPN"])
    assert list(race.pair.index) == [pd.Period("2020"), pd.Period("2021")]  # the whole series, not just 2021
    assert race.crossing.found and race.crossing.period == pd.Period("2021")
    assert race.annual_crossing.period == pd.Period("2021")
    assert race.release is not None and race.release["id"] == analysis.RELEASE_EVENT
    assert analysis.share_race(series, trade, "import", ["USA"], 2020, 2021).release is None


def test_levels_and_growth_take_the_latest_period_a_chosen_partner_has(trade):
    levels = analysis.levels(analysis.series(trade, trade, "A"), "export", ["USA", "JPN"], 2020, 2021)
    assert levels.latest == pd.Period("2021")
    # a later period with the world total alone (a release headline month) is not the latest for the partners
    world_only = pd.concat([trade, frame([("2022", "export", "WLD", 250.0)])], ignore_index=True)
    assert analysis.levels(analysis.series(world_only, world_only, "A"), "export", ["USA"], 2020, 2022).latest \
        == pd.Period("2021")
    assert levels.wide.loc[pd.Period("2020")].tolist() == [20.0, 10.0]
    growth = analysis.growth(levels.now, "export", ["USA", "JPN"])
    assert growth["USA"] == pytest.approx(300.0) and math.isnan(growth["JPN"])  # 80/20 − 1; no 2021 Japan


def test_balance_growth_is_a_change_in_billions_not_a_percentage():
    rows = frame([("2020", "balance", "USA", 1e9), ("2021", "balance", "USA", -2e9),
                  ("2020", "balance", "WLD", 5e9), ("2021", "balance", "WLD", 6e9)])
    levels = analysis.levels(rows, "balance", ["USA"], 2020, 2021)
    assert analysis.growth(levels.now, "balance", ["USA"])["USA"] == pytest.approx(-3.0)


def test_contributions_fold_a_partner_without_a_figure_into_the_rest(trade):
    result = analysis.contributions(trade, "export", pd.Period("2021"), ["USA", "CHN+HKG", "JPN"])
    assert result.missing == ["JPN"]
    # US (80 − 20)/100 = 60 pp; China + Hong Kong 20 pp; rest (60 − 40)/100 = 20 pp; total growth 100%
    assert result.bars.to_dict() == pytest.approx({"CHN+HKG": 20.0, "USA": 60.0, "ROW": 20.0})
    assert result.bars.sum() == pytest.approx(result.frame["total_growth_pct"].iloc[0])


def test_balances_are_exports_minus_imports_per_partner(trade):
    wide = analysis.balances(analysis.series(trade, trade, "A"), 2020, 2021, codes=["USA", "JPN"])
    assert wide["USA"].tolist() == [10.0, 60.0]
    assert list(wide.columns) == ["USA", "JPN"] and wide["JPN"].isna().all()  # no Japan imports: no balance


def test_monthly_series_are_12_month_sums():
    months = pd.period_range("2020-01", "2021-12", freq="M")
    monthly = frame([(str(m), "export", "USA", 1.0) for m in months], freq="M")
    series = analysis.series(monthly, monthly, "M")
    sums = series.loc[series["flow"] == "export", "value_usd"]
    assert sums.dropna().tolist() == [12.0] * 13 and sums.isna().sum() == 11  # the first 11 months have no full year


def test_the_mirror_ratio_divides_us_reported_imports_by_taiwan_reported_exports(trade):
    us = frame([("2020", "import", "TWN", 30.0), ("2021", "import", "TWN", 100.0)])
    ratios = analysis.mirror(us, trade, "A", 2020, 2021)
    assert ratios["ratio"].tolist() == pytest.approx([1.5, 1.25])  # 30/20, 100/80
    assert ratios.loc[pd.Period("2021"), "usa"] == 100.0 and ratios.loc[pd.Period("2021"), "taiwan"] == 80.0


def test_the_snapshot_shows_the_us_overtaking_china_in_annual_exports():
    annual, monthly = load("trade_by_partner", freq="A"), load("trade_by_partner", freq="M")
    series = analysis.series(annual, monthly, "A")
    race = analysis.share_race(series, annual, "export", ["USA", "CHN+HKG"], 2001, 2025)
    assert race.crossing.found and race.crossing.leader == "USA"
    latest = analysis.latest_shares(annual, race.crossing.period, ["USA", "CHN+HKG"])
    assert latest.shares["USA"] > latest.shares["CHN+HKG"]
    assert latest.shares.sum() == pytest.approx(100.0)


def test_the_snapshot_commodity_panels_show_each_group_to_the_world_and_china():
    goods = analysis.commodities(load("trade_by_commodity", freq="A", commodity=list(analysis.ELECTRONICS)),
                                 load("trade_by_commodity", freq="M", commodity=list(analysis.ELECTRONICS)),
                                 2015, 2025, to_latest=True)
    assert set(goods.panels) == set(analysis.ELECTRONICS) == set(goods.world.columns)
    assert {"WLD", "CHN+HKG"} <= set(goods.panels["ict_av"].columns)
    assert goods.recent is not None and set(goods.recent["commodity"]) == set(analysis.ELECTRONICS)
    assert (goods.world >= goods.china.reindex_like(goods.world)).all().all()
