"""Sentences of the ``japan_taiwan`` report, computed from the frames of ``helpers.analysis.japan_taiwan``.

Every number in the report's text comes from here; a figure the data do not hold is named as a gap.
Formatting (US$ billions, percentages, partner names, periods) is shared with ``helpers.text.format``.
"""

from __future__ import annotations

import pandas as pd

from helpers.analysis import japan_taiwan as jt
from helpers.snapshot.registry import short_name
from helpers.text.format import (
    _missing,
    amount,
    amounts,
    billions_unit,
    bn,
    join,
    name,
    names,
    ordinal,
    pct,
    period_label,
    periods,
    plural,
    span,
    year_ranges,
)
from helpers.text.markdown import untrusted

JAPAN = jt.JAPAN
FLOW_LABELS = {"export": "Exports to Japan", "import": "Imports from Japan", "total": "Total trade",
               "balance": "Balance"}
RANK_LABELS = {"total": "By total trade", "export": "As a market for Taiwan's exports",
               "import": "As a source of Taiwan's imports"}
#: Legend labels of the quoted Japan-side ranks (columns of ``japan_side_wide``).
JAPAN_SIDE_LABELS = {
    "taiwan_rank_in_japan_trade": "Quoted rank",
    "taiwan_rank_in_japan_exports": "Quoted rank",
    "taiwan_rank_in_japan_imports": "Quoted rank",
    "taiwan_rank_in_japan_imports (japan_customs_rank_boft_2019_page)": "BOFT Jan-2019 page (conflicts)",
}
#: What each quoted Japan-side rank measures, in words (for alt text and tables).
JAPAN_SIDE_DESCRIPTIONS = {
    "taiwan_rank_in_japan_trade": "Taiwan's rank in Japan's total trade",
    "taiwan_rank_in_japan_exports": "Taiwan's rank among destinations of Japan's exports",
    "taiwan_rank_in_japan_imports": "Taiwan's rank among sources of Japan's imports",
    "taiwan_rank_in_japan_imports (japan_customs_rank_boft_2019_page)":
        "Taiwan's rank among sources of Japan's imports on BOFT's Jan-2019 page (conflicting quote)",
}
#: Panel headings of the quoted Japan-side ranks, one per measure of Japan's trade.
JAPAN_SIDE_PANELS = {"taiwan_rank_in_japan_trade": "Total trade",
                     "taiwan_rank_in_japan_exports": "Exports (Taiwan as destination)",
                     "taiwan_rank_in_japan_imports": "Imports (Taiwan as source)"}
#: How each series of the cumulative and published figures is qualified after its publisher's name.
SERIES_QUALIFIERS = {"taitra_headline": " (promotional)", "investment_commission_cumulative": " approvals",
                     "japan_side_trade": " (Japanese side)", "legislative_yuan_headline": " (basis not stated)",
                     "jcci_white_paper": " (white paper)"}
#: Published totals whose publisher does not say which side's statistics they rest on.
BASIS_NOT_STATED = ("taitra_headline", "tjra_headline", "legislative_yuan_headline")
DIRECTIONS = {"JPN->TWN": "Japan → Taiwan", "TWN->JPN": "Taiwan → Japan"}

# Axis labels and alt-text descriptions of the report's charts.
SHARES_AXIS = "Share of Taiwan's total trade (%)"
SHARES_WHAT = "shares of Taiwan's total trade (%)"
RANK_AXIS = "Japan's rank among Taiwan's partners"
RANK_WHAT = "Japan's rank among Taiwan's partners (1 = largest)"
JAPAN_SIDE_AXIS = "Taiwan's rank among Japan's partners"
JAPAN_SIDE_WHAT = "Taiwan's rank among Japan's partners (1 = largest), as quoted"
APPROVALS_AXIS = "Approved investment from Japan (US$ million)"
APPROVALS_WHAT = "approved Japanese investment in Taiwan (US$ million)"
APPROVALS_LABELS = {"JPN": "Japan"}
CUMULATIVE_AXIS = "Cumulative direct investment (US$ billion)"
CUMULATIVE_WHAT = "cumulative direct investment (US$ billion)"
PUBLISHED_AXIS = "Taiwan–Japan trade, exports + imports (US$ billion)"
PUBLISHED_WHAT = "Taiwan–Japan bilateral trade (US$ billion)"


def trade_axis(rolling: bool = False) -> str:
    return f"Trade with Japan ({billions_unit(rolling)})"


def trade_what(rolling: bool = False) -> str:
    return f"Taiwan's trade with Japan ({billions_unit(rolling)})"


def balance_axis(rolling: bool = False) -> str:
    return f"Exports minus imports ({billions_unit(rolling)})"


def balance_what(rolling: bool = False) -> str:
    return f"Taiwan's trade balances ({billions_unit(rolling)})"


def japan_side_headings(japan_ranks: pd.DataFrame) -> dict[str, str]:
    """Heading of each panel of ``japan_side_panels`` (measure → heading), naming a part-year quote
    ("Total trade (2017 = Jan–Jun)")."""
    headings = {}
    for measure, heading in JAPAN_SIDE_PANELS.items():
        rows = japan_ranks[(japan_ranks["measure"] == measure) & ~japan_ranks["period"].map(jt.is_full_year)]
        notes = [f"{row.period_end.year} = {row.period_text.replace(str(row.period_end.year), '').strip()}"
                 for row in rows.itertuples()]
        headings[measure] = heading + (f" ({'; '.join(notes)})" if notes else "")
    return headings


def _series_label(source: str, series: str) -> str:
    """The publisher's name (from the sources registry) and how its series is qualified: "TAITRA (promotional)"."""
    return short_name(source) + SERIES_QUALIFIERS.get(series, "")


def cumulative_bars(frame: pd.DataFrame, measure: str = "fdi_cumulative_amount") -> pd.DataFrame:
    """Every cumulative investment figure of ``measure``, both directions, as bars labelled by direction,
    publisher's series and period; ``value`` and ``unit`` as published, ``source``; Japan → Taiwan first."""
    rows = pd.concat([jt.cumulative(frame, direction, measure) for direction in DIRECTIONS], ignore_index=True)
    labels = [f"{DIRECTIONS[row.direction]}, {_series_label(row.source, row.series)}, {row.period_text}"
              for row in rows.itertuples()]
    return rows.assign(label=labels).set_index("label")[["value", "unit", "series", "source", "direction"]]


def published_bars(table: pd.DataFrame) -> pd.DataFrame:
    """The ``published_totals`` table as bars (US$ billion): for each year the customs total, then the
    published figure, with the source of each (customs: ``customs_source``)."""
    bars = []
    for row in table.itertuples():
        if not _missing(row.customs_total):  # a year without Taiwan's full-year imports has no customs bar
            bars.append({"label": f"{row.period}: Taiwan customs, exports + imports (derived)",
                         "value": row.customs_total / jt.BILLION, "source": row.customs_source})
        bars.append({"label": f"{row.period}: {_series_label(row.source, row.series)}",
                     "value": row.published / jt.BILLION, "source": row.source})
    return pd.DataFrame(bars).set_index("label")


def _first_last(series: pd.Series):
    present = series.dropna()
    return (present.index[0], present.iloc[0], present.index[-1], present.iloc[-1]) if len(present) else None


def _from_to(series: pd.Series, fmt, rolling: bool) -> str | None:
    """"X in 2001, Y in 2024" for the first and latest figure (one figure: "X in 2025"); None if no figure."""
    ends = _first_last(series)
    if ends is None:
        return None
    first, first_value, last, last_value = ends
    latest = f"{fmt(last_value)} in {period_label(last, rolling)}"
    return latest if first == last else f"{fmt(first_value)} in {period_label(first, rolling)}, {latest}"


def gaps(wide: pd.DataFrame, labels: dict[str, str], rolling: bool = False) -> str:
    """"No figure in the snapshot for: Imports from Japan (2025)." — every column's missing periods, or ""."""
    parts = [f"{labels.get(c, name(c))} ({periods(wide.index[wide[c].isna()], rolling)})"
             for c in wide.columns if wide[c].isna().any()]
    return ("No figure in the snapshot for: " + "; ".join(parts) + ".") if parts else ""


def derived_note(trade: pd.DataFrame, codes, start: int, end: int) -> str:
    """"Derived, not published: …" for the rows of ``codes`` in ``start``…``end`` computed by the compiler, or ""."""
    rows = jt.derived_rows(trade, codes, start, end)
    parts = [f"{row.flow}s, {name(row.partner, True)}, {period_label(row.period)} ({untrusted(row.note)})" for row in rows.itertuples()]
    return ("Derived, not published: " + "; ".join(parts) + ".") if parts else ""


# --------------------------------------------------------------------------------------------
# 1. trade with Japan and Japan's share
# --------------------------------------------------------------------------------------------
def trade_title(japan: pd.DataFrame, rolling: bool = False) -> str:
    both = japan[["export", "import"]].dropna()
    if both.empty:
        return "No year in the selection has both exports to and imports from Japan"
    when, row = both.index[-1], both.iloc[-1]
    return (f"Taiwan buys {row['import'] / row['export']:.1f} times as much from Japan as it sells there "
            f"({period_label(when, rolling)})")


def trade_reading(japan: pd.DataFrame, rolling: bool = False) -> str:
    """Total trade first → latest with its peak, exports and imports likewise, then the gaps."""
    lines = []
    for flow in ("total", "export", "import"):
        first_latest = _from_to(japan[flow], lambda v: bn(v, 1), rolling)
        if first_latest is None:
            lines.append(f"{FLOW_LABELS[flow]}: no figure in the selected years.")
            continue
        peak = japan[flow].idxmax()
        lines.append(f"{FLOW_LABELS[flow]}: {first_latest} (highest {bn(japan[flow].max(), 1)} in {period_label(peak, rolling)}).")
    text = "Taiwan's trade with Japan, from Taiwan's customs statistics. " + " ".join(lines)
    missing = gaps(japan[["export", "import", "total"]], FLOW_LABELS, rolling)
    if missing:
        text += (f" {missing} A total needs both flows, so where one is missing the total and the balance are "
                 "gaps, not the other flow alone.")
    return text


def shares_title(shares: pd.DataFrame, rolling: bool = False) -> str:
    ends = _first_last(shares[JAPAN])
    if ends is None:
        return "No share of Japan in Taiwan's trade for the selected years"
    first, first_value, last, last_value = ends
    verb = "fell" if last_value < first_value else "rose"
    return (f"Japan's share of Taiwan's trade {verb} from {pct(first_value)} ({period_label(first, rolling)}) "
            f"to {pct(last_value)} ({period_label(last, rolling)})")


def shares_reading(shares: pd.DataFrame, rolling: bool = False) -> str:
    """Each partner's share of Taiwan's total trade, first and latest period with a figure."""
    parts = []
    for code in shares.columns:
        first_latest = _from_to(shares[code], pct, rolling)
        parts.append(f"{name(code, True)}: " + (first_latest or "no figure"))
    text = "Share of Taiwan's total trade (exports plus imports) with the world: " + "; ".join(parts) + "."
    missing = gaps(shares, {}, rolling)
    return f"{text} {missing}".strip()


# --------------------------------------------------------------------------------------------
# 2. balance
# --------------------------------------------------------------------------------------------
def balance_title(balances: pd.DataFrame, rolling: bool = False) -> str:
    japan = balances[JAPAN].dropna()
    if japan.empty:
        return "No balance with Japan in the selected years"
    deficits = int((japan < 0).sum())
    return (f"Taiwan ran a deficit with Japan in {deficits} of {plural(len(japan), 'period' if rolling else 'year')} "
            f"with figures, {span(japan.index[0], japan.index[-1], rolling)}")


def balance_reading(balances: pd.DataFrame, rolling: bool = False) -> str:
    """The deficit with Japan (largest, latest) and, for the latest period with both, the surplus with the US."""
    japan = balances[JAPAN].dropna()
    if japan.empty:
        return "The snapshot has no balance with Japan for the selected years."
    worst = japan.idxmin()
    text = (f"The largest deficit with Japan was {bn(-japan.min(), 1)} in {period_label(worst, rolling)}; "
            f"the latest, {period_label(japan.index[-1], rolling)}, was "
            f"{'a deficit' if japan.iloc[-1] < 0 else 'a surplus'} of {bn(abs(japan.iloc[-1]), 1)}.")
    if "USA" in balances.columns:
        both = balances[[JAPAN, "USA"]].dropna()
        if not both.empty:
            when, row = both.index[-1], both.iloc[-1]
            kind = "surplus" if row["USA"] >= 0 else "deficit"
            japan_kind = "deficit" if row[JAPAN] < 0 else "surplus"
            text += (f" In {period_label(when, rolling)} Taiwan's {kind} with the United States was "
                     f"{bn(abs(row['USA']), 1)}, {abs(row['USA'] / row[JAPAN]):.1f} times its {japan_kind} with Japan "
                     f"({bn(abs(row[JAPAN]), 1)}).")
    missing = gaps(balances, {}, rolling)
    return f"{text} {missing}".strip()


def commodity_limits(commodity: pd.DataFrame) -> str:
    """What the commodity dataset can and cannot say about what Taiwan buys from Japan."""
    flows = sorted(commodity["flow"].unique())
    destinations = names(sorted(commodity["destination"].unique()), article=True)
    return (f"*What Taiwan buys from Japan:* the snapshot's commodity data hold {' and '.join(flows)}s only, "
            f"to {destinations}. There are no imports by commodity and nothing by commodity for Japan, so this "
            "report cannot show which goods make up the deficit with Japan.")


# --------------------------------------------------------------------------------------------
# 3. ranks
# --------------------------------------------------------------------------------------------
def _rank_runs(series: pd.Series) -> str:
    return "; ".join(f"{ordinal(rank)} in {span(first, last)}"
                     for rank, first, last in jt.runs(series))


def rank_title(ranks: pd.DataFrame) -> str:
    total = ranks["total"].dropna()
    if total.empty:
        return "No rank of Japan among Taiwan's partners for the selected years"
    best_years = [p.year for p in total.index[total == total.min()]]
    return (f"Japan was Taiwan's {ordinal(total.iloc[-1])} largest trading partner in {total.index[-1]} "
            f"(best rank {ordinal(total.min())}, in {year_ranges(best_years)})")


def rank_reading(ranks: pd.DataFrame, separate: pd.DataFrame, ranked: list[str],
                 annual: pd.DataFrame | None = None) -> str:
    """Japan's rank by total trade, exports and imports; how counting China and Hong Kong apart changes it; with
    ``annual`` (trade_by_partner), the ties at the precision shown in the latest ranked year."""
    text = (f"Ranks are computed from the partner values in the snapshot, among the {len(ranked)} single economies "
            f"it holds ({names(ranked)}), not among all of Taiwan's partners; regions and totals are left out, and "
            "mainland China and Hong Kong count as one partner, as in Taiwan's trade releases.")
    if ranks["total"].notna().any():
        text += (f" By total trade Japan ranked {_rank_runs(ranks['total'])}. By Taiwan's exports: "
                 f"{_rank_runs(ranks['export'])}. As a source of Taiwan's imports: {_rank_runs(ranks['import'])}.")
    differs = separate["total"].ne(ranks["total"]) & separate["total"].notna()
    if differs.any():
        text += (" Counting mainland China and Hong Kong as two partners changes Japan's total-trade rank in "
                 f"{periods(separate.index[differs])}: {_rank_runs(separate['total'][differs])}.")
    if annual is not None:
        text += rank_ties(annual, ranks)
    missing = ranks.index[ranks["total"].isna()]
    if len(missing):
        text += (f" No rank for {periods(missing)}: the snapshot lacks that year's figures for some of the "
                 "ranked partners (a rank among the partners that happen to have figures would mislead).")
    return text


def japan_side_title(japan_ranks: pd.DataFrame) -> str:
    trade = japan_ranks[japan_ranks["measure"] == "taiwan_rank_in_japan_trade"]
    fourth = trade[trade["rank"] == 4]
    return (f"Taiwan was Japan's 4th largest trading partner in {len(fourth)} of the {len(trade)} periods with a "
            "quoted Japan-side rank")


def japan_side_reading(japan_ranks: pd.DataFrame) -> str:
    """The "fourth largest trading partner" claim checked against the quoted ranks, with their limits."""
    trade = japan_ranks[japan_ranks["measure"] == "taiwan_rank_in_japan_trade"]
    holds = [untrusted(period) for period in trade.loc[trade["rank"] == 4, "period_text"]]
    fails = [f"{ordinal(r.rank)} in {untrusted(r.period_text)}" for r in trade.itertuples() if r.rank != 4]
    text = (f"The claim \"Taiwan is Japan's fourth largest trading partner\" matches the Japan-side ranks quoted in "
            f"the snapshot for {', '.join(holds)}" + (f", but not elsewhere: Taiwan ranked {'; '.join(fails)}." if fails else ".")
            + " These are ranks from Japan's customs statistics as quoted by others (the page of each quote is in the "
            "chart's data), not computed here: the snapshot has no Japan-side values for Japan's other partners, so "
            "the rank cannot be recomputed, and years without a quote are not covered.")
    conflicts = japan_ranks.groupby(["measure", "period"])["rank"].nunique()
    for (measure, period), count in conflicts[conflicts > 1].items():
        quoted = japan_ranks[(japan_ranks["measure"] == measure) & (japan_ranks["period"] == period)]
        text += (f" Sources disagree on {untrusted(measure.replace('taiwan_rank_in_japan_', 'Japan’s '))} for {untrusted(period)}: "
                 + " vs ".join(ordinal(r) for r in quoted["rank"]) + " (both shown).")
    return text


# --------------------------------------------------------------------------------------------
# 4. investment
# --------------------------------------------------------------------------------------------
def approvals_title(annual: pd.DataFrame) -> str:
    present = annual.dropna(subset=["value"])
    if present.empty:
        return "No annual approvals of Japanese investment in the selected years"
    peak = present["value"].idxmax()
    return (f"Approved Japanese investment in Taiwan peaked at {amount(present['value'].max(), present['unit'].iloc[0])} "
            f"in {peak}, in the {plural(len(present), 'year')} with a figure")


def approvals_reading(annual: pd.DataFrame) -> str:
    """Japanese investment approvals by year: range, peak, derived years and missing years."""
    present = annual.dropna(subset=["value"])
    if present.empty:
        return "The snapshot has no annual Investment Commission approvals from Japan for the selected years."
    unit = present["unit"].iloc[0]
    peak = present["value"].idxmax()
    low, high = amounts([present["value"].min(), present["value"].max()], unit)
    text = (f"Approved Japanese investment in Taiwan (Investment Commission, approvals basis) ranged from "
            f"{untrusted(low)} ({untrusted(present['value'].idxmin())}) to {untrusted(high)} ({untrusted(peak)}) in "
            "the years the snapshot covers.")
    derived = present[present["basis"] == "derived"]
    if len(derived):
        text += (" Derived, not published, values (hollow markers): "
                 + "; ".join(f"{untrusted(year)} = {untrusted(row.derivation)}" for year, row in derived.iterrows()) + ".")
    missing = annual.index[annual["value"].isna()].tolist()
    if missing:
        text += f" No annual figure in the snapshot for {year_ranges(missing)}: those years are gaps."
    return text


def _latest(rows: pd.DataFrame, series: str) -> pd.Series:
    return rows[rows["series"] == series].iloc[-1]


def cumulative_title(pairs: pd.DataFrame) -> str:
    amounts = jt.cumulative(pairs, "JPN->TWN", "fdi_cumulative_amount")
    taitra, commission = _latest(amounts, "taitra_headline"), _latest(amounts, "investment_commission_cumulative")
    return (f"{short_name(taitra['source'])}'s {amount(taitra['value'], taitra['unit'])} of Japanese investment "
            f"({taitra['period_text']}) is {taitra['value'] / commission['value']:.1f} times the "
            f"{short_name(commission['source'])}'s "
            f"{amount(commission['value'], commission['unit'])} ({commission['period_text']})")


def cumulative_reading(pairs: pd.DataFrame) -> str:
    """Both cumulative figures for Japanese investment named, and why timing cannot explain the gap."""
    amounts = jt.cumulative(pairs, "JPN->TWN", "fdi_cumulative_amount")
    cases = jt.cumulative(pairs, "JPN->TWN", "fdi_cumulative_cases")
    taitra_amount, ic_amount = _latest(amounts, "taitra_headline"), _latest(amounts, "investment_commission_cumulative")
    taitra_cases, ic_cases = _latest(cases, "taitra_headline"), _latest(cases, "investment_commission_cumulative")
    first, last = (int(ic_amount["period_end"].year), int(taitra_amount["period_end"].year))
    most_amount = jt.largest_annual(pairs, "fdi_approved_amount", "JPN->TWN")
    most_cases = jt.largest_annual(pairs, "fdi_approved_cases", "JPN->TWN")
    gap_amount = (taitra_amount["value"] - ic_amount["value"]) * 1e3  # USD billion → USD million
    gap_cases = taitra_cases["value"] - ic_cases["value"]
    return (
        f"Two sources, two pictures. TAITRA (the Taiwan External Trade Development Council, in a promotional article) "
        f"gives {taitra_cases['value']:,.0f} cases and {amount(taitra_amount['value'], 'USD billion')} of Japanese "
        f"investment for {untrusted(taitra_amount['period_text'])}. The Investment Commission's approvals, as cited by BOFT, "
        f"come to {ic_cases['value']:,.0f} cases and {amount(ic_amount['value'], 'USD billion')} "
        f"{untrusted(ic_amount['period_text'])}. The {plural(last - first, 'year')} between the two end dates would have to add "
        f"{amount(gap_amount, 'USD million')} and {gap_cases:,.0f} cases, while no year in the snapshot's approvals "
        f"exceeds {amount(most_amount, 'USD million')} or {most_cases:,.0f} cases — so timing cannot explain the "
        "gap; the two figures measure different things. The Commission counts approvals (including capital "
        "increases) of investment from Japan; TAITRA does not state its basis. Likely reasons: wider coverage (for "
        "example Japanese investment routed through third economies, reinvested earnings, or a Japan-side "
        "statistic), or a stock or arrival basis rather than approvals. The report uses the Commission's series for "
        "analysis and shows TAITRA's figure beside it as a named headline."
    )


def outward_reading(frame: pd.DataFrame) -> str:
    """Taiwanese investment in Japan: every figure the snapshot holds, each with its source and basis, and
    how the two publishers' cumulative figures compare."""
    rows = frame[(frame["direction"] == "TWN->JPN") & frame["measure"].str.startswith("fdi_")]
    rows = jt.with_period_end(rows).sort_values("period_end")
    labels = {"fdi_approved_amount": "approved in the year", "fdi_cumulative_amount": "cumulative",
              "fdi_single_case_amount": "one approved case", "fdi_multiple_of_previous_year": "times the year before"}
    parts = []
    for row in rows.itertuples():
        value = f"{row.value:g}" if row.unit == "times" else amount(row.value, row.unit)
        parts.append(f"{untrusted(row.period_text)}: {untrusted(value)} {labels[row.measure]} "
                     f"({untrusted(short_name(row.source))})")
    text = ("Taiwanese investment in Japan, as far as the snapshot has it — " + "; ".join(parts) + ". There is no "
            "annual series, and a single approved case is not an annual total.")
    cumulative = rows[rows["measure"] == "fdi_cumulative_amount"]
    if set(cumulative["series"]) >= {"taitra_headline", "investment_commission_cumulative"}:
        taitra, commission = _latest(cumulative, "taitra_headline"), _latest(cumulative, "investment_commission_cumulative")
        ratio = taitra["value"] / commission["value"]
        verdict = ("within 10% of each other" if abs(ratio - 1) <= 0.1 else "far apart") + " in this direction"
        text += (f" Here TAITRA's cumulative figure ({untrusted(taitra['period_text'])}) is {ratio:.2f} times the "
                 f"Commission's ({untrusted(commission['period_text'])}): the two publishers are {verdict}.")
    return text


# --------------------------------------------------------------------------------------------
# 5. published totals against customs
# --------------------------------------------------------------------------------------------
def _gap(difference: float, difference_pct: float) -> str:
    """A published figure's distance from the customs one: "US$1.88 billion (2.7%) above"."""
    return f"{bn(abs(difference))} ({pct(abs(difference_pct))}) {'above' if difference >= 0 else 'below'}"


def published_title(table: pd.DataFrame, series: str = "taitra_headline") -> str:
    row = table[table["series"] == series].iloc[0]
    return (f"{short_name(row['source'])}'s {bn(row['published'])} for {row['period']} is "
            f"{_gap(row['difference'], row['difference_pct'])} Taiwan customs' {bn(row['customs_total'])}")


def _publisher(source: str, series: str) -> str:
    """How the reading names a published total's publisher (text from the sources registry, escaped)."""
    publisher = untrusted(short_name(source))
    if series == "japan_side_trade":
        return f"the {publisher} (Japanese-side figures)"
    return publisher if short_name(source).isupper() else f"the {publisher}"


def published_reading(table: pd.DataFrame) -> str:
    """Each published total against customs exports + imports, and why they can differ; a year without Taiwan's
    full-year imports from Japan is named as one that cannot be compared yet."""
    parts = []
    for row in table.itertuples():
        said = f"for {untrusted(row.period)}, {_publisher(row.source, row.series)} published {bn(row.published)}; "
        if _missing(row.customs_total):
            exports = f"{bn(row.exports)} of exports" if not _missing(row.exports) else "no export figure"
            parts.append(said + f"Taiwan customs give {exports} but no full-year import figure yet, so the total "
                                "cannot be compared")
            continue
        parts.append(said + f"Taiwan customs give {bn(row.exports)} of exports plus {bn(row.imports)} of imports = "
                            f"{bn(row.customs_total)} (derived), so the published figure is "
                            f"{_gap(row.difference, row.difference_pct)} it")
    unstated = [_publisher(source, series) for source, series in
                dict.fromkeys(zip(table["source"], table["series"])) if series in BASIS_NOT_STATED]
    basis = ""
    if unstated:
        who = join(unstated)
        one = len(unstated) == 1
        verb, pronoun, what = ("does", "it", "the difference") if one else ("do", "they", "the differences")
        basis = (f" {who[0].upper()}{who[1:]} {verb} not state which side's statistics {pronoun} used, so {what} "
                 "cannot be assigned to one cause.")
    return (
        "Published totals against Taiwan's customs: " + "; ".join(parts) + ". Why they can differ: each side's "
        "customs records imports CIF (including freight and insurance) and exports FOB, so Japan's exports to "
        "Taiwan (FOB) should come out below Taiwan's imports from Japan (CIF), and Japan's imports from Taiwan (CIF) "
        "above Taiwan's exports to Japan; partner attribution (country of origin vs consignment, goods via third "
        "places), timing and Japan's yen figures converted to dollars add further differences." + basis
    )


def published_flows_reading(table: pd.DataFrame) -> str:
    """Each published one-way figure against the same direction in Taiwan's customs; "" when there is none."""
    if table.empty:
        return ""
    parts = []
    for row in table.itertuples():
        customs = "imports from Japan (CIF)" if row.direction == "JPN->TWN" else "exports to Japan (FOB)"
        said = (f"{untrusted(DIRECTIONS[row.direction])} {bn(row.published)} in {untrusted(row.period)} "
                f"({_publisher(row.source, row.series)})")
        if _missing(row.customs):
            parts.append(said + f"; Taiwan customs have no {customs} figure for that year")
        else:
            parts.append(said + f" against Taiwan customs' {customs} of {bn(row.customs)}: "
                                f"{_gap(row.difference, row.difference_pct)}")
    return ("Published one-way figures: " + "; ".join(parts) + ". A figure that does not state its basis cannot be "
            "pinned to one side's statistics; one below Taiwan's imports from Japan is what Japan's own export "
            "statistics (valued FOB, without freight and insurance) would show.")


# --------------------------------------------------------------------------------------------
# key findings (the report's first screen)
# --------------------------------------------------------------------------------------------
#: Ranks are compared as a reader sees the values: US$ billion with one decimal. Two partners equal at that
#: precision are a tie, whatever digits further down say.
RANK_PLACES = 1


def key_findings(annual: pd.DataFrame, start: int, end: int) -> list[str]:
    """Trade with Japan and its share, the balance, and Japan's rank by total trade and as a source of imports
    (ties stated as ties), each for the latest year with figures; ``annual``: trade_by_partner, annual."""
    from helpers.text.format import money, money_unit, share

    japan = jt.bilateral(annual, JAPAN, start, end)
    total = japan["total"].dropna()
    if total.empty:
        return [f"The snapshot has no year with both Taiwan's exports to and imports from Japan in {start}–{end}."]
    year = total.index[-1]
    unit = money_unit(total.iloc[-1], japan.loc[year, "balance"])
    shares = jt.total_trade_shares(annual, [JAPAN], start, end)[JAPAN]
    found = [f"Taiwan's trade with Japan (exports plus imports) was {money(total.iloc[-1], unit)} in {year}, "
             f"{share(shares.get(year))} of Taiwan's total trade."]
    balance = japan.loc[year, "balance"]
    found.append(f"Taiwan ran a {'surplus' if balance >= 0 else 'deficit'} of {money(abs(balance), unit)} with Japan "
                 f"in {year}.")
    for flow in ("total", "import"):
        rank, field = published_rank(annual, year.year, flow)
        if rank:
            found.append(f"As {RANK_WHAT[flow]} in {year}, Japan ranked {rank} among the {field} single economies in "
                         "the snapshot (values compared in US$ billion to one decimal).")
    return found


RANK_WHAT = {"total": "a trading partner (total trade)", "export": "a market for Taiwan's exports",
             "import": "a source of Taiwan's imports"}


def published_rank(annual: pd.DataFrame, year: int, flow: str) -> tuple[str | None, int]:
    """Japan's rank in ``year`` for ``flow`` with values compared as the text shows them (US$ billion, one
    decimal), a tie stated as such ("joint 2nd with the United States"), and the number of economies ranked;
    (None, 0) when some ranked economy lacks a figure."""
    from helpers.text.format import rank_of

    table = jt.ranking_table(annual, year, flow)
    if JAPAN not in set(table["partner"]) or not table["value_usd"].notna().all():
        return None, 0
    values = dict(zip(table["partner"], table["value_usd"] / 1e9))
    return rank_of(JAPAN, values, RANK_PLACES), len(values)


def rank_ties(annual: pd.DataFrame, ranks: pd.DataFrame) -> str:
    """For the latest ranked year: the flows in which Japan is level with another partner at the precision shown,
    which the chart (ranks by the full figures) cannot show; "" when there is no tie."""
    ranked = ranks["total"].dropna()
    if ranked.empty:
        return ""
    year = ranked.index[-1].year
    ties = [f"{rank} as {RANK_WHAT[flow]}" for flow in ("total", "export", "import")
            for rank, _ in [published_rank(annual, year, flow)] if rank and rank.startswith("joint")]
    if not ties:
        return ""
    return (f" In {year}, with values compared in US$ billion to one decimal, Japan ranked " + "; ".join(ties)
            + ": the chart ranks by the full figures, which differ by less than that.")
