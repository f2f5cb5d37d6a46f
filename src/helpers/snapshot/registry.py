"""The sources registry, `data/sources.yaml`: who published each series, under which licence, and the
checksum and coverage of every snapshot file. Every row of every data file names a source id here."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from helpers.snapshot import paths
from helpers.snapshot.files import sha256, write_bytes_atomic
from helpers.snapshot.paths import REGISTRY_FILE
from helpers.snapshot.yaml_document import read_yaml_mapping
from helpers.snapshot.yaml_schema import problems


@lru_cache(maxsize=8)
def _read(path: Path, mtime_ns: int) -> dict:
    # mtime_ns is only part of the cache key: an updated registry is read again.
    registry = read_yaml_mapping(path, "sources registry")
    found = problems(registry, "sources")
    if found:
        raise ValueError(f"sources registry {path} does not follow helpers/schemas/sources.schema.json: "
                         + "; ".join(found))
    return registry


def load_registry(data_dir: Path | None = None) -> dict:
    path = Path(data_dir or paths.data_dir()) / REGISTRY_FILE
    mtime = path.stat().st_mtime_ns if path.exists() else 0
    return _read(path, mtime)


def source(source_id: str, data_dir: Path | None = None) -> dict:
    """The registry entry of one source id (publisher, dataset, url, licence, caveats…)."""
    sources = load_registry(data_dir)["sources"]
    if source_id not in sources:
        raise KeyError(f"unknown source id {source_id!r}; the registry has: {', '.join(sorted(sources))}")
    return sources[source_id]


def publishers(source_ids, data_dir: Path | None = None) -> list[str]:
    """Distinct publishers of the given source ids, in first-seen order (for chart source lines)."""
    seen: list[str] = []
    for source_id in source_ids:
        publisher = source(source_id, data_dir)["publisher"]
        if publisher not in seen:
            seen.append(publisher)
    return seen


def short_name(source_id: str, data_dir: Path | None = None) -> str:
    """How text names the publisher of a source in passing: the entry's ``short_name`` ("TAITRA"), else
    its ``publisher``."""
    entry = source(source_id, data_dir)
    return entry.get("short_name") or entry["publisher"]


def coverage(frame: pd.DataFrame) -> str:
    """Human-readable period coverage of a snapshot file, per frequency where it has one."""
    if "freq" in frame.columns:
        parts = [f"{freq}: {group.period.min()} to {group.period.max()}" for freq, group in frame.groupby("freq")]
        return "; ".join(parts)
    # Free-text periods ("1952 to 2011-08", "to end-2018", "2017-01..2017-06"): from the earliest point named
    # anywhere to the latest.
    points = frame.period.astype(str).str.findall(r"\d{4}(?:-\d{2})?").explode().dropna()
    return f"{points.min()} to {points.max()}"


def measure_file(csv: Path, entry: dict, sources: dict) -> None:
    """Set the measured fields of a file's registry entry: checksum, row count, coverage and source ids."""
    frame = pd.read_csv(csv, dtype=str, keep_default_na=False)
    entry.update({
        "rows": len(frame),
        "coverage": coverage(frame),
        "sources": sorted(frame.source.unique().tolist()),
        "sha256": sha256(csv),
    })
    unknown = set(entry["sources"]) - set(sources)
    if unknown:
        raise ValueError(f"{csv.name} cites source ids missing from {REGISTRY_FILE}: {', '.join(sorted(unknown))}")


def refresh_file_entries(data_dir: Path | None = None, retrieved: str | None = None) -> dict:
    """Recompute checksum, row count, coverage and source ids of every CSV in the snapshot.

    Descriptions, recorded edits and source entries written by people are kept; only the measured fields change.
    """
    data_dir = Path(data_dir or paths.data_dir())
    registry = read_registry_file(data_dir)
    for csv in sorted(data_dir.glob("*.csv")):
        measure_file(csv, registry["files"].setdefault(csv.name, {"description": ""}), registry["sources"])
    if retrieved:
        registry["retrieved"] = retrieved
    write_registry(registry, data_dir)
    return registry


def record_edit(data_dir: Path, file_name: str, reason: str, by: str, when: str) -> dict:
    """Record a deliberate edit of one snapshot file: its new measured fields, and who changed it, why and when
    (appended to the entry's ``edits``, so the history of hand edits stays in the registry)."""
    if not reason.strip():
        raise ValueError("a recorded edit needs a reason (--reason \"...\")")
    registry = read_registry_file(data_dir)
    entry = registry["files"].setdefault(file_name, {"description": ""})
    measure_file(Path(data_dir) / file_name, entry, registry["sources"])
    entry.setdefault("edits", []).append({"when": when, "by": by, "reason": reason.strip(), "sha256": entry["sha256"]})
    write_registry(registry, data_dir)
    return entry


def read_registry_file(data_dir: Path) -> dict:
    """The registry as written on disk (uncached, unvalidated), for tools that edit and write it back."""
    return read_yaml_mapping(Path(data_dir) / REGISTRY_FILE, "sources registry")


def write_registry(document: dict, data_dir: Path) -> None:
    """Write the registry atomically, in the layout people edit (key order kept, Chinese unescaped)."""
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=110)
    write_bytes_atomic(text.encode("utf-8"), Path(data_dir) / REGISTRY_FILE)
    _read.cache_clear()
