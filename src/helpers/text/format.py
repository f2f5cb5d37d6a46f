"""How every report writes numbers, money, percentages, partner names, periods and lists: one way each."""

from __future__ import annotations

import math
from typing import Mapping, Sequence

import pandas as pd

#: English display name of every partner, region and survey-location code of the snapshot.
NAMES = {
    "WLD": "World",
    "USA": "United States",
    "CHN": "China (mainland)",
    "HKG": "Hong Kong",
    "CHN+HKG": "China + Hong Kong",
    "JPN": "Japan",
    "KOR": "South Korea",
    "ASEAN": "ASEAN-10",
    "EUR": "Europe",
    "IND": "India",
    "MEX": "Mexico",
    "CAN": "Canada",
    "DEU": "Germany",
    "NLD": "Netherlands",
    "GBR": "United Kingdom",
    "FRA": "France",
    "ITA": "Italy",
    "ASIA": "Asia",
    "MIDEAST": "Middle East",
    "NAMERICA": "North America",
    "TWN": "Taiwan",
    "BRN": "Brunei",
    "KHM": "Cambodia",
    "IDN": "Indonesia",
    "LAO": "Laos",
    "MYS": "Malaysia",
    "MMR": "Myanmar",
    "PHL": "Philippines",
    "SGP": "Singapore",
    "THA": "Thailand",
    "VNM": "Vietnam",
    "EUR+USA": "Europe + US",
    "AMERICAS": "Americas (US, Mexico, Canada)",
    "OTHER": "Other",
    "ROW": "Rest of world",
}

#: Codes whose English name takes "the" in running text.
_THE = {"USA", "NLD", "GBR", "MIDEAST", "PHL", "AMERICAS"}
#: Names that read differently in running text than as a label ("exports to the rest of the world").
_IN_TEXT = {"WLD": "the world", "ROW": "the rest of the world"}

#: How many partners a list of names spells out before it counts the rest ("A, B … and 3 others").
LISTED_AT_MOST = 8


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


#: The publishers' money units and their size in US dollars.
USD_UNITS = {"USD billion": 1e9, "USD million": 1e6}


def _number(value: float, digits: int, signed: bool = False) -> str:
    """``value`` with thousands separators and a typographic minus ("−1,234.5"; "+0.2" when ``signed``)."""
    text = f"{abs(value):,.{digits}f}"
    return ("−" if value < 0 else "+" if signed else "") + text


def in_unit(number: str, unit: str) -> str:
    """A number already written out (with the digits its publisher gave), followed or preceded by its unit:
    "US$1,520 million", "−US$0.07 billion", "30.9%", "0.2 percentage points", "rank 4", "10,488 cases";
    years and ratios ("year", "times") stand alone."""
    if unit in ("USD billion", "USD million"):
        sign, digits = (number[0], number[1:]) if number[:1] in ("+", "−", "-") else ("", number)
        return f"{sign.replace('-', '−')}US${digits} {unit.split()[1]}"
    if unit == "percent":
        return f"{number}%"
    if unit == "percentage points":
        return f"{number} percentage points"
    if unit == "rank":
        return f"rank {number}"
    if unit in ("year", "times", ""):
        return number
    return f"{number} {unit}"


def amount(value: float, unit: str, digits: int | None = None) -> str:
    """A figure given in its publisher's unit, by default with the digits it was published with and, for money,
    in the largest unit it reaches: "US$48.7 billion", 27,900 (USD million) as "US$27.9 billion", "10,488 cases".
    ``digits`` fixes the decimals and keeps the unit as given ("−US$0.07 billion")."""
    if _missing(value):
        return "no figure"
    if digits is not None:
        return in_unit(_number(value, digits), unit)
    if unit in USD_UNITS:
        dollars = value * USD_UNITS[unit]
        word, scale = money_unit(dollars)
        # the published digits carry over to the larger unit (27,900 million is 27.9 billion), at most two decimals
        places = decimals(value, 6) + max(0, round(math.log10(scale / USD_UNITS[unit])))
        return money(dollars, (word, scale), most=min(places, 2))
    return in_unit(number(value, most=2), unit)


def amounts(values: Sequence[float], unit: str) -> list[str]:
    """Figures of one paragraph, all in one money unit: the largest unit the largest of them reaches, unless that
    would need more than two decimals for one of them; then the unit they were published in, so that no published
    digit is lost ("US$346.88 million … US$1,699.41 million"; "US$0.4 billion … US$27.9 billion")."""
    if unit not in USD_UNITS:
        return [amount(value, unit) for value in values]
    dollars = [value * USD_UNITS[unit] for value in values if not _missing(value)]
    word, scale = money_unit(*dollars)
    if any(decimals(value / scale, 6) > 2 for value in dollars):
        word, scale = unit.split()[1], USD_UNITS[unit]
    return [money(value * USD_UNITS[unit], (word, scale), most=2) for value in values]


def bn(value: float, most: int = 2) -> str:
    """US dollars in billions with the digits the figure carries, at most ``most`` decimals: "US$640.75 billion",
    "US$48.7 billion", "−US$20.6 billion"; one unit whatever the size, so a paragraph of them shares it."""
    return money(value, ("billion", 1e9), most)


def billions_unit(rolling: bool = False) -> str:
    """The unit of levels in charts: "US$ billion", or "US$ billion, 12-month sum" for rolling monthly sums."""
    return "US$ billion" + (", 12-month sum" if rolling else "")


def pct(value: float, most: int = 1) -> str:
    """A percentage with the digits it carries, at most ``most`` decimals (see :func:`share`)."""
    return share(value, most)


def signed_pct(value: float, most: int = 1) -> str:
    """A growth rate with its sign: "+34.9%", "−4.3%", "+0%"."""
    return "no figure" if _missing(value) else f"{_signed(value, most)}%"


def pp(value: float, most: int = 1) -> str:
    """A change of a share: "+4.2 percentage points", "−0.5 percentage points"."""
    return "no figure" if _missing(value) else f"{_signed(value, most)} percentage points"


def _signed(value: float, most: int) -> str:
    text = number(value, most)
    return text if text.startswith("−") else f"+{text}"


def name(code: str, article: bool = False, capital: bool = False, names: Mapping[str, str] | None = None) -> str:
    """Display name of a code ("the United States" with ``article``, "The …" with ``capital`` too); an
    unknown code stands for itself. ``names`` overrides entries of :data:`NAMES` where a dataset's
    grouping differs (e.g. the orders' ASEAN, whose member count changed)."""
    text = (names or {}).get(code) or NAMES.get(code, str(code))
    if article and code in _IN_TEXT and code not in (names or {}):
        text = _IN_TEXT[code]
        return text[0].upper() + text[1:] if capital else text
    if article and code in _THE:
        text = ("The " if capital else "the ") + text
    return text


def join(items: Sequence[str], at_most: int | None = None) -> str:
    """"A, B and C" ("none" for no item); past ``at_most`` items the rest are counted ("… and 3 others")."""
    items = list(items)
    if not items:
        return "none"
    if at_most and len(items) > at_most:
        items = items[:at_most - 1] + [f"{len(items) - at_most + 1} others"]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def names(codes: Sequence[str], article: bool = False, overrides: Mapping[str, str] | None = None) -> str:
    """"A, B and C" of the display names of ``codes`` (past :data:`LISTED_AT_MOST`, the rest counted)."""
    return join([name(code, article, names=overrides) for code in codes], LISTED_AT_MOST)


def period_label(period, rolling: bool = False) -> str:
    """"2025", "Aug 2025" or (for 12-month sums) "the 12 months to Aug 2025"; a span written
    "2024..2025" becomes "2024–2025"."""
    if isinstance(period, str) and ".." in period:
        first, _, last = period.partition("..")
        return f"{period_label(first, rolling)}–{period_label(last, rolling)}"
    period = period if isinstance(period, pd.Period) else pd.Period(str(period))
    if period.freqstr.startswith("M"):
        text = period.strftime("%b %Y")
        return f"the 12 months to {text}" if rolling else text
    return str(period)


def span(first, last, rolling: bool = False) -> str:
    """"2016–2025" ("Aug 2024–Aug 2025"), or one period's label when ``first`` and ``last`` are the same."""
    first, last = period_label(first, rolling), period_label(last, rolling)
    return first if first == last else f"{first}–{last}"


def periods(items, rolling: bool = False) -> str:
    """"2014, 2015 and 2020" (each period as :func:`period_label` writes it)."""
    return join([period_label(p, rolling) for p in items])


def year_ranges(years) -> str:
    """Years as short ranges in words: ``[2014, 2015, 2018, 2021]`` → ``"2014–2015, 2018 and 2021"`` ("" for none)."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return join([span(run[0], run[-1]) for run in runs]) if runs else ""


def unit_word(period) -> str:
    return "month" if str(getattr(period, "freqstr", "Y")).startswith("M") else "year"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def flow_noun(flow: str) -> str:
    return {"export": "exports", "import": "imports", "balance": "trade balance"}[flow]


def flow_to(flow: str) -> str:
    return {"export": "to", "import": "from", "balance": "with"}[flow]


def balance_phrase(value: float, most: int = 2) -> str:
    """"a surplus of US$150.12 billion" or "a deficit of …"."""
    if _missing(value):
        return "no figure"
    return f"a {'surplus' if value >= 0 else 'deficit'} of {bn(abs(value), most)}"


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
