"""The schema of every snapshot dataset: columns, key, numeric and allowed values, period grammar, and the
dataset-specific rules it keeps (parts within their total, monthly sums, aggregates of members).

A new dataset is one entry in ``SCHEMAS`` (and one file entry in ``data/sources.yaml``); the loader's rules
(``helpers.snapshot.rules``) and the Data Package descriptor (``helpers.snapshot.datapackage``) read
everything from here, so no rule names a dataset.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from helpers.snapshot.partners import AGGREGATES

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


@dataclass(frozen=True)
class PeriodGrammar:
    """The written form every ``period`` of a dataset must take (documented in data/README.md)."""
    name: str
    pattern: str  # a regular expression the whole period must match
    forms: str  # the forms in words, for error messages


_YEAR = r"\d{4}"
_MONTH = r"\d{4}-(?:0[1-9]|1[0-2])"
_POINT = rf"(?:{_MONTH}|{_YEAR})"

YEAR = PeriodGrammar("year", _YEAR, "YYYY")
YEAR_OR_MONTH = PeriodGrammar("year or month", _POINT, "YYYY or YYYY-MM")
# Free-text periods as publishers and the press state them: a point, a span or a cumulative total.
TEXT_PERIOD = PeriodGrammar(
    "text period",
    rf"{_POINT}|{_YEAR}-{_YEAR}|{_MONTH}\.\.{_MONTH}|{_POINT} to {_POINT}|to (?:end-)?{_POINT}",
    "YYYY, YYYY-MM, YYYY-YYYY, YYYY-MM..YYYY-MM, <YYYY[-MM]> to <YYYY[-MM]>, to YYYY[-MM], to end-YYYY[-MM]")
# What a monthly release states: a year, a quarter, a month, or a run of months from the releases.
RELEASE_PERIOD = PeriodGrammar("release period", rf"{_YEAR}(?:Q[1-4])?|{_MONTH}(?:\.\.{_MONTH})?",
                               "YYYY, YYYYQn, YYYY-MM or YYYY-MM..YYYY-MM")


@dataclass(frozen=True)
class WithinTotal:
    """No row's level exceeds the level of the row where ``column`` is ``total`` in the same ``group``
    (e.g. no partner above the world total of its period and flow)."""
    column: str
    total: str
    group: tuple[str, ...]
    only: dict = field(default_factory=dict)  # restrict the rule to rows with these values, e.g. {"destination": ("WLD",)}


@dataclass(frozen=True)
class AddsUp:
    """The rows where ``column`` is not ``total`` add up, within each ``group``, to the row where it is (to
    ``tolerance`` in the level's unit): every destination of a product, and the total they make."""
    column: str
    total: str
    group: tuple[str, ...]
    tolerance: float


@dataclass(frozen=True)
class MonthlySums:
    """Where a year has all twelve months from the same source as its annual value, they add up to it
    (within the rounding of the source's unit)."""
    group: tuple[str, ...]
    skip: dict = field(default_factory=dict)  # rows the rule does not apply to, e.g. {"flow": ("balance",)}


@dataclass(frozen=True)
class Aggregates:
    """Aggregates the loader computes from their members where all members are present; a published aggregate
    must then equal the sum of its members."""
    column: str
    members: dict
    group: tuple[str, ...]


@dataclass(frozen=True)
class Schema:
    columns: tuple[str, ...]
    key: tuple[str, ...]
    numeric: tuple[str, ...] = ()
    required_numeric: tuple[str, ...] = ()
    allowed: dict = field(default_factory=dict)
    percent: tuple[str, ...] = ()
    signed: tuple[str, ...] = ()  # numeric columns that may be negative (growth rates)
    signed_rows: dict = field(default_factory=dict)  # rows whose levels may be negative, e.g. {"flow": ("balance",)}
    # column holding the level: converted to US dollars as ``value_usd`` by the loader
    level: str | None = None
    level_scale: float = 1.0
    # How the loader serves `period`: "by_freq" (one frequency per load, chosen by `freq`, as pandas
    # Periods), "annual" (Periods of years) or "text" (kept as written: sparse or free-form periods).
    periods: str = "text"
    period_grammar: PeriodGrammar | None = None
    within_total: tuple[WithinTotal, ...] = ()
    monthly_sums: MonthlySums | None = None
    aggregates: Aggregates | None = None
    adds_up: AddsUp | None = None


COMMON_ALLOWED = {"status": STATUSES, "basis": BASES}


SCHEMAS: dict[str, Schema] = {
    "trade_by_partner": Schema(
        columns=("freq", "period", "flow", "partner", "value_usd_thousand", "status", "basis", "source", "note"),
        key=("freq", "period", "flow", "partner"), numeric=("value_usd_thousand",),
        required_numeric=("value_usd_thousand",), allowed={"freq": FREQS, "flow": FLOWS, **COMMON_ALLOWED},
        level="value_usd_thousand", level_scale=1e3, periods="by_freq", period_grammar=YEAR_OR_MONTH,
        within_total=(WithinTotal("partner", "WLD", ("freq", "period", "flow")),),
        monthly_sums=MonthlySums(("flow", "partner")),
        aggregates=Aggregates("partner", AGGREGATES, ("freq", "period", "flow"))),
    "trade_by_commodity": Schema(
        columns=("freq", "period", "flow", "destination", "commodity", "commodity_label", "value_usd_thousand",
                 "status", "basis", "source"),
        key=("freq", "period", "flow", "destination", "commodity"), numeric=("value_usd_thousand",),
        required_numeric=("value_usd_thousand",),
        allowed={"freq": FREQS, "flow": ("export",), "destination": ("WLD", "CHN+HKG"), **COMMON_ALLOWED},
        level="value_usd_thousand", level_scale=1e3, periods="by_freq", period_grammar=YEAR_OR_MONTH,
        within_total=(WithinTotal("commodity", "total", ("freq", "period"), only={"destination": ("WLD",)}),),
        monthly_sums=MonthlySums(("destination", "commodity"))),
    "mirror": Schema(
        columns=("freq", "period", "reporter", "flow", "value_usd_thousand", "status", "basis", "source", "note"),
        key=("freq", "period", "reporter", "flow"), numeric=("value_usd_thousand",),
        required_numeric=("value_usd_thousand",),
        allowed={"freq": FREQS, "reporter": ("USA", "CHN"), "flow": ("import", "export", "balance"), **COMMON_ALLOWED},
        signed_rows={"flow": ("balance",)},
        level="value_usd_thousand", level_scale=1e3, periods="by_freq", period_grammar=YEAR_OR_MONTH,
        monthly_sums=MonthlySums(("reporter", "flow"), skip={"flow": ("balance",)})),
    "trade_releases": Schema(
        columns=("period", "flow", "partner", "commodity", "value_usd_billion", "yoy_pct", "share_pct", "status",
                 "basis", "derivation", "source", "release", "reported_in", "note"),
        key=("period", "flow", "partner", "commodity", "release"), numeric=("value_usd_billion", "yoy_pct", "share_pct"),
        allowed={"flow": ("export", "import", "balance", "two_way"), **COMMON_ALLOWED},
        percent=("share_pct",), signed=("yoy_pct",), signed_rows={"flow": ("balance",)},
        level="value_usd_billion", level_scale=1e9, period_grammar=RELEASE_PERIOD),
    "ic_exports_by_destination": Schema(
        columns=("period", "destination", "destination_zh", "value_usd_thousand", "status", "basis", "source"),
        key=("period", "destination_zh"), numeric=("value_usd_thousand",), required_numeric=("value_usd_thousand",),
        allowed=COMMON_ALLOWED, level="value_usd_thousand", level_scale=1e3, period_grammar=TEXT_PERIOD,
        within_total=(WithinTotal("destination", "WLD", ("period",)),),
        # US$ thousand with five decimals: the parts may miss the total by float rounding only
        adds_up=AddsUp("destination", "WLD", ("period",), tolerance=0.01)),
    # Status "secondary" (here and in production_survey): figures known only from secondary material (a news site
    # quoting MOF officials); every chart and sentence that uses one must say so.
    "us_exports_by_product": Schema(
        columns=("period", "product", "product_label", "value_usd_billion", "share_pct", "yoy_pct", "status", "basis",
                 "reported_in", "note", "source"),
        key=("period", "product"), numeric=("value_usd_billion", "share_pct", "yoy_pct"),
        allowed={"status": (*STATUSES, "secondary"), "basis": BASES}, percent=("share_pct",), signed=("yoy_pct",),
        level="value_usd_billion", level_scale=1e9, period_grammar=TEXT_PERIOD),
    "export_orders": Schema(
        columns=("period", "region", "value_usd_billion", "share_pct", "yoy_pct", "asean_definition", "status",
                 "basis", "derivation", "source", "reported_in"),
        key=("period", "region"), numeric=("value_usd_billion", "share_pct", "yoy_pct"),
        required_numeric=("value_usd_billion",),
        allowed={"region": ("WLD", "USA", "CHN+HKG", "EUR", "JPN", "ASEAN"), **COMMON_ALLOWED},
        percent=("share_pct",), signed=("yoy_pct",), level="value_usd_billion", level_scale=1e9,
        periods="annual", period_grammar=YEAR),
    "export_orders_monthly": Schema(
        columns=("period", "region", "value_usd_billion", "share_pct", "yoy_pct", "status", "basis", "derivation",
                 "source", "reported_in", "note"),
        key=("period", "region"), numeric=("value_usd_billion", "share_pct", "yoy_pct"),
        allowed={"region": ("WLD", "USA", "CHN+HKG", "EUR", "JPN", "ASEAN"), **COMMON_ALLOWED},
        percent=("share_pct",), signed=("yoy_pct",), level="value_usd_billion", level_scale=1e9,
        period_grammar=PeriodGrammar("month", _MONTH, "YYYY-MM"),
        within_total=(WithinTotal("region", "WLD", ("period",)),)),
    "overseas_production_ratio": Schema(
        columns=("freq", "period", "ratio_pct", "status", "basis", "derivation", "source", "reported_in"),
        key=("freq", "period"), numeric=("ratio_pct",), required_numeric=("ratio_pct",),
        allowed={"freq": FREQS, **COMMON_ALLOWED}, percent=("ratio_pct",), period_grammar=YEAR_OR_MONTH),
    "production_survey": Schema(
        columns=("period", "location", "share_pct", "status", "basis", "derivation", "source", "reported_in", "note"),
        key=("period", "location"), numeric=("share_pct",), required_numeric=("share_pct",),
        # "secondary": shares known only from secondary material (the 2025 survey, via an AI-written digest)
        allowed={"location": ("TWN", "CHN+HKG", "ASEAN", "EUR+USA", "USA", "AMERICAS", "VNM", "THA"),
                 "status": (*STATUSES, "secondary"), "basis": BASES},
        percent=("share_pct",), periods="annual", period_grammar=YEAR),
    "japan_taiwan": Schema(
        columns=("period", "series", "measure", "direction", "value", "unit", "status", "basis", "derivation",
                 "source", "reported_in", "note"),
        key=("period", "series", "measure", "direction"), numeric=("value",), required_numeric=("value",),
        allowed={"direction": ("JPN->TWN", "TWN->JPN", "both"), **COMMON_ALLOWED}, period_grammar=TEXT_PERIOD),
}


DATASETS = tuple(SCHEMAS)
