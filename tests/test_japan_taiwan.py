"""helpers.analysis.japan_taiwan on the real snapshot: bilateral trade, shares, ranks, investment and published totals.

Figures in the comments are from data/trade_by_partner.csv (MOF u2010, US$ thousand) and
data/japan_taiwan.csv (each row names its source).
"""

import math

import pandas as pd
import pytest

from helpers import snapshot
from helpers.analysis import japan_taiwan as jt
from helpers.analysis import metrics
from helpers.text import japan_taiwan as jt_text


def Y(year: int) -> pd.Period:
    return pd.Period(str(year), freq="Y")


@pytest.fixture(scope="module")
def annual():
    return snapshot.load("trade_by_partner", freq="A")


@pytest.fixture(scope="module")
def pairs():
    return snapshot.load("japan_taiwan")


@pytest.fixture(scope="module")
def japan(annual):
    return jt.bilateral(annual, "JPN", 2001, 2025)


def test_trade_with_japan_in_2020_is_23_40_exports_plus_45_90_imports_69_30_billion(japan):
    row = japan.loc[Y(2020)]
    assert row["export"] == pytest.approx(23_398_254e3)
    assert row["import"] == pytest.approx(45_900_765e3)
    assert row["total"] == pytest.approx(69_299_019e3)
    assert row["balance"] == pytest.approx(-22_502_511e3)


def test_total_trade_equals_exports_plus_imports_in_every_year(japan):
    both = japan.dropna(subset=["export", "import"])
    assert len(both) == 24  # 2001-2024
    assert (both["total"] - (both["export"] + both["import"])).abs().max() < 1e-3
    assert (both["balance"] - (both["export"] - both["import"])).abs().max() < 1e-3


def test_2025_has_exports_to_japan_but_no_imports_so_total_and_balance_are_gaps(japan):
    row = japan.loc[Y(2025)]
    assert row["export"] == pytest.approx(30_010_000e3)  # MOF 2025 release headline
    assert math.isnan(row["import"]) and math.isnan(row["total"]) and math.isnan(row["balance"])


def test_monthly_data_become_twelve_month_sums():
    monthly = snapshot.load("trade_by_partner", freq="M", partner="JPN")
    sums = jt.bilateral(monthly, "JPN", 2025, 2025)
    months = metrics.years(monthly, 2024, 2025)
    last_year = months[(months["period"] > pd.Period("2024-08", "M")) & (months["flow"] == "import")]
    assert len(last_year) == 12
    assert sums.loc[pd.Period("2025-08", "M"), "import"] == pytest.approx(last_year["value_usd"].sum())


def test_taiwan_ran_a_deficit_with_japan_and_a_surplus_with_the_us_in_every_year_2001_2024(annual):
    balances = jt.flow_by_partner(annual, "balance", ["JPN", "USA"], 2001, 2024)
    assert (balances["JPN"] < 0).all() and (balances["USA"] > 0).all()
    assert list(balances.columns) == ["JPN", "USA"]


def test_japans_share_of_taiwans_total_trade_fell_from_16_6_to_8_3_percent(annual):
    shares = jt.total_trade_shares(annual, ["JPN", "USA"], 2001, 2025)
    assert shares.loc[Y(2001), "JPN"] == pytest.approx(16.6, abs=0.05)
    assert shares.loc[Y(2024), "JPN"] == pytest.approx(8.3, abs=0.05)
    assert math.isnan(shares.loc[Y(2025), "JPN"])  # no 2025 imports from Japan


def test_the_2025_us_imports_are_flagged_as_derived(annual):
    rows = jt.derived_rows(annual, ["JPN", "USA"], 2001, 2025)
    assert rows[["partner", "flow"]].values.tolist() == [["USA", "import"]]
    flags = jt.derived_flags(annual, ["JPN", "USA"], 2001, 2025)
    assert flags.loc[Y(2025)].to_dict() == {"JPN": False, "USA": True}
    assert jt.derived_flags(annual, ["JPN"], 2001, 2024).empty


def test_ranks_are_taken_among_single_economies_only(annual):
    ranked = jt.ranked_partners(annual)
    assert len(ranked) == 22 and "CHN+HKG" in ranked
    assert not {"WLD", "ASIA", "EUR", "ASEAN", "MIDEAST", "NAMERICA", "CHN", "HKG"} & set(ranked)


def test_ranks_are_consistent_with_the_partner_values_in_every_year(annual):
    for year in range(2001, 2025):
        table = jt.ranking_table(annual, year).sort_values("rank")
        assert table["rank"].tolist() == list(range(1, len(table) + 1))
        assert table["value_usd"].is_monotonic_decreasing
        japan = table.set_index("partner").loc["JPN"]
        assert japan["rank"] == 1 + (table["value_usd"] > japan["value_usd"]).sum()


def test_japan_was_taiwans_second_partner_2003_2013_and_third_since_2014(annual):
    ranks = jt.partner_ranks(annual, "JPN", 2001, 2025)["total"]
    assert set(ranks[Y(2003):Y(2013)]) == {2.0}
    assert set(ranks[Y(2014):Y(2024)]) == {3.0}
    assert math.isnan(ranks[Y(2025)])  # an incomplete field is not ranked


def test_counting_china_and_hong_kong_apart_makes_japan_first_in_2003_and_2004(annual):
    separate = jt.partner_ranks(annual, "JPN", 2001, 2025, china_with_hong_kong=False)["total"]
    assert separate[Y(2003)] == separate[Y(2004)] == 1.0
    assert separate[Y(2024)] == 3.0


def test_runs_groups_equal_neighbours_and_a_gap_breaks_a_run():
    series = pd.Series([3.0, 3.0, 2.0, float("nan"), 2.0], index=[1, 2, 3, 4, 5])
    assert jt.runs(series) == [(3.0, 1, 2), (2.0, 3, 3), (2.0, 5, 5)]


@pytest.mark.parametrize("label, end, words, full", [
    ("2013", "2013-12", "2013", True),
    ("2024-01..2024-06", "2024-06", "Jan–Jun 2024", False),
    ("1952 to 2011-08", "2011-08", "1952 to Aug 2011", False),
    ("to end-2018", "2018-12", "to end-2018", False),
    ("1952-2020", "2020-12", "1952–2020", False),
])
def test_period_labels_of_the_japan_taiwan_dataset_are_read(label, end, words, full):
    assert jt.period_end(label) == pd.Period(end, freq="M")
    assert jt.period_text(label) == words
    assert jt.is_full_year(label) is full


def test_a_period_label_without_a_year_is_refused():
    with pytest.raises(ValueError, match="names no year"):
        jt.period_end("recent")


def test_annual_approvals_keep_gaps_and_mark_derived_years(pairs):
    approvals = jt.annual_series(pairs, "fdi_approved_amount", "JPN->TWN", 2013, 2025)
    assert approvals.loc[Y(2018), "value"] == 1520.0
    assert approvals.loc[Y(2021), "basis"] == "derived"
    assert approvals.loc[[Y(2014), Y(2015), Y(2020), Y(2024), Y(2025)], "value"].isna().all()
    values, derived = jt.chart_frames(approvals, "JPN")
    assert list(values.columns) == ["JPN"] and derived["JPN"].sum() == 2  # 2021 and 2023


def test_the_largest_annual_approvals_are_us_1_699_million_and_616_cases(pairs):
    assert jt.largest_annual(pairs, "fdi_approved_amount", "JPN->TWN") == 1699.41  # 2022, JETRO citing the Commission
    assert jt.largest_annual(pairs, "fdi_approved_cases", "JPN->TWN") == 616.0  # 2013, BOFT citing the Commission
    assert math.isnan(jt.largest_annual(pairs, "fdi_approved_cases", "TWN->JPN"))


def test_cumulative_figures_from_both_sources_are_kept_side_by_side(pairs):
    amounts = jt.cumulative(pairs, "JPN->TWN", "fdi_cumulative_amount")
    assert amounts["value"].tolist() == [16.74, 17.5, 20.8, 48.7]
    assert amounts["source"].tolist()[-1] == "taitra_japan_taiwan"
    bars = jt_text.cumulative_bars(pairs)
    assert bars.loc["Japan → Taiwan, TAITRA (promotional), 1952–2020", "value"] == 48.7
    assert bars.loc["Japan → Taiwan, Investment Commission approvals, to end-2018", "value"] == 20.8
    assert set(bars["direction"]) == {"JPN->TWN", "TWN->JPN"}


def test_japan_side_ranks_keep_both_conflicting_quotes_for_2018(pairs):
    ranks = jt.japan_side_ranks(pairs)
    imports_2018 = ranks[(ranks["measure"] == "taiwan_rank_in_japan_imports") & (ranks["period"] == "2018")]
    assert sorted(imports_2018["rank"]) == [6.0, 7.0]
    wide = jt.japan_side_wide(ranks)
    assert wide.loc[Y(2021), "taiwan_rank_in_japan_trade"] == 3.0
    assert math.isnan(wide.loc[Y(2019), "taiwan_rank_in_japan_trade"])  # no quote: a gap
    panels = jt.japan_side_panels(ranks)
    assert list(panels) == list(jt.JAPAN_SIDE_MEASURES)
    assert sum(len(p.columns) for p in panels.values()) == len(wide.columns)
    assert jt_text.japan_side_headings(ranks)["taiwan_rank_in_japan_trade"] == "Total trade (2017 = Jan–Jun)"


def test_taitras_2020_total_is_1_88_billion_or_2_7_percent_above_customs(pairs, annual):
    table = jt.published_totals(pairs, annual).set_index("period")
    taitra = table.loc["2020"]
    assert taitra["published"] == pytest.approx(71.18e9)
    assert taitra["customs_total"] == pytest.approx(69_299_019e3)
    assert taitra["difference"] == pytest.approx(1.880981e9)
    assert taitra["difference_pct"] == pytest.approx(2.714, abs=0.001)
    assert table.loc["2012", "difference"] < 0  # the Japanese-side 2012 total is below Taiwan's customs
    bars = jt_text.published_bars(jt.published_totals(pairs, annual))
    assert bars["source"].tolist() == ["mof_u2010", "japan_taiwan_exchange_association", "mof_u2010",
                                       "taitra_japan_taiwan", "mof_u2010", "taiwan_japan_relations_association",
                                       "legislative_yuan"]  # 2025: no full-year imports, so no customs bar


def test_a_customs_total_from_two_different_sources_is_refused(pairs, annual):
    mixed = annual.copy()
    mixed.loc[(mixed["partner"] == "JPN") & (mixed["flow"] == "import") & (mixed["period"] == Y(2020)),
              "source"] = "mof_press_2025_08"
    with pytest.raises(ValueError, match="different sources"):
        jt.published_totals(pairs, mixed)


@pytest.mark.snapshot
def test_the_jcci_2022_figures_match_taiwans_exports_and_fall_5_2_percent_below_its_imports_from_japan(pairs, annual):
    # JCCI white paper 2025: Taiwan → Japan US$33.6 bn, Japan → Taiwan US$51.8 bn; MOF 2022: 33,608,899 and
    # 54,626,029 (US$ thousand)
    table = jt.published_flows(pairs, annual).set_index("direction")
    assert table.loc["TWN->JPN", "customs"] == pytest.approx(33_608_899e3)
    assert table.loc["JPN->TWN", "difference_pct"] == pytest.approx((51.8e9 / 54_626_029e3 - 1) * 100)


def test_a_published_flow_of_a_year_without_the_customs_figure_is_compared_with_nothing(pairs, annual):
    later = pairs.assign(period=pairs["period"].where(pairs["measure"] != "trade_flow", "2030"))
    table = jt.published_flows(later, annual)
    assert len(table) == 2 and table["customs"].isna().all() and table["difference"].isna().all()
    reading = jt_text.published_flows_reading(table)
    assert "Taiwan customs have no imports from Japan (CIF) figure for that year" in reading
    assert jt_text.published_flows_reading(table.iloc[:0]) == ""
