"""Run one report in a worker process: papermill, the executed copy for researchers, the HTML for readers.

Everything a report writes goes to a temporary file first and is renamed into place only when complete,
so a failure or a kill never replaces the previous good HTML. A failed run is kept as
`executed/<name>.failed.ipynb` so a researcher can open it at the failing cell.

Whatever goes wrong inside one report (a cell's error, a dead kernel, a full disk, a run that cannot be read
back) fails that report only: `run_report` returns it as a one-line `Failure` saying where and why.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import time
from contextlib import suppress
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from helpers.reports import kernels
from helpers.reports.catalogue import Report, cell_source
from helpers.reports.html import INJECTED_PARAMETERS_TAG, key_findings_summary, render_report, scrub_local_details
from helpers.reports.manifest import EXECUTED_DIR, write_text_atomic
from helpers.reports.provenance import BuildInfo, DatasetProvenance

PR_SET_PDEATHSIG = 1
TIMEOUT_PREVIEW_RULE = "-------------------"  # nbclient's CellTimeoutError frames the cell's source with it
ADDED_BY_PAPERMILL = {INJECTED_PARAMETERS_TAG, "papermill-error-cell-tag"}  # not in the committed notebook


@dataclass(frozen=True)
class Job:
    report: Report
    root: Path
    reports_dir: Path
    kernel: str
    cell_timeout_seconds: int
    with_code: bool
    parameters: dict  # effective values (notebook defaults overridden by the catalogue), for the header
    datasets: list[DatasetProvenance]
    build: BuildInfo


@dataclass(frozen=True)
class Failure:
    where: str  # "cell 7 ('frame = load(…)')", "writing alpha.html", …
    error: str  # one line: "ValueError: partner must be one of …"

    def describe(self) -> str:
        return f"{self.where}: {self.error}"


def cell_failure(position: int, source: str, error: str) -> Failure:
    """A failure in the cell at 1-based `position` of the notebook as committed (injected cells not counted)."""
    return Failure(where=f"cell {position} ({first_line(source)[:80]!r})", error=error)


def step_failure(step: str, error: BaseException, root: Path) -> Failure:
    """A failure outside the notebook's cells (writing a page, a worker that died), with no local path."""
    return Failure(where=step, error=scrub_local_details(error_text(error), root))


@dataclass(frozen=True)
class Outcome:
    name: str
    ok: bool
    seconds: float
    failure: Failure | None = None
    pages: list[str] = field(default_factory=list)  # HTML files written, relative to reports/
    summary: dict = field(default_factory=dict)  # the key-findings block's first finding and data currency


def html_name(name: str, with_code: bool) -> str:
    return f"{name}.code.html" if with_code else f"{name}.html"


def executed_path(reports_dir: Path, name: str, failed: bool) -> Path:
    return reports_dir / EXECUTED_DIR / (f"{name}.failed.ipynb" if failed else f"{name}.ipynb")


def prepare_worker(preload: list[str], root: str) -> None:
    """Pool initializer: tie the worker's life to the build's and start its kernel server.

    A worker is killed outright when the build process dies (Linux parent-death signal): a build stopped by
    a signal writes its index and exits without waiting for running notebooks, and its workers must not
    live on and write reports behind the next build's back. Killing them is safe because every file is
    written by rename; their kernel servers and kernels follow them (see `helpers.reports.kernels`).
    """
    global KERNEL_SERVER
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the build process decides
    KERNEL_SERVER = kernels.start_server(preload, root)  # it exits by itself when this worker does


KERNEL_SERVER = None  # (process, socket address) of this worker's kernel server, once prepare_worker ran
SERVER_START_SECONDS = 60


def run_report(job: Job) -> Outcome:
    """Execute and render one report; never raises, the outcome says what happened."""
    started = time.monotonic()
    name = job.report.name
    step = "preparing reports/executed/"
    try:
        executed_path(job.reports_dir, name, failed=False).parent.mkdir(parents=True, exist_ok=True)
        step = "running the notebook"
        nb = execute_or_failure(job)
        if isinstance(nb, Failure):
            return Outcome(name=name, ok=False, seconds=time.monotonic() - started, failure=nb)
        step = "writing " + " and ".join(page_names(job))
        pages = write_pages(nb, job)
        step = "writing the executed notebook"
        keep_executed(nb, executed_path(job.reports_dir, name, failed=False), job)
        executed_path(job.reports_dir, name, failed=True).unlink(missing_ok=True)
    except Exception as error:  # noqa: BLE001 - any failure inside one report fails that report only
        return Outcome(name=name, ok=False, seconds=time.monotonic() - started,
                       failure=step_failure(step, error, job.root))
    return Outcome(name=name, ok=True, seconds=time.monotonic() - started, pages=pages,
                   summary=key_findings_summary(nb))


def execute_or_failure(job: Job):
    """The executed notebook, or where and why it failed (its partial run kept for researchers)."""
    scratch = job.reports_dir / EXECUTED_DIR / f".{job.report.name}.{os.getpid()}.tmp.ipynb"
    try:
        return execute(job, scratch)
    except Exception as error:  # noqa: BLE001 - any failure of one notebook is reported, not raised
        partial = read_back(scratch)  # papermill's, up to the failing cell
        if partial is not None:
            with suppress(OSError):  # e.g. a full disk: the cell's error is what matters, this copy is a help
                keep_executed(partial, executed_path(job.reports_dir, job.report.name, failed=True), job)
        return describe_failure(partial, error, job)
    finally:
        scratch.unlink(missing_ok=True)


def read_back(scratch: Path):
    """papermill's copy of a failed run, or None when there is none or it cannot be read (a kernel or a disk
    that failed while it was written); the failure is then located from the committed notebook."""
    try:
        return read_notebook(scratch) if scratch.exists() else None
    except Exception:  # noqa: BLE001 - nbformat raises JSON, schema and OS errors alike
        return None


def execute(job: Job, output: Path):
    import papermill

    notebook = job.root / job.report.notebook
    return papermill.execute_notebook(
        str(notebook), str(output), parameters=job.report.parameters, kernel_name=job.kernel,
        execution_timeout=job.cell_timeout_seconds, cwd=str(notebook.parent),
        progress_bar=False, log_output=False, request_save_on_cell_execute=False,
        # Silence the kernel process's own log: ipykernel's TCP notice at start-up, and the
        # "KeyboardInterrupt caught in kernel" that jupyter_client's interrupt-before-shutdown provokes, are
        # noise in scheduler logs. Everything the notebook prints is kept in the executed notebook, and a
        # kernel that cannot start or dies fails the report with papermill's error.
        extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
        **kernel_arguments(),
    )


def kernel_arguments() -> dict:
    """papermill arguments for this report's kernel: forked from this worker's kernel server when it runs."""
    server_ready = KERNEL_SERVER is not None and kernels.wait_until_ready(*KERNEL_SERVER, SERVER_START_SECONDS)
    return {"kernel_manager_class": local_kernel_manager(KERNEL_SERVER[1] if server_ready else None)}


@lru_cache(maxsize=2)
def local_kernel_manager(server_address: str | None):
    """jupyter_client's manager with the kernel's channels on private Unix sockets, launched through the
    kernel server's stub when there is a server.

    Over TCP, jupyter_client picks free ports and the kernel binds them a moment later; a browser, a test
    server or another build taking one meanwhile kills the kernel before it starts ("Kernel died before
    replying to kernel_info"). A socket file with a random name cannot be taken.
    """
    import tempfile
    import uuid

    from jupyter_client.manager import AsyncKernelManager
    from traitlets import CaselessStrEnum, default

    class LocalKernelManager(AsyncKernelManager):
        transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)

        @default("ip")
        def _private_socket_prefix(self) -> str:
            # jupyter_client's own default is "kernel-ipc" in the working directory, shared by every kernel
            # started there at the same time.
            return os.path.join(tempfile.gettempdir(), f"kernel-{uuid.uuid4().hex}")

        def format_kernel_cmd(self, extra_arguments=None):
            command = super().format_kernel_cmd(extra_arguments)
            return command if server_address is None else kernels.kernel_command(server_address, command)

    return LocalKernelManager


def page_names(job: Job) -> list[str]:
    return [html_name(job.report.name, with_code) for with_code in ((False, True) if job.with_code else (False,))]


def write_pages(nb, job: Job) -> list[str]:
    pages = page_names(job)
    for page in pages:
        text = render_report(nb, report=job.report, parameters=job.parameters, datasets=job.datasets,
                             build=job.build, with_code=page.endswith(".code.html"), root=job.root)
        write_text_atomic(job.reports_dir / page, text)
    return pages


def keep_executed(nb, destination: Path, job: Job) -> None:
    """Write an executed notebook for researchers, with papermill's local paths made project-relative."""
    import nbformat

    papermill_metadata = nb.metadata.get("papermill", {})
    papermill_metadata["input_path"] = job.report.notebook
    papermill_metadata["output_path"] = destination.relative_to(job.reports_dir.parent).as_posix()
    papermill_metadata.pop("environment_variables", None)
    write_text_atomic(destination, nbformat.writes(nb))


def read_notebook(path: Path):
    import nbformat

    return nbformat.read(path, as_version=4)


def describe_failure(partial, error: Exception, job: Job) -> Failure:
    """Which cell failed and why.

    A cell error leaves papermill's `partial` notebook, with the error output. A timeout or a dead kernel
    leaves none; nbclient's timeout message previews the cell, which is found in the committed notebook.
    """
    message = scrub_local_details(error_text(error), job.root)
    if partial is not None:
        cells = [cell for cell in partial.cells
                 if not ADDED_BY_PAPERMILL & set(cell.metadata.get("tags", []))]
        position = failing_cell_index(cells)
    else:
        cells = committed_cells(job)
        position = cell_previewed_in(str(error), cells)
    if position is None:
        return Failure(where="the notebook (no cell identified)", error=message)
    return cell_failure(position + 1, cell_source(cells[position]), message)


def committed_cells(job: Job) -> list:
    try:
        return read_notebook(job.root / job.report.notebook).cells
    except (OSError, ValueError):  # changed or removed since the build started: no cell can be named
        return []


def first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def cell_previewed_in(message: str, cells) -> int | None:
    """The cell whose first line opens the preview in nbclient's timeout message (between dashed lines)."""
    parts = message.split(TIMEOUT_PREVIEW_RULE)
    if len(parts) < 3:
        return None
    preview = first_line(parts[1])
    return next((position for position, cell in enumerate(cells)
                 if preview and first_line(cell_source(cell)) == preview), None)


def error_text(error: Exception) -> str:
    """One line: the notebook's own exception for cell errors, else the executor's."""
    ename, evalue = getattr(error, "ename", None), getattr(error, "evalue", None)
    if ename:
        return f"{ename}: {evalue}".strip()
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0] if text else ''}".strip()


def failing_cell_index(cells) -> int | None:
    """The cell with an error output or papermill's exception mark, else the last one that started."""
    started = None
    for position, cell in enumerate(cells):
        papermill_state = cell.metadata.get("papermill", {})
        has_error = any(output.get("output_type") == "error" for output in cell.get("outputs", []))
        if has_error or papermill_state.get("exception"):
            return position
        if papermill_state.get("start_time"):
            started = position
    return started
