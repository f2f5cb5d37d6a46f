"""Validated loaders for the data snapshot: ``load(name, **filters)`` returns a tidy DataFrame.

Every load checks the file against its schema and the rules below; a violation raises
``DataValidationError`` naming the file, the CSV line and the rule, so a bad snapshot never reaches
a chart. Schemas are documented in ``data/README.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import registry
from helpers.partners import AGGREGATES

FLOWS = ("export", "import")
STATUSES = ("final", "preliminary")
BASES = ("table", "headline", "derived")
FREQS = ("A", "M")
PANDAS_FREQ = {"A": "Y", "M": "M"}
# Each published monthly value is rounded to its source's unit, so twelve of them may miss the
# annual value by up to six units (MOF: US$ thousand, seen at most 3; Census and MAC: US$0.1 million).
ROUNDING_UNIT_USD_THOUSAND = {"census_country_xlsx": 100, "census_c5830_page": 100, "mac_cross_strait": 100}
MONTHLY_SUM_TOLERANCE_UNITS = 6
# A published aggregate and the sum of its published members may differ by rounding only.
AGGREGATE_RELATIVE_TOLERANCE = 0.001


class SnapshotFileError(FileNotFoundError):
    """A snapshot file is missing or cannot be read as text."""


class DataValidationError(ValueError):
    """A snapshot file breaks a rule. The message names the file, the CSV line (if any) and the rule."""

    def __init__(self, path: Path, rule: str, detail: str, line: int | None = None):
        self.path, self.rule, self.line = Path(path), rule, line
        where = f"{self.path.name}, line {line}" if line is not None else self.path.name
        super().__init__(f"{where}: rule '{rule}' violated: {detail}")


@dataclass(frozen=True)
class Schema:
    columns: tuple[str, ...]
    key: tuple[str, ...]
    numeric: tuple[str, ...] = ()
    required_numeric: tuple[str, ...] = ()
    allowed: dict = field(default_factory=dict)
    percent: tuple[str, ...] = ()
    signed: tuple[str, ...] = ()  # numeric columns that may be negative (growth rates)
    # column holding the level: converted to US dollars as ``value_usd`` by the loader
    level: str | None = None
    level_scale: float = 1.0
    # How the loader serves `period`: "by_freq" (one frequency per load, chosen by `freq`, as pandas
    # Periods), "annual" (Periods of years) or "text" (kept as written: sparse or free-form periods).
    periods: str = "text"
    period_format: str | None = None  # regex every period must match


PERIOD_BY_FREQ = r"(?:\d{4}|\d{4}-(?:0[1-9]|1[0-2]))"
COMMON_ALLOWED = {"status": STATUSES, "basis": BASES}

SCHEMAS: dict[str, Schema] = {
    "trade_by_partner": Schema(
        columns=("freq", "period", "flow", "partner", "value_usd_thousand", "status", "basis", "source", "note"),
        key=("freq", "period", "flow", "partner"), numeric=("value_usd_thousand",),
        required_numeric=("value_usd_thousand",), allowed={"freq": FREQS, "flow": FLOWS, **COMMON_ALLOWED},
        level="value_usd_thousand", level_scale=1e3, periods="by_freq", period_format=PERIOD_BY_FREQ),
    "trade_by_commodity": Schema(
        columns=("freq", "period", "flow", "destination", "commodity", "commodity_label", "value_usd_thousand",
                 "status", "basis", "source"),
        key=("freq", "period", "flow", "destination", "commodity"), numeric=("value_usd_thousand",),
        required_numeric=("value_usd_thousand",),
        allowed={"freq": FREQS, "flow": ("export",), "destination": ("WLD", "CHN+HKG"), **COMMON_ALLOWED},
        level="value_usd_thousand", level_scale=1e3, periods="by_freq", period_format=PERIOD_BY_FREQ),
    "mirror": Schema(
        columns=("freq", "period", "reporter", "flow", "value_usd_thousand", "status", "basis", "source", "note"),
        key=("freq", "period", "reporter", "flow"), numeric=("value_usd_thousand",),
        required_numeric=("value_usd_thousand",),
        allowed={"freq": FREQS, "reporter": ("USA", "CHN"), "flow": ("import", "export", "balance"), **COMMON_ALLOWED},
        level="value_usd_thousand", level_scale=1e3, periods="by_freq", period_format=PERIOD_BY_FREQ),
    "export_orders": Schema(
        columns=("period", "region", "value_usd_billion", "share_pct", "yoy_pct", "asean_definition", "status",
                 "basis", "derivation", "source", "reported_in"),
        key=("period", "region"), numeric=("value_usd_billion", "share_pct", "yoy_pct"),
        required_numeric=("value_usd_billion",),
        allowed={"region": ("WLD", "USA", "CHN+HKG", "EUR", "JPN", "ASEAN"), **COMMON_ALLOWED},
        percent=("share_pct",), signed=("yoy_pct",), level="value_usd_billion", level_scale=1e9,
        periods="annual", period_format=r"\d{4}"),
    "overseas_production_ratio": Schema(
        columns=("freq", "period", "ratio_pct", "status", "basis", "derivation", "source", "reported_in"),
        key=("freq", "period"), numeric=("ratio_pct",), required_numeric=("ratio_pct",),
        allowed={"freq": FREQS, **COMMON_ALLOWED}, percent=("ratio_pct",), period_format=PERIOD_BY_FREQ),
    "production_survey": Schema(
        columns=("period", "location", "share_pct", "status", "basis", "derivation", "source", "reported_in", "note"),
        key=("period", "location"), numeric=("share_pct",), required_numeric=("share_pct",),
        allowed={"location": ("TWN", "CHN+HKG", "ASEAN", "EUR+USA", "USA", "AMERICAS", "VNM", "THA"),
                 **COMMON_ALLOWED},
        percent=("share_pct",), periods="annual", period_format=r"\d{4}"),
    "japan_taiwan": Schema(
        columns=("period", "series", "measure", "direction", "value", "unit", "status", "basis", "derivation",
                 "source", "reported_in", "note"),
        key=("period", "series", "measure", "direction"), numeric=("value",), required_numeric=("value",),
        allowed={"direction": ("JPN->TWN", "TWN->JPN", "both"), **COMMON_ALLOWED}),
}
DATASETS = tuple(SCHEMAS)


def data_dir() -> Path:
    return registry.default_data_dir()


def dataset_path(name: str, directory: Path | None = None) -> Path:
    if name not in SCHEMAS:
        raise ValueError(f"unknown dataset {name!r}; available datasets: {', '.join(DATASETS)}")
    return Path(directory or data_dir()) / f"{name}.csv"


def csv_line(index) -> int:
    """CSV line number of a frame row (line 1 is the header)."""
    return int(index) + 2


def read_snapshot_csv(path: Path) -> pd.DataFrame:
    """Read a snapshot file as text columns, turning every I/O or format failure into a clear error."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SnapshotFileError(f"snapshot file not found: {path}") from None
    except OSError as error:
        raise SnapshotFileError(f"snapshot file cannot be read: {path} ({error.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataValidationError(path, "encoding", f"not valid UTF-8 at byte {error.start}", line) from None
    if not text.strip():
        raise DataValidationError(path, "not empty", "the file is empty")
    try:
        from io import StringIO

        return pd.read_csv(StringIO(text), dtype=str, keep_default_na=False)
    except pd.errors.ParserError as error:
        raise DataValidationError(path, "CSV format", str(error)) from None


def check_columns(frame: pd.DataFrame, schema: Schema, path: Path) -> None:
    missing = [c for c in schema.columns if c not in frame.columns]
    if missing:
        raise DataValidationError(path, "schema", f"missing column(s) {', '.join(missing)}; expected {', '.join(schema.columns)}", 1)
    extra = [c for c in frame.columns if c not in schema.columns]
    if extra:
        raise DataValidationError(path, "schema", f"unexpected column(s) {', '.join(extra)}", 1)
    if frame.empty:
        raise DataValidationError(path, "not empty", "the file has a header but no rows")


def first_failing(mask: pd.Series) -> int | None:
    hits = np.flatnonzero(mask.to_numpy())
    return None if hits.size == 0 else int(mask.index[hits[0]])


def fail_if(mask: pd.Series, path: Path, rule: str, describe) -> None:
    index = first_failing(mask)
    if index is not None:
        raise DataValidationError(path, rule, describe(index), csv_line(index))


def convert_numeric(frame: pd.DataFrame, schema: Schema, path: Path) -> pd.DataFrame:
    frame = frame.copy()
    for column in schema.numeric:
        text = frame[column].str.strip()
        values = pd.to_numeric(text, errors="coerce")
        bad = values.isna() & (text != "")
        fail_if(bad, path, "numeric", lambda i: f"column {column} has non-numeric value {frame.at[i, column]!r}")
        if column in schema.required_numeric:
            fail_if(values.isna(), path, "required value", lambda i: f"column {column} is empty")
        frame[column] = values.astype(float)
    return frame


def check_values(frame: pd.DataFrame, schema: Schema, path: Path, sources: dict) -> None:
    for column, allowed in schema.allowed.items():
        fail_if(~frame[column].isin(allowed), path, "allowed values",
                lambda i: f"column {column} has {frame.at[i, column]!r}; allowed: {', '.join(allowed)}")
    if schema.period_format:
        fail_if(~frame.period.str.fullmatch(schema.period_format), path, "period format",
                lambda i: f"period {frame.at[i, 'period']!r} is not a year (YYYY) or month (YYYY-MM)")
    if "freq" in schema.columns:
        wrong = frame.period.str.len() != frame.freq.map({"A": 4, "M": 7})
        fail_if(wrong, path, "period matches freq",
                lambda i: f"period {frame.at[i, 'period']!r} does not match freq {frame.at[i, 'freq']!r}")
    fail_if(~frame.source.isin(sources), path, "source in registry",
            lambda i: f"source {frame.at[i, 'source']!r} is not in data/sources.yaml")
    duplicated = frame.duplicated(list(schema.key), keep="first")
    fail_if(duplicated, path, "unique key",
            lambda i: f"duplicate key {', '.join(f'{k}={frame.at[i, k]}' for k in schema.key)}")
    for column in (c for c in schema.numeric if c not in schema.signed):
        negative = frame[column] < 0
        if "flow" in frame.columns:
            negative &= frame.flow != "balance"  # a balance is signed by nature
        fail_if(negative, path, "no negative values", lambda i: f"column {column} is negative ({frame.at[i, column]})")
    for column in schema.percent:
        fail_if(frame[column] > 100, path, "shares within 0-100%", lambda i: f"{column} is {frame.at[i, column]}")


def check_monthly_sums(frame: pd.DataFrame, path: Path, group_by: list[str]) -> None:
    """Where a year has all twelve months from the same source as the annual value, they must add up."""
    level = "value_usd_thousand"
    monthly = frame[frame.freq == "M"].assign(year=lambda f: f.period.str[:4])
    sums = monthly.groupby(group_by + ["year", "source"]).agg(total=(level, "sum"), months=(level, "size")).reset_index()
    sums = sums[sums.months == 12]
    annual = frame[frame.freq == "A"].reset_index().rename(columns={"period": "year"})
    joined = annual.merge(sums, on=group_by + ["year", "source"], how="inner")
    tolerance = joined.source.map(ROUNDING_UNIT_USD_THOUSAND).fillna(1) * MONTHLY_SUM_TOLERANCE_UNITS
    off = (joined[level] - joined.total).abs() > tolerance
    if off.any():
        row = joined[off].iloc[0]
        labels = ", ".join(f"{k}={row[k]}" for k in group_by)
        raise DataValidationError(path, "monthly sums equal annual values",
                                  f"{labels}, {row.year}: annual {row[level]:,.0f} vs sum of months {row.total:,.0f}",
                                  csv_line(row["index"]))


def check_within_world(frame: pd.DataFrame, path: Path, part: str, whole_value: str, keys: list[str]) -> None:
    """No partner (or commodity) can exceed the world total (or the all-commodity total) of its period."""
    level = "value_usd_thousand"
    totals = frame[frame[part] == whole_value].set_index(keys)[level].rename("whole")
    joined = frame.join(totals, on=keys)
    fail_if(joined[level] > joined.whole * (1 + AGGREGATE_RELATIVE_TOLERANCE), path, "partner values never exceed the world total",
            lambda i: f"{part} {frame.at[i, part]} ({frame.at[i, level]:,.0f}) exceeds {whole_value} ({joined.at[i, 'whole']:,.0f})")


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


def validate(name: str, frame: pd.DataFrame, path: Path, sources: dict) -> pd.DataFrame:
    schema = SCHEMAS[name]
    check_columns(frame, schema, path)
    frame = convert_numeric(frame, schema, path)
    check_values(frame, schema, path, sources)
    if name == "trade_by_partner":
        check_within_world(frame, path, "partner", "WLD", ["freq", "period", "flow"])
        check_monthly_sums(frame, path, ["flow", "partner"])
    elif name == "trade_by_commodity":
        check_within_world(frame[frame.destination == "WLD"], path, "commodity", "total", ["freq", "period"])
        check_monthly_sums(frame, path, ["destination", "commodity"])
    elif name == "mirror":
        check_monthly_sums(frame[frame.flow != "balance"], path, ["reporter", "flow"])
    return frame


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
    registry_dir = Path(directory or data_dir())
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
    frame = _load_validated(name, path, path.stat().st_mtime_ns, Path(directory or data_dir()))
    if "freq" in frame.columns:
        labels = {"A": "annual", "M": "monthly"}
        return ", ".join(f"{group.period.max()} ({labels[freq]})" for freq, group in frame.groupby("freq"))
    # Periods such as "1952-2020" or "to end-2018": the latest year named anywhere is the vintage.
    return str(frame.period.astype(str).str.findall(r"\d{4}").explode().max())
