"""``trade-pivot-data``: take the latest official releases into the data snapshot.

For each source (``--source mof``, ``census``, ``moea``; all by default): download the official files,
parse them into the snapshot's format, merge them into the snapshot file, validate the result with the
loaders' rules plus continuity (nothing the snapshot has may disappear), print and save a change
report, and only then replace the file (write-then-rename) and record the retrieval in
``data/sources.yaml`` (and regenerate ``data/datapackage.json``). A source that fails leaves every file as it was and does not stop the others;
the exit status is 1 if any source failed. ``--dry-run`` does everything but the writing of data files.

``--rehash FILE --reason "..."`` records a deliberate hand edit of one snapshot file instead: the file must
keep every rule; its checksum (which the loader verifies) is recomputed and who, why and when are noted in
its ``data/sources.yaml`` entry.
"""

from __future__ import annotations

import argparse
import getpass
import io
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
from filelock import FileLock, Timeout

from helpers.snapshot import (
    DataValidationError,
    SnapshotFileError,
    datapackage,
    dataset_path,
    paths,
    read_snapshot_csv,
    registry,
    served,
    validate,
)
from helpers.snapshot.files import csv_bytes, write_bytes_atomic
from helpers.update import census, moea, mof
from helpers.update.changes import DEFAULT_REVISION_THRESHOLD, Changes, check_continuity, compare, describe
from helpers.update.download import MEGABYTE, Download, DownloadError, FetchSettings, fetch
from helpers.update.plan import Plan, SourceError

PUBLISHERS = {module.NAME: module for module in (mof, census, moea)}
EXIT_OK, EXIT_SOURCE_FAILED, EXIT_LOCKED = 0, 1, 3
LOCK_FILE = ".update.lock"
NOTHING_NEW = "Nothing new: every source matches the snapshot; no file was written."


@dataclass
class Outcome:
    name: str
    error: str | None = None
    findings: list[str] = field(default_factory=list)
    changes: Changes | None = None
    downloads: list[Download] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


def utc_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def checked_content(plan: Plan, data_dir: Path, threshold: float) -> tuple[bytes, Changes]:
    """The new file's bytes and its changes, once the merged frame passed every rule."""
    path = dataset_path(plan.dataset, data_dir)
    sources = registry.load_registry(data_dir)["sources"]
    content = csv_bytes(plan.frame)
    new = pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False)
    old = read_snapshot_csv(path)
    new_valid, old_valid = validate(plan.dataset, new, path, sources), validate(plan.dataset, old, path, sources)
    check_continuity(plan.dataset, served(plan.dataset, old_valid, path), served(plan.dataset, new_valid, path), path)
    return content, compare(plan.dataset, old_valid, new_valid, threshold)


def record_retrieval(data_dir: Path, source_id: str, retrieved: str, downloads: dict[str, str]) -> None:
    """Note in the source's registry entry when its files were taken into the snapshot, and their checksums."""
    document = registry.read_registry_file(data_dir)
    document["sources"][source_id].update({"retrieved": retrieved, "retrieved_files": downloads})
    registry.write_registry(document, data_dir)


def update_source(module, data_dir: Path, settings: FetchSettings, dry_run: bool, threshold: float,
                  retrieved: str) -> Outcome:
    outcome = Outcome(module.NAME)
    try:
        with tempfile.TemporaryDirectory(prefix="trade-pivot-download-") as scratch:
            outcome.downloads = [fetch(url, Path(scratch), module.MAX_BYTES, settings) for url in module.URLS]
            # Read whole only now that each body is known to be within its source's size limit.
            bodies = {download.url: download.path.read_bytes() for download in outcome.downloads}
        plan = module.plan(bodies, data_dir)
        outcome.findings = plan.findings
        if plan.dataset is None:
            return outcome
        content, outcome.changes = checked_content(plan, data_dir, threshold)
        path = dataset_path(plan.dataset, data_dir)
        if not dry_run and content != path.read_bytes():
            write_bytes_atomic(content, path)
            record_retrieval(data_dir, module.SOURCE_ID, retrieved,
                             {download.url: download.sha256 for download in outcome.downloads})
            outcome.written = True
    except (DownloadError, SourceError, DataValidationError, SnapshotFileError) as error:
        outcome.error = f"{type(error).__name__}: {error}"
    except Exception as error:  # noqa: BLE001 (one source's unforeseen failure must not stop the others)
        outcome.error = f"unexpected {type(error).__name__} (an unforeseen format or a bug): {error}"
    return outcome


def download_line(download: Download) -> str:
    """Names the URL the body came from when it is not the official one (a mirror, a same-host redirect)."""
    fetched = f" from {download.fetched_url}" if download.fetched_url != download.url else ""
    return f"- downloaded {download.url}{fetched} ({download.size:,} bytes, sha256 {download.sha256[:12]}…)"


def report_lines(outcomes: list[Outcome], retrieved: str, dry_run: bool, threshold: float) -> list[str]:
    lines = [f"# Data update {retrieved}{' (dry run: no file written)' if dry_run else ''}", ""]
    for outcome in outcomes:
        module = PUBLISHERS[outcome.name]
        status = "FAILED" if not outcome.ok else "updated" if outcome.written else "checked"
        lines.append(f"## {outcome.name} ({module.SOURCE_ID}): {status}")
        lines += [download_line(download) for download in outcome.downloads]
        if outcome.error:
            lines.append(f"- failed, snapshot left as it was: {outcome.error}")
        lines += [f"- {finding}" for finding in outcome.findings]
        if outcome.changes is not None:
            lines += [f"- {line}" if not line.startswith(" ") else line for line in describe(outcome.changes, threshold)]
        lines.append("")
    if all(outcome.ok and not (outcome.changes and outcome.changes.anything) for outcome in outcomes):
        lines.append(NOTHING_NEW)
    failed = [outcome.name for outcome in outcomes if not outcome.ok]
    if failed:
        lines.append(f"Failed: {', '.join(failed)} (exit status {EXIT_SOURCE_FAILED}).")
    return lines


def run(names: list[str], data_dir: Path, report_dir: Path, settings: FetchSettings = FetchSettings(),
        dry_run: bool = False, threshold: float = DEFAULT_REVISION_THRESHOLD, stream=None) -> int:
    """Update the named sources; print the change report to ``stream`` and save it in ``report_dir``."""
    stream = stream or sys.stdout
    report_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(report_dir / LOCK_FILE, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        print(f"another data update is running ({report_dir / LOCK_FILE} is held); exiting", file=stream)
        return EXIT_LOCKED
    try:
        retrieved = utc_now()
        outcomes = [update_source(PUBLISHERS[name], data_dir, settings, dry_run, threshold, retrieved)
                    for name in names]
        if any(outcome.written for outcome in outcomes):
            registry.refresh_file_entries(data_dir, retrieved=retrieved)
            datapackage.write(data_dir)
        text = "\n".join(report_lines(outcomes, retrieved, dry_run, threshold)) + "\n"
        (report_dir / f"{retrieved.replace(':', '').replace('-', '')}.md").write_text(text, encoding="utf-8")
        print(text, end="", file=stream)
        return EXIT_OK if all(outcome.ok for outcome in outcomes) else EXIT_SOURCE_FAILED
    finally:
        lock.release()


def megabytes(text: str) -> float:
    value = float(text)
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of MiB")
    return value


def rehash(data_dir: Path, file: str, reason: str, by: str, stream=None) -> int:
    """Record a deliberate edit of one snapshot file, once it passes every rule of its dataset."""
    stream = stream or sys.stdout
    name = Path(file).name
    try:
        path = dataset_path(Path(name).stem, data_dir)
        served(path.stem, validate(path.stem, read_snapshot_csv(path), path, registry.load_registry(data_dir)["sources"]),
               path)
        entry = registry.record_edit(data_dir, name, reason, by, utc_now())
        datapackage.write(data_dir)
    except (ValueError, SnapshotFileError) as error:  # DataValidationError is a ValueError
        print(f"not recorded: {error}", file=stream)
        return EXIT_SOURCE_FAILED
    print(f"recorded the edit of {name} (sha256 {entry['sha256']}) by {by}: {reason}", file=stream)
    return EXIT_OK


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="trade-pivot-data", description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", action="append", choices=sorted(PUBLISHERS), dest="sources",
                        help="update only this source (repeatable; default: all)")
    parser.add_argument("--dry-run", action="store_true", help="download, check and report, but write no data file")
    parser.add_argument("--data-dir", type=Path, default=paths.data_dir(),
                        help="the snapshot directory (default: the package's data/)")
    parser.add_argument("--report-dir", type=Path, default=None,
                        help="where change reports are saved (default: reports/updates/ beside the data directory)")
    parser.add_argument("--timeout", type=float, default=FetchSettings.timeout, help="seconds for connecting and for each read; a whole download may take 5 times this")
    parser.add_argument("--retries", type=int, default=FetchSettings.retries, help="further attempts after a failure")
    parser.add_argument("--max-mb", type=megabytes, default=None,
                        help="the largest download accepted, in MiB (default: each source's own limit, "
                             + ", ".join(f"{name} {module.MAX_BYTES // MEGABYTE}" for name, module in PUBLISHERS.items())
                             + ")")
    parser.add_argument("--base-url", default=None, help="fetch the official paths from this server instead (mirror, tests)")
    parser.add_argument("--revision-threshold", type=float, default=DEFAULT_REVISION_THRESHOLD * 100,
                        help="list revisions larger than this many percent one by one (default %(default)s)")
    parser.add_argument("--rehash", metavar="FILE",
                        help="record a deliberate edit of a snapshot file (e.g. japan_taiwan.csv) instead of updating")
    parser.add_argument("--reason", default="", help="with --rehash: why the file was edited (required)")
    parser.add_argument("--by", default=getpass.getuser(), help="with --rehash: who edited it (default: %(default)s)")
    args = parser.parse_args(argv)
    if args.rehash and not args.reason.strip():
        parser.error("--rehash needs --reason \"...\" saying why the file was edited")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.rehash:
        return rehash(args.data_dir, args.rehash, args.reason, args.by)
    max_bytes = max(1, round(args.max_mb * MEGABYTE)) if args.max_mb else None
    settings = FetchSettings(timeout=args.timeout, retries=args.retries, base_url=args.base_url, max_bytes=max_bytes)
    return run(list(dict.fromkeys(args.sources or PUBLISHERS)), args.data_dir, args.report_dir or args.data_dir.parent / "reports" / "updates",
               settings, args.dry_run, args.revision_threshold / 100)


if __name__ == "__main__":
    raise SystemExit(main())
