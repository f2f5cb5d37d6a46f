"""Parameters of the japan_taiwan notebook, validated: ``validate(**parameters) -> JapanTaiwanParams``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from helpers import snapshot
from helpers.params.checks import (
    FREQS,
    NOT_PARTNERS,
    Bounds,
    check_choice,
    check_partners,
    check_years,
    raise_if,
    snapshot_bounds,
)


@lru_cache(maxsize=4)
def two_way_partners(freq: str = "A") -> tuple[str, ...]:
    """Partner codes with both exports and imports in the snapshot at ``freq`` (so that total trade
    and the balance exist for them)."""

    frame = snapshot.load("trade_by_partner", freq=freq)
    flows = frame.loc[frame["value_usd"].notna()].groupby("partner")["flow"].nunique()
    return tuple(sorted(set(flows.index[flows == 2]) - set(NOT_PARTNERS)))


@dataclass(frozen=True)
class JapanTaiwanParams:
    start_year: int
    end_year: int
    compare_with: tuple[str, ...]
    freq: str
    first_year: int
    last_year: int

    @property
    def freq_label(self) -> str:
        return FREQS[self.freq]


def validate(*, start_year, end_year, compare_with, freq, bounds: Bounds | None = None,
                 partners: Sequence[str] | None = None) -> JapanTaiwanParams:
    """Validate the ``japan_taiwan`` notebook's parameters; ``end_year=None`` means the latest year.

    ``compare_with`` lists the partners set beside Japan: codes with both exports and imports at
    ``freq`` (``partners``, default :func:`two_way_partners`), Japan itself excluded.
    """
    problems = check_choice("freq", freq, FREQS)
    data_freq = freq if not problems else "A"  # still check the other parameters against annual data
    if bounds is None:
        bounds = snapshot_bounds(data_freq)
    allowed = [p for p in (two_way_partners(data_freq) if partners is None else partners) if p != "JPN"]
    end = bounds.last_year if end_year is None else end_year
    problems += check_years(start_year, end, bounds.first_year, bounds.last_year)
    if isinstance(compare_with, (list, tuple)) and "JPN" in compare_with:
        problems.append("compare_with: JPN is Japan itself, always shown; list the partners to set beside it")
        compare_with = [code for code in compare_with if code != "JPN"]
    problems += check_partners("compare_with", compare_with, allowed)
    raise_if(problems)
    return JapanTaiwanParams(start_year, end, tuple(compare_with), freq, bounds.first_year, bounds.last_year)
