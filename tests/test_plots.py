"""helpers.charts.plots: one house style, fixed partner colours, source line, alt text and data in the HTML."""

import base64
import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from helpers import charts
from helpers.analysis import events, metrics
from helpers.charts import style
from helpers.snapshot import load


@pytest.fixture
def shares_wide():
    frame = load("trade_by_partner", freq="A", flow="export")
    s = metrics.shares(frame, partners=["USA", "CHN+HKG"])
    return metrics.to_wide(s, value="share_pct"), charts.sources_of(frame)


def test_united_states_is_the_same_blue_in_every_chart():
    assert charts.colour("USA") == "#0072B2"
    fig1, ax1 = charts.line_chart(pd.DataFrame({"USA": [1.0, 2.0]}, index=pd.period_range("2020", periods=2, freq="Y")),
                                 title="t", ylabel="US$ bn")
    fig2, ax2 = charts.bar_chart(pd.Series({"CHN+HKG": 1.0, "USA": 2.0}), title="t", xlabel="pp")
    assert ax1.lines[0].get_color() == "#0072B2"
    us_bar = [t.get_text() for t in ax2.get_yticklabels()].index("United States")
    assert [round(c, 4) for c in ax2.patches[us_bar].get_facecolor()[:3]] == [0.0, round(0x72 / 255, 4), round(0xB2 / 255, 4)]
    plt.close("all")


def test_palette_colours_of_the_key_partners_are_distinct():
    key = ["USA", "CHN+HKG", "ASEAN", "EUR", "JPN", "KOR", "MEX", "WLD", "ROW"]
    assert len({charts.colour(k) for k in key}) == len(key)


def test_unknown_codes_get_a_colour_of_the_muted_set_that_is_the_same_in_every_process():
    # Pinned values: a per-process hash (Python's hash() of a str) would give other colours in the next report.
    assert [charts.colour(code) for code in ("XYZ", "DEU")] == ["#117733", "#DDCC77"]
    assert {charts.colour(code) for code in ("XYZ", "DEU")} <= set(style.TOL_MUTED)


def test_figure_html_embeds_png_alt_text_source_publisher_and_csv(shares_wide):
    wide, sources = shares_wide
    fig, ax = charts.line_chart(wide, title="The US overtook China + Hong Kong", ylabel="Share of exports (%)")
    alt = charts.describe_lines(wide, what="share of exports (%)")
    markup, png = charts.figure_html(fig, alt=alt, data=wide, sources=sources)
    plt.close(fig)
    assert markup.startswith("<figure") and 'src="data:image/png;base64,' in markup
    assert 'alt="The US overtook China + Hong Kong. Line chart of share of exports (%), 2001 to 2025.' in markup
    assert "Ministry of Finance, R.O.C. (Taiwan)" in markup
    csv = base64.b64decode(re.search(r'href="data:text/csv;base64,([^"]+)"', markup).group(1)).decode()
    assert csv.splitlines()[0] == "period,CHN+HKG,USA" and "2025," in csv
    assert "http" not in markup.replace("Ministry", "")  # nothing needs the network
    assert base64.b64decode(png)[:4] == b"\x89PNG"


def test_the_source_line_is_drawn_on_the_figure(shares_wide):
    wide, sources = shares_wide
    fig, _ = charts.line_chart(wide, title="t", ylabel="%")
    charts.figure_html(fig, alt="a", data=wide, sources=sources)
    assert any(t.get_text().startswith("Source: Ministry of Finance") for t in fig.texts)
    plt.close(fig)


def test_a_chart_of_figures_known_only_from_secondary_material_says_so_under_the_source(shares_wide):
    wide, sources = shares_wide
    data = pd.DataFrame({"period": ["2024", "2025"], "share_pct": [51.4, 52.9], "status": ["final", "secondary"]})
    fig, _ = charts.line_chart(wide, title="t", ylabel="%")
    markup, _ = charts.figure_html(fig, alt="a", data=data, sources=sources)
    assert "known only from secondary material (status “secondary” in the data)" in markup
    assert any("secondary material" in t.get_text() for t in fig.texts)
    plt.close(fig)
    fig, _ = charts.line_chart(wide, title="t", ylabel="%")
    markup, _ = charts.figure_html(fig, alt="a", data=data.iloc[:1], sources=sources)
    assert "secondary" not in markup
    plt.close(fig)


def test_a_chart_without_alt_text_or_sources_is_refused(shares_wide):
    wide, sources = shares_wide
    fig, _ = charts.line_chart(wide, title="t", ylabel="%")
    with pytest.raises(ValueError, match="alt text"):
        charts.figure_html(fig, alt=" ", data=wide, sources=sources)
    with pytest.raises(ValueError, match="source"):
        charts.figure_html(fig, alt="a", data=wide, sources=[])
    plt.close(fig)


def test_show_closes_the_figure_so_it_is_not_shown_twice(shares_wide):
    wide, sources = shares_wide
    fig, _ = charts.line_chart(wide, title="t", ylabel="%")
    charts.show(fig, alt="a", data=wide, sources=sources)
    assert not plt.fignum_exists(fig.number)


def test_events_outside_the_plotted_years_are_not_drawn(shares_wide):
    wide, _ = shares_wide
    fig, ax = charts.line_chart(wide.loc[pd.Period("2019"):pd.Period("2021")], title="t", ylabel="%")
    drawn = charts.add_events(ax, events.load(), periods=wide.loc[pd.Period("2019"):pd.Period("2021")].index)
    assert drawn == ["COVID-19 pandemic (Mar 2020)"]
    plt.close(fig)


def test_missing_values_are_gaps_and_alt_text_says_no_data():
    wide = pd.DataFrame({"USA": [1.0, None], "KOR": [None, None]}, index=pd.period_range("2024", periods=2, freq="Y"))
    text = charts.describe_lines(wide, what="exports (US$ bn)")
    assert "South Korea: no data" in text and "United States from 1.0 in 2024 to 1.0 in 2024" in text
