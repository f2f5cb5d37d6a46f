"""The real catalogue (reports.yaml) against the real notebooks and data snapshot."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reports_support import CHROMIUM, browser, open_offline  # noqa: F401

from helpers.reports.build import EXIT_OK
from helpers.reports.catalogue import load_catalogue
from helpers.reports.cli import main

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "reports.yaml"
MAX_PAGE_BYTES = 2_000_000


def test_every_entry_of_the_real_catalogue_matches_its_notebook():
    catalogue = load_catalogue(CATALOGUE, ROOT)
    assert [str(error) for error in catalogue.invalid] == []
    assert catalogue.reports


def test_the_partner_profile_fans_out_over_the_key_partners():
    catalogue = load_catalogue(CATALOGUE, ROOT)
    partners = [report.parameters.get("partner") for report in catalogue.reports
                if report.notebook == "notebooks/partner_profile.ipynb"]
    names = catalogue.names
    assert sum(name.startswith("partner_") for name in names) == 7
    assert set(partners) <= {"USA", "CHN+HKG", "JPN", "ASEAN", "KOR", "EUR", "MEX"}


@pytest.fixture(scope="module")
def real_reports(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("real") / "reports"
    assert main(["--root", str(ROOT), "--output", str(output)]) == EXIT_OK
    return output


@pytest.mark.notebooks
def test_building_the_whole_real_catalogue_writes_every_report_and_the_index(real_reports):
    names = load_catalogue(CATALOGUE, ROOT).names
    assert (real_reports / "index.html").exists()
    for name in names:
        page = real_reports / f"{name}.html"
        assert page.exists(), name
        assert page.stat().st_size < MAX_PAGE_BYTES, f"{name}.html is {page.stat().st_size} bytes"


@pytest.mark.notebooks
@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium (Debian package chromium) not installed")
def test_every_real_report_opens_offline_in_a_browser(browser, real_reports):
    for page in sorted(real_reports.glob("*.html")):
        seen = open_offline(browser, page)
        assert seen["outside"] == [] and seen["console_errors"] == [], page.name
        assert all(image["decoded"] and image["alt"] for image in seen["images"]), page.name


# --------------------------------------------------------------------------------------------
# reader-first pages: first screen, overflow, accessibility, PDF
# --------------------------------------------------------------------------------------------
AXE = ROOT / ".cache" / "node" / "node_modules" / "axe-core" / "axe.min.js"  # `make axe-core` installs it
PDFTOTEXT = shutil.which("pdftotext")
PDFINFO = shutil.which("pdfinfo")
NARROW, WIDE = 800, 1280

FIRST_SCREEN = """() => {
    const headings = Array.from(document.querySelectorAll('h1, h2')).map(h => [h.tagName, h.textContent.replace('¶', '').trim()]);
    const text = document.body.innerText;
    return {headings, findings: text.indexOf('Key findings'), currency: text.search(/Built \\d+ \\w+ \\d{4}\\./),
            about: text.indexOf('About this report'), parameters: text.indexOf('Parameters')};
}"""

OVERFLOW = """() => {
    const wider = [];
    const page = document.documentElement.clientWidth;
    for (const element of document.querySelectorAll('h1, h2, h3, figure, img, .jp-RenderedMarkdown p')) {
        const box = element.getBoundingClientRect();
        const container = element.parentElement.getBoundingClientRect();
        if (box.width > 0 && (box.right > container.right + 1 || box.right > page + 1)) {
            wider.push(element.tagName + ': ' + (element.getAttribute('alt') || element.textContent).slice(0, 60));
        }
    }
    return {wider, scroll: document.documentElement.scrollWidth - page};
}"""


def summaries(reports: Path) -> dict:
    return {name: record.get("summary", {}) for name, record in
            json.loads((reports / "manifest.json").read_text())["reports"].items()}


@pytest.mark.notebooks
def test_every_real_report_records_a_key_finding_and_its_data_currency(real_reports):
    for name, summary in summaries(real_reports).items():
        assert summary.get("finding"), f"{name}: no key finding recorded"
        assert summary.get("data_to") and "Built" in summary.get("currency", ""), name
    index = (real_reports / "index.html").read_text()
    assert "built from the current inputs" in index and "months older than the build date" in index


@pytest.mark.notebooks
@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium (Debian package chromium) not installed")
def test_every_real_report_opens_with_its_title_then_key_findings_and_ends_with_the_appendix(browser, real_reports):
    for page in sorted(real_reports.glob("*.html")):
        if page.name == "index.html":
            continue
        tab = browser.new_page()
        tab.goto(page.resolve().as_uri())
        seen = tab.evaluate(FIRST_SCREEN)
        tab.close()
        headings = seen["headings"]
        assert [tag for tag, _ in headings].count("H1") == 1, f"{page.name}: the title must appear once"
        assert headings[0][0] == "H1" and headings[1] == ["H2", "Key findings"], f"{page.name}: {headings[:3]}"
        assert headings[-1] == ["H2", "About this report"], page.name
        assert 0 < seen["findings"] < seen["currency"] < seen["about"], page.name
        assert seen["parameters"] > seen["about"], f"{page.name}: parameters belong in the appendix"


@pytest.mark.notebooks
@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium (Debian package chromium) not installed")
@pytest.mark.parametrize("width", [NARROW, WIDE])
def test_no_title_or_figure_is_wider_than_its_container(browser, real_reports, width):
    for page in sorted(real_reports.glob("*.html")):
        tab = browser.new_page()
        tab.set_viewport_size({"width": width, "height": 900})
        tab.goto(page.resolve().as_uri())
        seen = tab.evaluate(OVERFLOW)
        tab.close()
        assert seen["wider"] == [], f"{page.name} at {width} px: {seen['wider'][:5]}"
        assert seen["scroll"] <= 1, f"{page.name} scrolls sideways by {seen['scroll']} px at {width} px"


@pytest.mark.notebooks
@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium (Debian package chromium) not installed")
@pytest.mark.skipif(not AXE.exists(), reason="axe-core not installed: run `make axe-core`")
def test_every_real_page_has_no_serious_or_critical_accessibility_violation(browser, real_reports):
    engine = AXE.read_text()
    for page in sorted(real_reports.glob("*.html")):
        tab = browser.new_page()
        tab.goto(page.resolve().as_uri())
        tab.evaluate(engine)  # evaluated by the browser's debugger, not as a page script: no CSP exception needed
        violations = tab.evaluate("""async () => (await axe.run(document)).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 2).map(n => n.target.join(' ')).join('; '))""")
        tab.close()
        assert violations == [], f"{page.name}: {violations}"


@pytest.fixture(scope="module")
def real_pdfs(real_reports) -> dict:
    """A PDF of every real report, as `make pdf` writes them; name -> seconds it took."""
    from helpers.reports.pdf import pdf_name, write_pdf

    return {page.stem: write_pdf(page, real_reports / pdf_name(page.stem))
            for page in sorted(real_reports.glob("*.html")) if page.name != "index.html"}


@pytest.mark.notebooks
@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium (Debian package chromium) not installed")
@pytest.mark.skipif(PDFTOTEXT is None or PDFINFO is None, reason="poppler-utils (pdftotext, pdfinfo) not installed")
def test_every_real_report_prints_to_an_a4_pdf_with_its_key_finding_and_running_footer(real_reports, real_pdfs):
    findings = summaries(real_reports)
    for name in real_pdfs:
        pdf = real_reports / f"{name}.pdf"
        info = subprocess.run([PDFINFO, str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        assert pages >= 1 and "(A4)" in info, f"{name}: {info}"
        text = " ".join(subprocess.run([PDFTOTEXT, str(pdf), "-"], capture_output=True, text=True,
                                       check=True).stdout.split())
        assert " ".join(findings[name]["finding"].split()) in text, f"{name}: key finding not in the PDF"
        assert f"Page 1 of {pages}" in text and "data to" in text, f"{name}: no running footer"
    print("PDF seconds per report:", {name: round(seconds, 1) for name, seconds in real_pdfs.items()})
