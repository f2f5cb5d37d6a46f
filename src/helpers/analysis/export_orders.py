"""Who places Taiwan's export orders (MOEA export orders by customer region) and how the orders
compare with customs exports to the same region; and the overseas production ratio of the monthly
release.

Orders are booked by the customer's region; customs exports are recorded by destination. The two
differ wherever orders are produced abroad or goods are shipped to a third place, so the gap
between them is read, never reconciled. Derived levels (computed by the snapshot from a stated
level and a stated change) keep ``basis="derived"`` through every function here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.analysis import coverage as gaps
from helpers.analysis import metrics
from helpers.text import format as fmt

REGIONS = ("USA", "CHN+HKG", "EUR", "JPN", "ASEAN")
TOTAL = "WLD"
ASEAN_SIX = "ASEAN-6"
#: Chart and text names of the two series set side by side.
SERIES = {"orders": "Export orders", "exports": "Customs exports"}
#: Legend labels and colour of the overseas production ratio (one series: the palette's total colour).
RATIO_LABELS = {"A": "Annual ratio", "M": "Single months published"}
RATIO_COLOURS = {"A": "WLD", "M": "WLD"}
#: Legend labels where the partner name would mislead (the orders' ASEAN is not always ASEAN-10).
LABELS = {"ASEAN": "ASEAN"}
LEVEL_COLUMNS = ["period", "region", "value_usd", "basis", "status", "derivation", "asean_definition", "source"]


def levels(orders: pd.DataFrame, regions) -> pd.DataFrame:
    """Orders of the chosen customer ``regions`` (US dollars), with their basis and status."""
    return metrics.select(orders, region=list(regions))[LEVEL_COLUMNS].reset_index(drop=True)


def region_shares(orders: pd.DataFrame, regions) -> pd.DataFrame:
    """Each region's orders and share of total orders (``share_pct``, computed from the levels).

    ``basis`` (of the share) is ``derived`` where the region's or the total's level is derived
    (``level_basis`` is the region level's own); the share is missing where either level is.
    """
    computed = metrics.shares(orders.drop(columns="share_pct"), total=TOTAL, key="region", partners=list(regions))
    total_basis = metrics.select(orders, region=TOTAL).set_index("period")["basis"]
    computed["level_basis"] = computed["basis"]
    derived = (computed["basis"] == "derived") | (computed["period"].map(total_basis) == "derived")
    computed["basis"] = computed["basis"].where(~derived, "derived")
    return computed[["period", "region", "value_usd", "share_pct", "basis", "level_basis", "status", "derivation",
                     "asean_definition", "source"]]


def asean_definition_years(orders: pd.DataFrame) -> tuple[list[int], list[int]]:
    """Years whose ASEAN orders are stated as ASEAN-6, and years whose release does not state the
    member count (the definition may have widened; ASEAN is not comparable over time for sure)."""
    asean = metrics.select(orders, region="ASEAN")
    six = asean["asean_definition"] == ASEAN_SIX
    return ([p.year for p in asean.loc[six, "period"]], [p.year for p in asean.loc[~six, "period"]])


def orders_vs_exports(orders: pd.DataFrame, exports: pd.DataFrame, regions) -> pd.DataFrame:
    """Orders from each region beside customs exports to it, per year.

    ``exports`` is annual ``trade_by_partner`` export rows. Columns: ``period``, ``region``,
    ``orders_usd``, ``exports_usd``, ``orders_per_export`` (ratio), ``gap_usd`` (orders − exports),
    ``orders_basis``; NaN where either side is missing.
    """
    parts = []
    for region in regions:
        mine = metrics.select(orders, region=region)
        theirs = metrics.select(exports, partner=region, flow="export")
        paired = metrics.ratio(mine, theirs, names=("orders_usd", "exports_usd"), out="orders_per_export")
        paired["gap_usd"] = paired["orders_usd"] - paired["exports_usd"]
        paired["orders_basis"] = paired["period"].map(mine.set_index("period")["basis"])
        parts.append(paired.assign(region=region))
    columns = ["period", "region", "orders_usd", "exports_usd", "orders_per_export", "gap_usd", "orders_basis"]
    return pd.concat(parts, ignore_index=True)[columns]


def production_ratio(ratio: pd.DataFrame, freq: str, start: int, end: int) -> pd.DataFrame:
    """The overseas production ratio of the monthly release at ``freq`` ("A" annual or "M" monthly)
    for calendar years ``start``…``end``, with ``period`` as pandas periods."""
    rows = metrics.select(ratio, freq=freq)
    rows = rows.assign(period=metrics.as_periods(rows["period"]).to_numpy())
    return metrics.years(rows, start, end).reset_index(drop=True)


def side_by_side(paired: pd.DataFrame, start: int, end: int) -> tuple[dict, dict, dict]:
    """Chart input for :func:`helpers.charts.draw.panel_lines` from :func:`orders_vs_exports`: per region
    (keyed by its display name) the two series in US$ billion for every year ``start``…``end``, the
    per-panel colours (the region's) and the flags of derived orders."""
    panels, styling, derived = {}, {}, {}
    for region, rows in metrics.years(paired, start, end).groupby("region", sort=False):
        heading = fmt.name(region, names=LABELS)
        wide = rows.set_index("period")[["orders_usd", "exports_usd"]].set_axis(list(SERIES), axis=1) / 1e9
        panels[heading] = gaps.full_years(wide, start, end)
        flags = rows.set_index("period")[["orders_basis"]].eq("derived").set_axis(["orders"], axis=1)
        derived[heading] = gaps.full_years(flags, start, end)
        styling[heading] = {"colours": {column: region for column in SERIES}}
    return panels, styling, derived


@dataclass(frozen=True)
class OrdersYear:
    """One year of export orders: the total, the customer regions ranked (largest first) and those without a
    figure that year, and whether any of the figures is preliminary."""

    period: pd.Period
    total: float
    total_yoy_pct: float          # as published (NaN where not published)
    ranking: tuple                # (region, US dollars, published yoy %) largest first
    missing: tuple                # regions asked for that have no figure that year
    preliminary: bool


def year_summary(orders: pd.DataFrame, year: int, regions=REGIONS) -> OrdersYear:
    """The total and the ranking of ``regions`` in ``year`` (regions without a figure are listed, not ranked)."""
    rows = metrics.years(orders, year, year)
    if rows.empty:
        raise ValueError(f"the export orders hold no figures for {year}")
    by_region = rows.set_index("region")
    held = [r for r in regions if r in by_region.index and pd.notna(by_region.loc[r, "value_usd"])]
    ranked = sorted(held, key=lambda r: by_region.loc[r, "value_usd"], reverse=True)
    return OrdersYear(
        period=rows["period"].iloc[0],
        total=float(by_region["value_usd"].get(TOTAL, float("nan"))),
        total_yoy_pct=float(by_region["yoy_pct"].get(TOTAL, float("nan"))),
        ranking=tuple((r, float(by_region.loc[r, "value_usd"]), float(by_region.loc[r, "yoy_pct"])) for r in ranked),
        missing=tuple(r for r in regions if r not in held),
        preliminary=bool((metrics.select(rows, region=[TOTAL, *held])["status"] == "preliminary").any()),
    )


def latest_ratios(ratio: pd.DataFrame) -> dict:
    """The latest published overseas production ratio at each frequency: ``{"A": row, "M": row}`` (rows as
    Series with ``period``, ``ratio_pct``, ``basis``, ``status``); a frequency without a figure is left out."""
    latest = {}
    for freq in ("A", "M"):
        rows = metrics.select(ratio, freq=freq)
        rows = rows.loc[rows["ratio_pct"].notna()]
        if len(rows):
            periods = metrics.as_periods(rows["period"]).to_numpy()
            latest[freq] = rows.assign(period=periods).sort_values("period").iloc[-1]
    return latest
