"""Taiwan's export orders (MOEA): where they are produced (the annual survey shares by production
location), the overseas production ratio of the monthly release, who places them (orders by customer
region) and how the orders compare with customs exports to the same region.

The survey (``production_survey`` dataset) publishes a few locations per year, not always the same
ones, and some locations contain others (Vietnam is inside ASEAN, the US inside "Europe + US"). The
chosen locations can include "other", the residual ``100 − listed locations`` (derived, and a gap
wherever one of the listed locations is not published that year).

Orders are booked by the customer's region; customs exports are recorded by destination. The two
differ wherever orders are produced abroad or goods are shipped to a third place, so the gap
between them is read, never reconciled. Derived levels (computed by the snapshot from a stated
level and a stated change) keep ``basis="derived"`` through every function here. Nothing is filled
in: a year without a figure stays without one.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Sequence

import pandas as pd

from helpers.analysis import coverage as gaps
from helpers.analysis import metrics
from helpers.snapshot.partners import ASEAN_MEMBERS

# --------------------------------------------------------------------------------------------
# where orders are produced: the annual survey
# --------------------------------------------------------------------------------------------
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
#: Each share is published to 0.1 pp, so a sum of n shares may miss 100 by up to n × 0.05.
ROUNDING_PP = 0.05
COLUMNS = ["period", "location", "share_pct", "status", "basis", "derivation", "note", "source"]


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
    # A residual of secondary figures is itself secondary.
    secondary = set(survey.loc[survey["location"].isin(listed) & survey["status"].eq("secondary"), "period"])
    status = other["period"].map(lambda period: "secondary" if period in secondary else "final")
    return other.assign(share_pct=other["share_pct"].round(1), status=status, basis="derived",
                        derivation=f"{formula} (residual)", note=other["period"].map(notes).fillna(""),
                        source=survey["source"].iloc[0])


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


# --------------------------------------------------------------------------------------------
# who places orders: customer regions, and orders beside customs exports
# --------------------------------------------------------------------------------------------
REGIONS = ("USA", "CHN+HKG", "EUR", "JPN", "ASEAN")
TOTAL = "WLD"
ASEAN_SIX = "ASEAN-6"
LEVEL_COLUMNS = ["period", "region", "value_usd", "basis", "status", "derivation", "asean_definition", "source"]


def levels(orders: pd.DataFrame, regions) -> pd.DataFrame:
    """Orders of the chosen customer ``regions`` (US dollars), with their basis and status."""
    return metrics.select(orders, region=list(regions))[LEVEL_COLUMNS].reset_index(drop=True)


def region_shares(orders: pd.DataFrame, regions) -> pd.DataFrame:
    """Each region's orders and share of total orders (``share_pct``, computed from the levels).

    ``basis`` (of the share) is ``derived`` where the region's or the total's level is derived
    (``level_basis`` is the region level's own); the share is missing where either level is.
    """
    computed = metrics.shares(orders.drop(columns="share_pct"), total=TOTAL, key="region", partners=list(regions))
    total_basis = metrics.select(orders, region=TOTAL).set_index("period")["basis"]
    computed["level_basis"] = computed["basis"]
    derived = (computed["basis"] == "derived") | (computed["period"].map(total_basis) == "derived")
    computed["basis"] = computed["basis"].where(~derived, "derived")
    return computed[["period", "region", "value_usd", "share_pct", "basis", "level_basis", "status", "derivation",
                     "asean_definition", "source"]]


def asean_definition_years(orders: pd.DataFrame) -> tuple[list[int], list[int]]:
    """Years whose ASEAN orders are stated as ASEAN-6, and years whose release does not state the
    member count (the definition may have widened; ASEAN is not comparable over time for sure)."""
    asean = metrics.select(orders, region="ASEAN")
    six = asean["asean_definition"] == ASEAN_SIX
    return ([p.year for p in asean.loc[six, "period"]], [p.year for p in asean.loc[~six, "period"]])


def orders_vs_exports(orders: pd.DataFrame, exports: pd.DataFrame, regions) -> pd.DataFrame:
    """Orders from each region beside customs exports to it, per year.

    ``exports`` is annual ``trade_by_partner`` export rows. Columns: ``period``, ``region``,
    ``orders_usd``, ``exports_usd``, ``orders_per_export`` (ratio), ``gap_usd`` (orders − exports),
    ``orders_basis``; NaN where either side is missing.
    """
    parts = []
    for region in regions:
        mine = metrics.select(orders, region=region)
        theirs = metrics.select(exports, partner=region, flow="export")
        paired = metrics.ratio(mine, theirs, names=("orders_usd", "exports_usd"), out="orders_per_export")
        paired["gap_usd"] = paired["orders_usd"] - paired["exports_usd"]
        paired["orders_basis"] = paired["period"].map(mine.set_index("period")["basis"])
        parts.append(paired.assign(region=region))
    columns = ["period", "region", "orders_usd", "exports_usd", "orders_per_export", "gap_usd", "orders_basis"]
    return pd.concat(parts, ignore_index=True)[columns]


def production_ratio(ratio: pd.DataFrame, freq: str, start: int, end: int) -> pd.DataFrame:
    """The overseas production ratio of the monthly release at ``freq`` ("A" annual or "M" monthly)
    for calendar years ``start``…``end``, with ``period`` as pandas periods."""
    rows = metrics.select(ratio, freq=freq)
    rows = rows.assign(period=metrics.as_periods(rows["period"]).to_numpy())
    return metrics.years(rows, start, end).reset_index(drop=True)


def side_by_side(paired: pd.DataFrame, start: int, end: int) -> tuple[dict, dict]:
    """Chart input for :func:`helpers.charts.draw.panel_lines` from :func:`orders_vs_exports`: per region
    code the two series (``orders``, ``exports``) in US$ billion for every year ``start``…``end``, and the
    flags of derived orders."""
    panels, derived = {}, {}
    for region, rows in metrics.years(paired, start, end).groupby("region", sort=False):
        wide = rows.set_index("period")[["orders_usd", "exports_usd"]].set_axis(["orders", "exports"], axis=1) / 1e9
        panels[region] = gaps.full_years(wide, start, end)
        flags = rows.set_index("period")[["orders_basis"]].eq("derived").set_axis(["orders"], axis=1)
        derived[region] = gaps.full_years(flags, start, end)
    return panels, derived


@dataclass(frozen=True)
class OrdersYear:
    """One year of export orders: the total, the customer regions ranked (largest first) and those without a
    figure that year, and whether any of the figures is preliminary."""

    period: pd.Period
    total: float
    total_yoy_pct: float          # as published (NaN where not published)
    ranking: tuple                # (region, US dollars, published yoy %) largest first
    missing: tuple                # regions asked for that have no figure that year
    preliminary: bool


def year_summary(orders: pd.DataFrame, year: int, regions=REGIONS) -> OrdersYear:
    """The total and the ranking of ``regions`` in ``year`` (regions without a figure are listed, not ranked)."""
    rows = metrics.years(orders, year, year)
    if rows.empty:
        raise ValueError(f"the export orders hold no figures for {year}")
    by_region = rows.set_index("region")
    held = [r for r in regions if r in by_region.index and pd.notna(by_region.loc[r, "value_usd"])]
    ranked = sorted(held, key=lambda r: by_region.loc[r, "value_usd"], reverse=True)
    return OrdersYear(
        period=rows["period"].iloc[0],
        total=float(by_region["value_usd"].get(TOTAL, float("nan"))),
        total_yoy_pct=float(by_region["yoy_pct"].get(TOTAL, float("nan"))),
        ranking=tuple((r, float(by_region.loc[r, "value_usd"]), float(by_region.loc[r, "yoy_pct"])) for r in ranked),
        missing=tuple(r for r in regions if r not in held),
        preliminary=bool((metrics.select(rows, region=[TOTAL, *held])["status"] == "preliminary").any()),
    )


def latest_ratios(ratio: pd.DataFrame) -> dict:
    """The latest published overseas production ratio at each frequency: ``{"A": row, "M": row}`` (rows as
    Series with ``period``, ``ratio_pct``, ``basis``, ``status``); a frequency without a figure is left out."""
    latest = {}
    for freq in ("A", "M"):
        rows = metrics.select(ratio, freq=freq)
        rows = rows.loc[rows["ratio_pct"].notna()]
        if len(rows):
            periods = metrics.as_periods(rows["period"]).to_numpy()
            latest[freq] = rows.assign(period=periods).sort_values("period").iloc[-1]
    return latest
