"""The data-currency line every report shows under its key findings: how recent the data are, which
figures are preliminary, and when the report was built — computed from the frames the report reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Mapping

import pandas as pd

#: Bases that mean "taken from a release's text, not from a full table" (see data/README.md).
HEADLINE_BASES = {"headline", "derived"}


@dataclass(frozen=True)
class Currency:
    text: str                # the sentence shown to readers
    monthly_to: str | None   # latest month used, ISO ("2025-08"); None when the report reads no monthly data
    annual_to: str | None    # latest year used ("2025"); None when it reads no annual data
    built: str               # build date, ISO

    @property
    def data_to(self) -> str:
        """"August 2025 (monthly), 2025 (annual)": what an index shows."""
        parts = [f"{when(pd.Period(self.monthly_to, freq='M'))} (monthly)" if self.monthly_to else "",
                 f"{self.annual_to} (annual)" if self.annual_to else ""]
        return ", ".join(p for p in parts if p) or "no dated data"


def periods(frame: pd.DataFrame) -> pd.Series:
    """The frame's periods as pandas Periods; labels that are not one period ("to end-2018") are dropped."""
    column = frame["period"]
    if isinstance(column.dtype, pd.PeriodDtype):
        return column
    parsed = []
    for label in column.astype(str):
        try:
            parsed.append(pd.Period(label))
        except ValueError:
            parsed.append(None)
    return pd.Series(parsed, index=frame.index, dtype=object).dropna()


def monthly(period: pd.Period) -> bool:
    return period.freqstr.startswith("M")


def when(period: pd.Period) -> str:
    """"August 2025" or "2025"."""
    return period.strftime("%B %Y") if monthly(period) else str(period.year)


def data_currency(frames: Mapping[str, pd.DataFrame], built: date | None = None) -> Currency:
    """The data-currency line for ``frames`` (a reader's name of each dataset → the rows the report uses),
    e.g. "Monthly trade data to August 2025 (June to August 2025 preliminary); annual trade data to 2025
    (2025 figures: release headlines of the Ministry of Finance, R.O.C. (Taiwan), preliminary). Built 27 Nov 2026."
    """
    built = built or datetime.now(timezone.utc).date()
    parts, ends = [], []
    for label, frame in frames.items():
        found = periods(frame)
        months = [p for p in found if monthly(p)]
        years = [p for p in found if not monthly(p)]
        if not months and not years:
            parts.append(f"{label}: none")
            continue
        ends += [max(months)] if months else []
        ends += [max(years)] if years else []
        if years and months and max(months).end_time > max(years).end_time:
            years = []  # the months run further: say only where they end
        text = f"{label} to {when(max(years) if years else max(months))}"
        if years and months:
            text += f" (single months to {when(max(months))})"
        rows = frame.loc[found.index]
        parts.append(text + preliminary_note(rows, found) + secondary_note(rows, found))
    text = "; ".join(parts) + f". Built {built.day} {built:%b %Y}."
    months, years = [p for p in ends if monthly(p)], [p for p in ends if not monthly(p)]
    return Currency(text=text[0].upper() + text[1:], monthly_to=str(max(months)) if months else None,
                    annual_to=str(max(years)) if years else None, built=built.isoformat())


def span(marked: list) -> str:
    """"June to August 2025", "December 2024 to February 2025", "2024 and 2025"."""
    first, last = marked[0], marked[-1]
    if len(marked) == 1:
        return when(first)
    if monthly(first) and first.year == last.year:
        return f"{first.strftime('%B')} to {when(last)}"
    return f"{when(first)} to {when(last)}" if monthly(first) or len(marked) > 2 else f"{when(first)} and {when(last)}"


def preliminary_note(frame: pd.DataFrame, found: pd.Series) -> str:
    """" (2025 figures: release headlines of the Ministry of Finance, preliminary)" or " (June to August 2025
    preliminary)"; "" when nothing in ``frame`` is preliminary."""
    if "status" not in frame.columns:
        return ""
    flagged = frame["status"] == "preliminary"
    if not flagged.any():
        return ""
    marked = span(sorted(set(found[flagged]), key=lambda p: p.end_time))
    bases = set(frame.loc[flagged, "basis"]) if "basis" in frame.columns else set()
    if bases and bases <= HEADLINE_BASES and "source" in frame.columns:
        from helpers.snapshot import registry

        who = " and ".join(registry.publishers(frame.loc[flagged, "source"].unique()))
        return f" ({marked} figures: release headlines of the {who}, preliminary)"
    return f" ({marked} preliminary)"


def secondary_note(frame: pd.DataFrame, found: pd.Series) -> str:
    """" (2025 figures: secondary source only)" where rows of ``frame`` are known only from secondary material."""
    if "status" not in frame.columns or not (frame["status"] == "secondary").any():
        return ""
    marked = span(sorted(set(found[frame["status"] == "secondary"]), key=lambda p: p.end_time))
    return f" ({marked} figures: secondary source only)"


def months_behind(data_to: str | None, built: str | date) -> int | None:
    """Whole months between the latest month of data and the build date (None without monthly data)."""
    if not data_to:
        return None
    month = pd.Period(data_to, freq="M")
    build_month = pd.Period(pd.Timestamp(built), freq="M")
    return (build_month - month).n
