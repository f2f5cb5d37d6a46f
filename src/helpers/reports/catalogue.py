"""The report catalogue (`reports.yaml`): every report, its notebook and parameters.

An entry with `variants:` fans out into one report per variant (e.g. one partner profile per key partner);
each variant names its report and title and adds its own parameters to the entry's.

Parameters are checked against the notebook's `parameters` cell before any kernel starts: an unknown name or a
value of the wrong type is an `EntryError` naming the catalogue entry. Reading the parameters cell needs no
kernel and no papermill import, so checking the whole catalogue takes milliseconds.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from helpers.snapshot.yaml_document import read_yaml_mapping

DEFAULT_KERNEL = "python3"
DEFAULT_CELL_TIMEOUT_SECONDS = 600
REPORT_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
ENTRY_KEYS = {"name", "title", "description", "notebook", "audience", "parameters", "variants", "depends_on"}
REQUIRED_ENTRY_KEYS = ("name", "title", "description", "notebook", "audience")
VARIANT_KEYS = {"name", "title", "description", "parameters"}
SETTINGS_KEYS = {"kernel", "cell_timeout_seconds"}


class CatalogueError(Exception):
    """The catalogue as a whole cannot be used (missing file, bad YAML, wrong shape)."""


class EntryError(Exception):
    """One catalogue entry is wrong; the message names the entry."""

    def __init__(self, entry: str, message: str):
        super().__init__(f"catalogue entry {entry!r}: {message}")
        self.entry = entry


@dataclass(frozen=True)
class Report:
    name: str
    title: str
    description: str
    notebook: str  # path relative to the project root, e.g. "notebooks/trade_pivot.ipynb"
    audience: str
    parameters: dict = field(default_factory=dict)
    # Files read other than through a literal `load("<name>")` call (e.g. data/claims.yaml), relative to the root.
    depends_on: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalogue:
    reports: list[Report]
    invalid: list[EntryError]  # entries (or variants) that cannot be built, with the reason
    kernel: str = DEFAULT_KERNEL
    cell_timeout_seconds: int = DEFAULT_CELL_TIMEOUT_SECONDS

    @property
    def names(self) -> list[str]:
        return [report.name for report in self.reports] + [error.entry for error in self.invalid]


def load_catalogue(path: Path, root: Path) -> Catalogue:
    """Read the catalogue, fan out variants and check every report against its notebook.

    Entries that fail a check are returned in `invalid` rather than raised, so one bad entry never stops
    the other reports from building. A catalogue that cannot be read at all raises `CatalogueError`.
    """
    document = read_yaml(path)
    settings = document.get("settings") or {}
    unknown_settings = set(settings) - SETTINGS_KEYS
    if unknown_settings:
        raise CatalogueError(f"{path.name}: unknown settings {sorted(unknown_settings)}; "
                             f"allowed: {sorted(SETTINGS_KEYS)}")
    reports: list[Report] = []
    invalid: list[EntryError] = []
    for number, entry in enumerate(document["reports"], start=1):
        try:
            expanded = expand_entry(entry, number)
        except EntryError as error:
            invalid.append(error)
            continue
        for report in expanded:
            try:
                check_parameters(report, notebook_parameters(report, root))
                check_dependencies_exist(report, root)
                reports.append(report)
            except EntryError as error:
                invalid.append(error)
    check_unique_names([r.name for r in reports] + [e.entry for e in invalid], path)
    return Catalogue(reports=reports, invalid=invalid,
                     kernel=settings.get("kernel", DEFAULT_KERNEL),
                     cell_timeout_seconds=int(settings.get("cell_timeout_seconds", DEFAULT_CELL_TIMEOUT_SECONDS)))


def read_yaml(path: Path) -> dict:
    document = read_yaml_mapping(path, "report catalogue", error=CatalogueError, missing=CatalogueError)
    if not isinstance(document.get("reports"), list):
        raise CatalogueError(f"{path.name} must have a top-level 'reports:' list")
    return document


def expand_entry(entry, number: int) -> list[Report]:
    """One catalogue entry -> its reports (one per variant, or the entry itself)."""
    label = entry.get("name", f"#{number}") if isinstance(entry, dict) else f"#{number}"
    if not isinstance(entry, dict):
        raise EntryError(label, "must be a mapping with name, title, description, notebook, audience")
    missing = [key for key in REQUIRED_ENTRY_KEYS if not entry.get(key)]
    if missing:
        raise EntryError(label, f"missing {', '.join(missing)}")
    unknown = set(entry) - ENTRY_KEYS
    if unknown:
        raise EntryError(label, f"unknown keys {sorted(unknown)}; allowed: {sorted(ENTRY_KEYS)}")
    base_parameters = mapping_or_error(entry.get("parameters"), label)
    variants = entry.get("variants")
    if variants is None:
        return [make_report(entry, entry, base_parameters)]
    if not isinstance(variants, list) or not variants:
        raise EntryError(label, "variants must be a non-empty list")
    reports = []
    for variant in variants:
        if not isinstance(variant, dict) or not variant.get("name") or not variant.get("title"):
            raise EntryError(label, f"each variant needs a name and a title, got {variant!r}")
        unknown = set(variant) - VARIANT_KEYS
        if unknown:
            raise EntryError(variant["name"], f"unknown keys {sorted(unknown)}; allowed: {sorted(VARIANT_KEYS)}")
        parameters = {**base_parameters, **mapping_or_error(variant.get("parameters"), variant["name"])}
        reports.append(make_report(entry, variant, parameters))
    return reports


def make_report(entry: dict, own: dict, parameters: dict) -> Report:
    """A report from an entry; `own` is the entry itself or one of its variants (which may override text)."""
    name = str(own["name"])
    if not REPORT_NAME.match(name):
        raise EntryError(name, "name must be lower-case letters, digits, '_' or '-' (it becomes a file name)")
    depends_on = entry.get("depends_on", [])
    if not isinstance(depends_on, list) or not all(isinstance(path, str) for path in depends_on):
        raise EntryError(name, f"depends_on must be a list of file paths, got {depends_on!r}")
    return Report(name=name, title=str(own["title"]),
                  description=str(own.get("description", entry["description"])),
                  notebook=str(entry["notebook"]), audience=str(entry["audience"]), parameters=parameters,
                  depends_on=tuple(depends_on))


def mapping_or_error(value, label: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise EntryError(label, f"parameters must be a mapping of name: value, got {value!r}")
    return dict(value)


def check_unique_names(names: list[str], path: Path) -> None:
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise CatalogueError(f"{path.name}: report names must be unique; repeated: {', '.join(duplicates)}")


def check_dependencies_exist(report: Report, root: Path) -> None:
    missing = [path for path in report.depends_on if not (root / path).is_file()]
    if missing:
        raise EntryError(report.name, f"depends_on names missing files: {', '.join(missing)}")


def notebook_parameters(report: Report, root: Path) -> dict[str, object]:
    try:
        return declared_parameters(root / report.notebook)
    except FileNotFoundError:
        raise EntryError(report.name, f"notebook {report.notebook} does not exist") from None
    except (ValueError, KeyError, SyntaxError) as error:
        raise EntryError(report.name, f"cannot read the parameters of {report.notebook}: {error}") from None


UNPARSEABLE = object()  # a declared default that is not a plain literal: its type cannot be checked


def declared_parameters(notebook: Path) -> dict[str, object]:
    """Name -> default value of each assignment in the notebook's cell tagged `parameters`."""
    for cell in notebook_cells(notebook):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            return parameters_in_source(cell_source(cell))
    return {}


def notebook_cells(notebook: Path) -> list[dict]:
    """The code cells of a notebook file, read as plain JSON (no nbformat import, no validation)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return [cell for cell in cells if cell.get("cell_type") == "code"]


def cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def parameters_in_source(source: str) -> dict[str, object]:
    declared: dict[str, object] = {}
    for statement in ast.parse(source).body:
        if isinstance(statement, ast.Assign):
            targets, value = statement.targets, statement.value
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            targets, value = [statement.target], statement.value
        else:
            continue
        for target in targets:
            if isinstance(target, ast.Name):
                declared[target.id] = literal_or_unparseable(value)
    return declared


def literal_or_unparseable(node: ast.expr) -> object:
    try:
        return ast.literal_eval(node)
    except ValueError:
        return UNPARSEABLE


def check_parameters(report: Report, declared: dict[str, object]) -> None:
    """Raise `EntryError` if a catalogue parameter is not declared by the notebook or has the wrong type."""
    for name, value in report.parameters.items():
        if name not in declared:
            allowed = ", ".join(sorted(declared)) or "none (the notebook has no cell tagged 'parameters')"
            raise EntryError(report.name, f"unknown parameter {name!r} for {report.notebook}; "
                                          f"the notebook declares: {allowed}")
        default = declared[name]
        if not same_kind(value, default):
            raise EntryError(report.name, f"parameter {name!r} must be {type(default).__name__} like the "
                                          f"notebook's default {default!r}, got {type(value).__name__} {value!r}")


def same_kind(value: object, default: object) -> bool:
    """Whether a catalogue value may replace a notebook default (ints are accepted for floats)."""
    if default is UNPARSEABLE or default is None:
        return True
    if isinstance(default, bool) or isinstance(value, bool):
        return type(value) is type(default)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    if isinstance(default, (list, tuple)):
        return isinstance(value, (list, tuple))
    return isinstance(value, type(default))
