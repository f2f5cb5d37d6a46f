"""helpers.charts.charts.mark_derived: derived values are marked on the chart, published ones are not."""

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from helpers import charts
from helpers.analysis import metrics
from helpers.snapshot import load


def survey_wide():
    survey = metrics.years(load("production_survey", location=["TWN", "CHN+HKG"]), 2015, 2018)
    wide = metrics.to_wide(survey, key="location", value="share_pct")
    derived = metrics.to_wide(survey.assign(derived=survey["basis"] == "derived"), key="location", value="derived")
    return wide, derived


def test_only_the_derived_survey_shares_get_hollow_markers():
    # 2015 and 2017 shares of Taiwan and China + HK are derived from published changes; 2016 and 2018 are published
    wide, derived = survey_wide()
    fig, ax = charts.line_chart(wide, title="t", ylabel="Share of export orders (%)")
    assert charts.mark_derived(ax, wide, derived) == 4
    hollow = [line for line in ax.lines if line.get_markerfacecolor() == "white" and len(line.get_xdata())]
    marked_years = sorted({pd.Timestamp(x).year for line in hollow for x in line.get_xdata()})
    assert marked_years == [2015, 2017]
    plt.close(fig)


def test_the_legend_says_what_a_hollow_marker_means_and_stays_where_the_chart_put_it():
    wide, derived = survey_wide()
    fig, ax = charts.line_chart(wide, title="t", ylabel="%")
    before = ax.get_legend().get_bbox_to_anchor().bounds
    charts.mark_derived(ax, wide, derived)
    assert charts.DERIVED_LABEL in [t.get_text() for t in ax.get_legend().get_texts()]
    assert ax.get_legend().get_bbox_to_anchor().bounds == before
    plt.close(fig)


def test_a_gap_is_never_marked_and_nothing_derived_adds_no_legend_entry():
    wide = pd.DataFrame({"TWN": [45.8, None]}, index=pd.period_range("2016", periods=2, freq="Y"))
    flags = pd.DataFrame({"TWN": [False, True]}, index=wide.index)
    fig, ax = charts.line_chart(wide, title="t", ylabel="%")
    assert charts.mark_derived(ax, wide, flags) == 0
    assert ax.get_legend() is None
    plt.close(fig)


def test_panels_wrap_into_rows_with_one_legend_that_explains_the_derived_markers():
    wide, derived = survey_wide()
    panels = {name: wide for name in ("a", "b", "c", "d", "e")}
    fig, axes = charts.panel_lines(panels, title="t", ylabel="%", ncols=3, one_legend=True,
                                  derived={name: derived for name in panels})
    assert len(axes) == 5 and len(fig.axes) == 6 and not fig.axes[5].get_visible()
    assert [ax.get_legend() is not None for ax in axes] == [True, False, False, False, False]
    assert charts.DERIVED_LABEL in [t.get_text() for t in axes[0].get_legend().get_texts()]
    assert all(any(line.get_markerfacecolor() == "white" for line in ax.lines) for ax in axes)
    plt.close(fig)


def test_full_range_keeps_leading_years_without_data_on_the_axis():
    # the annual overseas production ratio has no figure for 2016-2018: the axis must still start in 2016
    wide = pd.DataFrame({"A": [None, None, None, 52.5, 54.0]}, index=pd.period_range("2016", periods=5, freq="Y"))
    fig, ax = charts.line_chart(wide, title="t", ylabel="%", full_range=True)
    left, right = (mdates.num2date(x).date().isoformat() for x in ax.get_xlim())
    assert (left, right) == ("2016-01-01", "2021-01-01")  # from the start of 2016 to the end of 2020
    fig2, ax2 = charts.line_chart(wide, title="t", ylabel="%")
    assert mdates.num2date(ax2.get_xlim()[0]).year == 2019  # default: the axis follows the data
    plt.close("all")


def test_panels_keyed_by_code_are_headed_by_name_and_can_take_the_codes_colour():
    wide = pd.DataFrame({"orders": [1.0, 2.0], "exports": [1.5, 1.0]}, index=pd.period_range("2020", periods=2, freq="Y"))
    fig, axes = charts.panel_lines({"USA": wide, "ASEAN": wide}, title="t", ylabel="US$", headings={"ASEAN": "ASEAN"},
                                  colour_by_panel=True)
    assert [ax.get_title(loc="left") for ax in axes] == ["United States", "ASEAN"]
    assert {line.get_color() for line in axes[0].lines} == {charts.colour("USA")}
    assert {line.get_color() for line in axes[1].lines} == {charts.colour("ASEAN")}
    fig2, plain = charts.panel_lines({"USA": wide}, title="t", ylabel="US$")
    assert {line.get_color() for line in plain[0].lines} != {charts.colour("USA")}  # by default each column its own
    plt.close("all")


def test_survey_shares_known_only_from_a_secondary_source_get_crosses_and_a_legend_entry():
    # the 2025 survey shares reached the collection only through an AI-written digest (PROVENANCE section 12)
    from helpers.analysis import coverage, export_orders

    shares = export_orders.location_shares(load("production_survey"), ["TWN", "CHN+HKG", "ASEAN", "OTHER"])
    wide, _ = coverage.chart_frames(shares, "location", "share_pct", 2023, 2025, ["TWN", "CHN+HKG", "ASEAN", "OTHER"])
    secondary = coverage.secondary_flags(shares, "location", 2023, 2025, ["TWN", "CHN+HKG", "ASEAN", "OTHER"])
    fig, ax = charts.line_chart(wide, title="t", ylabel="%")
    assert charts.mark_secondary(ax, wide, secondary) == 4  # the three published 2025 shares and their residual
    crosses = [line for line in ax.lines if line.get_marker() == "X" and len(line.get_xdata())]
    assert {pd.Timestamp(x).year for line in crosses for x in line.get_xdata()} == {2025}
    assert charts.draw.SECONDARY_LABEL in [t.get_text() for t in ax.get_legend().get_texts()]
    plt.close(fig)
