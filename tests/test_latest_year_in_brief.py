"""The latest year where the snapshot has no full-year figure: export orders in brief (total, regions ranked,
latest overseas production ratio) and a partner's year to date from the monthly figures."""

import pandas as pd
import pytest

from helpers.analysis import export_orders, year_to_date
from helpers.analysis import partner_profile as partner_analysis
from helpers.text import export_orders as orders_text
from helpers.text import partner_profile as profile_text

ORDERS = pd.DataFrame([
    {"period": pd.Period(2025, "Y"), "region": r, "value_usd": v, "yoy_pct": g, "status": "preliminary"}
    for r, v, g in (("WLD", 700e9, 26.0), ("USA", 270e9, 38.6), ("ASEAN", 140e9, 41.2), ("CHN+HKG", 138e9, float("nan")))])
RATIO = pd.DataFrame([{"freq": f, "period": p, "ratio_pct": r, "basis": b}
                      for f, p, r, b in (("A", "2024", 48.0, "headline"), ("A", "2025", 47.1, "derived"),
                                         ("M", "2025-10", 49.9, "headline"), ("M", "2025-12", 46.5, "headline"))])


def test_year_summary_ranks_the_regions_held_and_lists_those_without_a_figure():
    summary = export_orders.year_summary(ORDERS, 2025)
    assert [code for code, _, _ in summary.ranking] == ["USA", "ASEAN", "CHN+HKG"]
    assert summary.missing == ("EUR", "JPN") and summary.total == 700e9 and summary.preliminary
    with pytest.raises(ValueError, match="no figures for 2019"):
        export_orders.year_summary(ORDERS, 2019)


def test_latest_ratios_take_the_latest_period_of_each_frequency():
    latest = export_orders.latest_ratios(RATIO)
    assert (latest["A"]["ratio_pct"], latest["M"]["ratio_pct"]) == (47.1, 46.5)
    assert list(export_orders.latest_ratios(RATIO.loc[RATIO["freq"] == "A"])) == ["A"]


def test_year_in_brief_states_total_ranking_gaps_and_ratio():
    text = orders_text.year_in_brief(export_orders.year_summary(ORDERS, 2025), export_orders.latest_ratios(RATIO))
    assert text.startswith("Export orders in 2025 (preliminary): US$700 billion in all, +26% as published.")
    assert "2. ASEAN US$140 billion, +41.2% as published; 3. China + Hong Kong US$138 billion." in text
    assert "No 2025 figure in the snapshot for Europe and Japan." in text
    assert "47.1% for the year 2025 (derived) and 46.5% for the month of Dec 2025." in text


def monthly(partner_months: dict[str, int]) -> pd.DataFrame:
    rows = []
    for flow, last in partner_months.items():
        for year, value in ((2024, 10e9), (2025, 12e9)):
            rows += [{"period": pd.Period(f"{year}-{m:02d}", "M"), "flow": flow, "partner": "KOR", "value_usd": value}
                     for m in range(1, (12 if year == 2024 else last) + 1)]
    return pd.DataFrame(rows)


def test_partner_year_to_date_runs_to_the_last_month_both_flows_hold():
    ytd = year_to_date.partner_year_to_date(monthly({"export": 8, "import": 5}), "KOR", 2025)
    assert set(ytd["through"]) == {pd.Period("2025-05", "M")} and list(ytd["value_usd"]) == [60e9, 60e9]
    assert year_to_date.partner_year_to_date(monthly({"export": 8}), "KOR", 2025) is None
    assert year_to_date.partner_year_to_date(monthly({"export": 8, "import": 8}), "KOR", 2026) is None


def annual_without(*flows: str) -> pd.DataFrame:
    """Korea's 2024 exports and imports, and those of 2025 except ``flows``."""
    return pd.DataFrame([{"period": pd.Period(year, "Y"), "flow": flow, "partner": "KOR", "value_usd": 120e9}
                         for year in (2024, 2025) for flow in ("export", "import")
                         if year == 2024 or flow not in flows])


def test_the_year_so_far_is_taken_only_where_a_full_year_figure_is_missing_and_covers_both_windows():
    so_far = partner_analysis.year_so_far(annual_without("import"), monthly({"export": 8, "import": 8}), "KOR", 2025)
    assert so_far.missing == ["import"] and set(so_far.to_date["through"]) == {pd.Period("2025-08", "M")}
    periods = set(so_far.rows["period"].astype(str))
    assert periods == {f"{y}-{m:02d}" for y in (2024, 2025) for m in range(1, 9)}
    complete = partner_analysis.year_so_far(annual_without(), monthly({"export": 8, "import": 8}), "KOR", 2025)
    assert (complete.missing, complete.to_date, len(complete.rows)) == ([], None, 0)


def test_profile_year_to_date_says_which_months_and_compares_with_a_year_earlier():
    so_far = partner_analysis.year_so_far(annual_without("export", "import"), monthly({"export": 8, "import": 8}),
                                          "KOR", 2025)
    text = profile_text.profile_year_to_date(so_far, "KOR")
    assert text == ("The snapshot has no full-year 2025 export or import figure for South Korea, but its monthly figures "
                    "cover Jan–Aug 2025 (8 months): exports US$96 billion (+20% on Jan–Aug 2024), imports "
                    "US$96 billion (+20% on Jan–Aug 2024), a surplus of US$0 billion.")
    only_imports = partner_analysis.year_so_far(annual_without("import"), monthly({"export": 8, "import": 8}), "KOR", 2025)
    assert profile_text.profile_year_to_date(only_imports, "KOR").startswith(
        "The snapshot has no full-year 2025 import figure for South Korea, but")
    none = partner_analysis.year_so_far(annual_without("export"), monthly({"export": 8, "import": 8}), "KOR", 2026)
    assert profile_text.profile_year_to_date(none, "KOR") == (
        "The snapshot has no full-year 2026 export or import figure for South Korea, and no monthly figures for 2026 "
        "either.")
    complete = partner_analysis.year_so_far(annual_without(), monthly({"export": 8, "import": 8}), "KOR", 2025)
    assert profile_text.profile_year_to_date(complete, "KOR") == ""


def test_a_profile_without_a_full_latest_year_states_the_year_to_date_among_its_key_findings_and_its_currency():
    annual = annual_without("export", "import")
    so_far = partner_analysis.year_so_far(annual, monthly({"export": 8, "import": 8}), "KOR", 2025)
    flows = pd.DataFrame({"export": [120e9], "import": [100e9], "balance": [20e9]}, index=pd.PeriodIndex(["2024"], freq="Y"))
    shares = pd.DataFrame({"export": [4.4]}, index=flows.index)
    found = profile_text.key_findings(flows, shares, "KOR", so_far)
    assert found[0] == ("No full-year 2025 figure yet: in Jan–Aug 2025 Taiwan exported US$96 billion to South Korea, "
                        "+20% on Jan–Aug 2024 (monthly figures).")
    assert list(profile_text.currency_frames(annual, so_far)) == ["annual trade data", "monthly trade data"]
    complete = partner_analysis.year_so_far(annual_without(), monthly({"export": 8, "import": 8}), "KOR", 2025)
    assert len(profile_text.key_findings(flows, shares, "KOR", complete)) == 3
    assert list(profile_text.currency_frames(annual, complete)) == ["annual trade data"]
