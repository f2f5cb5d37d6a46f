"""`reports/index.html`: every report with its title, description, status, data vintage and link.

A report that failed shows the failing cell and the error, and links to its last good version if there is
one. Plain HTML with inline styles: it opens offline like the reports.
"""

from __future__ import annotations

import html
from pathlib import Path

from helpers.reports.manifest import write_text_atomic

INDEX_FILE = "index.html"
STATUS_LABELS = {
    "built": "up to date",
    "failed": "failed",
    "invalid": "not built: catalogue error",
    "interrupted": "not built: build interrupted",
    "unbuilt": "not built yet",  # no record: e.g. a new report left out by --only
}
STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #1b1b1b; }
h1 { color: #1f3b57; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.5em; border-bottom: 1px solid #ddd; }
.status-built { color: #1a7f37; }
.status-failed, .status-invalid, .status-interrupted, .status-unbuilt { color: #b42318; font-weight: bold; }
.error { font-family: monospace; white-space: pre-wrap; color: #b42318; }
.note { color: #555; font-size: 0.9em; }
"""


def write_index(reports_dir: Path, names: list[str], records: dict[str, dict], updated_at: str) -> None:
    write_text_atomic(reports_dir / INDEX_FILE, render_index(names, records, updated_at))


def render_index(names: list[str], records: dict[str, dict], updated_at: str) -> str:
    """The index page for the reports `names` (catalogue order), from their manifest records."""
    rows = "".join(index_row(name, records.get(name, {})) for name in names)
    failed = sum(records.get(name, {}).get("status") != "built" for name in names)
    summary = f"{len(names)} reports, {failed} not up to date" if failed else f"{len(names)} reports, all up to date"
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>Taiwan trade pivot: reports</title><style>{STYLE}</style></head><body>"
        "<h1>Taiwan trade pivot: reports</h1>"
        f"<p>{html.escape(summary)}. Last updated {html.escape(updated_at)}.</p>"
        "<table><thead><tr><th scope='col'>Report</th><th scope='col'>Description</th>"
        "<th scope='col'>Status</th><th scope='col'>Data vintage</th><th scope='col'>Built</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></body></html>"
    )


def index_row(name: str, record: dict) -> str:
    esc = html.escape
    status = record.get("status", "unbuilt")
    pages = record.get("pages", [])
    title = esc(record.get("title", name))
    link = f"<a href='{esc(pages[0])}'>{title}</a>" if pages else title
    extra_links = "".join(f" <a class='note' href='{esc(page)}'>(with code)</a>" for page in pages[1:])
    status_cell = f"<span class='status-{esc(status)}'>{esc(STATUS_LABELS.get(status, status))}</span>"
    if record.get("failure"):
        status_cell += f"<div class='error'>{esc(record['failure'])}</div>"
    if status != "built":
        status_cell += ("<div class='note'>The link opens the last good version.</div>" if pages
                        else "<div class='note'>No earlier version exists.</div>")
    vintage = "<br>".join(f"{esc(dataset)}: {esc(period)}" for dataset, period in record.get("vintage", {}).items())
    return (f"<tr id='{esc(name)}'><td>{link}{extra_links}</td><td>{esc(record.get('description', ''))}</td>"
            f"<td>{status_cell}</td><td>{vintage or '—'}</td><td>{esc(record.get('built_at', '—'))}</td></tr>")
