"""How each measure of a claim is computed from the snapshot, with the shared ``helpers.analysis.metrics`` functions.

``compute(claim, frames)`` returns a :class:`Computation` (the value in the claim's unit and the snapshot rows
it rests on), raises :class:`NotTestable` when the snapshot lacks what the claim needs, or raises
``ClaimDefinitionError`` when the claim's definition is wrong (unknown dataset, column, value or measure).

``frames`` maps a dataset name to its loaded frame (``helpers.snapshot.loader.load(name)``); monthly frames are keyed
``"<name>_monthly"``. The notebook loads them, so that the report pipeline sees which data it depends on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers import snapshot
from helpers.analysis import metrics
from helpers.claims.registry import Claim, ClaimDefinitionError
from helpers.text.format import name as named

MONTHLY = "_monthly"
#: The column each measure compares across (partner, region…) and the dataset's total, per dataset.
KEYS = {"trade_by_partner": "partner", "trade_by_commodity": "commodity", "mirror": "reporter",
        "export_orders": "region", "production_survey": "location", "japan_taiwan": "direction"}
TOTALS = {"trade_by_partner": "WLD", "trade_by_commodity": "total", "export_orders": "WLD"}
PERCENT_VALUES = {"production_survey": "share_pct"}
#: Keys of a claim's ``check`` that are not column filters.
OPTIONS = ("measure", "dataset", "of", "rival", "among", "sign", "stock", "annual", "compare", "reason",
           "rounded_to", "bound")
USD = {"USD billion": 1e9, "USD million": 1e6}
UNITS_OF_KIND = {"money": tuple(USD), "percent": ("percent",), "points": ("percentage points",),
                 "rank": ("rank",), "year": ("year",)}
#: The measure of a claim that no trade statistic can test (a policy, a pledge, an industry share); ``reason`` says why.
NOT_A_STATISTIC = "not_testable"
STOCK_PERIOD = re.compile(r"^to end-(\d{4})$")


class NotTestable(Exception):
    """The snapshot does not hold what the claim needs; the message says what is missing."""


@dataclass(frozen=True)
class Computation:
    value: float             # in the claim's unit; NaN when the data contradict the claim's premise
    inputs: pd.DataFrame     # the snapshot rows the value rests on
    note: str = ""           # what the value covers, where that needs saying
    exact: bool = False      # years and ranks: compared exactly, no tolerance


@dataclass(frozen=True)
class Span:
    start: pd.Period
    end: pd.Period

    @classmethod
    def parse(cls, text: str) -> "Span":
        first, _, last = text.partition("..")
        span = cls(pd.Period(first), pd.Period(last or first))
        if span.start.freqstr != span.end.freqstr or span.start > span.end:
            raise ValueError(f"period {text!r} must run forwards between two years or two months")
        return span

    @property
    def monthly(self) -> bool:
        return self.start.freqstr.startswith("M")

    @property
    def single(self) -> bool:
        return self.start == self.end


@dataclass(frozen=True)
class Context:
    """A claim with its dataset's frame, the column it compares across and its filters, all checked."""

    claim: Claim
    frame: pd.DataFrame
    key: str
    value: str
    filters: dict
    span: Span

    @property
    def check(self) -> dict:
        return self.claim.check

    def error(self, problem: str) -> ClaimDefinitionError:
        return ClaimDefinitionError(self.claim.id, problem)

    def subject(self) -> str:
        """The filter value of the key column: the partner, region… the claim is about."""
        if not isinstance(self.filters.get(self.key), str):
            raise self.error(f"measure {self.check['measure']} needs one {self.key}")
        return self.filters[self.key]

    def others(self) -> dict:
        return {k: v for k, v in self.filters.items() if k != self.key}

    def describe(self, **overrides) -> str:
        labels = {**self.filters, **overrides}
        return ", ".join(f"{k} {'+'.join(v) if isinstance(v, list) else v}" for k, v in labels.items())


# --------------------------------------------------------------------------------------------
# set-up: frames, filters, periods
# --------------------------------------------------------------------------------------------
def context(claim: Claim, frames) -> Context:
    dataset = claim.check.get("dataset")
    if not isinstance(dataset, str) or dataset not in KEYS:
        raise ClaimDefinitionError(claim.id, f"unknown dataset {dataset!r}; datasets: {', '.join(KEYS)}")
    if dataset == "japan_taiwan" and claim.check["measure"] != "cumulative":
        raise ClaimDefinitionError(claim.id, "japan_taiwan periods are spans of years; use the cumulative measure")
    try:
        span = Span.parse(claim.period)
    except ValueError as error:
        raise ClaimDefinitionError(claim.id, str(error)) from None
    name = dataset + (MONTHLY if span.monthly else "")
    if span.monthly and snapshot.SCHEMAS[dataset].periods != "by_freq":
        raise NotTestable(f"{dataset} has no monthly data in the snapshot")
    if name not in frames:
        raise ClaimDefinitionError(claim.id, f"frame {name!r} was not given to the claims engine; load it in the notebook")
    frame = frames[name]
    filters = {k: v for k, v in claim.check.items() if k not in OPTIONS}
    for column, wanted in filters.items():
        check_values(claim, frame, dataset, column, wanted)
    key = KEYS[dataset]
    for option in ("of", "rival", "among"):
        if option in claim.check:
            check_values(claim, frame, dataset, key, claim.check[option])
    value = "value" if dataset == "japan_taiwan" else PERCENT_VALUES.get(dataset, "value_usd")
    return Context(claim, frame, key, value, filters, span)


def check_values(claim: Claim, frame: pd.DataFrame, dataset: str, column: str, wanted) -> None:
    if column not in frame.columns:
        raise ClaimDefinitionError(claim.id, f"{dataset} has no column {column!r}; columns: {', '.join(frame.columns)}")
    known = set(frame[column].astype(str))
    for value in wanted if isinstance(wanted, list) else [wanted]:
        if str(value) not in known:
            raise ClaimDefinitionError(claim.id, f"unknown {column} {value!r} in {dataset}; "
                                                 f"known: {', '.join(sorted(known))}")


def coverage(frame: pd.DataFrame, value: str) -> str:
    periods = frame.loc[frame[value].notna(), "period"]
    return f"{periods.min()}–{periods.max()}" if len(periods) else "none"


def at_span(ctx: Context, rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.Period, pd.DataFrame]:
    """The rows of the claim's period, summed per series over a range of months (every month required).

    Returns the frame to compute on, the period to read and the snapshot rows used."""
    span = ctx.span
    inside = rows.loc[(rows["period"] >= span.start) & (rows["period"] <= span.end) & rows[ctx.value].notna()]
    if span.single:
        return inside, span.start, inside
    if span.start.year != span.end.year:
        raise ctx.error(f"a range of months must lie within one calendar year, not {ctx.claim.period}")
    months = (span.end - span.start).n + 1
    keys = metrics.key_columns(rows)
    counts = inside.groupby(keys).size().rename("months").reset_index()
    counts = rows[keys].drop_duplicates().merge(counts, on=keys, how="left").fillna({"months": 0})
    if (counts["months"] < months).any():
        raise NotTestable(f"the snapshot lacks months of {ctx.claim.period} for {ctx.describe()}; "
                          f"monthly data cover {coverage(rows, ctx.value)}")
    summed = metrics.annual_sum(inside, value=ctx.value, complete_only=False)
    return summed, pd.Period(span.end.year, freq="Y"), inside


def absent(ctx: Context, rows: pd.DataFrame, **labels) -> NotTestable:
    return NotTestable(f"the snapshot has no {ctx.check['dataset']} value for {ctx.describe(**labels)} in "
                       f"{ctx.claim.period} (it covers {coverage(rows, ctx.value)})")


def in_unit(ctx: Context, value: float) -> float:
    return value / USD[ctx.claim.unit] if ctx.claim.unit in USD else value


# --------------------------------------------------------------------------------------------
# measures
# --------------------------------------------------------------------------------------------
def level(ctx: Context) -> Computation:
    """The value of one series in the period; ``flow: [export, import]`` gives total trade."""
    rows = metrics.select(ctx.frame, **ctx.filters)
    summed, period, used = at_span(ctx, rows)
    if isinstance(ctx.filters.get("flow"), list):
        summed = metrics.total_trade(summed, value=ctx.value)
    elif any(isinstance(v, list) for v in ctx.filters.values()):
        raise ctx.error("only flow may list several values in a level (exports + imports = total trade)")
    value = metrics.value_at(summed, period, ctx.value)
    if np.isnan(value):
        raise absent(ctx, rows)
    return Computation(in_unit(ctx, value), used)


def survey_share(ctx: Context) -> Computation:
    """Share of all export orders produced in a location, as the survey reports it."""
    if ctx.check["dataset"] != "production_survey":
        raise ctx.error("survey_share reads the production_survey dataset")
    return level(ctx)


def share(ctx: Context) -> Computation:
    """The subject's share of the total (``of``, default the dataset's world total), in percent."""
    subject, total = ctx.subject(), ctx.check.get("of", TOTALS.get(ctx.check["dataset"]))
    if total is None:
        raise ctx.error(f"share needs 'of' (the total) for {ctx.check['dataset']}")
    rows = metrics.select(ctx.frame, **ctx.others(), **{ctx.key: [subject, total]})
    summed, period, used = at_span(ctx, rows)
    shares = metrics.shares(summed, total=total, key=ctx.key, value=ctx.value, partners=[subject])
    value = metrics.value_at(shares, period, "share_pct")
    if np.isnan(value):
        raise absent(ctx, rows, **{ctx.key: f"{subject} or {total}"})
    return Computation(value, used)


def _year_on_year(ctx: Context, column: str) -> Computation:
    if not ctx.span.single:
        raise ctx.error("growth and change compare single periods, not a range")
    rows = metrics.select(ctx.frame, **ctx.filters)
    changes = metrics.yoy_growth(rows, value=ctx.value)
    period = ctx.span.start
    value = metrics.value_at(changes, period, column)
    if np.isnan(value):
        raise NotTestable(f"the snapshot lacks {ctx.describe()} in {period} or a year earlier "
                          f"(it covers {coverage(rows, ctx.value)})")
    lag = metrics.period_lag(rows["period"])
    used = rows.loc[rows["period"].isin([period, period - lag])]
    return Computation(in_unit(ctx, value), used)


def growth(ctx: Context) -> Computation:
    """Year-on-year growth in percent."""
    return _year_on_year(ctx, "growth_pct")


def change(ctx: Context) -> Computation:
    """Year-on-year change, in the claim's money unit or in percentage points for a share."""
    return _year_on_year(ctx, "change")


def balance(ctx: Context) -> Computation:
    """Exports minus imports; where the snapshot has no flows but a published balance, that balance.
    ``sign: deficit`` states a deficit as a positive number."""
    sign = ctx.check.get("sign", "surplus")
    if sign not in ("surplus", "deficit"):
        raise ctx.error(f"sign must be surplus or deficit, not {sign!r}")
    if "flow" not in ctx.frame.columns:
        raise ctx.error(f"balance needs exports and imports; {ctx.check['dataset']} has no flow column")
    rows = metrics.select(ctx.frame, **ctx.filters)
    flows = rows.loc[rows["flow"].isin(["export", "import"])]
    summed, period, used = at_span(ctx, flows)
    value = metrics.value_at(metrics.balance(summed, value=ctx.value), period, ctx.value) if len(used) else np.nan
    if np.isnan(value) and ctx.span.single:
        used = metrics.select(rows, flow="balance")
        used = used.loc[used["period"] == period]
        value = metrics.value_at(used, period, ctx.value)
    if np.isnan(value):
        raise absent(ctx, rows, flow="export and import (or balance)")
    return Computation(in_unit(ctx, -value if sign == "deficit" else value), used)


def compared(ctx: Context, rows: pd.DataFrame) -> pd.DataFrame:
    """The series a rank or crossover compares: ``flow: [export, import]`` is total trade ("largest trading
    partner"); ``sign`` compares the balance, a deficit as a positive number ("largest source of deficit")."""
    sign = ctx.check.get("sign")
    if sign is not None:
        if sign not in ("surplus", "deficit"):
            raise ctx.error(f"sign must be surplus or deficit, not {sign!r}")
        balances = metrics.balance(rows.loc[rows["flow"].isin(["export", "import"])], value=ctx.value)
        return balances.assign(**{ctx.value: -balances[ctx.value]}) if sign == "deficit" else balances
    if isinstance(ctx.filters.get("flow"), list):
        return metrics.total_trade(rows, value=ctx.value)
    return rows


def rank(ctx: Context) -> Computation:
    """Position of the subject among ``among`` (1 = largest); every candidate needs a value."""
    subject, among = ctx.subject(), ctx.check.get("among")
    if not isinstance(among, list) or subject not in among:
        raise ctx.error("rank needs 'among', a list of candidates that includes the subject")
    if "sign" in ctx.check and "flow" in ctx.filters:
        raise ctx.error("a rank by balance (sign) compares exports and imports; drop the flow filter")
    rows = metrics.select(ctx.frame, **ctx.others(), **{ctx.key: among})
    summed, period, used = at_span(ctx, rows)
    summed = compared(ctx, summed)
    lacking = metrics.missing(summed, period, among, key=ctx.key, value=ctx.value)
    if lacking:
        raise NotTestable(f"no {period} value for {', '.join(lacking)}, so a rank among {', '.join(among)} "
                          "cannot be taken")
    ranks = metrics.ranks(summed, among, key=ctx.key, value=ctx.value)
    value = metrics.value_at(ranks, period, "rank", **{ctx.key: subject})
    return Computation(value, used, note=f"ranked among {', '.join(map(named, among))}", exact=True)


def _crossover(ctx: Context) -> tuple[metrics.Crossover, pd.DataFrame]:
    subject, rival = ctx.subject(), ctx.check.get("rival")
    if rival is None:
        raise ctx.error(f"measure {ctx.check['measure']} needs a rival")
    rows = metrics.select(ctx.frame, **ctx.others(), **{ctx.key: [subject, rival]})
    rows = rows.loc[(rows["period"] <= ctx.span.end) & rows[ctx.value].notna()]
    series = compared(ctx, rows)
    series = series.loc[series[ctx.value].notna()]
    return metrics.crossover(series, subject, rival, key=ctx.key, value=ctx.value), rows


def no_crossing(ctx: Context, found: metrics.Crossover, rows: pd.DataFrame) -> Computation:
    """The data contradict a claimed crossing: the value is missing (the claim differs), the note says why."""
    return Computation(np.nan, rows, note=f"{named(ctx.subject())} never moves ahead of {named(found.rival)} in "
                                          f"{found.data_start}–{found.data_end}", exact=True)


def crossover(ctx: Context) -> Computation:
    """The year the subject first moves ahead of the rival in the data."""
    found, rows = _crossover(ctx)
    if not found.found:
        return no_crossing(ctx, found, rows)
    return Computation(float(found.period.year), rows, note=f"data from {found.data_start}", exact=True)


def last_lead(ctx: Context) -> Computation:
    """The last year before the crossover in which the subject led ("first time since …")."""
    found, rows = _crossover(ctx)
    if not found.found:
        return no_crossing(ctx, found, rows)
    if found.led_before:
        return Computation(float(found.last_led.year), rows, exact=True)
    if ctx.claim.stated_value < found.data_start.year:
        raise NotTestable(f"the claim reaches back to {ctx.claim.stated}, before the snapshot's first year "
                          f"({found.data_start}); {named(ctx.subject())} did not lead {named(found.rival)} in any year from "
                          f"{found.data_start} to {found.period - 1}, which is consistent with it")
    return Computation(np.nan, rows, note=f"{named(ctx.subject())} did not lead {named(found.rival)} in any year from "
                                          f"{found.data_start} to {found.period - 1}", exact=True)


def _series_of(ctx: Context, subject: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One subject's series (``compare``: level, share or balance) as ``period`` and ``value`` columns, and the
    snapshot rows it comes from."""
    compare = ctx.check.get("compare", "level")
    rows = metrics.select(ctx.frame, **ctx.others(), **{ctx.key: subject})
    if compare == "share":
        total = ctx.check.get("of", TOTALS.get(ctx.check["dataset"]))
        rows = metrics.select(ctx.frame, **ctx.others(), **{ctx.key: [subject, total]})
        series = metrics.shares(rows, total=total, key=ctx.key, value=ctx.value, partners=[subject])
        series = series.rename(columns={"share_pct": "value"})
    elif compare == "balance":
        series = metrics.balance(rows, value=ctx.value).rename(columns={ctx.value: "value"})
    elif compare == "level":
        series = rows.rename(columns={ctx.value: "value"})
    else:
        raise ctx.error(f"compare must be level, share or balance, not {compare!r}")
    return series[["period", "value"]].set_index("period")["value"], rows


def _whole_series(ctx: Context) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The subject's series to the claim's period — minus the ``rival``'s when one is named ("the gap
    between …") — with the snapshot rows it comes from."""
    series, rows = _series_of(ctx, ctx.subject())
    if "rival" in ctx.check:
        rival, rival_rows = _series_of(ctx, ctx.check["rival"])
        series, rows = series - rival, pd.concat([rows, rival_rows], ignore_index=True)
    series = series.rename("value").reset_index()
    keep = (series["period"] <= ctx.span.end) & series["value"].notna()
    return series.loc[keep], rows.loc[rows["period"] <= ctx.span.end]


def _extreme_since(ctx: Context, lower: bool) -> Computation:
    """The last earlier year in which the series was lower (``lower``) or higher than in the claim's year:
    "the lowest since …", "an N-year high"."""
    if not ctx.span.single or ctx.span.monthly:
        raise ctx.error(f"{ctx.check['measure']} compares one year with the years before it")
    series, rows = _whole_series(ctx)
    now = series.loc[series["period"] == ctx.span.start, "value"]
    if len(now) != 1:
        raise absent(ctx, rows)
    earlier = series.loc[series["period"] < ctx.span.start]
    beyond = earlier.loc[earlier["value"] < now.iloc[0]] if lower else earlier.loc[earlier["value"] > now.iloc[0]]
    word = "lower" if lower else "higher"
    if len(beyond):
        return Computation(float(beyond["period"].max().year), rows, exact=True)
    none = f"no year from {earlier['period'].min()} to {ctx.span.start - 1} was {word}"
    if ctx.claim.stated_value < earlier["period"].min().year:
        raise NotTestable(f"the claim reaches back to {ctx.claim.stated}, before the snapshot's first year "
                          f"({earlier['period'].min()}); {none}, which is consistent with it")
    return Computation(np.nan, rows, note=none, exact=True)


def lowest_since(ctx: Context) -> Computation:
    """The last earlier year with a lower value ("the lowest since 2001", "a 23-year low")."""
    return _extreme_since(ctx, lower=True)


def highest_since(ctx: Context) -> Computation:
    """The last earlier year with a higher value ("the highest since 2000", "a 24-year high")."""
    return _extreme_since(ctx, lower=False)


def cumulative(ctx: Context) -> Computation:
    """A cumulative total to the end of the claim's last year: the latest published stock ("to end-YYYY",
    japan_taiwan measure ``stock``) plus the annual amounts (measure ``annual``) of the years after it."""
    if ctx.check["dataset"] != "japan_taiwan" or not {"stock", "annual"} <= set(ctx.check):
        raise ctx.error("cumulative needs dataset japan_taiwan with a stock and an annual measure")
    check_values(ctx.claim, ctx.frame, "japan_taiwan", "measure", [ctx.check["stock"], ctx.check["annual"]])
    rows = metrics.select(ctx.frame, **ctx.filters)
    end = ctx.span.end.year
    stocks = metrics.select(rows, measure=ctx.check["stock"])
    stock_years = stocks["period"].str.extract(STOCK_PERIOD, expand=False).astype(float)
    stocks = stocks.loc[stock_years <= end].assign(year=stock_years)
    if stocks.empty:
        raise NotTestable(f"the snapshot has no cumulative {ctx.check['stock']} to the end of {end} or earlier")
    stock = stocks.loc[stocks["year"].idxmax()]
    annual = metrics.select(rows, measure=ctx.check["annual"])
    annual = annual.loc[annual["period"].str.fullmatch(r"\d{4}")]
    annual = annual.loc[annual["period"].astype(int).between(stock["year"] + 1, end)]
    usd = stock["value"] * USD[stock["unit"]] + (annual["value"] * annual["unit"].map(USD)).sum()
    lacking = sorted(set(range(int(stock["year"]) + 1, end + 1)) - set(annual["period"].astype(int)))
    note = f"stock to end-{int(stock['year'])}" + (f" plus annual amounts for {', '.join(annual['period'])}"
                                                   if len(annual) else "")
    if lacking:
        note += f"; {', '.join(map(str, lacking))} not in the snapshot"
    used = pd.concat([stock.to_frame().T.drop(columns="year"), annual], ignore_index=True)
    return Computation(in_unit(ctx, usd), used, note=note)


MEASURES = {"level": (level, "value"), "survey_share": (survey_share, "percent"), "share": (share, "percent"),
            "growth": (growth, "percent"), "change": (change, "value"), "balance": (balance, "money"),
            "rank": (rank, "rank"), "crossover": (crossover, "year"), "last_lead": (last_lead, "year"),
            "lowest_since": (lowest_since, "year"), "highest_since": (highest_since, "year"),
            "cumulative": (cumulative, "money")}


def compute(claim: Claim, frames) -> Computation:
    """The claim's figure computed from the snapshot (see the module docstring for the outcomes)."""
    measure = claim.check["measure"]
    if measure == NOT_A_STATISTIC:
        reason = claim.check.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise ClaimDefinitionError(claim.id, f"measure {NOT_A_STATISTIC} needs a reason")
        raise NotTestable(reason)
    if measure not in MEASURES:
        raise ClaimDefinitionError(claim.id, f"unknown measure {measure!r}; measures: {', '.join(MEASURES)}")
    function, kind = MEASURES[measure]
    ctx = context(claim, frames)
    if kind == "value":
        kind = "money" if ctx.value in ("value_usd", "value") else ("percent" if measure == "level" else "points")
    if claim.unit not in UNITS_OF_KIND[kind]:
        raise ClaimDefinitionError(claim.id, f"measure {measure} on {claim.check['dataset']} gives "
                                             f"{' or '.join(UNITS_OF_KIND[kind])}, but the stated unit is {claim.unit}")
    return function(ctx)
