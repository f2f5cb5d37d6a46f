"""The trade_pivot report's sentences and chart titles, computed from results: never typed-in numbers.

Every function takes results of ``helpers.analysis.metrics`` and returns a string (Markdown). Missing values
are named, not filled: a partner without a figure is listed as such.
"""

from __future__ import annotations

from typing import Iterable, Mapping, Sequence

import pandas as pd

from helpers.analysis import metrics
from helpers.analysis.pivot_drivers import Leaders
from helpers.text.format import (
    _missing,
    balance_phrase,
    billions_unit,
    bn,
    flow_noun,
    flow_to,
    name,
    names,
    pct,
    period_label,
    plural,
    pp,
    signed_pct,
    unit_word,
)
from helpers.text.markdown import untrusted
from helpers.text.pivot_drivers import verdict_finding


# --------------------------------------------------------------------------------------------
# 1. key figures
# --------------------------------------------------------------------------------------------
def key_figures(k: metrics.KeyFigures, named: Sequence[str] = ()) -> str:
    """Headline paragraph; partners in ``named`` without a figure are named, other markets counted."""
    year = period_label(k.period)
    if _missing(k.growth_pct):
        headline = (f"**{year}: exports {bn(k.exports)}** (the snapshot has no {period_label(k.period - 1)} figure, "
                    f"so no growth).")
    else:
        headline = (f"**{year}: exports {bn(k.exports)}, {signed_pct(k.growth_pct)}** on {period_label(k.period - 1)} "
                    f"({bn(k.exports_previous)}).")
    lines = [
        headline,
        f"The largest market was **{name(k.largest, True)}** ({bn(k.largest_value)}). "
        f"{name(k.leader, True, True)} took **{pct(k.leader_share_pct)}** of exports and "
        f"{name(k.rival, True)} **{pct(k.rival_share_pct)}**.",
        f"Taiwan's trade {'surplus' if (k.leader_balance or 0) >= 0 else 'deficit'} with {name(k.leader, True)} "
        f"was **{bn(abs(k.leader_balance)) if not _missing(k.leader_balance) else 'not available'}**.",
    ]
    if k.preliminary:
        lines.append(
            f"The {year} figures are **preliminary**: the snapshot holds them as the Ministry of Finance's full-year "
            f"release figures (basis: {', '.join(k.bases)}), not yet as a full table by partner."
        )
    if k.not_published:
        listed = [c for c in k.not_published if c in named]
        others = len(k.not_published) - len(listed)
        who = names(listed, True) if listed else ""
        if others:
            who += (" and " if who else "") + plural(others, "other economy").replace("economys", "economies")
        lines.append(
            f"No {year} export figure is in the snapshot for {who}; the largest market is the largest of those "
            f"with a {year} figure ({names(k.candidates_with_figure, True)})."
        )
    return " ".join(lines)


def key_figures_title(k: metrics.KeyFigures) -> str:
    year = period_label(k.period)
    if k.largest == k.leader:
        return (f"{name(k.leader, True, True)} was Taiwan's largest export market in {year}, with "
                f"{pct(k.leader_share_pct)} of exports against {pct(k.rival_share_pct)} for {name(k.rival, True)}")
    return (f"{name(k.largest, True, True)} was Taiwan's largest export market in {year}; {name(k.leader, True)} "
            f"took {pct(k.leader_share_pct)} of exports and {name(k.rival, True)} {pct(k.rival_share_pct)}")


def rest_label(missing_codes: Sequence[str]) -> str:
    """Legend label of "rest of world" when some partners are folded into it for lack of a figure."""
    if not missing_codes:
        return name(metrics.ROW)
    return f"{name(metrics.ROW)} (incl. {names(missing_codes)}: no separate figure)"


# --------------------------------------------------------------------------------------------
# 2. crossover
# --------------------------------------------------------------------------------------------
def crossover_title(c: metrics.Crossover, flow: str, rolling: bool = False) -> str:
    what = flow_noun(flow)
    if c.found and c.leads_at_end:
        return (f"{name(c.leader, True, True)} overtook {name(c.rival, True)} as a destination of Taiwan's {what} "
                f"in {period_label(c.period, rolling)}" if flow == "export" else
                f"{name(c.leader, True, True)} overtook {name(c.rival, True)} in Taiwan's {what} in "
                f"{period_label(c.period, rolling)}")
    if c.found:
        return (f"{name(c.leader, True, True)} moved ahead of {name(c.rival, True)} in Taiwan's {what} in "
                f"{period_label(c.period, rolling)} but was behind again by {period_label(c.data_end, rolling)}")
    if c.data_end is None:
        return f"No common data for {name(c.leader, True)} and {name(c.rival, True)}"
    span = f"12-month sums to {period_label(c.data_end)}" if rolling else f"data to {period_label(c.data_end)}"
    return f"{name(c.leader, True, True)} has not overtaken {name(c.rival, True)} in Taiwan's {what} ({span})"


def crossover(c: metrics.Crossover, flow: str, shares: pd.DataFrame | None = None, rolling: bool = False,
              release_note: str | None = None, annual: metrics.Crossover | None = None) -> str:
    """The crossover and how long it had been since the leader last led — as far as the data show.

    ``shares`` (wide, periods × codes) adds the two shares at the crossing; ``release_note`` is
    what an official release says about the time before the data start (cited as such); ``annual``
    (the crossover in annual figures) is compared when ``c`` is about 12-month sums.
    """
    text = _crossover(c, flow, shares, rolling, release_note)
    if rolling and annual is not None and annual.found and annual.period != getattr(c.period, "year", None):
        text += (f" In annual figures (section 1), {name(annual.leader, True)} first moved ahead in {annual.period}"
                 + (f"; 12-month sums run only to {period_label(c.data_end)}." if c.data_end is not None else "."))
    return text


def _crossover(c: metrics.Crossover, flow: str, shares: pd.DataFrame | None, rolling: bool,
               release_note: str | None) -> str:
    what, unit = flow_noun(flow), unit_word(c.data_start) if c.data_start is not None else "year"
    series = "12-month sums" if rolling else "annual values"
    if c.data_end is None:
        return f"The snapshot has no common {what} data for {name(c.leader, True)} and {name(c.rival, True)}."
    start, end = period_label(c.data_start, rolling), period_label(c.data_end, rolling)
    if not c.found:
        text = f"Within the data ({series}, {start} to {end}), "
        if c.leads_at_start and c.leads_at_end:
            text += (f"{name(c.leader, True)} was ahead of {name(c.rival, True)} in Taiwan's {what} throughout, so the "
                     f"data cannot say when it took the lead.")
        elif c.leads_at_start:
            text += (f"{name(c.leader, True)} was ahead of {name(c.rival, True)} in Taiwan's {what} at the start and "
                     f"last led in {period_label(c.last_led, rolling)}; it did not move ahead again.")
        else:
            text += f"{name(c.leader, True)} never moved ahead of {name(c.rival, True)} in Taiwan's {what}."
        return text
    at = period_label(c.period, rolling)
    text = f"{name(c.leader, True, True)} first moved ahead of {name(c.rival, True)} in Taiwan's {what} in **{at}**"
    if shares is not None and c.period in shares.index and {c.leader, c.rival} <= set(shares.columns):
        text += (f" ({pct(shares.loc[c.period, c.leader])} against {pct(shares.loc[c.period, c.rival])} "
                 f"of the total)")
    text += "."
    if c.led_before:
        n = c.periods_since_last_lead
        text += (f" It had last led in {period_label(c.last_led, rolling)}, {plural(n, unit)} earlier "
                 f"(within the data, which start in {start}).")
    else:
        n = c.at_least_periods_without_lead
        before = period_label(c.period - 1, rolling)
        earliest = period_label(c.data_start - 1, rolling)
        text += (f" Within the data it had never led before: it trailed in all {plural(n, unit)} from {start} to "
                 f"{before}. The data start in {start}, so they can only show that it last led in {earliest} or "
                 f"earlier.")
        if release_note:
            text += f" {release_note}"
    if len(c.all_crossings) > 1:
        text += (f" The lead changed hands more than once: {name(c.leader, True)} moved ahead in "
                 f"{', '.join(period_label(p, rolling) for p in c.all_crossings)}.")
    if not c.leads_at_end:
        text += f" In {end} it was behind again."
    return text


def events_note(marks: pd.DataFrame | None) -> str:
    """One sentence listing the policy events marked on the charts (``None``: none are marked)."""
    if marks is None or marks.empty:
        return "No policy events are marked."
    return "Marked events: " + "; ".join(f"{untrusted(row.label)} ({row.date:%b %Y})" for row in marks.itertuples()) + "."


def release_note(event: Mapping) -> str:
    """Cite an official release from the event list (``helpers.analysis.events``), e.g. the MOF's
    "first time since 1999" statement, as the source of what the data cannot show."""
    return (f"For the years before the data, the official release is the source — {untrusted(event['where_reported'])}: "
            f"“{untrusted(event['event'])}”.")


# --------------------------------------------------------------------------------------------
# 3. levels, growth, contributions
# --------------------------------------------------------------------------------------------
def levels(latest: pd.DataFrame, flow: str, period, rolling: bool = False, expected: Sequence[str] = ()) -> str:
    """``latest``: rows of one period with ``partner``, ``value_usd`` and ``growth_pct``; partners in
    ``expected`` without a figure are named."""
    when = period_label(period, rolling)
    rows = latest.dropna(subset=["value_usd"]).sort_values("value_usd", ascending=False)
    absent = [c for c in expected if c not in set(rows["partner"])]
    note = f" No {when} figure in the snapshot for {names(absent, True)}." if absent else ""
    if rows.empty:
        return f"No {flow_noun(flow)} figure for {when} for the partners selected.{note}"
    if flow == "balance":
        parts = [f"{name(r.partner, True)} {balance_phrase(r.value_usd)}" for r in rows.itertuples()]
    else:
        parts = [f"{name(r.partner, True)} {bn(r.value_usd)} ({signed_pct(r.growth_pct)})" for r in rows.itertuples()]
    text = (f"Taiwan's {flow_noun(flow)} {flow_to(flow)} each partner in {when}"
            f"{'' if flow == 'balance' else ' (change on a year earlier)'}: " + "; ".join(parts) + ".")
    growing = rows.dropna(subset=["growth_pct"])
    if len(growing) > 1 and flow != "balance":
        fastest = growing.loc[growing["growth_pct"].idxmax()]
        text += f" Fastest growth: {name(fastest.partner, True)} ({signed_pct(fastest.growth_pct)})."
    return text + note


def levels_title(wide: pd.DataFrame, flow: str, rolling: bool = False) -> str:
    """Finding title for a chart of levels by partner (``wide`` in US dollars)."""
    last = wide.dropna(how="all")
    if last.empty:
        return f"No {flow_noun(flow)} figures for the selected years"
    period = last.index[-1]
    row = last.iloc[-1].dropna()
    top = row.idxmax()
    if flow == "balance":
        return (f"Taiwan's largest bilateral surplus among the partners shown in {period_label(period, rolling)} "
                f"was with {name(top, True)}: {bn(row[top], 1)}")
    first = wide[top].dropna()
    return (f"{name(top, True, True)} was the largest {'destination' if flow == 'export' else 'source'} of Taiwan's "
            f"{flow_noun(flow)} among those shown in {period_label(period, rolling)}: {bn(row[top], 1)}, "
            f"against {bn(first.iloc[0], 1)} in {period_label(first.index[0], rolling)}")


def growth_title(values: pd.Series, flow: str, period, rolling: bool = False) -> str:
    values = values.dropna()
    if values.empty:
        return f"No growth figures for {period_label(period, rolling)}"
    top = values.idxmax()
    if flow == "balance":
        return (f"Taiwan's balance with {name(top, True)} improved most in {period_label(period, rolling)}: "
                f"{values[top]:+.1f} US$ billion")
    return (f"{flow_noun(flow).capitalize()} {flow_to(flow)} {name(top, True)} grew fastest in "
            f"{period_label(period, rolling)}: {signed_pct(values[top])}")


def contributions(contrib: pd.DataFrame, flow: str, period, missing_codes: Sequence[str] = (),
                  rolling: bool = False) -> str:
    """``contrib``: rows of one period from :func:`helpers.analysis.metrics.contributions`."""
    when = period_label(period, rolling)
    total = contrib["total_growth_pct"].iloc[0] if len(contrib) else float("nan")
    if _missing(total):
        return (f"Growth in {when} cannot be computed: the snapshot has no total for a year earlier, so there are no "
                f"contributions to it either.")
    rows = contrib.sort_values("contribution_pp", ascending=False)
    parts = []
    for r in rows.itertuples():
        label = rest_label(missing_codes).replace("Rest of world", "the rest of the world") \
            if r.partner == metrics.ROW else name(r.partner, True)
        parts.append(f"{label} {pp(r.contribution_pp)}")
    added = rows["contribution_pp"].sum(min_count=len(rows))
    noun = "change in the trade balance" if flow == "balance" else f"growth of {flow_noun(flow)}"
    text = (f"Total {flow_noun(flow)} {'changed' if flow == 'balance' else 'grew'} **{signed_pct(total)}** in {when}. "
            f"Contributions to that {noun}: " + "; ".join(parts) + ".")
    if not _missing(added):
        text += f" They add up to {signed_pct(added)}, the total."
    else:
        text += " Some contributions cannot be computed for lack of figures, so they do not add up to the total."
    return text


def contributions_title(contrib: pd.DataFrame, flow: str, period, rolling: bool = False) -> str:
    known = contrib.loc[contrib["partner"] != metrics.ROW].dropna(subset=["contribution_pp"])
    total = contrib["total_growth_pct"].iloc[0]
    if known.empty:
        return f"Contributions to the {flow_noun(flow)} growth of {period_label(period, rolling)}"
    top = known.loc[known["contribution_pp"].idxmax()]
    share = top.contribution_pp / total * 100 if total and not _missing(total) else float("nan")
    return (f"{name(top.partner, True, True)} accounted for {top.contribution_pp:.1f} percentage points of the "
            f"{pct(total)} {'change' if flow == 'balance' else 'growth'} in {flow_noun(flow)} in "
            f"{period_label(period, rolling)}" + (f" (about {share:.0f}% of it)" if total > 0 and share > 0 else ""))


# --------------------------------------------------------------------------------------------
# 4. balances
# --------------------------------------------------------------------------------------------
def balances(wide: pd.DataFrame, rolling: bool = False) -> str:
    """``wide``: balance by partner (periods × codes, US dollars). Each partner at its latest figure."""
    parts = []
    last_period = wide.index.max()
    for code in wide.columns:
        series = wide[code].dropna()
        if series.empty:
            parts.append(f"{name(code, True)}: no figure")
            continue
        when, value = series.index[-1], series.iloc[-1]
        note = "" if when == last_period else f" (latest figure; none for {period_label(last_period, rolling)})"
        since = "" if len(series) < 2 else \
            f", against {balance_phrase(series.iloc[0])} in {period_label(series.index[0], rolling)}"
        parts.append(f"{balance_phrase(value)} with {name(code, True)} in {period_label(when, rolling)}{note}{since}")
    return "Taiwan ran " + "; ".join(parts) + "."


def balances_title(wide: pd.DataFrame, rolling: bool = False) -> str:
    """Finding title: the largest balance in the last period, naming partners without a figure then."""
    if wide.dropna(how="all").empty:
        return "No balance figures in the selected years"
    last = wide.dropna(how="all").index[-1]
    row = wide.loc[last].dropna()
    top = row.idxmax()
    kind = "surplus" if row[top] >= 0 else "deficit"
    title = (f"Taiwan's {kind} with {name(top, True)} reached {bn(abs(row[top]), 1)} in {period_label(last, rolling)}, "
             f"the largest of the balances shown")
    absent = [c for c in wide.columns if c not in row.index]
    if absent:
        title += f" (no {period_label(last, rolling)} figure for {names(absent, True)})"
    return title


# --------------------------------------------------------------------------------------------
# 5. commodities
# --------------------------------------------------------------------------------------------
def commodities(wide_world: pd.DataFrame, wide_china: pd.DataFrame, labels: Mapping[str, str],
                recent: pd.DataFrame | None = None) -> str:
    """``wide_world``/``wide_china``: annual exports by commodity code (periods × codes) to the world
    and to China + Hong Kong; ``recent``: optional rows of a rolling 12-month sum (commodity,
    destination, period, value_usd) for the latest months."""
    parts = []
    for code in wide_world.columns:
        world = wide_world[code].dropna()
        if world.empty:
            continue
        first, last = world.index[0], world.index[-1]
        china = wide_china[code].get(last, float("nan")) if code in wide_china else float("nan")
        share = china / world.iloc[-1] * 100 if not _missing(china) else float("nan")
        china_first = wide_china[code].get(first, float("nan")) if code in wide_china else float("nan")
        share_first = china_first / world.iloc[0] * 100 if not _missing(china_first) else float("nan")
        if first == last:
            parts.append(f"**{untrusted(labels.get(code, code))}**: {bn(world.iloc[-1], 1)} in {last}, of which China + Hong Kong "
                         f"took {pct(share)}")
            continue
        parts.append(
            f"**{untrusted(labels.get(code, code))}**: {bn(world.iloc[0], 1)} in {first} → {bn(world.iloc[-1], 1)} in {last} "
            f"({world.iloc[-1] / world.iloc[0]:.1f}×); China + Hong Kong took {pct(share_first)} in {first} and "
            f"{pct(share)} in {last}"
        )
    if not parts:
        return ("The snapshot has no exports by product group for the selected years (the Ministry's release tables "
                "give them from 2015).")
    text = "Exports by product group. " + "; ".join(parts) + "."
    if recent is not None and not recent.empty:
        bits = []
        for r in recent.dropna(subset=["value_usd"]).itertuples():
            if r.destination == "WLD":
                bits.append(f"{untrusted(labels.get(r.commodity, r.commodity))} {bn(r.value_usd, 1)}")
        if bits:
            text += (f" In {period_label(recent['period'].max(), rolling=True)} (monthly release tables): "
                     + "; ".join(bits) + ".")
    return text


def commodities_title(wide_world: pd.DataFrame, labels: Mapping[str, str]) -> str:
    growth = {c: wide_world[c].dropna() for c in wide_world.columns}
    growth = {c: s.iloc[-1] / s.iloc[0] for c, s in growth.items() if len(s) > 1}
    if not growth:
        return "Exports by product group"
    top = max(growth, key=growth.get)
    s = wide_world[top].dropna()
    return (f"{labels.get(top, top)} exports grew {growth[top]:.1f}-fold from {s.index[0]} to {s.index[-1]}, "
            f"faster than any other group shown")


# --------------------------------------------------------------------------------------------
# 6. mirror statistics
# --------------------------------------------------------------------------------------------
def mirror(ratios: pd.DataFrame, rolling: bool = False) -> str:
    """``ratios``: output of :func:`helpers.analysis.metrics.ratio` (columns period, taiwan, usa, ratio)."""
    r = ratios.dropna(subset=["ratio"])
    if r.empty:
        return "No year has both Taiwan-reported and US-reported figures in the selected range."
    last = r.iloc[-1]
    lo, hi = r.loc[r["ratio"].idxmin()], r.loc[r["ratio"].idxmax()]
    text = (f"In {period_label(last.period, rolling)}, the United States reported imports from Taiwan of "
            f"{bn(last.usa)}, against Taiwan-reported exports to the United States of {bn(last.taiwan)}: a ratio of "
            f"**{last.ratio:.2f}**.")
    if len(r) > 1:
        text += (f" From {period_label(r.period.iloc[0], rolling)} to {period_label(last.period, rolling)} the ratio "
                 f"ranged from {lo.ratio:.2f} ({period_label(lo.period, rolling)}) to {hi.ratio:.2f} "
                 f"({period_label(hi.period, rolling)}), median {r['ratio'].median():.2f}.")
    if len(r) > 2:
        before = r.iloc[:-1]["ratio"]
        if abs(last.ratio - before.median()) > 2 * max(before.std(), 0.02):
            text += (f" The latest ratio is far from its usual level (median {before.median():.2f} before), "
                     f"a break worth checking before drawing conclusions.")
    return text


def mirror_title(ratios: pd.DataFrame, rolling: bool = False) -> str:
    r = ratios.dropna(subset=["ratio"])
    if r.empty:
        return "Mirror statistics: no overlapping figures"
    last = r.iloc[-1]
    direction = "more" if last.ratio > 1 else "less"
    return (f"The US records {abs(last.ratio - 1) * 100:.0f}% {direction} imports from Taiwan than Taiwan records "
            f"exports to the US ({period_label(last.period, rolling)})")


# --------------------------------------------------------------------------------------------
# data notes
# --------------------------------------------------------------------------------------------
def coverage(frame: pd.DataFrame, partners: Iterable[str], flow: str) -> str:
    """Which of ``partners`` have figures for which periods (first and last) — what the data can show."""
    rows = metrics.select(frame, flow=flow, partner=list(partners)).dropna(subset=["value_usd"])
    parts = []
    for code in partners:
        p = rows.loc[rows["partner"] == code, "period"]
        parts.append(f"{name(code, True)} {p.min()}–{p.max()}" if len(p) else f"{name(code, True)}: none")
    return f"Figures for Taiwan's {flow_noun(flow)} in the snapshot: " + "; ".join(parts) + "."


def preliminary(frame: pd.DataFrame) -> str:
    """Name the periods whose figures are preliminary or not from a full table (headline/derived)."""
    flagged = frame.loc[(frame.get("status") == "preliminary") | (frame.get("basis", "table") != "table")]
    if flagged.empty:
        return "All figures shown are final values from official tables."
    periods = sorted(flagged["period"].astype(str).unique())
    bases = sorted(flagged["basis"].unique()) if "basis" in flagged else []
    shown = periods if len(periods) <= 4 else periods[:2] + ["…"] + periods[-2:]
    return (f"Figures for {', '.join(shown)} are preliminary or not from a full table (basis: {', '.join(bases)}); "
            f"they may be revised.")


# --------------------------------------------------------------------------------------------
# key findings (the report's first screen)
# --------------------------------------------------------------------------------------------
def key_findings(k: metrics.KeyFigures, cross: metrics.Crossover, first_published_previous: float | None = None,
                 partners: Leaders | None = None) -> list[str]:
    """The report's answer in 3–5 sentences, each with its figure and period: total exports and growth, the
    leader's and rival's shares, the crossover, the surplus with the leader and, given the year's ``partners``
    (:func:`helpers.analysis.trade_pivot.trading_partners`), whether the largest market was also the largest
    trading partner. ``first_published_previous`` is the previous year's total as first published, so that a
    revised figure says so."""
    from helpers.text.format import money, money_unit, revision_note, share

    year, before = period_label(k.period), period_label(k.period - 1)
    unit = money_unit(k.exports, k.exports_previous, k.leader_balance)
    if _missing(k.growth_pct):
        growth = f"; the snapshot has no {before} total to compare with"
    else:
        growth = (f", {signed_pct(k.growth_pct)} on {before} ({money(k.exports_previous, unit)}"
                  f"{revision_note(k.exports_previous, first_published_previous, unit)})")
    found = [f"Taiwan's exports were {money(k.exports, unit)} in {year}{growth}."]
    found.append(f"{name(k.leader, True, True)} took {share(k.leader_share_pct)} of Taiwan's {year} exports and "
                 f"{name(k.rival, True)} {share(k.rival_share_pct)}"
                 + (f"; the largest single market was {name(k.largest, True)}." if k.largest != k.leader else "."))
    if cross.found and cross.leads_at_end:
        since = (f"for the first time since {period_label(cross.last_led)}" if cross.led_before else
                 f"for the first time in the data, which start in {period_label(cross.data_start)}")
        found.append(f"{name(k.leader, True, True)} overtook {name(k.rival, True)} as a destination of Taiwan's exports "
                     f"in {period_label(cross.period)}, {since}.")
    elif cross.data_end is not None:
        found.append(f"{name(k.leader, True, True)} was not ahead of {name(k.rival, True)} in Taiwan's exports in "
                     f"{period_label(cross.data_end)}.")
    if not _missing(k.leader_balance):
        found.append(f"Taiwan's {'surplus' if k.leader_balance >= 0 else 'deficit'} with {name(k.leader, True)} was "
                     f"{money(abs(k.leader_balance), unit)} in {year}.")
    if partners is not None and partners.leader["total"] is not None:
        found.append(verdict_finding(partners))
    return found


# --------------------------------------------------------------------------------------------
# chart words: axis labels, alt-text descriptions and panel headings of the report's charts
# --------------------------------------------------------------------------------------------
CONTRIBUTIONS_AXIS = "Contribution to growth of the total (percentage points)"
CONTRIBUTIONS_WHAT = "contributions to growth (percentage points)"
BALANCES_WHAT = "Taiwan's trade balance by partner (US$ billion)"
COMMODITIES_AXIS = "Exports (US$ billion)"
COMMODITIES_WHAT = "exports of {heading} to the world and to China + Hong Kong"
#: Legend labels of the mirror chart; the caption names each side's publisher (from the sources registry).
MIRROR_LABELS = {"usa": "US-reported imports", "taiwan": "Taiwan-reported exports", "ratio": "Ratio"}


def data_notes(annual: pd.DataFrame, partners: Sequence[str], start: int, end: int) -> str:
    """Which chosen partners have export figures when, and which figures shown are preliminary."""
    return coverage(annual, partners, "export") + " " + preliminary(metrics.years(annual, start, end))


def latest_shares_axis(period) -> str:
    return f"Share of Taiwan's exports in {period_label(period)} (%)"


def latest_shares_what(period) -> str:
    return f"shares of Taiwan's exports in {period_label(period)} (%)"


def shares_axis(flow: str) -> str:
    return f"Share of Taiwan's {flow_noun(flow)} (%)"


def shares_what(flow: str) -> str:
    return f"partner shares of Taiwan's {flow_noun(flow)} (%)"


def levels_what(flow: str) -> str:
    return f"Taiwan's {flow_noun(flow)} by partner (US$ billion)"


def growth_axis(flow: str) -> str:
    """Year-on-year change by partner: growth in % for exports and imports, change in US$ billion for balances."""
    return "Change on a year earlier (US$ billion)" if flow == "balance" else "Growth on a year earlier (%)"


def growth_what(flow: str) -> str:
    """The growth axis label as alt text says it ("growth on a year earlier (%)")."""
    axis = growth_axis(flow)
    return axis[0].lower() + axis[1:]


def balances_axis(rolling: bool = False) -> str:
    return f"Exports minus imports ({billions_unit(rolling)})"


def share_race(race, flow: str, rolling: bool = False) -> str:
    """:func:`crossover` of a :class:`helpers.analysis.trade_pivot.ShareRace`, with the release that announced it."""
    note = release_note(race.release) if race.release is not None else None
    return crossover(race.crossing, flow, race.pair, rolling, annual=race.annual_crossing, release_note=note)


def commodity_panels(goods) -> dict[str, pd.DataFrame]:
    """The panels of a :class:`helpers.analysis.trade_pivot.Commodities`, headed by product group and unit."""
    return {f"{goods.labels.get(code, code)} (US$ billion)": wide for code, wide in goods.panels.items()}


def mirror_panels(ratios: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The two panels of the mirror chart: both sides' figures (US$ billion) and their ratio."""
    return {"US-reported imports vs Taiwan-reported exports (US$ billion)": ratios[["usa", "taiwan"]] / 1e9,
            "Ratio: US-reported / Taiwan-reported": ratios[["ratio"]]}


def mirror_axes(rolling: bool = False) -> list[str]:
    return [billions_unit(rolling), "Ratio (1 = the two agree)"]
