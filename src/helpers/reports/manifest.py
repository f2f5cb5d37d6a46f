"""The build manifest (`reports/manifest.json`) and the dependency hash that decides what to rebuild.

A report depends on:
- its notebook's cells (type, source, tags; not outputs, so saving a run from JupyterLab rebuilds nothing),
- its catalogue entry's title, description and parameters (the page's header shows them),
- every `data/<name>.csv` its notebook reads with a literal `load("<name>"…)` call, and the entries of
  `data/sources.yaml` for those files and their sources (publishers and licences appear in the header);
  not the whole registry, whose checksum of every file changes whenever any file is updated,
- the files its catalogue entry lists in `depends_on` (read some other way, e.g. `data/claims.yaml`),
- the source of the whole `helpers` package, including `helpers.reports`: notebooks import the analysis
  modules, and `helpers.reports` writes the header and the HTML, so a change to either can change the page.
  A finer split (per imported module) would save a rebuild now and then, at the risk of a stale report;
  a full rebuild costs a minute, a stale report costs trust.
- the Python version, and the environment: the runtime part of the lock (``uv.lock`` of the checkout the
  package runs from: every package the runtime needs, transitively, at its locked version) and the installed
  version of each of those packages (what actually ran, should the environment have drifted from the lock).
  The lock's test, lab and build groups are left out: they never run in a report.
"""

from __future__ import annotations

import hashlib
import json
import platform
import re
import tomllib
from importlib import metadata
from pathlib import Path

import yaml

from helpers.reports.catalogue import Report, cell_source, notebook_cells
from helpers.snapshot import paths
from helpers.snapshot.files import write_bytes_atomic
from helpers.snapshot.paths import REGISTRY_FILE

MANIFEST_FILE = "manifest.json"
EXECUTED_DIR = "executed"  # executed notebooks, for researchers to open in JupyterLab
MANIFEST_FORMAT = 1
DISTRIBUTION = "taiwan-trade-pivot"
LOCK_FILE = "uv.lock"
LOAD_CALL = re.compile(r"""\bload\(\s*["']([A-Za-z0-9_]+)["']""")
HELPERS_SUFFIXES = {".py", ".yaml", ".css", ".j2", ".json"}


def datasets_read(notebook: Path) -> list[str]:
    """Names of the datasets a notebook loads, from its literal `load("<name>"…)` calls."""
    return sorted({name for cell in notebook_cells(notebook) for name in LOAD_CALL.findall(cell_source(cell))})


def data_files(datasets: list[str], root: Path) -> list[Path]:
    """The snapshot files behind the datasets, where the notebooks' loader finds them (``helpers.snapshot.paths``)."""
    return [paths.dataset_path(name, paths.project_data_dir(root)) for name in datasets]


def registry_entries(datasets: list[str], root: Path) -> dict:
    """What the sources registry says about these datasets' files and their sources.

    An unreadable registry is fingerprinted whole: the build then fails or succeeds on it as a whole.
    """
    path = paths.project_data_dir(root) / REGISTRY_FILE
    try:
        registry = yaml.safe_load(path.read_text(encoding="utf-8"))
        files, sources = registry["files"], registry["sources"]
    except (OSError, yaml.YAMLError, TypeError, KeyError):
        return {"unreadable registry": file_fingerprint(path)}
    entries = {}
    for name in datasets:
        entry = files.get(f"{name}.csv") or {}
        entries[name] = {"file": entry, "sources": {source: sources.get(source) for source in entry.get("sources", [])}}
    return entries


def notebook_fingerprint(notebook: Path) -> str:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    content = [(cell.get("cell_type"), cell_source(cell), cell.get("metadata", {}).get("tags", []))
               for cell in cells]
    return sha256_text(json.dumps(content, sort_keys=True))


def file_fingerprint(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return "missing"


def tree_fingerprint(directory: Path) -> str:
    """Hash of every source file under a package directory (relative names and contents)."""
    digest = hashlib.sha256()
    for path in sorted(directory.rglob("*")):
        if path.suffix in HELPERS_SUFFIXES and "__pycache__" not in path.parts:
            digest.update(path.relative_to(directory).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def locked_versions(lock: Path, groups: tuple[str, ...] = ()) -> dict[str, str]:
    """Name → version of every package ``lock`` resolves for the package's own dependencies and those of
    its dependency ``groups`` (test, lab…), transitively: extras included; environment markers disregarded,
    so a package needed on one platform only is listed too; a package locked at two versions for different
    Pythons lists both. Empty when there is no lock (a wheel installed outside a checkout)."""
    if not lock.is_file():
        return {}
    packages: dict[str, list[dict]] = {}
    for package in tomllib.loads(lock.read_text(encoding="utf-8"))["package"]:
        packages.setdefault(package["name"], []).append(package)
    seen: set[tuple[str, str]] = set()
    project = packages[DISTRIBUTION][0]
    pending = project.get("dependencies", []) + [requirement for group in groups
                                                   for requirement in project["dev-dependencies"][group]]
    while pending:
        requirement = pending.pop()
        for package in packages[requirement["name"]]:
            if requirement.get("version", package["version"]) != package["version"]:
                continue
            for extra in requirement.get("extra", []):
                pending += package.get("optional-dependencies", {}).get(extra, [])
            if (package["name"], package["version"]) not in seen:
                seen.add((package["name"], package["version"]))
                pending += package.get("dependencies", [])
    versions: dict[str, list[str]] = {}
    for name, version in sorted(seen):
        versions.setdefault(name, []).append(version)
    return {name: " | ".join(listed) for name, listed in versions.items()}


def installed_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "missing"


def dependency_versions(lock: Path) -> dict:
    """Python, the lock's runtime packages and the installed version of those and of every direct dependency."""
    try:
        requirements = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        requirements = []
    direct = {re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0] for requirement in requirements}
    locked = locked_versions(lock)
    return {"python": platform.python_version(), "locked": locked,
            "installed": {name: installed_version(name) for name in sorted(direct | set(locked))}}


def environment_fingerprint() -> str:
    """What every report shares: the helpers package source and the environment (see the module docstring)."""
    import helpers

    helpers_dir = Path(helpers.__file__).parent
    lock = helpers_dir.parents[1] / LOCK_FILE  # src/helpers in a checkout with an editable install
    return sha256_text(tree_fingerprint(helpers_dir) + json.dumps(dependency_versions(lock), sort_keys=True))


def report_hash(report: Report, root: Path, environment: str) -> str:
    notebook = root / report.notebook
    datasets = datasets_read(notebook)
    parts = {
        "notebook": notebook_fingerprint(notebook),
        "catalogue": {"title": report.title, "description": report.description, "parameters": report.parameters},
        "data": {path.name: file_fingerprint(path) for path in data_files(datasets, root)},
        "registry": registry_entries(datasets, root),
        "depends_on": {path: file_fingerprint(root / path) for path in report.depends_on},
        "environment": environment,
    }
    return sha256_text(json.dumps(parts, sort_keys=True, default=str))


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def read_manifest(reports_dir: Path) -> dict[str, dict]:
    """Report name -> its last recorded build. An unreadable manifest means: rebuild everything."""
    try:
        document = json.loads((reports_dir / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    if document.get("format") != MANIFEST_FORMAT:
        return {}
    return document.get("reports", {})


def write_manifest(reports_dir: Path, entries: dict[str, dict]) -> None:
    document = {"format": MANIFEST_FORMAT, "reports": entries}
    write_text_atomic(reports_dir / MANIFEST_FILE, json.dumps(document, indent=1, sort_keys=True))


def write_text_atomic(path: Path, text: str) -> None:
    """Write-then-rename (readers see the old file or the new one), skipped when the content is unchanged."""
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return
    write_bytes_atomic(data, path)


def remove_stale_temporaries(reports_dir: Path) -> None:
    """Delete temporary files a killed build left behind (call only while holding the build lock).

    Only where the build writes (reports/ and reports/executed/): other tools keep their own files under
    reports/ (e.g. the data update's reports/updates/) and may be writing them right now.
    """
    for directory in (reports_dir, reports_dir / EXECUTED_DIR):
        for temporary in directory.glob(".*.tmp*"):
            temporary.unlink(missing_ok=True)
