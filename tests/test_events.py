"""helpers.analysis.events: one documented list of dated policy events for chart markers."""

import pandas as pd

from helpers.analysis import events


def test_default_markers_are_the_four_issue_events():
    labels = events.load()["id"].tolist()
    assert labels == ["us_tariffs_on_china_2018", "covid_pandemic", "us_chips_act", "us_tariff_on_taiwan_2025"]


def test_every_event_says_where_it_was_reported_and_has_a_short_label():
    frame = events.load(markers_only=False)
    assert frame["where_reported"].str.len().gt(3).all()
    assert frame["label"].str.len().le(28).all()
    assert len(frame) == len(events.ids())


def test_date_range_filter_keeps_the_whole_end_year():
    assert events.load(start=2019, end=2022)["id"].tolist() == ["covid_pandemic", "us_chips_act"]
    assert events.load(start=2026)["id"].tolist() == []


def test_us_tariff_on_taiwan_took_effect_on_7_august_2025():
    row = events.load(ids=["us_tariff_on_taiwan_2025"]).iloc[0]
    assert row["date"] == pd.Timestamp("2025-08-07") and row["precision"] == "day"
