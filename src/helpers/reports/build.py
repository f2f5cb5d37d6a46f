"""Plan and run a build: check the catalogue, rebuild what changed, in parallel, under a lock.

Safe for a scheduler: one failing report never stops the others and never replaces its last good HTML;
the manifest is rewritten after every report, so a killed build loses at most the reports still running;
the exit status is non-zero when anything failed.
"""

from __future__ import annotations

import fnmatch
import os
import signal
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout

from helpers.reports import catalogue as catalogue_module
from helpers.reports.catalogue import Catalogue, CatalogueError, Report, cell_source, notebook_cells
from helpers.reports.execute import Job, Outcome, html_name, prepare_worker, run_report
from helpers.reports.index import INDEX_FILE, write_index
from helpers.reports.kernels import modules_imported
from helpers.reports.manifest import (
    datasets_read,
    environment_fingerprint,
    read_manifest,
    remove_stale_temporaries,
    report_hash,
    write_manifest,
)
from helpers.reports.progress import Progress
from helpers.reports.provenance import DatasetProvenance, build_info, describe_datasets, utc_now
from helpers.snapshot import paths

EXIT_OK = 0
EXIT_REPORT_FAILED = 1
EXIT_USAGE = 2
EXIT_LOCKED = 3
LOCK_FILE = ".build.lock"
SET_IN_NOTEBOOK = "(computed in the notebook)"


@dataclass(frozen=True)
class Options:
    root: Path
    catalogue: Path
    reports_dir: Path
    only: list[str] = field(default_factory=list)  # report names or shell patterns; empty = all
    force: bool = False
    jobs: int = os.cpu_count() or 1
    with_code: bool = False


class BuildInterrupted(BaseException):
    """SIGTERM (scheduler timeout, systemd stop) or SIGINT during a build."""

    def __init__(self, signal_number: int):
        super().__init__(signal.Signals(signal_number).name)
        self.exit_status = 128 + signal_number


def build(options: Options, stream=None) -> int:
    """Run a build; the return value is the process exit status."""
    options.reports_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(options.reports_dir / LOCK_FILE, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        Progress(0, stream).log("another report build is running (reports/.build.lock is held); exiting")
        return EXIT_LOCKED
    try:
        return build_locked(options, stream)
    finally:
        lock.release()


def build_locked(options: Options, stream) -> int:
    remove_stale_temporaries(options.reports_dir)
    try:
        catalogue = catalogue_module.load_catalogue(options.catalogue, options.root)
        selected = select(catalogue, options.only)
    except CatalogueError as error:
        Progress(0, stream).log(f"error: {error}")
        return EXIT_USAGE
    records = {name: record for name, record in read_manifest(options.reports_dir).items()
               if name in catalogue.names}
    environment = environment_fingerprint()
    hashes = {report.name: report_hash(report, options.root, environment) for report in selected}
    to_build = [report for report in selected
                if options.force or not up_to_date(records.get(report.name), hashes[report.name], options)]
    invalid = [error for error in catalogue.invalid if error.entry in selected_names(catalogue, options.only)]
    progress = Progress(len(to_build), stream)
    for error in invalid:
        progress.log(f"error: {error}")
        records[error.entry] = failed_record(records.get(error.entry, {}), "invalid", str(error))
    if not to_build and not invalid:
        progress.log(f"{len(selected)} reports up to date; nothing to rebuild")
        if not (options.reports_dir / INDEX_FILE).exists():
            write_index(options.reports_dir, catalogue.names, records, utc_now())
        return EXIT_OK
    try:
        outcomes = run_jobs(make_jobs(to_build, catalogue, options), options, records, hashes, progress) \
            if to_build else []
    except BuildInterrupted as interruption:
        progress.log(f"build interrupted by {interruption}; finished reports are kept, the rest keep their "
                     "previous version")
        finish(options, catalogue, records, progress)
        os._exit(interruption.exit_status)  # do not wait for running notebooks: workers die with this process
    finish(options, catalogue, records, progress)
    failed = [outcome.name for outcome in outcomes if not outcome.ok] + [error.entry for error in invalid]
    progress.log(f"built {sum(outcome.ok for outcome in outcomes)}, failed {len(failed)}: "
                 f"{', '.join(failed) or 'none'}")
    return EXIT_REPORT_FAILED if failed else EXIT_OK


def select(catalogue: Catalogue, only: list[str]) -> list[Report]:
    """The valid reports matching `--only` (all when empty); a pattern that matches nothing is an error."""
    for pattern in only:
        if not any(fnmatch.fnmatchcase(name, pattern) for name in catalogue.names):
            raise CatalogueError(f"--only {pattern!r} matches no report; reports: {', '.join(catalogue.names)}")
    wanted = selected_names(catalogue, only)
    return [report for report in catalogue.reports if report.name in wanted]


def selected_names(catalogue: Catalogue, only: list[str]) -> set[str]:
    if not only:
        return set(catalogue.names)
    return {name for name in catalogue.names if any(fnmatch.fnmatchcase(name, pattern) for pattern in only)}


def up_to_date(record: dict | None, current_hash: str, options: Options) -> bool:
    """Built before from the same inputs, and every page it needs is still there."""
    if not record or record.get("status") != "built" or record.get("hash") != current_hash:
        return False
    pages = [html_name(record["name"], False)] + ([html_name(record["name"], True)] if options.with_code else [])
    return all((options.reports_dir / page).exists() for page in pages)


def make_jobs(reports: list[Report], catalogue: Catalogue, options: Options) -> list[Job]:
    info = build_info(options.root)
    described: dict[str, DatasetProvenance] = {}
    jobs = []
    for report in reports:
        datasets = datasets_read(options.root / report.notebook)
        missing = [name for name in datasets if name not in described]
        described.update({d.name: d for d in describe_datasets(missing, paths.project_data_dir(options.root))})
        jobs.append(Job(report=report, root=options.root, reports_dir=options.reports_dir,
                        kernel=catalogue.kernel, cell_timeout_seconds=catalogue.cell_timeout_seconds,
                        with_code=options.with_code, parameters=effective_parameters(report, options.root),
                        datasets=[described[name] for name in datasets], build=info))
    return jobs


def effective_parameters(report: Report, root: Path) -> dict:
    """The values the notebook runs with: its declared defaults, overridden by the catalogue."""
    declared = catalogue_module.declared_parameters(root / report.notebook)
    defaults = {name: SET_IN_NOTEBOOK if value is catalogue_module.UNPARSEABLE else value
                for name, value in declared.items()}
    return {**defaults, **report.parameters}


def run_jobs(jobs: list[Job], options: Options, records: dict, hashes: dict, progress: Progress) -> list[Outcome]:
    """Run the jobs in a process pool; record each outcome in the manifest as soon as it arrives."""
    by_name = {job.report.name: job for job in jobs}
    for job in jobs:
        progress.log(f"building {job.report.name}")
    previous_handlers = {number: signal.signal(number, interrupt) for number in (signal.SIGTERM, signal.SIGINT)}
    preload = modules_imported([cell_source(cell) for job in jobs
                                for cell in notebook_cells(job.root / job.report.notebook)])
    pool = ProcessPoolExecutor(max_workers=max(1, min(options.jobs, len(jobs))), initializer=prepare_worker,
                               initargs=(preload, str(options.root)))
    outcomes: list[Outcome] = []
    try:
        futures = [pool.submit(run_report, job) for job in jobs]
        for future in as_completed(futures):
            outcome = future.result()
            outcomes.append(outcome)
            records[outcome.name] = outcome_record(by_name[outcome.name], outcome, records.get(outcome.name, {}),
                                                   hashes[outcome.name])
            write_manifest(options.reports_dir, records)
            progress.advance(describe_outcome(outcome))
        pool.shutdown()
        return outcomes
    except BuildInterrupted:
        finished = {outcome.name for outcome in outcomes}
        for job in jobs:
            if job.report.name not in finished:
                records[job.report.name] = failed_record(records.get(job.report.name, {}), "interrupted", "")
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        for number, handler in previous_handlers.items():
            signal.signal(number, handler)
        progress.close()


def interrupt(signal_number, _frame) -> None:
    raise BuildInterrupted(signal_number)


def outcome_record(job: Job, outcome: Outcome, previous: dict, current_hash: str) -> dict:
    if not outcome.ok:
        return failed_record({**catalogue_fields(job.report), **previous}, "failed", outcome.failure.describe())
    return {
        **catalogue_fields(job.report),
        "status": "built",
        "hash": current_hash,
        "built_at": job.build.built_at,
        "seconds": round(outcome.seconds, 1),
        "pages": outcome.pages,
        "vintage": {dataset.name: dataset.vintage for dataset in job.datasets},
    }


def catalogue_fields(report: Report) -> dict:
    return {"name": report.name, "title": report.title, "description": report.description,
            "audience": report.audience, "notebook": report.notebook}


def failed_record(previous: dict, status: str, failure: str) -> dict:
    """Keep what the last good build recorded (its pages stay linked), mark the new status and why."""
    return {**previous, "status": status, "failure": failure}


def describe_outcome(outcome: Outcome) -> str:
    if outcome.ok:
        return f"{outcome.name}: built in {outcome.seconds:.1f} s"
    return f"{outcome.name}: FAILED at {outcome.failure.describe()}"


def finish(options: Options, catalogue: Catalogue, records: dict, progress: Progress) -> None:
    write_manifest(options.reports_dir, records)
    write_index(options.reports_dir, catalogue.names, records, utc_now())
    progress.log(f"index: {options.reports_dir.name}/{INDEX_FILE}")
