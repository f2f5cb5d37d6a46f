"""The `trade-pivot-data` command: source selection, dry run, saved report, exit status, lock."""

import pytest
from filelock import FileLock
from official_release import Response, checksums, offline, other_server, serve_release, server, snapshot  # noqa: F401

from helpers.snapshot import DataValidationError, load, read_snapshot_csv, registry, served, validate
from helpers.snapshot.files import sha256, write_csv_atomic
from helpers.update import cli as update
from helpers.update import moea


def cli(server, snapshot, *args):
    return update.main(["--base-url", server.base_url, "--data-dir", str(snapshot),
                        "--report-dir", str(snapshot.parent / "updates"), "--timeout", "2", *args])


def test_one_source_can_be_updated_alone(server, snapshot, capsys):
    serve_release(server, snapshot)
    assert cli(server, snapshot, "--source", "moea") == 0
    printed = capsys.readouterr().out
    assert "## moea" in printed and "## mof" not in printed
    assert {path for path, _ in server.requests} == {"/EE520/opendata/b.csv"}


def test_a_source_named_twice_runs_once(server, snapshot, capsys):
    serve_release(server, snapshot)
    assert cli(server, snapshot, "--source", "moea", "--source", "moea", "--dry-run") == 0
    assert capsys.readouterr().out.count("## moea") == 1


def test_the_printed_report_is_saved(server, snapshot, capsys):
    serve_release(server, snapshot)
    cli(server, snapshot, "--dry-run")
    saved = list((snapshot.parent / "updates").glob("*.md"))
    assert len(saved) == 1 and saved[0].read_text(encoding="utf-8") == capsys.readouterr().out


def test_nothing_new_is_said_in_one_line_at_the_end(server, snapshot, capsys):
    serve_release(server, snapshot)
    cli(server, snapshot)
    capsys.readouterr()
    assert cli(server, snapshot) == 0
    assert capsys.readouterr().out.rstrip().splitlines()[-1] == update.NOTHING_NEW


def test_an_unknown_source_is_a_usage_error(snapshot):
    with pytest.raises(SystemExit) as exit_info:
        update.main(["--source", "boft", "--data-dir", str(snapshot)])
    assert exit_info.value.code == 2


def test_a_second_update_while_one_runs_exits_without_touching_anything(server, snapshot, capsys):
    serve_release(server, snapshot)
    (snapshot.parent / "updates").mkdir()
    before = checksums(snapshot)
    with FileLock(snapshot.parent / "updates" / update.LOCK_FILE):
        assert cli(server, snapshot) == update.EXIT_LOCKED
    assert "another data update is running" in capsys.readouterr().out
    assert checksums(snapshot) == before and server.requests == []


def test_the_csv_dialect_is_the_snapshots(snapshot, tmp_path):
    frame = read_snapshot_csv(snapshot / "mirror.csv")
    write_csv_atomic(frame, tmp_path / "mirror.csv")
    assert update.csv_bytes(frame) == (tmp_path / "mirror.csv").read_bytes() == (snapshot / "mirror.csv").read_bytes()


def test_the_updater_compares_what_the_loader_serves_with_the_aggregates_it_computes(snapshot):
    sources = registry.load_registry(snapshot)["sources"]
    path = snapshot / "trade_by_partner.csv"
    valid = validate("trade_by_partner", read_snapshot_csv(path), path, sources)
    view = served("trade_by_partner", valid, path)
    assert "CHN+HKG" in set(view[view.period == "2024"].partner)
    assert served("mirror", valid, path) is valid


def test_a_retrieval_is_recorded_in_the_source_entry(snapshot):
    update.record_retrieval(snapshot, "census_country_xlsx", "2026-12-01T00:00:00Z", {"https://x/country.xlsx": "ab"})
    entry = registry.source("census_country_xlsx", snapshot)
    assert entry["retrieved"] == "2026-12-01T00:00:00Z"
    assert entry["retrieved_files"] == {"https://x/country.xlsx": "ab"}
    assert entry["licence"].startswith("Public domain")  # the rest of the entry is kept


def test_an_unforeseen_error_in_one_source_is_reported_and_the_others_still_run(server, snapshot, capsys, monkeypatch):
    serve_release(server, snapshot)

    def broken(bodies, data_dir):
        raise KeyError("總計")

    monkeypatch.setattr(update.PUBLISHERS["mof"], "plan", broken)
    before = checksums(snapshot)
    assert cli(server, snapshot) == update.EXIT_SOURCE_FAILED
    printed = capsys.readouterr().out
    assert "## mof (mof_u2010): FAILED" in printed and "unexpected KeyError" in printed
    assert "## census (census_country_xlsx): updated" in printed
    assert checksums(snapshot)["trade_by_partner.csv"] == before["trade_by_partner.csv"]


def test_without_a_network_every_source_fails_and_every_file_stays_byte_identical(offline, snapshot, capsys):
    before = checksums(snapshot)
    status = update.main(["--base-url", "http://127.0.0.1:9", "--retries", "0", "--timeout", "1",
                          "--data-dir", str(snapshot), "--report-dir", str(snapshot.parent / "updates")])
    assert status == update.EXIT_SOURCE_FAILED
    printed = capsys.readouterr().out
    assert printed.count("network error") == 3 and "Failed: mof, census, moea" in printed
    assert checksums(snapshot) == before


def test_the_report_records_the_url_actually_fetched_after_a_same_host_redirect(server, snapshot, capsys):
    serve_release(server, snapshot)
    server.serve("/EE520/opendata/2025/b.csv", server.routes["/EE520/opendata/b.csv"])
    server.serve(moea.URL, Response(b"", status=302, location="/EE520/opendata/2025/b.csv"))
    assert cli(server, snapshot, "--source", "moea") == 0
    printed = capsys.readouterr().out
    assert f"- downloaded {moea.URL} from {server.base_url}/EE520/opendata/2025/b.csv (" in printed


def test_a_redirect_off_the_host_fails_the_source_and_names_both_urls(server, other_server, snapshot, capsys):
    serve_release(server, snapshot)
    server.serve(moea.URL, Response(b"", status=302, location=other_server.base_url + "/b.csv"))
    assert cli(server, snapshot, "--source", "moea") == update.EXIT_SOURCE_FAILED
    printed = capsys.readouterr().out
    assert f"DownloadError: {server.base_url}/EE520/opendata/b.csv: the server redirected (HTTP 302) to " \
           f"{other_server.base_url}/b.csv" in printed
    assert other_server.requests == []


def test_max_mb_limits_every_download_and_a_source_over_it_fails_alone(server, snapshot, capsys):
    serve_release(server, snapshot)
    before = checksums(snapshot)
    # 0.005 MiB (5,243 bytes): more than the small release's CSV files, less than its country.xlsx.
    assert cli(server, snapshot, "--max-mb", "0.005") == update.EXIT_SOURCE_FAILED
    printed = capsys.readouterr().out
    assert "## census (census_country_xlsx): FAILED" in printed
    assert "more than the limit of 5,243 bytes for this download" in printed
    assert "## mof (mof_u2010): updated" in printed and "## moea (moea_export_orders): checked" in printed
    assert checksums(snapshot)["mirror.csv"] == before["mirror.csv"]


@pytest.mark.parametrize("value", ["0", "-1", "inf", "nan", "many"])
def test_max_mb_must_be_a_positive_number(value, snapshot):
    with pytest.raises(SystemExit) as exit_info:
        update.main(["--max-mb", value, "--data-dir", str(snapshot)])
    assert exit_info.value.code == 2


def test_each_source_has_its_own_size_limit_in_the_help(capsys):
    with pytest.raises(SystemExit):
        update.main(["--help"])
    assert "mof 16, census 64, moea 16" in capsys.readouterr().out


def test_rehash_records_a_deliberate_edit_with_who_why_and_when(snapshot, capsys):
    path = snapshot / "export_orders.csv"
    path.write_text("".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[:-1]), encoding="utf-8")
    with pytest.raises(DataValidationError, match="rehash"):
        load("export_orders", directory=snapshot)
    args = ["--data-dir", str(snapshot), "--rehash", "export_orders.csv", "--reason", "drop a duplicated row", "--by", "ana"]
    assert update.main(args) == 0
    entry = registry.load_registry(snapshot)["files"]["export_orders.csv"]
    assert entry["sha256"] == sha256(path)
    assert [(edit["by"], edit["reason"], edit["sha256"]) for edit in entry["edits"]] == [
        ("ana", "drop a duplicated row", sha256(path))]
    assert entry["edits"][0]["when"].endswith("Z") and "recorded the edit of export_orders.csv" in capsys.readouterr().out
    assert len(load("export_orders", directory=snapshot)) == entry["rows"]


def test_rehash_refuses_a_file_that_breaks_a_rule_and_leaves_the_registry_alone(snapshot, capsys):
    path = snapshot / "export_orders.csv"
    path.write_text(path.read_text(encoding="utf-8") + "2025,USA\n", encoding="utf-8")
    before = (snapshot / "sources.yaml").read_bytes()
    assert update.main(["--data-dir", str(snapshot), "--rehash", "export_orders.csv", "--reason", "x"]) == 1
    assert "not recorded: export_orders.csv, line" in capsys.readouterr().out
    assert (snapshot / "sources.yaml").read_bytes() == before


def test_rehash_needs_a_reason(snapshot):
    with pytest.raises(SystemExit) as exit_info:
        update.main(["--data-dir", str(snapshot), "--rehash", "export_orders.csv"])
    assert exit_info.value.code == 2
