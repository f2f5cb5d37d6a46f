"""US Census country.xlsx: Taiwan's rows (CTY_CODE 5830) into the snapshot's US mirror."""

import io
import shutil

import pandas as pd
import pytest
from official_release import (  # noqa: F401
    Response,
    census_values,
    checksums,
    country_xlsx,
    offline,
    serve_release,
    server,
    snapshot,
    with_census_month,
)

from helpers.snapshot import DataValidationError, dataset_path, load, paths, read_snapshot_csv
from helpers.update import census
from helpers.update import cli as update
from helpers.update.plan import SourceError

YEARS = {"2024": {**{f"I{m}": 9000.0 for m in census.MONTHS}, **{f"E{m}": 3500.0 for m in census.MONTHS},
                  "IYR": 108000.0, "EYR": 42000.0},
         "2025": {"IJAN": 10000.5, "EJAN": 4000.1, "IFEB": 11000.0, "EFEB": 4100.0}}


def by_period(frame: pd.DataFrame, flow: str) -> dict:
    rows = frame[frame.flow == flow]
    return dict(zip(rows.freq + " " + rows.period, rows.value_usd_thousand))


def test_taiwan_rows_become_us_mirror_rows_in_us_dollar_thousands():
    frame = census.parse(country_xlsx(YEARS))
    assert by_period(frame, "import")["M 2025-01"] == 10_000_500
    assert by_period(frame, "export")["M 2025-02"] == 4_100_000
    assert set(frame.reporter) == {"USA"} and set(frame.source) == {"census_country_xlsx"}


def test_other_countries_are_ignored():
    frame = census.parse(country_xlsx(YEARS))
    assert by_period(frame, "import")["M 2024-03"] == 9_000_000  # China's row carries 1,000 in every month


def test_unpublished_months_are_skipped_and_a_year_is_annual_only_when_complete():
    frame = census.parse(country_xlsx(YEARS))
    periods = set(frame.freq + " " + frame.period)
    assert "A 2024" in periods and "A 2025" not in periods
    assert "M 2025-02" in periods and "M 2025-03" not in periods


def test_a_renamed_column_is_named():
    header = [name if name != "IDEC" else "IDEC_R" for name in census.HEADER]
    with pytest.raises(SourceError, match="column.* IDEC not in the header: renamed"):
        census.parse(country_xlsx(YEARS, header=header))


def test_a_truncated_workbook_is_not_readable():
    body = country_xlsx(YEARS)
    with pytest.raises(SourceError, match="not a readable xlsx workbook"):
        census.parse(body[: len(body) // 2])


def test_code_5830_must_still_be_taiwan():
    with pytest.raises(SourceError, match="CTY_CODE 5830 is named Thailand, not Taiwan"):
        census.parse(country_xlsx(YEARS, taiwan_name="Thailand"))


def test_imports_jumping_tenfold_in_a_month_are_implausible():
    jumped = {"2025": {"IJAN": 10000.0, "EJAN": 4000.0, "IFEB": 100000.0, "EFEB": 4000.0}}
    with pytest.raises(SourceError, match="US imports from Taiwan: implausible value: 2025-02"):
        census.parse(country_xlsx(jumped))


def test_a_negative_value_is_implausible():
    negative = {"2025": {"IJAN": 10000.0, "EJAN": -4.0}}
    with pytest.raises(SourceError, match="implausible value: export 2025-01 is negative"):
        census.parse(country_xlsx(negative))


def test_the_file_replaces_every_census_row_and_keeps_the_release_headline(snapshot):
    existing = read_snapshot_csv(snapshot / "mirror.csv")
    merged = census.merge(existing, census.parse(country_xlsx(census_values(snapshot))))
    assert set(merged.source) == {"census_country_xlsx", "us_commerce_release_2025_annual", "mac_cross_strait",
                                  "gacc_release_2025_annual", "us_commerce_release_2025_12"}
    assert len(merged[merged.source == "us_commerce_release_2025_annual"]) == 1
    # the file stops at November 2025: December's release headline stays
    assert merged[merged.source == "us_commerce_release_2025_12"][["period", "flow"]].values.tolist() == [["2025-12", "import"]]


def test_a_new_census_month_is_added_and_the_other_sources_are_untouched(server, snapshot):
    serve_release(server, snapshot)
    # December 2025's imports replace the release headline (US$24.7 bn) the snapshot held for the month
    years = with_census_month(census_values(snapshot), "2025-12", imports=24712.3, exports=5000.0)
    server.serve(census.URL, Response(country_xlsx(years)))
    before = checksums(snapshot)
    out = io.StringIO()
    assert update.run(["census"], snapshot, snapshot.parent / "updates", server.settings(), stream=out) == 0
    assert "new values in periods already held: A 2025 USA export, A 2025 USA import, M 2025-12 USA export" in out.getvalue()
    mirror = load("mirror", freq="M", directory=snapshot, reporter="USA", period=pd.Period("2025-12", "M"))
    assert sorted(mirror.value_usd) == [5000.0e6, 24712.3e6] and set(mirror.source) == {"census_country_xlsx"}
    annual = load("mirror", freq="A", directory=snapshot, reporter="USA", period=pd.Period("2025", "Y"))
    assert set(annual.flow) == {"import", "export", "balance"}
    assert checksums(snapshot)["trade_by_partner.csv"] == before["trade_by_partner.csv"]


def test_a_census_file_missing_a_month_the_snapshot_has_is_refused(server, snapshot):
    serve_release(server, snapshot)
    years = census_values(snapshot)
    del years["2023"]
    server.serve(census.URL, Response(country_xlsx(years)))
    before = checksums(snapshot)
    out = io.StringIO()
    assert update.run(["census"], snapshot, snapshot.parent / "updates", server.settings(), stream=out) == 1
    assert "no period or partner disappears" in out.getvalue() and "A 2023 USA" in out.getvalue()
    assert checksums(snapshot) == before


REFERENCE_XLSX = (paths.data_dir().parent.parent / "shared" / "data" / "reference" / "us_census_mirror"
                  / "census_country_goods_trade_1985_2024partial.xlsx")


@pytest.mark.skipif(not REFERENCE_XLSX.exists(), reason="copy of the official country.xlsx not beside the repository")
def test_the_official_file_reproduces_every_census_row_of_the_snapshot_and_as_an_old_vintage_is_refused(tmp_path):
    body = REFERENCE_XLSX.read_bytes()  # unaltered official file as saved in Nov 2024 (data end June 2024)
    parsed = census.parse(body)
    held = read_snapshot_csv(dataset_path("mirror"))
    held = held[held.source == "census_country_xlsx"]
    joined = held.merge(parsed, on=["freq", "period", "reporter", "flow"], suffixes=("_held", "_parsed"))
    assert len(joined) == len(held) == 1006
    assert (joined.value_usd_thousand_held.astype(int) == joined.value_usd_thousand_parsed).all()
    copy = tmp_path / "data"
    shutil.copytree(paths.data_dir(), copy)
    with pytest.raises(DataValidationError, match="would drop 36 value"):
        update.checked_content(census.plan({census.URL: body}, copy), copy, 0.001)
