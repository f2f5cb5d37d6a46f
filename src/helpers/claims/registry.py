"""The claims registry, ``data/claims.yaml``: published figures and how to compute each from the snapshot.

``load_registry()`` reads the file; ``parse(entry, topics)`` turns one entry into a :class:`Claim` or raises
:class:`ClaimDefinitionError` naming the claim, so that one bad entry never stops the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from helpers.snapshot import paths
from helpers.snapshot.yaml_document import read_yaml_mapping
from helpers.snapshot.yaml_schema import problems

REGISTRY_FILE = "claims.yaml"
# The form of an entry (required keys, units, periods, stated values) is in helpers/schemas/claims.schema.json.
REQUIRED_KEYS = ("id", "topic", "wording", "publisher", "published_in", "period", "stated", "unit", "check")


class ClaimDefinitionError(ValueError):
    """A claim's entry in the registry cannot be evaluated; the message names the claim."""

    def __init__(self, claim_id: str, problem: str):
        self.claim_id = claim_id
        super().__init__(f"claim {claim_id!r}: {problem}")


@dataclass(frozen=True)
class Claim:
    id: str
    topic: str
    wording: str
    publisher: str
    published_in: str
    period: str
    stated: str        # as published, e.g. "30.9": the text keeps the rounding
    unit: str
    check: dict = field(hash=False)
    explanation: str | None = None

    @property
    def stated_value(self) -> float:
        return float(self.stated)

    @property
    def last_digit(self) -> float:
        """Size of one unit of the stated value's last digit (0.1 for "30.9", 1 for "1999")."""
        decimals = len(self.stated.partition(".")[2])
        return 10.0 ** -decimals


@dataclass(frozen=True)
class Registry:
    topics: dict          # topic id -> title
    entries: list         # raw entries, parsed one by one with :func:`parse`


def default_path() -> Path:
    return paths.data_dir() / REGISTRY_FILE


def load_registry(path: Path | None = None) -> Registry:
    """Read the registry file; a file that cannot be read at all raises ``ValueError`` naming it."""
    path = Path(path or default_path())
    document = read_yaml_mapping(path, "claims registry")
    found = problems(document, "claims")
    if found:
        raise ValueError(f"claims registry {path.name} does not follow helpers/schemas/claims.schema.json: "
                         + "; ".join(found))
    return Registry(topics=dict(document["topics"]), entries=list(document["claims"]))


def entry_id(entry, number: int) -> str:
    """The id of a raw entry, or its position when it has none."""
    if isinstance(entry, dict) and isinstance(entry.get("id"), str) and entry["id"]:
        return entry["id"]
    return f"#{number}"


def parse(entry, topics: dict, number: int = 0) -> Claim:
    """One registry entry as a :class:`Claim`; raises :class:`ClaimDefinitionError` on any structural fault."""
    claim_id = entry_id(entry, number)
    if not isinstance(entry, dict):
        raise ClaimDefinitionError(claim_id, f"must be a mapping with {', '.join(REQUIRED_KEYS)}")
    found = problems(entry, "claims", "claim")
    if found:
        raise ClaimDefinitionError(claim_id, "; ".join(found))
    if entry["topic"] not in topics:
        raise ClaimDefinitionError(claim_id, f"unknown topic {entry['topic']!r}; topics: {', '.join(topics)}")
    return Claim(**{key: entry[key] for key in REQUIRED_KEYS}, explanation=entry.get("explanation"))


#: Units of a stated money value, and the factor to US dollars.
DOLLARS = {"USD billion": 1e9, "USD million": 1e6}


def first_published(registry: Registry, period, measure: str = "level", **check) -> float | None:
    """A figure as first published, in US dollars, where the registry records a claim that the snapshot now
    carries a revised value of: the claim's ``check`` has ``measure`` and every key of ``check``, its period is
    ``period`` and its explanation says the value was revised. None when the registry records no such claim."""
    for number, entry in enumerate(registry.entries):
        try:
            claim = parse(entry, registry.topics, number)
        except ClaimDefinitionError:
            continue  # reported by the claims check; not a first-published figure anyone can rely on
        if (claim.period == str(period) and claim.unit in DOLLARS and claim.check.get("measure") == measure
                and all(claim.check.get(key) == value for key, value in check.items())
                and "revised" in (claim.explanation or "")):
            return claim.stated_value * DOLLARS[claim.unit]
    return None
