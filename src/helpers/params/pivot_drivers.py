"""Parameters of the pivot_drivers notebook, validated: ``validate(**parameters) -> PivotDriversParams``."""

from __future__ import annotations

from dataclasses import dataclass

from helpers.params.checks import (
    Bounds,
    _is_int,
    check_disjoint,
    check_partners,
    check_years,
    raise_if,
    snapshot_bounds,
)


@dataclass(frozen=True)
class PivotDriversParams:
    start_year: int
    end_year: int
    routes: tuple[str, ...]
    fastest_n: int
    min_share_pct: float
    months: int
    latest_partners: tuple[str, ...]
    last_year: int  # the latest year in the snapshot

    @property
    def months_to(self) -> int | None:
        """Last calendar year of the monthly figures: none when the verdict year is the latest year, so that
        the months published after it (the next year's first months) are shown."""
        return None if self.end_year == self.last_year else self.end_year


def _check_count(name: str, value, low: int, high: int, what: str) -> list[str]:
    if not _is_int(value) or not low <= value <= high:
        return [f"{name}: {value!r} must be a whole number of {what} from {low} to {high}"]
    return []


def validate(*, start_year, end_year, routes, fastest_n, min_share_pct, months, latest_partners,
             bounds: Bounds | None = None) -> PivotDriversParams:
    """Validate the ``pivot_drivers`` notebook's parameters; ``end_year=None`` means the latest year.

    ``routes``: destinations whose exports are compared (ASEAN members, Mexico…); ``fastest_n`` of them are
    flagged as the fastest growers among those taking at least ``min_share_pct`` % of Taiwan's exports;
    ``months``: how many recent months the monthly shares show; ``latest_partners``: partners (not
    overlapping) of the latest-month comparison.
    """
    if bounds is None:
        bounds = snapshot_bounds("A")
    end = bounds.last_year if end_year is None else end_year
    problems = check_years(start_year, end, bounds.first_year, bounds.last_year)
    problems += check_partners("routes", routes, bounds.partners)
    # the upper bound is the number of routes only when the routes themselves are a list to count
    most = len(routes) if isinstance(routes, (list, tuple)) and routes else 10 ** 6
    problems += _check_count("fastest_n", fastest_n, 1, most, "destinations (at most one per route)")
    if isinstance(min_share_pct, bool) or not isinstance(min_share_pct, (int, float)) or not 0 <= min_share_pct < 100:
        problems.append(f"min_share_pct: {min_share_pct!r} must be a percentage from 0 to below 100")
    problems += _check_count("months", months, 2, 36, "months")
    problems += check_partners("latest_partners", latest_partners, bounds.partners)
    problems += check_disjoint("latest_partners", latest_partners)
    raise_if(problems)
    return PivotDriversParams(start_year, end, tuple(routes), fastest_n, float(min_share_pct), months,
                              tuple(latest_partners), bounds.last_year)
