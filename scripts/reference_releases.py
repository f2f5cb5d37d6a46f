"""Headline figures of the official releases of September 2025 to February 2026, as the reference collection
holds them (`releases_2025-09_2026-02/published_figures_2025-09_2026-02.csv`, PROVENANCE.md §12), read into
the snapshot's codes. Used by `import_reference.py` only.

Every row of a topic this module reads is either placed or skipped for a stated reason: a metric it does not
know stops the import, so a new row in the collection is never silently dropped.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

RELEASES_FILE = "releases_2025-09_2026-02/published_figures_2025-09_2026-02.csv"
SECONDARY_MARK = "(secondary)"

# metric -> (flow, partner, commodity). Growth rates are the same metric with "_yoy" appended.
TRADE_LEVELS = {
    "exports_total": ("export", "WLD", "total"), "imports_total": ("import", "WLD", "total"),
    "trade_surplus_total": ("balance", "WLD", "total"),
    "exports_to_US": ("export", "USA", "total"), "exports_to_China_HK": ("export", "CHN+HKG", "total"),
    "exports_to_ASEAN": ("export", "ASEAN", "total"), "exports_to_Europe": ("export", "EUR", "total"),
    "exports_to_Japan": ("export", "JPN", "total"),
    "imports_from_US": ("import", "USA", "total"), "imports_from_China_HK": ("import", "CHN+HKG", "total"),
    "trade_surplus_with_US": ("balance", "USA", "total"), "trade_surplus_with_US_precise": ("balance", "USA", "total"),
    "trade_surplus_with_ASEAN": ("balance", "ASEAN", "total"),
    "trade_deficit_with_South_Korea": ("balance", "KOR", "total"),
    "trade_total_with_US": ("two_way", "USA", "total"), "total_trade_with_US": ("two_way", "USA", "total"),
    "trade_total_with_China_HK": ("two_way", "CHN+HKG", "total"),
    "total_trade_with_China_HK": ("two_way", "CHN+HKG", "total"),
    "exports_electronic_components": ("export", "WLD", "electronic_components"),
    "exports_ICT_AV": ("export", "WLD", "ict_av"),
    "exports_integrated_circuits": ("export", "WLD", "integrated_circuits"),
}
SHARES = {"share_of_exports_US": "USA", "share_of_exports_China_HK": "CHN+HKG", "share_of_exports_ASEAN": "ASEAN"}
DEFICITS = {"trade_deficit_with_South_Korea"}  # published as a positive deficit; stored as a negative balance
COMMODITY_LABELS = {"electronic_components": "Electronic components", "ict_av": "ICT & audio-visual products",
                    "integrated_circuits": "Integrated circuits"}

# Rows of the trade topics deliberately not carried, and why.
SKIPPED_TRADE_METRICS = {
    # derived in the collection from figures the snapshot holds; the snapshot derives what it needs itself
    "imports_from_ASEAN": "derived: exports minus surplus; already in trade_by_partner",
    "trade_surplus_with_China_HK": "derived from a derived import figure",
    # interpretations, not figures: the analysis computes them from the two-way totals and balances
    "US_overtakes_China_HK_total_trade": "a flag, not a figure", "US_largest_surplus_source": "a flag, not a figure",
    # the sum of two figures the snapshot holds (exports 640.75 + imports 483.61), quoted by another ministry
    "trade_total": "equals exports plus imports already held",
    # sums of the HS 8542 customs file, which the snapshot holds as ic_exports_by_destination
    "exports_integrated_circuits_HS8542_to_US": "sum of the HS 8542 file held as ic_exports_by_destination",
}
TRADE_TOPICS = ("trade_by_partner", "trade_by_commodity")
# Exports to the US by product (their own dataset: us_exports_by_product).
PRODUCT_METRICS = {
    "exports_to_US_ICT_AV_share": "ict_av", "exports_to_US_ADP_equipment_and_parts": "adp_machines_and_parts",
    "exports_to_US_integrated_circuits": "integrated_circuits", "exports_to_US_ADP_machines_and_units": "adp_machines_and_units",
    "exports_to_US_computer_parts": "computer_parts", "exports_to_US_phones_switches_routers": "phones_switches_routers",
    "exports_to_US_vehicle_parts": "vehicle_parts",
}
PRODUCT_LABELS = {
    "ict_av": "ICT & audio-visual products", "adp_machines_and_parts": "Automatic data-processing machines and parts",
    "integrated_circuits": "Integrated circuits", "adp_machines_and_units": "Automatic data-processing machines and units",
    "computer_parts": "Computer parts", "phones_switches_routers": "Phones, switches and routers",
    "vehicle_parts": "Vehicle parts",
}
# Partner-reported trade with Taiwan (mirror): metric -> (reporter, flow, source id).
MIRROR_LEVELS = {
    "china_imports_from_taiwan": ("CHN", "import", "gacc_release_2025_annual"),
    "china_exports_to_taiwan": ("CHN", "export", "gacc_release_2025_annual"),
    "us_imports_from_taiwan": ("USA", "import", "us_commerce_release_2025_12"),
}
SKIPPED_MIRROR_METRICS = {
    "china_imports_from_taiwan_yoy": "a growth rate: the mirror dataset holds levels (China's 2024 figure is not held)",
    "us_imports_from_china": "US trade with China, not with Taiwan",
    "us_total_trade_with_taiwan": "Jan-Oct 2025 two-way total: the sum of Census months the snapshot holds",
}
MIRROR_TOPICS = ("mirror_china_customs", "mirror_us_census")
# The release a 2024 figure was published in (all other periods: the month after the period ends).
RELEASE_OF_2024 = {("trade_surplus_with_US", 64.9): "2025-01", ("trade_surplus_with_US_yoy", 83.5): "2025-01"}
LAST_FINAL_MONTH = "2025-05"


def read(ref: Path) -> pd.DataFrame:
    figures = pd.read_csv(ref / RELEASES_FILE, dtype={"period": str, "value": str})
    figures["secondary"] = figures.publisher.str.endswith(SECONDARY_MARK)
    return figures


def last_month(period: str) -> str:
    """The last month a period covers: "2025-09", "2025-01..2025-09", "2025Q3" or "2025"."""
    end = period.split("..")[-1]
    if "Q" in end:
        year, quarter = end.split("Q")
        return f"{year}-{int(quarter) * 3:02d}"
    return end if len(end) == 7 else f"{end}-12"


def release_month(period: str) -> str:
    """MOF publishes a month's trade early in the following month."""
    return str(pd.Period(last_month(period), freq="M") + 1)


def status_of(period: str) -> str:
    return "final" if last_month(period) <= LAST_FINAL_MONTH else "preliminary"


def note_of(unit: str) -> str:
    """What the collection's unit text says beyond the unit itself, e.g. "published as 1.8倍 …"."""
    text = str(unit)
    return text[text.index("(") + 1: text.rindex(")")] if "(" in text and text.endswith(")") else ""


def trade_cells(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per published trade figure: period, flow, partner, commodity, measure (value / yoy / share), number."""
    rows = figures[figures.topic.isin(TRADE_TOPICS) & ~figures.secondary & ~figures.metric.isin(PRODUCT_METRICS)]
    cells = []
    for row in rows.itertuples():
        metric, measure = row.metric, "value"
        if metric in SKIPPED_TRADE_METRICS:
            continue
        if metric.endswith("_yoy") and metric[: -len("_yoy")] in TRADE_LEVELS:
            metric, measure = metric[: -len("_yoy")], "yoy"
        if metric in SHARES:
            flow, partner, commodity, measure = "export", SHARES[metric], "total", "share"
        elif metric in TRADE_LEVELS:
            flow, partner, commodity = TRADE_LEVELS[metric]
        else:
            raise ValueError(f"{RELEASES_FILE}: metric {row.metric!r} ({row.period}) is neither mapped nor skipped")
        text = row.value
        if metric in DEFICITS and measure == "value":
            text = "-" + text
        release = RELEASE_OF_2024.get((row.metric, float(row.value)), "2026-01") if row.period == "2024" else release_month(row.period)
        cells.append({
            "period": row.period, "flow": flow, "partner": partner, "commodity": commodity, "measure": measure,
            "text": text, "release": release,
            "basis": "derived" if "(derived)" in row.publisher else "headline",
            "note": note_of(row.unit), "reported_in": row.source_url_or_repo,
        })
    return pd.DataFrame(cells)


def decimals(text: str) -> int:
    return len(text.partition(".")[2])


def one_per_cell(cells: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Collapse repeats of a figure within one release to one row.

    Repeats with the same number are one figure reported twice; a rounded repeat of a more precise number
    (150.12 and 150.116) keeps the precise one and says so in the note. Any other disagreement within one
    release stops the import: it must be looked at, not chosen between.
    """
    kept = []
    for key, group in cells.groupby(keys, sort=False):
        group = group.assign(places=group.text.map(decimals)).sort_values("places", ascending=False, kind="stable")
        best = group.iloc[0].drop("places").copy()
        notes = [best.note]
        for other in group.iloc[1:].itertuples():
            if round(float(best.text), other.places) != float(other.text):
                raise ValueError(f"{RELEASES_FILE}: {dict(zip(keys, key))} published as {best.text} and {other.text}")
            if other.text == best.text:
                notes.append(other.note)
            else:
                notes.append(f"also published rounded as {other.text}" + (f" ({other.note})" if other.note else ""))
        notes = [note for note in notes if note]
        best["note"] = "; ".join(dict.fromkeys(notes))
        best["reported_in"] = " ".join(dict.fromkeys(group.reported_in))
        kept.append(best)
    return pd.DataFrame(kept).reset_index(drop=True)


def product_rows(figures: pd.DataFrame) -> pd.DataFrame:
    """Exports to the US by product, one row per product and period: level, share of exports to the US and growth
    as published. Rows known only from secondary material keep status ``secondary``."""
    rows = figures[figures.metric.str.removesuffix("_yoy").isin(PRODUCT_METRICS)]
    frames = []
    for (metric, period), group in rows.groupby([rows.metric.str.removesuffix("_yoy"), "period"], sort=False):
        level = group[group.metric == metric].iloc[0]
        growth = group[group.metric == f"{metric}_yoy"]
        is_share = metric.endswith("_share")
        share = level.value if is_share else pd.Series(level.unit).str.extract(r"\(([\d.]+)% of exports to US\)")[0].iloc[0]
        frames.append({
            "period": period, "product": PRODUCT_METRICS[metric], "product_label": PRODUCT_LABELS[PRODUCT_METRICS[metric]],
            "value_usd_billion": "" if is_share else level.value, "share_pct": share if isinstance(share, str) else "",
            "yoy_pct": growth.value.iloc[0] if len(growth) else "",
            "status": "secondary" if level.secondary else status_of(period), "basis": "headline",
            "reported_in": level.source_url_or_repo, "note": f"{level.publisher}; {note_of(level.unit)}".rstrip("; "),
        })
    return pd.DataFrame(frames)


def mirror_rows(figures: pd.DataFrame) -> pd.DataFrame:
    """Partner-reported levels of trade with Taiwan (China's customs, the US Department of Commerce), in the
    mirror dataset's columns; US$ billion as published, converted to US$ thousand."""
    rows = figures[figures.topic.isin(MIRROR_TOPICS) & ~figures.secondary]
    frames = []
    for row in rows.itertuples():
        if row.metric in SKIPPED_MIRROR_METRICS:
            continue
        if row.metric not in MIRROR_LEVELS:
            raise ValueError(f"{RELEASES_FILE}: metric {row.metric!r} ({row.period}) is neither mapped nor skipped")
        reporter, flow, source = MIRROR_LEVELS[row.metric]
        frames.append({
            "freq": "A" if len(row.period) == 4 else "M", "period": row.period, "reporter": reporter, "flow": flow,
            "value_usd_thousand": round(float(row.value) * 1e6), "status": status_of(row.period), "basis": "headline",
            "source": source, "note": f"release headline, US$ {row.value} billion as published; reported in "
                                      f"{row.source_url_or_repo}",
        })
    return pd.DataFrame(frames)
