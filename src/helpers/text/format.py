"""How every report writes numbers, money, percentages, partner names, periods and lists: one way each."""

from __future__ import annotations

import math
from typing import Sequence

import pandas as pd

#: Codes whose English name takes "the" in running text.
_THE = {"USA", "NLD", "GBR", "MIDEAST", "PHL", "WLD", "ROW", "EUR+USA", "AMERICAS"}


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def bn(value: float, digits: int = 2) -> str:
    """US dollars as "US$640.75 billion" (negative values keep their sign)."""
    if _missing(value):
        return "no figure"
    sign = "−" if value < 0 else ""
    return f"{sign}US${abs(value) / 1e9:,.{digits}f} billion"


def pct(value: float, digits: int = 1) -> str:
    return "no figure" if _missing(value) else f"{value:.{digits}f}%"


def signed_pct(value: float, digits: int = 1) -> str:
    if _missing(value):
        return "no figure"
    return f"+{value:.{digits}f}%" if value >= 0 else f"−{abs(value):.{digits}f}%"


def pp(value: float, digits: int = 1) -> str:
    if _missing(value):
        return "no figure"
    return (f"+{value:.{digits}f}" if value >= 0 else f"−{abs(value):.{digits}f}") + " percentage points"


def name(code: str, article: bool = False, capital: bool = False) -> str:
    """Display name of a partner code ("the United States" with ``article``)."""
    from helpers.snapshot import partners

    try:
        text = partners.name(code)
    except KeyError:
        text = str(code)
    if article and code in _THE:
        text = ("The " if capital else "the ") + text
    return text


def names(codes: Sequence[str], article: bool = False) -> str:
    """"A, B and C"."""
    items = [name(c, article) for c in codes]
    if not items:
        return "none"
    if len(items) > 8:
        items = items[:7] + [f"{len(items) - 7} others"]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def period_label(period, rolling: bool = False) -> str:
    """"2025", "Aug 2025" or (for 12-month sums) "the 12 months to Aug 2025"."""
    period = period if isinstance(period, pd.Period) else pd.Period(str(period))
    if period.freqstr.startswith("M"):
        text = period.strftime("%b %Y")
        return f"the 12 months to {text}" if rolling else text
    return str(period)


def unit_word(period) -> str:
    return "month" if str(getattr(period, "freqstr", "Y")).startswith("M") else "year"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def flow_noun(flow: str) -> str:
    return {"export": "exports", "import": "imports", "balance": "trade balance"}[flow]


def flow_to(flow: str) -> str:
    return {"export": "to", "import": "from", "balance": "with"}[flow]


def balance_phrase(value: float, digits: int = 2) -> str:
    """"a surplus of US$150.12 billion" or "a deficit of …"."""
    if _missing(value):
        return "no figure"
    return f"a {'surplus' if value >= 0 else 'deficit'} of {bn(abs(value), digits)}"
