"""Plausibility of a new release: checks that catch a wrong unit, a shifted column or a corrupted value
that the schema alone would let through."""

from __future__ import annotations

import pandas as pd

from helpers.update.plan import SourceError

# Taiwan's monthly world trade and US-Taiwan trade moved by at most a factor 1.7 from one month to the
# next in 2001-2025 (1985-2025 for Census); a factor 2.5 means a wrong number, not a real month.
MAX_MONTH_ON_MONTH_FACTOR = 2.5


def check_not_negative(values: pd.Series, what: str, labels: pd.Series) -> None:
    negative = values < 0
    if negative.any():
        first = negative.idxmax()
        raise SourceError(f"{what}: implausible value: {labels[first]} is negative ({values[first]:,.0f})")


def check_month_on_month(monthly: pd.Series, what: str, factor: float = MAX_MONTH_ON_MONTH_FACTOR) -> None:
    """``monthly``: values indexed by consecutive "YYYY-MM" periods of one series."""
    monthly = monthly.sort_index()
    ratio = monthly / monthly.shift()
    jumps = ratio[(ratio > factor) | (ratio < 1 / factor)]
    if not jumps.empty:
        period = jumps.index[0]
        previous = monthly.index[monthly.index.get_loc(period) - 1]
        raise SourceError(f"{what}: implausible value: {period} is {monthly[period]:,.0f} against "
                          f"{monthly[previous]:,.0f} in {previous} (more than ×{factor} change)")
