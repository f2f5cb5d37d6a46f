"""Reading the project's hand-written YAML files (sources registry, claims registry, report catalogue)
with errors that name the file instead of a bare parser traceback."""

from __future__ import annotations

from pathlib import Path

import yaml


def read_yaml_mapping(path: Path, what: str, error: type[Exception] = ValueError,
                      missing: type[Exception] = FileNotFoundError) -> dict:
    """The top-level mapping of a YAML file. A missing file raises ``missing``; bad YAML or a
    document that is not a mapping raises ``error``; each message names ``what`` and the file."""
    path = Path(path)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise missing(f"{what} not found: {path}") from None
    except yaml.YAMLError as parse_error:
        raise error(f"{what} {path.name} is not valid YAML: {parse_error}") from None
    if not isinstance(document, dict):
        raise error(f"{what} {path.name} must be a mapping at the top level")
    return document
