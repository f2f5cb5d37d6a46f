"""Trade metrics as pure functions on tidy frames.

Every function takes a *tidy* frame — one row per observation, a ``period`` column (pandas
``Period``; strings such as ``"2025"`` or ``"2025-08"`` are converted), one or more key columns
(``partner``, ``flow``, ``destination``, ``commodity``, ``reporter``, ``region`` …) and a value
column (``value_usd`` by default) — and returns a new frame; nothing is modified in place.

Honesty rules shared by all functions:

* a missing input gives a missing output (``NaN``), never a filled or carried-forward value;
  e.g. a share for a partner with no value in a period is absent, and "rest of world" is ``NaN``
  whenever one of the partners it is computed from is missing;
* growth is ``NaN`` when the earlier value is missing or not positive (growth of a balance that
  changes sign has no meaning);
* period arithmetic is on calendar periods, not on row positions, so a gap in the data never
  makes 2019 look like the year before 2021.

Metrics that compare two periods infer the lag from the period frequency (annual 1, quarterly 4,
monthly 12), so the same call gives year-on-year figures on annual data and on monthly data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

#: Columns that identify a series (grouping keys) when present in a tidy frame.
KEY_COLUMNS = (
    "flow", "partner", "destination", "commodity", "reporter", "region", "location",
    "series", "measure", "direction",
)
#: Label of the residual "rest of world" partner.
ROW = "ROW"

_LAGS = {"Y": 1, "A": 1, "Q": 4, "M": 12}


# --------------------------------------------------------------------------------------------
# small building blocks
# --------------------------------------------------------------------------------------------
def as_periods(values) -> pd.Series:
    """``values`` as a Series of pandas ``Period`` (strings like ``"2025"``/``"2025-08"`` converted)."""
    series = pd.Series(values).reset_index(drop=True) if not isinstance(values, pd.Series) else values
    if isinstance(series.dtype, pd.PeriodDtype):
        return series
    return series.map(lambda v: v if isinstance(v, pd.Period) else pd.Period(str(v)))


def _with_periods(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["period"] = as_periods(out["period"])
    return out


def period_lag(periods) -> int:
    """Number of periods in a year for the frequency of ``periods`` (1 annual, 4 quarterly, 12 monthly)."""
    periods = as_periods(periods)
    if len(periods) == 0:
        raise ValueError("cannot infer a frequency from an empty period column")
    freqstr = periods.iloc[0].freqstr
    try:
        return _LAGS[freqstr[0]]
    except KeyError:
        raise ValueError(f"unsupported period frequency {freqstr!r}; use annual, quarterly or monthly") from None


def key_columns(df: pd.DataFrame, exclude: Iterable[str] = ()) -> list[str]:
    """The series-identifying columns of ``df`` (see ``KEY_COLUMNS``), minus ``exclude``."""
    exclude = set(exclude)
    return [c for c in KEY_COLUMNS if c in df.columns and c not in exclude]


def select(df: pd.DataFrame, **filters) -> pd.DataFrame:
    """Rows of ``df`` matching every filter; a list/tuple/set value means "any of these".

    >>> select(frame, flow="export", partner=["USA", "CHN+HKG"])
    """
    mask = pd.Series(True, index=df.index)
    for column, wanted in filters.items():
        if wanted is None:
            continue
        if isinstance(wanted, (list, tuple, set, frozenset)):
            mask &= df[column].isin(list(wanted))
        else:
            mask &= df[column] == wanted
    return df.loc[mask].copy()


def years(df: pd.DataFrame, start: int | None = None, end: int | None = None) -> pd.DataFrame:
    """Rows whose period falls in calendar years ``start``…``end`` (inclusive; ``None`` = open)."""
    periods = as_periods(df["period"])
    year = pd.Series([p.year for p in periods], index=periods.index, dtype=int)  # also for an empty frame
    mask = pd.Series(True, index=df.index)
    if start is not None:
        mask &= (year >= start).to_numpy()
    if end is not None:
        mask &= (year <= end).to_numpy()
    return df.loc[mask.to_numpy()].copy()


def to_wide(df: pd.DataFrame, key: str = "partner", value: str = "value_usd") -> pd.DataFrame:
    """One column per ``key`` value, one row per period (sorted); missing combinations are NaN.

    Raises if ``df`` holds more than one row per (period, key): filter other keys first.
    """
    df = _with_periods(df)
    duplicated = df.duplicated(["period", key])
    if duplicated.any():
        row = df.loc[duplicated].iloc[0]
        raise ValueError(
            f"more than one row for period {row['period']} and {key} {row[key]!r}; "
            f"filter the other key columns ({', '.join(key_columns(df, exclude=[key]))}) first"
        )
    wide = df.pivot(index="period", columns=key, values=value).sort_index()
    wide.columns.name = key
    return wide


def value_at(df: pd.DataFrame, period, value: str = "value_usd", **filters) -> float:
    """The single value at ``period`` matching ``filters``; NaN if there is none."""
    period = pd.Period(str(period)) if not isinstance(period, pd.Period) else period
    rows = select(_with_periods(df), **filters)
    rows = rows.loc[rows["period"] == period]
    if len(rows) > 1:
        raise ValueError(f"{len(rows)} rows match {filters} at {period}; expected at most one")
    return float(rows[value].iloc[0]) if len(rows) else float("nan")


def latest_period(df: pd.DataFrame, value: str = "value_usd", **filters) -> pd.Period:
    """Latest period with a non-missing value among rows matching ``filters``."""
    rows = select(_with_periods(df), **filters)
    rows = rows.loc[rows[value].notna()]
    if rows.empty:
        raise ValueError(f"no non-missing {value} for {filters}")
    return rows["period"].max()


def flagged(df: pd.DataFrame, column: str, value=True) -> pd.Series:
    """Which rows of ``df`` have ``value`` in ``column`` (e.g. status "secondary", basis "derived"); none of them
    when ``df`` has no such column (a frame built without it, as in small tests)."""
    return df[column].eq(value) if column in df.columns else pd.Series(False, index=df.index)


def missing(df: pd.DataFrame, period, expected: Iterable[str], key: str = "partner",
            value: str = "value_usd") -> list[str]:
    """Which of the ``expected`` keys have no value at ``period`` (in the order given)."""
    period = pd.Period(str(period)) if not isinstance(period, pd.Period) else period
    df = _with_periods(df)
    present = set(df.loc[(df["period"] == period) & df[value].notna(), key])
    return [k for k in expected if k not in present]


# --------------------------------------------------------------------------------------------
# levels
# --------------------------------------------------------------------------------------------
def balance(df: pd.DataFrame, value: str = "value_usd") -> pd.DataFrame:
    """Trade balance (exports − imports) per period and series, as rows with ``flow="balance"``.

    ``df`` needs a ``flow`` column with ``export`` and ``import`` rows. The balance is NaN where
    either flow is missing for that period and series.
    """
    df = _with_periods(df)
    keys = ["period"] + key_columns(df, exclude=["flow"])
    exports = df.loc[df["flow"] == "export", keys + [value]].set_index(keys)[value]
    imports = df.loc[df["flow"] == "import", keys + [value]].set_index(keys)[value]
    joined = pd.concat([exports.rename("export"), imports.rename("import")], axis=1)
    out = (joined["export"] - joined["import"]).rename(value).reset_index()
    out.insert(1, "flow", "balance")
    return out.sort_values(keys).reset_index(drop=True)


def total_trade(df: pd.DataFrame, value: str = "value_usd") -> pd.DataFrame:
    """Total trade (exports + imports) per period and series, as rows with ``flow="total"``.

    NaN where either flow is missing for that period and series: a year with exports only has no
    total (it is a gap, not the exports alone).
    """
    df = _with_periods(df)
    keys = ["period"] + key_columns(df, exclude=["flow"])
    grouped = df.loc[df["flow"].isin(["export", "import"])].groupby(keys)[value]
    counts = grouped.count()
    if (counts > 2).any():
        raise ValueError(f"more than one export or import row for {counts[counts > 2].index[0]}; filter first")
    out = grouped.sum(min_count=2).where(counts == 2).rename(value).reset_index()
    out.insert(1, "flow", "total")
    return out.sort_values(keys).reset_index(drop=True)


def rolling_sum(df: pd.DataFrame, window: int = 12, value: str = "value_usd") -> pd.DataFrame:
    """Rolling ``window``-period sums per series (12-month sums of monthly data by default).

    A sum is NaN unless every one of its ``window`` periods has a value: months missing from the
    frame count as missing, so a gap never shrinks a 12-month sum to 11 months.
    """
    df = _with_periods(df)
    keys = key_columns(df)
    parts = []
    for group_keys, group in (df.groupby(keys, sort=False, dropna=False) if keys else [((), df)]):
        series = group.set_index("period")[value].sort_index()
        full = pd.period_range(series.index.min(), series.index.max(), freq=series.index.freq)
        summed = series.reindex(full).rolling(window, min_periods=window).sum()
        # a sum over a window containing NaN must be NaN (pandas' sum skips NaN inside min_periods)
        complete = series.reindex(full).notna().astype(int).rolling(window, min_periods=window).sum() == window
        summed = summed.where(complete)
        part = summed.rename(value).rename_axis("period").reset_index()
        for column, key_value in zip(keys, group_keys if isinstance(group_keys, tuple) else (group_keys,)):
            part[column] = key_value
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    return out[["period"] + keys + [value]]


def annual_sum(df: pd.DataFrame, value: str = "value_usd", complete_only: bool = True) -> pd.DataFrame:
    """Calendar-year totals of monthly (or quarterly) data; incomplete years are NaN unless asked."""
    df = _with_periods(df)
    keys = key_columns(df)
    per_year = period_lag(df["period"])
    df["year"] = df["period"].map(lambda p: pd.Period(p.year, freq="Y"))
    grouped = df.loc[df[value].notna()].groupby(["year"] + keys)[value]
    out = grouped.agg(["sum", "count"]).reset_index()
    if complete_only:
        out.loc[out["count"] < per_year, "sum"] = np.nan
    out = out.rename(columns={"year": "period", "sum": value}).drop(columns="count")
    return out[["period"] + keys + [value]]


def rebase(df: pd.DataFrame, base, to: float = 100.0, value: str = "value_usd",
           out: str = "index") -> pd.DataFrame:
    """Index each series to ``to`` at period ``base`` (e.g. 2016 = 100). NaN if the base value is missing or 0."""
    df = _with_periods(df)
    base = pd.Period(str(base)) if not isinstance(base, pd.Period) else base
    keys = key_columns(df)
    base_values = df.loc[df["period"] == base, keys + [value]].rename(columns={value: "_base"})
    merged = df.merge(base_values, on=keys, how="left") if keys else df.assign(_base=base_values[value].iloc[0] if len(base_values) else np.nan)
    merged[out] = merged[value] / merged["_base"].where(merged["_base"] != 0) * to
    return merged.drop(columns="_base")


# --------------------------------------------------------------------------------------------
# changes
# --------------------------------------------------------------------------------------------
def _previous(df: pd.DataFrame, lag: int, value: str) -> pd.DataFrame:
    keys = key_columns(df)
    earlier = df[["period"] + keys + [value]].copy()
    earlier["period"] = earlier["period"] + lag
    return df.merge(earlier.rename(columns={value: "_previous"}), on=["period"] + keys, how="left")


def yoy_growth(df: pd.DataFrame, lag: int | None = None, value: str = "value_usd",
               out: str = "growth_pct") -> pd.DataFrame:
    """Year-on-year growth in percent per series: ``(x_t / x_{t-lag} − 1) × 100``.

    ``lag`` defaults to one year at the frame's frequency (1 annual, 12 monthly). NaN where the
    earlier value is missing or not positive. Adds ``out`` (and ``change`` in value units).
    """
    df = _with_periods(df)
    lag = period_lag(df["period"]) if lag is None else lag
    merged = _previous(df, lag, value)
    prior = merged["_previous"]
    merged[out] = (merged[value] / prior.where(prior > 0) - 1) * 100
    merged["change"] = merged[value] - prior
    return merged.drop(columns="_previous")


def rest_of_world(df: pd.DataFrame, partners: Sequence[str], total: str = "WLD", key: str = "partner",
                  value: str = "value_usd", label: str = ROW,
                  overlapping: dict[str, Sequence[str]] | None = None) -> pd.DataFrame:
    """Rows for "rest of world" = ``total`` − sum of ``partners`` per period (and other keys).

    ``partners`` must not overlap (China + Hong Kong and China together would be double-counted);
    pass ``overlapping`` (aggregate → members, e.g. ``helpers.snapshot.partners.AGGREGATES``) to have that
    checked. NaN for a period where the total or any one of the partners is missing.
    """
    partners = list(partners)
    if total in partners:
        raise ValueError(f"the total {total!r} cannot also be one of the partners")
    if len(set(partners)) != len(partners):
        raise ValueError(f"partners listed twice: {partners}")
    for aggregate, members in (overlapping or {}).items():
        clash = set(members) & set(partners)
        if aggregate in partners and clash:
            raise ValueError(f"{aggregate} overlaps {', '.join(sorted(clash))}: rest of world would double-count")
    df = _with_periods(df)
    others = ["period"] + key_columns(df, exclude=[key])
    rows = df.loc[df[key].isin(partners + [total])]
    wide = rows.pivot_table(index=others, columns=key, values=value, aggfunc="first", dropna=False)
    wide = wide.reindex(columns=partners + [total])
    # drop (period, other keys) combinations that have no row at all
    wide = wide.loc[wide.notna().any(axis=1)]
    residual = wide[total] - wide[partners].sum(axis=1, min_count=len(partners))
    residual = residual.where(wide[partners].notna().all(axis=1))
    out = residual.rename(value).reset_index()
    out[key] = label
    return out[others + [key, value]]


def shares(df: pd.DataFrame, total: str = "WLD", key: str = "partner", value: str = "value_usd",
           partners: Sequence[str] | None = None, rest: bool = False,
           overlapping: dict[str, Sequence[str]] | None = None, out: str = "share_pct") -> pd.DataFrame:
    """Share of each ``key`` in ``total`` per period, in percent (adds ``out``).

    With ``partners`` only those are returned; with ``rest=True`` a "rest of world" row is added
    so that, where every partner has a value, the shares sum to exactly 100. Shares are NaN where
    the partner or the total is missing. The total's own rows are not returned.
    """
    df = _with_periods(df)
    others = ["period"] + key_columns(df, exclude=[key])
    chosen = df.loc[df[key] != total] if partners is None else df.loc[df[key].isin(list(partners))]
    if rest:
        if partners is None:
            raise ValueError("rest=True needs an explicit, non-overlapping list of partners")
        chosen = pd.concat([chosen, rest_of_world(df, partners, total, key, value, overlapping=overlapping)],
                           ignore_index=True)
    totals = df.loc[df[key] == total, others + [value]].rename(columns={value: "_total"})
    merged = chosen.merge(totals, on=others, how="left")
    merged[out] = merged[value] / merged["_total"] * 100
    return merged.drop(columns="_total").sort_values(others + [key]).reset_index(drop=True)


def contributions(df: pd.DataFrame, partners: Sequence[str], total: str = "WLD", key: str = "partner",
                  value: str = "value_usd", lag: int | None = None, rest: bool = True,
                  overlapping: dict[str, Sequence[str]] | None = None,
                  out: str = "contribution_pp") -> pd.DataFrame:
    """Contribution of each partner to the growth of ``total``, in percentage points.

    ``contribution_i = (x_i,t − x_i,t−lag) / total_{t−lag} × 100``. With ``rest=True`` (default) a
    "rest of world" row is added so that the contributions sum to the total's growth exactly
    (``total_growth_pct`` is returned on every row for checking). NaN where a value is missing.
    """
    df = _with_periods(df)
    lag = period_lag(df["period"]) if lag is None else lag
    others = ["period"] + key_columns(df, exclude=[key])
    chosen = df.loc[df[key].isin(list(partners))]
    if rest:
        chosen = pd.concat([chosen, rest_of_world(df, partners, total, key, value, overlapping=overlapping)],
                           ignore_index=True)
    chosen = _previous(chosen[others + [key, value]], lag, value)
    totals = df.loc[df[key] == total, others + [value]]
    totals = _previous(totals, lag, value).rename(columns={value: "_total", "_previous": "_total_previous"})
    merged = chosen.merge(totals, on=others, how="left")
    base = merged["_total_previous"].where(merged["_total_previous"] != 0)
    merged[out] = (merged[value] - merged["_previous"]) / base * 100
    merged["total_growth_pct"] = (merged["_total"] / base - 1) * 100
    merged = merged.drop(columns=["_previous", "_total", "_total_previous"])
    return merged.sort_values(others + [key]).reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# rankings and crossovers
# --------------------------------------------------------------------------------------------
def largest(df: pd.DataFrame, period, candidates: Sequence[str], key: str = "partner",
            value: str = "value_usd") -> tuple[str, float]:
    """The candidate with the highest value at ``period`` and that value (missing candidates skipped)."""
    period = pd.Period(str(period)) if not isinstance(period, pd.Period) else period
    df = _with_periods(df)
    rows = df.loc[(df["period"] == period) & df[key].isin(list(candidates)) & df[value].notna()]
    if rows.empty:
        raise ValueError(f"none of {list(candidates)} has a value in {period}")
    best = rows.loc[rows[value].idxmax()]
    return str(best[key]), float(best[value])


def ranks(df: pd.DataFrame, candidates: Sequence[str], key: str = "partner", value: str = "value_usd",
          out: str = "rank") -> pd.DataFrame:
    """Rank of each candidate per period (and other keys): 1 = largest value; ties share the best rank.

    A rank is only as good as the field it is taken in: in a period where any candidate has no
    value, every rank of that period is NaN (ranking the partners that happen to have data would
    flatter them). Adds ``out``; returns only the candidates' rows.
    """
    candidates = list(candidates)
    if len(set(candidates)) != len(candidates):
        raise ValueError(f"candidates listed twice: {candidates}")
    df = _with_periods(df)
    others = ["period"] + key_columns(df, exclude=[key])
    wide = df.loc[df[key].isin(candidates)].pivot_table(index=others, columns=key, values=value, aggfunc="first",
                                                        dropna=False)
    wide = wide.reindex(columns=candidates)
    ranked = wide.rank(axis=1, ascending=False, method="min").where(wide.notna().all(axis=1), np.nan)
    values = wide.stack(future_stack=True).rename(value)
    out_frame = pd.concat([values, ranked.stack(future_stack=True).rename(out)], axis=1).reset_index()
    return out_frame.sort_values(others + [out, key]).reset_index(drop=True)


@dataclass(frozen=True)
class Crossover:
    """Result of :func:`crossover` (periods are pandas ``Period``; ``None`` when not applicable)."""

    leader: str
    rival: str
    data_start: pd.Period | None          # first period where both series have a value
    data_end: pd.Period | None            # last period where both series have a value
    period: pd.Period | None              # first period the leader moves ahead of the rival
    led_before: bool                      # did the leader lead at any earlier period in the data?
    last_led: pd.Period | None            # last period before ``period`` in which it led
    all_crossings: tuple = field(default_factory=tuple)
    leads_at_end: bool = False            # is the leader ahead in the last period?
    leads_at_start: bool = False          # is the leader ahead in the first period?

    @property
    def found(self) -> bool:
        return self.period is not None

    @property
    def periods_since_last_lead(self) -> int | None:
        """Periods between the last lead and the crossover (``None`` if it never led in the data)."""
        if self.period is None or self.last_led is None:
            return None
        return _periods_between(self.last_led, self.period)

    @property
    def at_least_periods_without_lead(self) -> int | None:
        """If the leader never led in the data before the crossover: the number of periods from the
        start of the data up to the crossover — a lower bound on the time since it last led."""
        if self.period is None or self.led_before:
            return None
        return _periods_between(self.data_start, self.period)


def _periods_between(earlier: pd.Period, later: pd.Period) -> int:
    return int((later - earlier).n)


def crossover(df: pd.DataFrame, leader: str, rival: str, key: str = "partner",
              value: str = "value_usd", start=None) -> Crossover:
    """Find when ``leader`` first moves ahead of ``rival`` (strictly greater) within the data.

    Only periods where both have a value count. A *crossing* is a period where the leader is ahead
    after not being ahead in the previous such period; if the leader is ahead in the very first
    period, that is not a crossing (the data cannot say when it got ahead). ``start`` (a period or
    year) ignores earlier crossings, e.g. to ask about the crossing within a chart's range.

    Returns a :class:`Crossover` with the first crossing, whether the leader led at any earlier
    period in the data, and the last such period.
    """
    wide = to_wide(select(df, **{key: [leader, rival]}), key=key, value=value)
    for column in (leader, rival):
        if column not in wide.columns:
            wide[column] = np.nan
    both = wide[[leader, rival]].dropna()
    if both.empty:
        return Crossover(leader, rival, None, None, None, False, None)
    ahead = both[leader] > both[rival]
    previous = ahead.shift(1, fill_value=True)  # first period never counts as a crossing
    crossings = tuple(ahead.index[ahead & ~previous])
    if start is not None:
        start_period = pd.Period(str(start), freq=both.index.freq) if not isinstance(start, pd.Period) else start
        candidates = [p for p in crossings if p >= start_period]
    else:
        candidates = list(crossings)
    first = candidates[0] if candidates else None
    led_periods = ahead.index[ahead & (ahead.index < first)] if first is not None else ahead.index[ahead]
    last_led = led_periods.max() if len(led_periods) else None
    return Crossover(
        leader=leader, rival=rival, data_start=both.index.min(), data_end=both.index.max(),
        period=first, led_before=last_led is not None if first is not None else bool(ahead.any()),
        last_led=last_led, all_crossings=crossings, leads_at_end=bool(ahead.iloc[-1]),
        leads_at_start=bool(ahead.iloc[0]),
    )


def ratio(numerator: pd.DataFrame, denominator: pd.DataFrame, value: str = "value_usd",
          names: tuple[str, str] = ("numerator", "denominator"), out: str = "ratio") -> pd.DataFrame:
    """Align two single-series frames on ``period`` and divide: one row per period with both values
    (named by ``names``) and their ratio; NaN where either is missing (e.g. mirror statistics)."""
    a = _with_periods(numerator).groupby("period")[value].agg(lambda s: s.iloc[0] if len(s) == 1 else _too_many(s))
    b = _with_periods(denominator).groupby("period")[value].agg(lambda s: s.iloc[0] if len(s) == 1 else _too_many(s))
    joined = pd.concat([a.rename(names[0]), b.rename(names[1])], axis=1).sort_index()
    joined[out] = joined[names[0]] / joined[names[1]].where(joined[names[1]] != 0)
    return joined.rename_axis("period").reset_index()


def _too_many(series: pd.Series):
    raise ValueError(f"ratio() needs one row per period; got {len(series)} for {series.name}: filter first")


# --------------------------------------------------------------------------------------------
# compositions used by the reports
# --------------------------------------------------------------------------------------------
def with_balance(df: pd.DataFrame, value: str = "value_usd") -> pd.DataFrame:
    """``df`` (export and import rows) plus its balance rows (see :func:`balance`), key columns only."""
    df = _with_periods(df)
    keep = ["period"] + key_columns(df) + [value]
    return pd.concat([df[keep], balance(df, value)[keep]], ignore_index=True)


def available(df: pd.DataFrame, period, candidates: Sequence[str], key: str = "partner",
              value: str = "value_usd") -> list[str]:
    """The ``candidates`` that have a value at ``period`` (order kept); cf. :func:`missing`."""
    absent = set(missing(df, period, candidates, key=key, value=value))
    return [c for c in candidates if c not in absent]


def period_rows(df: pd.DataFrame, period) -> pd.DataFrame:
    """Rows of one period."""
    period = pd.Period(str(period)) if not isinstance(period, pd.Period) else period
    df = _with_periods(df)
    return df.loc[df["period"] == period].copy()


@dataclass(frozen=True)
class KeyFigures:
    """Headline export figures for one period (values in US dollars, shares and growth in %)."""

    period: pd.Period
    exports: float
    exports_previous: float
    growth_pct: float
    largest: str
    largest_value: float
    leader: str
    rival: str
    leader_share_pct: float
    rival_share_pct: float
    leader_balance: float
    preliminary: bool          # any of these figures preliminary?
    bases: tuple               # bases of the rows used (table / headline / derived)
    not_published: tuple       # candidate partners with no export value in the period
    candidates_with_figure: tuple = ()  # candidate partners with a value (the ones ranked)


def key_figures(df: pd.DataFrame, period, candidates: Sequence[str], leader: str = "USA",
                rival: str = "CHN+HKG", total: str = "WLD", value: str = "value_usd") -> KeyFigures:
    """Total exports and growth, the largest market among ``candidates``, the leader's and rival's
    shares and the balance with the leader, from a tidy annual frame with export and import rows."""
    period = pd.Period(str(period)) if not isinstance(period, pd.Period) else period
    df = _with_periods(df)
    exports = df.loc[df["flow"] == "export"]
    now = value_at(exports, period, value, partner=total)
    before = value_at(exports, period - period_lag(exports["period"]), value, partner=total)
    best, best_value = largest(exports, period, candidates, value=value)
    used = df.loc[(df["period"] == period) & df["partner"].isin([total, leader, rival])]
    return KeyFigures(
        period=period, exports=now, exports_previous=before,
        growth_pct=(now / before - 1) * 100 if before > 0 else float("nan"),
        largest=best, largest_value=best_value, leader=leader, rival=rival,
        leader_share_pct=value_at(exports, period, value, partner=leader) / now * 100,
        rival_share_pct=value_at(exports, period, value, partner=rival) / now * 100,
        leader_balance=value_at(balance(df, value), period, value, partner=leader),
        preliminary=bool("status" in used.columns and (used["status"] == "preliminary").any()),
        bases=tuple(sorted(used["basis"].unique())) if "basis" in used.columns else (),
        not_published=tuple(missing(exports, period, candidates, value=value)),
        candidates_with_figure=tuple(available(exports, period, candidates, value=value)),
    )
