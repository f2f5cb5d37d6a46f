"""Benchmark: the report pipeline against the naive way of building the same reports.

Baseline (what a user would write): for each report in reports.yaml, one after another, the `papermill` CLI
then `jupyter nbconvert --to html`. Pipeline: `trade-pivot-reports` into an empty output directory (a full
build), then once more with nothing changed (a no-op rebuild). Both write to temporary directories; reports/
is not touched. Prints both times, the ratio, the no-op time and the largest HTML page.

Both run on a private copy of the project (src/, notebooks/, data/, reports.yaml) with that copy's src/ first
on PYTHONPATH, so that colleagues editing the working tree during the run cannot trigger rebuilds.

Targets (issue 4): full build at least 4x faster than the baseline on 2 cores; no-op rebuild under 1 s;
every HTML report under 2 MB.

    .venv/bin/python bench/bench_reports.py [--jobs N] [--only PATTERN ...]
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from helpers.reports.catalogue import load_catalogue

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PROJECT_PARTS = ("src", "notebooks", "data", "reports.yaml")


def copy_project(destination: Path) -> Path:
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, destination / part)
    return destination


def timed(command: list[str], project: Path) -> float:
    environment = {**os.environ, "PYTHONPATH": str(project / "src")}
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment)
    return time.perf_counter() - started


def baseline(reports, kernel: str, project: Path, output: Path) -> float:
    """papermill CLI then nbconvert CLI, report after report."""
    total = 0.0
    for report in reports:
        notebook = project / report.notebook
        executed = output / f"{report.name}.ipynb"
        total += timed([str(BIN / "papermill"), str(notebook), str(executed), "-k", kernel,
                        "--cwd", str(notebook.parent), "-y", yaml.safe_dump(report.parameters)], project)
        total += timed([str(BIN / "jupyter"), "nbconvert", "--to", "html", str(executed)], project)
    return total


def pipeline(project: Path, output: Path, jobs: int, only: list[str]) -> float:
    command = [str(BIN / "trade-pivot-reports"), "--root", str(project), "--output", str(output),
               "--jobs", str(jobs)]
    for pattern in only:
        command += ["--only", pattern]
    return timed(command, project)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--only", action="append", default=[], help="report name or pattern (default: all)")
    args = parser.parse_args()
    catalogue = load_catalogue(ROOT / "reports.yaml", ROOT)
    if catalogue.invalid:
        sys.exit("fix the catalogue first: " + "; ".join(str(error) for error in catalogue.invalid))
    reports = [report for report in catalogue.reports
               if not args.only or any(fnmatch.fnmatchcase(report.name, pattern) for pattern in args.only)]
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        project = copy_project(scratch / "project")
        (scratch / "baseline").mkdir()
        print(f"{len(reports)} reports, {os.cpu_count()} cores, --jobs {args.jobs}", flush=True)
        naive = baseline(reports, catalogue.kernel, project, scratch / "baseline")
        print(f"baseline (papermill CLI + nbconvert CLI, one by one): {naive:7.1f} s", flush=True)
        full = pipeline(project, scratch / "reports", args.jobs, args.only)
        print(f"full build (trade-pivot-reports):                     {full:7.1f} s", flush=True)
        noop = pipeline(project, scratch / "reports", args.jobs, args.only)
        pages = sorted((page for page in (scratch / "reports").glob("*.html") if page.name != "index.html"),
                       key=lambda page: page.stat().st_size)
        largest = pages[-1]
        print(f"speed-up (baseline / full build):                     {naive / full:7.1f} x   (target >= 4)")
        print(f"no-op rebuild:                                        {noop:7.2f} s   (target < 1)")
        print(f"largest HTML report: {largest.name} {largest.stat().st_size / 1e6:.2f} MB   (target < 2)")


if __name__ == "__main__":
    main()
