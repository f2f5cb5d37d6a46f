"""helpers.charts.layout: every figure is checked and fitted before it is saved."""

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402

from helpers import charts  # noqa: E402
from helpers.charts import layout  # noqa: E402

LONG_TITLE = ("The United States was Taiwan's largest export market in 2025, with 30.9% of exports against 26.6% for "
              "China + Hong Kong, the first time in the data, which start in 2001, and by a wide margin")


def test_a_title_wider_than_the_figure_is_rewrapped_inside_it():
    wide = pd.DataFrame({"USA": [30.9, 26.6]}, index=pd.PeriodIndex(["2024", "2025"], freq="Y"))
    fig, ax = charts.new_figure(figsize=(5.0, 3.0))
    charts.line_chart(wide, title=LONG_TITLE, ylabel="Share (%)", ax=ax)
    assert any(problem.startswith("title runs past the figure") for problem in layout.problems(fig))
    layout.fit(fig)
    assert layout.problems(fig) == []
    title = ax.get_title(loc="left")
    assert len(title.splitlines()) > 3 and " ".join(title.split()) == " ".join(charts.wrap(LONG_TITLE).split())


def test_a_suptitle_of_narrow_panels_is_rewrapped_too():
    wide = pd.DataFrame({"WLD": [1.0, 2.0]}, index=pd.PeriodIndex(["2015", "2016"], freq="Y"))
    fig, _ = charts.panel_lines({"a": wide, "b": wide}, title=LONG_TITLE * 2, ylabel="US$ billion", figsize=(5.0, 3.0))
    layout.fit(fig)
    assert not [p for p in layout.problems(fig) if p.startswith("title")]


def test_overlapping_year_labels_are_thinned_until_none_overlap():
    years = pd.PeriodIndex([str(y) for y in range(2001, 2026)], freq="Y")
    fig, ax = charts.grouped_bars(pd.DataFrame({"USA": range(25)}, index=years), title="t", ylabel="pp")
    assert "x tick labels overlap on axes 0" in layout.problems(fig)
    layout.fit(fig)
    assert layout.problems(fig) == []
    shown = [label.get_text() for label in ax.get_xticklabels() if label.get_visible()]
    assert "2001" in shown and 5 <= len(shown) < 25


def test_two_series_drawn_alike_are_reported_and_a_different_style_or_colour_is_not():
    wide = pd.DataFrame({"usa": [1.0, 2.0], "taiwan": [1.5, 2.5]}, index=pd.PeriodIndex(["2024", "2025"], freq="Y"))
    fig, _ = charts.line_chart(wide, title="t", ylabel="US$ billion", colours={"usa": "USA", "taiwan": "USA"})
    assert layout.problems(fig) == ["series drawn alike: 'usa' and 'taiwan'"]
    fig, _ = charts.line_chart(wide, title="t", ylabel="US$ billion",
                               colours={"usa": "reported_by_usa", "taiwan": "reported_by_taiwan"})
    assert layout.problems(fig) == []
    assert charts.colour("reported_by_usa") != charts.colour("reported_by_taiwan")


def test_every_saved_figure_is_fitted_first():
    shares = pd.Series({"USA": 30.9, "CHN+HKG": 26.6})
    fig, ax = charts.bar_chart(shares, title=LONG_TITLE, xlabel="Share (%)")
    charts.figure_html(fig, alt="a", data=shares, sources=["mof_u2010"])
    assert layout.problems(fig) == []


def test_rank_alt_text_says_best_and_worst_rank_not_highest():
    ranks = pd.DataFrame({"total": [5.0, 12.0, 3.0]}, index=pd.PeriodIndex(["2001", "2011", "2024"], freq="Y"))
    text = charts.describe_lines(ranks, what="Japan's rank (1 = largest)", labels={"total": "By total trade"},
                                 ranks=True)
    assert "By total trade from 5th in 2001 to 3rd in 2024 (best rank 3rd (2024), worst rank 12th (2011))" in text
    assert "highest" not in text


def test_the_csv_download_is_named_after_the_left_aligned_house_title():
    shares = pd.Series({"USA": 30.9, "CHN+HKG": 26.6})
    fig, _ = charts.bar_chart(shares, title="US ahead in 2025", xlabel="Share (%)")
    markup, _ = charts.figure_html(fig, alt="a", data=shares, sources=["mof_u2010"])
    assert 'download="us-ahead-in-2025.csv"' in markup


def test_a_year_of_months_is_labelled_by_month_with_the_year_at_the_start_and_at_january():
    wide = pd.DataFrame({"USA": range(12), "CHN+HKG": range(12)}, index=pd.period_range("2025-02", "2026-01", freq="M"))
    fig, ax = charts.line_chart(wide, title="Shares by month", ylabel="Share (%)")
    fig.canvas.draw()
    labels = [tick.get_text() for tick in ax.get_xticklabels()]
    assert labels[:3] == ["Feb\n2025", "Mar", "Apr"] and "Jan\n2026" in labels
    assert not layout.problems(fig)
