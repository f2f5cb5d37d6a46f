"""helpers.text.trade_pivot: sentences computed from results say what the data show and what is missing."""

import pandas as pd
import pytest

from helpers.analysis import metrics
from helpers.text import format as fmt
from helpers.text import trade_pivot as pivot_text


def crossing(values):
    rows = [(y, "export", p, v) for y, a, b in values for p, v in (("USA", a), ("CHN+HKG", b))]
    df = pd.DataFrame(rows, columns=["period", "flow", "partner", "value_usd"])
    df["period"] = df["period"].map(lambda y: pd.Period(y, freq="Y"))
    return metrics.crossover(df, "USA", "CHN+HKG")


def test_money_and_percentages_are_formatted_for_readers():
    assert fmt.bn(640.75e9) == "US$640.75 billion"
    assert fmt.bn(-20.6e9, 1) == "−US$20.6 billion"
    assert fmt.signed_pct(34.896) == "+34.9%" and fmt.signed_pct(-9.8) == "−9.8%"
    assert fmt.pp(18.3) == "+18.3 percentage points"
    assert fmt.bn(float("nan")) == "no figure"


def test_names_use_the_article_and_join_lists():
    assert fmt.names(["USA", "CHN+HKG", "JPN"], article=True) == "the United States, China + Hong Kong and Japan"


def test_a_first_crossing_with_no_earlier_lead_says_the_data_cannot_reach_further_back():
    c = crossing([("2001", 5, 9), ("2002", 6, 9), ("2003", 10, 9)])
    text = pivot_text.crossover(c, "export", release_note="The release says since 1999.")
    assert "first moved ahead of China + Hong Kong in Taiwan's exports in **2003**" in text
    assert "trailed in all 2 years from 2001 to 2002" in text
    assert "last led in 2000 or earlier" in text
    assert text.endswith("The release says since 1999.")


def test_a_re_crossing_names_the_last_lead_and_the_gap():
    c = crossing([("2001", 9, 5), ("2002", 4, 5), ("2003", 4, 6), ("2004", 7, 6)])
    text = pivot_text.crossover(c, "export")
    assert "It had last led in 2001, 3 years earlier" in text


def test_a_leader_that_falls_behind_again_is_reported():
    c = crossing([("2001", 1, 5), ("2002", 6, 5), ("2003", 4, 6)])
    assert "In 2003 it was behind again." in pivot_text.crossover(c, "export")
    assert "but was behind again by 2003" in pivot_text.crossover_title(c, "export")


def test_no_crossing_says_so_without_inventing_one():
    c = crossing([("2001", 1, 5), ("2002", 2, 5)])
    assert "never moved ahead of China + Hong Kong" in pivot_text.crossover(c, "export")
    assert "has not overtaken" in pivot_text.crossover_title(c, "export")


def test_monthly_periods_read_as_12_month_sums():
    assert fmt.period_label(pd.Period("2025-08", "M"), rolling=True) == "the 12 months to Aug 2025"


def test_contribution_text_names_the_partners_folded_into_rest_of_world():
    contrib = pd.DataFrame({"partner": ["USA", "ROW"], "contribution_pp": [18.3, 16.6], "total_growth_pct": [34.9, 34.9]})
    text = pivot_text.contributions(contrib, "export", pd.Period("2025"), missing_codes=["KOR"])
    assert "the rest of the world (incl. South Korea: no separate figure) +16.6 percentage points" in text
    assert "They add up to +34.9%, the total." in text


def test_balances_give_each_partner_its_latest_figure_and_say_which_year_is_missing():
    wide = pd.DataFrame({"USA": [9.0e9, 150.12e9], "JPN": [-13.07e9, float("nan")]},
                        index=pd.PeriodIndex(["2024", "2025"], freq="Y"))
    text = pivot_text.balances(wide)
    assert "a surplus of US$150.12 billion with the United States in 2025" in text
    assert "a deficit of US$13.07 billion with Japan in 2024 (latest figure; none for 2025)" in text
    assert "(no 2025 figure for Japan)" in pivot_text.balances_title(wide)


def test_mirror_text_flags_a_break_in_the_ratio():
    ratios = pd.DataFrame({"period": pd.PeriodIndex(["2021", "2022", "2023", "2024"], freq="Y"),
                           "usa": [1.18, 1.2, 1.17, 1.04], "taiwan": [1.0] * 4, "ratio": [1.18, 1.2, 1.17, 1.04]})
    assert "a break worth checking" in pivot_text.mirror(ratios)
    assert pivot_text.mirror_title(ratios).startswith("The US records 4% more imports from Taiwan")


@pytest.mark.parametrize("flow, axis", [("export", "Growth on a year earlier (%)"),
                                        ("balance", "Change on a year earlier (US$ billion)")])
def test_growth_of_a_balance_is_labelled_as_a_change_in_dollars(flow, axis):
    assert pivot_text.growth_axis(flow) == axis


def test_the_events_note_lists_the_marked_events_with_their_month():
    marks = pd.DataFrame({"label": ["Tariffs announced"], "date": [pd.Timestamp("2025-04-02")]})
    assert pivot_text.events_note(marks) == "Marked events: Tariffs announced (Apr 2025)."
    assert pivot_text.events_note(None) == pivot_text.events_note(marks.iloc[0:0]) == "No policy events are marked."
