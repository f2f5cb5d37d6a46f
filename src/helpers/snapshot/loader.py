"""Validated loaders for the data snapshot: ``load(name, **filters)`` returns a tidy DataFrame.

Every load checks the file against its schema (``helpers.snapshot.schemas``) and rules
(``helpers.snapshot.rules``), and its checksum against ``data/sources.yaml``; a violation raises
``DataValidationError`` naming the file, the CSV line and the rule, so a bad snapshot never reaches a chart. Schemas are documented in ``data/README.md``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers.snapshot import paths, registry, rules
from helpers.snapshot.rules import DataValidationError, SnapshotFileError, csv_line, read_snapshot_csv, validate
from helpers.snapshot.schemas import (
    AGGREGATE_RELATIVE_TOLERANCE,
    DATASETS,
    FREQS,
    PANDAS_FREQ,
    SCHEMAS,
    Aggregates,
    Schema,
)


def schema_of(name: str) -> Schema:
    if name not in SCHEMAS:
        raise ValueError(f"unknown dataset {name!r}; available datasets: {', '.join(DATASETS)}")
    return SCHEMAS[name]


def dataset_path(name: str, directory: Path | None = None) -> Path:
    schema_of(name)
    return paths.dataset_path(name, directory)


def aggregate_members(frame: pd.DataFrame, path: Path, spec: Aggregates, level: str) -> pd.DataFrame:
    """Add each aggregate (e.g. CHN+HKG, ASEAN) computed from its members wherever all members are present;
    keep the publisher's own aggregate only for periods where members are not published."""
    keys, column = list(spec.group), spec.column
    computed_frames = []
    for aggregate, members in spec.members.items():
        parts = frame[frame[column].isin(members)].assign(preliminary=lambda f: f["status"] == "preliminary")
        grouped = parts.groupby(keys)
        complete = grouped[column].nunique() == len(members)
        # built-in aggregations only: per-group Python lambdas made this the slowest step of a cold load
        summed = grouped.agg(**{level: (level, "sum")}, preliminary=("preliminary", "any"), basis=("basis", "first"),
                             bases=("basis", "nunique"), source=("source", "first"))
        summed["status"] = summed.pop("preliminary").map({True: "preliminary", False: "final"})
        summed["basis"] = summed["basis"].where(summed.pop("bases") == 1, "derived")
        summed = summed[complete].reset_index()
        summed[column], summed["note"] = aggregate, f"sum of {len(members)} members"
        published = frame[frame[column] == aggregate].merge(summed[keys + [level]], on=keys, how="left", suffixes=("", "_members"))
        both = published[f"{level}_members"].notna()
        gap = (published[level] - published[f"{level}_members"]).abs() > published[level] * AGGREGATE_RELATIVE_TOLERANCE
        if (both & gap).any():
            row = published[both & gap].iloc[0]
            line = csv_line(frame.index[(frame[column] == aggregate) & (frame[keys] == row[keys]).all(axis=1)][0])
            raise DataValidationError(path, rules.AGGREGATES,
                                      f"{aggregate} {', '.join(str(row[k]) for k in keys)}: published {row[level]:,.0f} "
                                      f"vs members {row[f'{level}_members']:,.0f}", line)
        computed_frames.append(summed)
    computed = pd.concat(computed_frames, ignore_index=True)
    published_only = frame.merge(computed[keys + [column]], on=keys + [column], how="left", indicator=True)
    kept = frame[(published_only["_merge"] == "left_only").to_numpy()]
    return pd.concat([kept, computed[frame.columns]], ignore_index=True)


def served(name: str, frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    """What the loader serves from a validated frame: aggregates its schema declares computed from members."""
    schema = SCHEMAS[name]
    return aggregate_members(frame, path, schema.aggregates, schema.level) if schema.aggregates else frame


def validated(name: str, path: Path, data_dir: Path) -> pd.DataFrame:
    """Read and check one snapshot file: its rules first (so an error names what is wrong), then that its
    checksum is the one recorded in ``sources.yaml`` (so an unrecorded edit never reaches a report)."""
    document = registry.load_registry(data_dir)
    frame = served(name, validate(name, read_snapshot_csv(path), path, document["sources"]), path)
    rules.check_checksum(path, document["files"])
    return frame


@lru_cache(maxsize=32)
def _load_validated(name: str, path: Path, mtime_ns: int, data_dir: Path, registry_mtime_ns: int) -> pd.DataFrame:
    # The modification times are only part of the cache key: a file or registry replaced by an update is read
    # and validated again.
    return validated(name, path, data_dir)


def load_validated(name: str, directory: Path | None = None) -> pd.DataFrame:
    path = dataset_path(name, directory)
    data_dir = Path(directory or paths.data_dir())
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise SnapshotFileError(f"snapshot file not found: {path}") from None
    registry_file = data_dir / paths.REGISTRY_FILE
    registry_mtime = registry_file.stat().st_mtime_ns if registry_file.exists() else 0
    return _load_validated(name, path, mtime, data_dir, registry_mtime)


def tidy(name: str, frame: pd.DataFrame, freq: str | None) -> pd.DataFrame:
    schema = SCHEMAS[name]
    frame = frame.copy()
    if schema.periods == "by_freq":
        frame = frame[frame.freq == freq].drop(columns="freq")
        frame["period"] = pd.PeriodIndex(frame.period, freq=PANDAS_FREQ[freq])
    elif schema.periods == "annual":
        frame["period"] = pd.PeriodIndex(frame.period, freq="Y")
    if schema.level:
        frame.insert(frame.columns.get_loc(schema.level), "value_usd", frame[schema.level] * schema.level_scale)
        frame = frame.drop(columns=schema.level)
    sort_keys = [k for k in schema.key if k in frame.columns and k != "period"] + ["period"]
    return frame.sort_values(sort_keys).reset_index(drop=True)


def load(name: str, freq: str | None = None, directory: Path | None = None, **filters) -> pd.DataFrame:
    """Load one dataset of the snapshot, validated, as a tidy frame.

    ``freq`` ("A" annual, "M" monthly) selects the frequency of datasets that have both (default "A").
    Any other keyword filters a column to a value or a list of values, e.g.
    ``load("trade_by_partner", freq="M", flow="export", partner=["USA", "CHN+HKG"])``.
    """
    schema = schema_of(name)
    if schema.periods == "by_freq":
        freq = freq or "A"
        if freq not in FREQS:
            raise ValueError(f"freq must be one of {', '.join(FREQS)} (annual, monthly), not {freq!r}")
    elif freq is not None:
        if "freq" not in schema.columns:
            raise ValueError(f"dataset {name!r} has no freq parameter")
        filters["freq"] = freq  # text periods of both frequencies: freq is an ordinary filter
    frame = tidy(name, load_validated(name, directory), freq)
    for column, wanted in filters.items():
        if column not in frame.columns:
            raise ValueError(f"cannot filter {name!r} on {column!r}; columns: {', '.join(frame.columns)}")
        values = list(wanted) if pd.api.types.is_list_like(wanted) else [wanted]
        frame = frame[frame[column].isin(values)]
    return frame.reset_index(drop=True)


def vintage(name: str, directory: Path | None = None) -> str:
    """Latest period a dataset holds, per frequency, e.g. ``"2025 (annual), 2025-08 (monthly)"``."""
    frame = load_validated(name, directory)
    if "freq" in frame.columns:
        labels = {"A": "annual", "M": "monthly"}
        return ", ".join(f"{group.period.max()} ({labels[freq]})" for freq, group in frame.groupby("freq"))
    # Periods such as "1952-2020" or "to end-2018": the latest year named anywhere is the vintage.
    return str(frame.period.astype(str).str.findall(r"\d{4}").explode().max())
