"""data/datapackage.json: generated from the loader's schemas, committed in step with them, and a valid
Frictionless Data Package that describes the files as they are."""

import json
import shutil

import frictionless

from helpers.snapshot import SCHEMAS, datapackage, paths


def test_the_committed_descriptor_is_the_one_the_schemas_generate():
    committed = (paths.data_dir() / datapackage.DESCRIPTOR_FILE).read_text(encoding="utf-8")
    assert committed == datapackage.render(), "data/datapackage.json is stale: run python -m helpers.snapshot.datapackage"


def test_the_snapshot_is_a_valid_data_package():
    report = frictionless.validate(str(paths.data_dir() / datapackage.DESCRIPTOR_FILE))
    assert report.valid, report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])[:10]
    assert {task.name for task in report.tasks} == set(SCHEMAS)


def test_the_validator_refuses_a_value_the_schema_does_not_allow(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(paths.data_dir(), copy)
    path = copy / "mirror.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",CHN,export,", ",CHINA,export,", 1), encoding="utf-8")
    report = frictionless.validate(str(copy / datapackage.DESCRIPTOR_FILE))
    assert [task.name for task in report.tasks if not task.valid] == ["mirror"]
    assert report.flatten(["fieldName", "type", "cell"]) == [["reporter", "constraint-error", "CHINA"]]


def test_each_resource_carries_key_types_allowed_values_period_pattern_and_licences():
    trade = {resource["name"]: resource for resource in datapackage.descriptor()["resources"]}["trade_by_partner"]
    fields = {field["name"]: field for field in trade["schema"]["fields"]}
    assert trade["schema"]["primaryKey"] == ["freq", "period", "flow", "partner"]
    assert fields["value_usd_thousand"]["type"] == "number" and fields["flow"]["constraints"]["enum"] == ["export", "import"]
    assert fields["period"]["constraints"]["pattern"].startswith("(?:")
    assert [licence["title"] for licence in trade["licenses"]] == ["Open Government Data License, Taiwan, version 1.0"]
    assert all(source["path"].startswith("https://") for source in trade["sources"])


def test_check_fails_on_a_stale_descriptor_and_write_repairs_it(tmp_path, capsys):
    copy = tmp_path / "data"
    shutil.copytree(paths.data_dir(), copy)
    descriptor = copy / datapackage.DESCRIPTOR_FILE
    stale = json.loads(descriptor.read_text(encoding="utf-8"))
    stale["resources"].pop()
    descriptor.write_text(json.dumps(stale), encoding="utf-8")
    assert datapackage.main(["--data-dir", str(copy), "--check"]) == 1
    assert "is stale" in capsys.readouterr().err
    assert datapackage.main(["--data-dir", str(copy)]) == 0
    assert datapackage.main(["--data-dir", str(copy), "--check"]) == 0
