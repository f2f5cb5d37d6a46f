"""Build the project's data snapshot (`data/*.csv`) from the official statistics collected in
`../shared/data/reference/` (see its PROVENANCE.md).

Run once per new reference collection: `python scripts/import_reference.py [REFERENCE_DIR]`.
Numbers are copied, never estimated: where a period has no value in any official file it is absent.
Live monthly updates go through `helpers.update.cli` instead; this script documents how the first
snapshot was made and is re-run by a test to prove the snapshot is reproducible.
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pandas as pd
import reference_releases as releases

from helpers.snapshot import datapackage, registry
from helpers.snapshot.files import write_csv_atomic

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = ROOT.parent / "shared" / "data" / "reference"

# MOF u2010 / press-table English labels → partner codes.
PARTNER_CODES = {
    "World total": "WLD", "World": "WLD", "Asia": "ASIA", "Middle East": "MIDEAST",
    "North America": "NAMERICA", "Europe": "EUR", "China (mainland)": "CHN", "Hong Kong": "HKG",
    "China+Hong Kong": "CHN+HKG", "ASEAN-10": "ASEAN", "United States": "USA", "Japan": "JPN",
    "South Korea": "KOR", "India": "IND", "Mexico": "MEX", "Canada": "CAN", "Germany": "DEU",
    "Netherlands": "NLD", "United Kingdom": "GBR", "France": "FRA", "Italy": "ITA",
    "Singapore": "SGP", "Malaysia": "MYS", "Vietnam": "VNM", "Thailand": "THA",
    "Philippines": "PHL", "Indonesia": "IDN", "Brunei": "BRN", "Cambodia": "KHM", "Laos": "LAO",
    "Myanmar": "MMR",
}

COMMODITY_CODES = {
    "Total": "total",
    "Electronic components": "electronic_components",
    "ICT & audio-visual products": "ict_av",
    "Electronic components + ICT & audio-visual (combined)": "electronics_ict",
    "Basic metals & articles": "basic_metals",
    "Machinery (HS84 excl. household & ADP-related)": "machinery",
    "Plastics, rubber & articles": "plastics_rubber",
    "Chemicals": "chemicals",
    "Electrical machinery products": "electrical_machinery",
    "Mineral products": "mineral_products",
    "Optical & precision instruments": "optical_precision",
    "Textiles": "textiles",
    "Transport equipment": "transport_equipment",
}

# The u2010 monthly file ends 2025-06, MOF's first release of that month; the Aug-2025 press
# tables carry the revised June and July-August. One vintage per month: press tables from here on.
PRESS_TABLES_FROM_MONTH = "2025-06"
# Periods after this month are still preliminary releases (MOF revises them in later releases).
LAST_FINAL_MONTH = "2025-05"

# 2025 full-year figures published only as headlines of MOF's January 2026 release (US$ billion).
MOF_2025_HEADLINES = [
    ("export", "WLD", 640.75), ("import", "WLD", 483.61), ("export", "USA", 198.27),
    ("export", "CHN+HKG", 170.48), ("export", "ASEAN", 118.98), ("export", "EUR", 41.29),
    ("export", "JPN", 30.01),
]
# Imports derived from a published export level and the published surplus with the same partner.
MOF_2025_DERIVED_IMPORTS = [
    ("USA", 198.27, 150.12, "exports to US 198.27 bn minus published surplus with US 150.12 bn"),
    ("ASEAN", 118.98, 56.42, "exports to ASEAN 118.98 bn minus published surplus with ASEAN 56.42 bn"),
]

TRADE_COLUMNS = ["freq", "period", "flow", "partner", "value_usd_thousand", "status", "basis", "source", "note"]

# The MOF release each figure of the Sep 2025 - Feb 2026 collection appeared in names its source id.
RELEASE_SOURCES = {"2024-01": "mof_release_2023_annual", "2025-01": "mof_release_2024_annual",
                   "2026-01": "mof_release_2025_annual"}
# Full-year figures of published_figures.csv as MOF's January release first published them: (metric, period,
# value as published, release month).
FIRST_PUBLISHED = [("trade_surplus_with_US", "2024", "64.88", "2025-01"),
                   ("exports_total", "2024", "475.07", "2025-01"),
                   ("exports_total", "2023", "432.48", "2024-01")]
MONTHLY_RELEASES_SOURCE = "mof_releases_monthly"
CELL_KEYS = ["period", "flow", "partner", "commodity", "release"]


def status_for_month(period: str) -> str:
    return "final" if period <= LAST_FINAL_MONTH else "preliminary"


def import_trade_by_partner(ref: Path) -> pd.DataFrame:
    annual = pd.read_csv(ref / "mof_trade_by_country_u2010/mof_trade_by_partner_annual_2001_2024_key_partners.csv")
    annual = annual[annual.partner_en.isin(PARTNER_CODES)]  # drops the reference's own derived sums
    annual_rows = pd.DataFrame({
        "freq": "A", "period": annual.year.astype(str), "flow": annual.flow,
        "partner": annual.partner_en.map(PARTNER_CODES), "value_usd_thousand": annual.value_usd_thousand,
        "status": "final", "basis": "table", "source": "mof_u2010", "note": "",
    })

    monthly = pd.read_csv(ref / "mof_trade_by_country_u2010/mof_trade_by_partner_monthly_2001m01_2025m06.csv")
    monthly = monthly[monthly.period < PRESS_TABLES_FROM_MONTH]
    monthly_rows = pd.DataFrame({
        "freq": "M", "period": monthly.period, "flow": monthly.flow,
        "partner": monthly.partner_en.map(PARTNER_CODES), "value_usd_thousand": monthly.value_usd_thousand,
        "status": monthly.period.map(status_for_month), "basis": "table", "source": "mof_u2010", "note": "",
    })

    press = pd.read_csv(ref / "mof_customs_press_tables_2025-08/derived_tidy_trade_by_partner_2015_2025m08.csv")
    press = press[(press.period_type == "monthly") & (press.period >= PRESS_TABLES_FROM_MONTH)
                  & press.flow.isin(["export", "import"]) & press.partner.isin(PARTNER_CODES)
                  & press.source_table.isin(["Table8", "Table9", "Table12"])]
    press = press.drop_duplicates(["period", "flow", "partner"])  # Table8 and Table12 both carry ASEAN-10
    press_rows = pd.DataFrame({
        "freq": "M", "period": press.period, "flow": press.flow, "partner": press.partner.map(PARTNER_CODES),
        "value_usd_thousand": (press.value * 1000).round(0), "status": press.period.map(status_for_month),
        "basis": "table", "source": "mof_press_2025_08", "note": "",
    })

    headline_rows = pd.DataFrame([
        {"freq": "A", "period": "2025", "flow": flow, "partner": partner,
         "value_usd_thousand": round(bn * 1e6), "status": "preliminary", "basis": "headline",
         "source": "mof_release_2025_annual", "note": "full-year 2025 figure from the MOF release text"}
        for flow, partner, bn in MOF_2025_HEADLINES
    ] + [
        {"freq": "A", "period": "2025", "flow": "import", "partner": partner,
         "value_usd_thousand": round((exports - surplus) * 1e6), "status": "preliminary", "basis": "derived",
         "source": "mof_release_2025_annual", "note": note}
        for partner, exports, surplus, note in MOF_2025_DERIVED_IMPORTS
    ])
    held = pd.concat([annual_rows, monthly_rows, press_rows, headline_rows], ignore_index=True)
    frame = pd.concat([held, release_rows(ref, held)], ignore_index=True)
    frame["value_usd_thousand"] = frame.value_usd_thousand.astype("int64")
    return frame[TRADE_COLUMNS].sort_values(["freq", "flow", "partner", "period"]).reset_index(drop=True)


@lru_cache(maxsize=2)
def release_cells(ref: Path) -> pd.DataFrame:
    """Every figure of the Sep 2025 - Feb 2026 releases the snapshot carries, one row per figure and release."""
    cells = releases.trade_cells(releases.read(ref))
    # Full-year figures as first published in January, kept beside the revised or restated ones the snapshot
    # carries, so that a claim quoting the first figure is told apart from a real discrepancy.
    figures = pd.read_csv(ref / "published_figures.csv", dtype={"period": str, "value": str})
    firsts = []
    for metric, period, value, release in FIRST_PUBLISHED:
        row = figures[(figures.metric == metric) & (figures.period == period) & (figures.value == value)]
        if len(row) != 1:
            raise ValueError(f"published_figures.csv: no single row {metric} {period} = {value}")
        flow, partner, commodity = releases.TRADE_LEVELS[metric]
        firsts.append({"period": period, "flow": flow, "partner": partner, "commodity": commodity, "measure": "value",
                       "text": value, "release": release, "basis": "headline", "note": "",
                       "reported_in": row.source_url_or_repo.iloc[0]})
    cells = pd.concat([cells.assign(first_published=False), pd.DataFrame(firsts).assign(first_published=True)],
                      ignore_index=True)
    cells = releases.one_per_cell(cells, CELL_KEYS + ["measure"])
    cells["status"] = cells.period.map(releases.status_of).where(~cells.first_published, "preliminary")  # as published
    cells["source"] = cells.release.map(lambda release: RELEASE_SOURCES.get(release, MONTHLY_RELEASES_SOURCE))
    return cells


def release_levels(ref: Path, freq: str, commodity_total: bool) -> pd.DataFrame:
    """Export and import levels of single months (``freq`` "M") or calendar years ("A") from the releases; a
    first-published figure since revised stays in trade_releases only."""
    cells = release_cells(ref)
    single = cells.period.str.fullmatch(r"\d{4}-\d{2}" if freq == "M" else r"\d{4}")
    wanted = (cells.commodity == "total") == commodity_total
    levels = (cells.measure == "value") & cells.flow.isin(["export", "import"]) & ~cells.first_published
    return cells[single & wanted & levels]


def release_note(cell) -> str:
    if cell.basis == "derived":
        return f"US$ {cell.text} billion {cell.note}; reported in {cell.reported_in}"
    detail = f"; {cell.note}" if cell.note else ""
    return f"release headline, US$ {cell.text} billion as published{detail}; reported in {cell.reported_in}"


def release_rows(ref: Path, held: pd.DataFrame) -> pd.DataFrame:
    """Months after the press tables, and full-year figures not yet held, from the Sep 2025 - Feb 2026 releases.

    A full-year figure the snapshot already holds must agree with it to the dollar."""
    levels = pd.concat([release_levels(ref, "M", True), release_levels(ref, "A", True)])
    rows = pd.DataFrame({
        "freq": levels.period.str.len().map({4: "A", 7: "M"}), "period": levels.period, "flow": levels.flow,
        "partner": levels.partner, "value_usd_thousand": (levels.text.astype(float) * 1e6).round(0),
        "status": levels.status, "basis": levels.basis, "source": levels.source,
        "note": [release_note(cell) for cell in levels.itertuples()],
    })
    keys = ["freq", "period", "flow", "partner"]
    both = rows.merge(held, on=keys, suffixes=("", "_held"))
    differing = both[both.value_usd_thousand != both.value_usd_thousand_held]
    if not differing.empty:
        raise ValueError(f"release figures differ from held ones: {differing[keys].to_dict('records')}")
    return rows[~rows.set_index(keys).index.isin(both.set_index(keys).index)]


def import_trade_by_commodity(ref: Path) -> pd.DataFrame:
    raw = pd.read_csv(ref / "mof_customs_press_tables_2025-08/derived_tidy_exports_by_commodity_2015_2025m08.csv")
    raw = raw[raw.period_type.isin(["annual", "monthly"])]
    monthly = raw.period_type == "monthly"
    frame = pd.DataFrame({
        "freq": raw.period_type.map({"annual": "A", "monthly": "M"}), "period": raw.period.astype(str),
        "flow": raw.flow, "destination": raw.destination.map({"World": "WLD", "China+Hong Kong": "CHN+HKG"}),
        "commodity": raw.commodity_group.map(COMMODITY_CODES), "commodity_label": raw.commodity_group,
        "value_usd_thousand": (raw.value * 1000).round(0).astype("int64"),
        "status": "final", "basis": "table", "source": raw.source_table.map(
            {"Table2": "mof_press_2025_08", "Table11": "mof_press_2025_08"}),
    })
    frame.loc[monthly, "status"] = frame.loc[monthly, "period"].map(status_for_month)
    levels = release_levels(ref, "M", False)
    months = pd.DataFrame({
        "freq": "M", "period": levels.period, "flow": levels.flow, "destination": levels.partner,
        "commodity": levels.commodity, "commodity_label": levels.commodity.map(releases.COMMODITY_LABELS),
        "value_usd_thousand": (levels.text.astype(float) * 1e6).round(0).astype("int64"),
        "status": levels.status, "basis": levels.basis, "source": levels.source,
    })
    frame = pd.concat([frame, months], ignore_index=True)
    return frame.sort_values(["freq", "destination", "commodity", "period"]).reset_index(drop=True)


RELEASE_COLUMNS = ["period", "flow", "partner", "commodity", "value_usd_billion", "yoy_pct", "share_pct", "status",
                   "basis", "derivation", "source", "release", "reported_in", "note"]
MEASURE_COLUMNS = {"value": "value_usd_billion", "yoy": "yoy_pct", "share": "share_pct"}


def import_trade_releases(ref: Path) -> pd.DataFrame:
    """What the Sep 2025 - Feb 2026 releases add to the levels held in trade_by_partner and trade_by_commodity:
    growth rates, shares, year-to-date and quarterly totals, balances, two-way trade, and revised figures."""
    cells = release_cells(ref)
    placed = pd.concat([release_levels(ref, "M", True), release_levels(ref, "M", False), release_levels(ref, "A", True)])
    rest = cells.drop(placed.index)
    rows = []
    for key, group in rest.groupby(CELL_KEYS, sort=False):
        row = dict(zip(CELL_KEYS, key))
        for cell in group.itertuples():
            row[MEASURE_COLUMNS[cell.measure]] = cell.text
        derived = group[group.basis == "derived"]
        notes = [f"{cell.measure}: {cell.note}" if cell.measure != "value" else cell.note
                 for cell in group.itertuples() if cell.note and cell.basis != "derived"]
        row.update({
            "status": group.status.iloc[0], "basis": "derived" if len(derived) else "headline",
            "derivation": "; ".join(derived.note), "source": group.source.iloc[0],
            "reported_in": " ".join(dict.fromkeys(" ".join(group.reported_in).split())), "note": "; ".join(notes),
        })
        rows.append(row)
    frame = pd.DataFrame(rows).reindex(columns=RELEASE_COLUMNS).fillna("")
    return frame.sort_values(["flow", "partner", "commodity", "period", "release"]).reset_index(drop=True)


def import_mirror(ref: Path) -> pd.DataFrame:
    census = ref / "us_census_mirror"
    old_monthly = pd.read_csv(census / "us_census_taiwan_5830_monthly_1985_2024.csv")
    # Months not yet published when the file was saved are written as 0 there: not data.
    old_monthly = old_monthly[(old_monthly.us_imports_from_taiwan_musd > 0) | (old_monthly.us_exports_to_taiwan_musd > 0)]
    page_monthly = pd.read_csv(census / "us_census_taiwan_5830_monthly_2023m09_2025m11_from_c5830_page.csv")
    old_annual = pd.read_csv(census / "us_census_taiwan_5830_annual_1985_2024.csv")
    old_annual = old_annual[old_annual.note.isna()]  # drops the partial 2024 row
    page_annual = pd.read_csv(census / "us_census_taiwan_5830_annual_2021_2025ytd_from_c5830_page.csv")
    page_annual = page_annual[page_annual.period_covered == "Jan-Dec"]

    def census_rows(df, freq, period, source):
        rows = []
        for flow, column in (("import", "us_imports_from_taiwan_musd"), ("export", "us_exports_to_taiwan_musd")):
            rows.append(pd.DataFrame({
                "freq": freq, "period": period, "reporter": "USA", "flow": flow,
                "value_usd_thousand": (df[column] * 1000).round(0).astype("int64"),
                "status": "final", "basis": "table", "source": source, "note": "",
            }))
        return pd.concat(rows)

    month = lambda df: df.year.astype(str) + "-" + df.month.astype(int).map("{:02d}".format)  # noqa: E731
    monthly = pd.concat([
        census_rows(page_monthly, "M", month(page_monthly), "census_c5830_page"),
        census_rows(old_monthly, "M", month(old_monthly), "census_country_xlsx"),
    ]).drop_duplicates(["period", "flow"], keep="first")  # the later vintage (c5830 page) wins
    annual = pd.concat([
        census_rows(page_annual, "A", page_annual.year.astype(str), "census_c5830_page"),
        census_rows(old_annual, "A", old_annual.year.astype(str), "census_country_xlsx"),
    ]).drop_duplicates(["period", "flow"], keep="first")
    us_2025_balance = pd.DataFrame([{
        "freq": "A", "period": "2025", "reporter": "USA", "flow": "balance",
        "value_usd_thousand": -146_800_000, "status": "preliminary", "basis": "headline",
        "source": "us_commerce_release_2025_annual",
        "note": "full-year 2025 US goods deficit with Taiwan as published; of December the snapshot holds only US "
                "imports from Taiwan (a headline)",
    }])

    mac = pd.read_csv(ref / "cross_strait_trade_mac/cross_strait_trade_values_2003_2024m05.csv")
    mac = mac[mac["期間"].astype(str).str.fullmatch(r"\d{4}")]  # whole years only
    china_rows = pd.concat([
        pd.DataFrame({
            "freq": "A", "period": mac["期間"].astype(str), "reporter": "CHN", "flow": flow,
            "value_usd_thousand": (mac[column] * 1000).round(0).astype("int64"),
            "status": "final", "basis": "table", "source": "mac_cross_strait", "note": "",
        })
        for flow, column in (("import", "我國對中國大陸-出口(中國大陸海關統計)(百萬美元)"),
                             ("export", "我國自中國大陸-進口(中國大陸海關統計)(百萬美元)"))
    ])
    frame = pd.concat([annual, monthly, us_2025_balance, china_rows, releases.mirror_rows(releases.read(ref))],
                      ignore_index=True)
    return frame.sort_values(["freq", "reporter", "flow", "period"]).reset_index(drop=True)


EXPORT_ORDER_REGIONS = {"Total": "WLD", "US": "USA", "China+HK": "CHN+HKG", "Europe": "EUR", "Japan": "JPN", "ASEAN": "ASEAN"}


def moea_basis(status: str) -> str:
    return "derived" if status == "derived" else "headline"


def import_export_orders(ref: Path) -> pd.DataFrame:
    raw = pd.read_csv(ref / "export_orders/derived_export_orders_by_region_annual_2012_2025.csv")
    return pd.DataFrame({
        "period": raw.year.astype(str), "region": raw.region.map(EXPORT_ORDER_REGIONS),
        "value_usd_billion": raw.value_usd_bn, "share_pct": raw.share_of_total_pct, "yoy_pct": raw.yoy_pct,
        "asean_definition": raw.asean_definition.fillna(""),
        "status": raw.year.map(lambda y: "preliminary" if y >= 2025 else "final"),
        "basis": raw.status.map(moea_basis), "derivation": raw.derivation.fillna(""),
        "source": "moea_export_orders", "reported_in": raw.source_url,
    }).sort_values(["region", "period"]).reset_index(drop=True)


def import_overseas_production_ratio(ref: Path) -> pd.DataFrame:
    """The monthly release's 海外生產比, as published in the release texts collected in published_figures.csv."""
    figures = pd.read_csv(ref / "published_figures.csv")
    ratio = figures[(figures.topic == "export_orders") & (figures.metric == "overseas_production_ratio")]
    derived = ratio.unit.str.contains("derived")
    derivation = ratio.unit.str.extract(r"derived: ([^)]*)")[0].fillna("")
    held = pd.DataFrame({
        "freq": ratio.period.str.len().map({4: "A", 7: "M"}), "period": ratio.period,
        "ratio_pct": ratio.value.astype(float), "status": ratio.period.astype(str).map(releases.status_of),
        "basis": derived.map({True: "derived", False: "headline"}), "derivation": derivation,
        "source": "moea_export_orders", "reported_in": ratio.source_url_or_repo,
    })
    later = release_production_ratios(ref)
    both = later.merge(held, on=["freq", "period"], suffixes=("", "_held"))
    if (both.ratio_pct != both.ratio_pct_held).any():
        raise ValueError(f"overseas production ratio differs between collections: {both.to_dict('records')}")
    later = later[~later.period.isin(both.period)]  # the same figure, held once
    return pd.concat([held, later]).sort_values(["freq", "period"]).reset_index(drop=True)


ORDER_REGIONS = {"orders_total": "WLD", "orders_from_US": "USA", "orders_from_ASEAN": "ASEAN",
                 "orders_from_China_HK": "CHN+HKG", "orders_from_Europe": "EUR", "orders_from_Japan": "JPN",
                 "orders_share_US": "USA", "orders_share_ASEAN": "ASEAN", "orders_share_China_HK": "CHN+HKG"}


def import_export_orders_monthly(ref: Path) -> pd.DataFrame:
    """MOEA export orders by customer region for the months of the Sep 2025 - Jan 2026 releases, as published."""
    figures = releases.read(ref)
    rows = figures[(figures.topic == "export_orders") & ~figures.secondary
                   & figures.period.str.fullmatch(r"\d{4}-\d{2}")
                   & figures.metric.str.removesuffix("_yoy").isin(ORDER_REGIONS)]
    records = {}
    for row in rows.itertuples():
        metric = row.metric.removesuffix("_yoy")
        column = "yoy_pct" if row.metric.endswith("_yoy") else "share_pct" if "_share_" in metric else "value_usd_billion"
        record = records.setdefault((row.period, ORDER_REGIONS[metric]), {
            "period": row.period, "region": ORDER_REGIONS[metric], "status": releases.status_of(row.period),
            "basis": "headline", "derivation": "", "source": "moea_export_orders", "reported_in": [], "note": []})
        record[column] = row.value
        record["reported_in"].append(row.source_url_or_repo)
        if releases.note_of(row.unit):
            record["note"].append(releases.note_of(row.unit))
    frame = pd.DataFrame(records.values())
    frame["reported_in"] = frame.reported_in.map(lambda urls: " ".join(dict.fromkeys(urls)))
    frame["note"] = frame.note.map(lambda notes: "; ".join(dict.fromkeys(notes)))
    columns = ["period", "region", "value_usd_billion", "share_pct", "yoy_pct", "status", "basis", "derivation",
               "source", "reported_in", "note"]
    return frame.reindex(columns=columns).fillna("").sort_values(["region", "period"]).reset_index(drop=True)


def release_production_ratios(ref: Path) -> pd.DataFrame:
    """The overseas production ratio of single months in the Sep 2025 - Jan 2026 releases, and the month a year
    earlier where a release states the change in percentage points (derived: ratio minus change)."""
    figures = releases.read(ref)
    single = figures.period.str.fullmatch(r"\d{4}-\d{2}") & ~figures.secondary
    ratio = figures[single & (figures.metric == "overseas_production_ratio")]
    change = figures[single & (figures.metric == "overseas_production_ratio_change_yoy")].set_index("period")
    rows = [{"freq": "M", "period": r.period, "ratio_pct": float(r.value), "status": releases.status_of(r.period),
             "basis": "headline", "derivation": "", "source": "moea_export_orders", "reported_in": r.source_url_or_repo}
            for r in ratio.itertuples()]
    for r in ratio[ratio.period.isin(change.index)].itertuples():
        earlier = str(pd.Period(r.period, freq="M") - 12)
        step = change.loc[r.period, "value"]
        rows.append({"freq": "M", "period": earlier, "ratio_pct": round(float(r.value) - float(step), 1),
                     "status": releases.status_of(earlier), "basis": "derived",
                     "derivation": f"{r.period} ratio {r.value} minus stated change {step} pp",
                     "source": "moea_export_orders", "reported_in": change.loc[r.period, "source_url_or_repo"]})
    return pd.DataFrame(rows)


SURVEY_LOCATIONS = {"Taiwan (domestic)": "TWN", "China+HK": "CHN+HKG", "ASEAN": "ASEAN", "Europe+US": "EUR+USA",
                    "US": "USA", "Americas (US+Mexico+Canada)": "AMERICAS"}


def import_production_survey(ref: Path) -> pd.DataFrame:
    raw = pd.read_csv(ref / "overseas_production_survey/derived_survey_production_location_shares_2015_2025.csv")
    rows = pd.DataFrame({
        "period": raw.data_year.astype(str), "location": raw.location.map(SURVEY_LOCATIONS),
        "share_pct": raw.share_of_export_orders_pct.astype(float), "status": "final",
        "basis": raw.status.map(moea_basis), "derivation": raw.derivation.fillna(""),
        "source": "moea_production_survey", "reported_in": raw.source_url, "note": raw.note.fillna(""),
    })
    # Vietnam and Thailand shares are published for 2023-2024 (published_figures.csv) but not in the table above.
    figures = pd.read_csv(ref / "published_figures.csv")
    country = figures[(figures.topic == "overseas_production_survey")
                      & figures.metric.isin(["Vietnam_production_share", "Thailand_production_share"])]
    extra = pd.DataFrame({
        "period": country.period.astype(str), "location": country.metric.map(
            {"Vietnam_production_share": "VNM", "Thailand_production_share": "THA"}),
        "share_pct": country.value.astype(float), "status": "final", "basis": "headline", "derivation": "",
        "source": "moea_production_survey", "reported_in": country.source_url_or_repo,
        "note": "member of ASEAN; included in the ASEAN share",
    })
    frame = pd.concat([rows, extra])
    secondary = secondary_survey_shares(ref)
    frame.loc[[(p, loc) in secondary for p, loc in zip(frame.period, frame.location)], "status"] = "secondary"
    return frame.sort_values(["location", "period"]).reset_index(drop=True)


SURVEY_RELEASE_LOCATIONS = {"domestic_production_share": "TWN", "China_HK_production_share": "CHN+HKG",
                            "ASEAN_production_share": "ASEAN", "US_production_share": "USA"}


def secondary_survey_shares(ref: Path) -> set[tuple[str, str]]:
    """(year, location) of the survey shares the releases collection knows only from secondary material: the
    survey table carries them without the mark, so they are matched here (PROVENANCE.md section 12)."""
    figures = releases.read(ref)
    rows = figures[(figures.topic == "overseas_production_survey") & figures.secondary]
    unknown = set(rows.metric) - set(SURVEY_RELEASE_LOCATIONS)
    if unknown:
        raise ValueError(f"{releases.RELEASES_FILE}: secondary survey metric(s) {sorted(unknown)} not mapped")
    return {(str(row.period), SURVEY_RELEASE_LOCATIONS[row.metric]) for row in rows.itertuples()}


def import_japan_taiwan(ref: Path) -> pd.DataFrame:
    """Investment and Japan-side figures, each kept under the series (publisher, basis) it comes from."""
    fdi = pd.read_csv(ref / "fdi_japan_taiwan/derived_japan_taiwan_fdi_approvals_annual.csv")
    measure = fdi.metric.map(lambda m: "fdi_approved_cases" if m == "approved cases" else
                             "fdi_approved_amount" if m == "approved amount" else
                             "fdi_multiple_of_previous_year" if m.startswith("multiple") else "fdi_single_case_amount")
    fdi_rows = pd.DataFrame({
        "period": fdi.period.astype(str), "series": "investment_commission_approvals", "measure": measure,
        "direction": fdi.direction.str.replace("Japan", "JPN").str.replace("Taiwan", "TWN"),
        "value": fdi.value.astype(float), "unit": fdi.unit, "status": "final",
        "basis": fdi.status.map(moea_basis),
        "derivation": fdi.derivation.where(fdi.status == "derived", "").fillna(""),
        "source": "moea_investment_commission", "reported_in": fdi.source_url,
        "note": [
            "; ".join(part for part in (metric if kind == "fdi_single_case_amount" else "",
                                        detail if status != "derived" and isinstance(detail, str) else "",
                                        f"as cited by {publisher}") if part)
            for metric, kind, detail, status, publisher in zip(fdi.metric, measure, fdi.derivation, fdi.status, fdi.publisher)
        ],
    })
    figures = pd.read_csv(ref / "published_figures.csv")
    selected = {
        # (metric, period): (series, measure, direction, unit, source, note)
        ("japanese_FDI_cumulative_cases", "1952-2020"): ("taitra_headline", "fdi_cumulative_cases", "JPN->TWN", "cases", "taitra_japan_taiwan",
            "promotional cumulative figure; not consistent with the Investment Commission approvals series"),
        ("japanese_FDI_cumulative_amount", "1952-2020"): ("taitra_headline", "fdi_cumulative_amount", "JPN->TWN", "USD billion", "taitra_japan_taiwan",
            "promotional cumulative figure; not consistent with the Investment Commission approvals series"),
        ("taiwan_FDI_in_japan_cumulative", "to 2020"): ("taitra_headline", "fdi_cumulative_amount", "TWN->JPN", "USD billion", "taitra_japan_taiwan", ""),
        ("bilateral_trade_total", "2020"): ("taitra_headline", "bilateral_trade_total", "both", "USD billion", "taitra_japan_taiwan",
            "basis not stated; Taiwan customs give 69.30 bn for 2020"),
        ("japanese_FDI_cumulative_amount", "to end-2018"): ("investment_commission_cumulative", "fdi_cumulative_amount", "JPN->TWN", "USD billion", "moea_investment_commission", "approvals, cited by BOFT"),
        ("japanese_FDI_cumulative_cases", "to end-2018"): ("investment_commission_cumulative", "fdi_cumulative_cases", "JPN->TWN", "cases", "moea_investment_commission", "approvals, cited by BOFT"),
        ("japanese_FDI_cumulative_amount", "to end-2013"): ("investment_commission_cumulative", "fdi_cumulative_amount", "JPN->TWN", "USD billion", "moea_investment_commission", "approvals incl. capital increases, cited by BOFT"),
        ("japanese_FDI_cumulative_cases", "to end-2013"): ("investment_commission_cumulative", "fdi_cumulative_cases", "JPN->TWN", "cases", "moea_investment_commission", "approvals, cited by BOFT"),
        ("japanese_FDI_cumulative_amount", "1952 to 2011-08"): ("investment_commission_cumulative", "fdi_cumulative_amount", "JPN->TWN", "USD billion", "moea_investment_commission", "approvals"),
        ("japanese_FDI_cumulative_cases", "1952 to 2011-08"): ("investment_commission_cumulative", "fdi_cumulative_cases", "JPN->TWN", "cases", "moea_investment_commission", "approvals"),
        ("taiwan_FDI_in_japan_cumulative", "to end-2018"): ("investment_commission_cumulative", "fdi_cumulative_amount", "TWN->JPN", "USD billion", "moea_investment_commission", "cited by BOFT"),
        ("taiwan_rank_japan_trade_partners", "2017-01..2017-06"): ("japan_customs_rank", "taiwan_rank_in_japan_trade", "both", "rank", "japan_mof_customs", "Jan-Jun, cited by TJPO"),
        ("taiwan_rank_japan_trade_partners", "2018"): ("japan_customs_rank", "taiwan_rank_in_japan_trade", "both", "rank", "japan_mof_customs", "cited by BOFT"),
        ("taiwan_rank_japan_trade_partners", "2020"): ("japan_customs_rank", "taiwan_rank_in_japan_trade", "both", "rank", "japan_mof_customs", "secondary tabulation of Japan MOF data"),
        ("taiwan_rank_japan_trade_partners", "2021"): ("japan_customs_rank", "taiwan_rank_in_japan_trade", "both", "rank", "japan_mof_customs", "secondary tabulation of Japan MOF data"),
        ("taiwan_rank_japan_trade_partners", "2023"): ("japan_customs_rank", "taiwan_rank_in_japan_trade", "both", "rank", "japan_mof_customs", "secondary tabulation of Japan MOF data"),
        ("taiwan_rank_japan_import_sources", "2011"): ("japan_customs_rank", "taiwan_rank_in_japan_imports", "TWN->JPN", "rank", "japan_mof_customs", "cited by BOFT"),
        ("taiwan_rank_japan_import_sources", "2018"): ("japan_customs_rank", "taiwan_rank_in_japan_imports", "TWN->JPN", "rank", "japan_mof_customs",
            "BOFT 2021 page says 7th; BOFT Jan-2019 page says 6th (conflict kept)"),
        ("taiwan_rank_japan_import_sources", "2019"): ("japan_customs_rank", "taiwan_rank_in_japan_imports", "TWN->JPN", "rank", "japan_mof_customs", "cited by BOFT"),
        ("taiwan_rank_japan_import_sources", "2020"): ("japan_customs_rank", "taiwan_rank_in_japan_imports", "TWN->JPN", "rank", "japan_mof_customs", "cited by BOFT"),
        ("taiwan_rank_japan_export_destinations", "2018"): ("japan_customs_rank", "taiwan_rank_in_japan_exports", "JPN->TWN", "rank", "japan_mof_customs", "cited by BOFT"),
        ("taiwan_rank_japan_export_destinations", "2023"): ("japan_customs_rank", "taiwan_rank_in_japan_exports", "JPN->TWN", "rank", "japan_mof_customs", "secondary tabulation of Japan MOF data"),
        ("bilateral_trade_total", "2012"): ("japan_side_trade", "bilateral_trade_total", "both", "USD billion", "japan_taiwan_exchange_association", "Japanese-side figures"),
    }
    picked = figures[[(m, str(p)) in selected for m, p in zip(figures.metric, figures.period)]]
    figure_rows = []
    for row in picked.itertuples():
        series, measure_name, direction, unit, source, note = selected[(row.metric, str(row.period))]
        figure_rows.append({
            "period": str(row.period), "series": series, "measure": measure_name, "direction": direction,
            "value": float(row.value), "unit": unit, "status": "final", "basis": "headline", "derivation": "",
            "source": source, "reported_in": row.source_url_or_repo, "note": note,
        })
    # The BOFT Jan-2019 page's conflicting 2018 import-source rank, kept beside the 2021 page's.
    conflict = figures[figures.metric == "taiwan_rank_japan_import_sources_BOFT2019"].iloc[0]
    figure_rows.append({
        "period": "2018", "series": "japan_customs_rank_boft_2019_page", "measure": "taiwan_rank_in_japan_imports",
        "direction": "TWN->JPN", "value": float(conflict.value), "unit": "rank", "status": "final", "basis": "headline",
        "derivation": "", "source": "japan_mof_customs", "reported_in": conflict.source_url_or_repo,
        "note": "conflicts with the BOFT 2021 page (7th)",
    })
    frame = pd.concat([fdi_rows, pd.DataFrame(figure_rows), release_japan_figures(ref)], ignore_index=True)
    return frame.sort_values(["series", "measure", "direction", "period"]).reset_index(drop=True)


# Japan-Taiwan figures of the Sep 2025 - Feb 2026 collection that only this dataset can hold, each under its
# publisher's series: (metric, period) -> (series, measure, direction, source, note). The collection's other
# japan_taiwan rows are MOF trade figures, held in trade_by_partner and trade_releases.
RELEASE_JAPAN_FIGURES = {
    ("bilateral_trade_total", "2023"): (
        "tjra_headline", "bilateral_trade_total", "both", "taiwan_japan_relations_association",
        "basis not stated; the figure is from the collection's notes, the article's quoted text covers "
        "investment only"),
    ("bilateral_trade_total", "2025"): (
        "legislative_yuan_headline", "bilateral_trade_total", "both", "legislative_yuan", "basis not stated"),
    ("taiwan_exports_to_japan", "2022"): (
        "jcci_white_paper", "trade_flow", "TWN->JPN", "jcci_taipei", "record year; basis not stated"),
    ("japan_exports_to_taiwan", "2022"): (
        "jcci_white_paper", "trade_flow", "JPN->TWN", "jcci_taipei", "record year; basis not stated"),
}


def release_japan_figures(ref: Path) -> pd.DataFrame:
    figures = releases.read(ref)
    keys = zip(figures.metric, figures.period)
    wanted = pd.Series([key in RELEASE_JAPAN_FIGURES for key in keys], index=figures.index)
    rows = figures[wanted & ~figures.secondary]
    if len(rows) != len(RELEASE_JAPAN_FIGURES):
        raise ValueError(f"Japan-Taiwan figures in the releases: {len(rows)} of {len(RELEASE_JAPAN_FIGURES)} found")
    records = []
    for row in rows.itertuples():
        series, measure, direction, source, note = RELEASE_JAPAN_FIGURES[(row.metric, row.period)]
        records.append({
            "period": row.period, "series": series, "measure": measure, "direction": direction,
            "value": float(row.value), "unit": "USD billion", "status": releases.status_of(row.period),
            "basis": "headline", "derivation": "", "source": source, "reported_in": row.source_url_or_repo,
            "note": note,
        })
    return pd.DataFrame(records)


# Destinations of the HS 8542 file that the snapshot names by code (the partners of helpers.snapshot.partners);
# every other destination is kept under its published name with the code OTH.
IC_DESTINATIONS = {
    "中國大陸": "CHN", "香港": "HKG", "美國": "USA", "日本": "JPN", "南韓": "KOR", "印度": "IND", "墨西哥": "MEX",
    "加拿大": "CAN", "德國": "DEU", "荷蘭": "NLD", "英國": "GBR", "法國": "FRA", "義大利": "ITA",
    "新加坡": "SGP", "馬來西亞": "MYS", "越南": "VNM", "泰國": "THA", "菲律賓": "PHL", "印尼": "IDN",
    "汶萊": "BRN", "柬埔寨": "KHM", "寮國": "LAO", "緬甸": "MMR",
}
IC_TOTAL_LABEL = "合計"  # the world total: the sum of the CCC totals file
ROC_PERIOD = r"(?P<year>\d{3})年(?:(?P<first>\d{1,2})月~(?P=year)年(?P<last>\d{1,2})月)?"


def roc_period(label: str) -> str:
    """"113年" -> "2024"; "114年1月~114年7月(初步值)" -> "2025-01..2025-07" (the months the file covers)."""
    match = re.match(ROC_PERIOD, label)
    if match is None:
        raise ValueError(f"HS 8542 totals file: period label {label!r} is not a ROC year or a run of months")
    year = int(match["year"]) + 1911
    if match["first"] is None:
        return str(year)
    return f"{year}-{int(match['first']):02d}..{year}-{int(match['last']):02d}"


def thousands(values: pd.Series) -> pd.Series:
    """US$ thousand with the five decimals MOF publishes (sums taken exactly, as decimals)."""
    return values.map(lambda v: float(Decimal(v).quantize(Decimal("0.00001"))))


def import_ic_exports_by_destination(ref: Path) -> pd.DataFrame:
    """Integrated circuits (HS 8542) exports by destination: the sum of the 11-digit CCC lines per destination and
    year, in US$ thousand, and the world total from the CCC totals file."""
    folder = ref / "mof_customs_hs8542_by_country"
    totals = pd.read_csv(folder / "taiwan_hs8542_exports_by_ccc11_total_2013_2025jul.csv", dtype=str)
    totals["period"] = totals["日期"].map(roc_period)
    periods = dict(zip(totals.period.str[:4].astype(int), totals.period))
    world = totals.groupby("period")["美元(千元)"].apply(lambda v: sum(map(Decimal, v)))
    by_country = pd.read_csv(folder / "taiwan_hs8542_exports_by_country_2013_2025jul.csv", encoding="utf-8-sig",
                             dtype={"Export Value (USD)": str})
    by_country["thousand"] = by_country["Export Value (USD)"].map(Decimal) / 1000
    sums = by_country.groupby(["Year", "Country"])["thousand"].sum().reset_index()
    rows = pd.DataFrame({
        "period": sums.Year.map(periods), "destination": sums.Country.map(IC_DESTINATIONS).fillna("OTH"),
        "destination_zh": sums.Country, "value_usd_thousand": thousands(sums.thousand),
    })
    rows = pd.concat([rows, pd.DataFrame({
        "period": world.index.to_numpy(), "destination": "WLD", "destination_zh": IC_TOTAL_LABEL,
        "value_usd_thousand": thousands(world).to_numpy(),
    })], ignore_index=True)
    rows["status"] = rows.period.map(lambda p: "preliminary" if ".." in p else "final")
    rows["basis"], rows["source"] = "table", "mof_customs_hs8542"
    return rows.sort_values(["period", "destination", "destination_zh"]).reset_index(drop=True)


def import_us_exports_by_product(ref: Path) -> pd.DataFrame:
    """Exports to the US by product, as published: the ICT share (MOF release) and the product figures MOF
    officials gave More News (secondary material: status ``secondary``)."""
    rows = releases.product_rows(releases.read(ref))
    rows["source"] = rows.status.map(lambda status: "more_news_mof_officials" if status == "secondary"
                                     else MONTHLY_RELEASES_SOURCE)
    return rows.sort_values(["product", "period"]).reset_index(drop=True)


IMPORTERS = {
    "trade_by_partner": import_trade_by_partner,
    "trade_by_commodity": import_trade_by_commodity,
    "trade_releases": import_trade_releases,
    "mirror": import_mirror,
    "export_orders": import_export_orders,
    "overseas_production_ratio": import_overseas_production_ratio,
    "production_survey": import_production_survey,
    "japan_taiwan": import_japan_taiwan,
    "ic_exports_by_destination": import_ic_exports_by_destination,
    "us_exports_by_product": import_us_exports_by_product,
    "export_orders_monthly": import_export_orders_monthly,
}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    ref = Path(args[0]) if args else DEFAULT_REFERENCE
    data_dir = Path(args[1]) if len(args) > 1 else ROOT / "data"
    for name, importer in IMPORTERS.items():
        frame = importer(ref)
        write_csv_atomic(frame, data_dir / f"{name}.csv")
        print(f"{name}: {len(frame)} rows")
    registry.refresh_file_entries(data_dir)
    datapackage.write(data_dir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
