"""Where the data snapshot lives: the one place every loader, the registry, the updater and the report
manifest ask.

The directory is, in order: the one a caller passes (``--data-dir`` options, ``directory=`` arguments), the
environment variable ``TRADE_PIVOT_DATA_DIR``, or the ``data/`` folder (holding ``sources.yaml``) of the
project found by searching upward from the current directory, then from this package's own files (a
checkout with an editable install). A package installed as a wheel therefore works from inside a project
checkout or with the variable set, and says so when neither holds.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "TRADE_PIVOT_DATA_DIR"
DATA_FOLDER = "data"
REGISTRY_FILE = "sources.yaml"


class DataDirectoryNotFound(FileNotFoundError):
    """No data snapshot could be found; the message says how to point at one."""


def project_data_dir(root: Path) -> Path:
    """The snapshot folder of the project checked out at ``root``."""
    return Path(root) / DATA_FOLDER


def _project_above(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (project_data_dir(folder) / REGISTRY_FILE).is_file():
            return project_data_dir(folder)
    return None


def data_dir() -> Path:
    """The snapshot folder in use (see the module docstring for the order)."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        return Path(configured)
    for start in (Path.cwd(), Path(__file__).resolve().parent):
        found = _project_above(start)
        if found is not None:
            return found
    raise DataDirectoryNotFound(
        f"no data snapshot found: no {DATA_FOLDER}/{REGISTRY_FILE} above {Path.cwd()} or the installed package; "
        f"run from a project checkout or set {ENV_VAR} to the folder holding {REGISTRY_FILE}")


def dataset_path(name: str, directory: Path | None = None) -> Path:
    """The CSV file of dataset ``name`` (``<data dir>/<name>.csv``)."""
    return Path(directory or data_dir()) / f"{name}.csv"
