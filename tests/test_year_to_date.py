"""Year-to-date sums: only complete windows count, against the same months a year earlier."""

import math

import pandas as pd
import pytest

from helpers.analysis import year_to_date as ytd
from helpers.text.format import year_to_date_label


def monthly(values: dict[str, dict[str, float]]) -> pd.DataFrame:
    """{partner: {"2024-01": value, ...}} as a tidy monthly export frame."""
    rows = [{"period": pd.Period(month, "M"), "flow": "export", "partner": partner, "value_usd": value}
            for partner, series in values.items() for month, value in series.items()]
    return pd.DataFrame(rows)


def months(year: int, last: int, value: float) -> dict[str, float]:
    return {f"{year}-{m:02d}": value for m in range(1, last + 1)}


def test_sums_january_to_the_month_and_the_same_months_a_year_earlier():
    frame = monthly({"USA": {**months(2024, 12, 10.0), **months(2025, 3, 15.0)}})
    out = ytd.year_to_date(frame, "2025-03").iloc[0]
    assert (out["value_usd"], out["previous"], out["months"]) == (45.0, 30.0, 3)
    assert out["growth_pct"] == pytest.approx(50.0) and out["change"] == 15.0
    assert out["through"] == pd.Period("2025-03", "M")


def test_a_missing_month_makes_the_window_a_gap_not_a_shorter_sum():
    series = {**months(2024, 12, 10.0), **months(2025, 3, 15.0)}
    del series["2024-02"]
    out = ytd.year_to_date(monthly({"USA": series, "JPN": {**months(2024, 3, 1.0), **months(2025, 3, 2.0)}}),
                           "2025-03").set_index("partner")
    assert out.loc["USA", "value_usd"] == 45.0 and math.isnan(out.loc["USA", "previous"])
    assert math.isnan(out.loc["USA", "growth_pct"]) and out.loc["JPN", "growth_pct"] == pytest.approx(100.0)


def test_a_year_to_date_needs_a_month():
    with pytest.raises(ValueError, match="needs a month"):
        ytd.year_to_date(monthly({"USA": months(2025, 2, 1.0)}), pd.Period("2025", "Y"))


def test_months_from_january_stop_at_the_first_gap():
    series = months(2025, 8, 1.0)
    del series["2025-06"]
    assert ytd.months_from_january(monthly({"MEX": series}), 2025) == 5
    assert ytd.months_from_january(monthly({"MEX": months(2024, 12, 1.0)}), 2025) == 0


def test_series_through_is_the_widest_window_every_code_shares():
    frame = monthly({"USA": months(2025, 8, 1.0), "MEX": months(2025, 5, 1.0), "WLD": months(2025, 8, 3.0)})
    assert ytd.series_through(frame, ["USA", "WLD"]) == pd.Period("2025-08", "M")
    assert ytd.series_through(frame, ["USA", "MEX"]) == pd.Period("2025-05", "M")
    assert ytd.series_through(frame, ["USA", "KOR"]) is None


def test_series_through_falls_back_to_the_year_before_when_the_new_year_has_no_common_january():
    frame = monthly({"USA": {**months(2024, 12, 1.0), "2025-01": 1.0}, "MEX": months(2024, 12, 1.0)})
    assert ytd.series_through(frame, ["USA", "MEX"]) == pd.Period("2024-12", "M")


def test_year_to_date_label_names_the_months():
    assert year_to_date_label(pd.Period("2025-08", "M")) == "Jan–Aug 2025"
    assert year_to_date_label("2026-01") == "Jan 2026"
