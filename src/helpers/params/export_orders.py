"""Parameters of the export_orders notebook, validated: ``validate(**parameters) -> ExportOrdersParams``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from helpers import snapshot
from helpers.params.checks import NOT_PARTNERS, Bounds, check_partners, check_years, raise_if


@lru_cache(maxsize=1)
def export_orders_bounds() -> Bounds:
    """Years covered by the MOEA export orders and production survey datasets (partners: the
    customer regions of the orders)."""

    years = [p.year for name in ("export_orders", "production_survey") for p in snapshot.load(name)["period"]]
    regions = tuple(sorted(set(snapshot.load("export_orders")["region"]) - set(NOT_PARTNERS)))
    return Bounds(min(years), max(years), regions)


@dataclass(frozen=True)
class ExportOrdersParams:
    start_year: int
    end_year: int
    locations: tuple[str, ...]
    regions: tuple[str, ...]
    first_year: int
    last_year: int


def validate(*, start_year, end_year, locations, regions, bounds: Bounds | None = None) -> ExportOrdersParams:
    """Validate the ``export_orders`` notebook's parameters; ``end_year=None`` means the latest year.

    ``locations`` are production locations of the MOEA survey (``OTHER`` = the residual, which
    needs locations that do not overlap); ``regions`` are customer regions of the orders.
    """
    from helpers.analysis import export_orders

    if bounds is None:
        bounds = export_orders_bounds()
    end = bounds.last_year if end_year is None else end_year
    problems = check_years(start_year, end, bounds.first_year, bounds.last_year)
    location_problems = check_partners("locations", locations, export_orders.LOCATIONS, what="production location")
    if not location_problems and export_orders.OTHER in locations:
        location_problems = [f"locations: {a} and {b} overlap, so the residual {export_orders.OTHER} would count "
                             f"production twice — choose one" for a, b in export_orders.overlapping_pairs(locations)]
    problems += location_problems
    problems += check_partners("regions", regions, bounds.partners, what="customer region")
    raise_if(problems)
    return ExportOrdersParams(start_year, end, tuple(locations), tuple(regions), bounds.first_year, bounds.last_year)
