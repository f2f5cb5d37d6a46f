"""`reports/index.html`: every report with its title, one-line key finding, how recent its data are, its build
status and links (page, researcher variant, PDF).

"Up to date" means one thing only: built from the current inputs (notebook, parameters, data, helpers). It says
nothing about how recent the data are; a report whose latest monthly data are more than
:data:`STALE_AFTER_MONTHS` months older than its build carries a visible warning. A report that failed shows the
failing cell and the error, and links to its last good version if there is one. Plain HTML with inline styles:
it opens offline like the reports.
"""

from __future__ import annotations

import html
from pathlib import Path

from helpers.reports import pages
from helpers.reports.manifest import write_text_atomic
from helpers.text.currency import months_behind

INDEX_FILE = "index.html"
STALE_AFTER_MONTHS = 3
UP_TO_DATE = "up to date (built from the current inputs)"
STATUS_LABELS = {
    "built": UP_TO_DATE,
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
.status-built { color: #146c2e; }
.status-failed, .status-invalid, .status-interrupted, .status-unbuilt { color: #b42318; font-weight: bold; }
.stale { color: #8a4b00; font-weight: bold; }
.error { font-family: monospace; white-space: pre-wrap; color: #b42318; }
.note { color: #4a4a4a; font-size: 0.9em; }
"""


def write_index(reports_dir: Path, names: list[str], records: dict[str, dict], updated_at: str) -> None:
    write_text_atomic(reports_dir / INDEX_FILE, render_index(names, records, updated_at))


def stale_months(record: dict) -> int | None:
    """How many months the report's latest monthly data are older than its build, if more than allowed."""
    summary = record.get("summary") or {}
    built = (record.get("built_at") or "")[:10]
    behind = months_behind(summary.get("monthly_to"), built) if built else None
    return behind if behind is not None and behind > STALE_AFTER_MONTHS else None


def render_index(names: list[str], records: dict[str, dict], updated_at: str) -> str:
    """The index page for the reports `names` (catalogue order), from their manifest records."""
    rows = "".join(index_row(name, records.get(name, {})) for name in names)
    failed = sum(records.get(name, {}).get("status") != "built" for name in names)
    stale = sum(stale_months(records.get(name, {})) is not None for name in names)
    summary = (f"{len(names)} reports, {failed} not up to date" if failed
               else f"{len(names)} reports, all up to date (built from the current inputs)")
    warning = (f"<p class='stale' role='status'>Warning: {stale} of them use monthly data more than "
               f"{STALE_AFTER_MONTHS} months older than their build date; see “Data to”.</p>" if stale else "")
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>" + pages.render("csp.html.j2") +
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>Taiwan trade pivot: reports</title><style>{STYLE}</style></head><body><main>"
        "<h1>Taiwan trade pivot: reports</h1>"
        f"<p>{html.escape(summary)}. Last updated {html.escape(updated_at)}.</p>{warning}"
        "<table><thead><tr><th scope='col'>Report</th><th scope='col'>Key finding</th>"
        "<th scope='col'>Data to</th><th scope='col'>Status</th><th scope='col'>Built</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></main></body></html>"
    )


def index_row(name: str, record: dict) -> str:
    esc = html.escape
    status = record.get("status", "unbuilt")
    pages = record.get("pages", [])
    title = esc(record.get("title", name))
    link = f"<a href='{esc(pages[0])}'>{title}</a>" if pages else title
    extra_links = "".join(f" <a class='note' href='{esc(page)}'>(with code)</a>" for page in pages[1:])
    if record.get("pdf"):
        extra_links += f" <a class='note' href='{esc(record['pdf'])}'>(PDF)</a>"
    description = f"<div class='note'>{esc(record['description'])}</div>" if record.get("description") else ""
    status_cell = f"<span class='status-{esc(status)}'>{esc(STATUS_LABELS.get(status, status))}</span>"
    if record.get("failure"):
        status_cell += f"<div class='error'>{esc(record['failure'])}</div>"
    if status != "built":
        status_cell += ("<div class='note'>The link opens the last good version.</div>" if pages
                        else "<div class='note'>No earlier version exists.</div>")
    summary = record.get("summary") or {}
    finding = esc(summary.get("finding", "")) or "—"
    data_to = esc(summary.get("data_to", "")) or vintage_cell(record)
    behind = stale_months(record)
    if behind is not None:
        data_to += (f"<div class='stale'>⚠ The latest monthly data are {behind} months older than the build date."
                    "</div>")
    return (f"<tr id='{esc(name)}'><td>{link}{extra_links}{description}</td><td>{finding}</td>"
            f"<td>{data_to}</td><td>{status_cell}</td><td>{esc(record.get('built_at', '—'))}</td></tr>")


def vintage_cell(record: dict) -> str:
    """The latest period per dataset, for a report without a key-findings block."""
    esc = html.escape
    return "<br>".join(f"{esc(dataset)}: {esc(period)}" for dataset, period in record.get("vintage", {}).items()) or "—"
