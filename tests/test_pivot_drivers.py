"""Export market against trading partner, products by destination, routes, latest months and the China mirror,
on small frames (helpers.analysis.pivot_drivers and helpers.text.pivot_drivers)."""

import math

import pandas as pd
import pytest
from markdown_support import shown

from helpers.analysis import pivot_drivers as drivers
from helpers.text import pivot_drivers as text


def tidy(rows, freq="Y", **constant) -> pd.DataFrame:
    """[(period, flow, partner, value)] as a tidy trade frame."""
    return pd.DataFrame([{"period": pd.Period(str(p), freq), "flow": f, "partner": c, "value_usd": v, **constant}
                         for p, f, c, v in rows])


BN = 1e9
#: 2025: the US leads on exports and surplus, China + Hong Kong on two-way trade; 2024: no CHN+HKG import.
TRADE = tidy([
    (2025, "export", "USA", 200 * BN), (2025, "import", "USA", 50 * BN),
    (2025, "export", "CHN+HKG", 170 * BN), (2025, "import", "CHN+HKG", 95 * BN),
    (2024, "export", "USA", 110 * BN), (2024, "import", "USA", 45 * BN),
    (2024, "export", "CHN+HKG", 150 * BN),
])


def test_two_way_adds_total_and_balance_and_leaves_them_missing_without_imports():
    frame = drivers.two_way(TRADE).set_index(["period", "flow", "partner"])["value_usd"]
    assert frame[(pd.Period(2025, "Y"), "total", "CHN+HKG")] == 265 * BN
    assert frame[(pd.Period(2025, "Y"), "balance", "USA")] == 150 * BN
    assert math.isnan(frame[(pd.Period(2024, "Y"), "total", "CHN+HKG")])


def test_leaders_name_the_market_the_partner_and_the_surplus_separately():
    lead = drivers.leaders(drivers.two_way(TRADE), 2025)
    assert lead.leader == {"export": "USA", "import": "CHN+HKG", "total": "CHN+HKG", "balance": "USA"}
    assert lead.gap("total") == pytest.approx(15 * BN) and lead.missing["total"] == ()


def test_a_missing_import_figure_leaves_partner_and_surplus_without_a_leader_and_names_who_lacks_it():
    lead = drivers.leaders(drivers.two_way(TRADE), 2024)
    assert lead.leader["export"] == "CHN+HKG" and lead.leader["total"] is None and lead.leader["balance"] is None
    assert lead.missing["total"] == ("CHN+HKG",) and math.isnan(lead.gap("total"))


def test_verdict_separates_export_market_from_trading_partner():
    sentence = text.verdict(drivers.leaders(drivers.two_way(TRADE), 2025))
    assert "the United States was Taiwan's largest export market (US$200 billion against US$170 billion" in sentence
    assert "China + Hong Kong was Taiwan's largest trading partner in two-way trade (US$265 billion" in sentence
    assert "**Verdict:** in 2025 the United States was the largest export market but China + Hong Kong was still" in sentence
    assert text.verdict_title(drivers.leaders(drivers.two_way(TRADE), 2025)).endswith("two-way trade with China + Hong Kong was larger")


def test_verdict_falls_back_to_the_year_to_date_and_says_which_figure_is_missing():
    monthly = tidy([(f"{y}-{m:02d}", f, c, v) for y in (2024, 2025) for m in (1, 2)
                    for f, c, v in (("export", "USA", 10.0), ("import", "USA", 1.0),
                                    ("export", "CHN+HKG", 8.0), ("import", "CHN+HKG", 6.0))], freq="M")
    year = drivers.leaders(drivers.two_way(TRADE), 2024)
    to_date = drivers.leaders(drivers.year_to_date_two_way(monthly, "2025-02"), "2025-02")
    assert to_date.values[("total", "CHN+HKG")] == 28.0 and to_date.leader["total"] == "CHN+HKG"
    sentence = text.verdict(year, to_date)
    assert "no 2024 import figure for China + Hong Kong, so the largest trading partner in two-way trade and the largest source of surplus" in sentence
    assert "**Verdict:** in Jan–Feb 2025 the United States was the largest export market but China + Hong Kong" in sentence


COMMODITY = pd.DataFrame([
    {"period": pd.Period(2024, "Y"), "flow": "export", "destination": d, "commodity": c, "value_usd": v}
    for d, c, v in (("WLD", "ict_av", 100.0), ("CHN+HKG", "ict_av", 20.0),
                    ("WLD", "electronic_components", 200.0), ("CHN+HKG", "electronic_components", 120.0))])
LABELS = {"ict_av": "ICT & audio-visual products", "electronic_components": "Electronic components"}


def test_product_destinations_split_each_product_into_the_hub_and_the_rest():
    split = drivers.product_destinations(COMMODITY).set_index(["commodity", "destination"])
    assert split.loc[("ict_av", "ROW"), "value_usd"] == 80.0 and split.loc[("ict_av", "CHN+HKG"), "share_pct"] == 20.0
    assert split.loc[("electronic_components", "ROW"), "share_pct"] == pytest.approx(40.0)
    finding = drivers.product_finding(drivers.product_destinations(COMMODITY), 2024)
    assert (finding.most_hub_bound, finding.least_hub_bound) == ("electronic_components", "ict_av")


def test_product_text_says_where_each_group_went_computed_from_the_shares():
    finding = drivers.product_finding(drivers.product_destinations(COMMODITY), 2024)
    assert text.product_title(finding, LABELS) == ("In 2024, electronic components went mainly to China + Hong Kong "
                                                   "(60%), ICT & audio-visual products mainly away from it (20%)")
    assert "was 40.0 percentage points above that of ICT & audio-visual products" in shown(text.product_reading([finding], LABELS))


def test_product_finding_refuses_a_period_without_the_hub_and_defaults_to_the_latest_with_it():
    with pytest.raises(ValueError, match="no CHN\\+HKG share"):
        drivers.product_finding(drivers.product_destinations(COMMODITY), 2023)
    world_only = pd.DataFrame([{"period": pd.Period(2025, "Y"), "flow": "export", "destination": "WLD", "commodity": c,
                                "value_usd": 1.0} for c in ("ict_av", "electronic_components")])
    split = drivers.product_destinations(pd.concat([COMMODITY, world_only], ignore_index=True))
    assert drivers.product_finding(split).period == pd.Period(2024, "Y")
    with pytest.raises(ValueError, match="no period has"):
        drivers.product_finding(drivers.product_destinations(world_only))


def test_destination_shares_add_up_to_100_with_the_others():
    ics = pd.DataFrame([{"period": pd.Period(2024, "Y"), "destination": d, "value_usd": v}
                        for d, v in (("WLD", 100.0), ("CHN+HKG", 50.0), ("ASEAN", 30.0), ("USA", 5.0))])
    shares = drivers.destination_shares(ics, ["CHN+HKG", "ASEAN", "USA"]).set_index("destination")["share_pct"]
    assert shares["ROW"] == pytest.approx(15.0) and shares.sum() == pytest.approx(100.0)


def test_ic_destination_shares_sum_members_keep_the_part_year_label_and_fill_nothing_in():
    rows = [("2024", "CHN", 40.0), ("2024", "HKG", 10.0), ("2024", "VNM", 15.0), ("2024", "MYS", 5.0),
            ("2024", "USA", 10.0), ("2024", "JPN", 20.0), ("2024", "WLD", 100.0),
            ("2025-01..2025-07", "CHN", 30.0), ("2025-01..2025-07", "SGP", 10.0), ("2025-01..2025-07", "WLD", 50.0),
            ("2023", "HKG", 5.0), ("2023", "WLD", 10.0)]
    chips = pd.DataFrame(rows, columns=["period", "destination", "value_usd"])
    wide = drivers.ic_destination_shares(chips, start=2024)
    assert list(wide.index) == ["2024", "2025-01..2025-07"] and list(wide.columns) == ["CHN+HKG", "ASEAN", "USA", "ROW"]
    assert wide.loc["2024"].tolist() == pytest.approx([50.0, 20.0, 10.0, 20.0])
    assert wide.loc["2025-01..2025-07", ["CHN+HKG", "ASEAN"]].tolist() == pytest.approx([60.0, 20.0])
    assert wide.loc["2025-01..2025-07", ["USA", "ROW"]].isna().all()  # no US row: no share, and no rest either
    assert list(drivers.ic_destination_shares(chips, end=2024).index) == ["2023", "2024"]
    labelled = wide.rename(index=text.published_period)
    assert list(labelled.index) == ["2024", "Jan–Jul 2025"]
    assert text.destination_title(labelled, "chips") == "China + Hong Kong took the largest share of Taiwan's chips in 2024 (50%)"


def test_us_product_share_reading_quotes_the_published_shares_with_their_status():
    products = pd.DataFrame([{"period": p, "product": "ict_av", "product_label": "ICT & audio-visual products",
                              "share_pct": v, "status": st} for p, v, st in (("2018", 24.0, "final"),
                                                                              ("2025-01..2025-11", 75.8, "preliminary"),
                                                                              ("2025-02", 58.1, "secondary"))])
    assert shown(text.us_product_share_reading(products)) == (
        "Share of ICT & audio-visual products in Taiwan's exports to the United States, as published: 24% in 2018; "
        "75.8% in Jan–Nov 2025 (preliminary); 58.1% in Feb 2025 (secondary source).")
    assert text.us_product_share_reading(products, "chips") == ""


def test_destination_reading_gives_first_and_latest_shares_and_the_hubs_together():
    wide = pd.DataFrame({"CHN+HKG": [60.0, 50.0, float("nan")], "ASEAN": [20.0, 30.0, 40.0], "USA": [5.0, 6.0, 7.0],
                         "ROW": [15.0, 14.0, 13.0]}, index=pd.period_range("2013", periods=3, freq="Y"))
    reading = text.destination_reading(wide, "integrated-circuit exports", ["CHN+HKG", "ASEAN"])
    assert reading.startswith("Shares of Taiwan's integrated-circuit exports, 2013 → 2014: China + Hong Kong 60% → 50%")
    assert reading.endswith("China + Hong Kong and ASEAN-10 together took 80% in 2014 (80% in 2013): "
                            "integrated-circuit exports went mainly to them.")
    assert text.destination_title(wide, "integrated-circuit exports") == (
        "China + Hong Kong took the largest share of Taiwan's integrated-circuit exports in 2014 (50%)")
    assert "No period" in text.destination_reading(wide.iloc[2:], "x", ["ASEAN"])


def route_frames():
    annual = tidy([(y, "export", c, v) for y, values in ((2023, (10.0, 4.0, 100.0)), (2024, (15.0, 5.0, 200.0)))
                   for c, v in zip(("VNM", "MEX", "WLD"), values)])
    monthly = tidy([(f"{y}-{m:02d}", "export", c, v) for y in (2024, 2025) for m in range(1, 4)
                    for c, v in (("VNM", 1.0 if y == 2024 else 3.0), ("MEX", 2.0 if y == 2024 else 2.2),
                                 ("LAO", 0.001 if y == 2024 else 0.01), ("WLD", 10.0))
                    if not (c == "MEX" and y == 2025 and m == 3)], freq="M")
    return annual, monthly


def test_route_years_give_level_growth_and_share_of_world_exports():
    annual, _ = route_frames()
    rows = drivers.route_years(annual, ["VNM", "MEX"]).set_index(["period", "partner"])
    assert rows.loc[(pd.Period(2024, "Y"), "VNM"), "growth_pct"] == pytest.approx(50.0)
    assert rows.loc[(pd.Period(2024, "Y"), "MEX"), "share_pct"] == pytest.approx(2.5)


def test_route_year_to_date_uses_each_partners_own_window_and_fastest_skips_tiny_markets():
    _, monthly = route_frames()
    ytd = drivers.route_year_to_date(monthly, ["VNM", "MEX", "LAO", "KOR"]).set_index("partner")
    assert "KOR" not in ytd.index
    assert ytd.loc["VNM", "through"] == pd.Period("2025-03", "M") and ytd.loc["VNM", "growth_pct"] == pytest.approx(200.0)
    assert ytd.loc["MEX", "through"] == pd.Period("2025-02", "M") and ytd.loc["MEX", "share_pct"] == pytest.approx(22.0)
    table = ytd.reset_index()
    assert drivers.fastest(table, 2) == ["LAO", "VNM"]
    assert drivers.fastest(table, 2, min_share_pct=1.0) == ["VNM", "MEX"]
    with pytest.raises(ValueError, match="at least 1"):
        drivers.fastest(table, 0)
    reading = text.routes_reading(table, ["VNM"], 1.0)
    assert "Vietnam (+200% in Jan–Mar 2025" in reading and "(Jan–Feb 2025, Jan–Mar 2025)" in reading


def test_routes_table_says_no_figure_where_a_partner_lacks_one():
    annual, monthly = route_frames()
    table = text.routes_table(drivers.route_years(annual, ["VNM", "MEX"]),
                              drivers.route_year_to_date(monthly, ["VNM", "LAO"]), 2024).set_index("Partner")
    assert table.loc["Laos", "Exports 2024"] == "no figure" and table.loc["Mexico", "Year to date"] == "no figure"
    assert table.loc["Vietnam", "Growth 2024"] == "+50%"


def test_latest_month_compares_with_the_same_month_a_year_earlier():
    _, monthly = route_frames()
    latest = drivers.latest_month(monthly, ["VNM", "MEX", "WLD"]).set_index("partner")
    assert latest.loc["MEX", "period"] == pd.Period("2025-02", "M") and latest.loc["MEX", "growth_pct"] == pytest.approx(10.0)
    reading = text.latest_month_reading(latest.reset_index())
    assert reading.startswith("In Mar 2025, Taiwan exported US$0.00 million (+0% on Mar 2024): to Vietnam")
    assert "to Mexico US$0.00 million (+10% on Feb 2024; latest month Feb 2025)" in reading


def test_year_to_date_reading_puts_the_total_first():
    _, monthly = route_frames()
    sums = drivers.year_to_date.year_to_date(monthly.loc[monthly["partner"] != "MEX"], "2025-03")
    reading = text.year_to_date_reading(sums)
    assert reading.startswith("In Jan–Mar 2025, against Jan–Mar 2024, Taiwan exported US$0.00 million (+0%); to Vietnam US$0.00 million (+200%)")


def test_month_leaders_and_their_runs():
    wide = pd.DataFrame({"USA": [20.0, 30.0, 25.0, float("nan")], "CHN+HKG": [30.0, 25.0, 20.0, 10.0]},
                        index=pd.period_range("2025-01", periods=4, freq="M"))
    leaders = drivers.month_leaders(wide)
    assert list(leaders) == ["CHN+HKG", "USA", "USA", None]
    reading = text.month_leaders_reading(leaders.iloc[:3])
    assert "China + Hong Kong ahead in Jan 2025; the United States ahead in Feb 2025–Mar 2025" in reading
    assert reading.endswith("the United States was on top, as it had been since Feb 2025.")
    assert text.month_leaders_title(leaders.iloc[:2]) == "The United States took the larger share of Taiwan's exports in Feb 2025"
    assert text.month_leaders_title(leaders.iloc[:3], wide) == (
        "The United States took the larger share of Taiwan's exports in Feb 2025–Mar 2025 (25% against 20% for "
        "China + Hong Kong in Mar 2025)")
    assert text.month_leaders_title(leaders.iloc[:2], wide).endswith("in Feb 2025 (30% against 25% for China + Hong Kong)")


def test_a_last_month_without_both_shares_is_named_and_the_title_keeps_the_last_month_with_both():
    leaders = pd.Series(["USA", "CHN+HKG", None], index=pd.period_range("2025-08", periods=3, freq="M"))
    reading = text.month_leaders_reading(leaders)
    assert "China + Hong Kong ahead in Sep 2025; no share for one of them in Oct 2025." in reading
    assert reading.endswith("In the latest month with both shares, Sep 2025, China + Hong Kong was on top, after "
                            "the United States in Aug 2025.")
    gap = pd.Series(["USA", None, "USA"], index=pd.period_range("2025-11", periods=3, freq="M"))
    assert text.month_leaders_reading(gap).endswith("Jan 2026, the United States was on top, as it was in Nov 2025.")
    assert text.month_leaders_title(leaders) == "China + Hong Kong took the larger share of Taiwan's exports in Sep 2025"
    assert text.month_leaders_title(leaders.iloc[2:]).endswith("no month with both shares")


RELEASES = pd.DataFrame([
    {"period": p, "flow": "export", "partner": c, "commodity": "total", "value_usd": v, "yoy_pct": g, "share_pct": s,
     "status": "preliminary", "basis": "headline", "release": r, "source": "mof_releases_monthly"}
    for p, c, v, g, s, r in (
        ("2025-01..2025-09", "USA", 130.49e9, 54.9, None, "2025-10"),
        ("2025-01..2025-11", "USA", 176.04e9, 73.4, 30.4, "2025-12"),
        ("2026-01..2026-02", "USA", 37.02e9, 83.0, 32.0, "2026-03"),
        ("2026-01..2026-02", "WLD", 115.57e9, 44.5, None, "2026-03"),
        ("2025-01..2025-11", "CHN+HKG", None, None, 26.8, "2025-12"),
        ("2025-06..2025-08", "JPN", 9e9, 1.0, None, "2025-09"),
        ("2025-09", "JPN", 3e9, 1.0, None, "2025-10"),
    )])


def test_published_year_to_date_takes_each_partners_latest_run_from_january():
    latest = drivers.published_year_to_date(RELEASES, ["USA", "WLD", "CHN+HKG", "JPN"]).set_index("partner")
    assert sorted(latest.index) == ["CHN+HKG", "USA", "WLD"]  # a run not from January is no year to date
    assert latest.loc["USA", "through"] == pd.Period("2026-02", "M") and latest.loc["USA", "yoy_pct"] == 83.0
    assert latest.loc["CHN+HKG", "through"] == pd.Period("2025-11", "M")
    earlier = drivers.published_year_to_date(RELEASES, ["USA"], until=2025).set_index("partner")
    assert earlier.loc["USA", "through"] == pd.Period("2025-11", "M") and earlier.loc["USA", "share_pct"] == 30.4
    reading = text.published_year_to_date_reading(latest.reset_index())
    assert reading.startswith("As published in the Ministry of Finance's latest releases (preliminary): Taiwan's "
                              "exports in Jan–Feb 2026: US$115.57 billion, +44.5% on a year earlier; exports to the "
                              "United States in Jan–Feb 2026: US$37.02 billion, +83% on a year earlier, 32% of exports")
    assert "exports to China + Hong Kong in Jan–Nov 2025: 26.8% of exports" in reading
    assert text.published_year_to_date_reading(latest.iloc[:0]) == ""


def test_monthly_shares_keep_the_last_months_with_a_world_total():
    monthly = tidy([(f"2025-{m:02d}", "export", c, v) for m in range(1, 5)
                    for c, v in (("USA", float(m)), ("CHN+HKG", 2.0), ("WLD", 10.0))], freq="M")
    wide = drivers.monthly_shares(monthly, months=2)
    assert list(wide.index.astype(str)) == ["2025-03", "2025-04"] and wide.loc["2025-04", "USA"] == pytest.approx(40.0)


def test_china_mirror_ratios_against_taiwan_exports_with_and_without_hong_kong():
    mirror = pd.DataFrame([{"period": pd.Period(y, "Y"), "reporter": "CHN", "flow": "import", "value_usd": v}
                           for y, v in ((2022, 130.0), (2023, 120.0))])
    annual = tidy([(y, "export", c, v) for y in (2022, 2023, 2024) for c, v in (("CHN+HKG", 100.0), ("CHN", 60.0))])
    frame = drivers.china_mirror(mirror, annual)
    assert list(frame["period"].astype(str)) == ["2022", "2023"]
    assert frame["ratio_chn_hkg"].tolist() == pytest.approx([1.3, 1.2]) and frame["ratio_chn"].iloc[1] == pytest.approx(2.0)
    reading = text.mirror_reading(frame)
    assert "1.20 times Taiwan's reported exports to China + Hong Kong" in reading and "ranged from 1.20 to 1.30" in reading
    assert "and 2.00 times its exports to mainland China alone" in reading
    assert text.mirror_title(frame) == ("In 2023 mainland China reported 1.20 times the imports from Taiwan that Taiwan "
                                        "reported exporting to China + Hong Kong")


def test_china_mirror_keeps_a_missing_year_as_a_gap_and_says_which_figures_are_preliminary_or_missing():
    mirror = pd.DataFrame([{"period": pd.Period(y, "Y"), "reporter": "CHN", "flow": "import", "value_usd": v,
                            "status": status} for y, v, status in ((2022, 130.0, "final"), (2024, 150.0, "preliminary"))])
    annual = tidy([(2022, "export", "CHN+HKG", 100.0), (2022, "export", "CHN", 60.0), (2023, "export", "CHN+HKG", 110.0),
                   (2024, "export", "CHN+HKG", 120.0)])
    frame = drivers.china_mirror(mirror, annual)
    assert list(frame["period"].astype(str)) == ["2022", "2023", "2024"] and frame["china_reported"].isna().tolist() == [
        False, True, False]
    assert frame["preliminary"].tolist() == [False, False, True]
    reading = text.mirror_reading(frame)
    assert "In 2024 mainland China's customs reported imports from Taiwan of US$0.00 million (preliminary): 1.25 times" in reading
    assert "not in the snapshot for 2024; in 2022, the latest year with both, China reported 2.17 times them" in reading
    assert reading.endswith("The snapshot holds no China-reported figure for 2023.")


def test_not_in_snapshot_lists_the_pending_datasets_missing_and_nothing_when_all_are_there():
    assert text.not_in_snapshot(list(text.PENDING)) == ""
    said = text.not_in_snapshot(["trade_by_partner"])
    assert said.startswith("The snapshot does not hold the published ICT & audio-visual share")
    assert "integrated-circuit" not in said  # ic_exports_by_destination is in the snapshot and in the report
    assert "nothing is estimated in their place" in said


def test_the_verdict_finding_gives_the_two_way_figures_and_says_when_they_rest_on_derived_imports():
    trade = TRADE.assign(basis="table")
    assert text.verdict_finding(drivers.leaders(drivers.two_way(trade), 2025)) == (
        "The United States was Taiwan's largest export market in 2025, but two-way trade with China + Hong Kong was "
        "larger: US$265 billion against US$250 billion for the United States in two-way trade.")
    trade.loc[(trade["flow"] == "import") & (trade["partner"] == "USA"), "basis"] = "derived"
    assert text.verdict_finding(drivers.leaders(drivers.two_way(trade), 2025)).endswith(
        "in two-way trade (imports derived from other published figures).")
    same = tidy([(2025, "export", "USA", 200 * BN), (2025, "import", "USA", 90 * BN),
                 (2025, "export", "CHN+HKG", 170 * BN), (2025, "import", "CHN+HKG", 95 * BN)], basis="table")
    assert text.verdict_finding(drivers.leaders(drivers.two_way(same), 2025)) == (
        "The United States was Taiwan's largest export market in 2025 and its largest trading partner: US$290 billion "
        "against US$265 billion for China + Hong Kong in two-way trade.")
    # 2024 lacks an import figure for China + Hong Kong: the verdict names the market only
    assert text.verdict_finding(drivers.leaders(drivers.two_way(trade), 2024)) == (
        "China + Hong Kong was Taiwan's largest export market in 2024.")


def test_two_way_flags_derived_figures_and_what_is_computed_from_them():
    trade = TRADE.assign(basis="table")
    trade.loc[(trade["partner"] == "USA") & (trade["flow"] == "import") & (trade["period"] == pd.Period(2025, "Y")),
              "basis"] = "derived"
    flags = drivers.two_way(trade).set_index(["period", "flow", "partner"])["derived"]
    year = pd.Period(2025, "Y")
    assert flags[(year, "import", "USA")] and flags[(year, "total", "USA")] and flags[(year, "balance", "USA")]
    assert not flags[(year, "export", "USA")] and not flags[(year, "total", "CHN+HKG")]
    values, derived = drivers.measure_panels(drivers.two_way(trade), 2023, 2025)
    assert list(values["total"].columns) == ["USA", "CHN+HKG"] and len(values["total"]) == 3
    assert values["total"].loc["2023"].isna().all() and bool(derived["balance"].loc["2025", "USA"])


def test_key_findings_give_one_sentence_per_section():
    lead = drivers.leaders(drivers.two_way(TRADE), 2025)
    product = drivers.product_finding(drivers.product_destinations(COMMODITY), 2024)
    _, monthly = route_frames()
    routes = drivers.route_year_to_date(monthly, ["VNM", "MEX"])
    leaders = pd.Series(["CHN+HKG", "USA"], index=pd.period_range("2025-01", periods=2, freq="M"))
    mirror = pd.DataFrame({"period": [pd.Period(2023, "Y")], "china_reported": [2.0], "taiwan_to_chn_hkg": [1.6],
                           "ratio_chn_hkg": [1.25], "taiwan_to_chn": [1.0], "ratio_chn": [2.0]})
    found = text.key_findings(lead, None, product, LABELS, routes, ["VNM"], leaders, mirror)
    assert len(found) == 5 and found[0].startswith("The United States was Taiwan's largest export market in 2025, but")
    assert found[2] == "Exports to Vietnam grew fastest of the larger destinations: +200% in Jan–Mar 2025 on a year earlier."
    assert len(text.key_findings(lead, None, product, LABELS, routes, [], leaders.iloc[:0], mirror.iloc[:0])) == 2
