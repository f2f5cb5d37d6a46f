"""Where Taiwan's export orders are produced: the MOEA annual survey shares by production location.

The survey (``production_survey`` dataset) publishes a few locations per year, not always the same
ones, and some locations contain others (Vietnam is inside ASEAN, the US inside "Europe + US").
This module turns the published shares into the set of locations a notebook asks for, adds
"other" as the residual ``100 − listed locations`` (derived, and a gap wherever one of the listed
locations is not published that year), and reports what the published figures leave unitemised.
Nothing is filled in: a year without a figure stays without one.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Sequence

import pandas as pd

from helpers.analysis import metrics
from helpers.snapshot.partners import ASEAN_MEMBERS

#: The residual location: 100 minus the listed locations.
OTHER = "OTHER"
#: Economies each survey location covers (used to find locations that would be counted twice).
COVERS: dict[str, frozenset] = {
    "TWN": frozenset({"TWN"}),
    "CHN+HKG": frozenset({"CHN", "HKG"}),
    "ASEAN": frozenset(ASEAN_MEMBERS),
    "EUR+USA": frozenset({"EUR", "USA"}),
    "USA": frozenset({"USA"}),
    "AMERICAS": frozenset({"USA", "MEX", "CAN"}),
    "VNM": frozenset({"VNM"}),
    "THA": frozenset({"THA"}),
}
LOCATIONS = (*COVERS, OTHER)
#: Names of the locations in charts and text (the survey's ASEAN has no stated member count).
NAMES = {"TWN": "Taiwan", "CHN+HKG": "mainland China + Hong Kong", "ASEAN": "ASEAN",
         OTHER: "other locations (residual, derived)"}
#: Each share is published to 0.1 pp, so a sum of n shares may miss 100 by up to n × 0.05.
ROUNDING_PP = 0.05
COLUMNS = ["period", "location", "share_pct", "basis", "derivation", "note", "source"]


def overlapping_pairs(locations: Sequence[str]) -> list[tuple[str, str]]:
    """Pairs of the given survey locations that share an economy (e.g. ASEAN and Vietnam)."""
    known = [loc for loc in locations if loc in COVERS]
    return [(a, b) for a, b in combinations(known, 2) if COVERS[a] & COVERS[b]]


def _check_locations(locations: Sequence[str]) -> list[str]:
    unknown = [loc for loc in locations if loc not in LOCATIONS]
    if unknown:
        raise ValueError(f"unknown survey location(s) {', '.join(unknown)}; allowed: {', '.join(LOCATIONS)}")
    listed = [loc for loc in locations if loc != OTHER]
    clashes = overlapping_pairs(listed)
    if OTHER in locations and clashes:
        pairs = "; ".join(f"{a} and {b}" for a, b in clashes)
        raise ValueError(f"the residual {OTHER} would count production twice: {pairs} overlap")
    return listed


def _residual(survey: pd.DataFrame, listed: list[str]) -> pd.DataFrame:
    """``OTHER`` = 100 − listed shares per year, via :func:`helpers.analysis.metrics.rest_of_world`."""
    years = survey[["period"]].drop_duplicates()
    whole = years.assign(location="ALL", share_pct=100.0)
    parts = pd.concat([survey[["period", "location", "share_pct"]], whole], ignore_index=True)
    other = metrics.rest_of_world(parts, listed, total="ALL", key="location", value="share_pct", label=OTHER)
    too_negative = other["share_pct"] < -ROUNDING_PP * len(listed)
    if too_negative.any():
        row = other.loc[too_negative].iloc[0]
        raise ValueError(f"production_survey {row['period']}: the listed locations {', '.join(listed)} add up to "
                         f"{100 - row['share_pct']:.1f}%, more than 100% beyond rounding")
    approximate = survey.loc[survey["location"].isin(listed) & survey["note"].str.startswith("approx")]
    notes = approximate.groupby("period")["location"].agg(
        lambda locs: "rests on approximate " + ", ".join(locs) + " (published as 'about')")
    formula = "100 − " + " − ".join(listed)
    return other.assign(share_pct=other["share_pct"].round(1), basis="derived", derivation=f"{formula} (residual)",
                        note=other["period"].map(notes).fillna(""), source=survey["source"].iloc[0])


def location_shares(survey: pd.DataFrame, locations: Sequence[str]) -> pd.DataFrame:
    """Survey shares of the chosen ``locations`` (tidy, one row per year and location).

    ``OTHER`` among the locations adds the residual ``100 − the other listed locations`` with
    ``basis="derived"``; its share is NaN (a gap) in a year where a listed location is not
    published. Locations without a figure in a year have no row for it.
    """
    listed = _check_locations(locations)
    chosen = survey.loc[survey["location"].isin(listed), COLUMNS]
    if OTHER in locations:
        chosen = pd.concat([chosen, _residual(survey, listed)[COLUMNS]], ignore_index=True)
    order = {loc: i for i, loc in enumerate(locations)}
    chosen = chosen.sort_values(["period", "location"], key=lambda s: s.map(order) if s.name == "location" else s)
    return chosen.reset_index(drop=True)


def itemised(survey: pd.DataFrame) -> pd.DataFrame:
    """Per year: the published locations not contained in another published one, their sum and the
    share they leave unitemised (``100 − sum``: production elsewhere, plus rounding).

    Columns: ``period``, ``locations`` (tuple), ``sum_pct``, ``unitemised_pct``, ``approximate``
    (tuple of locations published only as an approximate figure, e.g. "about 1%").
    """
    rows = []
    for period, year in survey.groupby("period"):
        present = list(year["location"])
        top = [a for a in present if not any(COVERS[a] < COVERS[b] for b in present if b != a)]
        clashes = overlapping_pairs(top)
        if clashes:
            raise ValueError(f"production_survey {period}: published locations {clashes[0]} overlap")
        shares = year.set_index("location")["share_pct"]
        approx = year.loc[year["location"].isin(top) & year["note"].str.startswith("approx"), "location"]
        total = float(shares[top].sum())
        rows.append({"period": period, "locations": tuple(top), "sum_pct": round(total, 2),
                     "unitemised_pct": round(100 - total, 2), "approximate": tuple(approx)})
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class ShareChange:
    """A location's survey share in two years and the change in percentage points (NaN if either
    year has no figure). ``derived`` lists the years whose figure is derived."""

    location: str
    start: pd.Period
    end: pd.Period
    start_pct: float
    end_pct: float
    derived: tuple

    @property
    def change_pp(self) -> float:
        return self.end_pct - self.start_pct


def change(shares: pd.DataFrame, location: str, start, end) -> ShareChange:
    """Share of ``location`` in years ``start`` and ``end`` and the percentage-point change."""
    start, end = pd.Period(str(start), freq="Y"), pd.Period(str(end), freq="Y")
    rows = metrics.select(shares, location=location)
    values = [metrics.value_at(rows, year, value="share_pct") for year in (start, end)]
    derived = tuple(p for p in rows.loc[rows["basis"] == "derived", "period"] if p in (start, end))
    return ShareChange(location, start, end, values[0], values[1], derived)


def first_above(shares: pd.DataFrame, location: str, threshold_pct: float) -> metrics.Crossover:
    """When ``location``'s share first rose above ``threshold_pct`` in the survey years
    (:func:`helpers.analysis.metrics.crossover` against a constant line)."""
    rows = metrics.select(shares, location=location)
    line = rows.assign(location=f"{threshold_pct:g}%", share_pct=float(threshold_pct))
    return metrics.crossover(pd.concat([rows, line]), leader=location, rival=f"{threshold_pct:g}%",
                             key="location", value="share_pct")
