"""Checks shared by every report's parameters: each returns a list of problems, and ``raise_if`` raises one
``ParameterError`` listing them all with the allowed values.

The allowed years and partner codes come from the data snapshot itself (annual ``trade_by_partner``), so a
snapshot update widens them without a code change.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from helpers import snapshot
from helpers.snapshot.partners import AGGREGATES, ASEAN_MEMBERS

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

    frame = snapshot.load("trade_by_partner", freq=freq)
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
