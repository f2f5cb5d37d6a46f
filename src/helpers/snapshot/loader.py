"""Validated loaders for the data snapshot: ``load(name, **filters)`` returns a tidy DataFrame.

Every load checks the file against its schema (``helpers.snapshot.schemas``) and rules
(``helpers.snapshot.rules``); a violation raises ``DataValidationError`` naming the file, the CSV line and
the rule, so a bad snapshot never reaches a chart. Schemas are documented in ``data/README.md``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers.snapshot import paths, registry
from helpers.snapshot.partners import AGGREGATES
from helpers.snapshot.schemas import AGGREGATE_RELATIVE_TOLERANCE, DATASETS, FREQS, PANDAS_FREQ, SCHEMAS
from helpers.snapshot.rules import DataValidationError, SnapshotFileError, read_snapshot_csv, validate


def dataset_path(name: str, directory: Path | None = None) -> Path:
    if name not in SCHEMAS:
        raise ValueError(f"unknown dataset {name!r}; available datasets: {', '.join(DATASETS)}")
    return paths.dataset_path(name, directory)


def aggregate_members(frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Add CHN+HKG and ASEAN computed from their members wherever all members are present;
    keep the publisher's own aggregate only for periods where members are not published."""
    keys = ["freq", "period", "flow"]
    level = "value_usd_thousand"
    computed_frames = []
    for aggregate, members in AGGREGATES.items():
        parts = frame[frame.partner.isin(members)]
        grouped = parts.groupby(keys)
        complete = grouped.partner.nunique() == len(members)
        summed = grouped.agg(value_usd_thousand=(level, "sum"), status=("status", lambda s: "preliminary" if (s == "preliminary").any() else "final"),
                             basis=("basis", lambda s: s.iloc[0] if s.nunique() == 1 else "derived"),
                             source=("source", "first"))[complete].reset_index()
        summed["partner"], summed["note"] = aggregate, f"sum of {len(members)} members"
        published = frame[frame.partner == aggregate].merge(summed[keys + [level]], on=keys, how="left", suffixes=("", "_members"))
        both = published[f"{level}_members"].notna()
        gap = (published[level] - published[f"{level}_members"]).abs() > published[level] * AGGREGATE_RELATIVE_TOLERANCE
        if (both & gap).any():
            row = published[both & gap].iloc[0]
            raise DataValidationError(path, "published aggregate equals the sum of its members",
                                      f"{aggregate} {row.flow} {row.period}: published {row[level]:,.0f} vs members {row[f'{level}_members']:,.0f}")
        computed_frames.append(summed)
    computed = pd.concat(computed_frames, ignore_index=True)
    published_only = frame.merge(computed[keys + ["partner"]], on=keys + ["partner"], how="left", indicator=True)
    kept = frame[(published_only["_merge"] == "left_only").to_numpy()]
    return pd.concat([kept, computed[frame.columns]], ignore_index=True)


@lru_cache(maxsize=32)
def _load_validated(name: str, path: Path, mtime_ns: int, registry_dir: Path) -> pd.DataFrame:
    # mtime_ns is only part of the cache key: a file replaced by an update is read and validated again.
    sources = registry.load_registry(registry_dir)["sources"]
    frame = validate(name, read_snapshot_csv(path), path, sources)
    if name == "trade_by_partner":
        frame = aggregate_members(frame, path)
    return frame


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
    path = dataset_path(name, directory)
    schema = SCHEMAS[name]
    if schema.periods == "by_freq":
        freq = freq or "A"
        if freq not in FREQS:
            raise ValueError(f"freq must be one of {', '.join(FREQS)} (annual, monthly), not {freq!r}")
    elif freq is not None:
        if "freq" not in schema.columns:
            raise ValueError(f"dataset {name!r} has no freq parameter")
        filters["freq"] = freq  # text periods of both frequencies: freq is an ordinary filter
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise SnapshotFileError(f"snapshot file not found: {path}") from None
    registry_dir = Path(directory or paths.data_dir())
    frame = tidy(name, _load_validated(name, path, mtime, registry_dir), freq)
    for column, wanted in filters.items():
        if column not in frame.columns:
            raise ValueError(f"cannot filter {name!r} on {column!r}; columns: {', '.join(frame.columns)}")
        values = list(wanted) if pd.api.types.is_list_like(wanted) else [wanted]
        frame = frame[frame[column].isin(values)]
    return frame.reset_index(drop=True)


def vintage(name: str, directory: Path | None = None) -> str:
    """Latest period a dataset holds, per frequency, e.g. ``"2025 (annual), 2025-08 (monthly)"``."""
    path = dataset_path(name, directory)
    frame = _load_validated(name, path, path.stat().st_mtime_ns, Path(directory or paths.data_dir()))
    if "freq" in frame.columns:
        labels = {"A": "annual", "M": "monthly"}
        return ", ".join(f"{group.period.max()} ({labels[freq]})" for freq, group in frame.groupby("freq"))
    # Periods such as "1952-2020" or "to end-2018": the latest year named anywhere is the vintage.
    return str(frame.period.astype(str).str.findall(r"\d{4}").explode().max())
