"""helpers.text.format: the one way every report writes names, lists, money, percentages and periods."""

import pandas as pd
import pytest

from helpers.text import format as fmt


def test_a_code_is_named_with_its_article_only_where_english_needs_one():
    assert fmt.name("USA") == "United States"
    assert fmt.name("USA", article=True) == "the United States"
    assert fmt.name("USA", article=True, capital=True) == "The United States"
    assert fmt.name("JPN", article=True, capital=True) == "Japan"
    assert fmt.name("CHN+HKG") == "China + Hong Kong"
    assert fmt.name("EUR+USA", article=True) == "Europe + US"


def test_the_world_and_the_rest_of_it_read_as_running_text_with_the_article_and_as_labels_without():
    assert (fmt.name("ROW"), fmt.name("ROW", article=True)) == ("Rest of world", "the rest of the world")
    assert (fmt.name("WLD"), fmt.name("WLD", article=True, capital=True)) == ("World", "The world")


def test_an_unknown_code_stands_for_itself():
    assert fmt.name("XYZ") == "XYZ"


def test_a_dataset_override_replaces_the_table_entry_and_keeps_the_article():
    overrides = {"ASEAN": "ASEAN", "USA": "US customers"}
    assert fmt.name("ASEAN") == "ASEAN-10"
    assert fmt.name("ASEAN", names=overrides) == "ASEAN"
    assert fmt.name("USA", True, names=overrides) == "the US customers"
    assert fmt.name("JPN", names=overrides) == "Japan"
    assert fmt.names(["ASEAN", "JPN"], overrides=overrides) == "ASEAN and Japan"


@pytest.mark.parametrize("items, joined", [
    ([], "none"), (["A"], "A"), (["A", "B"], "A and B"), (["A", "B", "C"], "A, B and C"),
])
def test_lists_are_joined_with_commas_and_a_final_and(items, joined):
    assert fmt.join(items) == joined


def test_a_long_list_counts_the_rest_only_when_asked():
    items = [str(n) for n in range(10)]
    assert fmt.join(items).endswith("8 and 9")
    assert fmt.join(items, at_most=3) == "0, 1 and 8 others"
    assert fmt.names(["USA", "JPN", "KOR", "IND", "MEX", "CAN", "DEU", "FRA", "ITA"]).endswith("Germany and 2 others")


@pytest.mark.parametrize("value, unit, digits, text", [
    (1520.0, "USD million", None, "US$1.52 billion"),
    (27900.0, "USD million", None, "US$27.9 billion"),
    (1699.41, "USD million", None, "US$1.70 billion"),
    (48.7, "USD billion", None, "US$48.7 billion"),
    (640.75, "USD billion", None, "US$640.75 billion"),
    (480.0, "USD million", None, "US$480 million"),
    (-0.07, "USD billion", 2, "−US$0.07 billion"),
    (33023.0, "cases", None, "33,023 cases"),
    (float("nan"), "USD million", None, "no figure"),
])
def test_an_amount_keeps_its_published_digits_in_the_largest_money_unit_it_reaches(value, unit, digits, text):
    assert fmt.amount(value, unit, digits) == text


@pytest.mark.parametrize("number, unit, text", [
    ("30.9", "percent", "30.9%"), ("+0.2", "percentage points", "+0.2 percentage points"),
    ("−0.07", "USD billion", "−US$0.07 billion"), ("-5", "USD million", "−US$5 million"), ("4", "rank", "rank 4"),
    ("2019", "year", "2019"), ("3.2", "times", "3.2"),
])
def test_a_number_written_out_gets_its_unit_without_changing_its_digits(number, unit, text):
    assert fmt.in_unit(number, unit) == text


def test_billions_keep_their_sign_and_a_missing_value_is_named():
    assert fmt.bn(640.75e9) == "US$640.75 billion"
    assert fmt.bn(-20.6e9, 1) == "−US$20.6 billion"
    assert fmt.bn(float("nan")) == "no figure"
    assert fmt.pct(30.94) == "30.9%" and fmt.pct(None) == "no figure"


def test_periods_spans_and_lists_of_periods_read_as_words():
    assert fmt.period_label(pd.Period("2025", "Y")) == "2025"
    assert fmt.period_label("2025-08") == "Aug 2025"
    assert fmt.period_label(pd.Period("2025-08", "M"), rolling=True) == "the 12 months to Aug 2025"
    assert fmt.period_label("2025-01..2025-03") == "Jan 2025–Mar 2025"
    assert fmt.period_label("1952..2020") == "1952–2020"
    assert fmt.span(2016, 2025) == "2016–2025" and fmt.span(2025, 2025) == "2025"
    assert fmt.periods([pd.Period("2014", "Y"), pd.Period("2015", "Y"), pd.Period("2020", "Y")]) == "2014, 2015 and 2020"
    assert fmt.periods([pd.Period("2025-08", "M")], rolling=True) == "the 12 months to Aug 2025"


def test_years_are_named_as_short_ranges():
    assert fmt.year_ranges([2025, 2014, 2015, 2018, 2021, 2024]) == "2014–2015, 2018, 2021 and 2024–2025"
    assert fmt.year_ranges([2018]) == "2018" and fmt.year_ranges([]) == ""
