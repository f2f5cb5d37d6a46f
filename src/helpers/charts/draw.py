"""The chart types of the reports (lines, panels, ranks, bars) and their marks (events, crossovers,
derived values), all in the house style of ``helpers.charts.style``.
"""

from __future__ import annotations

from typing import Mapping, Sequence

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter
import pandas as pd

from helpers.charts.style import FIGSIZE, GREY, LEGEND_BESIDE, TITLE_WIDTH, colour, wrap
from helpers.text.format import name as display_name  # legends name codes as the text does


def x_values(periods) -> pd.DatetimeIndex:
    """Plot position of each period: its midpoint (mid-year for annual data, mid-month for monthly),
    so an event dated in July 2018 sits next to the 2018 point."""
    index = pd.PeriodIndex(list(periods))
    return index.start_time + (index.end_time - index.start_time) / 2


def new_figure(nrows: int = 1, ncols: int = 1, figsize=None, **kwargs):
    """A figure in the house size; returns ``(fig, ax)`` (``ax`` an array if several)."""
    return plt.subplots(nrows, ncols, figsize=figsize or FIGSIZE, **kwargs)


def _finish_axes(ax, title: str | None, ylabel: str, xlabel: str | None) -> None:
    if title:
        ax.set_title(wrap(title))
    ax.set_ylabel(ylabel)
    ax.set_xlabel(xlabel or "")


# --------------------------------------------------------------------------------------------
# chart types
# --------------------------------------------------------------------------------------------
def line_chart(wide: pd.DataFrame, *, title: str, ylabel: str, xlabel: str | None = None, ax=None,
               colours: Mapping[str, str] | None = None, labels: Mapping[str, str] | None = None,
               styles: Mapping[str, str] | None = None, markers: bool | None = None, zero_line: bool = False,
               full_range: bool = False):
    """Lines of a wide frame (index: periods; one column per code). Returns ``(fig, ax)``.

    ``colours`` maps a column to a palette code (default: the column itself); ``labels`` overrides
    legend labels (default: partner names); ``styles`` maps a column to a matplotlib linestyle.
    Missing values leave gaps, never interpolated lines; with ``full_range`` the x axis spans every
    period of ``wide``, so that periods without data at the start or end show as gaps too.
    """
    fig, ax = (ax.figure, ax) if ax is not None else new_figure()
    if wide.dropna(how="all").empty:
        _no_data(ax)
        _finish_axes(ax, title, ylabel, xlabel)
        return fig, ax
    x = x_values(wide.index)
    markers = len(wide) <= 30 if markers is None else markers
    for column in wide.columns:
        key = (colours or {}).get(column, column)
        ax.plot(x, wide[column].to_numpy(dtype=float), color=colour(key), lw=2.0,
                ls=(styles or {}).get(column, "-"), marker="o" if markers else None, ms=3.5,
                label=(labels or {}).get(column, display_name(column)))
    if zero_line:
        ax.axhline(0, color="#555555", lw=0.8)
    if full_range:
        half_period = (wide.index[0].end_time - wide.index[0].start_time) / 2
        ax.set_xlim(x.min() - half_period, x.max() + half_period)
    _date_axis(ax, wide.index)
    _finish_axes(ax, title, ylabel, xlabel)
    if len(wide.columns) > 1:
        ax.legend(**LEGEND_BESIDE)
    return fig, ax


def _no_data(ax) -> None:
    ax.text(0.5, 0.5, "No data for the selected years", transform=ax.transAxes, ha="center", va="center",
            color=GREY, fontsize=11)
    ax.set_xticks([])
    ax.set_yticks([])


def panel_lines(panels: Mapping[str, pd.DataFrame], *, title: str, ylabel: str | Sequence[str],
                figsize=(11.0, 4.6), ncols: int | None = None, derived: Mapping[str, pd.DataFrame] | None = None,
                one_legend: bool = False, headings: Mapping[str, str] | None = None, colour_by_panel: bool = False,
                **line_kwargs):
    """Side-by-side line charts sharing one finding title: ``panels`` maps a panel heading to a
    wide frame. ``ylabel`` is one label or one per panel; ``line_kwargs`` go to :func:`line_chart`
    (a mapping of panel heading → kwargs under ``per_panel`` is also accepted). ``ncols`` wraps the
    panels into rows (default: one row); ``derived`` (heading → boolean frame) marks derived points
    as :func:`mark_derived` does; ``one_legend`` keeps the legend of the first panel only (for
    panels showing the same series). A panel key that is a code is headed by its display name unless
    ``headings`` overrides it; with ``colour_by_panel`` every line of a panel takes the colour of the
    panel's code (panels of one series pair per partner). Returns ``(fig, axes)``."""
    per_panel = line_kwargs.pop("per_panel", {})
    panels = panels or {"": pd.DataFrame()}
    ncols = ncols or len(panels)
    fig, grid = new_figure(-(-len(panels) // ncols), ncols, figsize=figsize, squeeze=False)
    axes, marked = list(grid.flat), 0
    labels = [ylabel] * len(panels) if isinstance(ylabel, str) else list(ylabel)
    for ax, (key, wide), y in zip(axes, panels.items(), labels):
        kwargs = {**line_kwargs, **per_panel.get(key, {})}
        if colour_by_panel:
            kwargs["colours"] = {column: key for column in wide.columns}
        line_chart(wide, title=None, ylabel=y, ax=ax, **kwargs)
        ax.set_title((headings or {}).get(key, display_name(key)), fontsize=10.5, fontweight="normal")
        if key in (derived or {}):
            marked += mark_derived(ax, wide, derived[key], colours=kwargs.get("colours"), legend_label=None)
        if one_legend and ax is not axes[0] and ax.get_legend():
            ax.get_legend().remove()
    if marked:
        _derived_legend_entry(axes[0], DERIVED_LABEL)
    if one_legend and axes[0].get_legend():
        axes[0].legend(loc="best")  # inside the panel: outside it would cover its neighbour
    for ax in axes[len(panels):]:
        ax.set_visible(False)
    fig.suptitle(wrap(title, int(TITLE_WIDTH * figsize[0] / FIGSIZE[0])), x=0.01, ha="left", fontsize=12.5,
                 fontweight="bold")
    fig.tight_layout()
    return fig, axes[:len(panels)]


def rank_axis(ax, worst) -> None:
    """Rank 1 at the top of ``ax``, one tick per whole rank down to ``worst`` (nothing if NaN)."""
    if pd.notna(worst):
        ax.set_ylim(worst + 0.5, 0.5)
        ax.set_yticks(range(1, int(worst) + 1))


def rank_chart(wide: pd.DataFrame, *, title: str, ylabel: str, **line_kwargs):
    """Ranks over time (1 = largest) as a :func:`line_chart` with rank 1 at the top and one tick per
    whole rank. Returns ``(fig, ax)``."""
    fig, ax = line_chart(wide, title=title, ylabel=ylabel, **line_kwargs)
    rank_axis(ax, wide.max().max())
    return fig, ax


def rank_panels(panels: Mapping[str, pd.DataFrame], *, title: str, ylabel: str, **line_kwargs):
    """:func:`panel_lines` of ranks: rank 1 at the top, the same rank scale and years on every panel,
    so that panels compare at a glance. Returns ``(fig, axes)``."""
    fig, axes = panel_lines(panels, title=title, ylabel=ylabel, **line_kwargs)
    worst = max((wide.max().max() for wide in panels.values()), default=float("nan"))
    periods = [p for wide in panels.values() for p in wide.index]
    if periods:
        x = x_values([min(periods), max(periods)])
        for ax in axes:
            rank_axis(ax, worst)
            ax.set_xlim(x[0] - pd.Timedelta(days=300), x[1] + pd.Timedelta(days=300))
            ax.xaxis.set_major_locator(mdates.YearLocator(4 if x[1].year - x[0].year > 8 else 2))
    return fig, axes


def sort_bars(values: pd.Series, last: Sequence[str] = ("ROW", "WLD")) -> pd.Series:
    """Largest first, missing values next, then the residual and total codes in ``last``."""
    head = values.drop([c for c in last if c in values.index])
    head = pd.concat([head.dropna().sort_values(ascending=False), head[head.isna()]])
    return pd.concat([head, values.reindex([c for c in last if c in values.index])])


def bar_chart(values: pd.Series, *, title: str, xlabel: str, ax=None, colours: Mapping[str, str] | None = None,
              labels: Mapping[str, str] | None = None, value_format: str = "{:+.1f}", sort: bool = True):
    """Horizontal bars, one per index entry (e.g. contributions by partner), labelled with values;
    sorted largest first with rest of world / world last unless ``sort=False``."""
    values = sort_bars(values) if sort else values
    fig, ax = (ax.figure, ax) if ax is not None else new_figure(figsize=(9.0, 0.55 * len(values) + 1.6))
    names = [(labels or {}).get(k, display_name(k)) for k in values.index]
    bar_colours = [colour((colours or {}).get(k, k)) for k in values.index]
    positions = range(len(values))
    ax.barh(list(positions), values.to_numpy(dtype=float), color=bar_colours)
    ax.set_yticks(list(positions), names)
    ax.invert_yaxis()
    ax.axvline(0, color="#555555", lw=0.8)
    for position, value in zip(positions, values.to_numpy(dtype=float)):
        if pd.notna(value):
            ax.annotate(value_format.format(value), (value, position), xytext=(4 if value >= 0 else -4, 0),
                        textcoords="offset points", va="center", ha="left" if value >= 0 else "right", fontsize=9)
        else:
            ax.annotate("no data", (0, position), xytext=(4, 0), textcoords="offset points", va="center",
                        fontsize=9, color=GREY)
    ax.grid(axis="y", visible=False)
    ax.margins(x=0.15)
    _finish_axes(ax, title, "", xlabel)
    return fig, ax


def grouped_bars(wide: pd.DataFrame, *, title: str, ylabel: str, ax=None, labels: Mapping[str, str] | None = None):
    """Vertical bars grouped by index (e.g. years), one colour per column (code)."""
    fig, ax = (ax.figure, ax) if ax is not None else new_figure()
    n = max(len(wide.columns), 1)
    width = 0.8 / n
    for i, column in enumerate(wide.columns):
        ax.bar([j + (i - (n - 1) / 2) * width for j in range(len(wide))], wide[column].to_numpy(dtype=float),
               width=width, color=colour(column), label=(labels or {}).get(column, display_name(column)))
    ax.set_xticks(range(len(wide)), [str(p) for p in wide.index])
    ax.axhline(0, color="#555555", lw=0.8)
    ax.grid(axis="x", visible=False)
    _finish_axes(ax, title, ylabel, None)
    if n > 1:
        ax.legend(**LEGEND_BESIDE)  # beside the axes: inside, it covers the tallest bars of many groups
    return fig, ax


#: Up to this many months, a monthly axis is labelled by month (year ticks alone would leave one or two labels).
MONTH_TICKS_UP_TO = 36


def _month_label(x: float, position: int | None) -> str:
    """A month tick: "Mar"; the first tick and every January also name the year ("Jan\n2026")."""
    when = mdates.num2date(x)
    return when.strftime("%b\n%Y") if position == 0 or when.month == 1 else when.strftime("%b")


def _date_axis(ax, periods) -> None:
    index = pd.PeriodIndex(list(periods)) if len(periods) else pd.PeriodIndex([], freq="Y")
    if len(index) and index.freqstr.startswith("M") and len(index) <= MONTH_TICKS_UP_TO:
        locator = mdates.MonthLocator(interval=1 if len(index) <= 15 else 3)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(FuncFormatter(_month_label))
        return
    span = len(index.year.unique())
    step = 1 if span <= 12 else 2 if span <= 24 else 5
    ax.xaxis.set_major_locator(mdates.YearLocator(step))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))


def add_events(ax, frame: pd.DataFrame, periods=None) -> list[str]:
    """Draw dated events (a ``helpers.analysis.events.load()`` frame) as dotted vertical lines with labels.

    Events outside the plotted range (or outside ``periods`` if given) are skipped; the labels of
    the events drawn are returned (for the alt text).
    """
    if frame is None or frame.empty or (periods is not None and len(periods) == 0):
        return []
    lo, hi = ax.get_xlim()
    if periods is not None:
        index = pd.PeriodIndex(list(periods))
        lo_date, hi_date = index.start_time.min(), index.end_time.max()
    else:
        lo_date, hi_date = mdates.num2date(lo).replace(tzinfo=None), mdates.num2date(hi).replace(tzinfo=None)
    drawn = []
    ymax = ax.get_ylim()[1]
    for row in frame.itertuples():
        when = pd.Timestamp(row.date)
        if not lo_date <= when <= hi_date:
            continue
        ax.axvline(when, color="#666666", lw=0.9, ls=":", zorder=0)
        ax.annotate(row.label, (when, ymax), xytext=(2, -2), textcoords="offset points", rotation=90,
                    va="top", ha="left", fontsize=7.5, color="#555555")
        drawn.append(f"{row.label} ({when:%b %Y})")
    ax.set_xlim(lo, hi)
    return drawn


def mark_crossover(ax, crossover, wide: pd.DataFrame, text: str | None = None) -> bool:
    """Annotate the crossing of a ``helpers.analysis.metrics.crossover`` result on a chart of ``wide`` if the
    crossing period and the leader's series are on it; returns whether it was drawn."""
    if crossover is None or crossover.period is None or crossover.period not in wide.index:
        return False
    if crossover.leader not in wide.columns or pd.isna(wide.loc[crossover.period, crossover.leader]):
        return False
    annotate(ax, crossover.period, float(wide.loc[crossover.period, crossover.leader]),
             text or f"{display_name(crossover.leader)} ahead of {display_name(crossover.rival)}")
    return True


def annotate(ax, period, value: float, text: str) -> None:
    """A short note at one point (e.g. the crossover)."""
    ax.annotate(text, (x_values([period])[0], value), xytext=(-10, 18), textcoords="offset points",
                ha="right", fontsize=9, arrowprops={"arrowstyle": "->", "color": "#333333", "lw": 0.8})


DERIVED_LABEL = "hollow marker: derived (computed, not published as such)"


#: How flagged points are drawn over a line: hollow rings for derived values, crosses for secondary sources.
DERIVED_MARKER = dict(marker="o", ms=7.5, mfc="white", mew=1.6)
SECONDARY_MARKER = dict(marker="X", ms=9.0, mfc="white", mew=1.4)
SECONDARY_LABEL = "cross: secondary source only (not the publisher's own release)"


def _legend_entry(ax, legend_label: str, style: dict) -> None:
    """Add a marker's entry to the legend of ``ax``, where that legend already is."""
    ax.plot([], [], ls="none", mec="#444444", label=legend_label, **style)
    ax.legend(**(LEGEND_BESIDE if ax.get_legend() is not None else {"loc": "best"}))


def _derived_legend_entry(ax, legend_label: str) -> None:
    _legend_entry(ax, legend_label, DERIVED_MARKER)


def _mark_points(ax, wide: pd.DataFrame, flagged: pd.DataFrame, colours: Mapping[str, str] | None,
                 style: dict, legend_label: str | None) -> int:
    x = x_values(wide.index)
    flags = flagged.reindex(index=wide.index, columns=wide.columns).astype("boolean").fillna(False)
    marked = 0
    for column in wide.columns:
        values = wide[column].to_numpy(dtype=float)
        hit = flags[column].to_numpy(dtype=bool) & ~pd.isna(values)
        if hit.any():
            ax.plot(x[hit], values[hit], ls="none", zorder=3, mec=colour((colours or {}).get(column, column)), **style)
            marked += int(hit.sum())
    if marked and legend_label:
        _legend_entry(ax, legend_label, style)
    return marked


def mark_derived(ax, wide: pd.DataFrame, derived: pd.DataFrame, *, colours: Mapping[str, str] | None = None,
                 legend_label: str | None = DERIVED_LABEL) -> int:
    """Hollow markers on the points of ``wide`` that ``derived`` (same index and columns, booleans)
    flags as derived — computed from a published change, or as a residual — plus a legend entry
    saying so (none if ``legend_label`` is None). Returns the number of points marked."""
    return _mark_points(ax, wide, derived, colours, DERIVED_MARKER, legend_label)


def mark_secondary(ax, wide: pd.DataFrame, secondary: pd.DataFrame, *, colours: Mapping[str, str] | None = None,
                   legend_label: str | None = SECONDARY_LABEL) -> int:
    """Crosses on the points of ``wide`` that ``secondary`` flags as known only from secondary material, plus a
    legend entry saying so. Returns the number of points marked."""
    return _mark_points(ax, wide, secondary, colours, SECONDARY_MARKER, legend_label)
