"""The data snapshot: where it lives (``paths``), what each file holds (``schemas``), the rules it keeps
(``rules``), loading it as tidy frames (``loader``), its sources registry (``registry``), partner codes
(``partners``) and safe file writing (``files``).

The names below are the layer's public interface, e.g. ``from helpers.snapshot import load``. They are
imported on first use, so that the report manifest can use ``helpers.snapshot.files`` without pandas.
"""

import importlib

_PUBLIC = {
    "load": "loader", "vintage": "loader", "dataset_path": "loader", "served": "loader",
    "DATASETS": "schemas", "SCHEMAS": "schemas", "Schema": "schemas",
    "validate": "rules", "read_snapshot_csv": "rules",
    "DataValidationError": "rules", "SnapshotFileError": "rules",
    "data_dir": "paths",
}
__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    if name in _PUBLIC:
        return getattr(importlib.import_module(f"{__name__}.{_PUBLIC[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
