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


# --------------------------------------------------------------------------------------------
# the published-precision policy: digits, units, ties, ranks, revisions
# --------------------------------------------------------------------------------------------
#: Money units, largest first: a figure is written in the largest unit it reaches (27.9 billion, not 27,900 million).
MONEY_UNITS = (("trillion", 1e12), ("billion", 1e9), ("million", 1e6))


def decimals(value: float, most: int) -> int:
    """The decimals ``value`` carries as published, at most ``most``: its shortest exact decimal form with
    trailing zeros dropped (48.70 → 1, 640.75 → 2, 474.995711 → ``most``)."""
    text = f"{abs(float(value)):.{most + 6}f}".rstrip("0")
    carried = len(text.split(".")[1]) if "." in text else 0
    return min(carried, most)


def number(value: float, most: int = 1) -> str:
    """``value`` with the digits it was published with, at most ``most`` decimals: 48.7, not 48.70;
    a minus sign, not a hyphen."""
    if _missing(value):
        return "no figure"
    places = decimals(value, most)
    text = f"{abs(value):,.{places}f}"
    return ("−" if round(value, places) < 0 else "") + text


def money_unit(*values: float) -> tuple[str, float]:
    """One unit for a paragraph: the largest unit that the largest of ``values`` reaches, so that every
    figure of the paragraph is written in it ("US$0.4 billion and US$27.9 billion", not a mix)."""
    known = [abs(v) for v in values if not _missing(v)]
    largest = max(known, default=0.0)
    return next(((word, scale) for word, scale in MONEY_UNITS if largest >= scale), MONEY_UNITS[-1])


def money(value: float, unit: tuple[str, float] | None = None, most: int = 2) -> str:
    """US dollars in ``unit`` (default: the largest it reaches, :func:`money_unit`) with the digits published,
    at most ``most`` decimals: "US$640.75 billion", "US$27.9 billion", "−US$20.6 billion"."""
    if _missing(value):
        return "no figure"
    word, scale = unit or money_unit(value)
    text = number(value / scale, most)
    return (f"−US${text[1:]}" if text.startswith("−") else f"US${text}") + f" {word}"


def share(value: float, most: int = 1) -> str:
    """A percentage with the digits published: "48.7%", "50%", "26.62%" only if ``most`` allows it."""
    return "no figure" if _missing(value) else f"{number(value, most)}%"


def tied(a: float, b: float, places: int) -> bool:
    """Whether two values are equal as written with ``places`` decimals: a reader cannot tell them apart,
    so neither ranks above the other (46.4553 and 46.4527 at one decimal)."""
    return not _missing(a) and not _missing(b) and round(a, places) == round(b, places)


def ranking(values: dict, places: int) -> list[list]:
    """Keys of ``values`` from the largest value down, grouped where the values are :func:`tied` at
    ``places`` decimals; missing values are left out."""
    groups: list[list] = []
    last = None
    for key, value in sorted(((k, v) for k, v in values.items() if not _missing(v)), key=lambda kv: -kv[1]):
        if groups and tied(value, last, places):
            groups[-1].append(key)
        else:
            groups.append([key])
            last = value
    return groups


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st."""
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rank_of(key, values: dict, places: int) -> str:
    """The rank of ``key`` among ``values`` (1st = largest), a tie at ``places`` decimals stated as such:
    "3rd", "joint 2nd with the United States"; "not ranked (no figure)" without a value."""
    position = 1
    for group in ranking(values, places):
        if key in group:
            others = [k for k in group if k != key]
            return f"joint {ordinal(position)} with {names(others, True)}" if others else ordinal(position)
        position += len(group)
    return "not ranked (no figure)"


def rank_range(ranks: pd.Series) -> str:
    """The best (smallest) and worst rank of a series of ranks over periods: "best rank 1st (2025), worst
    rank 12th (2011)"; the word "highest" is ambiguous for ranks and not used."""
    ranks = ranks.dropna()
    if ranks.empty:
        return "no rank"
    best, worst = ranks.idxmin(), ranks.idxmax()
    if ranks[best] == ranks[worst]:
        return f"rank {ordinal(ranks[best])} throughout"
    return (f"best rank {ordinal(ranks[best])} ({period_label(best)}), "
            f"worst rank {ordinal(ranks[worst])} ({period_label(worst)})")


def revision_note(value: float, first_published: float | None, unit: tuple[str, float] | None = None,
                  most: int = 2) -> str:
    """", revised from the first-published US$475.07 billion" when the figure shown differs, as written, from
    the first-published one; "" when they agree or no first-published figure is known."""
    if first_published is None or _missing(first_published) or _missing(value):
        return ""
    unit = unit or money_unit(value, first_published)
    if money(value, unit, most) == money(first_published, unit, most):
        return ""
    return f", revised from the first-published {money(first_published, unit, most)}"


def year_to_date_label(through) -> str:
    """The months January…``through`` of one year: "Jan–Aug 2025" ("Jan 2025" for January alone)."""
    through = through if isinstance(through, pd.Period) else pd.Period(str(through), "M")
    if through.month == 1:
        return through.strftime("%b %Y")
    return f"Jan–{through.strftime('%b %Y')}"
