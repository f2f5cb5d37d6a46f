"""Parameters of the partner_profile notebook, validated: ``validate(**parameters) -> PartnerProfileParams``."""

from __future__ import annotations

from dataclasses import dataclass

from helpers.params.checks import Bounds, check_bool, check_partner, check_years, raise_if, snapshot_bounds


@dataclass(frozen=True)
class PartnerProfileParams:
    partner: str
    start_year: int
    end_year: int
    first_year: int
    last_year: int
    show_events: bool = True


def validate(*, partner, start_year, end_year, show_events=True,
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
