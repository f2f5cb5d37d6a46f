"""Report headers: data vintage and sources from the snapshot, package version and git commit."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from helpers.reports.provenance import UNKNOWN, build_info, describe_datasets, git_commit, package_version, utc_now

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_DATA = Path(__file__).parent / "fixtures" / "project" / "data"


def test_the_real_snapshot_gives_a_vintage_and_the_publishers_of_each_dataset():
    [partner] = describe_datasets(["trade_by_partner"], ROOT / "data")
    assert re.fullmatch(r"\d{4} \(annual\), \d{4}-\d{2} \(monthly\)", partner.vintage)
    assert any(source.publisher.startswith("Ministry of Finance") for source in partner.sources)
    assert all(source.licence for source in partner.sources)


def test_a_dataset_unknown_to_the_loaders_has_an_unknown_vintage_but_its_registry_sources(tmp_path):
    [alpha] = describe_datasets(["alpha"], FIXTURE_DATA)
    assert alpha.vintage == UNKNOWN
    assert [(s.publisher, s.licence) for s in alpha.sources] == [
        ("Fixture Statistics Office", "Open Government Data License, Taiwan, version 1.0")]


def test_a_missing_registry_or_source_id_gives_unknown_not_a_crash(tmp_path):
    assert describe_datasets(["alpha"], tmp_path)[0].sources == ()
    (tmp_path / "sources.yaml").write_text("sources: {}\nfiles: {alpha.csv: {sources: [gone]}}\n")
    [source] = describe_datasets(["alpha"], tmp_path)[0].sources
    assert (source.publisher, source.dataset, source.licence) == (UNKNOWN, "gone", UNKNOWN)


def test_git_commit_names_the_checked_out_commit_or_unknown_outside_a_repository(tmp_path):
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    assert head.startswith(git_commit(ROOT).removesuffix("-dirty"))
    assert git_commit(tmp_path) == UNKNOWN


def test_build_info_has_the_package_version_and_a_utc_time():
    info = build_info(ROOT)
    assert info.package_version == package_version() == "0.1.0"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC", utc_now())
