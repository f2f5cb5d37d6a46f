"""Taiwan and Japan: bilateral trade, partner ranks, investment and published headline figures.

Frames for the ``japan_taiwan`` notebook, built from ``trade_by_partner`` (Taiwan customs) and the
``japan_taiwan`` dataset (investment approvals, quoted Japan-side ranks, headline figures). Values
are never filled in: a year a source does not cover stays a gap, and a rank is only given where
every ranked partner has a value.
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.analysis import metrics
from helpers.snapshot import partners

JAPAN = "JPN"
BILLION = 1e9
#: Columns of :func:`bilateral`, in chart order.
FLOWS = ("export", "import", "total", "balance")


def _levels(trade: pd.DataFrame) -> pd.DataFrame:
    """Exports and imports, with total and balance rows added; monthly data become 12-month sums."""
    flows = metrics.select(trade, flow=["export", "import"])[["period", "flow", "partner", "value_usd"]]
    if metrics.period_lag(flows["period"]) == 12:
        flows = metrics.rolling_sum(flows)
    return pd.concat([flows, metrics.total_trade(flows), metrics.balance(flows)], ignore_index=True)


def bilateral(trade: pd.DataFrame, partner: str, start: int | None = None, end: int | None = None) -> pd.DataFrame:
    """Taiwan's exports to, imports from, total trade and balance with ``partner``, US dollars.

    One row per period ``start``…``end`` (``None``: open; 12-month sums ending in each month for monthly data),
    columns :data:`FLOWS`. Total and balance are gaps wherever exports or imports are missing.
    """
    levels = _levels(metrics.select(trade, partner=partner))
    wide = metrics.to_wide(levels, key="flow").reindex(columns=list(FLOWS))
    return metrics.years(wide.rename_axis(index="period").reset_index(), start, end).set_index("period")


def flow_by_partner(trade: pd.DataFrame, flow: str, codes, start: int, end: int) -> pd.DataFrame:
    """One ``flow`` (``export``, ``import``, ``total`` or ``balance``) for each of ``codes``, US dollars,
    one column per partner in the order given."""
    codes = list(codes)
    levels = metrics.select(_levels(metrics.select(trade, partner=codes)), flow=flow)
    wide = metrics.to_wide(levels).reindex(columns=codes)
    return metrics.years(wide.rename_axis(index="period").reset_index(), start, end).set_index("period")


def derived_rows(trade: pd.DataFrame, codes, start: int, end: int) -> pd.DataFrame:
    """Rows of ``codes`` (and the world total) in ``start``…``end`` whose value was derived by the compiler
    rather than published (``basis == "derived"``), with the note saying how."""
    rows = metrics.years(metrics.select(trade, partner=list(codes) + ["WLD"], basis="derived"), start, end)
    return rows[["period", "flow", "partner", "value_usd", "source", "note"]].reset_index(drop=True)


def derived_flags(trade: pd.DataFrame, codes, start: int, end: int) -> pd.DataFrame:
    """Periods × ``codes``: True where a flow of that partner (or of the world total) in that period
    was derived, so that any share or total computed from it is derived too."""
    codes = list(codes)
    rows = derived_rows(trade, codes, start, end)
    periods = pd.PeriodIndex(sorted(set(rows["period"])), dtype=trade["period"].dtype, name="period")
    flags = pd.DataFrame(False, index=periods, columns=codes)
    for row in rows.itertuples():
        flags.loc[row.period, codes if row.partner == "WLD" else [row.partner]] = True
    return flags


def total_trade_shares(trade: pd.DataFrame, codes, start: int, end: int) -> pd.DataFrame:
    """Share of each of ``codes`` in Taiwan's total trade (exports + imports) with the world, %."""
    codes = list(codes)
    totals = metrics.select(_levels(metrics.select(trade, partner=codes + ["WLD"])), flow="total")
    shares = metrics.shares(totals, partners=codes)
    wide = metrics.to_wide(shares, value="share_pct").reindex(columns=codes)
    return metrics.years(wide.rename_axis(index="period").reset_index(), start, end).set_index("period")


def ranked_partners(trade: pd.DataFrame, china_with_hong_kong: bool = True) -> list[str]:
    """The single economies of the snapshot that ranks are taken among (regions and totals left out)."""
    return partners.economies(trade["partner"].unique(), china_with_hong_kong=china_with_hong_kong)


def partner_ranks(trade: pd.DataFrame, partner: str, start: int, end: int,
                  china_with_hong_kong: bool = True) -> pd.DataFrame:
    """Rank of ``partner`` among Taiwan's partners in the snapshot, per year and flow (1 = largest).

    Columns ``export``, ``import``, ``total``; a year is a gap where any ranked partner lacks a value.
    """
    candidates = ranked_partners(trade, china_with_hong_kong)
    levels = metrics.select(_levels(metrics.select(trade, partner=candidates)), flow=["export", "import", "total"])
    ranked = metrics.select(metrics.ranks(levels, candidates), partner=partner)
    wide = metrics.to_wide(ranked, key="flow", value="rank").reindex(columns=["export", "import", "total"])
    return metrics.years(wide.rename_axis(index="period").reset_index(), start, end).set_index("period")


def ranking_table(trade: pd.DataFrame, year: int, flow: str = "total", china_with_hong_kong: bool = True) -> pd.DataFrame:
    """Every ranked partner's value (US dollars) and rank in ``year`` for ``flow``, largest first."""
    candidates = ranked_partners(trade, china_with_hong_kong)
    levels = metrics.select(_levels(metrics.select(trade, partner=candidates)), flow=flow)
    ranked = metrics.ranks(levels, candidates)
    table = ranked.loc[ranked["period"] == pd.Period(str(year), freq="Y"), ["partner", "value_usd", "rank"]]
    return table.reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# the japan_taiwan dataset: periods written as text ("2013", "to end-2018", "1952 to 2011-08" …)
# --------------------------------------------------------------------------------------------
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?!\d))?")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def period_end(label: str) -> pd.Period:
    """Last month a period label covers: ``"to end-2018"`` → 2018-12, ``"1952 to 2011-08"`` → 2011-08,
    ``"2024-01..2024-06"`` → 2024-06, ``"2013"`` → 2013-12."""
    dates = _DATE.findall(str(label))
    if not dates:
        raise ValueError(f"period {label!r} names no year; expected e.g. '2013', 'to end-2018' or '1952-2020'")
    year, month = dates[-1]
    return pd.Period(f"{year}-{month or '12'}", freq="M")


def is_full_year(label: str) -> bool:
    """True for a single calendar year such as ``"2019"`` (not a part year, not a cumulative span)."""
    return re.fullmatch(r"\d{4}", str(label)) is not None


def period_text(label: str) -> str:
    """A period label in words: ``"2024-01..2024-06"`` → "Jan–Jun 2024", ``"1952 to 2011-08"`` →
    "1952 to Aug 2011", ``"to end-2018"`` → "to end-2018", ``"1952-2020"`` → "1952–2020"."""
    label = str(label)
    part_year = re.fullmatch(r"(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})", label)
    if part_year and part_year.group(1) == part_year.group(3):
        first, last = (_MONTHS[int(part_year.group(i)) - 1] for i in (2, 4))
        return f"{first}–{last} {part_year.group(1)}"
    if re.fullmatch(r"\d{4}-\d{4}", label):
        return label.replace("-", "–")
    return _DATE.sub(lambda m: f"{_MONTHS[int(m.group(2)) - 1]} {m.group(1)}" if m.group(2) else m.group(1), label)


def with_period_end(frame: pd.DataFrame) -> pd.DataFrame:
    """The ``japan_taiwan`` rows with ``period_end`` (last month covered) and ``period_text`` added."""
    return frame.assign(period_end=frame["period"].map(period_end), period_text=frame["period"].map(period_text))


def annual_series(frame: pd.DataFrame, measure: str, direction: str, start: int, end: int,
                  series: str = "investment_commission_approvals") -> pd.DataFrame:
    """Full-year values of one measure and direction for every year ``start``…``end``.

    Columns ``value``, ``basis`` (``headline``/``derived``; empty for a year without a value),
    ``source`` and ``derivation``; years the dataset does not cover are rows without a value.
    """
    rows = metrics.select(frame, series=series, measure=measure, direction=direction)
    rows = rows.loc[rows["period"].map(is_full_year)]
    rows = rows.assign(year=rows["period"].map(lambda p: pd.Period(p, freq="Y"))).set_index("year")
    index = pd.period_range(str(start), str(end), freq="Y", name="period")
    return rows.reindex(index)[["value", "unit", "basis", "source", "derivation", "reported_in"]]


def largest_annual(frame: pd.DataFrame, measure: str, direction: str,
                   series: str = "investment_commission_approvals") -> float:
    """The largest full-year value of one measure and direction anywhere in the dataset (NaN if none)."""
    rows = metrics.select(frame, series=series, measure=measure, direction=direction)
    return float(rows.loc[rows["period"].map(is_full_year), "value"].max())


def chart_frames(annual: pd.DataFrame, column: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """An :func:`annual_series` frame as a one-column chart frame named ``column`` and the matching
    flags of derived values (for ``helpers.charts.draw.mark_derived``)."""
    return annual[["value"]].rename(columns={"value": column}), (annual[["basis"]] == "derived").set_axis([column], axis=1)


def cumulative(frame: pd.DataFrame, direction: str, measure: str) -> pd.DataFrame:
    """Every cumulative figure of one direction and measure, from any series, oldest end date first.

    The rows keep their ``series`` and ``source`` so that figures from different publishers are shown
    side by side, each named, never merged into one line.
    """
    rows = with_period_end(metrics.select(frame, direction=direction, measure=measure))
    return rows.sort_values(["period_end", "series"]).reset_index(drop=True)


def japan_side_ranks(frame: pd.DataFrame) -> pd.DataFrame:
    """Taiwan's rank among Japan's partners as quoted in the dataset (Japan's customs statistics), one
    row per quoted figure: ``period``, ``period_text``, ``period_end``, ``measure``, ``series``, ``rank``,
    ``source``, ``reported_in``, ``note``. Conflicting quotes for the same year are both kept."""
    rows = metrics.select(frame, unit="rank").rename(columns={"value": "rank"})
    rows = with_period_end(rows[rows["measure"].str.startswith("taiwan_rank_in_japan_")])
    columns = ["period", "period_text", "period_end", "measure", "series", "rank", "source", "reported_in", "note"]
    return rows.sort_values(["measure", "period_end", "series"])[columns].reset_index(drop=True)


def published_totals(frame: pd.DataFrame, trade: pd.DataFrame) -> pd.DataFrame:
    """Each published bilateral trade total of the dataset beside the total from Taiwan customs.

    One row per published figure (US dollars): ``period``, ``series``, ``source``, ``note``,
    ``published`` and, from Taiwan customs for the same year, ``exports``, ``imports`` and
    ``customs_total`` (exports + imports, derived), the ``difference`` (published − customs),
    ``difference_pct`` (of the customs total) and ``customs_source``.
    """
    published = metrics.select(frame, measure="bilateral_trade_total", direction="both", unit="USD billion")
    customs = bilateral(trade, JAPAN).rename(columns={"export": "exports", "import": "imports",
                                                                  "total": "customs_total"})
    table = published.assign(published=published["value"] * BILLION,
                             year=published["period"].map(lambda p: pd.Period(str(p), freq="Y")))
    table = table.join(customs[["exports", "imports", "customs_total"]], on="year")
    table["customs_source"] = table["year"].map(lambda year: _customs_source(trade, year))
    table["difference"] = table["published"] - table["customs_total"]
    table["difference_pct"] = table["difference"] / table["customs_total"] * 100
    columns = ["period", "series", "source", "note", "published", "exports", "imports", "customs_total", "difference",
               "difference_pct", "customs_source"]
    return table.sort_values("period")[columns].reset_index(drop=True)


#: Which of Taiwan's customs flows a published one-way figure is compared with.
CUSTOMS_FLOW = {"TWN->JPN": "export", "JPN->TWN": "import"}


def published_flows(frame: pd.DataFrame, trade: pd.DataFrame) -> pd.DataFrame:
    """Each published one-way trade figure of the dataset (``measure`` ``trade_flow``) beside the same direction
    in Taiwan's customs: Taiwan → Japan against Taiwan's exports to Japan, Japan → Taiwan against its imports from
    Japan.

    One row per figure (US dollars): ``period``, ``series``, ``source``, ``note``, ``direction``, ``published``,
    ``customs``, ``difference`` (published − customs), ``difference_pct`` (of customs) and ``customs_source``.
    """
    published = metrics.select(frame, measure="trade_flow", unit="USD billion")
    customs = bilateral(trade, JAPAN)
    table = published.assign(published=published["value"] * BILLION,
                             year=published["period"].map(lambda p: pd.Period(str(p), freq="Y")))
    table["customs"] = [customs[CUSTOMS_FLOW[direction]].get(year, float("nan"))
                        for direction, year in zip(table["direction"], table["year"])]
    table["customs_source"] = table["year"].map(lambda year: _customs_source(trade, year))
    table["difference"] = table["published"] - table["customs"]
    table["difference_pct"] = table["difference"] / table["customs"] * 100
    columns = ["period", "series", "source", "note", "direction", "published", "customs", "difference",
               "difference_pct", "customs_source"]
    return table.sort_values(["period", "direction"], ascending=[True, False])[columns].reset_index(drop=True)


def _customs_source(trade: pd.DataFrame, year: pd.Period) -> str | None:
    """The one source of Taiwan's exports to and imports from Japan in ``year`` (None if no rows)."""
    rows = metrics.select(metrics.years(trade, year.year, year.year), partner=JAPAN, flow=["export", "import"])
    found = rows["source"].unique()
    if len(found) > 1:
        raise ValueError(f"exports and imports with Japan in {year} come from different sources ({', '.join(found)}); "
                         "a customs total would mix them")
    return found[0] if len(found) else None


def runs(series: pd.Series) -> list[tuple[float, object, object]]:
    """Consecutive stretches of equal values as ``(value, first index, last index)``; a missing value
    ends a stretch and starts none (``[3, 3, 2, NaN, 2]`` → ``[(3, i0, i1), (2, i2, i2), (2, i4, i4)]``)."""
    stretches: list[list] = []
    previous_present = False
    for index, value in series.items():
        if pd.isna(value):
            previous_present = False
            continue
        if previous_present and stretches[-1][0] == value:
            stretches[-1][2] = index
        else:
            stretches.append([value, index, index])
        previous_present = True
    return [tuple(s) for s in stretches]


#: Columns of :func:`japan_side_wide`: one per measure of Japan's trade, and a second one for the measure
#: that a page of another series quotes differently.
JAPAN_SIDE_MEASURES = ("taiwan_rank_in_japan_trade", "taiwan_rank_in_japan_exports", "taiwan_rank_in_japan_imports")
JAPAN_SIDE_COLUMNS = (*JAPAN_SIDE_MEASURES, "taiwan_rank_in_japan_imports (japan_customs_rank_boft_2019_page)")
MAIN_RANK_SERIES = "japan_customs_rank"


def japan_side_wide(japan_ranks: pd.DataFrame) -> pd.DataFrame:
    """Quoted Japan-side ranks as a chart frame: one row per year (first to last quoted, gaps kept),
    one column per measure; quotes from another series than the main one get their own column.
    A part-year quote (Jan–Jun 2017) sits at its year; the text names it as a part year."""
    rows = japan_ranks.assign(
        column=japan_ranks["measure"].where(japan_ranks["series"] == MAIN_RANK_SERIES,
                                            japan_ranks["measure"] + " (" + japan_ranks["series"] + ")"),
        year=japan_ranks["period_end"].map(lambda p: pd.Period(p.year, freq="Y")))
    wide = rows.pivot(index="year", columns="column", values="rank")
    index = pd.period_range(wide.index.min(), wide.index.max(), freq="Y", name="period")
    return wide.reindex(index).reindex(columns=[c for c in JAPAN_SIDE_COLUMNS if c in wide.columns])


def japan_side_panels(japan_ranks: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """:func:`japan_side_wide` split into one chart frame per measure of Japan's trade (measure → frame),
    so that equal ranks of different measures do not hide one another."""
    wide = japan_side_wide(japan_ranks)
    return {measure: wide[[c for c in wide.columns if c.startswith(measure)]] for measure in JAPAN_SIDE_MEASURES}
