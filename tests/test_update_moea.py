"""MOEA export orders b.csv: monthly totals checked against the snapshot's annual world totals."""

import io

import pandas as pd
import pytest
from official_release import checksums, offline, orders_body, serve_release, server, snapshot  # noqa: F401

from helpers.update import cli as update
from helpers.update import moea
from helpers.update.plan import SourceError

WORLD = pd.DataFrame({"period": ["2024", "2025"], "region": ["WLD", "WLD"], "value_usd_billion": ["589.54", "743.73"],
                      "basis": ["headline", "derived"]})


def test_roc_year_months_become_calendar_months():
    assert moea.month_of("11408", "b.csv") == "2025-08"
    assert moea.month_of("8801", "b.csv") == "1999-01"
    with pytest.raises(SourceError, match="'11413' is not an ROC year and month"):
        moea.month_of("11413", "b.csv")


def test_the_orders_rows_are_read_in_us_dollar_millions():
    orders = moea.parse(orders_body(months=["2025-01", "2025-02"]))
    assert orders.to_dict() == {"2025-01": pytest.approx(61977.5), "2025-02": pytest.approx(61977.5)}


def test_a_changed_unit_fails():
    with pytest.raises(SourceError, match="unit '千美元', expected 百萬美元: the unit changed"):
        moea.parse(orders_body(unit="千美元"))


def test_a_big5_file_is_not_the_published_utf8():
    with pytest.raises(SourceError, match="not utf-8-sig text"):
        moea.parse(orders_body(encoding="cp950"))


def test_annual_totals_that_agree_are_summarised_and_new_complete_years_reported():
    orders = moea.parse(orders_body(months=pd.period_range("2024-01", "2026-12", freq="M").strftime("%Y-%m"),
                                    annual_bn={"2024": 589.54, "2025": 743.73, "2026": 800.0}))
    checks, new_years = moea.compare_annual_totals(orders, WORLD)
    assert checks == ["annual world totals agreeing with the official months: 2024, 2025"]
    assert new_years == ["2026 complete in b.csv (800.00 bn) but not in export_orders.csv"]


def test_a_snapshot_total_far_from_the_official_months_is_flagged():
    orders = moea.parse(orders_body(annual_bn={"2024": 600.0, "2025": 743.73}))
    checks, _ = moea.compare_annual_totals(orders, WORLD)
    assert "DISAGREES 2024: export_orders.csv holds 589.54 bn (headline), the sum of the official months is 600.00 bn" in checks


def test_export_orders_are_checked_and_never_written(server, snapshot):
    serve_release(server, snapshot)
    before = checksums(snapshot)
    out = io.StringIO()
    assert update.run(["moea"], snapshot, snapshot.parent / "updates", server.settings(), stream=out) == 0
    assert "## moea (moea_export_orders): checked" in out.getvalue()
    assert "monthly export orders 2024-01 to 2025-12" in out.getvalue()
    assert checksums(snapshot) == before
