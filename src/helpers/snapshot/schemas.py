"""The schema of every snapshot dataset: columns, key, numeric and allowed values, period form.

A new dataset is one entry in ``SCHEMAS`` (and one file entry in ``data/sources.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
