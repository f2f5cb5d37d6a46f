"""The claims check as readers see it: key findings that open with the material discrepancies, a summary
sentence, a section per claim that differs, a list of the claims confirmed after a revision or rounding (both
values shown), the table of all claims and a list of definitions that could not be evaluated. Every number comes
from the results."""

from __future__ import annotations

import math
from urllib.parse import urlparse

import pandas as pd

from helpers.claims.evaluate import CONFIRMED, DIFFERS, INVALID, NOT_TESTABLE, REVISED, Result
from helpers.claims.registry import Claim
from helpers.text.format import in_unit, period_label
from helpers.text.markdown import link, untrusted

EXACT_UNITS = ("year", "rank")
NO_VALUE = "—"
TABLE_TITLE = "Published claims checked against the data snapshot"


#: How a bounded claim ("Taiwan above 50%") reads before its figure.
BOUND_WORDS = {"above": "more than ", "below": "less than "}


def _bound(claim: Claim) -> str:
    return BOUND_WORDS.get(claim.check.get("bound"), "")


def _stated(claim: Claim) -> str:
    """The stated number as text, with a typographic minus: "−37.02"."""
    return claim.stated.replace("-", "−")


def stated_figure(claim: Claim) -> str:
    """The claim's figure as stated, with its unit and bound (text from claims.yaml, escaped): "more than 50%"."""
    return untrusted(_bound(claim) + in_unit(_stated(claim), claim.unit))


def decimals(claim: Claim) -> int:
    """Digits to show for a computed value: one more than the claim states, so the rounding is visible."""
    stated = len(claim.stated.partition(".")[2])
    return 0 if claim.unit in EXACT_UNITS else stated + 1


def number(value: float, digits: int, signed: bool = False) -> str:
    if value is None or math.isnan(value):
        return NO_VALUE
    text = f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"
    return text.replace("-", "−")


def where(url: str) -> str:
    """The site a claim was published on, e.g. "udn.com"."""
    host = urlparse(url).netloc
    return host[4:] if host.startswith("www.") else host or url


def frame(results: list[Result], topics: dict) -> pd.DataFrame:
    """One row per result with numeric values (for the CSV download and for checks)."""
    rows = []
    for result in results:
        claim = result.claim
        rows.append({
            "topic": topics.get(claim.topic, claim.topic) if claim else "",
            "id": result.id, "claim": claim.wording if claim else "", "publisher": claim.publisher if claim else "",
            "published_in": claim.published_in if claim else "", "period": claim.period if claim else "",
            "stated": claim.stated_value if claim else math.nan, "computed": result.computed,
            "difference": result.difference, "unit": claim.unit if claim else "", "status": result.status,
            "basis": result.basis, "note": result.note, "snapshot_sources": ", ".join(result.sources),
        })
    return pd.DataFrame(rows)


def table(results: list[Result], topics: dict) -> pd.DataFrame:
    """The readers' table: every claim with status, stated vs computed value and where it was published."""
    rows = []
    for result in results:
        claim = result.claim
        if claim is None:
            rows.append({"Topic": "", "Claim": result.id, "Status": result.status, "Note": result.note})
            continue
        digits = decimals(claim)
        rows.append({
            "Topic": topics.get(claim.topic, claim.topic), "Claim": claim.wording,
            "Published by": f"{claim.publisher} — {where(claim.published_in)}", "Period": period_label(claim.period),
            "Stated": _bound(claim) + _stated(claim), "Computed": number(result.computed, digits),
            "Difference": number(result.difference, digits, signed=True) if result.status in (DIFFERS, REVISED) else "",
            "Unit": claim.unit, "Status": result.status, "Basis": result.basis, "Note": result.note,
        })
    return pd.DataFrame(rows).fillna("")


def counts(results: list[Result]) -> dict:
    tally = {status: sum(r.status == status for r in results)
             for status in (CONFIRMED, REVISED, DIFFERS, NOT_TESTABLE, INVALID)}
    tally["same headline"] = sum(r.status == CONFIRMED and r.basis == "headline" for r in results)
    return tally


def summary(results: list[Result]) -> str:
    """One paragraph: how many claims were checked and how they came out."""
    tally = counts(results)
    text = (f"Of the {len(results)} published claims checked, **{tally[CONFIRMED]} are confirmed** by the data "
            f"within the rounding of the stated figure")
    if tally["same headline"]:
        text += (f" ({tally['same headline']} of them only against the same headline, which the snapshot holds as "
                 "published: that shows the figure was transcribed faithfully, not that independent data bear it out)")
    if tally[REVISED]:
        text += (f", **{tally[REVISED]} are confirmed after revision**: they match a figure the publisher first "
                 "published or restated, or the data rounded as the publisher rounded them")
    text += (f", **{tally[DIFFERS]} differ** from the data and **{tally[NOT_TESTABLE]} cannot be tested** with the "
             "snapshot.")
    if tally[INVALID]:
        text += f" {tally[INVALID]} claim definitions could not be evaluated; they are listed at the end."
    return text


def differs_sections(results: list[Result]) -> list[str]:
    """A short Markdown section per claim that differs, the most material first (see :func:`materiality`): stated
    vs computed, the note and the explanation (text from claims.yaml and the data goes in through :func:`untrusted`)."""
    sections = []
    for result in sorted((r for r in results if r.status == DIFFERS), key=materiality):
        claim = result.claim
        digits = decimals(claim)
        gap = "percentage points" if claim.unit == "percent" else claim.unit
        computed = in_unit(number(result.computed, digits), claim.unit) if not math.isnan(result.computed) \
            else "no such value"
        lines = [
            f"### {untrusted(claim.wording)}",
            f"*{untrusted(claim.publisher)}, {untrusted(period_label(claim.period))}* — "
            f"{link(where(claim.published_in), claim.published_in)}",
            "",
            f"Stated: **{stated_figure(claim)}**. Computed from the snapshot: "
            f"**{computed}**" + (f", a difference of {in_unit(number(result.difference, digits, signed=True), gap)}"
                                 if not math.isnan(result.difference) else "") + ".",
        ]
        if result.note:
            lines += ["", f"Basis of the check: {result.basis}; {untrusted(result.note)}."]
        explanation = untrusted(claim.explanation) if claim.explanation else "none — the difference is unexplained."
        lines += ["", f"**Explanation on record:** {explanation}"]
        sections.append("\n".join(lines))
    return sections


def differs(results: list[Result]) -> str:
    """The sections of every claim that differs, or a sentence saying that none does."""
    return "\n\n".join(differs_sections(results)) or "No claim in the selected topics differs from the data."


def revised(results: list[Result]) -> str:
    """A list item per claim confirmed after revision: the stated figure, the figure it matches and the
    snapshot's, with the note saying which release or rounding (text from claims.yaml goes in through
    :func:`untrusted`); a sentence when there is none."""
    items = []
    for result in (r for r in results if r.status == REVISED):
        claim = result.claim
        digits = decimals(claim)
        items.append(f"- **{untrusted(claim.wording)}** ({untrusted(claim.publisher)}): stated "
                     f"{stated_figure(claim)}, the snapshot "
                     f"{in_unit(number(result.computed, digits), claim.unit)} — {untrusted(result.note)}.")
    return "\n".join(items) or "No claim in the selected topics is confirmed only after a revision or rounding."


def invalid_section(results: list[Result]) -> str | None:
    """The definitions that could not be evaluated, each with its error (``None`` when there are none)."""
    errors = [r.note for r in results if r.status == INVALID]
    if not errors:
        return None
    return "### Claim definitions that could not be evaluated\n\n" + "\n".join(f"- {untrusted(error)}" for error in errors)


def sources(results: list[Result]) -> list[str]:
    """Registry source ids of every snapshot row the results rest on (first-seen order), for the caption."""
    return list(dict.fromkeys(source for result in results for source in result.sources))


# --------------------------------------------------------------------------------------------
# key findings (the report's first screen)
# --------------------------------------------------------------------------------------------
#: How many of the claims that differ the key findings quote, the most material first.
FINDINGS_QUOTED = 3


def materiality(result: Result) -> tuple:
    """Sort key, most material first: a claimed event, year or rank the data contradict, then the largest gap
    relative to the stated figure."""
    if math.isnan(result.difference) or result.claim.unit in EXACT_UNITS:
        return (0, 0.0)
    stated = abs(result.computed - result.difference)  # from the result: the stated text is not parsed here
    return (1, -abs(result.difference) / stated if stated else -math.inf)


def key_findings(results: list[Result]) -> list[str]:
    """The material discrepancies first (how many claims differ, then the most material of them stated against
    the data), then how the other published claims came out."""
    tally = counts(results)
    differing = [r for r in results if r.status == DIFFERS]
    if differing:
        verbs = ("differs", "is") if len(differing) == 1 else ("differ", "are")
        found = [f"{len(differing)} of {len(results)} published claims on Taiwan's trade {verbs[0]} from the data "
                 f"snapshot by more than the rounding of the stated figure and {verbs[1]} not explained by a revision."]
    else:
        found = [f"None of {len(results)} published claims on Taiwan's trade differs from the data snapshot."]
    for result in sorted(differing, key=materiality)[:FINDINGS_QUOTED]:
        claim = result.claim
        if math.isnan(result.computed):
            found.append(f"“{untrusted(claim.wording)}” ({untrusted(claim.publisher)}): the data contradict it — "
                         f"{untrusted(result.note.split('; ')[0])}.")
            continue
        found.append(f"“{untrusted(claim.wording)}” ({untrusted(claim.publisher)}): the data give "
                     f"{in_unit(number(result.computed, decimals(claim)), claim.unit)} against the stated "
                     f"{stated_figure(claim)}.")
    found.append(f"Of the rest: {tally[CONFIRMED]} confirmed, {tally[REVISED]} confirmed after a revision or rounding "
                 f"by the publisher, {tally[NOT_TESTABLE]} not testable.")
    if tally[INVALID]:
        found.append(f"{tally[INVALID]} claim definitions could not be evaluated.")
    return found
