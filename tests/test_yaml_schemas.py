"""The JSON Schemas of the hand-written YAML files: valid schemas, followed by the project's files, and a bad
entry in each file named in the error (where one bad entry must not stop the others, it does not)."""

import pytest
import yaml
from jsonschema import Draft202012Validator

from helpers import claims
from helpers.analysis import events
from helpers.snapshot import load, paths, registry
from helpers.snapshot.yaml_schema import problems, schema

PROJECT_FILES = {"sources": paths.data_dir() / "sources.yaml", "claims": paths.data_dir() / "claims.yaml",
                 "events": events.EVENTS_FILE, "reports": paths.data_dir().parent / "reports.yaml"}


@pytest.mark.parametrize("name", sorted(PROJECT_FILES))
def test_each_schema_is_valid_and_the_project_file_follows_it(name):
    Draft202012Validator.check_schema(schema(name))
    document = yaml.safe_load(PROJECT_FILES[name].read_text(encoding="utf-8"))
    assert problems(document, name) == []


def test_problems_are_said_in_plain_words_with_the_path_and_the_expected_form():
    found = problems({"id": "x", "stated": 30.9, "colour": "red"}, "claims", "claim")
    assert found[0] == "missing topic, wording, publisher, published_in, period, unit, check"
    assert found[1].startswith("unknown keys ['colour']; allowed: ['check', 'explanation', 'id'")
    assert found[2] == ("stated: 30.9 is not of type 'string' "
                        "(a number quoted as text, e.g. \"30.9\", so that its rounding is kept)")


def test_a_bad_source_entry_is_named_and_stops_the_registry(tmp_path):
    document = yaml.safe_load((paths.data_dir() / "sources.yaml").read_text(encoding="utf-8"))
    del document["sources"]["mof_u2010"]["licence"]
    document["files"]["mirror.csv"]["sha256"] = "not a checksum"
    (tmp_path / "sources.yaml").write_text(yaml.safe_dump(document), encoding="utf-8")
    with pytest.raises(ValueError, match=r"sources\.yaml does not follow helpers/schemas/sources\.schema\.json: "
                                         r"files/mirror\.csv/sha256: 'not a checksum' does not match .*; "
                                         r"sources/mof_u2010: missing licence"):
        registry.load_registry(tmp_path)


def test_a_bad_claim_is_named_and_the_others_are_still_evaluated(tmp_path):
    good = {"id": "us_share", "topic": "trade_pivot", "wording": "w", "publisher": "p", "published_in": "https://x",
            "period": "2025", "stated": "30.9", "unit": "percent",
            "check": {"measure": "share", "dataset": "trade_by_partner", "flow": "export", "partner": "USA"}}
    bad = {**good, "id": "bad_unit", "unit": "kg", "period": "2025/26"}
    path = tmp_path / "claims.yaml"
    path.write_text(yaml.safe_dump({"topics": {"trade_pivot": "Trade"}, "claims": [bad, good]}), encoding="utf-8")
    frames = {"trade_by_partner": load("trade_by_partner")}
    results = claims.evaluate_all(claims.load_registry(path), frames)
    assert [result.status for result in results] == [claims.INVALID, claims.CONFIRMED]
    assert results[0].note.startswith("claim 'bad_unit': period: '2025/26' does not match")
    assert "unit: 'kg' is not one of ['USD billion'" in results[0].note


def test_a_claims_file_without_a_claims_list_is_refused_naming_the_schema(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text("topics: {trade_pivot: Trade}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"claims\.yaml does not follow helpers/schemas/claims\.schema\.json: missing claims"):
        claims.load_registry(path)


def test_every_bad_event_is_named_by_its_id(tmp_path):
    document = yaml.safe_load(events.EVENTS_FILE.read_text(encoding="utf-8"))
    document["events"][0]["precision"] = "year"
    document["events"][2]["label"] = "A label far too long to fit on a chart"
    first, third = document["events"][0]["id"], document["events"][2]["id"]
    with pytest.raises(ValueError) as error:
        events.checked(document, tmp_path / "events.yaml")
    assert f"event {first}: precision: 'year' is not one of ['day', 'month']" in str(error.value)
    assert f"event {third}: label: 'A label far too long to fit on a chart' is too long" in str(error.value)
