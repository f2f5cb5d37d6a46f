"""Evaluate claims against the snapshot and classify each: confirmed, differs or not testable.

A claim is *confirmed* when |computed − stated| is at most half a unit of the stated value's last digit
(its rounding) plus ``tolerance`` such units; years and ranks must match exactly. Every result also says
what the check rests on (``basis``): official tables, a computation from published headlines, values derived
by the compiler, or — when the snapshot holds the claimed figure only as the same headline — ``headline``:
such a confirmation shows the transcription is faithful, not that independent data bear the figure out.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from helpers.claims.measures import Computation, NotTestable, compute
from helpers.claims.registry import Claim, ClaimDefinitionError, Registry, entry_id, parse

CONFIRMED, DIFFERS, NOT_TESTABLE, INVALID = "confirmed", "differs", "not testable", "invalid definition"
SAME_HEADLINE = "the snapshot holds this figure only as the same headline"
OTHER_HEADLINE = "the snapshot holds the compared figure only as a published headline"
# Notes name at most this many derivations; beyond that they give the count.
DERIVATIONS_LISTED = 2
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
    own = [text for text in texts if stated.search(text)]
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
    status = CONFIRMED if abs(difference) <= limit else DIFFERS  # NaN (no such event in the data) differs
    basis, basis_note = basis_of(claim, computation)
    if basis_note == SAME_HEADLINE and status == DIFFERS:
        basis_note = OTHER_HEADLINE
    note = "; ".join(text for text in (computation.note, basis_note) if text)
    sources = tuple(dict.fromkeys(computation.inputs["source"])) if "source" in computation.inputs else ()
    return Result(claim.id, claim, status, value, difference, basis, note, sources)


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
    return classify(claim, computation, tolerance)


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
