"""Executed notebook -> one self-contained HTML file that opens offline.

Readers (policy staff) get text, tables and charts only: no code, no parameters cell, no researcher
instructions, no stderr; the page opens with the title and the notebook's key findings. The researcher
variant (`with_code=True`) keeps everything. Both use the `offline` template (JupyterLab's styles inlined,
no script or font from a CDN) and end with an "About this report" appendix: description, parameters, data
vintage, sources with publisher and licence, package version, git commit, build time and how to rebuild. A
print stylesheet gives the PDF its running footer (title, data-to date, page number). Local paths, the
user's home and the Python environment are scrubbed from the final text.

The exporter does not sanitize (`sanitize_html=False`): nbconvert's sanitizer would strip the figures (`<img>`,
`data:` links, inline styles). Cell outputs are safe by construction instead: text goes through
`helpers.text.markdown.say` (file text escaped, raw HTML off, safe link schemes only), figures and tables through
the autoescaped templates of `helpers.charts.embed`, and a Content-Security-Policy that allows no script blocks
anything that slipped through. The header and appendix come from the autoescaped templates in `templates/page/`
(`helpers.reports.pages`).
"""

from __future__ import annotations

import copy
import getpass
import re
import socket
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from helpers.reports import pages
from helpers.reports.catalogue import Report
from helpers.reports.provenance import BuildInfo, DatasetProvenance

TEMPLATES_DIR = Path(__file__).parent / "templates"
INJECTED_PARAMETERS_TAG = "injected-parameters"
PARAMETERS_TAG = "parameters"
RESEARCHER_TAG = "researcher"  # markdown for people who run the notebook (papermill flags): not on the policy page
KEY_FINDINGS = "key_findings"  # output metadata key of the key-findings block (helpers.text.markdown)
HOME_DIRECTORY = re.compile(r"(/home/|/Users/|[A-Za-z]:\\Users\\)[^/\\\s\"'<>]+")
KERNEL_TEMP_FILE = re.compile(r"/tmp/ipykernel_\d+/")
DATA_URI = re.compile(r"(data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+)")


def render_report(nb, *, report: Report, parameters: dict, datasets: list[DatasetProvenance], build: BuildInfo,
                  with_code: bool, root: Path) -> str:
    summary = key_findings_summary(nb)
    body, _ = exporter(with_code).from_notebook_node(
        reader_notebook(nb, with_code),
        resources={"metadata": {"name": report.title}, "report_header": header_html(report),
                   "report_about": about_html(report, parameters, datasets, build),
                   "print_style": print_style(report.title, summary.get("data_to", "")),
                   "content_security_policy": pages.render("csp.html.j2")},
    )
    return scrub_local_details(body, root)


def key_findings_summary(nb) -> dict:
    """What the notebook's key-findings block recorded (first finding, data currency), or {} if it has none."""
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            summary = output.get("metadata", {}).get(KEY_FINDINGS)
            if summary:
                return dict(summary)
    return {}


@lru_cache(maxsize=2)
def exporter(with_code: bool):
    """One exporter per worker process and variant: building it (templates, pygments) takes ~0.3 s."""
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="offline",
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=not with_code,
        exclude_input_prompt=not with_code,
        exclude_output_prompt=True,
        embed_images=True,
        sanitize_html=False,
    )


def reader_notebook(nb, with_code: bool):
    """A copy of the executed notebook with what readers should not see removed.

    Readers: no injected-parameters or parameters cell, no researcher instructions, no stderr (warnings,
    logging), and no notebook title (the page's title is the catalogue's, shown once). With code: everything
    stays, so a researcher sees exactly what ran.
    """
    if with_code:
        return nb
    shown = copy.deepcopy(nb)
    hidden_tags = {INJECTED_PARAMETERS_TAG, PARAMETERS_TAG, RESEARCHER_TAG}
    shown.cells = [cell for cell in shown.cells if not hidden_tags & set(cell.metadata.get("tags", []))]
    for cell in shown.cells:
        if cell.cell_type == "code":
            cell.outputs = [output for output in cell.outputs
                            if not (output.output_type == "stream" and output.name == "stderr")]
    title = next((cell for cell in shown.cells if cell.cell_type == "markdown"), None)
    if title is not None and title.source.lstrip().startswith("# "):
        title.source = title.source.lstrip().partition("\n")[2].strip()
        if not title.source:
            shown.cells.remove(title)
    return shown


def header_html(report: Report) -> str:
    """The page's only title; the key findings follow it directly."""
    return pages.render("header.html.j2", title=report.title)


def about_html(report: Report, parameters: dict, datasets: list[DatasetProvenance], build: BuildInfo) -> str:
    """The appendix at the end of the page: what the report is, what it was run with, from which data, and how to
    rebuild it."""
    return pages.render("about.html.j2", report=report, datasets=datasets, build=build,
                        parameters=[(name, format_parameter(value)) for name, value in parameters.items()])


def print_style(title: str, data_to: str) -> str:
    """The print stylesheet's running footer: title and data-to date on the left, page number on the right."""
    left = title + (f" · data to {data_to}" if data_to else "")
    return ("<style media='print'>@page { @bottom-left { content: " + css_string(left) + "; } "
            "@bottom-right { content: \"Page \" counter(page) \" of \" counter(pages); } }</style>")


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string that cannot end the string or the <style> element."""
    return '"' + "".join(ch if ch.isalnum() or ch in " .,:;·+()'–-" else f"\\{ord(ch):x} " for ch in text) + '"'


def format_parameter(value) -> str:
    """A parameter value as a reader would write it: JPN, 2001, yes, USA, CHN+HKG, not set."""
    if value is None:
        return "not set (the notebook's default)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(format_parameter(item) for item in value)
    return str(value)


def scrub_local_details(text: str, root: Path) -> str:
    """Replace local paths (project, Python environment, home, temp) and the host name with neutral text.

    Embedded `data:` URIs are left alone: base64 can contain "/tmp" by chance, and changing it breaks the image.
    """
    pieces = DATA_URI.split(text)
    pieces[::2] = [scrub_plain_text(piece, root) for piece in pieces[::2]]
    return "".join(pieces)


def scrub_plain_text(text: str, root: Path) -> str:
    text = KERNEL_TEMP_FILE.sub("", text)
    for prefix, replacement in local_prefixes(root):
        text = text.replace(prefix, replacement)
    text = HOME_DIRECTORY.sub("~", text)
    return re.sub(rf"\b{re.escape(socket.gethostname())}\b", "[host]", text)


def local_prefixes(root: Path) -> list[tuple[str, str]]:
    """Local directory prefixes, longest first, with the HTML-safe text that replaces them."""
    user = getpass.getuser()
    prefixes = {
        str(root.resolve()): ".",
        sys.prefix: "[python]",
        sys.base_prefix: "[python]",
        str(Path.home()): "~",
        f"/home/{user}": "~",
        f"/Users/{user}": "~",
        tempfile.gettempdir(): "[tmp]",
    }
    return sorted(((prefix, replacement) for prefix, replacement in prefixes.items() if len(prefix) > 1),
                  key=lambda item: len(item[0]), reverse=True)
