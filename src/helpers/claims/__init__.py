"""Claims check: published headline figures about Taiwan's trade, tested against the data snapshot.

``registry`` reads ``data/claims.yaml``; ``measures`` computes each claim's figure with ``helpers.analysis.metrics``;
``evaluate`` classifies the claims; ``present`` turns the results into the report's table and text.
"""

from helpers.claims.evaluate import CONFIRMED, DIFFERS, INVALID, NOT_TESTABLE, REVISED, Result, evaluate, evaluate_all
from helpers.claims.registry import Claim, ClaimDefinitionError, first_published, load_registry

__all__ = ["CONFIRMED", "DIFFERS", "INVALID", "NOT_TESTABLE", "REVISED", "Claim", "ClaimDefinitionError", "Result", "evaluate",
           "evaluate_all", "first_published", "load_registry"]
