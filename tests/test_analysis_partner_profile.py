"""helpers.analysis.partner_profile: one partner's frames, on small frames computed by hand and on the snapshot."""

import math

import pandas as pd
import pytest
from frames_support import tidy as frame

from helpers.analysis import partner_profile as analysis
from helpers.snapshot import load


@pytest.fixture
def trade():
    # Exports: world 100 → 150, US 20 → 50; imports: world 80 → 90, US 10 → 15.
    return analysis.trade(frame([
        ("2020", "export", "WLD", 100.0), ("2020", "export", "USA", 20.0), ("2020", "import", "WLD", 80.0),
        ("2020", "import", "USA", 10.0), ("2021", "export", "WLD", 150.0), ("2021", "export", "USA", 50.0),
        ("2021", "import", "WLD", 90.0), ("2021", "import", "USA", 15.0), ("2022", "export", "USA", 60.0),
    ]), end=2021)


def test_flows_give_exports_imports_and_the_balance_to_the_end_year(trade):
    flows = analysis.flows(trade, "USA", 2020)
    assert list(flows.columns) == ["export", "import", "balance"]
    assert flows.loc[pd.Period("2021")].tolist() == [50.0, 15.0, 35.0]
    assert pd.Period("2022") not in flows.index


def test_shares_are_of_taiwans_exports_and_imports(trade):
    shares = analysis.shares(trade, "USA", 2021)
    assert shares.loc[pd.Period("2021"), "export"] == pytest.approx(100 / 3)  # 50/150
    assert shares.loc[pd.Period("2021"), "import"] == pytest.approx(100 / 6)  # 15/90


def test_contributions_are_the_partners_change_over_the_previous_total(trade):
    contrib = analysis.contributions(trade, "USA", 2020)
    assert math.isnan(contrib.loc[pd.Period("2020"), "contribution_pp"])
    assert contrib.loc[pd.Period("2021"), "contribution_pp"] == pytest.approx(30.0)  # (50 − 20)/100
    assert contrib.loc[pd.Period("2021"), "total_growth_pct"] == pytest.approx(50.0)


def goods_frame(rows):
    df = pd.DataFrame(rows, columns=["period", "destination", "commodity", "commodity_label", "value_usd"])
    df["period"] = df["period"].map(lambda p: pd.Period(p, freq="Y"))
    return df


def test_top_goods_rank_the_groups_of_the_latest_year_without_the_sums(trade):
    goods = goods_frame([
        ("2020", "USA", "ict_av", "ICT", 5.0), ("2021", "USA", "ict_av", "ICT", 30.0),
        ("2021", "USA", "electronic_components", "Chips", 10.0), ("2021", "USA", "total", "Total", 50.0),
        ("2022", "USA", "ict_av", "ICT", 99.0),
    ])
    found = analysis.top_goods(goods, trade, "USA", end=2021)
    assert found.year == pd.Period("2021")
    assert found.top.to_dict() == {"ict_av": 30.0, "electronic_components": 10.0}
    assert found.total == 50.0 and found.labels["electronic_components"] == "Chips"


def test_a_partner_without_product_groups_gets_no_year_and_no_total(trade):
    goods = goods_frame([("2021", "CHN+HKG", "ict_av", "ICT", 5.0)])
    found = analysis.top_goods(goods, trade, "USA", end=2021)
    assert found.year is None and found.top.empty and math.isnan(found.total)


def test_the_snapshot_profile_of_china_and_hong_kong():
    annual = load("trade_by_partner", freq="A")
    trade = analysis.trade(annual, end=2025)
    flows = analysis.flows(trade, "CHN+HKG", 2001)
    both = flows.dropna()
    assert len(both) > 20 and (both["balance"] == both["export"] - both["import"]).all()
    goods = load("trade_by_commodity", freq="A")
    found = analysis.top_goods(goods, trade, "CHN+HKG", end=2025)
    assert found.year is not None and found.top.is_monotonic_decreasing
    assert found.top.sum() <= found.total
    assert analysis.top_goods(goods, trade, "USA", end=2025).year is None  # product groups: world and China only
