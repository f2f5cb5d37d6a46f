"""MOF u2010ex.csv / u2010im.csv: parsed from Big5 bodies in the official layout, merged into the
snapshot, and served from a local server so that the real download code runs."""

import io
from pathlib import Path

import pandas as pd
import pytest
from official_release import (  # noqa: F401
    Response,
    checksums,
    mof_values,
    offline,
    serve_release,
    server,
    snapshot,
    small_trade,
    u2010_body,
    with_month,
)

from helpers.snapshot import load, paths, read_snapshot_csv, registry
from helpers.update import cli as update
from helpers.update import mof
from helpers.update.plan import SourceError

ALL_SOURCES = ["mof", "census", "moea"]
OFFICIAL_EXCERPT = Path(__file__).parent / "fixtures" / "official" / "mof_u2010ex_excerpt.csv"


def values(rows: dict[tuple[str, str], dict[str, int]]) -> pd.DataFrame:
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index = pd.MultiIndex.from_tuples(frame.index)
    return frame


SMALL = values({("A", "2024"): {"WLD": 1200, "USA": 300}, ("M", "2025-07"): {"WLD": 100, "USA": 30},
                ("M", "2025-08"): {"WLD": 110, "USA": 35}})


def run(server, directory, names=ALL_SOURCES, **options):
    out = io.StringIO()
    status = update.run(names, directory, directory.parent / "updates", server.settings(), stream=out, **options)
    return status, out.getvalue()


# --- parsing -----------------------------------------------------------------------------------------

def test_period_labels_are_read_as_years_and_months():
    assert mof.period_of("2001年") == ("A", "2001")
    assert mof.period_of("2025年 8月") == ("M", "2025-08")
    assert mof.period_of("2025年12月") == ("M", "2025-12")
    assert mof.period_of("2025年1-8月") is None and mof.period_of("資料來源：財政部") is None


def test_a_u2010_file_becomes_snapshot_rows_in_us_dollar_thousands():
    frame = mof.parse(u2010_body(SMALL, "export"), "export", "u2010ex.csv", ["USA"])
    usa = frame[frame.partner == "USA"].set_index(["freq", "period"])
    assert usa.value_usd_thousand.to_dict() == {("A", "2024"): 300, ("M", "2025-07"): 30, ("M", "2025-08"): 35}
    assert set(frame.flow) == {"export"} and set(frame.source) == {"mof_u2010"} and set(frame.basis) == {"table"}


def test_only_the_latest_month_is_preliminary():
    frame = mof.parse(u2010_body(SMALL, "export"), "export", "u2010ex.csv")
    status = frame.set_index(["freq", "period"]).status.groupby(level=[0, 1]).first().to_dict()
    assert status == {("A", "2024"): "final", ("M", "2025-07"): "final", ("M", "2025-08"): "preliminary"}


def test_a_utf8_file_is_rejected_as_a_changed_encoding():
    with pytest.raises(SourceError, match="UTF-8, not cp950 as published: the encoding changed"):
        mof.parse(u2010_body(SMALL, "export", encoding="utf-8"), "export", "u2010ex.csv")


def test_a_renamed_partner_column_is_named_in_the_error():
    renamed = {"WLD": "總計(千元)", "USA": "美利堅(千元)"}
    with pytest.raises(SourceError, match=r"column\(s\) 美國\(千元\) not in the header"):
        mof.parse(u2010_body(SMALL, "export", columns=renamed), "export", "u2010ex.csv", ["USA"])


def test_a_changed_unit_is_caught_as_a_renamed_column():
    millions = {"WLD": "總計(百萬元)", "USA": "美國(百萬元)"}
    with pytest.raises(SourceError, match="總計"):
        mof.parse(u2010_body(SMALL, "export", columns=millions), "export", "u2010ex.csv")


def test_a_body_cut_in_the_middle_of_a_row_is_truncated():
    body = u2010_body(SMALL, "export")
    with pytest.raises(SourceError, match="truncated"):
        mof.parse(body[:-9], "export", "u2010ex.csv")
    with pytest.raises(SourceError, match="row 4 .* has 2 fields, the header 3: truncated"):
        mof.parse(body[: body.rindex(b",")] + b"\r\n", "export", "u2010ex.csv")


def test_a_missing_month_in_the_middle_is_refused():
    gap = values({("M", "2025-06"): {"WLD": 100}, ("M", "2025-08"): {"WLD": 100}})
    with pytest.raises(SourceError, match="month.* 2025-07 missing"):
        mof.parse(u2010_body(gap, "export"), "export", "u2010ex.csv")


def test_a_negative_value_is_implausible():
    negative = values({("M", "2025-07"): {"WLD": 100, "USA": -5}})
    with pytest.raises(SourceError, match="implausible value: USA 2025-07 is negative"):
        mof.parse(u2010_body(negative, "export"), "export", "u2010ex.csv")


def test_world_exports_jumping_tenfold_in_a_month_are_implausible():
    jump = values({("M", "2025-07"): {"WLD": 100}, ("M", "2025-08"): {"WLD": 1000}})
    with pytest.raises(SourceError, match="world total: implausible value: 2025-08 is 1,000 against 100"):
        mof.parse(u2010_body(jump, "export"), "export", "u2010ex.csv")


def test_a_blank_cell_is_no_value_but_a_dash_is_not_a_number():
    body = u2010_body(SMALL, "export").replace(b",35\r\n", b",\r\n")
    frame = mof.parse(body, "export", "u2010ex.csv")
    assert ("M", "2025-08", "USA") not in set(zip(frame.freq, frame.period, frame.partner))
    with pytest.raises(SourceError, match="row '2025年 8月', column '美國\\(千元\\)': '-' is not a number"):
        mof.parse(body.replace(b",\r\n", b",-\r\n"), "export", "u2010ex.csv")


def test_a_fractional_value_means_the_unit_changed():
    body = u2010_body(SMALL, "export").replace(b",35\r\n", b",35.5\r\n")
    with pytest.raises(SourceError, match="'35.5' is not a whole number"):
        mof.parse(body, "export", "u2010ex.csv")


# --- merging -----------------------------------------------------------------------------------------

def test_the_release_replaces_its_own_rows_and_supersedes_press_table_months_it_covers(snapshot):
    existing = read_snapshot_csv(snapshot / "trade_by_partner.csv")
    new = mof.parse(u2010_body(mof_values(snapshot, "export"), "export"), "export", "u2010ex.csv")
    merged = mof.merge(existing, new)
    june = merged[(merged.freq == "M") & (merged.period == "2025-06") & (merged.flow == "export")]
    assert set(june.source) == {"mof_u2010"} and "CHN+HKG" not in set(june.partner)
    imports = merged[merged.flow == "import"]
    pd.testing.assert_frame_equal(imports.reset_index(drop=True),
                                  existing[existing.flow == "import"].sort_values(mof.SORT_KEYS).reset_index(drop=True))
    headline = merged[(merged.freq == "A") & (merged.period == "2025")]
    assert set(headline.source) == {"mof_release_2025_annual"}  # the file has no 2025 annual row yet


def test_a_new_u2010_month_supersedes_the_release_headlines_of_that_month(snapshot):
    existing = small_trade(read_snapshot_csv(paths.data_dir() / "trade_by_partner.csv"))
    assert "mof_releases_monthly" in set(existing[existing.period == "2025-09"].source)
    new = mof.parse(u2010_body(with_month(mof_values(snapshot, "export"), "2025-09"), "export"), "export", "u2010ex.csv")
    merged = mof.merge(existing, new)
    september = merged[(merged.freq == "M") & (merged.period == "2025-09") & (merged.flow == "export")]
    assert set(september.source) == {"mof_u2010"} and "CHN+HKG" not in set(september.partner)
    later = merged[(merged.freq == "M") & (merged.period == "2025-10")]
    assert set(later.source) == {"mof_releases_monthly"}  # months the file does not cover keep their headlines


# --- end to end through the local server ---------------------------------------------------------------

def test_a_release_adding_a_month_is_merged_validated_and_recorded(server, snapshot):
    serve_release(server, snapshot, month="2025-09")
    before = checksums(snapshot)
    status, report = run(server, snapshot)
    assert status == 0, report
    assert "new periods: M 2025-09" in report
    september = load("trade_by_partner", freq="M", directory=snapshot, period=pd.Period("2025-09", "M"))
    assert set(september.partner) >= {"WLD", "USA", "CHN", "HKG", "CHN+HKG", "JPN"}
    assert set(september.status) == {"preliminary"}
    after = checksums(snapshot)
    assert after["trade_by_partner.csv"] != before["trade_by_partner.csv"]
    entry = registry.load_registry(snapshot)
    assert entry["files"]["trade_by_partner.csv"]["sha256"] == after["trade_by_partner.csv"]
    assert set(entry["sources"]["mof_u2010"]["retrieved_files"]) == set(mof.URLS)
    assert entry["sources"]["mof_u2010"]["retrieved"] == entry["retrieved"]


def test_a_second_run_on_the_same_release_changes_nothing(server, snapshot):
    serve_release(server, snapshot)
    run(server, snapshot)
    before = checksums(snapshot)
    status, report = run(server, snapshot)
    assert status == 0 and report.rstrip().endswith(update.NOTHING_NEW)
    assert checksums(snapshot) == before


def test_a_revision_is_listed_with_old_and_new_value(server, snapshot):
    exports = mof_values(snapshot, "export")
    old = int(exports.loc[("M", "2025-05"), "USA"])
    exports.loc[("M", "2025-05"), "USA"] = old + 250_000
    serve_release(server, snapshot, month=None)
    server.serve(mof.URL_EXPORTS, u2010_body(exports, "export"))
    status, report = run(server, snapshot, names=["mof"])
    assert status == 0, report
    assert f"M 2025-05 export USA: {old:,} → {old + 250_000:,}" in report
    served = load("trade_by_partner", freq="M", directory=snapshot, partner="USA", flow="export",
                       period=pd.Period("2025-05", "M"))
    assert served.value_usd.iloc[0] == (old + 250_000) * 1000


def test_a_dry_run_reports_the_new_month_but_writes_nothing(server, snapshot):
    serve_release(server, snapshot)
    before = checksums(snapshot)
    status, report = run(server, snapshot, dry_run=True)
    assert status == 0 and "dry run" in report and "new periods: M 2025-09" in report
    assert checksums(snapshot) == before


def break_exports(snapshot, how):
    exports = with_month(mof_values(snapshot, "export"), "2025-09")
    body = u2010_body(exports, "export")
    if how == "server error":
        return Response(b"", status=503, content_type="text/plain")
    if how == "timeout":
        return Response(body, delay=1.5)
    if how == "html":
        return Response(b"<!DOCTYPE html><html><body>\xa8t\xb2\xce\xba\xfb\xc5@</body></html>", content_type="text/html")
    if how == "truncated":
        return Response(body[: len(body) // 2])
    if how == "cut transfer":
        return Response(body[: len(body) // 2], declared_length=len(body))
    if how == "renamed column":
        return Response(body.replace("美國(千元)".encode("cp950"), "美利堅(千元)".encode("cp950")))
    if how == "encoding":
        return Response(u2010_body(exports, "export", encoding="utf-8"))
    if how == "implausible":
        exports.loc[("M", "2025-09"), "WLD"] *= 10
        return Response(u2010_body(exports, "export"))
    if how == "negative":
        exports.loc[("M", "2025-09"), "JPN"] = -1
        return Response(u2010_body(exports, "export"))
    if how == "period dropped":
        return Response(u2010_body(exports.drop(("A", "2023")), "export"))
    if how == "partner dropped":
        return Response(u2010_body(exports.drop(columns="JPN"), "export"))
    raise ValueError(how)


FAILURES = {
    "server error": "HTTP 503", "timeout": "timed out", "html": "HTML page", "truncated": "truncated",
    "cut transfer": "truncated download", "renamed column": "美國", "encoding": "encoding changed",
    "implausible": "implausible value", "negative": "negative", "period dropped": "the release would drop 6 value(s) the snapshot has: A 2023 export CHN",
    "partner dropped": "日本(千元) not in the header",
}


@pytest.mark.parametrize("how", FAILURES)
def test_a_failing_mof_release_leaves_every_file_byte_identical_and_does_not_block_census(server, snapshot, how):
    serve_release(server, snapshot)
    run(server, snapshot, names=["census"])  # the snapshot now holds this Census release
    server.serve(mof.URL_EXPORTS, break_exports(snapshot, how))
    before = checksums(snapshot)
    out = io.StringIO()
    settings = server.settings(timeout=0.5, retries=1)
    status = update.run(ALL_SOURCES, snapshot, snapshot.parent / "updates", settings, stream=out)
    report = out.getvalue()
    assert status == update.EXIT_SOURCE_FAILED
    assert "## mof (mof_u2010): FAILED" in report and FAILURES[how] in report
    assert "Failed: mof" in report
    assert checksums(snapshot) == before
    assert "## census (census_country_xlsx): checked" in report  # ran, found nothing new
    assert "## moea (moea_export_orders): checked" in report


def test_a_failing_mof_release_does_not_stop_a_new_census_month(server, snapshot):
    serve_release(server, snapshot)
    server.serve(mof.URL_EXPORTS, Response(b"<html>Service unavailable</html>", content_type="text/html"))
    before = checksums(snapshot)
    status, report = run(server, snapshot)
    assert status == update.EXIT_SOURCE_FAILED
    after = checksums(snapshot)
    assert after["trade_by_partner.csv"] == before["trade_by_partner.csv"]
    assert after["mirror.csv"] != before["mirror.csv"] and "## census (census_country_xlsx): updated" in report


def test_the_excerpt_in_the_official_layout_gives_the_published_values():
    # tests/fixtures/official/README.md: Big5, labels 2024年 / 2025年 6月, Chinese partner headers, US$ thousand
    frame = mof.parse(OFFICIAL_EXCERPT.read_bytes(), "export", "u2010ex.csv", required_partners=["WLD", "USA"])
    values = frame.set_index(["freq", "period", "partner"]).value_usd_thousand
    assert set(frame.partner) == {"WLD", "ASIA", "CHN", "HKG", "JPN", "USA"}
    assert sorted(set(zip(frame.freq, frame.period))) == [("A", "2024"), ("M", "2025-04"), ("M", "2025-05"),
                                                         ("M", "2025-06")]
    assert values[("A", "2024", "WLD")] == 474_995_711 and values[("M", "2025-06", "USA")] == 17_273_259
    assert values[("M", "2025-04", "HKG")] == 6_100_720 and (frame.flow == "export").all()

