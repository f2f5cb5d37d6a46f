"""Ministry of Economic Affairs: export orders, monthly totals (data.gov.tw 6845, ``b.csv``).

UTF-8 CSV, columns ``統計項目, 資料期(民國年), 統計值(美元), 計量單位(美元), …``; rows ``外銷訂單金額`` in
US$ million, periods in ROC year and month (``11408`` = 2025-08).

The file carries totals only, while the snapshot's ``export_orders.csv`` holds orders by customer region,
compiled from the monthly press release. So this source writes nothing: it checks that every annual
world total the snapshot holds agrees with the sum of the official months, and reports the months and
complete years the file has beyond the snapshot (their regional breakdown must come from the release).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from helpers.snapshot import dataset_path, read_snapshot_csv
from helpers.update.csvtext import decode, number, read_rows
from helpers.update.download import MEGABYTE
from helpers.update.plan import Plan, SourceError
from helpers.update.plausible import check_month_on_month, check_not_negative

NAME = "moea"
SOURCE_ID = "moea_export_orders"
DATASET = None  # check only: see the module docstring
URL = "https://service.moea.gov.tw/EE520/opendata/b.csv"
URLS = (URL,)
MAX_BYTES = 16 * MEGABYTE  # b.csv, monthly totals since 1999, is kilobytes, not megabytes
ENCODING = "utf-8-sig"
ITEM, PERIOD, VALUE, UNIT = "統計項目", "資料期(民國年)", "統計值(美元)", "計量單位(美元)"
ORDERS_ITEM = "外銷訂單金額"
UNIT_USD_MILLION = "百萬美元"
ROC_MONTH = re.compile(r"(\d{2,3})(\d{2})")
ROC_YEAR_OFFSET = 1911
# A snapshot total is a press figure in US$ billion (2 decimals) or derived from a level and a growth
# rate (about ±0.3 bn); the official months are later revisions. Beyond these it is a disagreement.
TOLERANCE_BY_BASIS = {"headline": 0.005, "derived": 0.01, "table": 0.005}


def month_of(roc: str, what: str) -> str:
    match = ROC_MONTH.fullmatch(roc.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise SourceError(f"{what}: period {roc!r} is not an ROC year and month such as 11408")
    return f"{int(match.group(1)) + ROC_YEAR_OFFSET}-{match.group(2)}"


def parse(body: bytes, what: str = "b.csv") -> pd.Series:
    """Monthly export orders in US$ million, indexed by "YYYY-MM"."""
    header, rows = read_rows(decode(body, ENCODING, what), what, [ITEM, PERIOD, VALUE, UNIT])
    at = {name: header.index(name) for name in (ITEM, PERIOD, VALUE, UNIT)}
    values = {}
    for row in rows:
        if row[at[ITEM]].strip() != ORDERS_ITEM:
            continue
        month = month_of(row[at[PERIOD]], what)
        if row[at[UNIT]].strip() != UNIT_USD_MILLION:
            raise SourceError(f"{what}: row {month}: unit {row[at[UNIT]].strip()!r}, expected {UNIT_USD_MILLION}: "
                              "the unit changed")
        if month in values:
            raise SourceError(f"{what}: month {month} appears twice")
        values[month] = number(row[at[VALUE]], what, month, VALUE)
    if not values:
        raise SourceError(f"{what}: no {ORDERS_ITEM} rows")
    orders = pd.Series(values, name="usd_million").sort_index()
    check_not_negative(orders, what, pd.Series(orders.index, index=orders.index))
    check_month_on_month(orders, f"{what} export orders")
    return orders


def compare_annual_totals(orders: pd.Series, snapshot: pd.DataFrame) -> tuple[list[str], list[str]]:
    """(agreements summary + disagreements, new complete years) between the months and the snapshot's
    world totals."""
    by_year = orders.groupby(orders.index.str[:4]).agg(["sum", "size"])
    complete = by_year[by_year["size"] == 12]["sum"] / 1000  # US$ billion
    world = snapshot[snapshot.region == "WLD"].set_index("period")
    lines, agreeing = [], []
    for year, row in world.iterrows():
        if year not in complete:
            continue
        held, official = float(row.value_usd_billion), complete[year]
        if abs(held - official) <= TOLERANCE_BY_BASIS[row.basis] * official:
            agreeing.append(year)
        else:
            lines.append(f"DISAGREES {year}: export_orders.csv holds {held:.2f} bn ({row.basis}), "
                         f"the sum of the official months is {official:.2f} bn")
    summary = f"annual world totals agreeing with the official months: {', '.join(agreeing) or 'none'}"
    new_years = [f"{year} complete in b.csv ({complete[year]:.2f} bn) but not in export_orders.csv"
                 for year in complete.index if year not in world.index]
    return [summary, *lines], new_years


def plan(bodies: dict[str, bytes], data_dir: Path) -> Plan:
    orders = parse(bodies[URL])
    snapshot = read_snapshot_csv(dataset_path("export_orders", data_dir))
    checks, new_years = compare_annual_totals(orders, snapshot)
    findings = [f"b.csv: monthly export orders {orders.index.min()} to {orders.index.max()} (totals only; "
                "export_orders.csv by region is compiled from the monthly release and is not changed)",
                *checks, *new_years]
    return Plan(DATASET, None, findings)
