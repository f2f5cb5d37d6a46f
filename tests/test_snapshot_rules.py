"""One test per data-validation rule: a small bad file in a temporary snapshot, and the error must name the
file, the line and the rule. Switching a rule off makes its test fail (the file then loads, or fails later
under another rule's name)."""

import pytest
import yaml

from helpers.snapshot import DataValidationError, load, rules
from helpers.snapshot.files import sha256

SOURCES = {
    source_id: {"publisher": "Test publisher", "dataset": "test", "dataset_id": "test", "url": "https://example.org/",
                "licence": "Open Government Data License, Taiwan, version 1.0", "obtained": "written by the test",
                "caveats": "none"}
    for source_id in ("mof", "moea")
}

TRADE = "freq,period,flow,partner,value_usd_thousand,status,basis,source,note\n"
WORLD = "A,2024,export,WLD,100,final,table,mof,\n"
SURVEY = "period,location,share_pct,status,basis,derivation,source,reported_in,note\n"
CHIPS = "period,destination,destination_zh,value_usd_thousand,status,basis,source\n"
JAPAN = "period,series,measure,direction,value,unit,status,basis,derivation,source,reported_in,note\n"


def trade(*rows: str) -> str:
    return TRADE + WORLD + "".join(f"{row}\n" for row in rows)


def twelve_months(value_of_march: int) -> str:
    months = [f"M,2024-{month:02d},export,WLD,{value_of_march if month == 3 else 10},final,table,mof,"
              for month in range(1, 13)]
    return TRADE + "A,2024,export,WLD,120,final,table,mof,\n" + "\n".join(months) + "\n"


def members(chn_hkg: int) -> str:
    return trade("A,2024,export,CHN,30,final,table,mof,", "A,2024,export,HKG,10,final,table,mof,",
                 f"A,2024,export,CHN+HKG,{chn_hkg},final,table,mof,")


# rule -> (dataset, file content, line the error names; None for a whole-file rule)
BAD_FILES = {
    rules.ENCODING: ("trade_by_partner", (TRADE + WORLD + "A,2024,export,USA,30,final,table,mof,台灣\n").encode("big5"), 3),
    rules.NOT_EMPTY: ("trade_by_partner", b"", None),
    rules.CSV_FORMAT: ("trade_by_partner", trade('A,2024,export,"USA"X,30,final,table,mof,'), 3),
    rules.FIELD_COUNT: ("trade_by_partner", trade("A,2024,export,USA,30,final,table,mof,", "A,2024,export,JPN,5,final"), 4),
    rules.COLUMNS: ("trade_by_partner", "freq,period,flow,partner,value_usd_thousand,status,basis,source\n"
                    "A,2024,export,WLD,100,final,table,mof\n", 1),
    rules.NUMERIC: ("trade_by_partner", trade("A,2024,export,USA,3x0,final,table,mof,"), 3),
    rules.REQUIRED: ("trade_by_partner", trade("A,2024,export,USA,,final,table,mof,"), 3),
    rules.ALLOWED: ("trade_by_partner", trade("A,2024,exports,USA,30,final,table,mof,"), 3),
    rules.PERIOD_GRAMMAR: ("japan_taiwan", JAPAN + "2019,approvals,cases,JPN->TWN,500,cases,final,table,,moea,,\n"
                           "n/a?,approvals,cases,TWN->JPN,400,cases,final,table,,moea,,\n", 3),
    rules.PERIOD_FREQ: ("trade_by_partner", trade("M,2024,export,USA,30,final,table,mof,"), 3),
    rules.SOURCE: ("trade_by_partner", trade("A,2024,export,USA,30,final,table,blog,"), 3),
    rules.UNIQUE_KEY: ("trade_by_partner", trade("A,2024,export,WLD,100,final,table,mof,"), 3),
    rules.NOT_NEGATIVE: ("trade_by_partner", trade("A,2024,export,USA,-30,final,table,mof,"), 3),
    rules.SHARES: ("production_survey", SURVEY + "2024,TWN,51.4,final,table,,moea,,\n"
                   "2024,CHN+HKG,102.0,final,table,,moea,,\n", 3),
    rules.MONTHLY_SUMS: ("trade_by_partner", twelve_months(value_of_march=20), 2),
    rules.WITHIN_TOTAL: ("trade_by_partner", trade("A,2024,export,USA,130,final,table,mof,"), 3),
    rules.ADDS_UP: ("ic_exports_by_destination", CHIPS + "2024,WLD,合計,100,final,table,mof\n"
                    "2024,USA,美國,30,final,table,mof\n2024,OTH,其他國家,60,final,table,mof\n", 2),
    rules.AGGREGATES: ("trade_by_partner", members(chn_hkg=80), 5),
    rules.CHECKSUM: ("trade_by_partner", trade("A,2024,export,USA,30,final,table,mof,"), None),
}


def write_snapshot(folder, name, content, record_checksum=True):
    """A snapshot folder holding one data file and a registry that lists it (with its checksum, unless told)."""
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.csv"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    entry = {"description": "test file", "sha256": sha256(path) if record_checksum else "0" * 64}
    (folder / "sources.yaml").write_text(yaml.safe_dump({"sources": SOURCES, "files": {path.name: entry}}),
                                         encoding="utf-8")
    return folder


def test_every_rule_has_a_bad_file_here():
    assert set(BAD_FILES) == set(rules.RULES)


@pytest.mark.parametrize("rule", list(BAD_FILES))
def test_a_file_breaking_the_rule_is_refused_with_file_line_and_rule(tmp_path, rule):
    name, content, line = BAD_FILES[rule]
    folder = write_snapshot(tmp_path / "data", name, content, record_checksum=rule != rules.CHECKSUM)
    with pytest.raises(DataValidationError) as error:
        load(name, directory=folder)
    assert (error.value.rule, error.value.line, error.value.path.name) == (rule, line, f"{name}.csv")
    where = f"{name}.csv, line {line}" if line else f"{name}.csv"
    assert str(error.value).startswith(f"{where}: rule '{rule}' violated: ")


@pytest.mark.parametrize("content", [trade("A,2024,export,USA,30,final,table,mof,"), members(chn_hkg=40),
                                     twelve_months(value_of_march=10)])
def test_the_small_good_files_load(tmp_path, content):
    assert len(load("trade_by_partner", directory=write_snapshot(tmp_path / "data", "trade_by_partner", content)))


def test_a_checksum_mismatch_says_how_to_record_a_deliberate_edit(tmp_path):
    folder = write_snapshot(tmp_path / "data", "trade_by_partner", trade(), record_checksum=False)
    with pytest.raises(DataValidationError, match=r'trade-pivot-data --rehash trade_by_partner\.csv --reason "\.\.\."'):
        load("trade_by_partner", directory=folder)


def test_a_file_missing_from_the_registry_has_no_checksum_recorded(tmp_path):
    folder = write_snapshot(tmp_path / "data", "trade_by_partner", trade())
    (folder / "sources.yaml").write_text(yaml.safe_dump({"sources": SOURCES, "files": {}}), encoding="utf-8")
    with pytest.raises(DataValidationError, match="no checksum recorded"):
        load("trade_by_partner", directory=folder)


def test_an_edit_after_a_good_load_is_caught_although_the_first_load_was_cached(tmp_path):
    folder = write_snapshot(tmp_path / "data", "trade_by_partner", trade())
    load("trade_by_partner", directory=folder)
    with (folder / "trade_by_partner.csv").open("a", encoding="utf-8") as handle:
        handle.write("A,2024,export,USA,30,final,table,mof,\n")
    with pytest.raises(DataValidationError, match="rule 'checksum recorded in sources.yaml'"):
        load("trade_by_partner", directory=folder)


@pytest.mark.parametrize("period", ["2019", "2024-06", "1952-2020", "2017-01..2017-06", "1952 to 2011-08",
                                    "to 2020", "to end-2018", "to end-2018-06"])
def test_every_form_of_the_period_grammar_loads(tmp_path, period):
    content = JAPAN + f"{period},approvals,cases,JPN->TWN,500,cases,final,table,,moea,,\n"
    assert list(load("japan_taiwan", directory=write_snapshot(tmp_path / "data", "japan_taiwan", content)).period) == [period]


@pytest.mark.parametrize("period", ["n/a?", "2019 ", "19", "2024-13", "2020-1952", "2017-06..2017-01", "end-2018",
                                    "2019-2020-2021", "c. 2019"])
def test_periods_outside_the_grammar_or_running_backwards_are_refused(tmp_path, period):
    content = JAPAN + f"{period},approvals,cases,JPN->TWN,500,cases,final,table,,moea,,\n"
    folder = write_snapshot(tmp_path / "data", "japan_taiwan", content)
    with pytest.raises(DataValidationError, match=r"japan_taiwan\.csv, line 2: rule 'period grammar' violated: period "):
        load("japan_taiwan", directory=folder)


def test_a_quoted_field_may_hold_a_newline_and_lines_still_count_from_the_file(tmp_path):
    content = trade('A,2024,export,USA,30,final,table,mof,"two\nlines"', "A,2024,export,JPN,5,final,table")
    with pytest.raises(DataValidationError) as error:
        load("trade_by_partner", directory=write_snapshot(tmp_path / "data", "trade_by_partner", content))
    assert (error.value.rule, error.value.line) == (rules.FIELD_COUNT, 5)
