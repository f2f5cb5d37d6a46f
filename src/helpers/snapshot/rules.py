"""The validation rules of the snapshot: each names the file, the CSV line and the rule it breaks.

Every rule is generic; what a dataset must keep is declared in its schema (``helpers.snapshot.schemas``).
``RULES`` lists every rule by the name its errors carry (the loader tests keep one test per rule).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.snapshot.files import sha256
from helpers.snapshot.schemas import (
    AddsUp,
    AGGREGATE_RELATIVE_TOLERANCE,
    MONTHLY_SUM_TOLERANCE_UNITS,
    ROUNDING_UNIT_USD_THOUSAND,
    SCHEMAS,
    MonthlySums,
    Schema,
    WithinTotal,
)

ENCODING = "encoding"
NOT_EMPTY = "not empty"
CSV_FORMAT = "CSV format"
FIELD_COUNT = "fields per row"
COLUMNS = "schema"
NUMERIC = "numeric"
REQUIRED = "required value"
ALLOWED = "allowed values"
PERIOD_GRAMMAR = "period grammar"
PERIOD_FREQ = "period matches freq"
SOURCE = "source in registry"
UNIQUE_KEY = "unique key"
NOT_NEGATIVE = "no negative values"
SHARES = "shares within 0-100%"
MONTHLY_SUMS = "monthly sums equal annual values"
WITHIN_TOTAL = "parts never exceed their total"
ADDS_UP = "parts add up to their total"
AGGREGATES = "published aggregate equals the sum of its members"
CHECKSUM = "checksum recorded in sources.yaml"

RULES = (ENCODING, NOT_EMPTY, CSV_FORMAT, FIELD_COUNT, COLUMNS, NUMERIC, REQUIRED, ALLOWED, PERIOD_GRAMMAR,
         PERIOD_FREQ, SOURCE, UNIQUE_KEY, NOT_NEGATIVE, SHARES, MONTHLY_SUMS, WITHIN_TOTAL, ADDS_UP, AGGREGATES,
         CHECKSUM)

REHASH_COMMAND = 'trade-pivot-data --rehash {file} --reason "..."'


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
    """Read a snapshot file as text columns, turning every I/O or format failure into a clear error.

    Every row must have exactly the header's number of fields: a short row would otherwise load with
    empty cells that look like gaps."""
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
        raise DataValidationError(path, ENCODING, f"not valid UTF-8 at byte {error.start}", line) from None
    if not text.strip():
        raise DataValidationError(path, NOT_EMPTY, "the file is empty")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows, header = [], None
    try:
        for row in reader:
            start = reader.line_num - sum(field.count("\n") for field in row)
            if header is None:
                header = row
            elif len(row) != len(header):
                raise DataValidationError(path, FIELD_COUNT, f"{len(row)} field(s) where the header has {len(header)}",
                                          start)
            else:
                rows.append(row)
    except csv.Error as error:
        raise DataValidationError(path, CSV_FORMAT, str(error), reader.line_num) from None
    duplicated = sorted({column for column in header if header.count(column) > 1})
    if duplicated:
        raise DataValidationError(path, COLUMNS, f"column(s) {', '.join(duplicated)} appear more than once", 1)
    return pd.DataFrame(rows, columns=header, dtype=str)


def check_columns(frame: pd.DataFrame, schema: Schema, path: Path) -> None:
    missing = [c for c in schema.columns if c not in frame.columns]
    if missing:
        raise DataValidationError(path, COLUMNS, f"missing column(s) {', '.join(missing)}; expected {', '.join(schema.columns)}", 1)
    extra = [c for c in frame.columns if c not in schema.columns]
    if extra:
        raise DataValidationError(path, COLUMNS, f"unexpected column(s) {', '.join(extra)}", 1)
    if frame.empty:
        raise DataValidationError(path, NOT_EMPTY, "the file has a header but no rows")


def first_failing(mask: pd.Series) -> int | None:
    hits = np.flatnonzero(mask.to_numpy())
    return None if hits.size == 0 else int(mask.index[hits[0]])


def fail_if(mask: pd.Series, path: Path, rule: str, describe) -> None:
    index = first_failing(mask)
    if index is not None:
        raise DataValidationError(path, rule, describe(index), csv_line(index))


def rows_where(frame: pd.DataFrame, values: dict) -> pd.Series:
    """Rows whose columns hold one of the given values (all rows for an empty mapping)."""
    mask = pd.Series(True, index=frame.index)
    for column, allowed in values.items():
        mask &= frame[column].isin(allowed)
    return mask


def convert_numeric(frame: pd.DataFrame, schema: Schema, path: Path) -> pd.DataFrame:
    frame = frame.copy()
    for column in schema.numeric:
        text = frame[column].str.strip()
        values = pd.to_numeric(text, errors="coerce")
        bad = values.isna() & (text != "")
        fail_if(bad, path, NUMERIC, lambda i: f"column {column} has non-numeric value {frame.at[i, column]!r}")
        if column in schema.required_numeric:
            fail_if(values.isna(), path, REQUIRED, lambda i: f"column {column} is empty")
        frame[column] = values.astype(float)
    return frame


def spans_backwards(periods: pd.Series) -> pd.Series:
    """Spans such as ``2019-2017`` whose end precedes their start."""
    bounds = periods.str.findall(r"\d{4}(?:-\d{2}(?!\d))?")
    return bounds.map(lambda found: len(found) == 2 and found[0] > found[1])


def check_period_grammar(frame: pd.DataFrame, schema: Schema, path: Path) -> None:
    grammar = schema.period_grammar
    if grammar is None:
        return
    wrong = ~frame.period.str.fullmatch(grammar.pattern) | spans_backwards(frame.period)
    fail_if(wrong, path, PERIOD_GRAMMAR,
            lambda i: f"period {frame.at[i, 'period']!r} is not a {grammar.name} ({grammar.forms}; see data/README.md)")
    if "freq" in schema.columns:
        mismatched = frame.period.str.len() != frame.freq.map({"A": 4, "M": 7})
        fail_if(mismatched, path, PERIOD_FREQ,
                lambda i: f"period {frame.at[i, 'period']!r} does not match freq {frame.at[i, 'freq']!r}")


def check_values(frame: pd.DataFrame, schema: Schema, path: Path, sources: dict) -> None:
    for column, allowed in schema.allowed.items():
        fail_if(~frame[column].isin(allowed), path, ALLOWED,
                lambda i: f"column {column} has {frame.at[i, column]!r}; allowed: {', '.join(allowed)}")
    check_period_grammar(frame, schema, path)
    fail_if(~frame.source.isin(sources), path, SOURCE,
            lambda i: f"source {frame.at[i, 'source']!r} is not in data/sources.yaml")
    duplicated = frame.duplicated(list(schema.key), keep="first")
    fail_if(duplicated, path, UNIQUE_KEY,
            lambda i: f"duplicate key {', '.join(f'{k}={frame.at[i, k]}' for k in schema.key)}")
    signed_rows = rows_where(frame, schema.signed_rows) if schema.signed_rows else False
    for column in (c for c in schema.numeric if c not in schema.signed):
        fail_if((frame[column] < 0) & ~signed_rows, path, NOT_NEGATIVE,
                lambda i: f"column {column} is negative ({frame.at[i, column]})")
    for column in schema.percent:
        fail_if(frame[column] > 100, path, SHARES, lambda i: f"{column} is {frame.at[i, column]}")


def check_monthly_sums(frame: pd.DataFrame, path: Path, rule: MonthlySums, level: str) -> None:
    """Where a year has all twelve months from the same source as the annual value, they must add up."""
    if rule.skip:
        frame = frame[~rows_where(frame, rule.skip)]
    group_by = list(rule.group)
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
        raise DataValidationError(path, MONTHLY_SUMS,
                                  f"{labels}, {row.year}: annual {row[level]:,.0f} vs sum of months {row.total:,.0f}",
                                  csv_line(row["index"]))


def check_within_total(frame: pd.DataFrame, path: Path, rule: WithinTotal, level: str) -> None:
    """No part (partner, commodity) exceeds the total (world, all commodities) of its group."""
    if rule.only:
        frame = frame[rows_where(frame, rule.only)]
    keys = list(rule.group)
    totals = frame[frame[rule.column] == rule.total].set_index(keys)[level].rename("whole")
    joined = frame.join(totals, on=keys)
    fail_if(joined[level] > joined.whole * (1 + AGGREGATE_RELATIVE_TOLERANCE), path, WITHIN_TOTAL,
            lambda i: f"{rule.column} {frame.at[i, rule.column]} ({frame.at[i, level]:,.0f}) exceeds "
                      f"{rule.total} ({joined.at[i, 'whole']:,.0f})")


def check_adds_up(frame: pd.DataFrame, path: Path, rule: AddsUp, level: str) -> None:
    """The parts of each group sum to its total row; a group without a total row, or a total without parts, fails."""
    keys = list(rule.group)
    is_total = frame[rule.column] == rule.total
    parts = frame[~is_total].groupby(keys)[level].sum().rename("parts")
    totals = frame[is_total].reset_index().set_index(keys)
    joined = totals.join(parts, how="outer")
    off = ~((joined[level] - joined.parts).abs() <= rule.tolerance)
    if off.any():
        group = joined.index[off.to_numpy()][0]
        row = joined[off].iloc[0]
        label = ", ".join(f"{k}={v}" for k, v in zip(keys, group if isinstance(group, tuple) else (group,)))
        line = csv_line(row["index"]) if pd.notna(row["index"]) else None
        raise DataValidationError(path, ADDS_UP, f"{label}: {rule.total} {row[level]:,.5f} vs sum of the other "
                                                 f"{rule.column} values {row.parts:,.5f}", line)


def check_checksum(path: Path, files: dict) -> None:
    """The file is the one ``sources.yaml`` recorded: an edit that was not recorded stops the load."""
    recorded = (files.get(path.name) or {}).get("sha256")
    actual = sha256(path)
    if recorded != actual:
        found = f"recorded {recorded}" if recorded else "no checksum recorded"
        raise DataValidationError(
            path, CHECKSUM,
            f"sha256 is {actual}, {found}. If the file was edited on purpose, record the edit with "
            f"`{REHASH_COMMAND.format(file=path.name)}`; otherwise restore it (e.g. `git checkout -- data/{path.name}`)")


def validate(name: str, frame: pd.DataFrame, path: Path, sources: dict) -> pd.DataFrame:
    """Check a snapshot frame (text columns, as read) against every rule its schema declares; return it typed."""
    schema = SCHEMAS[name]
    check_columns(frame, schema, path)
    frame = convert_numeric(frame, schema, path)
    check_values(frame, schema, path, sources)
    for rule in schema.within_total:
        check_within_total(frame, path, rule, schema.level)
    if schema.adds_up:
        check_adds_up(frame, path, schema.adds_up, schema.level)
    if schema.monthly_sums:
        check_monthly_sums(frame, path, schema.monthly_sums, schema.level)
    return frame
