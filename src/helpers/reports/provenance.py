"""What a report's header says about its data and its build.

Data vintage comes from `helpers.snapshot.loader.vintage`, publishers and licences from `helpers.snapshot.registry` (the
`files:` entry of each snapshot file names its sources). Both are imported lazily: they import pandas,
which a no-op build never needs.
"""

from __future__ import annotations

import subprocess
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from helpers.reports.manifest import DISTRIBUTION

UNKNOWN = "unknown"


@dataclass(frozen=True)
class Source:
    publisher: str
    dataset: str
    licence: str


@dataclass(frozen=True)
class DatasetProvenance:
    name: str
    vintage: str
    sources: tuple[Source, ...]

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class BuildInfo:
    package_version: str
    git_commit: str
    built_at: str  # UTC, ISO 8601 to the second


def describe_datasets(datasets: list[str], data_dir: Path) -> list[DatasetProvenance]:
    """Vintage and sources of each dataset; `unknown` where the snapshot or registry has no answer."""
    from helpers import snapshot
    from helpers.snapshot import registry

    try:
        files = registry.load_registry(data_dir)["files"]
    except (FileNotFoundError, ValueError):
        files = {}
    described = []
    for name in datasets:
        try:
            vintage = snapshot.vintage(name, data_dir)
        except Exception:  # noqa: BLE001 - a header detail never stops a build; the notebook reports real errors
            vintage = UNKNOWN
        source_ids = files.get(f"{name}.csv", {}).get("sources", [])
        sources = tuple(describe_source(source_id, data_dir) for source_id in source_ids)
        described.append(DatasetProvenance(name=name, vintage=vintage, sources=sources))
    return described


def describe_source(source_id: str, data_dir: Path) -> Source:
    from helpers.snapshot import registry

    try:
        entry = registry.source(source_id, data_dir)
    except KeyError:
        return Source(publisher=UNKNOWN, dataset=source_id, licence=UNKNOWN)
    return Source(publisher=entry.get("publisher", UNKNOWN), dataset=entry.get("dataset", source_id),
                  licence=entry.get("licence", UNKNOWN))


def build_info(root: Path) -> BuildInfo:
    return BuildInfo(package_version=package_version(), git_commit=git_commit(root), built_at=utc_now())


def package_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        import helpers

        return helpers.__version__


def git_commit(root: Path) -> str:
    """Short commit of the working tree, suffixed `-dirty` when it has uncommitted changes."""
    try:
        result = subprocess.run(["git", "describe", "--always", "--dirty", "--abbrev=12"], cwd=root,
                                capture_output=True, text=True, timeout=10, check=True)
    except (OSError, subprocess.SubprocessError):
        return UNKNOWN
    return result.stdout.strip() or UNKNOWN


def utc_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
