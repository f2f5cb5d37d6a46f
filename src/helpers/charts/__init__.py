"""Charts for the reports, in one house style. A notebook uses this interface::

    fig, ax = charts.line_chart(wide, title=..., ylabel="Share of exports (%)")
    charts.add_events(ax, events.load())
    charts.show(fig, alt=charts.describe_lines(wide, ...), data=wide, sources=charts.sources_of(frame))

``style`` owns the palette and fonts, ``draw`` the chart types, ``alt_text`` the descriptions and ``embed``
the HTML figure (image, alt text, source line, CSV download).
"""
from helpers.charts.alt_text import describe_bars, describe_lines, describe_panels  # noqa: F401
from helpers.charts.draw import (  # noqa: F401
    DERIVED_LABEL,
    add_events,
    annotate,
    bar_chart,
    grouped_bars,
    line_chart,
    mark_crossover,
    mark_derived,
    mark_secondary,
    new_figure,
    panel_lines,
    rank_axis,
    rank_chart,
    rank_panels,
    sort_bars,
    x_values,
)
from helpers.charts.embed import drawable, figure_html, show, show_table, source_line, sources_of, table_html  # noqa: F401
from helpers.charts.style import (  # noqa: F401
    CHINA_MIRROR_COLOURS,
    DPI,
    FIGSIZE,
    FREQUENCY_COLOURS,
    GREY,
    JAPAN_SIDE_COLOURS,
    LEGEND_BESIDE,
    OKABE_ITO,
    PALETTE,
    TITLE_WIDTH,
    TOL_MUTED,
    US_MIRROR_COLOURS,
    apply_style,
    colour,
    wrap,
)
