"""The dependency hash decides what is rebuilt; the manifest and pages are written atomically."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from helpers.reports import manifest as manifest_module
from helpers.reports.catalogue import Report
from helpers.reports.manifest import (
    MANIFEST_FILE,
    data_files,
    datasets_read,
    dependency_versions,
    locked_versions,
    environment_fingerprint,
    file_fingerprint,
    notebook_fingerprint,
    read_manifest,
    registry_entries,
    remove_stale_temporaries,
    report_hash,
    tree_fingerprint,
    write_manifest,
    write_text_atomic,
)


def write_notebook(path, *sources, outputs=()):
    cells = [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": list(outputs),
              "source": source} for source in sources]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))


@pytest.fixture
def root(tmp_path):
    write_notebook(tmp_path / "notebooks" / "a.ipynb", 'frame = data.load("trade_by_partner", freq="M")',
                   "mirror = load( 'mirror' )\n# load(name) with a variable is not a dependency")
    (tmp_path / "data").mkdir()
    for name in ("trade_by_partner.csv", "mirror.csv", "export_orders.csv", "sources.yaml", "claims.yaml"):
        (tmp_path / "data" / name).write_text(f"{name}\n")
    return tmp_path


REPORT = Report(name="a", title="A", description="d", notebook="notebooks/a.ipynb", audience="a",
                parameters={"partner": "USA"})


def test_datasets_read_are_the_literal_load_calls(root):
    assert datasets_read(root / "notebooks" / "a.ipynb") == ["mirror", "trade_by_partner"]


def test_data_files_are_the_snapshot_csvs(root):
    assert [path.name for path in data_files(["mirror", "trade_by_partner"], root)] == [
        "mirror.csv", "trade_by_partner.csv"]


REGISTRY = """
sources:
  mof: {publisher: Ministry of Finance, licence: OGDL-Taiwan-1.0}
  census: {publisher: U.S. Census Bureau, licence: Public domain}
files:
  mirror.csv: {sha256: aaa, sources: [census]}
  trade_by_partner.csv: {sha256: bbb, sources: [mof]}
  export_orders.csv: {sha256: ccc, sources: [mof]}
"""


def test_the_registry_counts_only_for_the_files_read_and_their_sources(root):
    registry = root / "data" / "sources.yaml"
    registry.write_text(REGISTRY)
    base = report_hash(REPORT, root, "env")
    registry.write_text(REGISTRY.replace("ccc", "ddd"))  # another file was updated
    assert report_hash(REPORT, root, "env") == base
    registry.write_text(REGISTRY.replace("aaa", "abc"))  # mirror.csv was updated
    assert report_hash(REPORT, root, "env") != base
    registry.write_text(REGISTRY.replace("Public domain", "CC-BY"))  # a source of mirror.csv changed licence
    assert report_hash(REPORT, root, "env") != base
    assert registry_entries(["mirror"], root)["mirror"]["sources"] == {
        "census": {"publisher": "U.S. Census Bureau", "licence": "CC-BY"}}


def test_an_unreadable_registry_is_fingerprinted_whole(root):
    (root / "data" / "sources.yaml").write_text("sources: [unclosed")
    assert list(registry_entries(["mirror"], root)) == ["unreadable registry"]


def test_the_hash_changes_with_the_notebook_parameters_data_read_and_environment(root):
    base = report_hash(REPORT, root, "env")
    assert report_hash(REPORT, root, "env") == base
    assert report_hash(Report(**{**REPORT.__dict__, "parameters": {"partner": "JPN"}}), root, "env") != base
    assert report_hash(REPORT, root, "other env") != base
    (root / "data" / "mirror.csv").write_text("revised\n")
    assert report_hash(REPORT, root, "env") != base


@pytest.mark.parametrize("change", [{"title": "A, revised"}, {"description": "d, revised"}])
def test_the_hash_changes_with_the_title_and_description_the_page_shows(root, change):
    assert report_hash(Report(**{**REPORT.__dict__, **change}), root, "env") != report_hash(REPORT, root, "env")


def test_the_hash_ignores_data_the_notebook_does_not_read(root):
    base = report_hash(REPORT, root, "env")
    (root / "data" / "export_orders.csv").write_text("revised\n")
    assert report_hash(REPORT, root, "env") == base


def test_depends_on_files_are_part_of_the_hash(root):
    report = Report(**{**REPORT.__dict__, "depends_on": ("data/claims.yaml",)})
    base = report_hash(report, root, "env")
    (root / "data" / "claims.yaml").write_text("claims: [one more]\n")
    assert report_hash(report, root, "env") != base


def test_the_notebook_fingerprint_ignores_outputs_but_not_sources(tmp_path):
    write_notebook(tmp_path / "n.ipynb", "x = 1")
    stripped = notebook_fingerprint(tmp_path / "n.ipynb")
    write_notebook(tmp_path / "n.ipynb", "x = 1", outputs=[{"output_type": "stream", "name": "stdout", "text": "1"}])
    assert notebook_fingerprint(tmp_path / "n.ipynb") == stripped
    write_notebook(tmp_path / "n.ipynb", "x = 2")
    assert notebook_fingerprint(tmp_path / "n.ipynb") != stripped


def test_a_missing_file_has_a_fingerprint_that_differs_from_any_content(tmp_path):
    assert file_fingerprint(tmp_path / "absent.csv") == "missing"
    (tmp_path / "present.csv").write_text("")
    assert file_fingerprint(tmp_path / "present.csv") != "missing"


def test_the_tree_fingerprint_covers_sources_and_templates_but_not_bytecode(tmp_path):
    (tmp_path / "module.py").write_text("x = 1\n")
    (tmp_path / "__pycache__").mkdir()
    base = tree_fingerprint(tmp_path)
    (tmp_path / "__pycache__" / "module.cpython-311.pyc").write_bytes(b"\0")
    assert tree_fingerprint(tmp_path) == base
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "index.html.j2").write_text("{{ body }}")
    assert tree_fingerprint(tmp_path) != base


LOCK = """
version = 1
[[package]]
name = "taiwan-trade-pivot"
version = "0.1.0"
source = { editable = "." }
dependencies = [{ name = "nbconvert" }, { name = "numpy", marker = "python_full_version < '3.12'" }]
[package.dev-dependencies]
test = [{ name = "pytest" }]
[[package]]
name = "nbconvert"
version = "7.17.2"
dependencies = [{ name = "bleach", extra = ["css"] }, { name = "numpy", version = "2.2.6" }]
[[package]]
name = "bleach"
version = "6.4.0"
[package.optional-dependencies]
css = [{ name = "tinycss2" }]
[[package]]
name = "tinycss2"
version = "1.5.1"
[[package]]
name = "numpy"
version = "2.2.6"
[[package]]
name = "numpy"
version = "2.3.5"
[[package]]
name = "pytest"
version = "9.2.0"
[[package]]
name = "uv"
version = "0.13.9"
"""


def test_the_locked_versions_follow_dependencies_and_extras_and_only_the_groups_asked_for(tmp_path):
    (tmp_path / "uv.lock").write_text(LOCK)
    assert locked_versions(tmp_path / "uv.lock") == {
        "nbconvert": "7.17.2", "bleach": "6.4.0", "tinycss2": "1.5.1", "numpy": "2.2.6 | 2.3.5"}
    assert locked_versions(tmp_path / "uv.lock", ("test",))["pytest"] == "9.2.0"
    assert locked_versions(tmp_path / "absent.lock") == {}


def test_the_real_lock_covers_what_the_reports_import_and_leaves_out_the_test_and_lab_tools():
    locked = locked_versions(Path(__file__).resolve().parents[1] / "uv.lock")
    assert {"pandas", "papermill", "jinja2", "mistune", "bleach", "tornado"} <= set(locked)
    assert not {"pytest", "nbval", "playwright", "jupyterlab", "uv", "setuptools"} & set(locked)


def test_dependency_versions_list_python_the_locked_and_the_installed_packages(tmp_path):
    (tmp_path / "uv.lock").write_text(LOCK)
    versions = dependency_versions(tmp_path / "uv.lock")
    assert versions["python"].count(".") == 2
    assert versions["locked"]["nbconvert"] == "7.17.2"
    assert versions["installed"]["papermill"] == "2.7.0" and versions["installed"]["tinycss2"] != "missing"
    assert dependency_versions(tmp_path / "absent.lock")["locked"] == {}


def test_a_change_of_the_lock_changes_the_environment(tmp_path):
    (tmp_path / "uv.lock").write_text(LOCK)
    before = dependency_versions(tmp_path / "uv.lock")
    (tmp_path / "uv.lock").write_text(LOCK.replace('version = "1.5.1"', 'version = "1.5.2"'))
    assert dependency_versions(tmp_path / "uv.lock") != before


def test_the_environment_fingerprint_reads_the_checkouts_lock_and_changes_with_a_dependency_version(monkeypatch):
    real, seen = dependency_versions, []
    before = environment_fingerprint()

    def pandas_downgraded(lock):
        seen.append(lock)
        versions = real(lock)
        return {**versions, "installed": {**versions["installed"], "pandas": "0.0.1"}}

    monkeypatch.setattr(manifest_module, "dependency_versions", pandas_downgraded)
    assert environment_fingerprint() != before
    assert seen == [Path(__file__).resolve().parents[1] / "uv.lock"]


def test_the_manifest_round_trips_and_an_unreadable_one_means_rebuild_everything(tmp_path):
    assert read_manifest(tmp_path) == {}
    write_manifest(tmp_path, {"a": {"status": "built", "hash": "abc"}})
    assert read_manifest(tmp_path) == {"a": {"status": "built", "hash": "abc"}}
    (tmp_path / MANIFEST_FILE).write_text("{half a manifest")
    assert read_manifest(tmp_path) == {}
    (tmp_path / MANIFEST_FILE).write_text(json.dumps({"format": 0, "reports": {"a": {}}}))
    assert read_manifest(tmp_path) == {}


def test_write_text_atomic_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "page.html"
    target.write_text("old")
    write_text_atomic(target, "new")
    assert target.read_text() == "new"
    assert [path.name for path in tmp_path.iterdir()] == ["page.html"]


def test_write_text_atomic_leaves_an_unchanged_file_untouched(tmp_path):
    target = tmp_path / "index.html"
    target.write_text("same")
    os.utime(target, ns=(1, 1))
    write_text_atomic(target, "same")
    assert target.stat().st_mtime_ns == 1


def test_stale_temporaries_are_removed_and_real_files_kept(tmp_path):
    (tmp_path / "executed").mkdir()
    stale = [tmp_path / ".a.html.1234.tmp", tmp_path / ".index.html.abcd.tmp",
             tmp_path / "executed" / ".a.99.tmp.ipynb"]
    (tmp_path / "updates").mkdir()
    kept = [tmp_path / "a.html", tmp_path / "executed" / "a.ipynb", tmp_path / ".build.lock",
            tmp_path / "updates" / ".trade_by_partner.csv.x1.tmp"]
    for path in stale + kept:
        path.write_text("x")
    remove_stale_temporaries(tmp_path)
    assert [path.exists() for path in stale] == [False] * 3
    assert [path.exists() for path in kept] == [True] * 4, "other tools' files under reports/ are theirs"
