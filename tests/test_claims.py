"""helpers.claims: published headline figures tested against the snapshot, claim by claim.

Stated figures come from data/claims.yaml (transcribed from the reference collection's published_figures.csv);
the computed values quoted in comments come from the snapshot's MOF, MOEA and Census rows."""

import math

import pytest
from markdown_support import shown

from helpers import claims
from helpers.claims.registry import Claim, Registry
from helpers.snapshot import load
from helpers.text import claims_check as present

FRAMES = ("trade_by_partner", "trade_by_commodity", "mirror", "export_orders", "production_survey", "japan_taiwan",
          "trade_releases")


@pytest.fixture(scope="module")
def frames():
    loaded = {name: load(name) for name in FRAMES}
    loaded["trade_by_partner_monthly"] = load("trade_by_partner", freq="M")
    loaded["mirror_monthly"] = load("mirror", freq="M")
    return loaded


@pytest.fixture(scope="module")
def registry():
    return claims.load_registry()


@pytest.fixture(scope="module")
def results(registry, frames):
    return {r.id: r for r in claims.evaluate_all(registry, frames)}


def claim(stated="30.9", unit="percent", period="2025", **check):
    check = check or dict(measure="share", dataset="trade_by_partner", flow="export", partner="USA")
    return Claim(id="test_claim", topic="trade_pivot", wording="A test claim", publisher="Test",
                 published_in="https://example.org/claim", period=period, stated=stated, unit=unit, check=check)


# --------------------------------------------------------------------------------------------
# the registry
# --------------------------------------------------------------------------------------------
def test_registry_holds_at_least_twenty_valid_claims_covering_all_three_research_questions(results, registry):
    assert len(results) >= 20
    assert not [r.note for r in results.values() if r.status == claims.INVALID]
    assert {r.claim.topic for r in results.values()} == set(registry.topics) == {
        "trade_pivot", "export_orders", "japan_taiwan"}


def test_registry_has_claims_in_every_class_including_ones_that_do_not_hold_up(results):
    statuses = {r.status for r in results.values()}
    assert {claims.CONFIRMED, claims.DIFFERS, claims.NOT_TESTABLE} <= statuses


def test_every_claim_in_the_registry_has_a_stated_source(results):
    # A URL, or — for a statement that reached the project second-hand and of which no copy is stored (the Nikkei
    # and ABMedia texts) — where it was quoted, saying that no copy is stored.
    for result in results.values():
        published_in = result.claim.published_in
        assert published_in.startswith("http") or "no stored copy" in published_in \
            or result.status == claims.NOT_TESTABLE, result.id


# --------------------------------------------------------------------------------------------
# the Ministry of Finance's 2025 headlines
# --------------------------------------------------------------------------------------------
@pytest.mark.snapshot
@pytest.mark.parametrize("claim_id, computed", [
    ("mof_2025_exports_growth", 34.896),   # 640.75 (2025 headline) / 474.996 (2024 table) − 1
    ("mof_2025_us_share", 30.943),         # 198.27 / 640.75
    ("mof_2025_china_hk_share", 26.606),   # 170.48 / 640.75
    ("mof_2025_us_overtakes_china_hk", 2025),
])
def test_mof_2025_headlines_are_confirmed_by_computation(results, claim_id, computed):
    result = results[claim_id]
    assert result.status == claims.CONFIRMED
    assert result.computed == pytest.approx(computed, abs=5e-4)
    assert result.basis == "computed from headlines"


@pytest.mark.snapshot
def test_mof_2025_exports_of_640_75_billion_are_confirmed_but_only_against_the_same_headline(results):
    result = results["mof_2025_exports_record"]
    assert result.status == claims.CONFIRMED and result.computed == pytest.approx(640.75)
    assert result.basis == "headline"
    assert result.note == "the snapshot holds this figure only as the same headline"


@pytest.mark.snapshot
def test_first_time_since_1999_reaches_before_the_snapshots_first_year(results):
    result = results["mof_2025_us_first_since_1999"]
    assert result.status == claims.NOT_TESTABLE
    assert "before the snapshot's first year (2001)" in result.note
    assert "United States did not lead China + Hong Kong in any year from 2001 to 2024" in result.note


@pytest.mark.snapshot
def test_us_surplus_is_circular_because_2025_imports_from_the_us_are_derived_from_it(results):
    result = results["mof_2025_us_surplus"]
    assert result.status == claims.CONFIRMED and result.basis == "headline"
    assert "an input is derived from it (exports to US 198.27 bn minus published surplus with US 150.12 bn)" in result.note


# --------------------------------------------------------------------------------------------
# known discrepancies
# --------------------------------------------------------------------------------------------
@pytest.mark.snapshot
def test_taitra_2020_japan_trade_of_71_18_billion_differs_from_customs_69_30(results):
    result = results["taitra_2020_japan_trade_total"]
    assert result.status == claims.DIFFERS
    assert result.computed == pytest.approx(69.299, abs=1e-3)  # exports to Japan 23.398 + imports 45.901 (MOF)
    assert result.difference == pytest.approx(-1.881, abs=1e-3)
    assert "Japan-side statistics" in result.claim.explanation


@pytest.mark.snapshot
def test_taitra_cumulative_japanese_investment_differs_from_the_investment_commission_series(results):
    result = results["taitra_japanese_investment_cumulative"]
    assert result.status == claims.DIFFERS
    assert result.computed == pytest.approx(22.07)  # 20.8 bn to end-2018 (BOFT) + 1.27 bn approved in 2019 (MOFA)
    assert result.note == "stock to end-2018 plus annual amounts for 2019; 2020 not in the snapshot"
    assert result.claim.explanation


@pytest.mark.snapshot
def test_january_to_november_us_deficit_presented_as_full_year_differs_from_the_146_8_billion(results):
    full_year = results["briefing_2025_deficit_as_full_year"]
    assert full_year.status == claims.DIFFERS
    assert full_year.computed == pytest.approx(146.8) and full_year.difference == pytest.approx(19.9)
    assert "January–November 2025 only" in full_year.claim.explanation
    jan_nov = results["census_2025_jan_nov_deficit"]  # 176,726.5 − 49,867.0 US$ million (Census c5830 months)
    assert jan_nov.status == claims.CONFIRMED and jan_nov.basis == "table"
    assert jan_nov.computed == pytest.approx(126.8595)


@pytest.mark.snapshot
def test_swapped_labels_make_2020_europe_orders_differ(results):
    result = results["cna_2020_europe_orders"]
    assert result.status == claims.DIFFERS and result.computed == pytest.approx(108.89)
    assert result.note == "the snapshot holds the compared figure only as a published headline"


@pytest.mark.snapshot
def test_a_figure_outside_the_snapshot_is_not_testable_and_says_how_far_the_data_go(frames, results):
    assert claims.evaluate(claim(period="2026-03"), frames).note.endswith("(it covers 2001-01–2026-02)")
    assert "partner KOR" in results["mof_2025_korea_deficit"].note


def test_the_november_2025_us_share_is_computed_from_the_release_headlines(results):
    result = results["mof_2025_11_us_share"]  # 24.42 / 64.05 bn, both release headlines
    assert result.status == claims.CONFIRMED and result.basis == "computed from headlines"
    assert result.computed == pytest.approx(38.127, abs=1e-3)


# --------------------------------------------------------------------------------------------
# the rounding rule and the tolerance
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("stated, tolerance, status", [
    ("30.9", 0, claims.CONFIRMED),    # 30.943: within 0.05
    ("30.94", 0, claims.CONFIRMED),   # within 0.005
    ("30.95", 0, claims.DIFFERS),     # 0.0066 away
    ("30.95", 1, claims.CONFIRMED),   # one more unit of 0.01 allowed
    ("31", 0, claims.CONFIRMED),      # within 0.5
    ("32", 0, claims.DIFFERS),
])
def test_a_claim_is_confirmed_within_half_a_unit_of_its_last_stated_digit_plus_the_tolerance(frames, stated, tolerance,
                                                                                             status):
    assert claims.evaluate(claim(stated=stated), frames, tolerance).status == status


@pytest.mark.parametrize("stated, bound, status", [
    ("30", "above", claims.CONFIRMED), ("31", "above", claims.DIFFERS), ("31", "below", claims.CONFIRMED),
    ("30", "below", claims.DIFFERS)])
def test_a_bounded_claim_is_confirmed_only_beyond_its_bound_whatever_the_rounding(frames, stated, bound, status):
    # the 2025 US export share is 30.9%: "above 31%" is false however close, "above 30%" true however far
    check = dict(measure="share", dataset="trade_by_partner", flow="export", partner="USA", bound=bound)
    assert claims.evaluate(claim(stated=stated, **check), frames).status == status


def test_a_bound_other_than_above_or_below_is_an_invalid_definition_naming_the_claim(frames):
    entry = {"id": "odd_bound", "topic": "export_orders", "wording": "w", "publisher": "p", "published_in": "u",
             "period": "2024", "stated": "50", "unit": "percent",
             "check": {"measure": "survey_share", "dataset": "production_survey", "location": "TWN", "bound": "over"}}
    [result] = claims.evaluate_all(Registry({"export_orders": "Orders"}, [entry]), frames)
    assert result.status == claims.INVALID and "odd_bound" in result.note and "bound" in result.note


def test_a_claim_that_differs_reports_the_computed_value_and_the_difference(frames):
    result = claims.evaluate(claim(stated="25.0"), frames)
    assert result.status == claims.DIFFERS
    assert result.difference == pytest.approx(result.computed - 25.0)


def test_tolerance_never_loosens_a_year(frames):
    check = dict(measure="crossover", dataset="trade_by_partner", flow="export", partner="USA", rival="CHN+HKG")
    assert claims.evaluate(claim("2024", "year", **check), frames, tolerance=5).status == claims.DIFFERS


def test_a_claim_about_a_period_the_snapshot_lacks_is_not_testable(frames):
    result = claims.evaluate(claim(period="2026-03"), frames)
    assert result.status == claims.NOT_TESTABLE and math.isnan(result.computed)


def test_a_range_of_months_with_a_missing_month_is_not_testable(frames):
    result = claims.evaluate(claim(period="2026-01..2026-02"), frames)  # no single-month US figure for 2026-02
    assert result.status == claims.NOT_TESTABLE
    assert "lacks months of 2026-01..2026-02" in result.note


def test_a_range_of_months_is_summed_before_the_share_is_taken(frames):
    result = claims.evaluate(claim(stated="30.7", period="2024-01..2024-04", partner="CHN+HKG",
                                   measure="share", dataset="trade_by_partner", flow="export"), frames)
    assert result.status == claims.CONFIRMED and result.computed == pytest.approx(30.667, abs=1e-3)


# --------------------------------------------------------------------------------------------
# invalid definitions
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("check, message", [
    (dict(measure="share", dataset="trade_by_country", partner="USA"), "unknown dataset 'trade_by_country'"),
    (dict(measure="share", dataset="trade_by_partner", flow="export", partner="XYZ"),
     "unknown partner 'XYZ' in trade_by_partner"),
    (dict(measure="median", dataset="trade_by_partner", partner="USA"), "unknown measure 'median'"),
    (dict(measure="share", dataset="trade_by_partner", flow="export", partnr="USA"), "has no column 'partnr'"),
])
def test_an_invalid_definition_is_reported_naming_the_claim(frames, check, message):
    result = claims.evaluate(claim(**check), frames)
    assert result.status == claims.INVALID
    assert result.note.startswith("claim 'test_claim': ") and message in result.note


def test_a_unit_that_does_not_fit_the_measure_is_an_invalid_definition(frames):
    result = claims.evaluate(claim(unit="USD billion"), frames)
    assert result.status == claims.INVALID and "gives percent, but the stated unit is USD billion" in result.note


def test_one_invalid_entry_does_not_stop_the_others(frames):
    good = dict(id="good", topic="trade_pivot", wording="w", publisher="p", published_in="https://example.org",
                period="2025", stated="30.9", unit="percent",
                check=dict(measure="share", dataset="trade_by_partner", flow="export", partner="USA"))
    entries = [{**good, "id": "bad_dataset", "check": {**good["check"], "dataset": "nope"}},
               {**good, "id": "unquoted", "stated": 30.9}, good, {**good, "topic": "weather"}]
    results = claims.evaluate_all(Registry({"trade_pivot": "Trade"}, entries), frames)
    assert [r.status for r in results] == [claims.INVALID, claims.INVALID, claims.CONFIRMED, claims.INVALID]
    assert "claim 'unquoted': stated: 30.9 is not of type 'string' (a number quoted as text" in results[1].note
    assert "claim 'good': unknown topic 'weather'" in results[3].note


def test_topics_select_the_claims_evaluated(registry, frames):
    results = claims.evaluate_all(registry, frames, topics=["japan_taiwan"])
    assert results and {r.claim.topic for r in results} == {"japan_taiwan"}


# --------------------------------------------------------------------------------------------
# what readers see
# --------------------------------------------------------------------------------------------
def test_the_table_lists_every_claim_with_stated_and_computed_values(results, registry):
    table = present.table(list(results.values()), registry.topics)
    assert len(table) == len(results)
    row = table.loc[table["Claim"] == results["taitra_2020_japan_trade_total"].claim.wording].iloc[0]
    assert (row["Stated"], row["Computed"], row["Difference"], row["Status"]) == ("71.18", "69.299", "−1.881", "differs")
    assert "sms-bridges.com" in row["Published by"]


def test_a_bounded_claim_shows_its_bound_with_the_figure(results, registry):
    result = results["moea_2024_taiwan_production_share"]
    table = present.table([result], registry.topics)
    assert (table.loc[0, "Stated"], table.loc[0, "Computed"], table.loc[0, "Status"]) == ("more than 50", "51.4", "confirmed")
    assert shown(present.stated_figure(result.claim)) == "more than 50%"


def test_there_is_one_section_per_claim_that_differs_with_its_explanation(results):
    sections = [shown(section) for section in present.differs_sections(list(results.values()))]
    assert len(sections) == sum(r.status == claims.DIFFERS for r in results.values())
    taitra = next(s for s in sections if "US$71.18 billion in 2020" in s.splitlines()[0])
    assert "Computed from the snapshot: **US$69.299 billion**, a difference of −US$1.881 billion." in taitra
    assert "**Explanation on record:** TAITRA does not state its basis." in taitra


def test_the_summary_counts_the_claims_by_status(results):
    counts = present.counts(list(results.values()))
    text = present.summary(list(results.values()))
    assert f"Of the {len(results)} published claims checked, **{counts[claims.CONFIRMED]} are confirmed**" in text
    assert f"**{counts[claims.DIFFERS]} differ**" in text and counts["same headline"] >= 3


def test_invalid_definitions_are_listed_for_the_reader(frames):
    result = claims.evaluate(claim(measure="median", dataset="trade_by_partner"), frames)
    assert shown(present.invalid_section([result])).endswith("- claim 'test_claim': unknown measure 'median'; measures: "
                                                      + ", ".join(claims.measures.MEASURES))
    assert present.invalid_section([]) is None


@pytest.mark.snapshot
def test_the_sources_of_the_checks_are_the_snapshot_sources_used(results):
    used = present.sources([results["census_2025_jan_nov_deficit"], results["mof_2025_us_share"]])
    assert used == ["census_c5830_page", "mof_release_2025_annual"]


def test_a_crossing_the_data_do_not_show_differs_and_says_so(frames):
    check = dict(measure="crossover", dataset="trade_by_partner", flow="export", partner="JPN", rival="USA")
    result = claims.evaluate(claim("2020", "year", **check), frames)
    assert result.status == claims.DIFFERS and math.isnan(result.computed)
    assert result.note == "Japan never moves ahead of United States in 2001–2025"


@pytest.mark.snapshot
@pytest.mark.parametrize("claim_id, status, computed, basis", [
    ("mof_2025_us_largest_market", claims.CONFIRMED, 1, "computed from headlines"),
    ("moea_2024_survey_china_hk_drop", claims.CONFIRMED, -4.7, "computed from headlines"),  # 33.1 − 37.8
    ("moea_2025_survey_china_hk_share", claims.CONFIRMED, 26.2, "headline"),
    ("moea_2025_orders_increase", claims.DIFFERS, 154.19, "computed from headlines"),       # 743.73 − 589.54
    ("moea_2025_orders_us_growth", claims.CONFIRMED, 38.577, "derived"),                    # 268.34 / 193.64 − 1
    ("mof_2024_electronic_components_share", claims.CONFIRMED, 37.311, "table"),             # 177.224 / 474.996
])
def test_each_measure_computes_the_claimed_figure_from_the_snapshot(results, claim_id, status, computed, basis):
    result = results[claim_id]
    assert (result.status, result.basis) == (status, basis)
    assert result.computed == pytest.approx(computed, abs=1e-3)


@pytest.mark.snapshot
def test_a_derived_input_is_named_in_the_note(results):
    assert results["moea_2025_orders_us_growth"].note == (
        "rests on values derived from a stated level and change (2683.4-747 (100m US$))")


def test_a_rank_needs_a_value_for_every_candidate(frames):
    check = dict(measure="rank", dataset="trade_by_partner", flow="export", partner="USA", among=["USA", "KOR"])
    result = claims.evaluate(claim("1", "rank", **check), frames)
    assert result.status == claims.NOT_TESTABLE and result.note.startswith("no 2025 value for KOR")


@pytest.mark.parametrize("period", ["2025-03..2025-01", "2024..2025-03"])
def test_a_period_that_runs_backwards_or_mixes_years_and_months_is_an_invalid_definition(frames, period):
    result = claims.evaluate(claim(period=period), frames)
    assert result.status == claims.INVALID and "must run forwards between two years or two months" in result.note


@pytest.mark.snapshot
def test_many_derived_inputs_are_counted_rather_than_listed(results):
    assert results["moea_2025_asean_orders_overtake_china_hk"].note == (
        "data from 2014; rests on 8 values derived from a stated level and change")


@pytest.mark.snapshot
@pytest.mark.parametrize("claim_id, status, computed", [
    ("mof_2024_china_hk_share_23_year_low", claims.CONFIRMED, 2001),      # 2001: 26.7% < 2024: 31.7%
    ("mof_2024_china_hk_surplus_8_year_low", claims.CONFIRMED, 2016),     # 2016: 66.7 bn < 2024: 70.0 bn
    ("mof_2024_china_surplus_lowest_since_2003", claims.CONFIRMED, 2003),  # mainland: 2003: 12.1 bn < 2024: 17.7 bn
])
def test_n_year_lows_are_checked_against_the_last_earlier_year_that_was_lower(results, claim_id, status, computed):
    result = results[claim_id]
    assert (result.status, result.computed, result.basis) == (status, computed, "table")


@pytest.mark.snapshot
def test_a_24_year_high_reaches_before_2001_and_no_year_since_was_higher(results):
    result = results["mof_2024_us_share_24_year_high"]
    assert result.status == claims.NOT_TESTABLE
    assert result.note == ("the claim reaches back to 2000, before the snapshot's first year (2001); no year from 2001 "
                           "to 2023 was higher, which is consistent with it")


def test_lowest_since_compares_a_level_share_or_balance_only(frames):
    check = dict(measure="lowest_since", compare="median", dataset="trade_by_partner", flow="export", partner="USA")
    result = claims.evaluate(claim("2001", "year", **check), frames)
    assert result.status == claims.INVALID and "compare must be level, share or balance, not 'median'" in result.note


@pytest.mark.snapshot
def test_a_gap_between_two_surpluses_is_compared_with_earlier_gaps(results):
    result = results["mof_2024_surplus_gap_smallest_in_32_years"]  # China + HK minus US: 2024 5.1 bn, the lowest
    assert result.status == claims.NOT_TESTABLE
    assert result.note.endswith("no year from 2001 to 2023 was lower, which is consistent with it")


def test_the_differs_text_has_a_section_per_differing_claim_or_says_none_differs(results):
    differing = [r for r in results.values() if r.status == claims.DIFFERS]
    text = shown(present.differs(list(results.values())))
    assert differing and text.count("### ") == len(differing)
    assert f"### {differing[0].claim.wording}" in text
    assert present.differs([r for r in results.values() if r.status != claims.DIFFERS]) == \
        "No claim in the selected topics differs from the data."


def test_a_first_published_figure_is_found_only_where_the_registry_records_a_revision():
    from helpers.claims.registry import first_published

    revised = {"id": "x", "topic": "t", "wording": "w", "publisher": "MOF", "published_in": "https://example.org",
               "period": "2024", "stated": "475.07", "unit": "USD billion",
               "check": {"measure": "level", "dataset": "trade_by_partner", "flow": "export", "partner": "WLD"},
               "explanation": "The tables carry the revised value."}
    registry = Registry(topics={"t": "T"}, entries=[revised, {**revised, "id": "y", "period": "2023",
                                                              "explanation": None}])
    assert first_published(registry, 2024, dataset="trade_by_partner", flow="export", partner="WLD") == 475.07e9
    assert first_published(registry, 2023, dataset="trade_by_partner", flow="export", partner="WLD") is None
    assert first_published(registry, 2024, dataset="trade_by_partner", flow="import", partner="WLD") is None
    assert first_published(claims.load_registry(), 2024, dataset="trade_by_partner", flow="export", partner="WLD") == 475.07e9


# --------------------------------------------------------------------------------------------
# the news texts this project answers (issue 14): statuses on the real snapshot, pinned once
# --------------------------------------------------------------------------------------------
@pytest.mark.snapshot
@pytest.mark.parametrize("claim_id, status, computed", [
    # two-way trade 2025: US 198.27 + 48.15 = 246.42 < China + Hong Kong 170.48 + 93.12 = 263.60
    ("nikkei_2025_us_largest_trading_partner", claims.DIFFERS, math.nan),
    ("nikkei_2025_us_largest_export_market", claims.CONFIRMED, 1),
    # from Taiwan's side the US is a surplus of 150.12 bn: the smaller "deficit" of the two
    ("nikkei_2025_us_main_deficit_source", claims.DIFFERS, 2),
    ("abmedia_2025_11_exports", claims.CONFIRMED, 64.05),
    ("abmedia_2025_11_exports_on_october", claims.NOT_TESTABLE, math.nan),
    ("abmedia_2025_11_exports_record", claims.NOT_TESTABLE, math.nan),
    ("abmedia_2025_11_exports_growth", claims.DIFFERS, 55.904),       # 64.05 / 41.083 (Nov 2024 table) − 1
    ("abmedia_2025_jan_nov_us_surplus", claims.NOT_TESTABLE, math.nan),  # monthly imports from the US end in 2025-08
    ("abmedia_2024_us_surplus_projected", claims.REVISED, 64.906),    # 64.7 = 64.703 as restated in Jan 2026
    ("mof_2024_us_surplus", claims.REVISED, 64.906),                  # 64.88 as first published in Jan 2025
    ("taitra_japan_fourth_trading_partner", claims.NOT_TESTABLE, math.nan),
    ("taitra_japanese_investment_cases", claims.NOT_TESTABLE, math.nan),
    ("taitra_taiwan_investment_in_japan", claims.DIFFERS, 9.1),       # stock to end-2018 only
    ("moea_2016_china_production_share", claims.REVISED, 51.3),       # "about half"
    ("moea_2024_china_production_share", claims.CONFIRMED, 33.1),
    ("moea_2024_taiwan_production_share", claims.CONFIRMED, 51.4),   # "above 50%"
    ("us_2025_tariff_on_taiwan", claims.NOT_TESTABLE, math.nan),
    ("us_taiwan_2026_investment_pledge", claims.NOT_TESTABLE, math.nan),
    ("us_taiwan_2026_credit_guarantees", claims.NOT_TESTABLE, math.nan),
    ("tsmc_2025_arizona_investment", claims.NOT_TESTABLE, math.nan),
    ("news_ai_servers_share", claims.NOT_TESTABLE, math.nan),
    ("news_foundry_share", claims.NOT_TESTABLE, math.nan),
])
def test_the_news_texts_claims_come_out_as_the_data_say(results, claim_id, status, computed):
    result = results[claim_id]
    assert result.status == status, result.note
    if math.isnan(computed):
        assert math.isnan(result.computed)
    else:
        assert result.computed == pytest.approx(computed, abs=1e-3)


@pytest.mark.snapshot
@pytest.mark.parametrize("claim_id, first, revised", [
    ("mof_2024_exports_total", 475.07, 474.995711),  # January 2025 release; MOF data file
    ("mof_2023_exports_total", 432.48, 432.419962),  # January 2024 release; MOF data file
])
def test_a_total_quoted_as_first_published_is_confirmed_after_revision_with_both_values(results, claim_id, first,
                                                                                       revised):
    result = results[claim_id]
    assert (result.status, result.published) == (claims.REVISED, first)
    assert result.computed == pytest.approx(revised)
