"""The frames of the ``partner_profile`` report: Taiwan's trade with one partner, its shares of
Taiwan's trade, its contribution to export growth and the product groups Taiwan sells it.

Each function is one section's analysis on the loaded snapshot frames; a period without a figure
stays a gap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from helpers.analysis import metrics, year_to_date

FLOWS = ["export", "import", "balance"]
#: Product-group codes that are sums of other groups, left out of the ranking of groups.
GROUP_SUMS = ["total", "electronics_ict"]


def trade(annual: pd.DataFrame, end: int) -> pd.DataFrame:
    """Annual trade by partner with balance rows, up to ``end``."""
    return metrics.years(metrics.with_balance(annual), end=end)


@dataclass(frozen=True)
class YearSoFar:
    """The flows of ``year`` the partner has no full-year figure for, and then its year to date from the monthly
    figures (a :func:`helpers.analysis.year_to_date.year_to_date` frame, ``None`` without monthly figures)."""

    year: int
    missing: list
    to_date: pd.DataFrame | None
    rows: pd.DataFrame  # the monthly rows summed, both windows (what the report's data-currency line covers)


def year_so_far(annual: pd.DataFrame, monthly: pd.DataFrame, partner: str, year: int) -> YearSoFar:
    """Where ``partner`` lacks a full-year figure for ``year``: its exports and imports from January to the latest
    month both flows hold, against the same months a year earlier."""
    missing = metrics.missing(metrics.select(annual, partner=partner), year, ["export", "import"], key="flow")
    to_date = year_to_date.partner_year_to_date(monthly, partner, year) if missing else None
    rows = metrics.select(monthly, partner=partner, flow=["export", "import"])
    if to_date is None:
        return YearSoFar(year, missing, None, rows.iloc[:0])
    through = to_date["through"].iloc[0]
    months = year_to_date.window(through).union(year_to_date.window(through - 12))
    return YearSoFar(year, missing, to_date, rows.loc[metrics.as_periods(rows["period"]).isin(months)])


def flows(trade: pd.DataFrame, partner: str, start: int) -> pd.DataFrame:
    """Exports, imports and balance with ``partner`` (US dollars), periods × :data:`FLOWS`."""
    rows = metrics.years(metrics.select(trade, partner=partner), start)
    return metrics.to_wide(rows, key="flow").reindex(columns=FLOWS)


def shares(trade: pd.DataFrame, partner: str, start: int) -> pd.DataFrame:
    """``partner``'s share of Taiwan's exports and of its imports (%), periods × flows."""
    computed = metrics.shares(metrics.select(trade, flow=["export", "import"]), partners=[partner])
    return metrics.to_wide(metrics.years(computed, start), key="flow", value="share_pct")


def contributions(trade: pd.DataFrame, partner: str, start: int) -> pd.DataFrame:
    """``partner``'s contribution (percentage points) to the growth of Taiwan's total exports and that total
    growth (%), indexed by period."""
    computed = metrics.contributions(metrics.select(trade, flow="export"), partners=[partner], rest=False)
    return metrics.years(computed, start).set_index("period")


@dataclass(frozen=True)
class Goods:
    rows: pd.DataFrame       # the partner's product-group rows (for the source line)
    labels: dict[str, str]   # product-group code → the publisher's label
    year: pd.Period | None   # latest year with product groups for the partner (None: no such year)
    top: pd.Series           # exports by product group that year, largest first (US dollars)
    total: float             # total exports to the partner that year (NaN without a year)


def top_goods(goods: pd.DataFrame, trade: pd.DataFrame, partner: str, end: int) -> Goods:
    """The product groups of Taiwan's exports to ``partner`` in the latest year up to ``end``."""
    goods = metrics.years(goods, end=end)
    rows = metrics.select(goods, destination=partner)
    labels = dict(zip(goods["commodity"], goods["commodity_label"]))
    if rows.empty:
        return Goods(rows, labels, None, rows.set_index("commodity")["value_usd"], math.nan)
    year = metrics.latest_period(rows)
    groups = metrics.period_rows(rows, year).set_index("commodity")["value_usd"]
    top = groups.drop(GROUP_SUMS, errors="ignore").sort_values(ascending=False)
    return Goods(rows, labels, year, top, metrics.value_at(trade, year, flow="export", partner=partner))
