"""Each report's key findings and the shared data-currency line, on small frames made here."""

import math
from datetime import date

import pandas as pd
from markdown_support import shown

from helpers.analysis import metrics, pivot_drivers
from helpers.claims.evaluate import CONFIRMED, DIFFERS, NOT_TESTABLE, Result
from helpers.claims.registry import Claim
from helpers.text import claims_check, currency, export_orders, japan_taiwan, markdown, partner_profile, trade_pivot

Y = lambda year: pd.Period(str(year), freq="Y")  # noqa: E731


def key_figures(**changes) -> metrics.KeyFigures:
    figures = dict(period=Y(2025), exports=640.75e9, exports_previous=474.995711e9, growth_pct=34.9,
                   largest="USA", largest_value=198.27e9, leader="USA", rival="CHN+HKG", leader_share_pct=30.94,
                   rival_share_pct=26.61, leader_balance=150.12e9, preliminary=True, bases=("headline",),
                   not_published=())
    return metrics.KeyFigures(**{**figures, **changes})


def crossover(**changes) -> metrics.Crossover:
    found = dict(leader="USA", rival="CHN+HKG", data_start=Y(2001), data_end=Y(2025), period=Y(2025),
                 led_before=False, last_led=None, all_crossings=(Y(2025),), leads_at_end=True)
    return metrics.Crossover(**{**found, **changes})


def test_trade_pivot_findings_give_total_growth_shares_crossover_and_surplus():
    found = trade_pivot.key_findings(key_figures(), crossover(), first_published_previous=475.07e9)
    assert found == [
        "Taiwan's exports were US$640.75 billion in 2025, +34.9% on 2024 (US$475.00 billion, revised from the "
        "first-published US$475.07 billion).",
        "The United States took 30.9% of Taiwan's 2025 exports and China + Hong Kong 26.6%.",
        "The United States overtook China + Hong Kong as a destination of Taiwan's exports in 2025, for the first "
        "time in the data, which start in 2001.",
        "Taiwan's surplus with the United States was US$150.12 billion in 2025.",
    ]


def test_trade_pivot_findings_end_with_the_largest_trading_partner_when_two_way_trade_is_known():
    trade = pd.DataFrame([{"period": Y(2025), "flow": flow, "partner": partner, "value_usd": value, "basis": "table"}
                          for flow, partner, value in (("export", "USA", 198.27e9), ("import", "USA", 48.15e9),
                                                       ("export", "CHN+HKG", 170.48e9), ("import", "CHN+HKG", 93.12e9))])
    partners = pivot_drivers.leaders(pivot_drivers.two_way(trade), 2025)
    found = trade_pivot.key_findings(key_figures(), crossover(), partners=partners)
    assert len(found) == 5 and found[4] == (
        "The United States was Taiwan's largest export market in 2025, but two-way trade with China + Hong Kong was "
        "larger: US$263.6 billion against US$246.42 billion for the United States in two-way trade.")
    unknown = pivot_drivers.leaders(pivot_drivers.two_way(trade[trade["flow"] == "export"]), 2025)
    assert len(trade_pivot.key_findings(key_figures(), crossover(), partners=unknown)) == 4


def test_trade_pivot_findings_without_a_crossover_or_previous_year():
    found = trade_pivot.key_findings(key_figures(growth_pct=math.nan, exports_previous=math.nan, largest="CHN+HKG"),
                                     crossover(period=None, all_crossings=(), leads_at_end=False))
    assert found[0] == "Taiwan's exports were US$640.75 billion in 2025; the snapshot has no 2024 total to compare with."
    assert found[1].endswith("the largest single market was China + Hong Kong.")
    assert found[2] == "The United States was not ahead of China + Hong Kong in Taiwan's exports in 2025."


def test_partner_profile_findings_name_the_year_of_each_figure():
    index = pd.PeriodIndex(["2001", "2024", "2025"], freq="Y")
    flows = pd.DataFrame({"export": [8.0e9, 25.83e9, 30.01e9], "import": [10e9, 46.45e9, math.nan],
                          "balance": [-2e9, -20.62e9, math.nan]}, index=index)
    shares = pd.DataFrame({"export": [10.3, 5.4, 4.7], "import": [24.1, 13.2, math.nan]}, index=index)
    found = partner_profile.key_findings(flows, shares, "JPN")
    assert found == [
        "Taiwan exported US$30.01 billion to Japan in 2025, +16.2% on 2024.",
        "Japan took 4.7% of Taiwan's exports in 2025, against 10.3% in 2001.",
        "Taiwan ran a deficit of US$20.62 billion with Japan in 2024 (the latest year with both flows: 2025 has no "
        "import figure).",
    ]


def test_export_orders_findings_compare_the_first_and_latest_survey_year():
    rows = [(2016, "TWN", 45.8), (2016, "CHN+HKG", 51.3), (2025, "TWN", 52.9), (2025, "CHN+HKG", 26.2),
            (2024, "TWN", 50.6), (2024, "CHN+HKG", 31.0)]
    shares = pd.DataFrame([{"period": Y(y), "location": loc, "share_pct": v, "basis": "headline", "status": "final",
                            "note": ""} for y, loc, v in rows])
    orders = pd.DataFrame([{"period": Y(2024), "region": "WLD", "value_usd": 590.39e9, "status": "final"},
                           {"period": Y(2025), "region": "WLD", "value_usd": 743.73e9, "status": "preliminary"}])
    found = export_orders.key_findings(shares, orders, 2016, 2025)
    assert found[0] == ("Where Taiwan's export orders were produced in 2025 (MOEA survey): 52.9% in Taiwan and "
                        "26.2% in mainland China + Hong Kong.")
    assert found[1] == "In 2016, the first survey year shown: 45.8% in Taiwan and 51.3% in mainland China + Hong Kong."
    assert found[2] == "Production in Taiwan first rose above half of all orders in 2024 (survey years 2016–2025)."
    assert found[3] == "Export orders totalled US$743.73 billion in 2025, +26.0% on 2024 (preliminary)."


def test_japan_taiwan_findings_state_a_rank_tie_as_a_tie():
    values = {("export", "USA"): 111.4e9, ("import", "USA"): 46.4553e9, ("export", "JPN"): 25.83e9,
              ("import", "JPN"): 46.4527e9, ("export", "CHN+HKG"): 150.6e9, ("import", "CHN+HKG"): 80.2e9,
              ("export", "KOR"): 30.1e9, ("import", "KOR"): 20.3e9}
    rows = [{"period": Y(2024), "flow": flow, "partner": partner, "value_usd": value, "status": "final",
             "basis": "table", "source": "mof_u2010"} for (flow, partner), value in values.items()]
    rows += [{"period": Y(2024), "flow": flow, "partner": "WLD", "value_usd": total, "status": "final",
              "basis": "table", "source": "mof_u2010"} for flow, total in (("export", 475.0e9), ("import", 393.0e9))]
    found = japan_taiwan.key_findings(pd.DataFrame(rows), 2001, 2024)
    assert found[0] == ("Taiwan's trade with Japan (exports plus imports) was US$72.28 billion in 2024, 8.3% of "
                        "Taiwan's total trade.")
    assert found[1] == "Taiwan ran a deficit of US$20.62 billion with Japan in 2024."
    assert "Japan ranked 3rd among the 4 single economies" in found[2]
    assert "Japan ranked joint 2nd with the United States" in found[3]


def claim(wording: str, stated: str) -> Claim:
    return Claim(id=wording, topic="trade_pivot", wording=wording, publisher="Ministry of Finance",
                 published_in="https://example.org", period="2024", stated=stated, unit="USD billion", check={})


def test_claims_check_findings_count_and_quote_the_claims_that_differ():
    results = [Result("a", claim("Exports were US$475.07 billion", "475.07"), DIFFERS, computed=474.995711),
               Result("b", claim("b", "1"), CONFIRMED, computed=1.0), Result("c", claim("c", "1"), NOT_TESTABLE)]
    found = claims_check.key_findings(results)
    # the material discrepancies open the findings; the tally of the rest closes them
    assert found[0] == ("1 of 3 published claims on Taiwan's trade differs from the data snapshot by more than the "
                        "rounding of the stated figure and is not explained by a revision.")
    assert shown(found[1]) == ("“Exports were US$475.07 billion” (Ministry of Finance): the data give US$474.996 billion "
                        "against the stated US$475.07 billion.")
    assert found[-1] == ("Of the rest: 1 confirmed, 0 confirmed after a revision or rounding by the publisher, "
                         "1 not testable.")


def test_data_currency_names_latest_month_year_preliminary_figures_and_build_date():
    monthly = pd.DataFrame({"period": pd.PeriodIndex(["2025-06", "2025-07", "2025-08"], freq="M"),
                            "status": ["final", "preliminary", "preliminary"], "basis": "table"})
    annual = pd.DataFrame({"period": pd.PeriodIndex(["2024", "2025"], freq="Y"), "status": ["final", "preliminary"],
                           "basis": ["table", "headline"], "source": ["mof_u2010", "mof_release_2025_annual"]})
    line = currency.data_currency({"monthly trade data": monthly, "annual trade data": annual}, built=date(2026, 11, 27))
    assert line.text == ("Monthly trade data to August 2025 (July to August 2025 preliminary); annual trade data to "
                         "2025 (2025 figures: release headlines of the Ministry of Finance, R.O.C. (Taiwan), "
                         "preliminary). Built 27 Nov 2026.")
    assert (line.monthly_to, line.annual_to, line.built) == ("2025-08", "2025", "2026-11-27")
    assert line.data_to == "August 2025 (monthly), 2025 (annual)"
    assert currency.months_behind(line.monthly_to, line.built) == 15
    assert currency.months_behind(None, line.built) is None


def test_data_currency_reads_text_periods_and_skips_labels_that_are_not_one_period():
    frame = pd.DataFrame({"period": ["2025", "to end-2018", "2025-12"], "status": "final"})
    line = currency.data_currency({"survey": frame}, built=date(2026, 1, 5))
    assert line.text == "Survey to 2025 (single months to December 2025). Built 5 Jan 2026."


def test_the_key_findings_block_lists_the_findings_then_the_currency_line():
    block = markdown.key_findings_markdown(["One.", "Two."], "Data to 2025. Built 1 Jan 2026.")
    assert shown(block) == "## Key findings\n\n- One.\n- Two.\n\n*Data to 2025. Built 1 Jan 2026.*"


def test_the_currency_line_says_which_figures_come_only_from_a_secondary_source():
    survey = pd.DataFrame({"period": [Y(2024), Y(2025)], "share_pct": [51.4, 52.9], "status": ["final", "secondary"]})
    line = currency.data_currency({"production survey": survey}, built=date(2026, 11, 27)).text
    assert line == "Production survey to 2025 (2025 figures: secondary source only). Built 27 Nov 2026."
