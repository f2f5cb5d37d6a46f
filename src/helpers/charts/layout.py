"""Layout checks run on every figure before it is saved, so that a chart survives any parameters: titles
wrap inside the figure instead of running off its edge, tick labels are thinned until none overlap, and two
series of one chart never look alike."""

from __future__ import annotations

import textwrap
import warnings

from matplotlib.lines import Line2D


def renderer(fig):
    """Draw ``fig`` once (tick labels get their places and texts) and return its renderer for measuring."""
    fig.canvas.draw()
    return fig.canvas.get_renderer()


def titles(fig) -> list:
    """The figure's title texts: its suptitle and every visible axes title."""
    found = [fig._suptitle] if fig._suptitle is not None and fig._suptitle.get_text() else []
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        for loc in ("left", "center", "right"):
            title = ax.get_title(loc)
            if title:
                found.append(ax._left_title if loc == "left" else ax.title if loc == "center" else ax._right_title)
    return found


#: Room kept free at the figure's right edge: measured text extents run a few pixels short of the drawn glyphs.
EDGE_MARGIN = 0.01


def outside(fig, text, render) -> bool:
    """Whether ``text`` runs past the left or right edge of the figure (where a saved chart cuts it)."""
    box = text.get_window_extent(render)
    return box.x0 < fig.bbox.x0 - 0.5 or box.x1 > fig.bbox.x1 * (1 - EDGE_MARGIN)


def fit_titles(fig, render) -> None:
    """Re-wrap every title that runs past the figure's edge at narrower widths until it fits."""
    for text in titles(fig):
        words = " ".join(text.get_text().split())
        width = max(len(line) for line in text.get_text().splitlines())
        while outside(fig, text, render) and width > 20:
            width -= 4
            text.set_text("\n".join(textwrap.wrap(words, width)))


def overlapping(labels, render) -> bool:
    """Whether any two visible, non-empty tick labels overlap."""
    boxes = [label.get_window_extent(render) for label in labels if label.get_visible() and label.get_text()]
    boxes.sort(key=lambda box: (box.x0, box.y0))
    return any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:i + 3])


def fit_ticks(fig, render) -> None:
    """Hide every second (then third…) x tick label of an axis whose labels overlap, until none do."""
    for ax in fig.axes:
        labels = [label for label in ax.get_xticklabels() if label.get_text()]
        step = 1
        while overlapping(labels, render) and step < len(labels):
            step += 1
            for position, label in enumerate(labels):
                label.set_visible(position % step == 0)


def look(line: Line2D) -> tuple:
    return (line.get_color(), line.get_linestyle(), line.get_marker())


def alike_series(fig) -> list[str]:
    """Labels of series drawn in one axes with the same colour, line style and marker."""
    found = []
    for ax in fig.axes:
        seen: dict[tuple, str] = {}
        for line in ax.get_lines():
            name = line.get_label()
            if name.startswith("_") or line.get_linestyle() in ("None", "none", " ", ""):
                continue  # reference lines and marker-only overlays are not series
            if look(line) in seen:
                found.append(f"{seen[look(line)]!r} and {name!r}")
            seen.setdefault(look(line), name)
    return found


def problems(fig, render=None) -> list[str]:
    """What is still wrong with the layout of ``fig``: titles past its edge, overlapping tick labels, series
    that look alike. Empty when the figure is fit to save."""
    render = render or renderer(fig)
    found = [f"title runs past the figure: {text.get_text()[:60]!r}" for text in titles(fig) if outside(fig, text, render)]
    found += [f"x tick labels overlap on axes {i}" for i, ax in enumerate(fig.axes)
              if overlapping(ax.get_xticklabels(), render)]
    found += [f"series drawn alike: {pair}" for pair in alike_series(fig)]
    return found


def fit(fig) -> None:
    """Wrap titles and thin tick labels; warn (in the notebook's log, not the report) about what remains."""
    render = renderer(fig)
    fit_titles(fig, render)
    fit_ticks(fig, render)
    for problem in problems(fig, render):
        warnings.warn(f"chart layout: {problem}", stacklevel=2)
