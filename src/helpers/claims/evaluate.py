"""Evaluate claims against the snapshot and classify each: confirmed, confirmed after revision, differs or not
testable.

A claim is *confirmed* when |computed − stated| is at most half a unit of the stated value's last digit
(its rounding) plus ``tolerance`` such units; years and ranks must match exactly. A bounded claim
(``check: bound: above`` for "above 50%", ``below``) is confirmed when the computed figure lies beyond the bound.
A claim that misses that mark is *confirmed after revision* when the gap is only the publisher's revision or
rounding: the stated figure matches the same figure in another MOF release the ``trade_releases`` dataset holds
(first published or restated), or the claim says the publisher rounded it (``check: rounded_to``, e.g. 10 for
"about half") and the computed figure rounds to it. Both values are kept: ``computed`` is the snapshot's,
``published`` the other. Every result also says what the check rests on (``basis``): official tables, a
computation from published headlines, values derived by the compiler, or — when the snapshot holds the claimed
figure only as the same headline — ``headline``:
such a confirmation shows the transcription is faithful, not that independent data bear the figure out.
"""

from __future__ import annotations

import math
import operator
import re
from dataclasses import dataclass, replace

from helpers.claims.measures import Computation, NotTestable, compute
from helpers.claims.registry import DOLLARS, Claim, ClaimDefinitionError, Registry, entry_id, parse

CONFIRMED, DIFFERS, NOT_TESTABLE, INVALID = "confirmed", "differs", "not testable", "invalid definition"
REVISED = "confirmed after revision"
#: The dataset of MOF releases as published, one row per release, with its first-published and restated figures.
RELEASES = "trade_releases"
#: The ``trade_releases`` flow that holds each measure's figure, where the releases publish it.
RELEASED_FLOW = {"balance": "balance", "level": None}
SAME_HEADLINE = "the snapshot holds this figure only as the same headline"
OTHER_HEADLINE = "the snapshot holds the compared figure only as a published headline"
# Notes name at most this many derivations; beyond that they give the count.
DERIVATIONS_LISTED = 2
#: Bounded claims: the computed figure must be strictly beyond the stated one.
BOUNDS = {"above": operator.gt, "below": operator.lt}
# Room for floating-point noise when a computed value sits exactly on a rounding boundary.
FLOAT_SLACK = 1e-9


@dataclass(frozen=True)
class Result:
    id: str
    claim: Claim | None      # None when the entry could not be read as a claim
    status: str
    computed: float = math.nan
    difference: float = math.nan  # computed − stated, in the claim's unit
    basis: str = ""          # table | computed from headlines | derived | headline
    note: str = ""           # what the computation covers, why it is not testable, or the definition error
    sources: tuple = ()      # registry source ids of the snapshot rows used
    published: float = math.nan  # confirmed after revision: the release's or the rounded figure the claim matches


def allowance(claim: Claim, tolerance: float, exact: bool) -> float:
    """Largest |computed − stated| that still confirms the claim."""
    return claim.last_digit * (0.5 + (0 if exact else tolerance))


def derivations(inputs) -> list[str]:
    derived = inputs.loc[inputs["basis"] == "derived"]
    column = "derivation" if "derivation" in derived.columns else "note"
    return [str(text) for text in derived[column] if str(text).strip()] if column in derived.columns else []


def basis_of(claim: Claim, computation: Computation) -> tuple[str, str]:
    """What the computed value rests on, and a note for the reader when that limits the check."""
    inputs = computation.inputs
    bases = set(inputs["basis"])
    texts = derivations(inputs)
    stated = re.compile(rf"(?<![\d.]){re.escape(claim.stated)}(?!\d)")
    # A rank or a year is never a published headline an input could be derived from ("1" is in many formulas).
    own = [text for text in texts if stated.search(text)] if claim.unit not in ("rank", "year") else []
    if own:
        return "headline", f"{SAME_HEADLINE}: an input is derived from it ({'; '.join(own)})"
    if bases == {"headline"} and len(inputs) == 1:
        return "headline", SAME_HEADLINE
    if "derived" in bases:
        if len(texts) > DERIVATIONS_LISTED:
            return "derived", f"rests on {len(texts)} values derived from a stated level and change"
        return "derived", f"rests on values derived from a stated level and change ({'; '.join(texts)})"
    if bases == {"table"}:
        return "table", ""
    return "computed from headlines", ""


def classify(claim: Claim, computation: Computation, tolerance: float = 0.0) -> Result:
    value = computation.value
    difference = value - claim.stated_value
    limit = allowance(claim, tolerance, computation.exact) + FLOAT_SLACK * max(1.0, abs(claim.stated_value))
    bound = BOUNDS.get(claim.check.get("bound"))
    within = bound(value, claim.stated_value) if bound else abs(difference) <= limit
    status = CONFIRMED if within else DIFFERS  # NaN (no such event in the data) differs
    basis, basis_note = basis_of(claim, computation)
    if basis_note == SAME_HEADLINE and status == DIFFERS:
        basis_note = OTHER_HEADLINE
    note = "; ".join(text for text in (computation.note, basis_note) if text)
    sources = tuple(dict.fromkeys(computation.inputs["source"])) if "source" in computation.inputs else ()
    return Result(claim.id, claim, status, value, difference, basis, note, sources)


def released_figures(claim: Claim, frames) -> list[tuple[float, str]]:
    """The claim's figure as each MOF release in ``trade_releases`` published it (in the claim's unit), with the
    release month; empty when the claim is not a trade_by_partner level or balance the releases carry."""
    check, releases = claim.check, frames.get(RELEASES)
    measure = check.get("measure")
    if releases is None or check.get("dataset") != "trade_by_partner" or measure not in RELEASED_FLOW:
        return []
    if check.get("sign", "surplus") != "surplus" or claim.unit not in DOLLARS:
        return []
    flow = RELEASED_FLOW[measure] or check.get("flow")
    if not isinstance(flow, str) or not isinstance(check.get("partner"), str):
        return []
    rows = releases.loc[(releases["period"].astype(str) == claim.period) & (releases["flow"] == flow)
                        & (releases["partner"] == check["partner"]) & releases["value_usd"].notna()]
    if "commodity" in rows.columns:
        rows = rows.loc[rows["commodity"] == "total"]
    return [(value / DOLLARS[claim.unit], str(release)) for value, release in zip(rows["value_usd"], rows["release"])]


def rounded_figure(claim: Claim, computed: float) -> float:
    """The computed figure rounded as the claim says its publisher rounded it (``check: rounded_to``)."""
    step = claim.check.get("rounded_to")
    if isinstance(step, bool) or not isinstance(step, (int, float)) or step <= 0:
        raise ClaimDefinitionError(claim.id, f"rounded_to must be a positive number, not {step!r}")
    return round(computed / step) * step


def after_revision(claim: Claim, result: Result, frames, tolerance: float) -> Result:
    """``result`` (a claim that differs) as confirmed after revision when only a revision or the publisher's
    rounding separates the stated figure from the snapshot's; otherwise ``result`` unchanged."""
    if math.isnan(result.computed):
        return result
    limit = allowance(claim, tolerance, exact=False) + FLOAT_SLACK * max(1.0, abs(claim.stated_value))
    for value, release in released_figures(claim, frames):
        if abs(value - claim.stated_value) <= limit:
            note = (f"the stated figure is the one MOF's {release} release published ({value:g}); the snapshot "
                    f"carries {result.computed:g}, the figure as later revised or restated")
            return replace(result, status=REVISED, published=value, note="; ".join(filter(None, (note, result.note))))
    if "rounded_to" in claim.check:
        rounded = rounded_figure(claim, result.computed)
        if abs(rounded - claim.stated_value) <= limit:
            note = (f"the publisher rounded the figure to the nearest {claim.check['rounded_to']:g}: the snapshot's "
                    f"{result.computed:g} rounds to {rounded:g}")
            return replace(result, status=REVISED, published=rounded, note="; ".join(filter(None, (note, result.note))))
    return result


def evaluate(claim: Claim, frames, tolerance: float = 0.0) -> Result:
    """One claim's result; problems with the claim become its status, never an exception."""
    try:
        computation = compute(claim, frames)
    except NotTestable as reason:
        return Result(claim.id, claim, NOT_TESTABLE, note=str(reason))
    except ClaimDefinitionError as error:
        return Result(claim.id, claim, INVALID, note=str(error))
    except (ValueError, KeyError, TypeError) as error:
        return Result(claim.id, claim, INVALID, note=f"claim {claim.id!r}: cannot be evaluated: {error}")
    result = classify(claim, computation, tolerance)
    if result.status != DIFFERS:
        return result
    try:
        return after_revision(claim, result, frames, tolerance)
    except ClaimDefinitionError as error:
        return Result(claim.id, claim, INVALID, note=str(error))


def evaluate_all(registry: Registry, frames, topics=None, tolerance: float = 0.0) -> list[Result]:
    """Every claim of ``registry`` (of the given ``topics``; default all), in registry order.

    An entry that cannot be read as a claim is returned with status ``invalid definition`` whatever its topic,
    so that a broken entry is never silently skipped."""
    if tolerance < 0:
        raise ValueError(f"tolerance must be zero or more, not {tolerance}")
    results, seen = [], set()
    for number, entry in enumerate(registry.entries, start=1):
        claim_id = entry_id(entry, number)
        try:
            claim = parse(entry, registry.topics, number)
            if claim.id in seen:
                raise ClaimDefinitionError(claim.id, "the id is used by an earlier claim")
        except ClaimDefinitionError as error:
            results.append(Result(claim_id, None, INVALID, note=str(error)))
            continue
        seen.add(claim.id)
        if topics is None or claim.topic in topics:
            results.append(evaluate(claim, frames, tolerance))
    return results
