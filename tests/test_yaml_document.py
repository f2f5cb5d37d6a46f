"""Hand-written YAML files fail with errors that name the file."""

import pytest

from helpers.snapshot.yaml_document import read_yaml_mapping


def test_a_mapping_is_returned_as_a_dict(tmp_path):
    path = tmp_path / "catalogue.yaml"
    path.write_text("reports:\n  - name: a\n")
    assert read_yaml_mapping(path, "report catalogue") == {"reports": [{"name": "a"}]}


def test_a_missing_file_names_its_path(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"sources registry not found: .*sources\.yaml"):
        read_yaml_mapping(tmp_path / "sources.yaml", "sources registry")


def test_invalid_yaml_names_the_file_and_uses_the_callers_error(tmp_path):
    class CatalogueError(Exception):
        pass

    path = tmp_path / "reports.yaml"
    path.write_text("reports: [unclosed\n")
    with pytest.raises(CatalogueError, match=r"report catalogue reports\.yaml is not valid YAML"):
        read_yaml_mapping(path, "report catalogue", error=CatalogueError, missing=CatalogueError)


def test_a_list_at_the_top_level_is_rejected(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text("- just\n- a list\n")
    with pytest.raises(ValueError, match=r"claims registry claims\.yaml must be a mapping at the top level"):
        read_yaml_mapping(path, "claims registry")
