"""Downloading official files: a timeout on every request, a bounded number of retries with backoff,
an honest User-Agent, and no HTML error page or cut-off body ever passed on as data.

Tests (and mirrors) point every official URL at another server with ``base_url`` or the environment
variable ``TRADE_PIVOT_SOURCE_BASE_URL``: the path of the official URL is kept, the host replaced.
"""

from __future__ import annotations

import http.client
import os
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from helpers import __version__

BASE_URL_ENV = "TRADE_PIVOT_SOURCE_BASE_URL"
USER_AGENT = (f"taiwan-trade-pivot/{__version__} (research data updater; monthly download of official "
              "trade statistics; Python urllib)")
# Server answers worth a second try: the request may succeed later. Anything else 4xx is final.
RETRYABLE_STATUS = {408, 425, 429, 500, 502, 503, 504}
HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body")
CHUNK_BYTES = 1 << 16
# A whole download may take this many times the per-read timeout (country.xlsx is about 2 MB).
WHOLE_DOWNLOAD_TIMEOUTS = 5


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


def resolve(url: str, base_url: str | None = None) -> str:
    """The URL to request: the official one, or its path and query on ``base_url`` (or the env override)."""
    base = base_url or os.environ.get(BASE_URL_ENV)
    if not base:
        return url
    parts = urlsplit(url)
    return base.rstrip("/") + parts.path + (f"?{parts.query}" if parts.query else "")


def looks_like_html(body: bytes) -> bool:
    head = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(HTML_MARKERS)


def read_body(response, deadline: float) -> bytes:
    """The whole body, by chunks, giving up at ``deadline`` (a server dripping bytes never times out a read)."""
    chunks = []
    while chunk := response.read(CHUNK_BYTES):
        chunks.append(chunk)
        if time.monotonic() > deadline:
            raise TimeoutError("the download took longer than its time limit")
    body = b"".join(chunks)
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and len(body) < int(declared):
        raise http.client.IncompleteRead(body, int(declared) - len(body))
    return body


def fetch_once(url: str, timeout: float) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    deadline = time.monotonic() + timeout * WHOLE_DOWNLOAD_TIMEOUTS
    with urllib.request.urlopen(request, timeout=timeout) as response:
        content_type = response.headers.get("Content-Type", "")
        body = read_body(response, deadline)
    if "text/html" in content_type.lower() or looks_like_html(body):
        raise DownloadError(url, f"the server sent an HTML page (Content-Type {content_type or 'not given'}) "
                                 "instead of the data file")
    if not body:
        raise DownloadError(url, "the server sent an empty body")
    return body


def fetch(url: str, settings: FetchSettings = FetchSettings(), sleep=time.sleep) -> bytes:
    """The body of ``url``, or ``DownloadError`` after ``settings.retries`` further attempts."""
    target = resolve(url, settings.base_url)
    delay = settings.backoff
    for attempt in range(settings.retries + 1):
        try:
            return fetch_once(target, settings.timeout)
        except urllib.error.HTTPError as error:
            reason = f"HTTP {error.code} {error.reason}"
            if error.code not in RETRYABLE_STATUS:
                raise DownloadError(target, reason) from None
        except http.client.IncompleteRead as error:
            reason = f"truncated download: {len(error.partial)} bytes received, {error.expected} more expected"
        except (TimeoutError, urllib.error.URLError, ConnectionError, http.client.HTTPException) as error:
            cause = getattr(error, "reason", error)
            reason = "timed out" if isinstance(cause, TimeoutError) else f"network error: {cause}"
        if attempt < settings.retries:
            sleep(delay)
            delay *= 2
    raise DownloadError(target, f"{reason} (gave up after {settings.retries + 1} attempts)")
