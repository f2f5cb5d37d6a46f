"""helpers.charts.plots rank charts, dollar signs in titles and drawable source lines."""

import matplotlib.pyplot as plt
import pandas as pd

from helpers import charts

YEARS = pd.period_range("2018", "2021", freq="Y")


def test_rank_chart_puts_rank_one_at_the_top_with_one_tick_per_rank():
    wide = pd.DataFrame({"JPN": [2.0, 3.0, 3.0, 2.0]}, index=YEARS)
    fig, ax = charts.rank_chart(wide, title="t", ylabel="rank")
    bottom, top = ax.get_ylim()
    assert bottom > top and top == 0.5
    assert list(ax.get_yticks()) == [1, 2, 3]
    plt.close(fig)


def test_rank_panels_share_the_rank_scale_and_the_years():
    panels = {"a": pd.DataFrame({"x": [4.0, None, None, None]}, index=YEARS),
              "b": pd.DataFrame({"y": [None, None, 12.0, 6.0]}, index=YEARS)}
    fig, axes = charts.rank_panels(panels, title="t", ylabel="rank")
    assert axes[0].get_ylim() == axes[1].get_ylim() == (12.5, 0.5)
    assert axes[0].get_xlim() == axes[1].get_xlim()
    plt.close(fig)


def test_titles_with_two_dollar_amounts_are_not_read_as_mathtext():
    assert charts.wrap("US$71.18 billion vs US$69.30 billion") == r"US\$71.18 billion vs US\$69.30 billion"


def test_source_line_drops_names_the_figure_font_cannot_draw():
    line = "Sources: Japan-Taiwan Exchange Association (日本台湾交流協会); Taiwan External Trade Development Council (TAITRA)."
    assert charts.drawable(line) == "Sources: Japan-Taiwan Exchange Association; Taiwan External Trade Development Council (TAITRA)."
