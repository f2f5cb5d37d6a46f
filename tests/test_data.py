"""The validated loaders, on the real snapshot and on small broken copies of it."""

import shutil

import pandas as pd
import pytest

from helpers.snapshot import DATASETS, DataValidationError, SnapshotFileError, dataset_path, load, paths, registry

# --- the real snapshot -------------------------------------------------------------------------

@pytest.mark.parametrize("name", DATASETS)
def test_every_dataset_loads_and_validates(name):
    frame = load(name)
    assert len(frame) > 0
    assert set(frame.source) <= set(registry.load_registry()["sources"])


def test_trade_by_partner_has_the_documented_schema():
    frame = load("trade_by_partner", freq="M")
    assert list(frame.columns) == ["period", "flow", "partner", "value_usd", "status", "basis", "source", "note"]
    assert frame.period.dtype == pd.PeriodDtype("M")
    assert frame.value_usd.dtype == float
    assert set(frame.flow) == {"export", "import"}
    assert set(frame.status) == {"final", "preliminary"}


def test_snapshot_carries_every_asean_member_and_the_key_partners():
    partners = set(load("trade_by_partner", freq="A", period=pd.Period("2024", "Y")).partner)
    expected = {"WLD", "USA", "CHN", "HKG", "JPN", "KOR", "IND", "MEX", "EUR", "CHN+HKG", "ASEAN",
                "BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"}
    assert expected <= partners


def test_china_plus_hong_kong_is_computed_from_its_members_where_both_exist():
    frame = load("trade_by_partner", freq="A", flow="export", partner=["CHN", "HKG", "CHN+HKG"])
    wide = frame.pivot(index="period", columns="partner", values="value_usd").loc[:"2024"]
    pd.testing.assert_series_equal(wide["CHN+HKG"], wide.CHN + wide.HKG, check_names=False)


def test_filters_accept_a_value_or_a_list_and_reject_unknown_columns():
    assert set(load("trade_by_partner", partner=["USA", "JPN"]).partner) == {"USA", "JPN"}
    with pytest.raises(ValueError, match="cannot filter 'trade_by_partner' on 'country'"):
        load("trade_by_partner", country="USA")


def test_unknown_dataset_and_frequency_name_the_allowed_values():
    with pytest.raises(ValueError, match="available datasets: trade_by_partner"):
        load("trade")
    with pytest.raises(ValueError, match="freq must be one of A, M"):
        load("trade_by_partner", freq="Q")


# --- broken copies -------------------------------------------------------------------------------

@pytest.fixture
def snapshot_copy(tmp_path):
    """A private copy of data/ that a test may break without touching the real snapshot."""
    target = tmp_path / "data"
    shutil.copytree(paths.data_dir(), target)
    return target


def append_line(path, line):
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")
    return len(path.read_text(encoding="utf-8").splitlines())


def test_a_missing_file_names_its_path(snapshot_copy):
    (snapshot_copy / "mirror.csv").unlink()
    with pytest.raises(SnapshotFileError, match=r"snapshot file not found: .*mirror\.csv"):
        load("mirror", directory=snapshot_copy)


def test_a_broken_copy_never_changes_the_real_snapshot(snapshot_copy):
    before = registry.sha256(dataset_path("trade_by_partner"))
    (snapshot_copy / "trade_by_partner.csv").write_text("garbage")
    with pytest.raises(DataValidationError):
        load("trade_by_partner", directory=snapshot_copy)
    assert registry.sha256(dataset_path("trade_by_partner")) == before


def test_a_short_row_at_the_end_of_the_real_file_names_its_line(snapshot_copy):
    last = append_line(snapshot_copy / "trade_by_partner.csv", "M,2025-09,export,USA")
    with pytest.raises(DataValidationError, match=rf"trade_by_partner\.csv, line {last}: rule 'fields per row' violated: "
                                                  r"4 field\(s\) where the header has 9"):
        load("trade_by_partner", directory=snapshot_copy)


def test_a_period_outside_the_grammar_in_the_real_file_names_its_line(snapshot_copy):
    path = snapshot_copy / "japan_taiwan.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("to end-2018,", "n/a?,", 1), encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"japan_taiwan\.csv, line \d+: rule 'period grammar' violated: "
                                                  r"period 'n/a\?' is not a text period"):
        load("japan_taiwan", directory=snapshot_copy)


def test_an_unrecorded_edit_that_keeps_every_rule_is_stopped_by_the_checksum(snapshot_copy):
    path = snapshot_copy / "export_orders.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")  # a row removed: every rule still holds
    with pytest.raises(DataValidationError, match=r"export_orders\.csv: rule 'checksum recorded in sources.yaml' violated: "
                                                  r".*trade-pivot-data --rehash export_orders\.csv"):
        load("export_orders", directory=snapshot_copy)


def test_freq_filters_the_text_period_ratio_and_is_refused_where_there_is_no_freq():
    assert set(load("overseas_production_ratio", freq="M").period.str.len()) == {7}
    with pytest.raises(ValueError, match="dataset 'export_orders' has no freq parameter"):
        load("export_orders", freq="A")
