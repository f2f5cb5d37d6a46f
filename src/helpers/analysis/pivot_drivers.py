"""What drove the pivot: export market against trading partner, products by destination, routes via ASEAN and
Mexico, the latest months and the China mirror — frames and findings for the ``pivot_drivers`` report.

Everything here is arithmetic on tidy snapshot frames (US dollars); a missing input stays missing, and a
finding that needs a missing figure says which one instead of being made.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from helpers.analysis import coverage, metrics, year_to_date
from helpers.analysis.japan_taiwan import period_end
from helpers.snapshot.partners import AGGREGATES, ASEAN_MEMBERS

#: The two partners the pivot is about.
LEADER, RIVAL = "USA", "CHN+HKG"
#: The measures by which a partner can be "largest": exports (export market), imports, two-way trade, balance.
MEASURES = ("export", "import", "total", "balance")
#: Exports to these are the possible detours of the pivot: each ASEAN member and Mexico.
ROUTES = tuple(ASEAN_MEMBERS) + ("MEX",)
#: Product groups compared by destination (MOF commodity codes).
PRODUCTS = ("ict_av", "electronic_components")
#: Destinations of integrated circuits compared, each the sum of its members' rows: the Asian assembly hubs
#: (China + Hong Kong, ASEAN) and the United States; everything else is the rest (``ROW``).
IC_DESTINATIONS = {RIVAL: AGGREGATES[RIVAL], "ASEAN": ASEAN_MEMBERS, LEADER: (LEADER,)}
#: The Asian assembly hubs among them.
IC_HUBS = (RIVAL, "ASEAN")


# --------------------------------------------------------------------------------------------
# 1. export market against trading partner
# --------------------------------------------------------------------------------------------
def two_way(trade: pd.DataFrame, partners: Sequence[str] = (LEADER, RIVAL)) -> pd.DataFrame:
    """Exports, imports, two-way trade (``total``) and balance per period for ``partners``, tidy
    (``period``, ``flow``, ``partner``, ``value_usd``, ``derived``); total and balance are NaN where a flow is
    missing, and ``derived`` where a figure is, or is computed from, a derived figure (basis ``derived``)."""
    rows = metrics.select(trade, partner=list(partners), flow=["export", "import"])
    keep = ["period", "flow", "partner", "value_usd"]
    flags = rows.assign(derived=metrics.flagged(rows, "basis", "derived"))
    inherited = flags.groupby(["period", "partner"])["derived"].any().rename("derived").reset_index()
    computed = [metrics.total_trade(rows[keep]), metrics.balance(rows[keep])]
    computed = [part.merge(inherited, on=["period", "partner"], how="left") for part in computed]
    out = pd.concat([flags[keep + ["derived"]], *computed], ignore_index=True)
    out["derived"] = out["derived"].astype("boolean").fillna(False).astype(bool)
    return out.sort_values(["period", "flow", "partner"]).reset_index(drop=True)


def measure_panels(frame: pd.DataFrame, start: int, end: int,
                   partners: Sequence[str] = (LEADER, RIVAL)) -> tuple[dict, dict]:
    """Chart input from a :func:`two_way` frame: per measure (:data:`MEASURES`) a wide frame of the partners'
    values for every year ``start``…``end`` (gaps empty), and the same-shaped flags of derived values."""
    values, derived = {}, {}
    rows = metrics.years(frame, start, end)
    for measure in MEASURES:
        of_measure = metrics.select(rows, flow=measure)
        wide, flags = coverage.chart_frames(of_measure.assign(basis=of_measure["derived"].map({True: "derived",
                                                                                               False: "table"})),
                                            "partner", "value_usd", start, end, list(partners))
        values[measure], derived[measure] = wide, flags
    return values, derived


def year_to_date_two_way(monthly: pd.DataFrame, through, partners: Sequence[str] = (LEADER, RIVAL)) -> pd.DataFrame:
    """:func:`two_way` on the sums of January…``through`` (``period`` is ``through``)."""
    rows = metrics.select(monthly, partner=list(partners), flow=["export", "import"])
    sums = year_to_date.year_to_date(rows[["period", "flow", "partner", "value_usd"]], through)
    return two_way(sums[["flow", "partner", "value_usd"]].assign(period=sums["through"]), partners).drop(
        columns="derived")


@dataclass(frozen=True)
class Leaders:
    """Which partner leads on each measure in one period; a measure with a partner lacking a figure has no
    leader, and ``missing`` names who lacks it."""

    period: pd.Period
    partners: tuple
    leader: dict            # measure -> partner code or None
    missing: dict           # measure -> tuple of partner codes without a figure
    values: dict            # (measure, partner) -> US dollars (NaN where missing)
    derived: frozenset = frozenset()  # (measure, partner) whose value is, or rests on, a derived figure

    def gap(self, measure: str) -> float:
        """Leader's value minus the runner-up's (NaN without a leader)."""
        if self.leader.get(measure) is None:
            return float("nan")
        ordered = sorted((self.values[(measure, p)] for p in self.partners), reverse=True)
        return ordered[0] - ordered[1]


def leaders(frame: pd.DataFrame, period, partners: Sequence[str] = (LEADER, RIVAL)) -> Leaders:
    """The leader on each of :data:`MEASURES` among ``partners`` in ``period`` of a :func:`two_way` frame."""
    period = metrics.as_periods(pd.Series([period])).iloc[0]
    leader, missing, values = {}, {}, {}
    for measure in MEASURES:
        for partner in partners:
            values[(measure, partner)] = metrics.value_at(frame, period, flow=measure, partner=partner)
        missing[measure] = tuple(p for p in partners if pd.isna(values[(measure, p)]))
        leader[measure] = None if missing[measure] else max(partners, key=lambda p: values[(measure, p)])
    rows = frame.loc[(metrics.as_periods(frame["period"]) == period) & metrics.flagged(frame, "derived")]
    return Leaders(period, tuple(partners), leader, missing, values, frozenset(zip(rows["flow"], rows["partner"])))


# --------------------------------------------------------------------------------------------
# 2. what was shipped where
# --------------------------------------------------------------------------------------------
def product_destinations(commodity: pd.DataFrame, products: Sequence[str] = PRODUCTS,
                         hub: str = RIVAL) -> pd.DataFrame:
    """Exports of each of ``products`` to the world split into ``hub`` and the rest (``ROW``), with each
    part's ``share_pct`` of the product's exports to the world; NaN where the hub's figure is missing."""
    rows = metrics.select(commodity, commodity=list(products), destination=["WLD", hub])
    rows = rows[["period", "flow", "destination", "commodity", "value_usd"]]
    split = metrics.shares(rows, total="WLD", key="destination", partners=[hub], rest=True)
    world = metrics.select(rows, destination="WLD").assign(share_pct=100.0)
    return pd.concat([split, world], ignore_index=True).sort_values(["period", "commodity", "destination"],
                                                                    ignore_index=True)


def destination_shares(frame: pd.DataFrame, destinations: Sequence[str], key: str = "destination",
                       value: str = "value_usd", total: str = "WLD") -> pd.DataFrame:
    """Shares of ``destinations`` and of everything else (``ROW``) in ``total`` per period (e.g. integrated
    circuits to China + Hong Kong, ASEAN, the US and others); the shares add up to 100 where all are held."""
    return metrics.shares(frame, total=total, key=key, value=value, partners=list(destinations), rest=True)


def ic_destination_shares(chips: pd.DataFrame, start: int | None = None, end: int | None = None,
                          groups: dict = IC_DESTINATIONS) -> pd.DataFrame:
    """Wide frame of each of ``groups``' share (%) of Taiwan's integrated-circuit exports and of the rest
    (``ROW``), one row per period of years ``start``…``end`` as the ``ic_exports_by_destination`` rows write it
    ("2013", …, "2025-01..2025-07"). A group is the sum of its members' rows: the file lists every destination
    with exports, adding up to the total, so a member without a row had none listed (nothing is filled in)."""
    member_of = {member: group for group, members in groups.items() for member in members}
    rows = chips.loc[chips["destination"].isin([*member_of, "WLD"])]
    ends = rows["period"].map(period_end)  # a part year sorts, and shares, by its last month
    within = ends.map(lambda p: (start is None or p.year >= start) and (end is None or p.year <= end))
    rows = rows.loc[within].assign(destination=lambda f: f["destination"].map(lambda c: member_of.get(c, c)),
                                   label=lambda f: f["period"], period=ends[within])
    summed = rows.groupby(["period", "label", "destination"], as_index=False)["value_usd"].sum()
    shares = destination_shares(summed[["period", "destination", "value_usd"]], list(groups))
    wide = metrics.to_wide(shares, key="destination", value="share_pct").reindex(columns=[*groups, metrics.ROW])
    return wide.rename(index=dict(zip(summed["period"], summed["label"])))


@dataclass(frozen=True)
class ProductFinding:
    """Where each product group went in one period: the hub's share of each product's exports."""

    period: pd.Period
    hub: str
    hub_share: dict         # product -> % of the product's exports to the world that went to the hub
    hub_value: dict         # product -> US dollars to the hub

    @property
    def most_hub_bound(self) -> str:
        return max(self.hub_share, key=self.hub_share.get)

    @property
    def least_hub_bound(self) -> str:
        return min(self.hub_share, key=self.hub_share.get)


def product_finding(split: pd.DataFrame, period=None, hub: str = RIVAL) -> ProductFinding:
    """The hub's share of each product in ``period`` of a :func:`product_destinations` frame; by default the
    latest period in which every product has a share for the hub (a month with world figures alone is skipped)."""
    hub_rows = metrics.select(split, destination=hub)
    if period is None:
        complete = hub_rows.groupby("period")["share_pct"].apply(
            lambda s: s.notna().sum() == split["commodity"].nunique())
        if not complete.any():
            raise ValueError(f"no period has a {hub} share for every product")
        period = complete[complete].index.max()
    rows = metrics.period_rows(hub_rows, period).set_index("commodity")
    if rows.empty or rows["share_pct"].isna().any() or len(rows) < split["commodity"].nunique():
        raise ValueError(f"no {hub} share for every product in {period}; choose a period the data cover")
    period = metrics.as_periods(pd.Series([period])).iloc[0]
    return ProductFinding(period, hub, rows["share_pct"].to_dict(), rows["value_usd"].to_dict())


# --------------------------------------------------------------------------------------------
# 3. routes: ASEAN members and Mexico
# --------------------------------------------------------------------------------------------
def route_years(annual: pd.DataFrame, partners: Sequence[str] = ROUTES) -> pd.DataFrame:
    """Annual exports to each of ``partners``: level, ``growth_pct`` on the year before and ``share_pct`` of
    Taiwan's exports to the world."""
    exports = metrics.select(annual, flow="export", partner=list(partners) + ["WLD"])
    exports = exports[["period", "flow", "partner", "value_usd"]]
    grown = metrics.yoy_growth(exports)
    shared = metrics.shares(exports, partners=list(partners))[["period", "partner", "share_pct"]]
    return grown.loc[grown["partner"] != "WLD"].merge(shared, on=["period", "partner"], how="left")


def route_year_to_date(monthly: pd.DataFrame, partners: Sequence[str] = ROUTES) -> pd.DataFrame:
    """Exports to each of ``partners`` from January to its latest month held (its own window, in ``through``),
    against the same months a year earlier, with the share of Taiwan's exports to the world in that window.
    A partner without a window is left out."""
    exports = metrics.select(monthly, flow="export")[["period", "flow", "partner", "value_usd"]]
    parts = []
    for partner in partners:
        through = year_to_date.series_through(exports, [partner, "WLD"])
        if through is None:
            continue
        sums = year_to_date.year_to_date(metrics.select(exports, partner=[partner, "WLD"]), through)
        world = float(sums.loc[sums["partner"] == "WLD", "value_usd"].iloc[0])
        row = sums.loc[sums["partner"] == partner]
        parts.append(row.assign(share_pct=row["value_usd"] / world * 100))
    columns = ["through", "flow", "partner", "value_usd", "previous", "change", "growth_pct", "months", "share_pct"]
    return pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)


def fastest(table: pd.DataFrame, n: int, min_share_pct: float = 0.0, column: str = "growth_pct",
            key: str = "partner") -> list[str]:
    """The ``n`` codes with the highest ``column`` among those whose ``share_pct`` is at least ``min_share_pct``
    (a tiny market can double on one shipment), fastest first; missing values never count."""
    if n < 1:
        raise ValueError(f"n must be at least 1, not {n}")
    eligible = table.loc[table[column].notna() & (table["share_pct"] >= min_share_pct)]
    return list(eligible.sort_values(column, ascending=False)[key].head(n))


# --------------------------------------------------------------------------------------------
# 4. the latest months
# --------------------------------------------------------------------------------------------
def latest_month(monthly: pd.DataFrame, partners: Sequence[str]) -> pd.DataFrame:
    """Exports to each of ``partners`` in its latest month against the same month a year earlier
    (``period``, ``partner``, ``value_usd``, ``change``, ``growth_pct``)."""
    exports = metrics.select(monthly, flow="export", partner=list(partners))[["period", "flow", "partner", "value_usd"]]
    grown = metrics.yoy_growth(exports.loc[exports["value_usd"].notna()])
    latest = grown.groupby("partner")["period"].transform("max")
    return grown.loc[grown["period"] == latest].reset_index(drop=True)


def monthly_shares(monthly: pd.DataFrame, partners: Sequence[str] = (LEADER, RIVAL), months: int = 12) -> pd.DataFrame:
    """Wide frame of each partner's share of Taiwan's exports (%), for the last ``months`` months in which
    the world total is held."""
    exports = metrics.select(monthly, flow="export", partner=list(partners) + ["WLD"])
    exports = exports.loc[exports["value_usd"].notna()]
    shares = metrics.shares(exports[["period", "flow", "partner", "value_usd"]], partners=list(partners))
    wide = metrics.to_wide(shares, value="share_pct").reindex(columns=list(partners))
    return wide.tail(months)


def month_leaders(wide: pd.DataFrame) -> pd.Series:
    """The column with the largest value in each row (``None`` where a column is missing)."""
    return wide.dropna().idxmax(axis=1).reindex(wide.index).astype(object).where(wide.notna().all(axis=1), None)


def published_year_to_date(releases: pd.DataFrame, partners: Sequence[str], flow: str = "export",
                           commodity: str = "total", until: int | None = None) -> pd.DataFrame:
    """From the ``trade_releases`` rows: for each of ``partners``, the latest year-to-date figure the releases
    published (a run of months from January, ``YYYY-01..YYYY-MM``, in a year up to ``until``), as published
    (``value_usd``, ``yoy_pct``, ``share_pct``), from the latest release that gave it; ``through`` is the run's
    last month."""
    rows = metrics.select(releases, flow=flow, commodity=commodity, partner=list(partners))
    runs = rows.loc[rows["period"].astype(str).str.fullmatch(r"\d{4}-01\.\.\d{4}-\d{2}")].copy()
    runs["through"] = [pd.Period(str(p).split("..")[1], "M") for p in runs["period"]]
    runs = runs.loc[[str(p).split("..")[0][:4] == str(t.year) and (until is None or t.year <= until)
                     for p, t in zip(runs["period"], runs["through"])]]
    latest = runs.sort_values(["through", "release"]).groupby("partner").tail(1)
    columns = ["through", "partner", "value_usd", "yoy_pct", "share_pct", "status", "basis", "release", "source"]
    return latest.reindex(columns=columns).reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# 5. the China mirror
# --------------------------------------------------------------------------------------------
def china_mirror(mirror: pd.DataFrame, annual: pd.DataFrame) -> pd.DataFrame:
    """Per year: mainland China's reported imports from Taiwan (``china_reported``), Taiwan's reported exports
    to China + Hong Kong and to mainland China alone, the ratios of China's figure to each, and whether China's
    figure is preliminary; from the first year China's figure is held to the last, a year without it left empty
    (a chart then shows the gap)."""
    reported = metrics.select(mirror, reporter="CHN", flow="import")
    exports = metrics.select(annual, flow="export")
    with_hk = metrics.ratio(reported, metrics.select(exports, partner=RIVAL),
                            names=("china_reported", "taiwan_to_chn_hkg"), out="ratio_chn_hkg")
    alone = metrics.ratio(reported, metrics.select(exports, partner="CHN"),
                          names=("china_reported", "taiwan_to_chn"), out="ratio_chn")
    joined = with_hk.merge(alone.drop(columns="china_reported"), on="period", how="outer")
    preliminary = reported.loc[metrics.flagged(reported, "status", "preliminary"), "period"]
    joined["preliminary"] = joined["period"].isin(set(preliminary))
    held = joined.loc[joined["china_reported"].notna(), "period"]
    if held.empty:
        return joined.iloc[:0]
    return joined.loc[joined["period"].between(held.min(), held.max())].sort_values("period").reset_index(drop=True)
