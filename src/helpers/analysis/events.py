"""The project's documented list of dated policy events, for markers on time-series charts.

The list lives next to this module in ``events.yaml`` (date, precision, short chart label, full
description and where it was reported). Charts use :func:`load` (by default the events flagged
``marker: true``: 2018 US tariffs on China, 2020 pandemic, 2022 US CHIPS Act, 2025 US tariff on
Taiwan) and ``helpers.charts.draw.add_events`` draws them; notebooks switch them off with a parameter.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd
import yaml

from helpers.snapshot.yaml_schema import problems

EVENTS_FILE = Path(__file__).with_name("events.yaml")
COLUMNS = ["id", "date", "precision", "label", "event", "where_reported", "marker"]


@lru_cache(maxsize=1)
def _all() -> pd.DataFrame:
    return checked(yaml.safe_load(EVENTS_FILE.read_text(encoding="utf-8")), EVENTS_FILE)


def checked(document, path: Path) -> pd.DataFrame:
    """The events of a document that follows helpers/schemas/events.schema.json; every bad entry is named."""
    if not isinstance(document, dict) or not isinstance(document.get("events"), list):
        raise ValueError(f"{path} does not follow helpers/schemas/events.schema.json: "
                         + "; ".join(problems(document, "events")))
    bad = [f"event {entry.get('id', f'#{number}') if isinstance(entry, dict) else f'#{number}'}: {'; '.join(found)}"
           for number, entry in enumerate(document["events"], start=1) if (found := problems(entry, "events", "event"))]
    if bad:
        raise ValueError(f"{path} does not follow helpers/schemas/events.schema.json: " + "; ".join(bad))
    frame = pd.DataFrame(document["events"], columns=COLUMNS)
    if frame["id"].duplicated().any():
        raise ValueError(f"{path}: duplicated ids {frame.loc[frame['id'].duplicated(), 'id'].tolist()}")
    frame["date"] = pd.to_datetime(frame["date"].astype(str), format="mixed")
    frame["marker"] = frame["marker"].astype(bool)
    return frame[COLUMNS].sort_values("date").reset_index(drop=True)


def ids() -> list[str]:
    """Every event id in the list."""
    return _all()["id"].tolist()


def load(ids: Iterable[str] | None = None, start=None, end=None, markers_only: bool | None = None) -> pd.DataFrame:
    """Events as a frame (``date`` is a Timestamp), optionally limited to ``ids`` and to a date range.

    With neither ``ids`` nor ``markers_only`` given, the default chart markers are returned.
    ``start``/``end`` accept anything ``pandas.Timestamp`` does, or a year (int); ``end`` given as a
    year includes that whole year.
    """
    frame = _all()
    if ids is not None:
        ids = list(ids)
        unknown = sorted(set(ids) - set(frame["id"]))
        if unknown:
            raise KeyError(f"unknown event ids {unknown}; known: {', '.join(frame['id'])}")
        frame = frame.loc[frame["id"].isin(ids)]
    elif markers_only is None or markers_only:
        frame = frame.loc[frame["marker"]]
    if start is not None:
        frame = frame.loc[frame["date"] >= _timestamp(start, end_of_year=False)]
    if end is not None:
        frame = frame.loc[frame["date"] <= _timestamp(end, end_of_year=True)]
    return frame.reset_index(drop=True)


def _timestamp(value, end_of_year: bool) -> pd.Timestamp:
    if isinstance(value, int):
        return pd.Timestamp(year=value, month=12, day=31) if end_of_year else pd.Timestamp(year=value, month=1, day=1)
    if isinstance(value, pd.Period):
        return value.end_time if end_of_year else value.start_time
    return pd.Timestamp(value)
