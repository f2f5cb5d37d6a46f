"""Sentences of the export orders report, computed from the data (no typed-in numbers).

Formatting (percentages, US$ billions, names) comes from :mod:`helpers.text.format`. Every value
that is derived rather than published is followed by "(derived)"; every year without a figure is
named as a gap.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from helpers.analysis import coverage as gaps
from helpers.analysis import export_orders, metrics
from helpers.text.format import (
    bn,
    join,
    money,
    name,
    names,
    pct,
    period_label,
    plural,
    pp,
    signed_pct,
    span,
    year_ranges,
)
from helpers.text.markdown import untrusted

HALF = 50
#: Names of customer regions where the partner name would mislead (the orders' ASEAN is not always ASEAN-10);
#: legend labels and panel headings of the orders charts too.
REGION_NAMES = {"ASEAN": "ASEAN"}
#: Names of the survey's production locations (its ASEAN has no stated member count).
LOCATION_NAMES = {"TWN": "Taiwan", "CHN+HKG": "mainland China + Hong Kong", "ASEAN": "ASEAN",
                  export_orders.OTHER: "other locations (residual, derived)"}
#: Legend labels of the two series set side by side.
SERIES = {"orders": "Export orders", "exports": "Customs exports"}
#: Legend labels of the overseas production ratio.
RATIO_LABELS = {"A": "Annual ratio", "M": "Single months published"}

# Axis labels and alt-text descriptions of the report's charts.
SURVEY_AXIS = "Share of all export orders (%)"
SURVEY_WHAT = "share of export orders by production location (%)"
RATIO_AXIS = "Orders produced overseas (%)"
RATIO_WHAT = "the annual overseas production ratio (%)"
LEVELS_AXIS = "Export orders (US$ billion)"
LEVELS_WHAT = "export orders by customer region (US$ billion)"
SHARES_AXIS = "Share of all export orders (%, computed)"
SHARES_WHAT = "share of export orders by customer region (%)"
GAP_AXIS = "US$ billion"


def _value(rows: pd.DataFrame, period, value: str, digits: int = 1) -> str:
    """A value with its marks: "51.0% (derived)", "1% (published as 'about')", "52.9% (secondary source)", or
    "no figure"."""
    rows = rows.loc[rows["period"] == pd.Period(str(period), freq="Y")]
    if rows.empty or pd.isna(rows[value].iloc[0]):
        return "no figure"
    row = rows.iloc[0]
    marks = [mark for mark, applies in (
        ("published as 'about'", str(row.get("note", "")).startswith("approx")),
        ("derived", row["basis"] == "derived"),
        ("preliminary", row.get("status") == "preliminary"),
        ("secondary source", row.get("status") == "secondary"),
    ) if applies]
    text = pct(row[value], digits) if value.endswith("pct") else bn(row[value])
    return text + (f" ({', '.join(marks)})" if marks else "")


# --------------------------------------------------------------------------------------------
# 1. production location (survey)
# --------------------------------------------------------------------------------------------
def survey_title(shares: pd.DataFrame, start: int, end: int) -> str:
    """The largest location in the last survey year shown, and the location that moved most."""
    rows = metrics.years(shares, start, end).dropna(subset=["share_pct"])
    if rows.empty:
        return f"The survey has no production-location figures for {start}–{end}"
    first, last = rows["period"].min(), rows["period"].max()
    top, top_share = metrics.largest(rows, last, list(rows["location"].unique()), key="location", value="share_pct")
    moves = {loc: export_orders.change(rows, loc, first, last).change_pp for loc in rows["location"].unique()}
    moves = {loc: move for loc, move in moves.items() if not math.isnan(move)}
    title = f"In {last}, {pct(top_share)} of Taiwan's export orders were produced in {name(top, names=LOCATION_NAMES)}"
    if (metrics.select(rows, location=top, period=last)["status"] == "secondary").any():
        title += " (secondary source)"
    if moves and first != last:
        mover = max(moves, key=lambda loc: abs(moves[loc]))
        title += f"; {name(mover, names=LOCATION_NAMES)} moved {pp(moves[mover])} since {first}"
    return title


def survey_changes(shares: pd.DataFrame, locations: Sequence[str], start: int, end: int) -> str:
    """Each location's share in ``start`` and ``end`` and the change in percentage points."""
    parts = []
    for loc in locations:
        rows = metrics.select(shares, location=loc)
        move = export_orders.change(shares, loc, start, end)
        text = f"{name(loc, names=LOCATION_NAMES)} {_value(rows, start, 'share_pct')} → {_value(rows, end, 'share_pct')}"
        text += f" ({pp(move.change_pp)})" if not math.isnan(move.change_pp) else " (no change computed: a gap)"
        parts.append(text)
    if start == end:
        parts = [f"{name(loc, names=LOCATION_NAMES)} {_value(metrics.select(shares, location=loc), end, 'share_pct')}" for loc in locations]
        return f"Share of export orders by production location in {end}: " + "; ".join(parts) + "."
    return f"Share of export orders by production location, {start} → {end}: " + "; ".join(parts) + "."


def survey_half(shares: pd.DataFrame, start: int, end: int) -> str:
    """When production in Taiwan first rose above half of all orders, and China's share that year."""
    rows = metrics.years(shares, start, end)
    if "TWN" not in set(rows["location"]):
        return "Taiwan is not among the chosen locations, so its share is not tracked here."
    crossing = export_orders.first_above(rows, "TWN", HALF)
    if crossing.data_start is None:
        return f"The survey has no figure for Taiwan in {start}–{end}."
    survey_years = span(crossing.data_start, crossing.data_end)
    taiwan = metrics.select(rows, location="TWN")
    if not crossing.found:
        above = [p.year for p in taiwan.loc[taiwan["share_pct"] > HALF, "period"]]
        where = f"in {year_ranges(above)}" if above else "in no year"
        return f"Production in Taiwan was above half of all export orders {where} (survey years shown: {survey_years})."
    text = (f"Production in Taiwan rose above half of all export orders in **{crossing.period}** "
            f"({_value(taiwan, crossing.period, 'share_pct')}), for the first time in the survey years {survey_years}")
    china = metrics.select(rows, location="CHN+HKG")
    if not china.empty:
        text += f"; that year mainland China + Hong Kong produced {_value(china, crossing.period, 'share_pct')}"
    return text + "."


def survey_residual(survey: pd.DataFrame, shares: pd.DataFrame, locations: Sequence[str], start: int, end: int) -> str:
    """Why the published shares do not add up to 100%, and where the residual is a gap."""
    table = metrics.years(export_orders.itemised(survey), start, end)
    if table.empty:
        return f"The survey series in the snapshot has no year in {start}–{end}."
    low, high = table.loc[table["sum_pct"].idxmin()], table.loc[table["sum_pct"].idxmax()]
    between = (f"{pct(low.sum_pct)} ({low.period})" if len(table) == 1 else
               f"between {pct(low.sum_pct)} ({low.period}) and {pct(high.sum_pct)} ({high.period})")
    text = (f"The locations the survey itemises add up to {between} of orders, not 100%: the rest is production "
            f"elsewhere, which the releases do not itemise, plus rounding.")
    approximate = table.loc[table["approximate"].map(len) > 0]
    for row in approximate.itertuples():
        text += (f" In {row.period} the {names(row.approximate, overrides=LOCATION_NAMES)} shares are published only as 'about' a "
                 f"figure, so that year's sum is approximate.")
    if export_orders.OTHER in locations:
        listed = [loc for loc in locations if loc != export_orders.OTHER]
        other = metrics.years(metrics.select(shares, location=export_orders.OTHER), start, end)
        missing = [p.year for p in other.loc[other["share_pct"].isna(), "period"]]
        text += (f" The chart's 'other' is that rest, derived as 100 minus {names(listed, overrides=LOCATION_NAMES)}"
                 f", so the shares shown add up to 100% in every year where all of them are published.")
        if missing:
            text += f" It cannot be computed for {year_ranges(missing)}, where a listed location has no figure: a gap."
    outside = gaps.uncovered_years(survey, start, end, "share_pct")
    if outside:
        text += f" The survey has no figures at all for {year_ranges(outside)}."
    return text


def survey_notes(shares: pd.DataFrame, start: int, end: int) -> str:
    """The data's notes on the shown survey figures (revisions implied by later releases, secondary
    sources), other than the 'about' figures named elsewhere."""
    rows = metrics.years(shares, start, end)
    rows = rows.loc[(rows["note"] != "") & ~rows["note"].str.startswith(("approx", "rests on"))]
    if rows.empty:
        return ""
    notes = [f"{name(r.location, names=LOCATION_NAMES)} {r.period} ({pct(r.share_pct)}): {untrusted(r.note)}"
             for r in rows.itertuples()]
    return "Notes the data carry on these figures: " + "; ".join(notes) + "."


# --------------------------------------------------------------------------------------------
# 2. overseas production ratio (monthly release)
# --------------------------------------------------------------------------------------------
def ratio_panels(annual: pd.DataFrame, monthly: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The ratio chart's two panels: annual figures and the single months published."""
    return {"Annual": annual, "Single months": monthly}


def _ratio_list(rows: pd.DataFrame) -> str:
    return "; ".join(f"{period_label(r.period)} {pct(r.ratio_pct)}" + (" (derived)" if r.basis == "derived" else "")
                     for r in rows.itertuples())


def ratio_title(annual: pd.DataFrame, monthly: pd.DataFrame) -> str:
    rows = annual if not annual.empty else monthly
    if rows.empty:
        return "The monthly release's overseas production ratio: no figure in the chosen years"
    last, high = rows.iloc[-1], rows.loc[rows["ratio_pct"].idxmax()]
    title = f"The monthly release put the share of orders produced overseas at {pct(last.ratio_pct)} in {period_label(last.period)}"
    if high.period != last.period:
        title += f", against {pct(high.ratio_pct)} in {period_label(high.period)}"
    return title


def ratio_reading(annual: pd.DataFrame, monthly: pd.DataFrame, start: int, end: int) -> str:
    """The annual and monthly figures in the chosen years, the years without one, and the plain note."""
    missing = gaps.uncovered_years(annual, start, end, "ratio_pct")
    text = f"Annual overseas production ratio: {_ratio_list(annual) or 'no figure'}."
    if missing:
        text += f" No annual figure in the snapshot for {year_ranges(missing)}: those years are gaps."
    text += (f" Monthly figures exist for {plural(len(monthly), 'single month')} only: {_ratio_list(monthly)}."
             if len(monthly) else " The snapshot has no monthly figure in these years.")
    return text + (" **These are not the survey shares above.** The ratio comes from the monthly export orders "
                   "release; the shares come from a separate annual survey of where orders are produced. They "
                   "are different statistics, so they are charted apart and not set against each other.")


# --------------------------------------------------------------------------------------------
# 3. orders by customer region
# --------------------------------------------------------------------------------------------
def crossing_mark(crossing: metrics.Crossover) -> str:
    """The label of the crossover marked on the orders chart ("ASEAN ahead of China + Hong Kong")."""
    return f"{name(crossing.leader, names=REGION_NAMES)} ahead of {name(crossing.rival, names=REGION_NAMES)}"


def orders_share_title(shares: pd.DataFrame) -> str:
    """The region placing the largest share of orders in the last year shown."""
    rows = shares.dropna(subset=["share_pct"])
    if rows.empty:
        return "No export orders by customer region in the chosen years"
    last = rows["period"].max()
    top, top_share = metrics.largest(rows, last, list(rows["region"].unique()), key="region", value="share_pct")
    return f"Customers in {name(top, True, names=REGION_NAMES)} placed {pct(top_share)} of Taiwan's export orders in {last}"


def orders_level_title(levels: pd.DataFrame, crossing: metrics.Crossover) -> str:
    """The crossover if it falls in the years shown, else the largest region in the last year."""
    rows = levels.dropna(subset=["value_usd"])
    if rows.empty:
        return "No export orders by customer region in the chosen years"
    if crossing.found and crossing.leads_at_end and crossing.period in set(rows["period"]):
        return (f"{name(crossing.leader, names=REGION_NAMES)} overtook {name(crossing.rival, names=REGION_NAMES)} as a source of Taiwan's export "
                f"orders in {crossing.period}")
    last = rows["period"].max()
    top, top_value = metrics.largest(rows, last, list(rows["region"].unique()), key="region")
    return f"Customers in {name(top, True, names=REGION_NAMES)} placed the most export orders in {last}: {bn(top_value)}"


def orders_levels(levels: pd.DataFrame, shares: pd.DataFrame, regions: Sequence[str], start: int, end: int) -> str:
    """Each region's orders and share in its latest year in the range, and the years without a figure."""
    parts = []
    for region in regions:
        rows = metrics.years(metrics.select(levels, region=region), start, end)
        if rows.empty:
            parts.append(f"{name(region, names=REGION_NAMES)}: no figure")
            continue
        last = rows["period"].max()
        share = metrics.value_at(shares, last, value="share_pct", region=region)
        parts.append(f"{name(region, names=REGION_NAMES)} {_value(rows, last, 'value_usd')} in {last} "
                     f"({pct(share)} of all orders, computed)")
    text = "Latest export orders by customer region: " + "; ".join(parts) + "."
    missing = gaps.missing_years(levels, "region", regions, start, end)
    named = [f"{name(r, names=REGION_NAMES)} {year_ranges(y)}" for r, y in missing.items() if y]
    if named:
        text += (" Years without a regional figure in the snapshot, shown as gaps: " + "; ".join(named) + ".")
    return text


def asean_definition(orders: pd.DataFrame, start: int, end: int) -> str:
    """Which years' ASEAN orders are ASEAN-6 and which do not say, with the data's notes on them."""
    shown = metrics.years(orders, start, end)
    six, unstated = export_orders.asean_definition_years(shown)
    if not six and not unstated:
        return ""
    text = "ASEAN in the orders series is not one fixed group:"
    if six:
        text += f" the releases for {year_ranges(six)} count six members (ASEAN-6)"
    if unstated:
        text += f"{';' if six else ''} the releases for {year_ranges(unstated)} do not state the member count"
    asean = metrics.select(shown, region="ASEAN")
    noted = asean.loc[asean["asean_definition"].str.contains("(", regex=False)]
    if not noted.empty:
        text += " (notes in the data: " + "; ".join(f"{r.period}: {untrusted(r.asean_definition)}" for r in noted.itertuples()) + ")"
    return text + ". Compare ASEAN across those years with care; customs exports count all ten members."


def asean_crossover(crossing: metrics.Crossover, levels: pd.DataFrame, start: int, end: int) -> str:
    """The year ASEAN orders overtook China + Hong Kong in the whole snapshot (``levels``), whether
    that is within the years shown, and what the snapshot can and cannot show."""
    leader, rival = (name(c, names=REGION_NAMES) for c in (crossing.leader, crossing.rival))
    if crossing.data_start is None:
        return f"The chosen years have no year with orders from both {leader} and {rival}."
    both = levels.loc[levels["region"].isin([crossing.leader, crossing.rival])].dropna(subset=["value_usd"])
    counts = both.groupby("period")["region"].nunique()
    paired = [p.year for p in counts.index[counts == 2]]
    covered = range(crossing.data_start.year, crossing.data_end.year + 1)
    unpaired = [y for y in covered if y not in paired]
    if not crossing.found:
        ahead = "ahead" if crossing.leads_at_end else "behind"
        return (f"Within the years with both figures ({year_ranges(paired)}), {leader} orders do not overtake "
                f"{rival}; in {crossing.data_end} {leader} was {ahead}.")
    at = crossing.period
    lead, behind = (metrics.select(levels, region=c) for c in (crossing.leader, crossing.rival))
    text = (f"{leader} orders overtook {rival} in **{at}**: {_value(lead, at, 'value_usd')} against "
            f"{_value(behind, at, 'value_usd')}. That is the first year {leader} is ahead among the snapshot's years "
            f"with both figures ({year_ranges(paired)}).")
    if not start <= at.year <= end:
        text += f" That year is outside the years shown here ({span(start, end)})."
    if unpaired:
        text += f" {year_ranges(unpaired)} lack one or both figures, so the lead is unknown there."
    if not crossing.led_before:
        text += (f" The MOEA release calls this the first time since the series began; the snapshot starts in "
                 f"{crossing.data_start}, so it shows {rival} ahead in every earlier year it holds, but cannot "
                 f"confirm the years before {crossing.data_start}.")
    return text


# --------------------------------------------------------------------------------------------
# 4. orders beside customs exports
# --------------------------------------------------------------------------------------------
def _latest_pairs(paired: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    rows = metrics.years(paired, start, end).dropna(subset=["orders_usd", "exports_usd"])
    return rows.groupby("region", sort=False).tail(1)


def gap_title(paired: pd.DataFrame, start: int, end: int) -> str:
    latest = _latest_pairs(paired, start, end)
    if latest.empty:
        return "No year has both export orders and customs exports for the chosen regions"
    top = latest.loc[latest["orders_per_export"].idxmax()]
    title = (f"Orders from {name(top.region, True, names=REGION_NAMES)} were {top.orders_per_export:.1f} times customs "
             f"exports to it in {top.period}")
    return title + (": much of what customers there order is not shipped from Taiwan to them"
                    if top.orders_per_export > 1 else "")


def gap_reading(paired: pd.DataFrame, start: int, end: int) -> str:
    """Orders against customs exports per region (latest year with both) and what the gap says."""
    latest = _latest_pairs(paired, start, end)
    if latest.empty:
        return "No year in the range has both figures for any chosen region."
    parts = [f"{name(r.region, names=REGION_NAMES)} {r.period}: orders {bn(r.orders_usd)}"
             + (" (derived)" if r.orders_basis == "derived" else "")
             + f" against customs exports {bn(r.exports_usd)} ({r.orders_per_export:.2f} times)"
             for r in latest.itertuples()]
    text = "Orders and customs exports, latest year with both: " + "; ".join(parts) + "."
    more = [name(r, True, names=REGION_NAMES) for r in latest.loc[latest["gap_usd"] > 0, "region"]]
    fewer = [name(r, True, names=REGION_NAMES) for r in latest.loc[latest["gap_usd"] < 0, "region"]]
    if more:
        text += (f" Orders exceed exports for {join(more)}: part of what customers there order is produced "
                 f"outside Taiwan (the overseas production of the sections above) or shipped to them from a third "
                 f"place, so it never appears in Taiwan's customs exports to them.")
    if fewer:
        text += (f" Customs exports exceed orders for {join(fewer)}: Taiwan ships more there than customers "
                 f"there order — goods sent for production or onward shipment there, such as inputs for factories "
                 f"that fill orders booked by customers elsewhere.")
    return text + (" Orders are booked by the customer's region, customs exports by destination, and the customs "
                   "ASEAN is all ten members, so the two never match exactly; read the gap as a direction, not a "
                   "measure of production abroad.")


# --------------------------------------------------------------------------------------------
# key findings (the report's first screen)
# --------------------------------------------------------------------------------------------
def key_findings(shares: pd.DataFrame, orders: pd.DataFrame, start: int, end: int) -> list[str]:
    """Where the orders were produced in the latest and the first survey year shown, when production in
    Taiwan passed half, and the latest total of orders with its growth — each with its year.

    ``shares``: :func:`helpers.analysis.export_orders.location_shares`; ``orders``: the export_orders rows."""
    rows = metrics.years(shares, start, end).dropna(subset=["share_pct"])
    if rows.empty:
        return [f"The survey has no production-location figures for {start}–{end}."]
    first, last = rows["period"].min(), rows["period"].max()
    shown = [loc for loc in ("TWN", "CHN+HKG", "ASEAN") if loc in set(rows["location"])]

    def where(year) -> str:
        return join([f"{_value(metrics.select(rows, location=loc), year, 'share_pct')} in {name(loc, names=LOCATION_NAMES)}"
                     for loc in shown])

    found = [f"Where Taiwan's export orders were produced in {last} (MOEA survey): {where(last)}."]
    if first != last:
        found.append(f"In {first}, the first survey year shown: {where(first)}.")
    if "TWN" in shown:
        crossing = export_orders.first_above(rows, "TWN", HALF)
        if crossing.found:
            found.append(f"Production in Taiwan first rose above half of all orders in {crossing.period} "
                         f"(survey years {span(first, last)}).")
    total = metrics.years(metrics.select(orders, region=export_orders.TOTAL), start, end).dropna(subset=["value_usd"])
    if not total.empty:
        latest = total.loc[total["period"].idxmax()]
        text = f"Export orders totalled {money(latest.value_usd)} in {latest.period}"
        previous = total.loc[total["period"] == latest.period - 1, "value_usd"]
        if len(previous):
            text += f", {signed_pct((latest.value_usd / previous.iloc[0] - 1) * 100)} on {latest.period - 1}"
        found.append(text + (" (preliminary)." if latest.get("status") == "preliminary" else "."))
    return found


# the latest year in brief
# --------------------------------------------------------------------------------------------
def _growth(yoy_pct: float) -> str:
    return "" if math.isnan(yoy_pct) else f", {signed_pct(yoy_pct)} as published"


def year_in_brief(summary: export_orders.OrdersYear, latest_ratios: dict) -> str:
    """The year's total, the customer regions ranked, a region missing that year, and the latest overseas
    production ratio of the monthly release (annual and single month)."""
    year = period_label(summary.period)
    text = f"Export orders in {year}{' (preliminary)' if summary.preliminary else ''}: {money(summary.total)} in all"
    text += _growth(summary.total_yoy_pct) + ". By customer region, largest first: "
    text += "; ".join(f"{i}. {name(code, True, names=REGION_NAMES)} {money(value)}{_growth(yoy)}"
                      for i, (code, value, yoy) in enumerate(summary.ranking, start=1)) + "."
    if summary.missing:
        text += f" No {year} figure in the snapshot for {join([name(c, True, names=REGION_NAMES) for c in summary.missing])}."
    ratios = [f"{pct(row['ratio_pct'])} for {'the year' if freq == 'A' else 'the month of'} {period_label(row['period'])}"
              + (" (derived)" if row["basis"] == "derived" else "") for freq, row in latest_ratios.items()]
    if ratios:
        text += " Latest overseas production ratio of the monthly release: " + " and ".join(ratios) + "."
    return text

