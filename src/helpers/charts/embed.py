"""Charts and tables into the report: each figure becomes a self-contained HTML ``<figure>`` (PNG as a
``data:`` URI, alt text, a source line naming the publishers, a CSV download of the plotted data).

The HTML comes from the Jinja2 templates in ``templates/`` with autoescaping on: titles, alt text, captions and
table cells (which may come from files people edit) are always text, never markup.
"""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path
from typing import Iterable

import jinja2
import matplotlib.pyplot as plt
import pandas as pd

from helpers.charts import layout
TEMPLATES = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
                               autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True)


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
    """"Source: <publishers>." for registry source ids (see ``helpers.snapshot.registry.publishers``)."""
    from helpers.snapshot import registry

    ids = list(sources)
    if not ids:
        raise ValueError("every chart needs at least one source id")
    publishers = registry.publishers(ids)
    return ("Sources: " if len(publishers) > 1 else "Source: ") + "; ".join(publishers) + "."


SECONDARY_NOTE = " Some figures shown are known only from secondary material (status “secondary” in the data)."


def caption_for(sources: Iterable[str], data) -> str:
    """The source line, and a note when the data shown hold figures known only from secondary material: the
    publisher named is then not where the project read them."""
    secondary = isinstance(data, pd.DataFrame) and "status" in data.columns and data["status"].eq("secondary").any()
    return source_line(sources) + (SECONDARY_NOTE if secondary else "")


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


def _csv_base64(data) -> str:
    return base64.b64encode(_csv(data).encode("utf-8")).decode("ascii")


def drawable(text: str) -> str:
    """``text`` without parenthesised CJK names, which the house font cannot draw on a figure
    ("Japan-Taiwan Exchange Association (日本台湾交流協会)" → "Japan-Taiwan Exchange Association");
    the HTML caption keeps them."""
    return re.sub(r"\s*\([^()]*[\u3000-\u9fff\uff00-\uffef][^()]*\)", "", text)


def title_of(fig) -> str:
    """The chart's finding title as plain text (one line, "$" unescaped), or ""."""
    # house titles sit on the left (rcParams axes.titlelocation), where get_title() without loc does not look
    title = next((a.get_title(loc) for a in fig.axes for loc in ("left", "center") if a.get_title(loc)), "") \
        or (fig._suptitle.get_text() if fig._suptitle else "")
    return " ".join(title.split()).replace("\\$", "$")


def finding_alt(fig, alt: str) -> str:
    """Alt text that opens with the chart's finding (its title), then the description with the key values."""
    title = title_of(fig)
    return alt if not title or alt.startswith(title) else f"{title}. {alt}"


def figure_html(fig, *, alt: str, data, sources: Iterable[str], add_source_line: bool = True) -> tuple[str, str]:
    """The ``<figure>`` HTML (PNG inline, alt text, caption naming the publishers, CSV download link)
    and the base64 PNG. Draws the source line on the figure first (once)."""
    if not alt or not alt.strip():
        raise ValueError("every chart needs alt text")
    caption = caption_for(sources, data)
    if add_source_line and not getattr(fig, "_house_source_line", False):
        fig.text(0.01, -0.01, drawable(caption), ha="left", va="top", fontsize=8, color="#444444", wrap=True)
        fig._house_source_line = True
    alt = finding_alt(fig, alt)
    layout.fit(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight", facecolor="white")
    png = base64.b64encode(buffer.getvalue()).decode("ascii")
    filename = _slug(title_of(fig)) + ".csv"
    markup = TEMPLATES.get_template("figure.html.j2").render(
        png=png, alt=alt, caption=caption, filename=filename, csv=_csv_base64(data),
        link_text="Download the chart data (CSV)")
    return markup, png


def show(fig, *, alt: str, data, sources: Iterable[str]) -> None:
    """Display ``fig`` as a self-contained HTML figure (plus a PNG for JupyterLab and nbval), then
    close it so it is not displayed a second time."""
    from IPython.display import display

    try:
        markup, png = figure_html(fig, alt=alt, data=data, sources=sources)
        alt = finding_alt(fig, alt)
    finally:
        plt.close(fig)
    display({"text/html": markup, "image/png": png}, raw=True, metadata={"image/png": {"alt": alt}})


def table_html(frame: pd.DataFrame, *, title: str, sources: Iterable[str], data=None) -> str:
    """A table as a self-contained HTML ``<figure>``: the rows (escaped), a caption with ``title`` and the
    publishers of ``sources`` (registry ids), and a CSV download link of ``data`` (default: the table)."""
    rows = [["" if pd.isna(value) else str(value) for value in row] for row in frame.itertuples(index=False)]
    return TEMPLATES.get_template("table.html.j2").render(
        columns=[str(column) for column in frame.columns], rows=rows,
        caption=f"{title}. {caption_for(sources, frame if data is None else data)}",
        filename=_slug(title) + ".csv", csv=_csv_base64(frame if data is None else data),
        link_text="Download the table (CSV)")


def show_table(frame: pd.DataFrame, *, title: str, sources: Iterable[str], data=None) -> None:
    """Display ``frame`` as :func:`table_html` (plain text for consoles)."""
    from IPython.display import display

    display({"text/html": table_html(frame, title=title, sources=sources, data=data),
             "text/plain": frame.to_string(index=False)}, raw=True)
