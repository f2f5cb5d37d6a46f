"""US Census Bureau: U.S. trade in goods by country, ``country.xlsx`` (monthly from 1985, all countries).

One row per year and country: ``year, CTY_CODE, CTYNAME``, imports ``IJAN``…``IDEC``, ``IYR`` and exports
``EJAN``…``EDEC``, ``EYR``, in US$ million; months not yet published are 0. Taiwan is CTY_CODE 5830.
The file replaces every ``census_*`` row of the snapshot's US mirror (the file is the latest vintage,
annual revisions included); the Commerce release headline for a year stays until the file has the year.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from helpers.snapshot import dataset_path, read_snapshot_csv
from helpers.update.download import MEGABYTE
from helpers.update.plan import Plan, SourceError
from helpers.update.plausible import check_month_on_month, check_not_negative

NAME = "census"
SOURCE_ID = "census_country_xlsx"
DATASET = "mirror"
URL = "https://www.census.gov/foreign-trade/balance/country.xlsx"
URLS = (URL,)
MAX_BYTES = 64 * MEGABYTE  # country.xlsx is about 2 MB (every country, monthly since 1985)
TAIWAN_CODE = "5830"
TAIWAN_NAME = "Taiwan"
MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
FLOW_PREFIX = {"import": "I", "export": "E"}  # US imports from Taiwan, US exports to Taiwan
HEADER = ["year", "CTY_CODE", "CTYNAME"] + [f"{prefix}{month}" for prefix in "IE" for month in (*MONTHS, "YR")]
COLUMNS = ["freq", "period", "reporter", "flow", "value_usd_thousand", "status", "basis", "source", "note"]
SORT_KEYS = ["freq", "reporter", "flow", "period"]


def taiwan_rows(body: bytes, what: str) -> list[dict]:
    """Taiwan's rows of the workbook's first sheet, as column name → cell value."""
    try:
        sheet = load_workbook(io.BytesIO(body), read_only=True, data_only=True).worksheets[0]
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise SourceError(f"{what}: not a readable xlsx workbook (truncated or another format): {error}") from None
    rows = sheet.iter_rows(values_only=True)
    header = [str(cell).strip() if cell is not None else "" for cell in next(rows, ())]
    missing = [name for name in HEADER if name not in header]
    if missing:
        raise SourceError(f"{what}: column(s) {', '.join(missing)} not in the header: renamed")
    found = [dict(zip(header, row)) for row in rows if str(row[header.index("CTY_CODE")]).strip() == TAIWAN_CODE]
    if not found:
        raise SourceError(f"{what}: no row with CTY_CODE {TAIWAN_CODE} (Taiwan)")
    names = {str(row["CTYNAME"]).strip() for row in found}
    if names != {TAIWAN_NAME}:
        raise SourceError(f"{what}: CTY_CODE {TAIWAN_CODE} is named {', '.join(sorted(names))}, not {TAIWAN_NAME}")
    return found


def million(value, what: str, year: str, column: str) -> float:
    if value is None or value == "":
        return 0.0
    try:
        return float(value)
    except (TypeError, ValueError):
        raise SourceError(f"{what}: year {year}, column {column}: {value!r} is not a number") from None


def records_of_year(row: dict, what: str) -> list[tuple]:
    """Monthly records for published months (either flow above 0), the annual one if all twelve are."""
    year = str(row["year"]).strip()
    values = {column: million(row[column], what, year, column) for column in HEADER[3:]}
    published = [i for i, month in enumerate(MONTHS) if values[f"I{month}"] > 0 or values[f"E{month}"] > 0]
    records = [("M", f"{year}-{i + 1:02d}", flow, values[f"{prefix}{MONTHS[i]}"])
               for i in published for flow, prefix in FLOW_PREFIX.items()]
    if len(published) == 12:
        records += [("A", year, flow, values[f"{prefix}YR"]) for flow, prefix in FLOW_PREFIX.items()]
    return records


def parse(body: bytes, what: str = "country.xlsx") -> pd.DataFrame:
    records = [record for row in taiwan_rows(body, what) for record in records_of_year(row, what)]
    frame = pd.DataFrame(records, columns=["freq", "period", "flow", "value_usd_million"])
    if frame.duplicated(["freq", "period", "flow"]).any():
        raise SourceError(f"{what}: a year appears twice for CTY_CODE {TAIWAN_CODE}")
    check_not_negative(frame.value_usd_million, what, frame.flow + " " + frame.period)
    imports = frame[(frame.freq == "M") & (frame.flow == "import")].set_index("period").value_usd_million
    check_month_on_month(imports, f"{what} US imports from Taiwan")
    frame["value_usd_thousand"] = (frame.value_usd_million * 1000).round().astype("int64")
    frame["reporter"], frame["status"], frame["basis"] = "USA", "final", "table"
    frame["source"], frame["note"] = SOURCE_ID, ""
    return frame[COLUMNS]


def merge(existing: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """The snapshot with ``new`` in place of every Census row, and of any other row of a period it covers
    in the same flow (a release headline of a year the file now has)."""
    census = existing.source.str.startswith("census_")
    covered = pd.MultiIndex.from_frame(new[["freq", "period", "reporter", "flow"]])
    superseded = pd.MultiIndex.from_frame(existing[["freq", "period", "reporter", "flow"]]).isin(covered)
    merged = pd.concat([existing[~(census | superseded)], new.astype(str)], ignore_index=True)
    return merged.sort_values(SORT_KEYS).reset_index(drop=True)


def plan(bodies: dict[str, bytes], data_dir: Path) -> Plan:
    existing = read_snapshot_csv(dataset_path(DATASET, data_dir))
    new = parse(bodies[URL])
    monthly = new[new.freq == "M"].period
    finding = f"country.xlsx, Taiwan (CTY_CODE {TAIWAN_CODE}): monthly {monthly.min()} to {monthly.max()}"
    return Plan(DATASET, merge(existing, new), [finding])
