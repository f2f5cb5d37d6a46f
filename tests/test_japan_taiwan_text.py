"""helpers.text.japan_taiwan: the report's sentences, computed from the snapshot, name gaps and sources."""

import pandas as pd
from markdown_support import shown

from helpers.analysis import japan_taiwan as jt
from helpers.snapshot import load
from helpers.text import japan_taiwan as text

ANNUAL = load("trade_by_partner", freq="A")  # Taiwan customs (MOF), data/trade_by_partner.csv
PAIRS = load("japan_taiwan")  # investment, quoted ranks and published totals, data/japan_taiwan.csv


def test_ordinals_read_naturally():
    assert [text.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22)] == \
        ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd"]


def test_trade_text_gives_the_2024_total_and_names_2025_imports_as_a_gap():
    japan = jt.bilateral(ANNUAL, "JPN", 2001, 2025)
    reading = text.trade_reading(japan)
    assert "Total trade: US$39.1 billion in 2001, US$72.3 billion in 2024 (highest US$88.2 billion in 2022)" in reading
    assert "No figure in the snapshot for: Imports from Japan (2025); Total trade (2025)." in reading
    assert text.trade_title(japan) == "Taiwan buys 1.8 times as much from Japan as it sells there (2024)"


def test_share_text_follows_japan_from_16_6_to_8_3_percent():
    shares = jt.total_trade_shares(ANNUAL, ["JPN", "USA"], 2001, 2025)
    assert text.shares_title(shares) == "Japan's share of Taiwan's trade fell from 16.6% (2001) to 8.3% (2024)"
    assert "the United States: 20.0% in 2001, 21.9% in 2025" in text.shares_reading(shares)
    note = shown(text.derived_note(ANNUAL, ["JPN", "USA"], 2001, 2025))
    assert note.startswith("Derived, not published: imports, the United States, 2025 (exports to US 198.27 bn")


def test_balance_text_compares_the_deficit_with_japan_and_the_surplus_with_the_us():
    balances = jt.flow_by_partner(ANNUAL, "balance", ["JPN", "USA"], 2001, 2025)
    assert text.balance_title(balances) == "Taiwan ran a deficit with Japan in 24 of 24 years with figures, 2001–2024"
    reading = text.balance_reading(balances)
    assert "The largest deficit with Japan was US$34.5 billion in 2010" in reading
    assert "In 2024 Taiwan's surplus with the United States was US$64.9 billion, 3.1 times its deficit with Japan" \
        in reading
    assert "Japan (2025)" in reading


def test_commodity_text_says_the_snapshot_cannot_show_what_taiwan_buys_from_japan():
    reading = text.commodity_limits(load("trade_by_commodity", freq="A"))
    assert "hold exports only" in reading and "cannot show which goods make up the deficit with Japan" in reading


def test_rank_text_gives_the_runs_the_field_and_the_china_hong_kong_choice():
    ranks = jt.partner_ranks(ANNUAL, "JPN", 2001, 2025)
    separate = jt.partner_ranks(ANNUAL, "JPN", 2001, 2025, china_with_hong_kong=False)
    reading = text.rank_reading(ranks, separate, jt.ranked_partners(ANNUAL))
    assert "among the 22 single economies" in reading
    assert "By total trade Japan ranked 3rd in 2001–2002; 2nd in 2003–2013; 3rd in 2014–2024." in reading
    assert "changes Japan's total-trade rank in 2001, 2002, 2003 and 2004" in reading
    assert "No rank for 2025" in reading
    assert text.rank_title(ranks) == "Japan was Taiwan's 3rd largest trading partner in 2024 (best rank 2nd, in 2003–2013)"


def test_the_fourth_largest_partner_claim_is_checked_and_the_2021_exception_named():
    ranks = jt.japan_side_ranks(PAIRS)
    reading = shown(text.japan_side_reading(ranks))
    assert "matches the Japan-side ranks quoted in the snapshot for Jan–Jun 2017, 2018, 2020, 2023" in reading
    assert "Taiwan ranked 3rd in 2021" in reading
    assert "cannot be recomputed" in reading
    assert "7th vs 6th (both shown)" in reading
    assert text.japan_side_title(ranks) == ("Taiwan was Japan's 4th largest trading partner in 4 of the 5 periods "
                                            "with a quoted Japan-side rank")


def test_approvals_text_names_derived_and_missing_years():
    approvals = jt.annual_series(PAIRS, "fdi_approved_amount", "JPN->TWN", 2001, 2025)
    reading = shown(text.approvals_reading(approvals))
    assert "2021 = 1699.41/2.3" in reading
    assert "No annual figure in the snapshot for 2001–2012, 2014–2015, 2020 and 2024–2025" in reading
    assert text.approvals_title(approvals).startswith("Approved Japanese investment in Taiwan peaked at US$1.70 billion in 2022")


def test_cumulative_text_shows_both_sources_and_why_timing_cannot_explain_the_gap():
    assert text.cumulative_title(PAIRS) == ("TAITRA's US$48.7 billion of Japanese investment (1952–2020) is 2.3 times "
                                           "the Investment Commission's US$20.8 billion (to end-2018)")
    reading = shown(text.cumulative_reading(PAIRS))
    assert "33,023 cases and US$48.7 billion" in reading and "10,488 cases and US$20.8 billion to end-2018" in reading
    assert "would have to add US$27.9 billion and 22,535 cases" in reading
    assert "exceeds US$1.70 billion or 616 cases — so timing cannot explain the gap" in reading


def test_outward_text_lists_every_taiwanese_investment_figure_with_its_source():
    reading = shown(text.outward_reading(PAIRS))
    assert "2016: US$4.50 billion approved in the year (Investment Commission)" in reading
    assert "to 2020: US$9.22 billion cumulative (TAITRA)" in reading
    assert "Jan–Jun 2024: US$5.26 billion one approved case" in reading
    assert "TAITRA's cumulative figure (to 2020) is 1.01 times the Commission's (to end-2018)" in reading
    assert "within 10% of each other" in reading


def test_published_total_text_compares_taitra_with_customs_and_explains_cif_fob():
    table = jt.published_totals(PAIRS, ANNUAL)
    assert text.published_title(table) == ("TAITRA's US$71.18 billion for 2020 is US$1.88 billion (2.7%) above "
                                           "Taiwan customs' US$69.30 billion")
    reading = shown(text.published_reading(table))
    assert "US$23.40 billion of exports plus US$45.90 billion of imports = US$69.30 billion (derived)" in reading
    assert "CIF" in reading and "FOB" in reading
    assert reading.endswith("TAITRA, the Taiwan-Japan Relations Association and the Legislative Yuan do not state "
                            "which side's statistics they used, so the differences cannot be assigned to one cause.")
    assert ("for 2025, the Legislative Yuan published US$84.8 billion; Taiwan customs give US$30.01 billion of exports "
            "but no full-year import figure yet, so the total cannot be compared") in reading


def test_a_published_total_below_customs_is_titled_below():
    table = jt.published_totals(PAIRS, ANNUAL)
    assert text.published_title(table, "japan_side_trade") == (
        "Japan-Taiwan Exchange Association's US$66.56 billion for 2012 is US$1.30 billion (1.9%) below Taiwan "
        "customs' US$67.86 billion")


def test_one_publisher_not_stating_its_basis_is_named_alone():
    table = jt.published_totals(PAIRS, ANNUAL)
    reading = shown(text.published_reading(table[table["series"] != "tjra_headline"].iloc[:2]))
    assert reading.endswith("TAITRA does not state which side's statistics it used, so the difference cannot be "
                            "assigned to one cause.")
    assert "Japanese-side figures" in reading and "cannot be compared" not in reading


def test_a_single_year_is_stated_once_and_an_unranked_year_gets_no_empty_rank_sentence():
    japan = jt.bilateral(ANNUAL, "JPN", 2025, 2025)
    assert "Exports to Japan: US$30.0 billion in 2025 (highest US$30.0 billion in 2025)." in text.trade_reading(japan)
    ranks = jt.partner_ranks(ANNUAL, "JPN", 2025, 2025)
    reading = text.rank_reading(ranks, ranks, jt.ranked_partners(ANNUAL))
    assert "ranked ." not in reading and "No rank for 2025" in reading


def test_gaps_and_period_lists_read_as_words():
    wide = pd.DataFrame({"JPN": [1.0, None, None]}, index=pd.period_range("2023", "2025", freq="Y"))
    assert text.gaps(wide, {}) == "No figure in the snapshot for: Japan (2024 and 2025)."
    assert text.gaps(wide.fillna(0.0), {}) == ""


def test_a_rank_level_at_the_precision_shown_is_stated_as_a_tie():
    ranks = jt.partner_ranks(ANNUAL, "JPN", 2001, 2025)
    separate = jt.partner_ranks(ANNUAL, "JPN", 2001, 2025, china_with_hong_kong=False)
    reading = text.rank_reading(ranks, separate, jt.ranked_partners(ANNUAL), ANNUAL)
    assert ("In 2024, with values compared in US$ billion to one decimal, Japan ranked joint 2nd with the United "
            "States as a source of Taiwan's imports") in reading
    assert text.rank_ties(ANNUAL, ranks.loc[:"2023"]) == ""
