"""Running a project notebook from a test: under papermill with parameters, and under nbval."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import papermill as pm
from markdown_support import shown

ROOT = Path(__file__).resolve().parents[1]
KERNEL = "python3"


def execute(notebook: Path, out: Path, **parameters) -> dict:
    """Execute ``notebook`` with ``parameters`` into ``out``; the executed notebook as JSON."""
    pm.execute_notebook(str(notebook), str(out), parameters=parameters, kernel_name=KERNEL,
                        cwd=str(notebook.parent), progress_bar=False)
    return json.loads(out.read_text())


def displayed(executed: dict, mime: str) -> list[str]:
    """Every output of one MIME type (``text/markdown``, ``text/html``, ``image/png``) in cell order."""
    return ["".join(output["data"][mime]) for cell in executed["cells"] if cell["cell_type"] == "code"
            for output in cell.get("outputs", []) if mime in output.get("data", {})]


def markdown_text(executed: dict) -> str:
    """All Markdown the notebook displayed (``say``'s source), as one string, with escaped file text read back."""
    return shown(" ".join(displayed(executed, "text/markdown")))


def shown_figures(executed: dict) -> list[str]:
    """The HTML of every chart and table the notebook displayed (``say`` displays HTML too)."""
    return [html for html in displayed(executed, "text/html") if html.startswith("<figure")]


def assert_passes_nbval_lax(notebook: Path) -> None:
    """Run ``pytest --nbval-lax`` on ``notebook`` in a fresh interpreter (as CI does); fail with its output."""
    result = subprocess.run([sys.executable, "-m", "pytest", "--nbval-lax", "-q", "-p", "no:cacheprovider",
                             "--nbval-kernel-name", KERNEL, str(notebook)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def executed_after_failure(out: Path, marker: str) -> tuple[bool, bool]:
    """After a failed run into ``out``: did the failing cell contain ``marker``, and did no later cell run?"""
    code = [cell for cell in json.loads(out.read_text())["cells"] if cell["cell_type"] == "code"]
    failed = next(i for i, cell in enumerate(code) if any(o.get("output_type") == "error" for o in cell.get("outputs", [])))
    return marker in "".join(code[failed]["source"]), all(not cell.get("execution_count") for cell in code[failed + 1:])


def figure_parts(html: str) -> dict:
    """The parts of one ``helpers.charts.embed.show`` figure: its ``alt`` text, its ``caption`` (the source line,
    before the download link) and whether it carries the chart data as a CSV ``data:`` link (``csv``)."""
    alt = re.search(r'<img [^>]*alt="([^"]*)"', html)
    caption = re.search(r"<figcaption[^>]*>(.*?)\s*<a ", html, re.S)
    return {"alt": alt.group(1) if alt else "", "caption": caption.group(1).strip() if caption else "",
            "csv": 'href="data:text/csv;base64,' in html}
