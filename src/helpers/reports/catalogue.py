"""The report catalogue (`reports.yaml`): every report, its notebook and parameters.

An entry with `variants:` fans out into one report per variant (e.g. one partner profile per key partner);
each variant names its report and title and adds its own parameters to the entry's.

Parameters are checked against the notebook's `parameters` cell before any kernel starts: an unknown name or a
value of the wrong type is an `EntryError` naming the catalogue entry. Reading the parameters cell needs no
kernel and no papermill import, so checking the whole catalogue takes milliseconds.

A wrong entry or variant fails alone: it becomes an `EntryError` in its place, and the other reports build.
A wrong variant leaves its siblings alone; a wrong entry is recorded under each of its variants' names (or
its own when it has none), so that pages built before stay listed with the reason they were not rebuilt.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass, field
from pathlib import Path

from helpers.snapshot.yaml_document import read_yaml_mapping
from helpers.snapshot.yaml_schema import problems

DEFAULT_KERNEL = "python3"
DEFAULT_CELL_TIMEOUT_SECONDS = 600
# The form of the catalogue, its entries and variants is in helpers/schemas/reports.schema.json.


class CatalogueError(Exception):
    """The catalogue as a whole cannot be used (missing file, bad YAML, wrong shape)."""


class EntryError(Exception):
    """One catalogue entry or variant is wrong; the message names it."""

    def __init__(self, entry: str, reason: str):
        super().__init__(f"catalogue entry {entry!r}: {reason}")
        self.entry = entry
        self.reason = reason


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
    entries: list[Report | EntryError]  # in catalogue order; an EntryError stands for a report that cannot build
    kernel: str = DEFAULT_KERNEL
    cell_timeout_seconds: int = DEFAULT_CELL_TIMEOUT_SECONDS

    @property
    def reports(self) -> list[Report]:
        return [entry for entry in self.entries if isinstance(entry, Report)]

    @property
    def invalid(self) -> list[EntryError]:
        return [entry for entry in self.entries if isinstance(entry, EntryError)]

    @property
    def names(self) -> list[str]:
        return [entry_name(entry) for entry in self.entries]


def entry_name(entry: Report | EntryError) -> str:
    return entry.name if isinstance(entry, Report) else entry.entry


def load_catalogue(path: Path, root: Path) -> Catalogue:
    """Read the catalogue, fan out variants and check every report against its notebook.

    Entries that fail a check are returned as `EntryError`s rather than raised, so one bad entry never stops
    the other reports from building. A catalogue that cannot be read at all raises `CatalogueError`.
    """
    document = read_yaml(path)
    settings = read_settings(document)
    entries: list[Report | EntryError] = []
    for number, entry in enumerate(document["reports"], start=1):
        entries.extend(checked(report, root) for report in expand_entry(entry, number))
    return Catalogue(entries=with_unique_names(entries), **settings)


def read_yaml(path: Path) -> dict:
    """The catalogue document, its `settings:` and the shape of `reports:` checked against
    helpers/schemas/reports.schema.json (entries are checked one by one later)."""
    document = read_yaml_mapping(path, "report catalogue", error=CatalogueError, missing=CatalogueError)
    found = problems(document, "reports")
    if found:
        raise CatalogueError(f"{path.name} does not follow helpers/schemas/reports.schema.json: " + "; ".join(found))
    return document


def read_settings(document: dict) -> dict:
    """The `settings:` block as `Catalogue` fields (a wrong setting concerns every report: `read_yaml` refuses it)."""
    settings = document.get("settings") or {}
    return {"kernel": str(settings.get("kernel", DEFAULT_KERNEL)),
            "cell_timeout_seconds": settings.get("cell_timeout_seconds", DEFAULT_CELL_TIMEOUT_SECONDS)}


def checked(report: Report | EntryError, root: Path) -> Report | EntryError:
    """The report if its parameters fit its notebook and its dependencies exist, else the error."""
    if isinstance(report, EntryError):
        return report
    try:
        check_parameters(report, notebook_parameters(report, root))
        check_dependencies_exist(report, root)
    except EntryError as error:
        return error
    return report


def expand_entry(entry, number: int) -> list[Report | EntryError]:
    """One catalogue entry -> its reports (one per variant, or the entry itself), each wrong one an EntryError."""
    label = entry.get("name", f"#{number}") if isinstance(entry, dict) else f"#{number}"
    try:
        base_parameters = check_entry(entry, label)
    except EntryError as error:
        names = variant_names(entry)
        return [EntryError(name, f"its entry {label!r} is wrong: {error.reason}") for name in names] or [error]
    if "variants" not in entry:
        return [make_report_or_error(entry, entry, base_parameters, str(label))]
    return [make_report_or_error(entry, variant, base_parameters, variant_label(variant, label, position))
            for position, variant in enumerate(entry["variants"], start=1)]


def check_entry(entry, label: str) -> dict:
    """Raise `EntryError` for what is wrong with the entry as a whole (helpers/schemas/reports.schema.json,
    `$defs/entry`); return its parameters."""
    if not isinstance(entry, dict):
        raise EntryError(label, "must be a mapping with name, title, description, notebook, audience")
    # An empty value is as good as none: it is reported as missing.
    found = problems({key: value for key, value in entry.items() if value != ""}, "reports", "entry")
    if found:
        raise EntryError(label, "; ".join(found))
    return dict(entry.get("parameters") or {})


def variant_names(entry) -> list[str]:
    """The names the variants of an entry claim, as far as they can be read."""
    variants = entry.get("variants") if isinstance(entry, dict) else None
    if not isinstance(variants, list):
        return []
    return [str(variant["name"]) for variant in variants if isinstance(variant, dict) and variant.get("name")]


def variant_label(variant, entry_label: str, position: int) -> str:
    if isinstance(variant, dict) and variant.get("name"):
        return str(variant["name"])
    return f"{entry_label} variant #{position}"


def make_report_or_error(entry: dict, own, base_parameters: dict, label: str) -> Report | EntryError:
    """A report from an entry; `own` is the entry itself or one of its variants (which may override text)."""
    try:
        parameters = base_parameters
        if own is not entry:
            check_variant(own, label)
            parameters = {**base_parameters, **(own.get("parameters") or {})}
        return make_report(entry, own, parameters)
    except EntryError as error:
        return error


def check_variant(variant, label: str) -> None:
    if not isinstance(variant, dict):
        raise EntryError(label, f"each variant must be a mapping with a name and a title, got {variant!r}")
    found = problems(variant, "reports", "variant")
    if found:
        raise EntryError(label, "; ".join(found))


def make_report(entry: dict, own: dict, parameters: dict) -> Report:
    name = str(own["name"])
    return Report(name=name, title=str(own["title"]),
                  description=str(own.get("description", entry["description"])),
                  notebook=str(entry["notebook"]), audience=str(entry["audience"]), parameters=parameters,
                  depends_on=tuple(entry.get("depends_on", [])))


def with_unique_names(entries: list[Report | EntryError]) -> list[Report | EntryError]:
    """Reports sharing a name would overwrite each other's page: each such name becomes one error, in the place
    of its first use."""
    names = [entry_name(entry) for entry in entries]
    unique: list[Report | EntryError] = []
    for entry, name in zip(entries, names):
        count = names.count(name)
        if count == 1:
            unique.append(entry)
        elif name not in {entry_name(kept) for kept in unique}:
            unique.append(EntryError(name, f"{count} catalogue entries or variants have this name; report names "
                                           "must be unique (each becomes a file name)"))
    return unique


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
