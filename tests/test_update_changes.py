"""The change report's content and the continuity rule."""

from pathlib import Path

import pandas as pd
import pytest

from helpers.snapshot import DataValidationError
from helpers.update.changes import Changes, check_continuity, compare, describe, series_columns

COLUMNS = ["freq", "period", "flow", "partner", "value_usd_thousand", "status", "basis", "source", "note"]


BEFORE = pd.DataFrame([
    ("M", "2025-07", "export", "USA", 100.0, "final", "table", "mof_u2010", ""),
    ("M", "2025-08", "export", "USA", 200.0, "preliminary", "table", "mof_press_2025_08", ""),
], columns=COLUMNS)


def after(*extra, usa_august=200.0, source="mof_u2010"):
    frame = BEFORE.copy()
    frame.loc[1, ["value_usd_thousand", "status", "source"]] = [usa_august, "final", source]
    return pd.concat([frame, pd.DataFrame(list(extra), columns=COLUMNS)], ignore_index=True) if extra else frame


def test_series_are_identified_by_the_key_without_frequency_and_period():
    assert series_columns("trade_by_partner") == ["flow", "partner"]
    assert series_columns("mirror") == ["reporter", "flow"]


def test_new_periods_and_new_partners_are_told_apart():
    changes = compare("trade_by_partner", BEFORE, after(
        ("M", "2025-09", "export", "USA", 210.0, "preliminary", "table", "mof_u2010", ""),
        ("M", "2025-08", "export", "DEU", 20.0, "final", "table", "mof_u2010", "")))
    assert changes.new_periods == ["M 2025-09"]
    assert changes.new_series == ["M export DEU"]


def test_a_value_filling_a_gap_of_a_held_period_is_listed_as_a_new_value():
    before = pd.concat([BEFORE, pd.DataFrame([("M", "2025-08", "import", "USA", 50.0, "final", "table", "mof_u2010", ""),
                                              ("M", "2025-07", "import", "USA", 40.0, "final", "table", "mof_u2010", "")],
                                             columns=COLUMNS)]).iloc[[0, 1, 3]]  # July imports, no August imports
    changes = compare("trade_by_partner", before.reset_index(drop=True), pd.concat([before, pd.DataFrame(
        [("M", "2025-08", "import", "USA", 50.0, "final", "table", "mof_u2010", "")], columns=COLUMNS)]))
    assert (changes.new_values, changes.new_periods, changes.new_series) == (["M 2025-08 import USA"], [], [])
    assert "  new values in periods already held: M 2025-08 import USA" in describe(changes)


def test_a_revision_above_the_threshold_is_listed_with_old_and_new_value_and_vintage():
    changes = compare("trade_by_partner", BEFORE, after(usa_august=230.0))
    assert changes.revised == ["M 2025-08 export USA: 200 → 230 (+15.00%) [mof_press_2025_08 → mof_u2010]"]
    assert changes.status_changes == 1


def test_a_revision_below_the_threshold_is_only_counted():
    changes = compare("trade_by_partner", BEFORE, after(usa_august=200.1), threshold=0.01)
    assert changes.revised == [] and changes.minor_revisions == 1


def test_a_value_now_from_the_new_release_is_a_source_change():
    assert compare("trade_by_partner", BEFORE, after()).source_changes == 1


def test_identical_frames_have_nothing_to_report():
    changes = compare("trade_by_partner", BEFORE, BEFORE.copy())
    assert not changes.anything
    assert describe(changes) == ["trade_by_partner.csv: no change"]


def test_the_description_lists_every_kind_of_change():
    changes = Changes("mirror", new_periods=["M 2025-12"], new_series=["M USA balance"], revised=["x: 1 → 2"],
                      minor_revisions=3, replaced_rows=4, status_changes=5, source_changes=6, rows_before=1, rows_after=2)
    text = "\n".join(describe(changes))
    for expected in ("mirror.csv: 1 → 2 rows", "new periods: M 2025-12", "new partners/series: M USA balance",
                     "old → new:\n    x: 1 → 2", "3 smaller revision(s)", "4 row(s) of an earlier vintage",
                     "5 status change(s)", "6 value(s) unchanged but now from the new release's source"):
        assert expected in text


def test_continuity_holds_when_every_old_key_is_still_there():
    check_continuity("trade_by_partner", BEFORE, after(), Path("trade_by_partner.csv"))


def test_a_disappearing_period_breaks_continuity_and_is_named():
    with pytest.raises(DataValidationError, match="trade_by_partner.csv: rule 'no period or partner disappears' "
                                                  "violated: the release would drop 1 value\\(s\\) the snapshot has: "
                                                  "M 2025-07 export USA"):
        check_continuity("trade_by_partner", BEFORE, BEFORE.iloc[1:], Path("trade_by_partner.csv"))
