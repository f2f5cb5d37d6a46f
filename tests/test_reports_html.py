"""Offline HTML for readers: the title once, the key findings first, the appendix last, no code, no scripts, no
local paths."""

from __future__ import annotations

import base64
import getpass
import re
import sys
from pathlib import Path

import nbformat
import pytest

from helpers.reports.catalogue import Report
from helpers.reports.html import (
    about_html,
    css_string,
    format_parameter,
    key_findings_summary,
    print_style,
    local_prefixes,
    reader_notebook,
    render_report,
    scrub_local_details,
)
from helpers.reports.provenance import BuildInfo, DatasetProvenance, Source

REPORT = Report(name="profile_us", title="Partner profile: United States & <friends>",
                description="Exports to the US.", notebook="notebooks/profile.ipynb", audience="policy staff")
DATASETS = [DatasetProvenance(name="trade_by_partner", vintage="2025 (annual), 2025-08 (monthly)",
                              sources=(Source(publisher="Ministry of Finance, R.O.C. (Taiwan)",
                                              dataset="Exports by country", licence="Open Government Data License"),))]
BUILD = BuildInfo(package_version="0.1.0", git_commit="abc123def456", built_at="2026-01-31 06:00:00 UTC")
PNG = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cf"
    "c0f01f0005000201a9b3b4ad0000000049454e44ae426082")).decode()


def executed_notebook():
    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell('partner = "USA"')
    parameters.metadata["tags"] = ["parameters"]
    injected = nbformat.v4.new_code_cell('# Parameters\npartner = "JPN"')
    injected.metadata["tags"] = ["injected-parameters"]
    chart = nbformat.v4.new_code_cell("plots.show(fig, alt='Exports', data=frame, sources=ids)")
    chart.outputs = [
        nbformat.v4.new_output("stream", name="stderr", text="UserWarning: /home/alice/work/x.py\n"),
        nbformat.v4.new_output("display_data", data={
            "text/html": f'<figure><img src="data:image/png;base64,{PNG}" alt="Exports to the US">'
                         '<a download="data.csv" href="data:text/csv;base64,YQo=">CSV</a></figure>',
            "image/png": PNG}),
        nbformat.v4.new_output("display_data", data={"application/javascript": "alert('hi')"}),
    ]
    findings = nbformat.v4.new_code_cell("markdown.show_key_findings(found, currency)")
    findings.outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": "## Key findings\n\n- Found."},
                                               metadata={"key_findings": {"finding": "Found.", "data_to": "2025"}})]
    researcher = nbformat.v4.new_markdown_cell("**Parameters**: run with `papermill -p partner JPN`.")
    researcher.metadata["tags"] = ["researcher"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Notebook title"), parameters, injected, findings,
                nbformat.v4.new_markdown_cell("About this notebook."), researcher,
                nbformat.v4.new_markdown_cell("## Exports\nText for readers."), chart]
    return nb


def test_readers_get_no_parameters_cells_no_researcher_notes_no_notebook_title_and_no_stderr():
    shown = reader_notebook(executed_notebook(), with_code=False)
    assert [cell.cell_type for cell in shown.cells] == ["code", "markdown", "markdown", "code"]
    assert shown.cells[1].source == "About this notebook."
    assert [output.output_type for output in shown.cells[3].outputs] == ["display_data", "display_data"]


def test_a_title_followed_by_text_loses_only_its_title_line():
    nb = executed_notebook()
    nb.cells[0].source = "# Notebook title\n\nIntroduction."
    assert reader_notebook(nb, with_code=False).cells[0].source == "Introduction."


def test_the_key_findings_summary_is_read_from_the_block_s_output_metadata():
    assert key_findings_summary(executed_notebook()) == {"finding": "Found.", "data_to": "2025"}
    assert key_findings_summary(nbformat.v4.new_notebook()) == {}


def test_researchers_get_the_notebook_exactly_as_it_ran():
    nb = executed_notebook()
    assert reader_notebook(nb, with_code=True) is nb


def test_reader_notebook_leaves_the_executed_notebook_untouched():
    nb = executed_notebook()
    reader_notebook(nb, with_code=False)
    assert len(nb.cells) == 8 and nb.cells[0].source == "# Notebook title"


def test_the_appendix_names_parameters_vintage_sources_licence_version_commit_time_and_rebuild():
    header = about_html(REPORT, {"partner": "USA", "end_year": None}, DATASETS, BUILD)
    assert "<h2 id='about-this-report'>About this report</h2>" in header and "Exports to the US." in header
    assert "<th scope='row'>partner</th><td>USA</td>" in header
    assert "<th scope='row'>end_year</th><td>not set (the notebook&#39;s default)</td>" in header
    assert "2025 (annual), 2025-08 (monthly)" in header
    assert "Ministry of Finance, R.O.C. (Taiwan): Exports by country (Open Government Data License)" in header
    assert "0.1.0" in header and "abc123def456" in header and "2026-01-31 06:00:00 UTC" in header
    assert 'make reports ARGS="--only profile_us --force"' in header and "notebooks/profile.ipynb" in header


@pytest.mark.parametrize("value, shown", [
    ("CHN+HKG", "CHN+HKG"), (2001, "2001"), (0.5, "0.5"), (True, "yes"), (False, "no"),
    (["USA", "JPN"], "USA, JPN"), (None, "not set (the notebook's default)"),
])
def test_parameters_are_shown_as_a_reader_would_write_them(value, shown):
    assert format_parameter(value) == shown


def test_a_report_without_data_says_so():
    assert "reads no data files" in about_html(REPORT, {}, [], BUILD)


def test_the_print_footer_carries_title_and_data_to_as_a_safe_css_string():
    style = print_style("A & B </style> \"x\"", "August 2025")
    assert "</style> " not in style.split("<style media='print'>")[1].rsplit("</style>", 1)[0]
    assert css_string('a"b\\') == '"a\\22 b\\5c "'
    assert css_string("Data to 2025 · Page") == '"Data to 2025 · Page"'
    assert 'counter(page)' in style and "August 2025" in style


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    root = tmp_path_factory.mktemp("project")
    return {with_code: render_report(executed_notebook(), report=REPORT, parameters={"partner": "JPN"},
                                     datasets=DATASETS, build=BUILD, with_code=with_code, root=root)
            for with_code in (False, True)}


def test_the_readers_page_has_the_title_once_then_the_findings_and_the_appendix_last(pages):
    page = pages[False]
    assert page.count("<h1") == 1 and "Notebook title" not in page and "papermill" not in page
    assert page.index('class="report-header"') < page.index("Key findings") < page.index("About this notebook") \
        < page.index("Text for readers") < page.index("About this report")
    assert 'alt="Exports to the US"' in page and 'href="data:text/csv;base64,YQo="' in page
    assert "plots.show" not in page and "injected-parameters" not in page and "UserWarning" not in page
    assert "<title>Partner profile: United States &amp; &lt;friends&gt;</title>" in page


def test_the_researchers_page_shows_the_code(pages):
    assert "plots" in pages[True] and "hl-ipython3" in pages[True]


@pytest.mark.parametrize("with_code", [False, True])
def test_no_page_loads_a_script_a_stylesheet_or_a_font_from_anywhere(pages, with_code):
    page = pages[with_code]
    assert re.findall(r"<script\b", page) == []
    assert re.findall(r"<link\b", page) == []
    assert re.findall(r"@import|@font-face|url\((?!data:)", page) == []
    assert "mathjax" not in page.lower() and "require.js" not in page


def test_scrubbing_replaces_project_environment_home_and_kernel_paths(tmp_path):
    root = tmp_path / "project"
    text = (f"{root}/notebooks/a.ipynb {sys.prefix}/lib/python3.11/x.py /home/{getpass.getuser()}/notes "
            f"/Users/bob/x /tmp/ipykernel_4242/123.py C:\\Users\\carol\\x")
    scrubbed = scrub_local_details(text, root)
    assert scrubbed == "./notebooks/a.ipynb [python]/lib/python3.11/x.py ~/notes ~/x 123.py ~\\x"


def test_scrubbing_leaves_embedded_images_intact(tmp_path):
    encoded = "QUJD/tmp/home/xyz/" + PNG
    text = f'<img src="data:image/png;base64,{encoded}"> in /tmp/report'
    assert scrub_local_details(text, tmp_path / "p") == f'<img src="data:image/png;base64,{encoded}"> in [tmp]/report'


def test_local_prefixes_are_longest_first_so_nested_directories_scrub_correctly(tmp_path):
    lengths = [len(prefix) for prefix, _ in local_prefixes(tmp_path)]
    assert lengths == sorted(lengths, reverse=True)
    assert all(replacement in {".", "[python]", "~", "[tmp]"} for _, replacement in local_prefixes(Path("/x")))
