"""The partner_profile report's sentences and chart titles, computed from results."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from helpers.analysis import metrics
from helpers.analysis.partner_profile import YearSoFar
from helpers.text import trade_pivot
from helpers.text.format import (
    _missing,
    balance_phrase,
    bn,
    flow_noun,
    money,
    name,
    pct,
    period_label,
    plural,
    pp,
    signed_pct,
    year_to_date_label,
)
from helpers.text.markdown import untrusted


# --------------------------------------------------------------------------------------------
# partner profile
# --------------------------------------------------------------------------------------------
def profile_overview(flows: pd.DataFrame, partner: str, end_year: int | None = None) -> str:
    """``flows``: wide frame (periods × export/import/balance, US dollars) for one partner; with
    ``end_year``, says so when the partner's latest figure is for an earlier year."""
    exports = flows["export"].dropna() if "export" in flows else pd.Series(dtype=float)
    if exports.empty:
        return f"The snapshot has no export figures for {name(partner, True)} in the selected years."
    last = exports.index[-1]
    text = ""
    if end_year is not None and last.year < end_year:
        text = f"The snapshot has no {end_year} figure for {name(partner, True)}; its latest year is {last}. "
    text += f"In {period_label(last)}, Taiwan exported {bn(exports.iloc[-1])} to {name(partner, True)}"
    if len(exports) > 1 and exports.index[-2] == last - 1:
        text += f" ({signed_pct((exports.iloc[-1] / exports.iloc[-2] - 1) * 100)} on {period_label(last - 1)})"
    imports = flows["import"].get(last, float("nan")) if "import" in flows else float("nan")
    balance = flows["balance"].get(last, float("nan")) if "balance" in flows else float("nan")
    if _missing(imports):
        latest_import = flows["import"].dropna() if "import" in flows else pd.Series(dtype=float)
        text += (f"; there is no {period_label(last)} import figure, so no balance" +
                 (f" (latest: imports {bn(latest_import.iloc[-1])} and {balance_phrase(flows['balance'].dropna().iloc[-1])}"
                  f" in {period_label(latest_import.index[-1])})" if not latest_import.empty else "") + ".")
    else:
        text += f", imported {bn(imports)} and ran {balance_phrase(balance)}."
    if len(exports) > 1:
        text += (f" Exports in {period_label(last)} were {exports.iloc[-1] / exports.iloc[0]:.1f} times their "
                 f"{period_label(exports.index[0])} level.")
    return text


def profile_overview_title(flows: pd.DataFrame, partner: str) -> str:
    balance = flows["balance"].dropna() if "balance" in flows else pd.Series(dtype=float)
    if balance.empty:
        return f"Taiwan's trade with {name(partner, True)}"
    kind = "surplus" if balance.iloc[-1] >= 0 else "deficit"
    return (f"Taiwan ran a {kind} of {bn(abs(balance.iloc[-1]), 1)} with {name(partner, True)} in "
            f"{period_label(balance.index[-1])}, against {balance_phrase(balance.iloc[0], 1)} in "
            f"{period_label(balance.index[0])}")


def profile_shares(shares: pd.DataFrame, partner: str) -> str:
    """``shares``: wide frame (periods × export/import) of the partner's share of Taiwan's trade (%)."""
    parts = []
    for flow in ("export", "import"):
        s = shares[flow].dropna() if flow in shares else pd.Series(dtype=float)
        if s.empty:
            parts.append(f"no figures for {flow_noun(flow)}")
            continue
        parts.append(f"{pct(s.iloc[-1])} of {flow_noun(flow)} in {period_label(s.index[-1])} (from {pct(s.iloc[0])} in "
                     f"{period_label(s.index[0])}; highest {pct(s.max())} in {period_label(s.idxmax())})")
    return f"{name(partner, True, True)} took " + "; and ".join(parts) + "."


def profile_shares_title(shares: pd.DataFrame, partner: str) -> str:
    s = shares["export"].dropna() if "export" in shares else pd.Series(dtype=float)
    if s.empty:
        return f"{name(partner, True, True)}'s share of Taiwan's trade"
    direction = "rose" if s.iloc[-1] >= s.iloc[0] else "fell"
    return (f"{name(partner, True, True)}'s share of Taiwan's exports {direction} from {pct(s.iloc[0])} in "
            f"{period_label(s.index[0])} to {pct(s.iloc[-1])} in {period_label(s.index[-1])}")


def profile_contributions(contrib: pd.Series, total: pd.Series, partner: str) -> str:
    """``contrib``/``total``: the partner's contribution (pp) and total export growth (%) by period."""
    c = contrib.dropna()
    if c.empty:
        return f"No contribution to export growth can be computed for {name(partner, True)} in the selected years."
    last = c.index[-1]
    best, worst = c.idxmax(), c.idxmin()
    text = (f"In {period_label(last)}, exports to {name(partner, True)} contributed {pp(c.iloc[-1])} to Taiwan's total "
            f"export growth of {signed_pct(total.get(last, float('nan')))}. The largest contribution in the years shown "
            f"was {pp(c[best])} ({period_label(best)}), the most negative {pp(c[worst])} ({period_label(worst)}).")
    negative = int((c < 0).sum())
    if negative:
        text += f" The contribution was negative in {plural(negative, 'year')} of {len(c)}."
    return text


def profile_contributions_title(contrib: pd.Series, partner: str) -> str:
    c = contrib.dropna()
    if c.empty:
        return f"Contributions of {name(partner, True)} to Taiwan's export growth"
    best = c.idxmax()
    return (f"{name(partner, True, True)} added most to Taiwan's export growth in {period_label(best)}: "
            f"{pp(c[best])}")


def top_commodities(values: pd.Series, labels: Mapping[str, str], partner: str, period, total: float) -> str:
    """``values``: exports by commodity group to the partner in ``period`` (US dollars, largest first)."""
    if values.empty:
        return (f"The snapshot has no exports by product group to {name(partner, True)}: the Ministry's release "
                f"tables give product groups only for exports to the world and to China + Hong Kong.")
    parts = [f"{untrusted(labels.get(code, code))} {bn(v, 1)} ({pct(v / total * 100)})" for code, v in values.head(5).items()]
    return (f"Largest product groups of Taiwan's exports to {name(partner, True)} in {period_label(period)} "
            f"(share of all exports to it): " + "; ".join(parts) + ".")


def profile_contributions_alt(contrib: pd.Series, partner: str) -> str:
    """Alt text of the bar chart of a partner's contribution to export growth, year by year."""
    c = contrib.dropna()
    if c.empty:
        return f"Bar chart of contributions of {name(partner, True)} to Taiwan's export growth: no data."
    items = "; ".join(f"{period_label(p)} {v:+.1f}" for p, v in c.items())
    return (f"Bar chart of the contribution of {name(partner, True)} to Taiwan's export growth, in percentage points, "
            f"by year: {items}.")


# --------------------------------------------------------------------------------------------
# key findings (the report's first screen)
# --------------------------------------------------------------------------------------------
def key_findings(flows: pd.DataFrame, shares: pd.DataFrame, partner: str, so_far: YearSoFar | None = None
                 ) -> list[str]:
    """The year to date where the latest year has no full-year figure (``so_far``), the partner's latest full-year
    exports (and growth), its share of Taiwan's exports, and the latest balance, each with its period.
    ``flows``: periods × export/import/balance (US dollars); ``shares``: periods × export/import (%)."""
    from helpers.text.format import money, money_unit, share

    who = name(partner, True)
    exports = flows["export"].dropna() if "export" in flows else pd.Series(dtype=float)
    balance = flows["balance"].dropna() if "balance" in flows else pd.Series(dtype=float)
    if exports.empty:
        return [f"The snapshot has no figure for Taiwan's exports to {who} in the years shown."]
    unit = money_unit(exports.iloc[-1], *(balance.iloc[-1:]))
    last = exports.index[-1]
    text = f"Taiwan exported {money(exports.iloc[-1], unit)} to {who} in {period_label(last)}"
    if len(exports) > 1 and exports.index[-2] == last - 1:
        text += f", {signed_pct((exports.iloc[-1] / exports.iloc[-2] - 1) * 100)} on {period_label(last - 1)}"
    latest = year_to_date_finding(so_far, partner) if so_far is not None else None
    found = [latest, text + "."] if latest else [text + "."]  # the most recent figure first
    export_share = shares["export"].dropna() if "export" in shares else pd.Series(dtype=float)
    if not export_share.empty:
        text = (f"{name(partner, True, True)} took {share(export_share.iloc[-1])} of Taiwan's exports in "
                f"{period_label(export_share.index[-1])}")
        if len(export_share) > 1:
            text += f", against {share(export_share.iloc[0])} in {period_label(export_share.index[0])}"
        found.append(text + ".")
    if balance.empty:
        found.append(f"The snapshot has no import figures for {who}, so no balance.")
    else:
        when = balance.index[-1]
        note = "" if when == last else f" (the latest year with both flows: {period_label(last)} has no import figure)"
        found.append(f"Taiwan ran a {'surplus' if balance.iloc[-1] >= 0 else 'deficit'} of "
                     f"{money(abs(balance.iloc[-1]), unit)} with {who} in {period_label(when)}{note}.")
    return found


def profile_year_to_date(so_far: YearSoFar, partner: str) -> str:
    """Where the snapshot lacks a full-year figure for ``partner`` (``so_far.missing`` flows of ``so_far.year``):
    its year to date from the monthly figures, saying which months; or that there is none. Empty when nothing is
    missing."""
    if not so_far.missing:
        return ""
    year = so_far.year
    lacking = (f"no full-year {year} "
               f"{' or '.join(f[:-1] if f.endswith('s') else f for f in map(flow_noun, so_far.missing))} figure")
    if so_far.to_date is None:
        return f"The snapshot has {lacking} for {name(partner, True)}, and no monthly figures for {year} either."
    flows = so_far.to_date.set_index("flow")
    through = flows["through"].iloc[0]
    window, before = year_to_date_label(through), year_to_date_label(through - 12)
    parts = [f"{flow_noun(flow)} {money(flows.loc[flow, 'value_usd'])} ({signed_pct(flows.loc[flow, 'growth_pct'])} on "
             f"{before})" for flow in ("export", "import")]
    balance = flows.loc["export", "value_usd"] - flows.loc["import", "value_usd"]
    return (f"The snapshot has {lacking} for {name(partner, True)}, but its monthly figures cover {window} "
            f"({plural(int(flows['months'].iloc[0]), 'month')}): " + ", ".join(parts) + f", {balance_phrase(balance)}.")


def year_to_date_finding(so_far: YearSoFar, partner: str) -> str | None:
    """The key finding for a year without a full-year figure: exports in the months held and their growth."""
    if so_far.to_date is None:
        return None
    exports = so_far.to_date.set_index("flow").loc["export"]
    window, before = year_to_date_label(exports["through"]), year_to_date_label(exports["through"] - 12)
    return (f"No full-year {so_far.year} figure yet: in {window} Taiwan exported {money(exports['value_usd'])} to "
            f"{name(partner, True)}, {signed_pct(exports['growth_pct'])} on {before} (monthly figures).")


def currency_frames(trade: pd.DataFrame, so_far: YearSoFar) -> dict:
    """The frames the report's data-currency line covers, by the name readers see."""
    frames = {"annual trade data": trade}
    if len(so_far.rows):
        frames["monthly trade data"] = so_far.rows
    return frames


# --------------------------------------------------------------------------------------------
# chart words: legend labels, axis labels and alt-text descriptions of the report's charts
# --------------------------------------------------------------------------------------------
OVERVIEW_AXIS = "US$ billion"
OVERVIEW_ALT_LABELS = {"export": "exports", "import": "imports", "balance": "balance"}
SHARES_AXIS = "Share of Taiwan's total (%)"
SHARES_LABELS = {"export": "Share of exports", "import": "Share of imports"}
CONTRIBUTIONS_AXIS = "Contribution to export growth (percentage points)"


def data_notes(annual: pd.DataFrame, partner: str, start: int, end: int) -> str:
    """Which years the partner's exports and imports cover, and which figures shown are preliminary."""
    rows = metrics.years(metrics.select(annual, partner=partner), start, end)
    return " ".join([trade_pivot.coverage(annual, [partner], "export"), trade_pivot.coverage(annual, [partner], "import"),
                     trade_pivot.preliminary(rows)])


def flow_labels(partner: str) -> dict[str, str]:
    who = name(partner, True)
    return {"export": f"Exports to {who}", "import": f"Imports from {who}", "balance": "Balance"}


def overview_what(partner: str) -> str:
    return f"Taiwan's trade with {name(partner, True)} (US$ billion)"


def shares_what(partner: str) -> str:
    return f"{name(partner, True)}'s share of Taiwan's exports and imports (%)"


def goods_title(top: pd.Series, labels: Mapping[str, str], partner: str, period) -> str:
    """The largest product group of Taiwan's exports to ``partner`` in ``period`` (``top``: largest first)."""
    return f"{labels[top.index[0]]} led Taiwan's exports to {name(partner, True)} in {period_label(period)}"


def goods_axis(period) -> str:
    return f"Exports in {period_label(period)} (US$ billion)"


def goods_what(partner: str, period) -> str:
    return f"Taiwan's exports to {name(partner, True)} by product group in {period_label(period)} (US$ billion)"
