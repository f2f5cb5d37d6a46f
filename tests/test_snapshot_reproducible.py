"""The snapshot is reproducible from the collected official statistics, byte for byte.

Runs only where the reference collection sits beside the repository (as in CI); the rest of the
suite never reads it.
"""

import shutil
import sys
from pathlib import Path

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
