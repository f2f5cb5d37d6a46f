"""One house style for every chart of every report.

* a seaborn theme and fonts set once, on import;
* a colour-blind-safe palette (Okabe–Ito, extended with Paul Tol's "muted" set) fixed per partner
  code, flow and commodity, so the United States is the same blue in every chart of every report —
  no chart picks its own colours (:func:`colour`);
* titles that state the finding (the caller passes a computed sentence; long titles wrap);
* labelled axes with units (``ylabel`` is a required argument of the chart functions);
* a source line naming the publishers (from ``helpers.registry``) drawn on every figure by :func:`show`;
* alt text and a CSV of the plotted data attached to each figure in the HTML (:func:`show`).

Typical notebook cell::

    fig, ax = plots.line_chart(wide, title=..., ylabel="Share of exports (%)")
    plots.add_events(ax, events.load())
    plots.show(fig, alt=plots.describe_lines(wide, ...), data=wide, sources=plots.sources_of(frame))
"""

from __future__ import annotations

import base64
import html
import io
import re
import textwrap
import zlib
from typing import Iterable, Mapping, Sequence

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

# --------------------------------------------------------------------------------------------
# palette
# --------------------------------------------------------------------------------------------
# Okabe & Ito (2008) colour-blind-safe colours, then Paul Tol's "muted" scheme for further codes.
OKABE_ITO = {
    "black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7",
}
TOL_MUTED = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499")
GREY = "#8C8C8C"

#: Fixed colour per code. Partners first (ISO3 / aggregate codes of helpers.partners), then flows,
#: commodity groups and reporters. Add new codes here, never in a notebook.
PALETTE: dict[str, str] = {
    # partners
    "USA": OKABE_ITO["blue"],
    "CHN+HKG": OKABE_ITO["vermillion"],
    "CHN": "#A33B00",            # darker vermillion: mainland China alone
    "HKG": TOL_MUTED[6],         # rose
    "ASEAN": OKABE_ITO["bluish_green"],
    "JPN": OKABE_ITO["reddish_purple"],
    "EUR": OKABE_ITO["orange"],
    "KOR": OKABE_ITO["sky_blue"],
    "MEX": TOL_MUTED[7],         # wine
    "IND": TOL_MUTED[4],         # olive
    "VNM": TOL_MUTED[3],         # green
    "SGP": TOL_MUTED[2],         # teal
    "ASIA": TOL_MUTED[0],        # indigo
    "NAMERICA": TOL_MUTED[8],    # purple
    "MIDEAST": TOL_MUTED[5],     # sand
    "WLD": OKABE_ITO["black"],
    "ROW": GREY,
    "OTHER": GREY,
    # flows
    "export": TOL_MUTED[3],      # green
    "import": TOL_MUTED[7],      # wine
    "balance": TOL_MUTED[0],     # indigo
    # commodity groups (trade_by_commodity codes)
    "ict_av": TOL_MUTED[0],                 # indigo: ICT & audio-visual (servers, computers)
    "electronic_components": TOL_MUTED[5],  # sand: chips and other components
    "electronics_ict": TOL_MUTED[2],        # teal: the two combined
    "total": OKABE_ITO["black"],
}


def colour(code: str) -> str:
    """The fixed colour of ``code``; codes not in :data:`PALETTE` get a stable colour from Tol's
    muted set (by checksum of the code, so it is the same in every report)."""
    if code in PALETTE:
        return PALETTE[code]
    return TOL_MUTED[zlib.crc32(str(code).encode("utf-8")) % len(TOL_MUTED)]


def label(code: str) -> str:
    """Display name of a partner code (helpers.partners), else the code itself."""
    try:
        from helpers import partners
        return partners.name(code)
    except (KeyError, ImportError):
        return str(code)


# --------------------------------------------------------------------------------------------
# style
# --------------------------------------------------------------------------------------------
FIGSIZE = (9.0, 4.8)
#: Where a line chart's legend goes: beside the plot, so that it never covers a line.
LEGEND_BESIDE = {"loc": "upper left", "bbox_to_anchor": (1.01, 1.0)}
DPI = 110
TITLE_WIDTH = 78


def apply_style() -> None:
    """Set the house theme (called on import; call again if something reset rcParams)."""
    sns.set_theme(
        context="notebook", style="whitegrid", font_scale=0.95,
        rc={
            "figure.figsize": FIGSIZE, "figure.dpi": DPI, "savefig.dpi": DPI,
            "axes.titlesize": 12.5, "axes.titleweight": "bold", "axes.titlelocation": "left",
            "axes.labelsize": 10, "axes.spines.top": False, "axes.spines.right": False,
            "legend.frameon": False, "legend.fontsize": 9, "grid.color": "#E5E5E5",
            "font.family": "DejaVu Sans",
        },
    )


apply_style()


def wrap(title: str, width: int = TITLE_WIDTH) -> str:
    """``title`` wrapped to ``width``, with "$" escaped (two of them, as in "US$1 … US$2", would
    otherwise turn the text between them into matplotlib mathtext)."""
    return "\n".join(textwrap.wrap(title, width)).replace("$", r"\$") if title else title


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
                label=(labels or {}).get(column, label(column)))
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
                one_legend: bool = False, **line_kwargs):
    """Side-by-side line charts sharing one finding title: ``panels`` maps a panel heading to a
    wide frame. ``ylabel`` is one label or one per panel; ``line_kwargs`` go to :func:`line_chart`
    (a mapping of panel heading → kwargs under ``per_panel`` is also accepted). ``ncols`` wraps the
    panels into rows (default: one row); ``derived`` (heading → boolean frame) marks derived points
    as :func:`mark_derived` does; ``one_legend`` keeps the legend of the first panel only (for
    panels showing the same series). Returns ``(fig, axes)``."""
    per_panel = line_kwargs.pop("per_panel", {})
    panels = panels or {"": pd.DataFrame()}
    ncols = ncols or len(panels)
    fig, grid = new_figure(-(-len(panels) // ncols), ncols, figsize=figsize, squeeze=False)
    axes, marked = list(grid.flat), 0
    labels = [ylabel] * len(panels) if isinstance(ylabel, str) else list(ylabel)
    for ax, (heading, wide), y in zip(axes, panels.items(), labels):
        kwargs = {**line_kwargs, **per_panel.get(heading, {})}
        line_chart(wide, title=None, ylabel=y, ax=ax, **kwargs)
        ax.set_title(heading, fontsize=10.5, fontweight="normal")
        if heading in (derived or {}):
            marked += mark_derived(ax, wide, derived[heading], colours=kwargs.get("colours"), legend_label=None)
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
    names = [(labels or {}).get(k, label(k)) for k in values.index]
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
               width=width, color=colour(column), label=(labels or {}).get(column, label(column)))
    ax.set_xticks(range(len(wide)), [str(p) for p in wide.index])
    ax.axhline(0, color="#555555", lw=0.8)
    ax.grid(axis="x", visible=False)
    _finish_axes(ax, title, ylabel, None)
    if n > 1:
        ax.legend(loc="best")
    return fig, ax


def _date_axis(ax, periods) -> None:
    span = len(pd.PeriodIndex(list(periods)).year.unique()) if len(periods) else 0
    step = 1 if span <= 12 else 2 if span <= 24 else 5
    ax.xaxis.set_major_locator(mdates.YearLocator(step))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))


def add_events(ax, frame: pd.DataFrame, periods=None) -> list[str]:
    """Draw dated events (a ``helpers.events.load()`` frame) as dotted vertical lines with labels.

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
    """Annotate the crossing of a ``helpers.metrics.crossover`` result on a chart of ``wide`` if the
    crossing period and the leader's series are on it; returns whether it was drawn."""
    if crossover is None or crossover.period is None or crossover.period not in wide.index:
        return False
    if crossover.leader not in wide.columns or pd.isna(wide.loc[crossover.period, crossover.leader]):
        return False
    annotate(ax, crossover.period, float(wide.loc[crossover.period, crossover.leader]),
             text or f"{label(crossover.leader)} ahead of {label(crossover.rival)}")
    return True


def annotate(ax, period, value: float, text: str) -> None:
    """A short note at one point (e.g. the crossover)."""
    ax.annotate(text, (x_values([period])[0], value), xytext=(-10, 18), textcoords="offset points",
                ha="right", fontsize=9, arrowprops={"arrowstyle": "->", "color": "#333333", "lw": 0.8})


DERIVED_LABEL = "hollow marker: derived (computed, not published as such)"


def _derived_legend_entry(ax, legend_label: str) -> None:
    """Add the hollow-marker entry to the legend of ``ax``, where that legend already is."""
    ax.plot([], [], ls="none", marker="o", ms=7.5, mfc="white", mec="#444444", mew=1.6, label=legend_label)
    ax.legend(**(LEGEND_BESIDE if ax.get_legend() is not None else {"loc": "best"}))


def mark_derived(ax, wide: pd.DataFrame, derived: pd.DataFrame, *, colours: Mapping[str, str] | None = None,
                 legend_label: str | None = DERIVED_LABEL) -> int:
    """Hollow markers on the points of ``wide`` that ``derived`` (same index and columns, booleans)
    flags as derived — computed from a published change, or as a residual — plus a legend entry
    saying so (none if ``legend_label`` is None). Returns the number of points marked."""
    x = x_values(wide.index)
    flags = derived.reindex(index=wide.index, columns=wide.columns).astype("boolean").fillna(False)
    marked = 0
    for column in wide.columns:
        values = wide[column].to_numpy(dtype=float)
        hit = flags[column].to_numpy(dtype=bool) & ~pd.isna(values)
        if hit.any():
            ax.plot(x[hit], values[hit], ls="none", marker="o", ms=7.5, mfc="white", mew=1.6, zorder=3,
                    mec=colour((colours or {}).get(column, column)))
            marked += int(hit.sum())
    if marked and legend_label:
        _derived_legend_entry(ax, legend_label)
    return marked


# --------------------------------------------------------------------------------------------
# sources, alt text, display
# --------------------------------------------------------------------------------------------
def sources_of(*frames: pd.DataFrame) -> list[str]:
    """Distinct registry source ids of the rows of ``frames`` (first-seen order)."""
    seen: list[str] = []
    for frame in frames:
        if frame is None or "source" not in frame.columns:
            continue
        for source_id in frame["source"].dropna():
            if source_id not in seen:
                seen.append(source_id)
    return seen


def source_line(sources: Iterable[str]) -> str:
    """"Source: <publishers>." for registry source ids (see ``helpers.registry.publishers``)."""
    from helpers import registry

    ids = list(sources)
    if not ids:
        raise ValueError("every chart needs at least one source id")
    publishers = registry.publishers(ids)
    return ("Sources: " if len(publishers) > 1 else "Source: ") + "; ".join(publishers) + "."


def _fmt(value: float, fmt: str) -> str:
    return "no data" if pd.isna(value) else fmt.format(value)


def _events_sentence(drawn: Sequence[str] | None) -> str:
    return ("Dotted lines mark: " + "; ".join(drawn) + ".") if drawn else ""


def describe_lines(wide: pd.DataFrame, *, what: str, fmt: str = "{:.1f}", labels: Mapping[str, str] | None = None,
                   extra: str = "", events: Sequence[str] | None = None) -> str:
    """Alt text for a line chart: for each series its first and last value with their periods,
    and its highest value. ``what`` names the measure with its unit, e.g. "share of exports (%)"."""
    parts = []
    for column in wide.columns:
        series = wide[column].dropna()
        name = (labels or {}).get(column, label(column))
        if series.empty:
            parts.append(f"{name}: no data")
            continue
        first, last, peak = series.index[0], series.index[-1], series.idxmax()
        parts.append(f"{name} from {_fmt(series.iloc[0], fmt)} in {first} to {_fmt(series.iloc[-1], fmt)} in {last}"
                     f" (highest {_fmt(series.max(), fmt)} in {peak})")
    if wide.empty:
        return f"Line chart of {what}: no data for the selected years. {extra}".strip()
    text = f"Line chart of {what}, {wide.index.min()} to {wide.index.max()}. " + "; ".join(parts) + "."
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
    items = [f"{(labels or {}).get(k, label(k))} {_fmt(v, fmt)}" for k, v in sort_bars(values).items()]
    return (f"Bar chart of {what}: " + "; ".join(items) + ". " + extra).strip()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "chart-data"


def _csv(data) -> str:
    if isinstance(data, pd.Series):
        data = data.to_frame()
    frame = data.copy()
    if not isinstance(frame.index, pd.RangeIndex):
        frame = frame.reset_index()
    for column in frame.columns:
        if isinstance(frame[column].dtype, pd.PeriodDtype):
            frame[column] = frame[column].astype(str)
    frame.columns = [str(c) for c in frame.columns]
    return frame.to_csv(index=False)


def drawable(text: str) -> str:
    """``text`` without parenthesised CJK names, which the house font cannot draw on a figure
    ("Japan-Taiwan Exchange Association (日本台湾交流協会)" → "Japan-Taiwan Exchange Association");
    the HTML caption keeps them."""
    return re.sub(r"\s*\([^()]*[\u3000-\u9fff\uff00-\uffef][^()]*\)", "", text)


def figure_html(fig, *, alt: str, data, sources: Iterable[str], add_source_line: bool = True) -> tuple[str, str]:
    """The ``<figure>`` HTML (PNG inline, alt text, caption naming the publishers, CSV download link)
    and the base64 PNG. Draws the source line on the figure first (once)."""
    if not alt or not alt.strip():
        raise ValueError("every chart needs alt text")
    caption = source_line(sources)
    if add_source_line and not getattr(fig, "_house_source_line", False):
        fig.text(0.01, -0.01, drawable(caption), ha="left", va="top", fontsize=8, color="#444444", wrap=True)
        fig._house_source_line = True
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight", facecolor="white")
    png = base64.b64encode(buffer.getvalue()).decode("ascii")
    title = next((a.get_title() for a in fig.axes if a.get_title()), "") or (fig._suptitle.get_text() if fig._suptitle else "")
    filename = _slug(title.replace("\n", " ")) + ".csv"
    csv = base64.b64encode(_csv(data).encode("utf-8")).decode("ascii")
    markup = (
        '<figure class="chart" style="margin:1em 0">'
        f'<img src="data:image/png;base64,{png}" alt="{html.escape(alt, quote=True)}" style="max-width:100%;height:auto">'
        f'<figcaption style="font-size:0.85em;color:#444">{html.escape(caption)} '
        f'<a download="{html.escape(filename)}" href="data:text/csv;base64,{csv}">Download the chart data (CSV)</a>'
        "</figcaption></figure>"
    )
    return markup, png


def show(fig, *, alt: str, data, sources: Iterable[str]) -> None:
    """Display ``fig`` as a self-contained HTML figure (plus a PNG for JupyterLab and nbval), then
    close it so it is not displayed a second time."""
    from IPython.display import display

    try:
        markup, png = figure_html(fig, alt=alt, data=data, sources=sources)
    finally:
        plt.close(fig)
    display({"text/html": markup, "image/png": png}, raw=True, metadata={"image/png": {"alt": alt}})


def table_html(frame: pd.DataFrame, *, title: str, sources: Iterable[str], data=None) -> str:
    """A table as a self-contained HTML ``<figure>``: the rows (escaped), a caption with ``title`` and the
    publishers of ``sources`` (registry ids), and a CSV download link of ``data`` (default: the table)."""
    caption = f"{title}. {source_line(sources)}"
    csv = base64.b64encode(_csv(frame if data is None else data).encode("utf-8")).decode("ascii")
    return (
        '<figure class="table" style="margin:1em 0;overflow-x:auto">'
        "<style>figure.table table.data-table td, figure.table table.data-table th "
        "{text-align:left !important; vertical-align:top !important}</style>"
        + frame.to_html(index=False, border=0, classes="data-table")
        + f'<figcaption style="font-size:0.85em;color:#444">{html.escape(caption)} '
        f'<a download="{html.escape(_slug(title))}.csv" href="data:text/csv;base64,{csv}">Download the table (CSV)</a>'
        "</figcaption></figure>"
    )


def show_table(frame: pd.DataFrame, *, title: str, sources: Iterable[str], data=None) -> None:
    """Display ``frame`` as :func:`table_html` (plain text for consoles)."""
    from IPython.display import display

    display({"text/html": table_html(frame, title=title, sources=sources, data=data),
             "text/plain": frame.to_string(index=False)}, raw=True)
