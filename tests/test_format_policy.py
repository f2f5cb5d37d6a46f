"""The number-formatting policy (helpers.text.format): published digits, one unit, ties, rank wording, revisions."""

import pandas as pd
import pytest

from helpers.text import format as fmt


@pytest.mark.parametrize("value, most, expected", [
    (48.70, 1, "48.7"), (48.7, 2, "48.7"), (50.0, 1, "50"), (30.94342567303941, 1, "30.9"),
    (474.995711, 2, "475.00"), (640.75, 2, "640.75"), (-4.7, 1, "−4.7"), (-0.01, 1, "0.0"), (27900.0, 0, "27,900"),
])
def test_numbers_keep_the_digits_they_were_published_with(value, most, expected):
    assert fmt.number(value, most) == expected


def test_money_is_written_in_the_largest_unit_it_reaches():
    assert fmt.money(27.9e9) == "US$27.9 billion"
    assert fmt.money(640.75e9) == "US$640.75 billion"
    assert fmt.money(350.5e6) == "US$350.5 million"
    assert fmt.money(-20.6e9) == "−US$20.6 billion"
    assert fmt.money(float("nan")) == "no figure"


def test_one_unit_per_paragraph():
    unit = fmt.money_unit(0.4e9, 27.9e9, float("nan"))
    assert unit == ("billion", 1e9)
    assert [fmt.money(v, unit) for v in (0.4e9, 27.9e9)] == ["US$0.4 billion", "US$27.9 billion"]
    assert fmt.money_unit(350e6)[0] == "million"


def test_shares_drop_trailing_zeros_only():
    assert fmt.share(48.70) == "48.7%"
    assert fmt.share(26.606320717908698) == "26.6%"


def test_a_difference_below_the_published_precision_is_a_tie():
    imports_2024 = {"USA": 46.4553, "JPN": 46.4527, "KOR": 20.1}
    assert fmt.tied(46.4553, 46.4527, 1)
    assert not fmt.tied(46.4553, 46.4527, 3)
    assert fmt.ranking(imports_2024, 1) == [["USA", "JPN"], ["KOR"]]
    assert fmt.ranking(imports_2024, 4) == [["USA"], ["JPN"], ["KOR"]]
    assert fmt.rank_of("JPN", imports_2024, 1) == "joint 1st with the United States"
    assert fmt.rank_of("KOR", imports_2024, 1) == "3rd"
    assert fmt.rank_of("JPN", imports_2024, 4) == "2nd"
    assert fmt.rank_of("MEX", imports_2024, 1) == "not ranked (no figure)"


@pytest.mark.parametrize("n, expected", [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"),
                                         (12, "12th"), (13, "13th"), (21, "21st"), (102, "102nd")])
def test_ordinals(n, expected):
    assert fmt.ordinal(n) == expected


def test_rank_wording_says_best_and_worst_never_highest():
    ranks = pd.Series([5.0, 12.0, 1.0], index=pd.PeriodIndex(["2001", "2011", "2025"], freq="Y"))
    text = fmt.rank_range(ranks)
    assert text == "best rank 1st (2025), worst rank 12th (2011)"
    assert "highest" not in text
    assert fmt.rank_range(pd.Series([3.0, 3.0], index=pd.PeriodIndex(["2001", "2002"], freq="Y"))) == \
        "rank 3rd throughout"


def test_a_revised_total_says_so():
    assert fmt.revision_note(474.995711e9, 475.07e9) == ", revised from the first-published US$475.07 billion"
    assert fmt.revision_note(475.07e9, 475.07e9) == ""
    assert fmt.revision_note(475.07e9, None) == ""


def test_every_text_helper_writes_the_digits_published_not_a_fixed_number_of_decimals():
    # MOF: exports to the US in Jan–Feb 2026 US$37.02 bn, "年增83%", 32% of exports; MOF 2025 Japan US$48.7 bn
    assert fmt.bn(48.7e9) == "US$48.7 billion" and fmt.bn(37.02e9) == "US$37.02 billion"
    assert (fmt.signed_pct(83), fmt.pct(32), fmt.pct(26.62, 2)) == ("+83%", "32%", "26.62%")
    assert (fmt.signed_pct(-4.3), fmt.pp(0.5), fmt.pp(-1.25, 2)) == ("−4.3%", "+0.5 percentage points",
                                                                    "−1.25 percentage points")
    assert fmt.balance_phrase(-37.02e9) == "a deficit of US$37.02 billion"
    # a computed figure keeps at most the decimals asked for
    assert (fmt.bn(474.995711e9), fmt.pct(30.9649)) == ("US$475.00 billion", "31.0%")


def test_figures_of_one_paragraph_share_one_unit_without_losing_a_published_digit():
    # 27,900 million reads as 27.9 billion beside 0.4 billion; 346.875 million would need 6 decimals in billions,
    # so Investment Commission approvals stay in millions, both of them
    assert fmt.amounts([400, 27900], "USD million") == ["US$0.4 billion", "US$27.9 billion"]
    assert fmt.amounts([346.875, 1699.41], "USD million") == ["US$346.88 million", "US$1,699.41 million"]
    assert fmt.amounts([float("nan"), 5], "USD billion") == ["no figure", "US$5 billion"]
    assert fmt.amounts([10488, 33023], "cases") == ["10,488 cases", "33,023 cases"]
