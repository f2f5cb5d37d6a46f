"""The pivot_drivers report's sentences, chart titles and table headings, computed from
``helpers.analysis.pivot_drivers`` results."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from helpers.analysis.pivot_drivers import Leaders, ProductFinding
from helpers.text.format import money, name, names, pct, period_label, periods, signed_pct, span, year_to_date_label
from helpers.text.markdown import untrusted

#: What each measure of :data:`helpers.analysis.pivot_drivers.MEASURES` makes the leader.
ROLE = {"export": "largest export market", "import": "largest source of imports",
        "total": "largest trading partner in two-way trade", "balance": "largest source of surplus"}
#: The routes table writes every level in one unit, so that the column reads down.
BILLION = ("billion", 1e9)
# Axis labels of the report's charts.
LEVELS_AXIS = "US$ billion"
ROUTES_AXIS = "Exports, year to date, change on a year earlier (%)"
MONTH_SHARES_AXIS = "Share of Taiwan's exports (%)"
IC_SHARES_AXIS = "Share of Taiwan's integrated-circuit exports (%)"
#: What the integrated-circuit destination shares are shares of, in titles, sentences and alt text.
IC_WHAT = "integrated-circuit (HS 8542) exports"
#: Panel headings of the measures.
MEASURE_LABELS = {"export": "Exports", "import": "Imports", "total": "Two-way trade (exports + imports)",
                  "balance": "Balance (exports − imports)"}
#: Legend labels of the China mirror chart's series.
MIRROR_LABELS = {"china_reported": "Mainland China's reported imports from Taiwan",
                 "taiwan_to_chn_hkg": "Taiwan's reported exports to China + Hong Kong",
                 "taiwan_to_chn": "Taiwan's reported exports to mainland China"}
#: Datasets this report reads once the snapshot holds them, and what each would show.
PENDING = {"us_exports_by_product": "the published ICT & audio-visual share of exports to the United States"}


def _when(leaders: Leaders) -> str:
    p = leaders.period
    return year_to_date_label(p) if p.freqstr.startswith("M") else period_label(p)


def _pair(leaders: Leaders, measure: str) -> str:
    first = leaders.leader[measure]
    second = next(p for p in leaders.partners if p != first)
    return (f"{money(leaders.values[(measure, first)])} against {money(leaders.values[(measure, second)])} "
            f"for {name(second, True)}")


def leaders_sentence(leaders: Leaders) -> str:
    """What the partners led in one period, and which comparisons a missing figure prevents."""
    when = _when(leaders)
    by_partner: dict[str, list[str]] = {}
    for measure in ("export", "total", "balance"):
        if leaders.leader[measure] is not None:
            by_partner.setdefault(leaders.leader[measure], []).append(
                f"the {ROLE[measure]} ({_pair(leaders, measure)})")
    parts = [f"{name(p, True)} was Taiwan's " + ", and ".join(roles).removeprefix("the ")
             for p, roles in by_partner.items()]
    text = f"In {when}, " + "; ".join(parts) + "." if parts else f"In {when} no partner can be compared."
    blocked = [m for m in ("export", "total", "balance") if leaders.leader[m] is None]
    if blocked:
        lacking = sorted({p for m in blocked for p in leaders.missing[m]})
        text += (f" The snapshot has no {when} import figure for {names(lacking, True)}, so the "
                 f"{' and the '.join(ROLE[m] for m in blocked)} cannot be named for {when}.")
    return text


def verdict(full_year: Leaders, year_to_date: Leaders | None = None) -> str:
    """The answer to "export market or trading partner?" from the full year, or, where a figure is missing
    there, from the year to date as well (saying which months)."""
    text = leaders_sentence(full_year)
    basis = full_year
    if full_year.leader["total"] is None and year_to_date is not None:
        text += " " + leaders_sentence(year_to_date)
        basis = year_to_date
    market, partner = basis.leader["export"], basis.leader["total"]
    if market is None or partner is None:
        return text
    if market == partner:
        return text + (f" **Verdict:** in {_when(basis)} {name(market, True)} was both the largest export market "
                       "and the largest trading partner.")
    return text + (f" **Verdict:** in {_when(basis)} {name(market, True)} was the largest export market but "
                   f"{name(partner, True)} was still the largest trading partner, because Taiwan imports far more "
                   f"from it ({_pair(basis, 'import')}).")


def verdict_title(full_year: Leaders, year_to_date: Leaders | None = None) -> str:
    basis = full_year if full_year.leader["total"] is not None or year_to_date is None else year_to_date
    market, partner = basis.leader["export"], basis.leader["total"]
    if market is None:
        return f"Taiwan's trade with {names(basis.partners, True)}"
    if partner is None or partner == market:
        return f"{name(market, True, True)} was Taiwan's largest export market in {_when(basis)}"
    return (f"{name(market, True, True)} was Taiwan's largest export market in {_when(basis)}, but two-way trade "
            f"with {name(partner, True)} was larger")


def verdict_finding(full_year: Leaders, year_to_date: Leaders | None = None) -> str:
    """The verdict as a key finding, with the two-way trade figures it rests on and whether they are derived."""
    basis = full_year if full_year.leader["total"] is not None or year_to_date is None else year_to_date
    market, partner = basis.leader["export"], basis.leader["total"]
    text = verdict_title(full_year, year_to_date)
    if market is None or partner is None:
        return text + "."
    text += " and its largest trading partner" if partner == market else ""
    text += f": {_pair(basis, 'total')} in two-way trade"
    if any(("total", p) in basis.derived for p in basis.partners):
        text += " (imports derived from other published figures)"
    return text + "."


# --------------------------------------------------------------------------------------------
# 2. products
# --------------------------------------------------------------------------------------------
def _in_text(label: str) -> str:
    """A product label inside a sentence: "Electronic components" → "electronic components" (acronyms kept)."""
    return label[0].lower() + label[1:] if label[1:2].islower() else label


def _bound(share: float) -> str:
    return "mainly to" if share > 50 else "mainly away from"


def product_title(finding: ProductFinding, labels: Mapping[str, str]) -> str:
    hi, lo = finding.most_hub_bound, finding.least_hub_bound
    when = period_label(finding.period, rolling=finding.period.freqstr.startswith("M"))
    return (f"In {when}, {_in_text(labels[hi])} went {_bound(finding.hub_share[hi])} {name(finding.hub, True)} "
            f"({pct(finding.hub_share[hi])}), {_in_text(labels[lo])} {_bound(finding.hub_share[lo])} it "
            f"({pct(finding.hub_share[lo])})")


def product_reading(findings: Sequence[ProductFinding], labels: Mapping[str, str]) -> str:
    """The hub's share of each product in each period given, and what the difference says."""
    sentences = []
    for f in findings:
        when = period_label(f.period, rolling=f.period.freqstr.startswith("M"))
        shares = "; ".join(f"{pct(f.hub_share[c])} of {untrusted(_in_text(labels[c]))} ({money(f.hub_value[c])})" for c in f.hub_share)
        sentences.append(f"In {when}, {name(f.hub, True)} took {shares}.")
    last = findings[-1]
    hi, lo = last.most_hub_bound, last.least_hub_bound
    gap = last.hub_share[hi] - last.hub_share[lo]
    sentences.append(f"The share of {untrusted(_in_text(labels[hi]))} going to {name(last.hub, True)} was {gap:.1f} "
                     f"percentage points above that of {untrusted(_in_text(labels[lo]))}: the two product groups travel "
                     "to different places.")
    return " ".join(sentences)


def not_in_snapshot(datasets: Sequence[str]) -> str:
    """Says which of the :data:`PENDING` figures the snapshot (whose dataset names are ``datasets``) does not
    hold yet; nothing if it holds them all."""
    descriptions = [what for dataset, what in PENDING.items() if dataset not in datasets]
    if not descriptions:
        return ""
    return ("The snapshot does not hold " + "; nor ".join(descriptions) +
            ". This section shows them once they are added; nothing is estimated in their place.")


def destination_title(shares_wide: pd.DataFrame, what: str) -> str:
    """Title for a wide frame of destination shares (%), e.g. of integrated circuits."""
    held = shares_wide.dropna(how="any")  # a destination without a share could be the largest
    if held.empty:
        return f"Shares of Taiwan's {what} by destination"
    last = held.index[-1]
    top = held.loc[last].idxmax()
    return f"{name(top, True, True)} took the largest share of Taiwan's {what} in {published_period(str(last))} ({pct(shares_wide.loc[last, top])})"


def published_period(label: str) -> str:
    """"2018", "Aug 2025", or a run of months from January, "2025-01..2025-11", as "Jan–Nov 2025" (a label
    already in words is kept)."""
    if ".." in label:
        return year_to_date_label(label.split("..")[1])
    return period_label(label) if len(label) == 7 else label


def us_product_share_reading(products: pd.DataFrame, product: str = "ict_av") -> str:
    """The published shares of one product group in Taiwan's exports to the United States, as published, each
    with its period and status (a secondary source is said to be one)."""
    rows = products.loc[(products["product"] == product) & products["share_pct"].notna()]
    if rows.empty:
        return ""
    items = [f"{pct(r.share_pct)} in {untrusted(published_period(str(r.period)))}"
             + (" (secondary source)" if r.status == "secondary" else " (preliminary)" if r.status == "preliminary" else "")
             for r in rows.itertuples()]
    label = untrusted(_in_text(str(rows["product_label"].iloc[0])))  # from the CSV
    return f"Share of {label} in Taiwan's exports to the United States, as published: " + "; ".join(items) + "."


def destination_reading(shares_wide: pd.DataFrame, what: str, hubs: Sequence[str]) -> str:
    """Each destination's share of ``what`` in the first and the latest period held, and the ``hubs``' combined
    share (e.g. integrated circuits to China + Hong Kong and ASEAN, the Asian assembly hubs)."""
    held = shares_wide.dropna(how="any")
    if held.empty:
        return f"No period has a share for every destination of {what}."
    first, last = held.index[0], held.index[-1]
    when_first, when_last = published_period(str(first)), published_period(str(last))
    parts = [f"{name(code, True)} {pct(held.loc[first, code])} → {pct(held.loc[last, code])}" for code in held.columns]
    together = held[list(hubs)].sum(axis=1)
    return (f"Shares of Taiwan's {what}, {when_first} → {when_last}: " + "; ".join(parts) + ". "
            f"{names(hubs, True)} together took {pct(together[last])} in {when_last} "
            f"({pct(together[first])} in {when_first}): {what} went {_bound(together[last])} them.")


# --------------------------------------------------------------------------------------------
# 3. routes
# --------------------------------------------------------------------------------------------
def routes_table(years: pd.DataFrame, year_to_date: pd.DataFrame, year: int) -> pd.DataFrame:
    """One row per partner: the full year ``year`` (level, growth, share) and its latest year-to-date window."""
    full = years.loc[years["period"].map(lambda p: p.year) == year].set_index("partner")
    ytd = year_to_date.set_index("partner")
    rows = []
    for partner in ytd.index.union(full.index):
        row = {"Partner": name(partner)}
        if partner in full.index:
            f = full.loc[partner]
            row.update({f"Exports {year}": money(f["value_usd"], BILLION, 3), f"Growth {year}": signed_pct(f["growth_pct"]),
                        f"Share {year}": pct(f["share_pct"], 2)})
        if partner in ytd.index:
            y = ytd.loc[partner]
            row.update({"Year to date": year_to_date_label(y["through"]), "Exports, year to date": money(y["value_usd"], BILLION, 3),
                        "Growth on a year earlier": signed_pct(y["growth_pct"]), "Share, year to date": pct(y["share_pct"], 2)})
        rows.append(row)
    return pd.DataFrame(rows).fillna("no figure")


def routes_title(year_to_date: pd.DataFrame, flagged: Sequence[str]) -> str:
    if not flagged:
        return "Exports to the chosen destinations, year to date against a year earlier"
    row = year_to_date.set_index("partner").loc[flagged[0]]
    return (f"Exports to {name(flagged[0], True)} grew fastest of the larger destinations: "
            f"{signed_pct(row['growth_pct'])} in {year_to_date_label(row['through'])} on a year earlier")


def routes_reading(year_to_date: pd.DataFrame, flagged: Sequence[str], min_share_pct: float) -> str:
    """The fastest growers of the year to date (among destinations taking at least ``min_share_pct`` of
    Taiwan's exports), each with its window, level and growth."""
    among = f"destinations taking at least {pct(min_share_pct, 2)} of Taiwan's exports"
    if not flagged:
        return f"None of the {among} has a year-to-date figure to compare with a year earlier."
    ytd = year_to_date.set_index("partner")
    items = [f"{name(p, True)} ({signed_pct(ytd.loc[p, 'growth_pct'])} in {year_to_date_label(ytd.loc[p, 'through'])}, "
             f"to {money(ytd.loc[p, 'value_usd'])})" for p in flagged]
    windows = sorted({year_to_date_label(t) for t in ytd["through"]})
    text = f"Fastest-growing of the {among}, on a year earlier: " + "; ".join(items) + "."
    if len(windows) > 1:
        text += (" The windows differ by partner (" + ", ".join(windows) + "), as the monthly figures held do: "
                 "compare growth rates with that in mind.")
    return text


# --------------------------------------------------------------------------------------------
# 4. latest months
# --------------------------------------------------------------------------------------------
def latest_month_reading(latest: pd.DataFrame, total: str = "WLD") -> str:
    """Exports in each partner's latest month against the same month a year earlier (the total first)."""
    def item(row) -> str:
        return (f"{money(row.value_usd)} ({signed_pct(row.growth_pct)} on {period_label(row.period - 12)}"
                + ("" if row.period == first.period else f"; latest month {period_label(row.period)}") + ")")
    rows = latest.set_index("partner", drop=False)
    first = next(rows.loc[[total]].itertuples()) if total in rows.index else next(rows.itertuples())
    others = rows.drop(index=[total], errors="ignore").sort_values("value_usd", ascending=False)
    text = f"In {period_label(first.period)}, Taiwan exported {item(first)}"
    if total not in rows.index:
        text = f"In {period_label(first.period)}, Taiwan exported to {name(first.partner, True)} {item(first)}"
        others = others.drop(index=[first.partner])
    parts = [f"to {name(r.partner, True)} {item(r)}" for r in others.itertuples()]
    return text + (": " + "; ".join(parts) if parts else "") + "."


def year_to_date_reading(ytd: pd.DataFrame, total: str = "WLD") -> str:
    """Exports by partner over the year to date against the same months a year earlier (the total first)."""
    through = ytd["through"].iloc[0]
    rows = ytd.set_index("partner", drop=False)
    text = f"In {year_to_date_label(through)}, against {year_to_date_label(through - 12)}, Taiwan exported "
    parts = [f"{money(r.value_usd)} ({signed_pct(r.growth_pct)})" for r in rows.loc[rows.index == total].itertuples()]
    others = rows.drop(index=[total], errors="ignore").sort_values("value_usd", ascending=False)
    parts += [f"to {name(r.partner, True)} {money(r.value_usd)} ({signed_pct(r.growth_pct)})" for r in others.itertuples()]
    return text + "; ".join(parts) + "."


def _runs(leaders: pd.Series) -> list[tuple[str, pd.Period, pd.Period]]:
    runs: list[list] = []
    for period, code in leaders.items():
        if runs and runs[-1][0] == code and runs[-1][2] == period - 1:
            runs[-1][2] = period
        else:
            runs.append([code, period, period])
    return [tuple(r) for r in runs]


def month_leaders_reading(leaders: pd.Series) -> str:
    """Who led each run of months; months without both shares are named as such."""
    runs = _runs(leaders)
    parts = [(f"{name(code, True)} ahead" if code else "no share for one of them") + f" in {span(a, b)}"
             for code, a, b in runs]
    text = "Larger share of Taiwan's exports, month by month: " + "; ".join(parts) + "."
    led = [run for run in runs if run[0]]
    if led:
        code, first, last = led[-1]
        text += f" In the latest month with both shares, {period_label(last)}, {name(code, True)} was on top"
        if first != last:
            text += f", as it had been since {period_label(first)}"
        elif len(led) > 1:
            before, _, until = led[-2]
            text += (f", as it was in {period_label(until)}" if before == code else
                     f", after {name(before, True)} in {period_label(until)}")
        text += "."
    return text


def month_leaders_title(leaders: pd.Series, shares: pd.DataFrame | None = None) -> str:
    """Who took the larger share in the latest run of months; with the monthly ``shares`` (months × partners, %),
    the two shares of the run's last month."""
    led = [run for run in _runs(leaders) if run[0]]
    if not led:
        return "Shares of Taiwan's exports by month: no month with both shares"
    code, first, last = led[-1]
    text = f"{name(code, True, True)} took the larger share of Taiwan's exports in {span(first, last)}"
    if shares is None:
        return text
    other = next(column for column in shares.columns if column != code)
    return (text + f" ({pct(shares.loc[last, code])} against {pct(shares.loc[last, other])} for {name(other, True)}"
            + (f" in {period_label(last)})" if first != last else ")"))


def published_year_to_date_reading(published: pd.DataFrame, total: str = "WLD") -> str:
    """The latest year-to-date figures the Ministry of Finance's releases published, as published (no figure:
    nothing said)."""
    if published.empty:
        return ""
    parts = []
    for row in published.sort_values("value_usd", ascending=False, na_position="last").itertuples():
        what = "Taiwan's exports" if row.partner == total else f"exports to {name(row.partner, True)}"
        figures = [money(row.value_usd) if pd.notna(row.value_usd) else "",
                   f"{signed_pct(row.yoy_pct)} on a year earlier" if pd.notna(row.yoy_pct) else "",
                   f"{pct(row.share_pct)} of exports" if pd.notna(row.share_pct) else ""]
        parts.append(f"{what} in {year_to_date_label(row.through)}: " + ", ".join(f for f in figures if f))
    return "As published in the Ministry of Finance's latest releases (preliminary): " + "; ".join(parts) + "."


# --------------------------------------------------------------------------------------------
# 5. China mirror
# --------------------------------------------------------------------------------------------
def mirror_reading(frame: pd.DataFrame) -> str:
    """China-reported imports against Taiwan-reported exports: the latest year against China + Hong Kong, the
    latest year against mainland China alone where that is earlier, the ratio's range and the years missing."""
    last = frame.dropna(subset=["ratio_chn_hkg"]).iloc[-1]
    text = (f"In {period_label(last['period'])} mainland China's customs reported imports from Taiwan of "
            f"{money(last['china_reported'])}{' (preliminary)' if last['preliminary'] else ''}: "
            f"{last['ratio_chn_hkg']:.2f} times Taiwan's reported exports to China + Hong Kong "
            f"({money(last['taiwan_to_chn_hkg'])})")
    alone = frame.dropna(subset=["ratio_chn"])
    if alone.empty:
        text += "."
    elif alone["period"].iloc[-1] == last["period"]:
        text += (f" and {last['ratio_chn']:.2f} times its exports to mainland China alone "
                 f"({money(last['taiwan_to_chn'])}).")
    else:
        row = alone.iloc[-1]
        text += (f". Taiwan's exports to mainland China alone are not in the snapshot for "
                 f"{period_label(last['period'])}; in {period_label(row['period'])}, the latest year with both, China "
                 f"reported {row['ratio_chn']:.2f} times them ({money(row['china_reported'])} against "
                 f"{money(row['taiwan_to_chn'])}).")
    span = frame["ratio_chn_hkg"].dropna()
    first = frame["period"].iloc[0]
    text += (f" Over {period_label(first)}–{period_label(last['period'])} the ratio to exports to China + Hong Kong "
             f"ranged from {span.min():.2f} to {span.max():.2f}.")
    missing = list(frame.loc[frame["china_reported"].isna(), "period"])
    if missing:
        text += f" The snapshot holds no China-reported figure for {periods(missing)}."
    return text


def mirror_title(frame: pd.DataFrame) -> str:
    last = frame.dropna(subset=["ratio_chn_hkg"]).iloc[-1]
    return (f"In {period_label(last['period'])} mainland China reported {last['ratio_chn_hkg']:.2f} times the imports "
            f"from Taiwan that Taiwan reported exporting to China + Hong Kong")


# --------------------------------------------------------------------------------------------
# key findings
# --------------------------------------------------------------------------------------------
def key_findings(full_year: Leaders, year_to_date: Leaders | None, product: ProductFinding, labels: Mapping[str, str],
                 routes: pd.DataFrame, flagged: Sequence[str], leaders: pd.Series, mirror: pd.DataFrame,
                 shares: pd.DataFrame | None = None) -> list[str]:
    """One sentence per section: the verdict, the products, the fastest route, the latest month, the mirror."""
    found = [verdict_finding(full_year, year_to_date)]
    found.append(untrusted(product_title(product, labels)) + ".")  # the title is plain text with file labels
    if flagged:
        found.append(routes_title(routes, flagged) + ".")
    if len(leaders.dropna()):
        found.append(month_leaders_title(leaders, shares) + ".")
    if len(mirror.dropna(subset=["ratio_chn_hkg"])):
        found.append(mirror_title(mirror) + ".")
    return found
