"""Downloads: timeout, bounded retries with backoff, honest User-Agent, no HTML or cut-off body as data;
redirects only within the requested scheme and host; a size limit per download, with the body streamed
to a file."""

import hashlib
import io
import tracemalloc
from http.client import IncompleteRead

import pytest
from official_release import Response, offline, other_server, server  # noqa: F401 (fixtures)

from helpers.update import download as http
from helpers.update.download import MEGABYTE, DownloadError, FetchSettings, fetch, looks_like_html, origin, resolve

URL = "https://service.mof.gov.tw/public/data/statistic/trade/u2010ex.csv"
PATH = "/public/data/statistic/trade/u2010ex.csv"
LIMIT = MEGABYTE


def get(tmp_path, settings, url=URL, limit=LIMIT) -> bytes:
    return fetch(url, tmp_path, limit, settings).path.read_bytes()


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


def test_fetch_streams_the_body_to_a_file_and_sends_an_honest_user_agent(server, tmp_path):
    server.serve(URL, b"a,b\r\n1,2\r\n")
    download = fetch(URL, tmp_path, LIMIT, server.settings())
    assert download.path.parent == tmp_path and download.path.read_bytes() == b"a,b\r\n1,2\r\n"
    assert download.size == 10 and download.sha256 == hashlib.sha256(b"a,b\r\n1,2\r\n").hexdigest()
    assert download.url == URL and download.fetched_url == server.base_url + PATH
    path, agent = server.requests[0]
    assert path == PATH
    assert agent.startswith("taiwan-trade-pivot/") and "research data updater" in agent


def test_a_server_error_is_retried_with_doubling_backoff_then_reported(server, tmp_path):
    server.serve(URL, Response(b"busy", status=503, content_type="text/plain"))
    waits = []
    with pytest.raises(DownloadError, match=r"HTTP 503 .*gave up after 3 attempts"):
        fetch(URL, tmp_path, LIMIT, FetchSettings(timeout=2, retries=2, backoff=0.5, base_url=server.base_url),
              sleep=waits.append)
    assert len(server.requests) == 3
    assert waits == [0.5, 1.0]


def test_a_missing_file_is_not_retried(server, tmp_path):
    with pytest.raises(DownloadError, match="HTTP 404"):
        get(tmp_path, server.settings(retries=3))
    assert len(server.requests) == 1


def test_a_slow_server_times_out(server, tmp_path):
    server.serve(URL, Response(b"a\r\n", delay=1.0))
    with pytest.raises(DownloadError, match="timed out"):
        get(tmp_path, server.settings(timeout=0.2, retries=0))


def test_an_html_error_page_served_with_status_200_is_not_data(server, tmp_path):
    server.serve(URL, Response(b"<!DOCTYPE html><html><body>Maintenance</body></html>", content_type="text/html"))
    with pytest.raises(DownloadError, match="HTML page"):
        get(tmp_path, server.settings())


def test_a_transfer_cut_short_of_its_content_length_is_reported_as_truncated(server, tmp_path):
    server.serve(URL, Response(b"a,b\r\n1,", declared_length=500))
    with pytest.raises(DownloadError, match="truncated download"):
        get(tmp_path, server.settings(retries=0))


def test_a_refused_connection_is_a_network_error(offline, tmp_path):
    with pytest.raises(DownloadError, match="network error"):
        get(tmp_path, FetchSettings(timeout=1, retries=1, backoff=0, base_url="http://127.0.0.1:9"))


def test_a_failed_download_leaves_no_file(server, tmp_path):
    server.serve(URL, Response(b"a,b\r\n1,", declared_length=500))
    with pytest.raises(DownloadError):
        get(tmp_path, server.settings(retries=1))
    assert list(tmp_path.iterdir()) == []


# --- redirects ----------------------------------------------------------------------------------------

def test_origins_compare_scheme_host_and_port_with_default_ports_filled_in():
    assert origin("http://Example.org/a") == origin("http://example.org:80/b") == ("http", "example.org", 80)
    assert origin("https://example.org/a") != origin("http://example.org/a")
    assert origin("http://127.0.0.1:8000/a") != origin("http://127.0.0.1:8001/a")


def test_a_redirect_within_the_same_host_is_followed_and_the_fetched_url_recorded(server, tmp_path):
    server.serve(URL, Response(b"", status=302, location="/moved/u2010ex.csv"))
    server.serve("/moved/u2010ex.csv", b"a,b\r\n1,2\r\n")
    download = fetch(URL, tmp_path, LIMIT, server.settings())
    assert download.path.read_bytes() == b"a,b\r\n1,2\r\n"
    assert download.url == URL and download.fetched_url == server.base_url + "/moved/u2010ex.csv"
    assert [path for path, _ in server.requests] == [PATH, "/moved/u2010ex.csv"]


def test_a_redirect_to_another_port_is_refused_naming_both_urls(server, other_server, tmp_path):
    elsewhere = other_server.base_url + PATH
    server.serve(URL, Response(b"", status=301, location=elsewhere))
    other_server.serve(URL, b"a,b\r\n1,2\r\n")
    with pytest.raises(DownloadError) as error:
        get(tmp_path, server.settings(retries=2))
    assert str(error.value).startswith(server.base_url + PATH + ": ") and elsewhere in str(error.value)
    assert "another scheme, host or port" in str(error.value)
    assert other_server.requests == [] and len(server.requests) == 1  # not followed, not retried
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("status", [302, 303, 307, 308])
def test_a_redirect_to_another_host_name_is_refused(server, tmp_path, status):
    # localhost reaches the very same server: only the name differs, and that is enough to refuse.
    elsewhere = server.base_url.replace("127.0.0.1", "localhost") + PATH
    server.serve(URL, Response(b"", status=status, location=elsewhere))
    with pytest.raises(DownloadError, match="redirected .* to " + elsewhere):
        get(tmp_path, server.settings())
    assert len(server.requests) == 1


def test_a_redirect_to_another_scheme_on_the_same_host_is_refused(server, tmp_path):
    elsewhere = server.base_url.replace("http://", "https://") + PATH
    server.serve(URL, Response(b"", status=302, location=elsewhere))
    with pytest.raises(DownloadError, match="redirected .* to " + elsewhere):
        get(tmp_path, server.settings())


def test_a_chain_of_redirects_is_refused_at_its_first_step_off_the_host(server, other_server, tmp_path):
    server.serve(URL, Response(b"", status=302, location="/step/u2010ex.csv"))
    server.serve("/step/u2010ex.csv", Response(b"", status=302, location=other_server.base_url + PATH))
    with pytest.raises(DownloadError, match=f"^{server.base_url}/step/u2010ex.csv: .*{other_server.base_url}"):
        get(tmp_path, server.settings())
    assert other_server.requests == []


# --- size limit ---------------------------------------------------------------------------------------

ENDLESS_CHUNK = b"12,34,56,78,90\r\n" * 4096  # 64 KiB; sent 1024 times over, 64 MiB: far beyond any limit below


def test_an_endless_body_is_stopped_at_the_limit_without_holding_it_in_memory(server, tmp_path):
    limit = 8 * MEGABYTE
    server.serve(URL, Response(ENDLESS_CHUNK, repeat=1024, chunked=True))
    tracemalloc.start()
    try:
        with pytest.raises(DownloadError, match="exceeds the limit of 8,388,608 bytes"):
            get(tmp_path, server.settings(retries=2), limit=limit)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < limit / 4, f"peak allocation {peak:,} bytes while streaming a body capped at {limit:,}"
    assert len(server.requests) == 1  # a body over the limit is not retried
    assert list(tmp_path.iterdir()) == []


def test_a_declared_length_over_the_limit_is_refused_before_reading(server, tmp_path):
    server.serve(URL, Response(ENDLESS_CHUNK, repeat=64))
    with pytest.raises(DownloadError, match=f"declares {64 * len(ENDLESS_CHUNK):,} bytes .* limit of 1,048,576 bytes.*nothing was read"):
        get(tmp_path, server.settings())


def test_a_content_length_understating_a_chunked_body_does_not_lift_the_limit(server, tmp_path):
    # With Transfer-Encoding: chunked a client must disregard Content-Length, so the small declared size
    # cannot be what limits the download: the bytes received are counted.
    server.serve(URL, Response(ENDLESS_CHUNK, repeat=1024, chunked=True, declared_length=1000))
    with pytest.raises(DownloadError, match="exceeds the limit of 1,048,576 bytes .*Content-Length 1000"):
        get(tmp_path, server.settings())
    assert list(tmp_path.iterdir()) == []


def test_a_body_longer_than_its_content_length_is_refused(server, tmp_path):
    server.serve(URL, Response(b"a,b\r\n1,2\r\n", chunked=True, declared_length=5))
    with pytest.raises(DownloadError, match="sent 10 bytes where its Content-Length declared 5"):
        get(tmp_path, server.settings())


def test_the_settings_limit_overrides_the_callers_default(server, tmp_path):
    server.serve(URL, b"a,b\r\n1,2\r\n")
    settings = FetchSettings(timeout=2, retries=0, base_url=server.base_url, max_bytes=9)
    with pytest.raises(DownloadError, match="declares 10 bytes .* limit of 9 bytes"):
        fetch(URL, tmp_path, LIMIT, settings)
    assert get(tmp_path, server.settings(), limit=10) == b"a,b\r\n1,2\r\n"


# --- streaming, without a server ---------------------------------------------------------------------

class FakeResponse:
    def __init__(self, chunks, length=None):
        self.chunks, self.headers = list(chunks), {"Content-Length": length} if length else {}

    def read(self, size):
        return self.chunks.pop(0) if self.chunks else b""


def stream(response, max_bytes=LIMIT, deadline=float("inf")):
    out = io.BytesIO()
    size, _sha256, head = http.stream_body(response, out, URL, max_bytes, deadline)
    return out.getvalue(), size, head


def test_the_body_is_streamed_whole_within_the_deadline():
    assert stream(FakeResponse([b"ab", b"cd"], "4")) == (b"abcd", 4, b"abcd")


def test_only_the_first_bytes_are_kept_for_recognising_html():
    _body, size, head = stream(FakeResponse([b"x" * 400, b"y" * 400]))
    assert size == 800 and head == b"x" * 400 + b"y" * 112


def test_a_server_dripping_bytes_past_the_deadline_times_out():
    with pytest.raises(TimeoutError, match="longer than its time limit"):
        stream(FakeResponse([b"ab", b"cd"]), deadline=0)


def test_a_body_shorter_than_its_content_length_is_incomplete():
    with pytest.raises(IncompleteRead):
        stream(FakeResponse([b"ab"], "10"))


def test_nothing_past_the_limit_is_written():
    out = io.BytesIO()
    with pytest.raises(DownloadError, match="exceeds the limit of 5 bytes"):
        http.stream_body(FakeResponse([b"abc", b"def"]), out, URL, 5, float("inf"))
    assert out.getvalue() == b"abc"
