"""Downloads: timeout, bounded retries with backoff, honest User-Agent, no HTML or cut-off body as data."""

from http.client import IncompleteRead

import pytest
from official_release import Response, offline, server  # noqa: F401 (fixtures)

from helpers.update import download as http
from helpers.update.download import DownloadError, FetchSettings, fetch, looks_like_html, resolve

URL = "https://service.mof.gov.tw/public/data/statistic/trade/u2010ex.csv"
PATH = "/public/data/statistic/trade/u2010ex.csv"


def test_resolve_keeps_the_official_url_unless_a_base_is_given(monkeypatch):
    monkeypatch.delenv(http.BASE_URL_ENV, raising=False)
    assert resolve(URL) == URL
    assert resolve(URL, "http://127.0.0.1:8000/") == "http://127.0.0.1:8000" + PATH
    assert resolve("https://a.example/x.csv?id=1", "http://mirror") == "http://mirror/x.csv?id=1"


def test_resolve_reads_the_base_from_the_environment(monkeypatch):
    monkeypatch.setenv(http.BASE_URL_ENV, "http://127.0.0.1:9")
    assert resolve(URL) == "http://127.0.0.1:9" + PATH


def test_html_is_recognised_behind_a_byte_order_mark_and_whitespace():
    assert looks_like_html(b"\xef\xbb\xbf \r\n<!DOCTYPE html><html>")
    assert looks_like_html(b"<HTML><body>503</body></HTML>")
    assert not looks_like_html("總計(千元),亞洲(千元)\r\n".encode("cp950"))


def test_fetch_returns_the_body_and_sends_an_honest_user_agent(server):
    server.serve(URL, b"a,b\r\n1,2\r\n")
    assert fetch(URL, server.settings()) == b"a,b\r\n1,2\r\n"
    path, agent = server.requests[0]
    assert path == PATH
    assert agent.startswith("taiwan-trade-pivot/") and "research data updater" in agent


def test_a_server_error_is_retried_with_doubling_backoff_then_reported(server):
    server.serve(URL, Response(b"busy", status=503, content_type="text/plain"))
    waits = []
    with pytest.raises(DownloadError, match=r"HTTP 503 .*gave up after 3 attempts"):
        fetch(URL, FetchSettings(timeout=2, retries=2, backoff=0.5, base_url=server.base_url), sleep=waits.append)
    assert len(server.requests) == 3
    assert waits == [0.5, 1.0]


def test_a_missing_file_is_not_retried(server):
    with pytest.raises(DownloadError, match="HTTP 404"):
        fetch(URL, server.settings(retries=3))
    assert len(server.requests) == 1


def test_a_slow_server_times_out(server):
    server.serve(URL, Response(b"a\r\n", delay=1.0))
    with pytest.raises(DownloadError, match="timed out"):
        fetch(URL, server.settings(timeout=0.2, retries=0))


def test_an_html_error_page_served_with_status_200_is_not_data(server):
    server.serve(URL, Response(b"<!DOCTYPE html><html><body>Maintenance</body></html>", content_type="text/html"))
    with pytest.raises(DownloadError, match="HTML page"):
        fetch(URL, server.settings())


def test_a_transfer_cut_short_of_its_content_length_is_reported_as_truncated(server):
    server.serve(URL, Response(b"a,b\r\n1,", declared_length=500))
    with pytest.raises(DownloadError, match="truncated download"):
        fetch(URL, server.settings(retries=0))


def test_a_refused_connection_is_a_network_error(offline):
    with pytest.raises(DownloadError, match="network error"):
        fetch(URL, FetchSettings(timeout=1, retries=1, backoff=0, base_url="http://127.0.0.1:9"))


class FakeResponse:
    def __init__(self, chunks, length=None):
        self.chunks, self.headers = list(chunks), {"Content-Length": length} if length else {}

    def read(self, size):
        return self.chunks.pop(0) if self.chunks else b""


def test_the_body_is_read_whole_within_the_deadline():
    assert http.read_body(FakeResponse([b"ab", b"cd"], "4"), deadline=float("inf")) == b"abcd"


def test_a_server_dripping_bytes_past_the_deadline_times_out():
    with pytest.raises(TimeoutError, match="longer than its time limit"):
        http.read_body(FakeResponse([b"ab", b"cd"]), deadline=0)


def test_a_body_shorter_than_its_content_length_is_incomplete():
    with pytest.raises(IncompleteRead):
        http.read_body(FakeResponse([b"ab"], "10"), deadline=float("inf"))
