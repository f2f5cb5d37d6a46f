"""The validated loaders, on the real snapshot and on small broken copies of it."""

import shutil

import pandas as pd
import pytest

from helpers.snapshot import (
    DATASETS,
    DataValidationError,
    SnapshotFileError,
    dataset_path,
    load,
    paths,
    registry,
    vintage,
)


def annual_exports(partners):
    frame = load("trade_by_partner", freq="A", flow="export", partner=partners)
    return frame.pivot(index="period", columns="partner", values="value_usd")


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


def test_annual_series_run_from_2001_to_2025_and_monthly_from_2001_01():
    annual = load("trade_by_partner", freq="A", partner="WLD", flow="export")
    monthly = load("trade_by_partner", freq="M", partner="WLD", flow="export")
    assert str(annual.period.min()) == "2001" and str(annual.period.max()) == "2025"
    assert str(monthly.period.min()) == "2001-01"
    assert len(monthly) == len(pd.period_range(monthly.period.min(), monthly.period.max(), freq="M"))


def test_snapshot_carries_every_asean_member_and_the_key_partners():
    partners = set(load("trade_by_partner", freq="A", period=pd.Period("2024", "Y")).partner)
    expected = {"WLD", "USA", "CHN", "HKG", "JPN", "KOR", "IND", "MEX", "EUR", "CHN+HKG", "ASEAN",
                "BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"}
    assert expected <= partners


def test_china_plus_hong_kong_is_computed_from_its_members_where_both_exist():
    frame = load("trade_by_partner", freq="A", flow="export", partner=["CHN", "HKG", "CHN+HKG"])
    wide = frame.pivot(index="period", columns="partner", values="value_usd").loc[:"2024"]
    pd.testing.assert_series_equal(wide["CHN+HKG"], wide.CHN + wide.HKG, check_names=False)


def test_published_aggregate_is_used_where_members_are_missing():
    row = load("trade_by_partner", freq="A", flow="export", partner="CHN+HKG", period=pd.Period("2025", "Y")).iloc[0]
    assert row.value_usd == pytest.approx(170.48e9)  # MOF release, 2026-01-09: 1,704.8 億美元
    assert (row.status, row.basis) == ("preliminary", "headline")


def test_exports_in_2024_match_the_mof_table_of_us_475_0_billion():
    # MOF Aug-2025 press table 8: 2024 exports 474,995.711 US$ million
    assert annual_exports(["WLD"]).loc[pd.Period("2024", "Y"), "WLD"] == pytest.approx(474_995_711_000, abs=1e3)


def test_us_share_of_exports_in_2025_is_30_9_percent_and_china_hk_26_6_percent():
    # MOF release of 2026-01-09 (via LTN/UDN): US 30.9 %, China + Hong Kong 26.6 % (26.61 % precise)
    shares = annual_exports(["WLD", "USA", "CHN+HKG"]).loc[pd.Period("2025", "Y")]
    assert round(shares.USA / shares.WLD * 100, 1) == 30.9
    assert round(shares["CHN+HKG"] / shares.WLD * 100, 2) == 26.61


def test_china_hk_share_peaked_at_43_9_percent_in_2020():
    # MOF/MOEA (UDN): share peaked at 43.9 % in 2020
    wide = annual_exports(["WLD", "CHN+HKG"])
    share = wide["CHN+HKG"] / wide.WLD * 100
    assert share.idxmax() == pd.Period("2020", "Y") and round(share.max(), 1) == 43.9


def test_us_reported_imports_from_taiwan_in_2024_were_116_3_billion():
    # US Census c5830: 2024 imports from Taiwan 116,255.1 US$ million
    row = load("mirror", freq="A", reporter="USA", flow="import", period=pd.Period("2024", "Y")).iloc[0]
    assert row.value_usd == pytest.approx(116_255.1e6)


def test_survey_shares_match_moea_in_2016_and_2024():
    # MOEA DoS survey: 2016 China+HK 51.3 %, Taiwan 45.8 %; 2024 China+HK 33.1 %, Taiwan 51.4 %
    survey = load("production_survey").set_index(["period", "location"]).share_pct
    assert survey[(pd.Period("2016", "Y"), "CHN+HKG")] == 51.3
    assert survey[(pd.Period("2016", "Y"), "TWN")] == 45.8
    assert survey[(pd.Period("2024", "Y"), "CHN+HKG")] == 33.1
    assert survey[(pd.Period("2024", "Y"), "TWN")] == 51.4


def test_taitra_headline_and_investment_commission_series_are_kept_apart():
    frame = load("japan_taiwan", measure="fdi_cumulative_amount", direction="JPN->TWN")
    by_series = frame.groupby("series").value.max()
    assert by_series["taitra_headline"] == 48.7 and by_series["investment_commission_cumulative"] == 20.8
    assert set(frame.source) == {"taitra_japan_taiwan", "moea_investment_commission"}


def test_filters_accept_a_value_or_a_list_and_reject_unknown_columns():
    assert set(load("trade_by_partner", partner=["USA", "JPN"]).partner) == {"USA", "JPN"}
    with pytest.raises(ValueError, match="cannot filter 'trade_by_partner' on 'country'"):
        load("trade_by_partner", country="USA")


def test_unknown_dataset_and_frequency_name_the_allowed_values():
    with pytest.raises(ValueError, match="available datasets: trade_by_partner"):
        load("trade")
    with pytest.raises(ValueError, match="freq must be one of A, M"):
        load("trade_by_partner", freq="Q")


def test_vintage_names_the_latest_period_of_each_frequency():
    assert vintage("trade_by_partner") == "2025 (annual), 2025-08 (monthly)"
    assert vintage("export_orders") == "2025"


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
