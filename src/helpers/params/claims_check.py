"""Parameters of the claims_check notebook, validated: ``validate(**parameters) -> ClaimsCheckParams``."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from helpers.params.checks import check_partners, raise_if


@dataclass(frozen=True)
class ClaimsCheckParams:
    topics: tuple[str, ...]
    tolerance: float  # extra allowance, in units of the last digit of each stated figure


def check_tolerance(name: str, value) -> list[str]:
    """A finite number, zero or more."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        return [f"{name}: {value!r} must be a number, zero or more (units of the last digit of each stated figure; "
                "0 = within the rounding of the stated figure)"]
    return []


def validate(*, topics, tolerance, allowed_topics: Sequence[str] | None = None) -> ClaimsCheckParams:
    """Validate the ``claims_check`` notebook's parameters. ``topics`` come from the claims registry
    (``allowed_topics``, default the topics of ``data/claims.yaml``)."""
    if allowed_topics is None:
        from helpers.claims import load_registry

        allowed_topics = tuple(load_registry().topics)
    problems = check_partners("topics", topics, list(allowed_topics), what="topic")
    problems += check_tolerance("tolerance", tolerance)
    raise_if(problems)
    return ClaimsCheckParams(tuple(topics), float(tolerance))
