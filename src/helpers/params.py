"""Validation of notebook parameters (the papermill ``parameters`` cell).

The second cell of every notebook calls one function here. It checks every parameter, collects
*all* problems and raises a single :class:`ParameterError` listing what is allowed, before any
analysis runs, e.g.::

    Invalid notebook parameters:
      - partners: unknown partner code 'XYZ'; allowed: ASEAN, CHN+HKG, EUR, JPN, KOR, USA, …
      - start_year 2030 is after end_year 2025 (years must run forwards)

The allowed years and partner codes come from the data snapshot itself (annual
``trade_by_partner``), so a snapshot update widens them without a code change.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

FLOWS = ("export", "import", "balance")
FREQS = {"A": "annual", "M": "monthly (12-month rolling sums)"}
#: Partner codes that are not partners (the total) or that overlap every other region.
NOT_PARTNERS = ("WLD", "ROW")


class ParameterError(ValueError):
    """A notebook was given parameters it cannot run with; the message lists the allowed values."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__("Invalid notebook parameters:\n" + "\n".join(f"  - {p}" for p in self.problems))


@dataclass(frozen=True)
class Bounds:
    """What the snapshot can answer: calendar years and partner codes with data."""

    first_year: int
    last_year: int
    partners: tuple[str, ...]


@lru_cache(maxsize=4)
def snapshot_bounds(freq: str = "A") -> Bounds:
    """Years and partner codes present in the snapshot's ``trade_by_partner`` at ``freq``."""
    from helpers import data  # imported here so that validation of literals needs no data at import

    frame = data.load("trade_by_partner", freq=freq)
    frame = frame.loc[frame["value_usd"].notna()]
    years = frame["period"].map(lambda p: p.year)
    partners = tuple(sorted(set(frame["partner"]) - set(NOT_PARTNERS)))
    return Bounds(int(years.min()), int(years.max()), partners)


# --------------------------------------------------------------------------------------------
# reusable checks: each returns a list of problems (empty when fine)
# --------------------------------------------------------------------------------------------
def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_choice(name: str, value, allowed: Iterable) -> list[str]:
    allowed = list(allowed)
    if value not in allowed:
        return [f"{name}: {value!r} is not allowed; allowed: {', '.join(map(repr, allowed))}"]
    return []


def check_bool(name: str, value) -> list[str]:
    return [] if isinstance(value, bool) else [f"{name}: {value!r} must be True or False"]


def check_years(start_year, end_year, first_year: int, last_year: int) -> list[str]:
    """Both integers within ``first_year``…``last_year`` and running forwards."""
    problems = []
    span = f"allowed: {first_year}–{last_year} (the years in the data snapshot)"
    for name, value in (("start_year", start_year), ("end_year", end_year)):
        if not _is_int(value):
            problems.append(f"{name}: {value!r} must be a whole year such as {last_year}; {span}")
        elif not first_year <= value <= last_year:
            problems.append(f"{name}: {value} is out of range; {span}")
    if _is_int(start_year) and _is_int(end_year) and start_year > end_year:
        problems.append(f"start_year {start_year} is after end_year {end_year} (years must run forwards)")
    return problems


def check_partner(name: str, code, allowed: Sequence[str], what: str = "partner code") -> list[str]:
    if not isinstance(code, str) or code not in allowed:
        return [f"{name}: unknown {what} {code!r}; allowed: {', '.join(allowed)}"]
    return []


def check_partners(name: str, codes, allowed: Sequence[str], what: str = "partner code") -> list[str]:
    """A non-empty list of distinct, known partner codes (or other codes: ``what`` names them)."""
    if isinstance(codes, str) or not isinstance(codes, (list, tuple)):
        return [f"{name}: {codes!r} must be a list of {what}s such as {list(allowed[:2])!r}; "
                f"allowed: {', '.join(allowed)}"]
    if not codes:
        return [f"{name}: the list is empty; give at least one of: {', '.join(allowed)}"]
    problems = []
    for code in codes:
        problems += check_partner(name, code, allowed, what)
    duplicates = sorted({c for c in codes if isinstance(c, str) and codes.count(c) > 1})
    if duplicates:
        problems.append(f"{name}: listed more than once: {', '.join(duplicates)}")
    return problems


def _contains() -> dict[str, set[str]]:
    """Which codes each aggregate contains (so that shares and contributions are not double-counted)."""
    from helpers.partners import AGGREGATES, ASEAN_MEMBERS

    contains = {aggregate: set(members) for aggregate, members in AGGREGATES.items()}
    contains["ASIA"] = {"CHN", "HKG", "CHN+HKG", "JPN", "KOR", "IND", "ASEAN", "MIDEAST", *ASEAN_MEMBERS}
    contains["EUR"] = {"DEU", "NLD", "GBR", "FRA", "ITA"}
    contains["NAMERICA"] = {"USA", "CAN"}
    return contains


def check_disjoint(name: str, codes) -> list[str]:
    """Partners must not contain one another (Asia and Japan; China + Hong Kong and China)."""
    if not isinstance(codes, (list, tuple)):
        return []
    problems = []
    for aggregate, members in _contains().items():
        clash = sorted(members & set(codes))
        if aggregate in codes and clash:
            problems.append(f"{name}: {aggregate} already contains {', '.join(clash)}; shares and contributions would "
                            f"count them twice — choose one")
    return problems


def raise_if(problems: Sequence[str]) -> None:
    if problems:
        raise ParameterError(problems)


# --------------------------------------------------------------------------------------------
# per-notebook validators
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TradePivotParams:
    start_year: int
    end_year: int
    partners: tuple[str, ...]
    flow: str
    freq: str
    show_events: bool
    first_year: int  # first year in the snapshot
    last_year: int   # last year in the snapshot

    @property
    def share_flow(self) -> str:
        """Flow used for shares and the crossover: shares of a balance are not meaningful, so a
        ``balance`` run shows export shares."""
        return "export" if self.flow == "balance" else self.flow

    @property
    def freq_label(self) -> str:
        return FREQS[self.freq]


def trade_pivot(*, start_year, end_year, partners, flow, freq, show_events=True,
                bounds: Bounds | None = None) -> TradePivotParams:
    """Validate the ``trade_pivot`` notebook's parameters; ``end_year=None`` means the latest year.

    ``bounds`` defaults to what the snapshot holds (see :func:`snapshot_bounds`).
    """
    problems = check_choice("freq", freq, FREQS) + check_choice("flow", flow, FLOWS) + check_bool("show_events", show_events)
    if bounds is None:
        bounds = snapshot_bounds("A")
    end = bounds.last_year if end_year is None else end_year
    problems += check_years(start_year, end, bounds.first_year, bounds.last_year)
    problems += check_partners("partners", partners, bounds.partners)
    problems += check_disjoint("partners", partners)
    raise_if(problems)
    return TradePivotParams(start_year, end, tuple(partners), flow, freq, show_events,
                            bounds.first_year, bounds.last_year)


@dataclass(frozen=True)
class PartnerProfileParams:
    partner: str
    start_year: int
    end_year: int
    first_year: int
    last_year: int
    show_events: bool = True


def partner_profile(*, partner, start_year, end_year, show_events=True,
                    bounds: Bounds | None = None) -> PartnerProfileParams:
    """Validate the ``partner_profile`` notebook's parameters; ``end_year=None`` means the latest year."""
    if bounds is None:
        bounds = snapshot_bounds("A")
    end = bounds.last_year if end_year is None else end_year
    problems = check_partner("partner", partner, bounds.partners)
    problems += check_years(start_year, end, bounds.first_year, bounds.last_year)
    problems += check_bool("show_events", show_events)
    raise_if(problems)
    return PartnerProfileParams(partner, start_year, end, bounds.first_year, bounds.last_year, show_events)


@lru_cache(maxsize=4)
def two_way_partners(freq: str = "A") -> tuple[str, ...]:
    """Partner codes with both exports and imports in the snapshot at ``freq`` (so that total trade
    and the balance exist for them)."""
    from helpers import data

    frame = data.load("trade_by_partner", freq=freq)
    flows = frame.loc[frame["value_usd"].notna()].groupby("partner")["flow"].nunique()
    return tuple(sorted(set(flows.index[flows == 2]) - set(NOT_PARTNERS)))


@dataclass(frozen=True)
class JapanTaiwanParams:
    start_year: int
    end_year: int
    compare_with: tuple[str, ...]
    freq: str
    first_year: int
    last_year: int

    @property
    def freq_label(self) -> str:
        return FREQS[self.freq]


def japan_taiwan(*, start_year, end_year, compare_with, freq, bounds: Bounds | None = None,
                 partners: Sequence[str] | None = None) -> JapanTaiwanParams:
    """Validate the ``japan_taiwan`` notebook's parameters; ``end_year=None`` means the latest year.

    ``compare_with`` lists the partners set beside Japan: codes with both exports and imports at
    ``freq`` (``partners``, default :func:`two_way_partners`), Japan itself excluded.
    """
    problems = check_choice("freq", freq, FREQS)
    data_freq = freq if not problems else "A"  # still check the other parameters against annual data
    if bounds is None:
        bounds = snapshot_bounds(data_freq)
    allowed = [p for p in (two_way_partners(data_freq) if partners is None else partners) if p != "JPN"]
    end = bounds.last_year if end_year is None else end_year
    problems += check_years(start_year, end, bounds.first_year, bounds.last_year)
    if isinstance(compare_with, (list, tuple)) and "JPN" in compare_with:
        problems.append("compare_with: JPN is Japan itself, always shown; list the partners to set beside it")
        compare_with = [code for code in compare_with if code != "JPN"]
    problems += check_partners("compare_with", compare_with, allowed)
    raise_if(problems)
    return JapanTaiwanParams(start_year, end, tuple(compare_with), freq, bounds.first_year, bounds.last_year)


@lru_cache(maxsize=1)
def export_orders_bounds() -> Bounds:
    """Years covered by the MOEA export orders and production survey datasets (partners: the
    customer regions of the orders)."""
    from helpers import data

    years = [p.year for name in ("export_orders", "production_survey") for p in data.load(name)["period"]]
    regions = tuple(sorted(set(data.load("export_orders")["region"]) - set(NOT_PARTNERS)))
    return Bounds(min(years), max(years), regions)


@dataclass(frozen=True)
class ExportOrdersParams:
    start_year: int
    end_year: int
    locations: tuple[str, ...]
    regions: tuple[str, ...]
    first_year: int
    last_year: int


def export_orders(*, start_year, end_year, locations, regions, bounds: Bounds | None = None) -> ExportOrdersParams:
    """Validate the ``export_orders`` notebook's parameters; ``end_year=None`` means the latest year.

    ``locations`` are production locations of the MOEA survey (``OTHER`` = the residual, which
    needs locations that do not overlap); ``regions`` are customer regions of the orders.
    """
    from helpers import production_survey

    if bounds is None:
        bounds = export_orders_bounds()
    end = bounds.last_year if end_year is None else end_year
    problems = check_years(start_year, end, bounds.first_year, bounds.last_year)
    location_problems = check_partners("locations", locations, production_survey.LOCATIONS, what="production location")
    if not location_problems and production_survey.OTHER in locations:
        location_problems = [f"locations: {a} and {b} overlap, so the residual {production_survey.OTHER} would count "
                             f"production twice — choose one" for a, b in production_survey.overlapping_pairs(locations)]
    problems += location_problems
    problems += check_partners("regions", regions, bounds.partners, what="customer region")
    raise_if(problems)
    return ExportOrdersParams(start_year, end, tuple(locations), tuple(regions), bounds.first_year, bounds.last_year)


@dataclass(frozen=True)
class ClaimsCheckParams:
    topics: tuple[str, ...]
    tolerance: float  # extra allowance, in units of the last digit of each stated figure


def check_tolerance(name: str, value) -> list[str]:
    """A finite number, zero or more."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        return [f"{name}: {value!r} must be a number, zero or more (units of the last digit of each stated figure; "
                "0 = within the rounding of the stated figure)"]
    return []


def claims_check(*, topics, tolerance, allowed_topics: Sequence[str] | None = None) -> ClaimsCheckParams:
    """Validate the ``claims_check`` notebook's parameters. ``topics`` come from the claims registry
    (``allowed_topics``, default the topics of ``data/claims.yaml``)."""
    if allowed_topics is None:
        from helpers.claims import load_registry

        allowed_topics = tuple(load_registry().topics)
    problems = check_partners("topics", topics, list(allowed_topics), what="topic")
    problems += check_tolerance("tolerance", tolerance)
    raise_if(problems)
    return ClaimsCheckParams(tuple(topics), float(tolerance))
