"""Year-to-date sums of monthly data against the same months a year earlier.

When a year is not complete, the only fair comparison is January to the latest month held against the
same months of the year before. A window counts only if every one of its months has a value in both
years: a missing month makes the comparison a gap, never a shorter sum.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from helpers.analysis import metrics


def months_from_january(frame: pd.DataFrame, year: int, value: str = "value_usd") -> int:
    """How many months of ``year``, counted from January without a gap, ``frame`` (one series) holds."""
    rows = metrics.years(frame.loc[frame[value].notna()], year, year)
    held = {p.month for p in metrics.as_periods(rows["period"])}
    months = 0
    while months + 1 in held:
        months += 1
    return months


def common_months(frame: pd.DataFrame, year: int, value: str = "value_usd") -> int:
    """The months from January of ``year`` that every series of ``frame`` holds (0 if one holds none)."""
    keys = metrics.key_columns(frame)
    groups = [group for _, group in frame.groupby(keys)] if keys else [frame]
    return min((months_from_january(group, year, value) for group in groups), default=0)


def window(through: pd.Period) -> pd.PeriodIndex:
    """The months January…``through`` of ``through``'s year."""
    return pd.period_range(pd.Period(f"{through.year}-01", "M"), through, freq="M")


def year_to_date(frame: pd.DataFrame, through, value: str = "value_usd") -> pd.DataFrame:
    """Per series of monthly ``frame``: the sum of January…``through`` (``value``), the same months of the
    year before (``previous``), ``change``, ``growth_pct`` and ``months``.

    ``value`` is NaN unless every month of the window has a value; ``previous`` likewise for the earlier
    window; growth is NaN where either is missing or the earlier sum is not positive.
    """
    through = through if isinstance(through, pd.Period) else pd.Period(str(through), "M")
    if not through.freqstr.startswith("M"):
        raise ValueError(f"year_to_date needs a month such as 2025-08, not {through}")
    frame = frame.assign(period=metrics.as_periods(frame["period"]).to_numpy())
    keys = metrics.key_columns(frame)
    now, before = window(through), window(through - 12)
    sums = [_window_sum(frame, keys, now, value).rename(value), _window_sum(frame, keys, before, value).rename("previous")]
    out = pd.concat(sums, axis=1).reset_index() if keys else pd.DataFrame([{value: sums[0].iloc[0],
                                                                             "previous": sums[1].iloc[0]}])
    out["change"] = out[value] - out["previous"]
    out["growth_pct"] = (out[value] / out["previous"].where(out["previous"] > 0) - 1) * 100
    out.insert(0, "through", through)
    out["months"] = len(now)
    return out


def _window_sum(frame: pd.DataFrame, keys: list[str], months: pd.PeriodIndex, value: str) -> pd.Series:
    rows = frame.loc[frame["period"].isin(months) & frame[value].notna()]
    if not keys:
        return pd.Series([rows[value].sum() if rows["period"].nunique() == len(months) else np.nan])
    every = frame[keys].drop_duplicates().set_index(keys).index
    grouped = rows.groupby(keys)[value]
    summed = grouped.sum().where(grouped.count() == len(months))
    return summed.reindex(every)


def series_through(frame: pd.DataFrame, codes: Iterable[str], key: str = "partner",
                   value: str = "value_usd") -> pd.Period | None:
    """The latest month through which every one of ``codes`` (every flow of each) has a value from January
    of that month's year: the end of the widest year-to-date window they share (``None`` if there is none)."""
    codes = list(codes)
    rows = metrics.select(frame, **{key: codes})
    rows = rows.loc[rows[value].notna()]
    if rows.empty or set(codes) - set(rows[key]):
        return None
    year = max(p.year for p in metrics.as_periods(rows["period"]))
    for candidate in (year, year - 1):
        months = common_months(rows, candidate, value)
        if months:
            return pd.Period(f"{candidate}-{months:02d}", "M")
    return None


def partner_year_to_date(monthly: pd.DataFrame, partner: str, year: int) -> pd.DataFrame | None:
    """Exports and imports with ``partner`` from January of ``year`` to the latest month both flows hold, against
    the same months a year earlier (see :func:`year_to_date`); ``None`` if ``year`` has no such month."""
    rows = metrics.select(monthly, partner=partner, flow=["export", "import"])[["period", "flow", "partner", "value_usd"]]
    if set(rows["flow"]) != {"export", "import"}:
        return None
    months = common_months(rows, year)
    return year_to_date(rows, pd.Period(f"{year}-{months:02d}", "M")) if months else None
