"""Downloading official files: a timeout on every request, a bounded number of retries with backoff,
an honest User-Agent, and no HTML error page or cut-off body ever passed on as data.

An updater run unattended must not be steered elsewhere or exhausted by one answer: a redirect is followed
only within the requested scheme and host (``http://host:port``), and every download has a size limit,
checked against the declared ``Content-Length`` before reading and against the bytes actually received
while they are streamed to a file (never held in memory as they arrive).

Tests (and mirrors) point every official URL at another server with ``base_url`` or the environment
variable ``TRADE_PIVOT_SOURCE_BASE_URL``: the path of the official URL is kept, the host replaced.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from helpers import __version__

BASE_URL_ENV = "TRADE_PIVOT_SOURCE_BASE_URL"
USER_AGENT = (f"taiwan-trade-pivot/{__version__} (research data updater; monthly download of official "
              "trade statistics; Python urllib)")
# Server answers worth a second try: the request may succeed later. Anything else 4xx is final.
RETRYABLE_STATUS = {408, 425, 429, 500, 502, 503, 504}
HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body")
HTML_SNIFF_BYTES = 512
CHUNK_BYTES = 1 << 16
MEGABYTE = 1 << 20
# A whole download may take this many times the per-read timeout (country.xlsx is about 2 MB).
WHOLE_DOWNLOAD_TIMEOUTS = 5
DEFAULT_PORTS = {"http": 80, "https": 443}


class DownloadError(Exception):
    """A file could not be downloaded intact. The message names the URL and the reason."""

    def __init__(self, url: str, reason: str):
        self.url, self.reason = url, reason
        super().__init__(f"{url}: {reason}")


@dataclass(frozen=True)
class FetchSettings:
    timeout: float = 60.0  # seconds: connect and each read; a whole attempt may take 5 times this
    retries: int = 3  # further attempts after the first one
    backoff: float = 2.0  # seconds before the first retry; doubles each time
    base_url: str | None = None  # replaces scheme and host of every official URL
    max_bytes: int | None = None  # the largest body accepted; None: the limit the caller gives per source


@dataclass(frozen=True)
class Download:
    url: str  # the official URL asked for
    fetched_url: str  # the URL the body came from: after ``base_url`` and same-host redirects
    path: Path  # the body, in a file in the caller's directory
    size: int
    sha256: str


def resolve(url: str, base_url: str | None = None) -> str:
    """The URL to request: the official one, or its path and query on ``base_url`` (or the env override)."""
    base = base_url or os.environ.get(BASE_URL_ENV)
    if not base:
        return url
    parts = urlsplit(url)
    return base.rstrip("/") + parts.path + (f"?{parts.query}" if parts.query else "")


def origin(url: str) -> tuple[str, str, int | None]:
    """Scheme, host and port of ``url``, the port filled in when the scheme implies it."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or DEFAULT_PORTS.get(scheme)


class SameHostRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to the scheme, host and port it was asked for; anything else is refused."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if origin(newurl) != origin(req.full_url):
            fp.close()
            raise DownloadError(req.full_url, f"the server redirected (HTTP {code}) to {newurl}, another scheme, "
                                              "host or port; only redirects within the same one are followed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


OPENER = urllib.request.build_opener(SameHostRedirects)


def looks_like_html(body: bytes) -> bool:
    head = body[:HTML_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(HTML_MARKERS)


def declared_length(response) -> int | None:
    declared = response.headers.get("Content-Length")
    return int(declared) if declared and declared.isdigit() else None


def stream_body(response, out, url: str, max_bytes: int, deadline: float) -> tuple[int, str, bytes]:
    """Copy the body to ``out`` by chunks: its size, sha256 and first bytes. Stops at ``max_bytes`` and at
    ``deadline`` (a server dripping bytes never times out a read)."""
    declared = declared_length(response)
    if declared is not None and declared > max_bytes:
        raise DownloadError(url, f"the server declares {declared:,} bytes (Content-Length), more than the "
                                 f"limit of {max_bytes:,} bytes for this download; nothing was read")
    size, digest, head = 0, hashlib.sha256(), b""
    while chunk := response.read(CHUNK_BYTES):
        size += len(chunk)
        if size > max_bytes:
            raise DownloadError(url, f"the body exceeds the limit of {max_bytes:,} bytes for this download "
                                     f"(Content-Length {declared if declared is not None else 'not given'}); "
                                     "stopped reading there")
        out.write(chunk)
        digest.update(chunk)
        head += chunk[:HTML_SNIFF_BYTES - len(head)]
        if time.monotonic() > deadline:
            raise TimeoutError("the download took longer than its time limit")
    if declared is not None and size < declared:
        raise http.client.IncompleteRead(head, declared - size)
    if declared is not None and size > declared:
        raise DownloadError(url, f"the server sent {size:,} bytes where its Content-Length declared {declared:,}")
    return size, digest.hexdigest(), head


def fetch_once(url: str, path: Path, timeout: float, max_bytes: int) -> tuple[str, int, str]:
    """Download ``url`` into ``path``: the URL fetched (after redirects), the size and the sha256."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    deadline = time.monotonic() + timeout * WHOLE_DOWNLOAD_TIMEOUTS
    with OPENER.open(request, timeout=timeout) as response, path.open("wb") as out:
        fetched_url = response.geturl()
        content_type = response.headers.get("Content-Type", "")
        size, sha256, head = stream_body(response, out, fetched_url, max_bytes, deadline)
    if "text/html" in content_type.lower() or looks_like_html(head):
        raise DownloadError(fetched_url, f"the server sent an HTML page (Content-Type {content_type or 'not given'}) "
                                         "instead of the data file")
    if not size:
        raise DownloadError(fetched_url, "the server sent an empty body")
    return fetched_url, size, sha256


def fetch(url: str, directory: Path, default_max_bytes: int, settings: FetchSettings = FetchSettings(),
          sleep=time.sleep) -> Download:
    """Download ``url`` into a new file in ``directory``, or raise ``DownloadError`` (and leave no file)
    after ``settings.retries`` further attempts. The body may have ``settings.max_bytes`` bytes, else
    ``default_max_bytes``; a body over the limit, or a redirect off the host, is not retried."""
    target = resolve(url, settings.base_url)
    max_bytes = settings.max_bytes or default_max_bytes
    handle, name = tempfile.mkstemp(dir=directory, prefix="download-", suffix=Path(urlsplit(url).path).suffix)
    os.close(handle)
    path = Path(name)
    delay = settings.backoff
    try:
        for attempt in range(settings.retries + 1):
            try:
                fetched_url, size, sha256 = fetch_once(target, path, settings.timeout, max_bytes)
                return Download(url, fetched_url, path, size, sha256)
            except urllib.error.HTTPError as error:
                reason = f"HTTP {error.code} {error.reason}"
                if error.code not in RETRYABLE_STATUS:
                    raise DownloadError(target, reason) from None
            except http.client.IncompleteRead as error:
                reason = f"truncated download: {error.expected:,} bytes short of its Content-Length"
            except (TimeoutError, urllib.error.URLError, ConnectionError, http.client.HTTPException) as error:
                cause = getattr(error, "reason", error)
                reason = "timed out" if isinstance(cause, TimeoutError) else f"network error: {cause}"
            if attempt < settings.retries:
                sleep(delay)
                delay *= 2
        raise DownloadError(target, f"{reason} (gave up after {settings.retries + 1} attempts)")
    except BaseException:
        path.unlink(missing_ok=True)
        raise
