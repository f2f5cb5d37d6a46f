"""Alt text for charts: what a figure shows, in words, with its key values.
"""

from __future__ import annotations

from typing import Mapping, Sequence

import pandas as pd

from helpers.charts.draw import sort_bars
from helpers.text.format import name as display_name  # descriptions name codes as the text does
from helpers.text.format import ordinal, rank_range


def _fmt(value: float, fmt: str) -> str:
    return "no data" if pd.isna(value) else fmt.format(value)


def _events_sentence(drawn: Sequence[str] | None) -> str:
    return ("Dotted lines mark: " + "; ".join(drawn) + ".") if drawn else ""


def describe_lines(wide: pd.DataFrame, *, what: str, fmt: str = "{:.1f}", labels: Mapping[str, str] | None = None,
                   extra: str = "", events: Sequence[str] | None = None, ranks: bool = False,
                   chart: str = "Line chart") -> str:
    """Alt text for a line chart (or another ``chart`` of series over periods, e.g. "Bar chart" for
    :func:`grouped_bars`): for each series its first and last value with their periods, and its highest
    value. ``what`` names the measure with its unit, e.g. "share of exports (%)".
    With ``ranks`` (1 = largest) the values are ordinals and the extremes are the best and worst rank."""
    parts = []
    for column in wide.columns:
        series = wide[column].dropna()
        name = (labels or {}).get(column, display_name(column))
        if series.empty:
            parts.append(f"{name}: no data")
            continue
        first, last, peak = series.index[0], series.index[-1], series.idxmax()
        if ranks:
            parts.append(f"{name} from {ordinal(series.iloc[0])} in {first} to {ordinal(series.iloc[-1])} in {last}"
                         f" ({rank_range(series)})")
            continue
        parts.append(f"{name} from {_fmt(series.iloc[0], fmt)} in {first} to {_fmt(series.iloc[-1], fmt)} in {last}"
                     f" (highest {_fmt(series.max(), fmt)} in {peak})")
    if wide.empty:
        return f"{chart} of {what}: no data for the selected years. {extra}".strip()
    text = f"{chart} of {what}, {wide.index[0]} to {wide.index[-1]}. " + "; ".join(parts) + "."
    return " ".join(t for t in (text, _events_sentence(events), extra) if t)


def describe_panels(panels: Mapping[str, pd.DataFrame], *, what: str = "{heading}", **kwargs) -> str:
    """Alt text for :func:`panel_lines`: one :func:`describe_lines` per panel (``what`` may use
    ``{heading}``); says so when there is nothing to show."""
    if not panels or all(w.dropna(how="all").empty for w in panels.values()):
        return "Chart with no data for the selected years."
    return " ".join(describe_lines(w, what=what.format(heading=h), **kwargs) for h, w in panels.items())


def describe_bars(values: pd.Series, *, what: str, fmt: str = "{:+.1f}", labels: Mapping[str, str] | None = None,
                  extra: str = "") -> str:
    """Alt text for a bar chart: every bar's value, in the order shown."""
    items = [f"{(labels or {}).get(k, display_name(k))} {_fmt(v, fmt)}" for k, v in sort_bars(values).items()]
    return (f"Bar chart of {what}: " + "; ".join(items) + ". " + extra).strip()
