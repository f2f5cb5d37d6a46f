"""JSON Schemas of the project's hand-written YAML files (``helpers/schemas/*.schema.json``: sources registry,
claims registry, report catalogue, policy events), and their problems in plain words.

Each schema documents its file's format; readers check a document, or one entry at a time against a
definition of the schema (``$defs``), so that where one bad entry must not stop the others it does not.
"""

from __future__ import annotations

import json
import sys
from functools import cache, lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError

# jsonschema's optional checker of the "iri" format (the rfc3987-syntax package, installed with Jupyter) builds a
# parser on import: over a second of CPU in every process that reads the registry. These schemas use no "format",
# so jsonschema is imported without it (and the package stays importable for anyone else afterwards).
_UNUSED_FORMAT_CHECKER = "rfc3987_syntax"


@lru_cache(maxsize=1)
def _jsonschema():
    if _UNUSED_FORMAT_CHECKER in sys.modules:
        import jsonschema
        return jsonschema
    sys.modules[_UNUSED_FORMAT_CHECKER] = None  # makes its import fail, which jsonschema tolerates
    try:
        import jsonschema
    finally:
        del sys.modules[_UNUSED_FORMAT_CHECKER]
    return jsonschema


@cache
def schema(name: str) -> dict:
    """The schema ``helpers/schemas/<name>.schema.json``."""
    return json.loads(files("helpers").joinpath("schemas", f"{name}.schema.json").read_text(encoding="utf-8"))


@cache
def _validator(name: str, definition: str | None) -> Draft202012Validator:
    document = schema(name)
    if definition is not None:
        document = {"$defs": document["$defs"], "$ref": f"#/$defs/{definition}"}
    return _jsonschema().Draft202012Validator(document)


def where(error: ValidationError) -> str:
    return "/".join(str(part) for part in error.absolute_path)


def describe(error: ValidationError) -> str:
    """One problem in plain words, prefixed with the path of the offending value and followed by what the
    schema says the value should be."""
    prefix = f"{where(error)}: " if error.absolute_path else ""
    if error.validator == "required":
        missing = [key for key in error.validator_value if key not in error.instance]
        return f"{prefix}missing {', '.join(missing)}"
    if error.validator == "additionalProperties" and error.validator_value is False:
        allowed = sorted(error.schema.get("properties", {}))
        unknown = sorted(key for key in error.instance if key not in allowed)
        return f"{prefix}unknown keys {unknown}; allowed: {allowed}"
    hint = error.schema.get("description")
    return f"{prefix}{error.message}" + (f" ({hint})" if hint else "")


def problems(instance, name: str, definition: str | None = None) -> list[str]:
    """Every problem of ``instance`` against schema ``name`` (or its ``$defs/definition``), empty if none."""
    errors = sorted(_validator(name, definition).iter_errors(instance),
                    key=lambda error: ([str(part) for part in error.absolute_path], error.validator != "required"))
    return list(dict.fromkeys(describe(error) for error in errors))
