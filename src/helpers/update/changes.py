"""What a new release changes in a snapshot file, and the continuity rule it must keep.

Continuity: every key the loader serves today (period, partner, flow…, computed aggregates included)
must still be served after the update. Rows may be replaced (a later vintage, or a published aggregate by
the sum of its members) but nothing may disappear.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.snapshot import SCHEMAS, DataValidationError

# Revisions smaller than this share of the old value are counted, not listed one by one.
DEFAULT_REVISION_THRESHOLD = 0.001
LISTED_AT_MOST = 40


@dataclass
class Changes:
    dataset: str
    new_periods: list[str] = field(default_factory=list)  # "M 2025-09"
    new_series: list[str] = field(default_factory=list)  # "M export DEU": a key never seen before
    new_values: list[str] = field(default_factory=list)  # "M 2025-12 USA export": a gap of a held period filled
    revised: list[str] = field(default_factory=list)  # "M 2025-08 export USA: 19,000,000 → 19,100,000 (+0.53%)"
    minor_revisions: int = 0
    replaced_rows: int = 0  # rows of another vintage that the release supersedes
    status_changes: int = 0
    source_changes: int = 0  # same value, now from another source (a later vintage)
    rows_before: int = 0
    rows_after: int = 0

    @property
    def anything(self) -> bool:
        return bool(self.new_periods or self.new_series or self.new_values or self.revised or self.minor_revisions
                    or self.replaced_rows or self.status_changes or self.source_changes or self.rows_before != self.rows_after)


def series_columns(name: str) -> list[str]:
    """The key columns other than freq and period: what identifies a series (flow, partner…)."""
    return [column for column in SCHEMAS[name].key if column not in ("freq", "period")]


def check_continuity(name: str, before: pd.DataFrame, after: pd.DataFrame, path: Path) -> None:
    """Raise ``DataValidationError`` when a key of ``before`` (a loader view) is missing from ``after``."""
    key = list(SCHEMAS[name].key)
    gone = before[key].merge(after[key], how="left", indicator=True)
    gone = gone[gone["_merge"] == "left_only"]
    if not gone.empty:
        listed = "; ".join(" ".join(str(row[column]) for column in key) for _, row in gone.head(5).iterrows())
        more = f" and {len(gone) - 5} more" if len(gone) > 5 else ""
        raise DataValidationError(path, "no period or partner disappears",
                                  f"the release would drop {len(gone)} value(s) the snapshot has: {listed}{more}")


def key_text(row, columns: list[str]) -> str:
    """The key of a row as the change report lists it, codes as in the data ("M 2025-08 export USA")."""
    return " ".join(str(row[column]) for column in columns)


def compare(name: str, before: pd.DataFrame, after: pd.DataFrame,
            threshold: float = DEFAULT_REVISION_THRESHOLD) -> Changes:
    """Changes from ``before`` to ``after`` (validated frames of one dataset, numeric level column)."""
    key, level = list(SCHEMAS[name].key), SCHEMAS[name].level
    series = series_columns(name)
    joined = before.merge(after, on=key, how="outer", suffixes=("_old", "_new"), indicator=True)
    added = joined[joined["_merge"] == "right_only"]
    both = joined[joined["_merge"] == "both"]
    old_periods = set(zip(before.freq, before.period))
    old_series = set(before[["freq", *series]].itertuples(index=False, name=None))
    changes = Changes(name, rows_before=len(before), rows_after=len(after),
                      replaced_rows=int((joined["_merge"] == "left_only").sum()))
    changes.new_periods = sorted({f"{freq} {period}" for freq, period in zip(added.freq, added.period)
                                  if (freq, period) not in old_periods})
    changes.new_series = sorted({key_text(row, ["freq", *series]) for _, row in added.iterrows()
                                 if tuple(row[["freq", *series]]) not in old_series})
    changes.new_values = sorted(key_text(row, key) for _, row in added.iterrows()
                                if (row["freq"], row["period"]) in old_periods
                                and tuple(row[["freq", *series]]) in old_series)
    old, new = both[f"{level}_old"], both[f"{level}_new"]
    moved = both[old != new]
    relative = ((new - old).abs() / old.abs().where(old != 0)).reindex(moved.index).fillna(float("inf"))
    listed = moved[relative > threshold]
    changes.minor_revisions = len(moved) - len(listed)
    changes.revised = [
        f"{key_text(row, key)}: {row[f'{level}_old']:,.0f} → {row[f'{level}_new']:,.0f} "
        f"({(row[f'{level}_new'] - row[f'{level}_old']) / row[f'{level}_old']:+.2%})"
        + (f" [{row.source_old} → {row.source_new}]" if row.source_old != row.source_new else "")
        for _, row in listed.iterrows()
    ]
    changes.status_changes = int((both.status_old != both.status_new).sum())
    changes.source_changes = int(((both.source_old != both.source_new) & (old == new)).sum())
    return changes


def describe(changes: Changes, threshold: float = DEFAULT_REVISION_THRESHOLD) -> list[str]:
    """Report lines for one dataset's changes."""
    if not changes.anything:
        return [f"{changes.dataset}.csv: no change"]
    lines = [f"{changes.dataset}.csv: {changes.rows_before} → {changes.rows_after} rows"]
    if changes.new_periods:
        lines.append(f"  new periods: {', '.join(changes.new_periods)}")
    if changes.new_series:
        lines.append(f"  new partners/series: {', '.join(changes.new_series[:LISTED_AT_MOST])}"
                     + (f" (+{len(changes.new_series) - LISTED_AT_MOST} more)" if len(changes.new_series) > LISTED_AT_MOST else ""))
    if changes.new_values:
        more = len(changes.new_values) - LISTED_AT_MOST
        lines.append(f"  new values in periods already held: {', '.join(changes.new_values[:LISTED_AT_MOST])}"
                     + (f" (+{more} more)" if more > 0 else ""))
    if changes.revised:
        lines.append(f"  revised values (more than {threshold:.2%}), old → new:")
        lines += [f"    {line}" for line in changes.revised[:LISTED_AT_MOST]]
        if len(changes.revised) > LISTED_AT_MOST:
            lines.append(f"    … and {len(changes.revised) - LISTED_AT_MOST} more")
    if changes.minor_revisions:
        lines.append(f"  {changes.minor_revisions} smaller revision(s) (at most {threshold:.2%})")
    if changes.replaced_rows:
        lines.append(f"  {changes.replaced_rows} row(s) of an earlier vintage superseded (their periods stay covered)")
    if changes.status_changes:
        lines.append(f"  {changes.status_changes} status change(s) (preliminary ↔ final)")
    if changes.source_changes:
        lines.append(f"  {changes.source_changes} value(s) unchanged but now from the new release's source")
    return lines
