"""The sources registry: every file and every row traceable to an official publisher."""

import pandas as pd
import pytest

from helpers import snapshot
from helpers.snapshot import paths, registry
from helpers.snapshot.files import sha256

REQUIRED_SOURCE_FIELDS = ("publisher", "dataset", "dataset_id", "url", "licence", "obtained", "caveats")


def test_every_snapshot_file_has_a_registry_entry_with_its_current_checksum():
    files = registry.load_registry()["files"]
    for name in snapshot.DATASETS:
        path = snapshot.dataset_path(name)
        assert files[path.name]["sha256"] == sha256(path), f"{path.name}: checksum in sources.yaml is stale"
        assert files[path.name]["description"]


@pytest.mark.parametrize("source_id", sorted(registry.load_registry()["sources"]))
def test_every_source_names_publisher_dataset_url_and_licence(source_id):
    entry = registry.source(source_id)
    missing = [field for field in REQUIRED_SOURCE_FIELDS if not entry.get(field)]
    assert not missing, f"source {source_id} lacks {missing}"


def test_taiwan_series_carry_the_open_government_data_licence_and_census_is_public_domain():
    assert registry.source("mof_u2010")["licence"] == "Open Government Data License, Taiwan, version 1.0"
    assert registry.source("census_country_xlsx")["licence"].startswith("Public domain")


def test_publishers_are_listed_once_in_first_seen_order():
    assert registry.publishers(["mof_u2010", "census_c5830_page", "mof_press_2025_08", "census_country_xlsx"]) == [
        "Ministry of Finance, R.O.C. (Taiwan)", "U.S. Census Bureau",
        "Ministry of Finance, R.O.C. (Taiwan), Department of Statistics"]


def test_text_names_a_publisher_by_its_short_name_where_the_registry_gives_one():
    assert registry.short_name("taitra_japan_taiwan") == "TAITRA"
    assert registry.short_name("census_country_xlsx") == registry.source("census_country_xlsx")["publisher"]


def test_an_unknown_source_id_lists_the_known_ones():
    with pytest.raises(KeyError, match="unknown source id 'blog'; the registry has: census_c5830_page"):
        registry.source("blog")


def test_refreshing_file_entries_records_checksum_rows_and_coverage(tmp_path):
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(paths.data_dir(), copy)
    (copy / "export_orders.csv").write_text((copy / "export_orders.csv").read_text().splitlines()[0] + "\n"
                                            + "\n".join((copy / "export_orders.csv").read_text().splitlines()[1:3]) + "\n")
    refreshed = registry.refresh_file_entries(copy, retrieved="2026-11-21T00:00:00Z")
    entry = refreshed["files"]["export_orders.csv"]
    assert entry["rows"] == 2 and entry["sha256"] == sha256(copy / "export_orders.csv")
    assert refreshed["retrieved"] == "2026-11-21T00:00:00Z"
    assert registry.load_registry(copy)["files"]["export_orders.csv"]["rows"] == 2


def test_refreshing_rejects_a_file_citing_an_unregistered_source(tmp_path):
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(paths.data_dir(), copy)
    path = copy / "production_survey.csv"
    path.write_text(path.read_text().replace("moea_production_survey", "unknown_source", 1))
    with pytest.raises(ValueError, match="production_survey.csv cites source ids missing from .*: unknown_source"):
        registry.refresh_file_entries(copy)


def test_coverage_of_free_text_periods_runs_from_the_earliest_point_named_to_the_latest():
    frame = pd.DataFrame({"period": ["1952 to 2011-08", "to end-2018", "2024-01..2024-06", "2013", "2011-2012"]})
    assert registry.coverage(frame) == "1952 to 2024-06"
