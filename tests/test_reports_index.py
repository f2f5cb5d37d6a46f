"""reports/index.html: every report with title, description, status, data vintage and link."""

from __future__ import annotations

from helpers.reports.index import INDEX_FILE, render_index, write_index

BUILT = {"name": "trade_pivot", "title": "Trade pivot", "description": "From China to the US.", "status": "built",
         "built_at": "2026-01-31 06:00:00 UTC", "pages": ["trade_pivot.html", "trade_pivot.code.html"],
         "vintage": {"trade_by_partner": "2025 (annual), 2025-08 (monthly)"}}
FAILED = {**BUILT, "name": "partner_japan", "title": "Japan", "pages": ["partner_japan.html"], "status": "failed",
          "failure": "cell 4 ('frame = load(...)'): ValueError: <no data>"}
NEVER_BUILT = {"name": "claims_check", "title": "Claims", "description": "", "status": "failed",
               "failure": "cell 2 ('x'): KeyError: 'y'"}


def test_a_built_report_has_its_link_description_vintage_and_time():
    page = render_index(["trade_pivot"], {"trade_pivot": BUILT}, "2026-01-31 06:01:00 UTC")
    assert "<a href='trade_pivot.html'>Trade pivot</a>" in page
    assert "<a class='note' href='trade_pivot.code.html'>(with code)</a>" in page
    assert "From China to the US." in page and "trade_by_partner: 2025 (annual), 2025-08 (monthly)" in page
    assert "up to date (built from the current inputs)" in page
    assert "1 reports, all up to date (built from the current inputs)" in page
    assert "stale" not in page.split("</style>")[1], "no monthly data: no warning"


def test_each_report_shows_its_key_finding_and_data_to_and_warns_when_monthly_data_are_old():
    summary = {"finding": "Taiwan's exports were US$640.75 billion in 2025.", "monthly_to": "2025-08",
               "data_to": "August 2025 (monthly), 2025 (annual)"}
    built = {**BUILT, "summary": summary, "built_at": "2026-11-27 06:00:00 UTC", "pdf": "trade_pivot.pdf"}
    page = render_index(["trade_pivot"], {"trade_pivot": built}, "now")
    assert "<td>Taiwan&#39;s exports were US$640.75 billion in 2025.</td>" in page
    assert "August 2025 (monthly), 2025 (annual)" in page
    assert "The latest monthly data are 15 months older than the build date." in page
    assert "Warning: 1 of them use monthly data more than 3 months older than their build date" in page
    assert "<a class='note' href='trade_pivot.pdf'>(PDF)</a>" in page
    fresh = {**built, "built_at": "2025-10-02 06:00:00 UTC"}
    assert "months older" not in render_index(["trade_pivot"], {"trade_pivot": fresh}, "now")


def test_a_failed_report_shows_the_cell_and_error_and_links_its_last_good_version():
    page = render_index(["partner_japan"], {"partner_japan": FAILED}, "now")
    assert "cell 4 (&#39;frame = load(...)&#39;): ValueError: &lt;no data&gt;" in page
    assert "<a href='partner_japan.html'>Japan</a>" in page and "last good version" in page
    assert "1 reports, 1 not up to date" in page


def test_a_report_that_never_built_has_no_link():
    page = render_index(["claims_check"], {"claims_check": NEVER_BUILT}, "now")
    assert "href='claims_check.html'" not in page and "No earlier version exists" in page


def test_reports_are_listed_in_catalogue_order_even_without_a_record():
    page = render_index(["trade_pivot", "new_report"], {"trade_pivot": BUILT}, "now")
    assert page.index("id='trade_pivot'") < page.index("id='new_report'")
    assert "not built yet" in page and "1 not up to date" in page


def test_the_index_is_self_contained():
    page = render_index(["trade_pivot"], {"trade_pivot": BUILT}, "now")
    assert "<script" not in page and "<link" not in page and "http:" not in page and "https:" not in page


def test_write_index_writes_reports_index_html(tmp_path):
    write_index(tmp_path, ["trade_pivot"], {"trade_pivot": BUILT}, "now")
    assert "Trade pivot" in (tmp_path / INDEX_FILE).read_text()
