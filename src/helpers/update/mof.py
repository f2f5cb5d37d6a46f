"""Ministry of Finance: exports and imports by continent and country from 2001 (data.gov.tw 15392).

``u2010ex.csv`` (exports) and ``u2010im.csv`` (imports): Big5, US$ thousand; one row per period, annual
rows labelled ``2001年`` and monthly rows ``2025年 8月``; one column per partner headed ``美國(千元)``.
The file replaces the snapshot's ``mof_u2010`` rows of every partner it carries and supersedes the other
MOF sources (press tables, release headlines) for every period and flow it covers: one vintage per
period, the latest.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from helpers.snapshot import dataset_path, read_snapshot_csv
from helpers.update.csvtext import decode, read_rows, whole_number
from helpers.update.download import MEGABYTE
from helpers.update.plan import Plan, SourceError
from helpers.update.plausible import check_month_on_month, check_not_negative

NAME = "mof"
SOURCE_ID = "mof_u2010"
DATASET = "trade_by_partner"
URL_EXPORTS = "https://service.mof.gov.tw/public/data/statistic/trade/u2010ex.csv"
URL_IMPORTS = "https://service.mof.gov.tw/public/data/statistic/trade/u2010im.csv"
FLOW_BY_URL = {URL_EXPORTS: "export", URL_IMPORTS: "import"}
URLS = tuple(FLOW_BY_URL)
MAX_BYTES = 16 * MEGABYTE  # per file; each is well under 1 MB (about 300 rows of 28 numbers)
ENCODING = "cp950"  # Big5 as extended by Windows; a superset of the big5 codec
UNIT_SUFFIX = "(千元)"  # US$ thousand, the snapshot's unit
PARTNER_COLUMNS = {
    "總計": "WLD", "亞洲": "ASIA", "中東": "MIDEAST", "歐洲": "EUR", "北美洲": "NAMERICA",
    "中國大陸": "CHN", "香港": "HKG", "美國": "USA", "日本": "JPN", "韓國": "KOR", "印度": "IND",
    "墨西哥": "MEX", "加拿大": "CAN", "德國": "DEU", "荷蘭": "NLD", "英國": "GBR", "法國": "FRA",
    "義大利": "ITA", "新加坡": "SGP", "馬來西亞": "MYS", "越南": "VNM", "泰國": "THA", "菲律賓": "PHL",
    "印尼": "IDN", "汶萊": "BRN", "柬埔寨": "KHM", "寮國": "LAO", "緬甸": "MMR",
}
COLUMN_BY_PARTNER = {code: zh + UNIT_SUFFIX for zh, code in PARTNER_COLUMNS.items()}
ANNUAL_LABEL = re.compile(r"(\d{4})年")
MONTHLY_LABEL = re.compile(r"(\d{4})年\s*(\d{1,2})月")
COLUMNS = ["freq", "period", "flow", "partner", "value_usd_thousand", "status", "basis", "source", "note"]
SORT_KEYS = ["freq", "flow", "partner", "period"]


def period_of(label: str) -> tuple[str, str] | None:
    """("A", "2001") for ``2001年``, ("M", "2025-08") for ``2025年 8月``, None for any other row."""
    if match := ANNUAL_LABEL.fullmatch(label):
        return "A", match.group(1)
    if (match := MONTHLY_LABEL.fullmatch(label)) and 1 <= int(match.group(2)) <= 12:
        return "M", f"{match.group(1)}-{int(match.group(2)):02d}"
    return None


def check_months_contiguous(months: pd.Series, what: str) -> None:
    expected = pd.period_range(months.min(), months.max(), freq="M").strftime("%Y-%m")
    gaps = sorted(set(expected) - set(months))
    if gaps:
        raise SourceError(f"{what}: month(s) {', '.join(gaps[:6])} missing between {months.min()} and {months.max()}")


def parse(body: bytes, flow: str, what: str, required_partners=()) -> pd.DataFrame:
    """Rows of one u2010 file in the snapshot's format; ``required_partners`` must all have a column."""
    text = decode(body, ENCODING, what)
    required = [COLUMN_BY_PARTNER[code] for code in sorted(required_partners)]
    header, rows = read_rows(text, what, required or [COLUMN_BY_PARTNER["WLD"]])
    columns = {COLUMN_BY_PARTNER[code]: code for code in COLUMN_BY_PARTNER if COLUMN_BY_PARTNER[code] in header}
    records = []
    for row in rows:
        label = row[0].strip()
        period = period_of(label)
        if period is None:
            continue  # notes and cumulative rows are not periods
        for column, partner in columns.items():
            cell = row[header.index(column)]
            if cell.strip():  # a blank cell is no value (a partner not yet listed); continuity guards the rest
                records.append((*period, flow, partner, whole_number(cell, what, label, column)))
    frame = pd.DataFrame(records, columns=["freq", "period", "flow", "partner", "value_usd_thousand"])
    if frame.empty:
        raise SourceError(f"{what}: no row is labelled like 2001年 or 2025年 8月")
    duplicated = frame.duplicated(["freq", "period", "partner"])
    if duplicated.any():
        raise SourceError(f"{what}: period {frame.period[duplicated.idxmax()]} appears twice")
    check_not_negative(frame.value_usd_thousand, what, frame.partner + " " + frame.period)
    monthly = frame[frame.freq == "M"]
    check_months_contiguous(monthly.period, what)
    world = monthly[monthly.partner == "WLD"].set_index("period").value_usd_thousand
    check_month_on_month(world, f"{what} world total")
    latest = monthly.period.max()
    frame["status"] = ((frame.freq == "M") & (frame.period == latest)).map({True: "preliminary", False: "final"})
    frame["basis"], frame["source"], frame["note"] = "table", SOURCE_ID, ""
    return frame


def merge(existing: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """The snapshot with ``new`` in place of the ``mof_u2010`` rows of its partners and of the other MOF
    sources' rows for the periods and flows it covers."""
    carried = pd.MultiIndex.from_frame(new[["flow", "partner"]].drop_duplicates())
    covered = pd.MultiIndex.from_frame(new[["freq", "period", "flow"]].drop_duplicates())
    own = (existing.source == SOURCE_ID) & pd.MultiIndex.from_frame(existing[["flow", "partner"]]).isin(carried)
    other_mof = existing.source.str.startswith("mof_") & (existing.source != SOURCE_ID)
    superseded = other_mof & pd.MultiIndex.from_frame(existing[["freq", "period", "flow"]]).isin(covered)
    merged = pd.concat([existing[~(own | superseded)], new.astype(str)[COLUMNS]], ignore_index=True)
    return merged.sort_values(SORT_KEYS).reset_index(drop=True)


def coverage(frame: pd.DataFrame, name: str) -> str:
    annual, monthly = frame[frame.freq == "A"].period, frame[frame.freq == "M"].period
    return (f"{name}: annual {annual.min()} to {annual.max()}, monthly {monthly.min()} to {monthly.max()} "
            f"(latest month preliminary), {frame.partner.nunique()} partners")


def plan(bodies: dict[str, bytes], data_dir: Path) -> Plan:
    existing = read_snapshot_csv(dataset_path(DATASET, data_dir))
    frames = []
    for url, flow in FLOW_BY_URL.items():
        required = existing.partner[(existing.source == SOURCE_ID) & (existing.flow == flow)].unique()
        frames.append(parse(bodies[url], flow, url.rsplit("/", 1)[-1], required))
    findings = [coverage(frame, url.rsplit("/", 1)[-1]) for url, frame in zip(URLS, frames)]
    return Plan(DATASET, merge(existing, pd.concat(frames, ignore_index=True)), findings)
