"""The validation rules of the snapshot: each names the file, the CSV line and the rule it breaks.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from helpers.snapshot.schemas import (
    AGGREGATE_RELATIVE_TOLERANCE,
    MONTHLY_SUM_TOLERANCE_UNITS,
    ROUNDING_UNIT_USD_THOUSAND,
    SCHEMAS,
    Schema,
)


class SnapshotFileError(FileNotFoundError):
    """A snapshot file is missing or cannot be read as text."""


class DataValidationError(ValueError):
    """A snapshot file breaks a rule. The message names the file, the CSV line (if any) and the rule."""

    def __init__(self, path: Path, rule: str, detail: str, line: int | None = None):
        self.path, self.rule, self.line = Path(path), rule, line
        where = f"{self.path.name}, line {line}" if line is not None else self.path.name
        super().__init__(f"{where}: rule '{rule}' violated: {detail}")


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
