"""`reports/index.html`: every report with its title, one-line key finding, how recent its data are, its build
status and links (page, researcher variant, PDF). Rendered from the autoescaped template
`templates/page/index.html.j2`: plain HTML with inline styles that opens offline like the reports.

"Up to date" means one thing only: built from the current inputs (notebook, parameters, data, helpers). It says
nothing about how recent the data are; a report whose latest monthly data are more than
:data:`STALE_AFTER_MONTHS` months older than its build carries a visible warning. A report that failed shows the
failing cell and the error, and links to its last good version if there is one.
"""

from __future__ import annotations

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
    failed = sum(records.get(name, {}).get("status") != "built" for name in names)
    summary = (f"{len(names)} reports, {failed} not up to date" if failed
               else f"{len(names)} reports, all up to date (built from the current inputs)")
    rows = [index_row(name, records.get(name, {})) for name in names]
    return pages.render("index.html.j2", rows=rows, summary=summary, updated_at=updated_at,
                        stale=sum(row["behind"] is not None for row in rows), stale_after_months=STALE_AFTER_MONTHS)


def index_row(name: str, record: dict) -> dict:
    """What the index shows of one report; the template escapes every value."""
    status = record.get("status", "unbuilt")
    summary = record.get("summary") or {}
    return {
        "name": name, "title": record.get("title", name), "pages": record.get("pages", []),
        "pdf": record.get("pdf"), "description": record.get("description"), "status": status,
        "status_label": STATUS_LABELS.get(status, status), "failure": record.get("failure"),
        "finding": summary.get("finding", ""), "data_to": summary.get("data_to", ""),
        "vintage": list(record.get("vintage", {}).items()), "behind": stale_months(record),
        "built_at": record.get("built_at", "—"),
    }
