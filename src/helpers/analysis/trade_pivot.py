"""The frames of the ``trade_pivot`` report: who buys Taiwan's exports, how the US overtook China +
Hong Kong, what drove growth, the balances, the electronics behind it and the US mirror figures.

Each function is one section's analysis, composed from :mod:`helpers.analysis.metrics` on the loaded
snapshot frames; a partner without a figure is returned as missing, never filled in.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.analysis import events, metrics, pivot_drivers
from helpers.snapshot.partners import economies

#: The pair whose shares the report races against each other.
LEADER, RIVAL = "USA", "CHN+HKG"
#: Partners whose bilateral balances the report sets side by side.
BALANCE_PARTNERS = ("USA", "CHN+HKG", "JPN", "KOR")
#: The product groups of the electronics section (``trade_by_commodity`` codes).
ELECTRONICS = ("ict_av", "electronic_components")
#: The policy event whose release the annual export crossover is checked against.
RELEASE_EVENT = "mof_2025_us_largest_market"


def series(annual: pd.DataFrame, monthly: pd.DataFrame, freq: str) -> pd.DataFrame:
    """The report's working series with balance rows: annual values, or 12-month sums of the monthly ones."""
    return metrics.with_balance(annual if freq == "A" else metrics.rolling_sum(monthly))


def key_figures(annual: pd.DataFrame, year: int) -> metrics.KeyFigures:
    """Headline figures of ``year``, the largest market ranked among single economies (regions left out)."""
    return metrics.key_figures(annual, year, candidates=economies(annual["partner"].unique()))


def export_crossover(annual: pd.DataFrame, end_year: int | None) -> metrics.Crossover:
    """When the US overtook China + Hong Kong in Taiwan's annual exports, up to ``end_year`` (None: the latest)."""
    return metrics.crossover(metrics.years(metrics.select(annual, flow="export"), end=end_year), LEADER, RIVAL)


def trading_partners(annual: pd.DataFrame, year: int) -> pivot_drivers.Leaders:
    """Who led Taiwan's exports, two-way trade and surplus in ``year``, the US or China + Hong Kong."""
    return pivot_drivers.leaders(pivot_drivers.two_way(annual, (LEADER, RIVAL)), year, (LEADER, RIVAL))


@dataclass(frozen=True)
class LatestShares:
    rows: pd.DataFrame        # export rows of the period (for the source line)
    shares: pd.Series         # share_pct per partner with a figure, plus "ROW" (rest of world)
    missing: list[str]        # chosen partners without a figure that period (folded into ROW)


def latest_shares(annual: pd.DataFrame, period, partners) -> LatestShares:
    """Each chosen partner's share of Taiwan's exports in ``period`` and the rest of the world."""
    rows = metrics.period_rows(metrics.select(annual, flow="export"), period)
    shown = metrics.available(rows, period, partners)
    shares = metrics.shares(rows, partners=shown, rest=True).set_index("partner")["share_pct"]
    return LatestShares(rows, shares, metrics.missing(rows, period, partners))


@dataclass(frozen=True)
class ShareRace:
    wide: pd.DataFrame                  # share_pct, periods × chosen partners (start…end)
    pair: pd.DataFrame                  # share_pct of LEADER and RIVAL over the whole series to end
    crossing: metrics.Crossover         # in the shown series (annual or 12-month sums)
    annual_crossing: metrics.Crossover  # in annual figures, for comparison
    release: pd.Series | None           # the release that announced the annual crossover (annual exports only)


def share_race(series: pd.DataFrame, annual: pd.DataFrame, flow: str, partners, start: int, end: int,
               rolling: bool = False) -> ShareRace:
    """Partner shares of ``flow`` and the crossover of :data:`LEADER` over :data:`RIVAL` (over the whole
    series up to ``end``, so that a crossing before ``start`` is still found)."""
    flows = metrics.years(metrics.select(series, flow=flow), end=end)
    wide = metrics.to_wide(metrics.years(metrics.shares(flows, partners=list(partners)), start), value="share_pct")
    pair = metrics.to_wide(metrics.shares(flows, partners=[LEADER, RIVAL]), value="share_pct")
    annual_flows = metrics.years(metrics.select(annual, flow=flow), end=end)
    release = events.load(ids=[RELEASE_EVENT]).iloc[0] if flow == "export" and not rolling else None
    return ShareRace(wide.reindex(columns=list(partners)), pair, metrics.crossover(flows, LEADER, RIVAL),
                     metrics.crossover(annual_flows, LEADER, RIVAL), release)


@dataclass(frozen=True)
class Levels:
    wide: pd.DataFrame    # value_usd, periods × chosen partners (start…end)
    latest: pd.Period     # latest period with a world total, up to end
    now: pd.DataFrame     # the chosen partners' rows of that period, with year-on-year growth and change


def levels(series: pd.DataFrame, flow: str, partners, start: int, end: int) -> Levels:
    """Levels of ``flow`` by partner and each partner's year-on-year change in the latest period."""
    partners = list(partners)
    by_partner = metrics.yoy_growth(metrics.select(series, flow=flow, partner=[*partners, "WLD"]))
    # the latest period a chosen partner has: months known only from release headlines may carry the world alone
    latest = metrics.latest_period(metrics.years(by_partner, end=end), partner=partners)
    chosen = metrics.select(by_partner, partner=partners)
    wide = metrics.to_wide(metrics.years(chosen, start, end)).reindex(columns=partners)
    return Levels(wide, latest, metrics.period_rows(chosen, latest))


def growth(now: pd.DataFrame, flow: str, partners) -> pd.Series:
    """Year-on-year growth (%) per partner; for balances the change in US$ billion, since the growth of a
    balance that changes sign means nothing."""
    column, scale = ("change", 1e9) if flow == "balance" else ("growth_pct", 1.0)
    return now.set_index("partner")[column].reindex(list(partners)) / scale


@dataclass(frozen=True)
class Contributions:
    frame: pd.DataFrame   # rows of the period from metrics.contributions (partners with a figure + ROW)
    missing: list[str]    # chosen partners without a figure that period (folded into ROW)

    @property
    def bars(self) -> pd.Series:
        return self.frame.set_index("partner")["contribution_pp"]


def contributions(series: pd.DataFrame, flow: str, period, partners) -> Contributions:
    """Each chosen partner's contribution (percentage points) to the growth of total ``flow`` in ``period``."""
    flows = metrics.select(series, flow=flow)
    present = metrics.available(flows, period, partners)
    frame = metrics.period_rows(metrics.contributions(flows, partners=present), period)
    return Contributions(frame, metrics.missing(flows, period, partners))


def balances(series: pd.DataFrame, start: int, end: int, codes=BALANCE_PARTNERS) -> pd.DataFrame:
    """Taiwan's balance (exports − imports, US dollars) with each of ``codes``, periods × codes."""
    rows = metrics.years(metrics.select(series, flow="balance", partner=list(codes)), start, end)
    return metrics.to_wide(rows).reindex(columns=list(codes))


@dataclass(frozen=True)
class Commodities:
    goods: pd.DataFrame            # annual rows start…end
    labels: dict[str, str]         # commodity code → the publisher's label
    world: pd.DataFrame            # exports to the world, periods × commodity codes
    china: pd.DataFrame            # exports to China + Hong Kong, periods × commodity codes
    recent: pd.DataFrame | None    # latest 12-month sums (when the report reaches the snapshot's last year)
    panels: dict[str, pd.DataFrame]  # commodity code → exports by destination (US$ billion)


def commodities(annual_goods: pd.DataFrame, monthly_goods: pd.DataFrame, start: int, end: int,
                to_latest: bool) -> Commodities:
    """Exports by product group to the world and to China + Hong Kong; with ``to_latest`` also the latest
    12-month sums of the monthly release tables."""
    goods = metrics.years(annual_goods, start, end)
    recent = None
    if to_latest:
        sums = metrics.rolling_sum(monthly_goods)
        recent = metrics.period_rows(sums, metrics.latest_period(sums))
    world = metrics.to_wide(metrics.select(goods, destination="WLD"), key="commodity")
    panels = {code: metrics.to_wide(metrics.select(goods, commodity=code), key="destination") / 1e9
              for code in world.columns}
    return Commodities(goods, dict(zip(goods["commodity"], goods["commodity_label"])), world,
                       metrics.to_wide(metrics.select(goods, destination=RIVAL), key="commodity"), recent, panels)


def mirror(us_reported: pd.DataFrame, series: pd.DataFrame, freq: str, start: int, end: int) -> pd.DataFrame:
    """US-reported imports from Taiwan beside Taiwan-reported exports to the US and their ratio, indexed
    by period: columns ``usa``, ``taiwan``, ``ratio`` (NaN where either side is missing)."""
    us_view = us_reported if freq == "A" else metrics.rolling_sum(us_reported)
    paired = metrics.ratio(us_view, metrics.select(series, flow="export", partner=LEADER), names=("usa", "taiwan"))
    return metrics.years(paired, start, end).set_index("period")
