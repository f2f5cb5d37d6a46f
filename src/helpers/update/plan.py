"""One module per official publisher (``mof``, ``census``, ``moea``): which files to download and how to
turn them into the snapshot's format.

Each module exposes ``NAME`` (the ``--source`` name), ``SOURCE_ID`` (its id in ``data/sources.yaml``),
``URLS`` (the official files), ``MAX_BYTES`` (the largest download accepted per file) and ``plan(bodies, data_dir) -> Plan``: given the downloaded bodies by URL
and the current snapshot, the snapshot file it would write (or none) and what it found.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


class SourceError(Exception):
    """A downloaded file cannot be used. The message names the file and the rule it breaks."""


@dataclass
class Plan:
    dataset: str | None  # the snapshot dataset to replace, e.g. "trade_by_partner"; None: check only
    frame: pd.DataFrame | None  # its new content, text columns in the snapshot's order
    findings: list[str] = field(default_factory=list)  # lines for the change report
