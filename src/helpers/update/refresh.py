"""``make refresh``, the scheduled monthly job: take the new official releases into the snapshot
(``helpers.update.cli``), then rebuild the reports whose data changed (``helpers.reports``, incremental).

The report build runs even when a source failed: a failed source leaves its file byte-identical, so
only the reports reading the files that did change are rebuilt. The exit status is the update's when it
failed (1: a source failed, 3: another update running), else the build's.
"""

from __future__ import annotations

import sys
from pathlib import Path

from helpers.reports import cli as reports_cli
from helpers.reports.build import Options, build
from helpers.snapshot import paths
from helpers.update import cli as update
from helpers.update.download import FetchSettings


def refresh(sources: list[str], data_dir: Path, update_dir: Path, settings: FetchSettings, options: Options,
            stream=None) -> int:
    stream = stream or sys.stdout
    updated = update.run(sources, data_dir, update_dir, settings, stream=stream)
    if updated == update.EXIT_LOCKED:
        return updated
    built = build(options, stream)
    return updated or built


def main(argv: list[str] | None = None) -> int:
    root = paths.data_dir().parent
    options = reports_cli.parse_args(["--root", str(root), *(argv if argv is not None else sys.argv[1:])])
    return refresh(list(update.PUBLISHERS), root / "data", root / "reports" / "updates", FetchSettings(), options)


if __name__ == "__main__":
    raise SystemExit(main())
