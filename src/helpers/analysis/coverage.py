"""Years a series does not cover, found for the text to name (a gap is shown, never filled in)."""

from __future__ import annotations

from typing import Sequence

import pandas as pd

from helpers.analysis import metrics


def uncovered_years(frame: pd.DataFrame, start: int, end: int, value: str = "value_usd") -> list[int]:
    """The calendar years ``start``…``end`` in which ``frame`` has no value at all."""
    rows = metrics.years(frame, start, end)
    have = {p.year for p in metrics.as_periods(rows.loc[rows[value].notna(), "period"])}
    return [year for year in range(start, end + 1) if year not in have]


def missing_years(frame: pd.DataFrame, key: str, expected: Sequence[str], start: int, end: int,
                  value: str = "value_usd") -> dict[str, list[int]]:
    """For each of the ``expected`` series (values of ``key``): the calendar years ``start``…``end``
    in which it has no value, in the order given (a series with no gap maps to ``[]``)."""
    return {code: uncovered_years(frame.loc[frame[key] == code], start, end, value) for code in expected}


def full_years(wide: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """A wide frame (period index, annual or monthly) with a row for every period of the years
    ``start``…``end``: periods without data become empty rows, so a chart shows them as breaks."""
    freq = wide.index.freqstr if isinstance(wide.index, pd.PeriodIndex) else "Y"
    index = pd.period_range(pd.Period(f"{start}-01-01", freq), pd.Period(f"{end}-12-31", freq), name=wide.index.name)
    return wide.reindex(index)


def chart_frames(frame: pd.DataFrame, key: str, value: str, start: int, end: int,
                 order: Sequence[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What a chart of annual ``frame`` needs: the wide values (one column per ``key`` in ``order``,
    a row for every year ``start``…``end``, gaps empty) and the same-shaped flags of derived values
    (``basis == "derived"``) for :func:`helpers.charts.draw.mark_derived`."""
    rows = metrics.years(frame, start, end)
    wide = full_years(metrics.to_wide(rows, key=key, value=value), start, end).reindex(columns=list(order))
    return wide, _flags(rows, rows["basis"] == "derived", key, start, end, order)


def secondary_flags(frame: pd.DataFrame, key: str, start: int, end: int, order: Sequence[str]) -> pd.DataFrame:
    """Flags, shaped as :func:`chart_frames`' values, of the values known only from secondary material (status
    ``secondary``), for :func:`helpers.charts.draw.mark_secondary`."""
    rows = metrics.years(frame, start, end)
    return _flags(rows, metrics.flagged(rows, "status", "secondary"), key, start, end, order)


def _flags(rows: pd.DataFrame, flagged, key: str, start: int, end: int, order: Sequence[str]) -> pd.DataFrame:
    wide = metrics.to_wide(rows.assign(_flag=flagged), key=key, value="_flag")
    return full_years(wide, start, end).reindex(columns=list(order))
