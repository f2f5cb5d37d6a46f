"""`trade-pivot-reports` (what `make reports` runs): build the reports in reports.yaml into reports/.

Exit status (docs/scheduling.md): 0 all reports up to date, 1 a report or its catalogue entry failed (its last
good HTML stays, the others are built), 2 the catalogue as a whole or the command line is wrong, 3 another build
holds the lock, 4 the index or the manifest could not be written, 128+N stopped by signal N.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from helpers.reports.build import Options, build


def parse_args(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(
        prog="trade-pivot-reports",
        description="Build the reports listed in reports.yaml as self-contained offline HTML in reports/. "
                    "Only reports whose notebook, parameters, data, helpers or dependencies changed are rebuilt.")
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help="build only this report (a name or a shell pattern such as 'partner_*'); repeatable")
    parser.add_argument("--force", action="store_true", help="rebuild even reports that are up to date")
    parser.add_argument("--jobs", type=positive_int, default=os.cpu_count() or 1, metavar="N",
                        help="notebooks run in parallel (default: the number of CPU cores)")
    parser.add_argument("--with-code", action="store_true",
                        help="also write <name>.code.html, the researcher variant with code cells")
    parser.add_argument("--pdf", action="store_true",
                        help="also print every built report to reports/<name>.pdf (A4) with headless Chromium")
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="project directory holding reports.yaml, notebooks/ and data/ (default: current)")
    parser.add_argument("--catalogue", type=Path, help="report catalogue (default: ROOT/reports.yaml)")
    parser.add_argument("--output", type=Path, help="output directory (default: ROOT/reports)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    return Options(root=root, catalogue=args.catalogue or root / "reports.yaml",
                   reports_dir=args.output or root / "reports", only=args.only, force=args.force,
                   jobs=args.jobs, with_code=args.with_code, pdf=args.pdf)


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main(argv: list[str] | None = None) -> int:
    return build(parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
