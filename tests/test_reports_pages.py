"""Every HTML template the package renders (report header, "About this report", index, chart figure, table) turns
hostile text from a file into text: no element, attribute, event handler or `javascript:` link comes out of it."""

from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd
import pytest

from helpers import charts
from helpers.charts.embed import TEMPLATES as CHART_TEMPLATES
from helpers.reports.catalogue import Report
from helpers.reports.html import about_html, header_html
from helpers.reports.index import render_index
from helpers.reports.provenance import BuildInfo, DatasetProvenance, Source

IMG = "<img src=x onerror=alert(1)>"
LINK = "<a href=\"javascript:alert(1)\">click</a>"
QUOTES = "' onmouseover='alert(1)"
HOSTILE = f"{IMG} {LINK} {QUOTES}"


class Elements(HTMLParser):
    """Tags and attributes of a page, as a browser's tokenizer sees them."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict]] = []
        self.text = ""
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text += data


def assert_inert(render, hostile_shown: int):
    """``render(text)`` builds the same elements and attributes for hostile text as for plain text, no handler and
    no `javascript:` link or image source, and shows the hostile text exactly as typed ``hostile_shown`` times."""
    page, plain = Elements(render(HOSTILE)), Elements(render("plain text"))
    assert [(tag, sorted(attrs)) for tag, attrs in page.found] == [(tag, sorted(attrs)) for tag, attrs in plain.found]
    assert not [attrs for _, attrs in page.found if any(name.startswith("on") for name in attrs)]
    links = [attrs.get(name) or "" for _, attrs in page.found for name in ("href", "src")]
    assert not [link for link in links if "javascript:" in link]
    assert page.text.count(HOSTILE) == hostile_shown


def report(text: str) -> Report:
    return Report(name="trade_pivot", title=text, description=text, notebook="notebooks/trade_pivot.ipynb",
                  audience="policy staff")


def test_the_report_header_shows_a_hostile_title_as_text():
    assert_inert(lambda text: header_html(report(text)), hostile_shown=1)


def test_the_appendix_shows_hostile_description_parameters_and_registry_entries_as_text():
    build = BuildInfo(package_version="0.1.0", git_commit="abc", built_at="now")

    def render(text):
        datasets = [DatasetProvenance(name=text, vintage=text, sources=(Source(publisher=text, dataset="d",
                                                                                licence="l"),))]
        return about_html(report(text), {"partner": text}, datasets, build)

    assert_inert(render, hostile_shown=5)  # description, parameter, dataset, vintage, publisher


def test_the_index_shows_hostile_title_description_finding_period_and_failure_as_text():
    def record(text):
        return {"title": text, "description": text, "status": "failed", "failure": text, "pages": ["trade_pivot.html"],
                "built_at": "now", "summary": {"finding": text, "data_to": text}}

    assert_inert(lambda text: render_index(["trade_pivot"], {"trade_pivot": record(text)}, "now"), hostile_shown=5)
    assert_inert(lambda text: render_index(["trade_pivot"], {"trade_pivot": {**record(text), "summary": {},
                                                                            "vintage": {text: text}}}, "now"),
                 hostile_shown=5)  # title, description, failure, dataset, period


def test_a_chart_figure_shows_hostile_alt_text_caption_and_file_name_as_text():
    def render(text):
        return CHART_TEMPLATES.get_template("figure.html.j2").render(
            png="AAAA", alt=text, caption=text, filename=text, csv="YQo=", link_text="CSV")

    assert_inert(render, hostile_shown=1)  # the caption; alt text and file name are attribute values
    img = next(attrs for tag, attrs in Elements(render(HOSTILE)).found if tag == "img")
    assert img["alt"] == HOSTILE and img["src"] == "data:image/png;base64,AAAA"


def test_a_table_shows_hostile_title_column_and_cell_as_text():
    assert_inert(lambda text: charts.table_html(pd.DataFrame({text: [text]}), title=text, sources=["mof_u2010"]),
                 hostile_shown=3)


def test_the_check_fails_on_markup_that_is_not_escaped():
    with pytest.raises(AssertionError):
        assert_inert(lambda text: f"<p>{text}</p>", hostile_shown=0)
