"""helpers.claims on small frames: "confirmed after revision" (a figure a release first published or restated, or
the publisher's rounding), statements that are not trade statistics, and ranks and crossings of total trade or of
the balance. The real snapshot's statuses for these claims are pinned once, in test_claims.py."""

import math

import pandas as pd
import pytest
from markdown_support import shown

from helpers import claims
from helpers.claims.registry import Claim
from helpers.text import claims_check as present

BN = 1e9


def partner_rows(values: dict) -> pd.DataFrame:
    """trade_by_partner rows from {(year, flow, partner): US$ billion}."""
    rows = [{"period": pd.Period(str(year), freq="Y"), "flow": flow, "partner": partner, "value_usd": value * BN,
             "status": "final", "basis": "table", "source": "test_table", "note": ""}
            for (year, flow, partner), value in values.items()]
    return pd.DataFrame(rows)


def release_rows(values: dict) -> pd.DataFrame:
    """trade_releases rows from {(period, flow, partner, release): US$ billion}."""
    rows = [{"period": period, "flow": flow, "partner": partner, "commodity": "total", "value_usd": value * BN,
             "release": release, "basis": "headline", "source": "test_release"}
            for (period, flow, partner, release), value in values.items()]
    return pd.DataFrame(rows)


TRADE = partner_rows({(2024, "export", "USA"): 111.36, (2024, "import", "USA"): 46.45,
                      (2024, "export", "CHN+HKG"): 150.0, (2024, "import", "CHN+HKG"): 80.0,
                      (2025, "export", "USA"): 198.27, (2025, "import", "USA"): 48.15,
                      (2025, "export", "CHN+HKG"): 170.48, (2025, "import", "CHN+HKG"): 93.12})
RELEASES = release_rows({("2024", "balance", "USA", "2025-01"): 64.88, ("2024", "balance", "USA", "2026-01"): 64.703})
FRAMES = {"trade_by_partner": TRADE, "trade_releases": RELEASES}


def claim(stated, unit="USD billion", period="2024", **check):
    check = check or dict(measure="balance", dataset="trade_by_partner", partner="USA")
    return Claim(id="test_claim", topic="trade_pivot", wording="A test claim", publisher="Test",
                 published_in="https://example.org/claim", period=period, stated=stated, unit=unit, check=check)


# --------------------------------------------------------------------------------------------
# confirmed after revision: a figure as a release first published or restated it
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("stated, release", [("64.88", "2025-01"), ("64.7", "2026-01"), ("64.703", "2026-01")])
def test_a_figure_a_release_published_is_confirmed_after_revision_with_both_values(stated, release):
    result = claims.evaluate(claim(stated), FRAMES)  # the table gives 111.36 − 46.45 = 64.91
    assert result.status == claims.REVISED
    assert result.computed == pytest.approx(64.91)
    assert result.published == pytest.approx(float(stated), abs=0.005)
    assert f"MOF's {release} release published" in result.note and "the snapshot carries 64.91" in result.note


def test_a_figure_no_release_published_still_differs():
    result = claims.evaluate(claim("63.5"), FRAMES)
    assert result.status == claims.DIFFERS and math.isnan(result.published)


def test_without_the_releases_frame_a_revised_figure_differs():
    assert claims.evaluate(claim("64.88"), {"trade_by_partner": TRADE}).status == claims.DIFFERS


def test_a_release_of_another_partner_or_a_deficit_claim_does_not_count():
    other = {**FRAMES, "trade_releases": release_rows({("2024", "balance", "CHN+HKG", "2025-01"): 64.88})}
    assert claims.evaluate(claim("64.88"), other).status == claims.DIFFERS
    deficit = claim("64.88", measure="balance", dataset="trade_by_partner", partner="USA", sign="deficit")
    assert claims.evaluate(deficit, FRAMES).status == claims.DIFFERS


def test_a_figure_within_the_rounding_is_confirmed_not_revised():
    assert claims.evaluate(claim("64.9"), FRAMES).status == claims.CONFIRMED


# --------------------------------------------------------------------------------------------
# confirmed after revision: the publisher's rounding ("about half")
# --------------------------------------------------------------------------------------------
SURVEY = pd.DataFrame({"period": [pd.Period("2016", freq="Y")], "location": ["CHN+HKG"], "share_pct": [51.3],
                       "status": ["final"], "basis": ["table"], "derivation": [""], "source": ["test_survey"]})


def survey_claim(stated, **options):
    return claim(stated, unit="percent", period="2016", measure="survey_share", dataset="production_survey",
                 location="CHN+HKG", **options)


def test_a_figure_the_publisher_rounded_is_confirmed_after_revision():
    result = claims.evaluate(survey_claim("50", rounded_to=10), {"production_survey": SURVEY})
    assert result.status == claims.REVISED and result.published == 50
    assert "rounded the figure to the nearest 10: the snapshot's 51.3 rounds to 50" in result.note


@pytest.mark.parametrize("stated, options", [("50", {}), ("40", {"rounded_to": 10}), ("50", {"rounded_to": 1})])
def test_without_a_rounding_that_reaches_it_the_figure_differs(stated, options):
    assert claims.evaluate(survey_claim(stated, **options), {"production_survey": SURVEY}).status == claims.DIFFERS


@pytest.mark.parametrize("step", [0, -5, "ten", True])
def test_a_bad_rounding_step_is_an_invalid_definition_naming_the_claim(step):
    result = claims.evaluate(survey_claim("50", rounded_to=step), {"production_survey": SURVEY})
    assert result.status == claims.INVALID
    assert result.note.startswith("claim 'test_claim': rounded_to must be a positive number")


# --------------------------------------------------------------------------------------------
# statements that are not trade statistics
# --------------------------------------------------------------------------------------------
def test_a_statement_that_is_not_a_trade_statistic_is_not_testable_with_its_reason():
    result = claims.evaluate(claim("20", unit="percent", measure="not_testable", reason="a tariff is a policy"), {})
    assert result.status == claims.NOT_TESTABLE and result.note == "a tariff is a policy"


def test_a_not_testable_claim_without_a_reason_is_an_invalid_definition():
    result = claims.evaluate(claim("20", unit="percent", measure="not_testable"), {})
    assert result.status == claims.INVALID and "measure not_testable needs a reason" in result.note


def test_a_check_without_a_dataset_is_an_invalid_definition():
    result = claims.evaluate(claim("20", unit="percent", measure="share"), FRAMES)
    assert result.status == claims.INVALID and "unknown dataset None" in result.note


# --------------------------------------------------------------------------------------------
# ranks and crossings of total trade and of the balance
# --------------------------------------------------------------------------------------------
def test_total_trade_crossing_is_not_the_export_crossing():
    exports = dict(measure="crossover", dataset="trade_by_partner", flow="export", partner="USA", rival="CHN+HKG")
    total = {**exports, "flow": ["export", "import"]}
    assert claims.evaluate(claim("2025", unit="year", period="2025", **exports), FRAMES).status == claims.CONFIRMED
    result = claims.evaluate(claim("2025", unit="year", period="2025", **total), FRAMES)  # 246.42 < 263.60
    assert result.status == claims.DIFFERS and math.isnan(result.computed)
    assert "never moves ahead of China + Hong Kong" in result.note


@pytest.mark.parametrize("sign, rank", [("surplus", 1), ("deficit", 2)])
def test_a_rank_by_balance_ranks_surpluses_or_deficits(sign, rank):
    check = dict(measure="rank", dataset="trade_by_partner", partner="USA", sign=sign, among=["USA", "CHN+HKG"])
    result = claims.evaluate(claim("1", unit="rank", period="2025", **check), FRAMES)  # US 150.12, CHN+HKG 77.36
    assert result.computed == rank
    assert result.status == (claims.CONFIRMED if rank == 1 else claims.DIFFERS)


def test_a_rank_by_balance_with_a_flow_filter_is_an_invalid_definition():
    check = dict(measure="rank", dataset="trade_by_partner", partner="USA", flow="export", sign="deficit",
                 among=["USA", "CHN+HKG"])
    result = claims.evaluate(claim("1", unit="rank", period="2025", **check), FRAMES)
    assert result.status == claims.INVALID and "drop the flow filter" in result.note


# --------------------------------------------------------------------------------------------
# what readers see
# --------------------------------------------------------------------------------------------
RESULTS = [claims.evaluate(claim("64.7"), FRAMES), claims.evaluate(claim("63.5"), FRAMES),
           claims.evaluate(claim("64.9"), FRAMES),
           claims.evaluate(claim("20", unit="percent", measure="not_testable", reason="a policy"), {})]


def test_the_key_findings_open_with_the_material_discrepancies():
    findings = present.key_findings(RESULTS)
    assert findings[0].startswith("1 of 4 published claims on Taiwan's trade differs from the data snapshot")
    assert "the data give US$64.91 billion against the stated US$63.5 billion" in shown(findings[1])
    assert findings[-1] == ("Of the rest: 1 confirmed, 1 confirmed after a revision or rounding by the publisher, "
                            "1 not testable.")


def test_a_revised_claim_shows_both_values_and_the_release():
    text = shown(present.revised(RESULTS))
    assert "stated US$64.7 billion, the snapshot US$64.91 billion — the stated figure is the one MOF's 2026-01" in text
    assert "63.5" not in text


def test_revised_claims_are_counted_and_shown_with_their_difference_but_get_no_discrepancy_section():
    assert present.counts(RESULTS)[claims.REVISED] == 1
    assert "**1 are confirmed after revision**" in present.summary(RESULTS)
    table = present.table(RESULTS, {"trade_pivot": "Trade pivot"})
    assert list(table["Status"]) == [claims.REVISED, claims.DIFFERS, claims.CONFIRMED, claims.NOT_TESTABLE]
    assert table["Difference"].iloc[0] == "+0.21"
    assert len(present.differs_sections(RESULTS)) == 1


def test_with_no_revised_claim_the_section_says_so():
    assert present.revised(RESULTS[1:]) == ("No claim in the selected topics is confirmed only after a revision or "
                                            "rounding.")


def test_the_key_findings_quote_the_most_material_discrepancies_first():
    crossing = dict(measure="crossover", dataset="trade_by_partner", flow=["export", "import"], partner="USA",
                    rival="CHN+HKG")
    small, large = claims.evaluate(claim("64.5"), FRAMES), claims.evaluate(claim("30.0"), FRAMES)
    contradicted = claims.evaluate(claim("2025", unit="year", period="2025", **crossing), FRAMES)
    findings = [shown(line) for line in present.key_findings([small, large, contradicted, RESULTS[1]])]
    assert findings[0].startswith("4 of 4 published claims on Taiwan's trade differ from the data snapshot")
    assert "the data contradict it — United States never moves ahead of China + Hong Kong" in findings[1]
    assert "against the stated US$30.0 billion" in findings[2]   # 116% off
    assert "against the stated US$63.5 billion" in findings[3]   # 2.2% off; the 0.6% gap is not quoted
    assert not any("US$64.5 billion" in line for line in findings)


def test_the_sections_of_claims_that_differ_come_most_material_first():
    crossing = dict(measure="crossover", dataset="trade_by_partner", flow=["export", "import"], partner="USA",
                    rival="CHN+HKG")
    small, large = claims.evaluate(claim("64.5"), FRAMES), claims.evaluate(claim("30.0"), FRAMES)
    contradicted = claims.evaluate(claim("2025", unit="year", period="2025", **crossing), FRAMES)
    headings = [shown(section).splitlines()[0] for section in present.differs_sections([small, large, contradicted])]
    stated = [next(line for line in shown(section).splitlines() if line.startswith("Stated"))
              for section in present.differs_sections([small, large, contradicted])]
    assert len(headings) == 3 and "2025" in stated[0] and "US$30.0 billion" in stated[1] and "US$64.5 billion" in stated[2]
