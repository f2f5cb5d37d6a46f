"""The report catalogue: fan-out, and parameters checked against each notebook before any kernel starts."""

from __future__ import annotations

import json
import textwrap

import pytest

from helpers.reports.catalogue import (
    UNPARSEABLE,
    CatalogueError,
    EntryError,
    Report,
    check_parameters,
    declared_parameters,
    expand_entry,
    load_catalogue,
    parameters_in_source,
    same_kind,
)

PARAMETERS_CELL = 'partner = "USA"  # str\nstart_year: int = 2001\nend_year = None\nshare = 0.5\nshow = True\n' \
                  'partners = ["USA", "JPN"]\ntoday = str(2025)\n'


def write_notebook(path, parameters_source=PARAMETERS_CELL, tags=("parameters",)):
    cells = [{"cell_type": "markdown", "metadata": {}, "source": "# Title"},
             {"cell_type": "code", "metadata": {"tags": list(tags)}, "outputs": [], "execution_count": None,
              "source": parameters_source}]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))


@pytest.fixture
def root(tmp_path):
    write_notebook(tmp_path / "notebooks" / "profile.ipynb")
    return tmp_path


def write_catalogue(root, text):
    path = root / "reports.yaml"
    path.write_text(textwrap.dedent(text))
    return path


ENTRY = """
reports:
  - name: profile
    title: Partner profile
    description: One partner.
    notebook: notebooks/profile.ipynb
    audience: policy staff
    parameters: {start_year: 2010}
    variants:
      - {name: profile_us, title: "Profile: United States", parameters: {partner: USA}}
      - {name: profile_japan, title: "Profile: Japan", description: Japan only., parameters: {partner: JPN}}
"""


def test_variants_fan_out_into_one_report_each_with_merged_parameters(root):
    catalogue = load_catalogue(write_catalogue(root, ENTRY), root)
    assert catalogue.invalid == []
    us, japan = catalogue.reports
    assert (us.name, us.title, us.description) == ("profile_us", "Profile: United States", "One partner.")
    assert us.parameters == {"start_year": 2010, "partner": "USA"}
    assert (japan.description, japan.parameters["partner"]) == ("Japan only.", "JPN")
    assert catalogue.names == ["profile_us", "profile_japan"]


def test_settings_give_the_kernel_and_the_cell_timeout(root):
    text = "settings: {kernel: taiwan-trade-pivot, cell_timeout_seconds: 30}\n" + textwrap.dedent(ENTRY)
    catalogue = load_catalogue(write_catalogue(root, text), root)
    assert (catalogue.kernel, catalogue.cell_timeout_seconds) == ("taiwan-trade-pivot", 30)


def test_an_unknown_parameter_is_an_error_naming_the_entry_and_the_declared_names(root):
    catalogue = load_catalogue(write_catalogue(root, ENTRY.replace("partner: JPN", "partnr: JPN")), root)
    [error] = catalogue.invalid
    assert error.entry == "profile_japan"
    assert "unknown parameter 'partnr'" in str(error) and "declares: end_year, partner, partners" in str(error)
    assert [report.name for report in catalogue.reports] == ["profile_us"], "the other variant still builds"


def test_a_parameter_of_the_wrong_type_is_an_error_naming_the_entry(root):
    catalogue = load_catalogue(write_catalogue(root, ENTRY.replace("start_year: 2010", "start_year: '2010'")), root)
    assert [error.entry for error in catalogue.invalid] == ["profile_us", "profile_japan"]
    assert "parameter 'start_year' must be int" in str(catalogue.invalid[0])


def test_a_missing_notebook_or_dependency_is_an_entry_error(root):
    text = ENTRY.replace("notebooks/profile.ipynb", "notebooks/nowhere.ipynb")
    assert "notebooks/nowhere.ipynb does not exist" in str(load_catalogue(write_catalogue(root, text), root).invalid[0])
    text = ENTRY.replace("    variants:", "    depends_on: [data/claims.yaml]\n    variants:")
    assert "missing files: data/claims.yaml" in str(load_catalogue(write_catalogue(root, text), root).invalid[0])


def test_depends_on_is_carried_to_every_variant(root):
    (root / "data").mkdir()
    (root / "data" / "claims.yaml").write_text("claims: []")
    text = ENTRY.replace("    variants:", "    depends_on: [data/claims.yaml]\n    variants:")
    catalogue = load_catalogue(write_catalogue(root, text), root)
    assert [report.depends_on for report in catalogue.reports] == [("data/claims.yaml",)] * 2


@pytest.mark.parametrize("entry, message", [
    ({"name": "x", "title": "X"}, "missing description, notebook, audience"),
    ({"name": "x", "title": "X", "description": "d", "notebook": "n", "audience": "a", "params": {}},
     "unknown keys ['params']"),
    ({"name": "x", "title": "X", "description": "d", "notebook": "n", "audience": "a", "parameters": [1]},
     "parameters: [1] is not of type 'object', 'null'"),
    ({"name": "Bad Name", "title": "X", "description": "d", "notebook": "n", "audience": "a"}, "lower-case"),
    ({"name": "x", "title": "X", "description": "d", "notebook": "n", "audience": "a", "variants": []},
     "variants: [] should be non-empty"),
    ({"name": "x", "title": "X", "description": "d", "notebook": "n", "audience": "a",
      "variants": [{"name": "x_a"}]}, "catalogue entry 'x_a': missing title"),
    ("just a string", "must be a mapping"),
])
def test_malformed_entries_are_rejected_with_a_reason(entry, message):
    [error] = expand_entry(entry, 1)
    assert isinstance(error, EntryError) and message in str(error)


VARIANTS = {"name": "beta", "title": "Beta", "description": "d", "notebook": "n", "audience": "a",
            "variants": [{"name": "beta_us", "title": "US"}, {"name": "beta_bad", "title": "Bad", "colour": 1},
                         {"title": "No name"}, {"name": "Beta JP", "title": "JP"},
                         {"name": "beta_kr", "title": "KR", "parameters": "KOR"}, {"name": "beta_cn", "title": "CN"}]}


def test_a_wrong_variant_fails_alone_with_an_error_naming_it():
    expanded = expand_entry(VARIANTS, 2)
    assert [report.name for report in expanded if isinstance(report, Report)] == ["beta_us", "beta_cn"]
    errors = [str(error) for error in expanded if isinstance(error, EntryError)]
    assert errors[0].startswith("catalogue entry 'beta_bad': unknown keys ['colour']")
    assert errors[1].startswith("catalogue entry 'beta variant #3': missing name")
    assert errors[2].startswith("catalogue entry 'Beta JP': name: 'Beta JP' does not match")
    assert "lower-case letters" in errors[2]
    assert errors[3].startswith("catalogue entry 'beta_kr': parameters: 'KOR' is not of type 'object', 'null'")


def test_a_wrong_entry_is_recorded_under_each_of_its_variants_names():
    entry = {**VARIANTS, "audience": ""}
    expanded = expand_entry(entry, 2)
    assert all(isinstance(error, EntryError) for error in expanded)
    assert [error.entry for error in expanded] == ["beta_us", "beta_bad", "Beta JP", "beta_kr", "beta_cn"]
    assert str(expanded[0]) == "catalogue entry 'beta_us': its entry 'beta' is wrong: missing audience"


def test_wrong_entries_keep_their_place_in_catalogue_order(root):
    text = ENTRY.replace("title: \"Profile: Japan\"", "titel: \"Profile: Japan\"") + """
  - name: after
    title: After
    description: d
    notebook: notebooks/profile.ipynb
    audience: a
"""
    catalogue = load_catalogue(write_catalogue(root, text), root)
    assert catalogue.names == ["profile_us", "profile_japan", "after"]
    assert [report.name for report in catalogue.reports] == ["profile_us", "after"]
    assert [error.entry for error in catalogue.invalid] == ["profile_japan"]


def test_a_repeated_name_fails_alone(root):
    catalogue = load_catalogue(write_catalogue(root, ENTRY.replace("profile_japan", "profile_us") + """
  - {name: other, title: Other, description: d, notebook: notebooks/profile.ipynb, audience: a}
"""), root)
    assert catalogue.names == ["profile_us", "other"]
    [error] = catalogue.invalid
    assert str(error).startswith("catalogue entry 'profile_us': 2 catalogue entries or variants have this name")


def test_a_catalogue_that_cannot_be_read_at_all_is_a_catalogue_error(root):
    with pytest.raises(CatalogueError, match="not found"):
        load_catalogue(root / "missing.yaml", root)
    with pytest.raises(CatalogueError, match="not valid YAML"):
        load_catalogue(write_catalogue(root, "reports: [unclosed"), root)
    with pytest.raises(CatalogueError, match=r"does not follow helpers/schemas/reports\.schema\.json: missing reports"):
        load_catalogue(write_catalogue(root, "report: []"), root)
    with pytest.raises(CatalogueError, match=r"settings: unknown keys \['timeout'\]"):
        load_catalogue(write_catalogue(root, "settings: {timeout: 3}\nreports: []"), root)
    with pytest.raises(CatalogueError, match="settings/cell_timeout_seconds: 'soon' is not of type 'integer'"):
        load_catalogue(write_catalogue(root, "settings: {cell_timeout_seconds: soon}\nreports: []"), root)


def test_declared_parameters_are_read_from_the_cell_tagged_parameters(root):
    declared = declared_parameters(root / "notebooks" / "profile.ipynb")
    assert declared == {"partner": "USA", "start_year": 2001, "end_year": None, "share": 0.5, "show": True,
                        "partners": ["USA", "JPN"], "today": UNPARSEABLE}


def test_a_notebook_without_a_parameters_cell_declares_nothing(tmp_path):
    write_notebook(tmp_path / "plain.ipynb", tags=())
    assert declared_parameters(tmp_path / "plain.ipynb") == {}


def test_parameters_in_source_ignores_statements_that_are_not_assignments():
    assert parameters_in_source("import os\nx = 1\nprint(x)\na = b = 2\nflag: bool\n") == {"x": 1, "a": 2, "b": 2}


@pytest.mark.parametrize("value, default, allowed", [
    (3, 0.5, True), (0.5, 3, False), (True, 1, False), (1, True, False), ("USA", "JPN", True),
    (["USA"], ["JPN"], True), ("USA", ["JPN"], False), ("anything", None, True), (5, UNPARSEABLE, True),
])
def test_same_kind_accepts_ints_for_floats_and_nothing_else_across_types(value, default, allowed):
    assert same_kind(value, default) is allowed


def test_check_parameters_accepts_declared_parameters_of_the_right_type():
    report = Report(name="r", title="t", description="d", notebook="n.ipynb", audience="a",
                    parameters={"partner": "JPN", "share": 1})
    check_parameters(report, {"partner": "USA", "share": 0.5})
