"""helpers.analysis.metrics.total_trade and ranks: totals are exports plus imports, ranks follow the values,
and a missing figure gives a gap, never a total of one flow or a rank in an incomplete field."""

import math

import pandas as pd
import pytest

from helpers import snapshot
from helpers.analysis import metrics


def frame(rows):
    df = pd.DataFrame(rows, columns=["period", "flow", "partner", "value_usd"])
    df["period"] = df["period"].map(lambda p: pd.Period(p, freq="Y"))
    return df


def test_total_trade_is_exports_plus_imports_and_a_gap_when_one_flow_is_missing():
    df = frame([("2020", "export", "A", 3.0), ("2020", "import", "A", 4.0), ("2021", "export", "A", 5.0)])
    total = metrics.total_trade(df).set_index("period")["value_usd"]
    assert total[pd.Period("2020")] == 7.0
    assert math.isnan(total[pd.Period("2021")])
    assert set(metrics.total_trade(df)["flow"]) == {"total"}


def test_total_trade_with_japan_in_2020_is_69_30_billion_from_taiwan_customs():
    # MOF u2010 (data/trade_by_partner.csv): exports to Japan 23,398,254 + imports 45,900,765 US$ thousand
    japan = snapshot.load("trade_by_partner", freq="A", partner="JPN")
    total = metrics.value_at(metrics.total_trade(japan), 2020, partner="JPN")
    assert total == pytest.approx(69_299_019e3)


def test_total_trade_refuses_duplicated_flows():
    df = frame([("2020", "export", "A", 3.0), ("2020", "export", "A", 3.0), ("2020", "import", "A", 4.0)])
    with pytest.raises(ValueError, match="more than one export or import row"):
        metrics.total_trade(df)


def test_ranks_put_the_largest_first_and_ties_share_the_best_rank():
    df = frame([("2020", "total", "A", 10.0), ("2020", "total", "B", 30.0), ("2020", "total", "C", 10.0)])
    ranked = metrics.ranks(df, ["A", "B", "C"]).set_index("partner")["rank"]
    assert ranked.to_dict() == {"B": 1.0, "A": 2.0, "C": 2.0}


def test_ranks_are_gaps_for_every_candidate_in_a_period_where_one_candidate_has_no_value():
    df = frame([("2020", "total", "A", 10.0), ("2020", "total", "B", 30.0),
                ("2021", "total", "A", 10.0), ("2021", "total", "B", float("nan"))])
    ranked = metrics.ranks(df, ["A", "B"])
    assert ranked.loc[ranked.period == pd.Period("2021"), "rank"].isna().all()
    assert ranked.loc[ranked.period == pd.Period("2020"), "rank"].notna().all()


def test_ranks_refuse_a_candidate_listed_twice():
    with pytest.raises(ValueError, match="listed twice"):
        metrics.ranks(frame([("2020", "total", "A", 1.0)]), ["A", "A"])


def test_years_of_an_empty_frame_is_an_empty_frame():
    empty = frame([])
    assert metrics.years(empty, 2001, 2024).empty
