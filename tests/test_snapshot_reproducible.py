"""The snapshot is reproducible from the collected official statistics, byte for byte.

Runs only where the reference collection sits beside the repository (as in CI); the rest of the
suite never reads it.
"""

import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest

from helpers.snapshot import DATASETS, dataset_path, paths

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "data" / "reference"


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="reference collection not present beside the repository")
def test_importing_the_reference_collection_reproduces_the_snapshot(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import import_reference
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    copy = tmp_path / "data"
    copy.mkdir()
    shutil.copy(paths.data_dir() / "sources.yaml", copy / "sources.yaml")
    assert import_reference.main([str(REFERENCE), str(copy)]) == 0
    for name in DATASETS:
        rebuilt, committed = copy / f"{name}.csv", dataset_path(name)
        assert rebuilt.read_bytes() == committed.read_bytes(), f"{name}.csv differs from a fresh import"


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="reference collection not present beside the repository")
def test_no_figure_known_only_from_secondary_material_passes_for_official():
    # PROVENANCE.md section 12: rows whose publisher ends in "(secondary)"; the snapshot may leave them out or
    # carry them with status "secondary", never as an official final or preliminary figure.
    figures = pd.read_csv(REFERENCE / "releases_2025-09_2026-02" / "published_figures_2025-09_2026-02.csv", dtype=str)
    secondary = figures[figures["publisher"].str.endswith("(secondary)")]
    carried = []
    for name in DATASETS:
        frame = pd.read_csv(dataset_path(name), dtype=str, keep_default_na=False)
        if "reported_in" not in frame:
            continue
        for row in secondary.itertuples():
            same = frame[frame["reported_in"].str.contains(row.source_url_or_repo, regex=False)
                         & (frame["period"] == row.period)]
            carried += [(name, row.metric, row.period, status) for status in same["status"]]
    assert carried, "the 2025 survey shares and the product breakdowns are carried"
    assert {status for *_, status in carried} == {"secondary"}, carried
