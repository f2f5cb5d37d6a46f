"""Print-ready PDFs of the built reports, through headless Chromium (Debian package `chromium`).

Each report's HTML carries its print stylesheet (A4, no figure split across pages, a running footer with title,
data-to date and page number); Chromium prints it with its own header and footer off and every host name
unresolvable, so a PDF is made offline from the self-contained page. A PDF is written to a temporary file and
renamed into place, like every report file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--no-pdf-header-footer",
                  "--host-resolver-rules=MAP * ~NOTFOUND"]
INSTALL_HINT = ("writing PDFs needs headless Chromium, which is not installed: install it with "
                "`apt-get install chromium` (Debian/Ubuntu) and run the command again")
PRINT_TIMEOUT_SECONDS = 180


class ChromiumMissing(RuntimeError):
    def __init__(self):
        super().__init__(INSTALL_HINT)


def find_chromium() -> str | None:
    return next((path for path in map(shutil.which, CHROMIUM_NAMES) if path), None)


def pdf_name(name: str) -> str:
    return f"{name}.pdf"


def write_pdf(page: Path, destination: Path, chromium: str | None = None) -> float:
    """Print ``page`` (an HTML file) to ``destination``; returns the seconds it took. Raises
    :class:`ChromiumMissing` without Chromium and ``RuntimeError`` (with Chromium's message) when printing fails."""
    chromium = chromium or find_chromium()
    if chromium is None:
        raise ChromiumMissing()
    started = time.monotonic()
    scratch = destination.with_name(f".{destination.name}.{os.getpid()}.tmp")
    try:
        result = subprocess.run([chromium, *CHROMIUM_FLAGS, f"--print-to-pdf={scratch}", page.resolve().as_uri()],
                                capture_output=True, text=True, timeout=PRINT_TIMEOUT_SECONDS, check=False)
        if result.returncode != 0 or not scratch.exists() or scratch.stat().st_size == 0:
            last = (result.stderr.strip().splitlines() or ["no output"])[-1]
            raise RuntimeError(f"Chromium could not print {page.name} (exit {result.returncode}): {last}")
        scratch.replace(destination)
    finally:
        scratch.unlink(missing_ok=True)
    return time.monotonic() - started


def write_pdfs(reports_dir: Path, records: dict[str, dict], names: list[str], log) -> list[str]:
    """A PDF of every built report among ``names`` whose PDF is missing or older than its page; each record gets
    its ``pdf`` link. Returns the names whose PDF could not be written (each logged with the reason)."""
    chromium = find_chromium()
    if chromium is None:
        raise ChromiumMissing()
    failed = []
    for name in names:
        record = records.get(name, {})
        pages = record.get("pages") or []
        if record.get("status") != "built" or not pages:
            continue
        page, pdf = reports_dir / pages[0], reports_dir / pdf_name(name)
        try:
            if not pdf.exists() or pdf.stat().st_mtime < page.stat().st_mtime:
                log(f"{name}: PDF written in {write_pdf(page, pdf, chromium):.1f} s")
            record["pdf"] = pdf.name
        except (RuntimeError, subprocess.TimeoutExpired) as error:
            log(f"{name}: no PDF: {error}")
            failed.append(name)
    return failed
