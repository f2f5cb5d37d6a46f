"""Executed notebook -> one self-contained HTML file that opens offline.

Readers (policy staff) get text, tables and charts only: no code, no parameters cell, no stderr. The
researcher variant (`with_code=True`) keeps the code. Both use the `offline` template (JupyterLab's
styles inlined, no script or font from a CDN) and carry a header: title, parameters, data vintage,
sources with publisher and licence, package version, git commit and build time. Local paths, the
user's home and the Python environment are scrubbed from the final text.
"""

from __future__ import annotations

import copy
import getpass
import html
import re
import socket
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from helpers.reports.catalogue import Report
from helpers.reports.provenance import BuildInfo, DatasetProvenance

TEMPLATES_DIR = Path(__file__).parent / "templates"
INJECTED_PARAMETERS_TAG = "injected-parameters"
PARAMETERS_TAG = "parameters"
HOME_DIRECTORY = re.compile(r"(/home/|/Users/|[A-Za-z]:\\Users\\)[^/\\\s\"'<>]+")
KERNEL_TEMP_FILE = re.compile(r"/tmp/ipykernel_\d+/")
DATA_URI = re.compile(r"(data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+)")


def render_report(nb, *, report: Report, parameters: dict, datasets: list[DatasetProvenance], build: BuildInfo,
                  with_code: bool, root: Path) -> str:
    header = header_html(report, parameters, datasets, build)
    body, _ = exporter(with_code).from_notebook_node(
        reader_notebook(nb, with_code),
        resources={"metadata": {"name": report.title}, "report_header": header},
    )
    return scrub_local_details(body, root)


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

    Readers: no injected-parameters cell, no parameters cell, no stderr (warnings, logging). With code:
    everything stays, so a researcher sees exactly what ran.
    """
    if with_code:
        return nb
    shown = copy.deepcopy(nb)
    hidden_tags = {INJECTED_PARAMETERS_TAG, PARAMETERS_TAG}
    shown.cells = [cell for cell in shown.cells if not hidden_tags & set(cell.metadata.get("tags", []))]
    for cell in shown.cells:
        if cell.cell_type == "code":
            cell.outputs = [output for output in cell.outputs
                            if not (output.output_type == "stream" and output.name == "stderr")]
    return shown


def header_html(report: Report, parameters: dict, datasets: list[DatasetProvenance], build: BuildInfo) -> str:
    esc = html.escape
    parameter_rows = "".join(f"<tr><th scope='row'>{esc(name)}</th><td>{esc(format_parameter(value))}</td></tr>"
                             for name, value in parameters.items())
    data_rows = "".join(
        f"<tr><th scope='row'>{esc(dataset.name)}</th><td>{esc(dataset.vintage)}</td>"
        f"<td>{'<br>'.join(esc(describe(source)) for source in dataset.sources) or 'not in the registry'}</td></tr>"
        for dataset in datasets)
    data_table = (f"<table class='data'><caption>Data (latest period per source)</caption>"
                  f"<tr><th scope='col'>Dataset</th><th scope='col'>Latest period</th>"
                  f"<th scope='col'>Sources (publisher, dataset, licence)</th></tr>{data_rows}</table>"
                  if datasets else "<p>This report reads no data files.</p>")
    return (
        "<header class='report-header'>"
        f"<h1>{esc(report.title)}</h1>"
        f"<p class='description'>{esc(report.description)}</p>"
        f"<table class='parameters'><caption>Parameters</caption>{parameter_rows}</table>"
        f"{data_table}"
        f"<p class='build'>Package version {esc(build.package_version)} · git commit {esc(build.git_commit)}"
        f" · built {esc(build.built_at)}</p>"
        "</header>"
    )


def format_parameter(value) -> str:
    """A parameter value as a reader would write it: JPN, 2001, yes, USA, CHN+HKG, not set."""
    if value is None:
        return "not set (the notebook's default)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(format_parameter(item) for item in value)
    return str(value)


def describe(source) -> str:
    return f"{source.publisher}: {source.dataset} ({source.licence})"


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
