"""Every committed notebook follows the house rules: thin, parameterized, stripped of outputs."""

import ast
import json
from pathlib import Path

import pytest
from notebook_support import assert_passes_nbval_lax
from papermill.inspection import inspect_notebook

from helpers import snapshot

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
MAX_LINES_PER_CODE_CELL = 12
MAX_CHARACTERS_PER_CODE_CELL = 700
#: Keyword arguments that put a title or an axis label on a chart: they must come from a helper
#: (helpers.text.<topic>), never a string typed in the notebook.
CHART_WORDS = ("title", "xlabel", "ylabel", "headings")


def papermill_types(path):
    """Parameter name -> type as papermill infers it (what `papermill --help-notebook` shows)."""
    return {name: parameter["inferred_type_name"] for name, parameter in inspect_notebook(str(path)).items()}


def code_cells(path):
    return [cell for cell in json.loads(path.read_text())["cells"] if cell["cell_type"] == "code"]


def source(cell):
    return "".join(cell["source"])


def test_there_are_notebooks_to_check():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs_or_execution_counts(path):
    dirty = [i for i, cell in enumerate(code_cells(path)) if cell.get("outputs") or cell.get("execution_count")]
    assert not dirty, f"{path.name}: code cells {dirty} carry outputs; strip them before committing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_first_code_cell_holds_the_parameters_and_the_second_validates_them(path):
    first, second = code_cells(path)[:2]
    assert "parameters" in first.get("metadata", {}).get("tags", []), f"{path.name}: first code cell not tagged 'parameters'"
    tree = ast.parse(source(first))
    assert all(isinstance(node, ast.AnnAssign) for node in tree.body), \
        f"{path.name}: parameters cell must hold typed assignments (name: type = literal)"
    for node in tree.body:
        ast.literal_eval(node.value)  # plain literals only, so papermill can override them
    parsed = papermill_types(path)
    assigned = {node.target.id for node in tree.body}
    assert set(parsed) == assigned, f"{path.name}: papermill cannot read {sorted(assigned - set(parsed))} (an '=' in a comment?)"
    assert "None" not in parsed.values(), f"{path.name}: papermill infers no type for some parameters: {parsed}"
    assert "params." in source(second), f"{path.name}: second code cell must validate the parameters via helpers.params"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_defines_no_functions_or_classes_and_keeps_cells_short(path):
    for index, cell in enumerate(code_cells(path)):
        tree = ast.parse(source(cell))
        definitions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda))]
        assert not definitions, f"{path.name} cell {index}: define functions in src/helpers, not in the notebook"
        lines = [line for line in source(cell).splitlines() if line.strip() and not line.lstrip().startswith("#")]
        assert len(lines) <= MAX_LINES_PER_CODE_CELL, f"{path.name} cell {index}: {len(lines)} lines; move the logic to a helper"
        assert len(source(cell)) <= MAX_CHARACTERS_PER_CODE_CELL, \
            f"{path.name} cell {index}: {len(source(cell))} characters; compose the analysis in a helper"


def is_typed(node) -> bool:
    """Text typed in place: a string or f-string, or one inside a dict's values, a sum or a conditional
    (dict keys are codes and arguments of a helper call are the helper's business)."""
    if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return True
    if isinstance(node, ast.Dict):
        return any(is_typed(value) for value in node.values)
    if isinstance(node, ast.BinOp):
        return is_typed(node.left) or is_typed(node.right)
    if isinstance(node, ast.IfExp):
        return is_typed(node.body) or is_typed(node.orelse)
    return False


def typed_words(tree):
    """Chart-word keyword arguments given as text typed in the cell."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg in CHART_WORDS and is_typed(keyword.value):
                    yield f"{keyword.arg}={ast.unparse(keyword.value)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_chart_titles_labels_and_descriptions_come_from_helpers(path):
    for index, cell in enumerate(code_cells(path)):
        typed = list(typed_words(ast.parse(source(cell))))
        assert not typed, f"{path.name} cell {index}: chart words typed in the notebook ({'; '.join(typed)}); " \
                          "take them from helpers.text.<topic>"


def test_the_chart_words_rule_catches_typed_titles_and_labels():
    assert list(typed_words(ast.parse('charts.line_chart(w, title="Exports grew", ylabel=text.AXIS)'))) == \
        ["title='Exports grew'"]
    assert list(typed_words(ast.parse('charts.bar_chart(b, xlabel=f"Exports in {year} (%)")'))) == \
        ["xlabel=f'Exports in {year} (%)'"]
    assert list(typed_words(ast.parse('charts.panel_lines(p, title=t, headings={"USA": "US"})'))) == \
        ["headings={'USA': 'US'}"]
    assert list(typed_words(ast.parse('charts.bar_chart(b, xlabel="Share in " + year)'))) == ["xlabel='Share in ' + year"]
    assert not list(typed_words(ast.parse('charts.line_chart(w, title=text.title(w, "export"), headings={"ROW": text.rest(m)})')))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_loads_datasets_by_literal_name(path):
    """The report pipeline reads these calls to know which data files a report depends on."""
    for cell in code_cells(path):
        for node in ast.walk(ast.parse(source(cell))):
            if isinstance(node, ast.Call) and ast.unparse(node.func) in ("load", "snapshot.load"):
                name = node.args[0] if node.args else None
                assert isinstance(name, ast.Constant) and name.value in snapshot.DATASETS, \
                    f"{path.name}: {ast.unparse(node)} must name a dataset literally"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_on_the_project_kernel(path):
    assert json.loads(path.read_text())["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.notebooks  # runs every notebook in a fresh kernel
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_clean_under_nbval_lax_with_its_default_parameters(path):
    assert_passes_nbval_lax(path)
