"""The frames of the ``partner_profile`` report: Taiwan's trade with one partner, its shares of
Taiwan's trade, its contribution to export growth and the product groups Taiwan sells it.

Each function is one section's analysis on the loaded snapshot frames; a period without a figure
stays a gap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from helpers.analysis import metrics

FLOWS = ["export", "import", "balance"]
#: Product-group codes that are sums of other groups, left out of the ranking of groups.
GROUP_SUMS = ["total", "electronics_ict"]


def trade(annual: pd.DataFrame, end: int) -> pd.DataFrame:
    """Annual trade by partner with balance rows, up to ``end``."""
    return metrics.years(metrics.with_balance(annual), end=end)


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
