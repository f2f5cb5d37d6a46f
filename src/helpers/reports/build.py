"""Plan and run a build: check the catalogue, rebuild what changed, in parallel, under a lock.

Safe for a scheduler: whatever fails inside one report (a cell, its kernel, its worker process, a full disk)
or in its catalogue entry fails that report only and never replaces its last good HTML; the manifest is
rewritten after every report, so a killed build loses at most the reports still running; every build, also
one stopped by SIGTERM or Ctrl-C, ends by rewriting index.html and the manifest to say how every report
stands, then ends its workers, and only then releases its lock. Exit statuses: see `EXIT_*` and
docs/scheduling.md.
"""

from __future__ import annotations

import fnmatch
import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

from filelock import FileLock, Timeout

from helpers.reports import catalogue as catalogue_module
from helpers.reports.catalogue import Catalogue, CatalogueError, Report, cell_source, notebook_cells
from helpers.reports.execute import Job, Outcome, html_name, prepare_worker, run_report, step_failure
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
from helpers.reports.pdf import ChromiumMissing, find_chromium, write_pdfs
from helpers.reports.progress import Progress
from helpers.reports.provenance import BuildInfo, DatasetProvenance, build_info, describe_datasets, utc_now
from helpers.snapshot import paths

EXIT_OK = 0  # every selected report is up to date
EXIT_REPORT_FAILED = 1  # a report failed or its catalogue entry is wrong; index.html says which and why
EXIT_USAGE = 2  # the catalogue as a whole or the command line is wrong; nothing was built
EXIT_LOCKED = 3  # another build holds the lock
EXIT_NOT_RECORDED = 4  # index.html or manifest.json could not be written (e.g. a full disk): they may be stale
# Stopped by signal N (SIGTERM, Ctrl-C): 128 + N, after writing the index and the manifest.
LOCK_FILE = ".build.lock"
SET_IN_NOTEBOOK = "(computed in the notebook)"
LOST_WORKER = "its worker process"


@dataclass(frozen=True)
class Options:
    root: Path
    catalogue: Path
    reports_dir: Path
    only: list[str] = field(default_factory=list)  # report names or shell patterns; empty = all
    force: bool = False
    jobs: int = os.cpu_count() or 1
    with_code: bool = False
    pdf: bool = False  # also print every built report to reports/<name>.pdf (headless Chromium)


class BuildInterrupted(BaseException):
    """SIGTERM (scheduler timeout, systemd stop) or SIGINT during a build."""

    def __init__(self, signal_number: int):
        super().__init__(signal.Signals(signal_number).name)


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
        lock.release()  # build_locked returns or raises only once every worker it started has ended


def build_locked(options: Options, stream) -> int:
    remove_stale_temporaries(options.reports_dir)
    try:
        catalogue = catalogue_module.load_catalogue(options.catalogue, options.root)
        selected = select(catalogue, options.only)
    except CatalogueError as error:
        Progress(0, stream).log(f"error: {error}")
        return EXIT_USAGE
    if options.pdf and find_chromium() is None:
        Progress(0, stream).log(f"error: {ChromiumMissing()}")
        return EXIT_USAGE
    run = Run(options, catalogue, current_records(read_manifest(options.reports_dir), catalogue), stream)
    with Signals() as signals:
        try:
            run.build(selected)
            if options.pdf:
                run.print_pdfs(selected)
        except BuildInterrupted as interruption:
            run.log(f"build interrupted by {interruption}; finished reports are kept, the rest keep their "
                    "previous version")
        finally:
            signals.armed = False  # a second signal must not stop the index and manifest from being written
            recorded = run.record()
    if signals.received:
        return 128 + signals.received
    if not recorded:
        return EXIT_NOT_RECORDED
    return EXIT_REPORT_FAILED if run.failed else EXIT_OK


class Signals:
    """SIGTERM and SIGINT raise `BuildInterrupted` once, while `armed`; any signal after that is only noted."""

    def __init__(self):
        self.armed = True
        self.received: int | None = None

    def __enter__(self) -> Self:
        self.previous = {number: signal.signal(number, self.handle) for number in (signal.SIGTERM, signal.SIGINT)}
        return self

    def __exit__(self, *_exception) -> None:
        for number, handler in self.previous.items():
            signal.signal(number, handler)

    def handle(self, signal_number, _frame) -> None:
        self.received = self.received or signal_number
        if self.armed:
            self.armed = False  # ending the workers and writing the index must not be interrupted in turn
            raise BuildInterrupted(signal_number)


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


def current_records(manifest: dict[str, dict], catalogue: Catalogue) -> dict[str, dict]:
    """The manifest's records of the reports still in the catalogue, with the catalogue's current title and
    description (the index shows them even for a report that is not rebuilt)."""
    records = {name: record for name, record in manifest.items() if name in catalogue.names}
    for report in catalogue.reports:
        if report.name in records:
            records[report.name] = {**records[report.name], **catalogue_fields(report)}
    return records


class Run:
    """One build: what to rebuild, the outcomes as they arrive, and the records that index and manifest show."""

    def __init__(self, options: Options, catalogue: Catalogue, records: dict[str, dict], stream):
        self.options, self.catalogue, self.records, self.stream = options, catalogue, records, stream
        self.reports = {report.name: report for report in catalogue.reports}
        self.progress = Progress(0, stream)
        self.hashes: dict[str, str] = {}
        self.running: dict[str, Job] = {}
        self.failed: list[str] = []
        self.built = 0

    def log(self, message: str) -> None:
        self.progress.log(message)

    def build(self, selected: list[Report]) -> None:
        wanted = selected_names(self.catalogue, self.options.only)
        for error in self.catalogue.invalid:
            if error.entry in wanted:
                self.fail(error.entry, "invalid", str(error))
        jobs = self.jobs_to_run(selected)
        if not jobs and not self.failed:
            self.log(f"{len(selected)} reports up to date; nothing to rebuild")
            return
        self.progress = Progress(len(jobs), self.stream)
        self.running = {job.report.name: job for job in jobs}
        try:
            for job in jobs:
                self.log(f"building {job.report.name}")
            if jobs:
                run_jobs(jobs, self.options, self.finished)
        except BaseException as error:
            status, reason = ("interrupted", "") if isinstance(error, BuildInterrupted) \
                else ("failed", step_failure("the build", error, self.options.root).describe())
            for name in list(self.running):
                self.fail(name, status, reason, quiet=True)
            raise
        finally:
            self.progress.close()
        self.log(f"built {self.built}, failed {len(self.failed)}: {', '.join(self.failed) or 'none'}")

    def print_pdfs(self, selected: list[Report]) -> None:
        """A PDF of every selected report that is built (printed again only when its page changed)."""
        self.failed += write_pdfs(self.options.reports_dir, self.records, [report.name for report in selected],
                                  self.log)

    def jobs_to_run(self, selected: list[Report]) -> list[Job]:
        """Jobs for the selected reports that are not up to date; a report whose inputs cannot be read fails."""
        environment = environment_fingerprint()
        info = build_info(self.options.root)
        described: dict[str, DatasetProvenance] = {}
        jobs = []
        for report in selected:
            try:
                self.hashes[report.name] = report_hash(report, self.options.root, environment)
                if self.options.force or not up_to_date(self.records.get(report.name), self.hashes[report.name],
                                                        self.options):
                    jobs.append(make_job(report, self.catalogue, self.options, info, described))
            except (OSError, ValueError) as error:
                self.fail(report.name, "failed", step_failure(f"reading the inputs of {report.name}", error,
                                                              self.options.root).describe())
        return jobs

    def finished(self, job: Job, outcome: Outcome) -> None:
        """Record one report's outcome at once, so that a killed build keeps it."""
        self.running.pop(outcome.name, None)
        if outcome.ok:
            self.built += 1
            self.records[outcome.name] = built_record(job, outcome, self.hashes[outcome.name])
        else:
            self.fail(outcome.name, "failed", outcome.failure.describe(), quiet=True)
        self.write_manifest()
        self.progress.advance(describe_outcome(outcome))

    def fail(self, name: str, status: str, reason: str, quiet: bool = False) -> None:
        """Keep what the last good build recorded (its pages stay linked), mark the new status and why."""
        report = self.reports.get(name)
        self.records[name] = {**self.records.get(name, {}), **(catalogue_fields(report) if report else {}),
                              "status": status, "failure": reason}
        if status != "interrupted":
            self.failed.append(name)
        if not quiet:
            self.log(f"error: {reason}")

    def write_manifest(self) -> bool:
        try:
            write_manifest(self.options.reports_dir, self.records)
        except OSError as error:
            self.log(f"error: could not write {self.options.reports_dir.name}/manifest.json: {error}")
            return False
        return True

    def record(self) -> bool:
        """Write the manifest and the index from the records; False if either could not be written."""
        manifest_written = self.write_manifest()
        try:
            write_index(self.options.reports_dir, self.catalogue.names, self.records, utc_now())
        except OSError as error:
            self.log(f"error: could not write {self.options.reports_dir.name}/{INDEX_FILE}: {error}")
            return False
        self.log(f"index: {self.options.reports_dir.name}/{INDEX_FILE}")
        return manifest_written


def up_to_date(record: dict | None, current_hash: str, options: Options) -> bool:
    """Built before from the same inputs, and every page it needs is still there."""
    if not record or record.get("status") != "built" or record.get("hash") != current_hash:
        return False
    pages = [html_name(record["name"], False)] + ([html_name(record["name"], True)] if options.with_code else [])
    return all((options.reports_dir / page).exists() for page in pages)


def make_job(report: Report, catalogue: Catalogue, options: Options, info: BuildInfo,
             described: dict[str, DatasetProvenance]) -> Job:
    """The job for one report; `described` caches the datasets' provenance across reports."""
    datasets = datasets_read(options.root / report.notebook)
    missing = [name for name in datasets if name not in described]
    described.update({d.name: d for d in describe_datasets(missing, paths.project_data_dir(options.root))})
    return Job(report=report, root=options.root, reports_dir=options.reports_dir,
               kernel=catalogue.kernel, cell_timeout_seconds=catalogue.cell_timeout_seconds,
               with_code=options.with_code, parameters=effective_parameters(report, options.root),
               datasets=[described[name] for name in datasets], build=info)


def effective_parameters(report: Report, root: Path) -> dict:
    """The values the notebook runs with: its declared defaults, overridden by the catalogue."""
    declared = catalogue_module.declared_parameters(root / report.notebook)
    defaults = {name: SET_IN_NOTEBOOK if value is catalogue_module.UNPARSEABLE else value
                for name, value in declared.items()}
    return {**defaults, **report.parameters}


def run_jobs(jobs: list[Job], options: Options, on_outcome) -> None:
    """Run the jobs in worker processes; pass each outcome on as soon as it arrives.

    A worker that dies (killed, out of memory) breaks its whole pool: the reports it took down with it are
    run again, each in a pool of its own, so that only the report that kills its worker fails.
    """
    for job in run_in_pool(jobs, options, on_outcome):
        for lost in run_in_pool([job], options, on_outcome):
            on_outcome(lost, Outcome(name=lost.report.name, ok=False, seconds=0.0, failure=step_failure(
                LOST_WORKER, BrokenProcessPool("the process running the report died (killed? out of memory?)"),
                options.root)))


def run_in_pool(jobs: list[Job], options: Options, on_outcome) -> list[Job]:
    """Run the jobs in one pool of workers; return those lost to a worker that died.

    Every worker has ended when this returns or raises (on an interruption they are killed), so that no
    worker of this build can write a page after the build has released its lock.
    """
    preload = modules_imported([cell_source(cell) for job in jobs
                                for cell in notebook_cells(job.root / job.report.notebook)])
    pool = ProcessPoolExecutor(max_workers=max(1, min(options.jobs, len(jobs))), initializer=prepare_worker,
                               initargs=(preload, str(options.root)))
    lost = []
    try:
        futures = {pool.submit(run_report, job): job for job in jobs}
        for future in as_completed(futures):
            job = futures[future]
            try:
                outcome = future.result()
            except BrokenProcessPool:
                lost.append(job)
                continue
            except Exception as error:  # noqa: BLE001 - e.g. an outcome that cannot be sent back: this report only
                outcome = Outcome(name=job.report.name, ok=False, seconds=0.0,
                                  failure=step_failure(LOST_WORKER, error, options.root))
            on_outcome(job, outcome)
    except BaseException:
        kill_workers()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return lost


def kill_workers() -> None:
    """Kill the build's worker processes and wait until each has ended (the build starts no other
    multiprocessing children). Safe: every file is written by rename; kernels follow their workers."""
    workers = multiprocessing.active_children()
    for worker in workers:
        worker.kill()
    for worker in workers:
        worker.join()


def built_record(job: Job, outcome: Outcome, current_hash: str) -> dict:
    return {
        **catalogue_fields(job.report),
        "status": "built",
        "hash": current_hash,
        "built_at": job.build.built_at,
        "seconds": round(outcome.seconds, 1),
        "pages": outcome.pages,
        "vintage": {dataset.name: dataset.vintage for dataset in job.datasets},
        "summary": outcome.summary,
    }


def catalogue_fields(report: Report) -> dict:
    return {"name": report.name, "title": report.title, "description": report.description,
            "audience": report.audience, "notebook": report.notebook}


def describe_outcome(outcome: Outcome) -> str:
    if outcome.ok:
        return f"{outcome.name}: built in {outcome.seconds:.1f} s"
    return f"{outcome.name}: FAILED at {outcome.failure.describe()}"
