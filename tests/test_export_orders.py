"""helpers.analysis.export_orders on the real snapshot: who places Taiwan's export orders, and how they compare
with customs exports.

Figures are the MOEA export orders release (data/export_orders.csv; 2025 preliminary: total US$743.73 bn,
US 268.34, ASEAN 139.54, China + Hong Kong 137.80) and MOF customs exports (data/trade_by_partner.csv).
"""

import pandas as pd
import pytest
from export_orders_support import orders  # noqa: F401

from helpers.analysis import export_orders as eo
from helpers.analysis import metrics
from helpers.snapshot import load
from helpers.text import export_orders as orders_text
from helpers.text import format as fmt

Y = lambda year: pd.Period(str(year), freq="Y")  # noqa: E731


@pytest.fixture(scope="module")
def paired(orders):
    return eo.orders_vs_exports(orders, load("trade_by_partner", flow="export"), eo.REGIONS)


def test_the_us_placed_36_point_1_percent_of_2025_orders(orders):
    shares = eo.region_shares(orders, eo.REGIONS).set_index(["period", "region"])
    assert shares.loc[(Y(2025), "USA"), "share_pct"] == pytest.approx(268.34 / 743.73 * 100)
    assert round(shares.loc[(Y(2025), "USA"), "share_pct"], 1) == 36.1


def test_computed_shares_agree_with_every_share_the_releases_publish(orders):
    computed = eo.region_shares(orders, eo.REGIONS).set_index(["period", "region"])["share_pct"]
    published = orders.dropna(subset=["share_pct"]).set_index(["period", "region"])["share_pct"]
    assert len(published) == 13
    # levels are rounded to US$0.01 bn, so a share computed from them may round the other way
    assert (computed.loc[published.index] - published).abs().max() <= 0.06


def test_a_share_from_a_derived_level_is_marked_derived(orders):
    shares = eo.region_shares(orders, eo.REGIONS).set_index(["period", "region"])
    assert shares.loc[(Y(2016), "USA"), "basis"] == "derived"  # 137.81 / 1.080
    assert shares.loc[(Y(2017), "USA"), "basis"] == "headline"


def test_asean_orders_overtook_china_and_hong_kong_in_2025_for_the_first_time_in_the_snapshot(orders):
    crossing = metrics.crossover(eo.levels(orders, ["ASEAN", "CHN+HKG"]), "ASEAN", "CHN+HKG", key="region")
    assert crossing.period == Y(2025) and not crossing.led_before
    assert crossing.data_start == Y(2014)


def test_asean_is_asean_6_only_where_the_release_says_so(orders):
    six, unstated = eo.asean_definition_years(orders)
    assert six == [2016, 2017, 2019, 2020]
    assert unstated == [2014, 2022, 2023, 2024, 2025]


def test_us_orders_in_2025_were_1_35_times_customs_exports_to_the_us(paired):
    row = paired.set_index(["period", "region"]).loc[(Y(2025), "USA")]
    assert row["orders_usd"] == pytest.approx(268.34e9) and row["exports_usd"] == pytest.approx(198.27e9, rel=1e-4)
    assert round(row["orders_per_export"], 2) == 1.35
    assert row["gap_usd"] == pytest.approx(row["orders_usd"] - row["exports_usd"])


def test_customs_exports_to_china_and_hong_kong_exceed_orders_from_there(paired):
    china = paired.loc[paired["region"] == "CHN+HKG"].dropna(subset=["orders_per_export"])
    assert (china["gap_usd"] < 0).sum() >= 8


def test_a_year_without_orders_stays_a_gap_beside_customs_exports(paired):
    japan = paired.set_index(["period", "region"]).loc[(Y(2024), "JPN")]
    assert pd.isna(japan["orders_usd"]) and japan["exports_usd"] > 0 and pd.isna(japan["gap_usd"])


def test_side_by_side_panels_cover_every_year_and_flag_derived_orders(paired):
    panels, derived = eo.side_by_side(paired, 2016, 2025)
    assert list(panels) == ["USA", "CHN+HKG", "EUR", "JPN", "ASEAN"]
    asean = panels["ASEAN"]
    assert list(asean.columns) == ["orders", "exports"]
    assert [p.year for p in asean.index] == list(range(2016, 2026))
    assert asean.loc[Y(2025), "orders"] == pytest.approx(139.54) and pd.isna(asean.loc[Y(2018), "orders"])
    assert derived["ASEAN"].loc[Y(2024), "orders"] and not derived["ASEAN"].loc[Y(2025), "orders"]


def test_the_overseas_production_ratio_splits_into_annual_and_monthly_figures():
    ratio = load("overseas_production_ratio")
    annual = eo.production_ratio(ratio, "A", 2016, 2025)
    monthly = eo.production_ratio(ratio, "M", 2016, 2025)
    assert [(str(p), v) for p, v in zip(annual["period"], annual["ratio_pct"])] == [
        ("2019", 52.5), ("2020", 54.0), ("2021", 51.5), ("2025", 47.1)]
    assert str(monthly["period"].iloc[-1]) == "2025-12" and monthly["ratio_pct"].iloc[-1] == 46.5


def test_asean_is_named_without_a_member_count():
    assert fmt.name("ASEAN", names=orders_text.REGION_NAMES) == "ASEAN"
    assert fmt.name("ASEAN") == "ASEAN-10"
    assert fmt.name("USA", True, names=orders_text.REGION_NAMES) == "the United States"
