"""Parameters of the trade_pivot notebook, validated: ``validate(**parameters) -> TradePivotParams``."""

from __future__ import annotations

from dataclasses import dataclass

from helpers.params.checks import (
    FLOWS,
    FREQS,
    Bounds,
    check_bool,
    check_choice,
    check_disjoint,
    check_partners,
    check_years,
    raise_if,
    snapshot_bounds,
)


@dataclass(frozen=True)
class TradePivotParams:
    start_year: int
    end_year: int
    partners: tuple[str, ...]
    flow: str
    freq: str
    show_events: bool
    first_year: int  # first year in the snapshot
    last_year: int   # last year in the snapshot

    @property
    def share_flow(self) -> str:
        """Flow used for shares and the crossover: shares of a balance are not meaningful, so a
        ``balance`` run shows export shares."""
        return "export" if self.flow == "balance" else self.flow

    @property
    def freq_label(self) -> str:
        return FREQS[self.freq]


def validate(*, start_year, end_year, partners, flow, freq, show_events=True,
                bounds: Bounds | None = None) -> TradePivotParams:
    """Validate the ``trade_pivot`` notebook's parameters; ``end_year=None`` means the latest year.

    ``bounds`` defaults to what the snapshot holds (see :func:`snapshot_bounds`).
    """
    problems = check_choice("freq", freq, FREQS) + check_choice("flow", flow, FLOWS) + check_bool("show_events", show_events)
    if bounds is None:
        bounds = snapshot_bounds("A")
    end = bounds.last_year if end_year is None else end_year
    problems += check_years(start_year, end, bounds.first_year, bounds.last_year)
    problems += check_partners("partners", partners, bounds.partners)
    problems += check_disjoint("partners", partners)
    raise_if(problems)
    return TradePivotParams(start_year, end, tuple(partners), flow, freq, show_events,
                            bounds.first_year, bounds.last_year)
