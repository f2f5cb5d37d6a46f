"""Reading and writing snapshot files safely: one CSV dialect, checksums, write-then-rename."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas only for the annotation: a no-op report build never needs to import it
    import pandas as pd


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def write_bytes_atomic(data: bytes, path: Path) -> None:
    """Write to a temporary file beside ``path`` and rename it over, so readers never see half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; snapshot files are meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The snapshot's CSV dialect: UTF-8, comma, LF, no index, shortest exact float repr."""
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def write_csv_atomic(frame: pd.DataFrame, path: Path) -> None:
    write_bytes_atomic(csv_bytes(frame), path)
