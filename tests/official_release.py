"""Test support for the updater: a small copy of the snapshot, response bodies in the official formats
built from it, and a local HTTP server on 127.0.0.1 that serves them at the official paths.

Nothing here reaches the internet: ``offline`` refuses any connection to a host other than 127.0.0.1.
"""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
import socket
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pytest
from openpyxl import Workbook

from helpers.snapshot import paths, read_snapshot_csv, registry
from helpers.update import census, moea, mof
from helpers.update.download import FetchSettings

MOF_PARTNERS = ["WLD", "USA", "CHN", "HKG", "JPN"]
FIRST_YEAR = "2023"
# Mainland China's part of China + Hong Kong where the press tables give only the sum (test values).
CHINA_SHARE = 0.6
ORDERS_MONTHS = pd.period_range("2024-01", "2025-12", freq="M").strftime("%Y-%m")


# --- a small snapshot ----------------------------------------------------------------------------------

def small_snapshot(directory: Path) -> Path:
    """A copy of data/ cut to five partners and the years from 2023, with a registry that matches it."""
    shutil.copytree(paths.data_dir(), directory)
    trade = small_trade(read_snapshot_csv(directory / "trade_by_partner.csv"))
    # Months known only from release headlines are left out, so that the next u2010 month is a new period.
    trade = trade[~((trade.freq == "M") & (trade.basis == "headline"))]
    trade.to_csv(directory / "trade_by_partner.csv", index=False, lineterminator="\n")
    mirror = read_snapshot_csv(directory / "mirror.csv")
    mirror[mirror.period >= FIRST_YEAR].to_csv(directory / "mirror.csv", index=False, lineterminator="\n")
    registry.refresh_file_entries(directory)
    return directory


def small_trade(trade: pd.DataFrame) -> pd.DataFrame:
    return trade[trade.partner.isin(MOF_PARTNERS + ["CHN+HKG"]) & (trade.period >= FIRST_YEAR)]


def checksums(directory: Path) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(directory.iterdir())
            if path.is_file()}


# --- MOF u2010ex.csv / u2010im.csv -------------------------------------------------------------------------

def mof_values(directory: Path, flow: str) -> pd.DataFrame:
    """Partner columns × period labels, as the u2010 file of ``flow`` would carry the small snapshot."""
    trade = read_snapshot_csv(directory / "trade_by_partner.csv")
    # The u2010 file carries what MOF tables carry: release headlines (full years, months after the press tables) are not in it.
    trade = trade[(trade.flow == flow) & trade.source.str.startswith("mof_") & (trade.basis == "table")]
    trade = trade.assign(value=trade.value_usd_thousand.astype(int))
    wide = trade.pivot_table(index=["freq", "period"], columns="partner", values="value", aggfunc="first")
    if "CHN+HKG" in wide:
        press = wide["CHN+HKG"].notna() & wide.CHN.isna()
        wide.loc[press, "CHN"] = (wide.loc[press, "CHN+HKG"] * CHINA_SHARE).round()
        wide.loc[press, "HKG"] = wide.loc[press, "CHN+HKG"] - wide.loc[press, "CHN"]
    return wide[MOF_PARTNERS].astype("int64")


def period_label(freq: str, period: str) -> str:
    return f"{period}年" if freq == "A" else f"{period[:4]}年 {int(period[5:])}月"


def with_month(values: pd.DataFrame, period: str, growth: float = 1.05) -> pd.DataFrame:
    """``values`` plus month ``period``, every partner ``growth`` times the last month."""
    last = values.loc["M"].iloc[-1]
    added = pd.DataFrame([(last * growth).round().astype("int64")], index=pd.MultiIndex.from_tuples([("M", period)]))
    return pd.concat([values, added])


def u2010_body(values: pd.DataFrame, flow: str, encoding: str = "cp950", columns: dict | None = None) -> bytes:
    """A u2010 file: first column the period label, then one ``<partner>(千元)`` column per partner."""
    names = columns or {code: zh + mof.UNIT_SUFFIX for zh, code in mof.PARTNER_COLUMNS.items()}
    first = "Exports to Country (Unit: US$ Thousand)" if flow == "export" else "Imports from Country (Unit : US$ Thousand)"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([first] + [names[code] for code in values.columns])
    for (freq, period), row in values.iterrows():
        writer.writerow([period_label(freq, period)] + [str(v) for v in row])
    return out.getvalue().encode(encoding)


# --- Census country.xlsx ------------------------------------------------------------------------------

def census_values(directory: Path) -> dict[str, dict[str, float]]:
    """Year → column (IJAN…EYR) → US$ million, for Taiwan, from the small snapshot's US mirror."""
    mirror = read_snapshot_csv(directory / "mirror.csv")
    us = mirror[(mirror.reporter == "USA") & mirror.flow.isin(["import", "export"]) & mirror.source.str.startswith("census_")]
    years: dict[str, dict[str, float]] = {}
    for row in us[us.freq == "M"].itertuples():
        column = census.FLOW_PREFIX[row.flow] + census.MONTHS[int(row.period[5:]) - 1]
        years.setdefault(row.period[:4], {})[column] = int(row.value_usd_thousand) / 1000
    for year in years:
        first = next(name for name in census.MONTHS if f"I{name}" in years[year])
        with_census_month(years, f"{year}-{census.MONTHS.index(first) + 1:02d}", years[year][f"I{first}"],
                          years[year][f"E{first}"])
    return years


def with_census_month(years: dict[str, dict[str, float]], period: str, imports: float, exports: float) -> dict:
    """``years`` with one more published month, its year's totals added up again."""
    year, month = period[:4], census.MONTHS[int(period[5:]) - 1]
    columns = years.setdefault(year, {})
    columns.update({f"I{month}": imports, f"E{month}": exports})
    for prefix in census.FLOW_PREFIX.values():
        columns[f"{prefix}YR"] = round(sum(columns.get(prefix + name, 0) for name in census.MONTHS), 1)
    return years


def country_xlsx(years: dict[str, dict[str, float]], header: list[str] | None = None,
                 taiwan_name: str = census.TAIWAN_NAME) -> bytes:
    """A country.xlsx with Taiwan's rows (unpublished months 0) and one other country."""
    book = Workbook()
    sheet = book.active
    sheet.title = "country"
    sheet.append(header or census.HEADER)
    for year, columns in sorted(years.items()):
        sheet.append([year, "5700", "China"] + [1000.0] * 26)
        sheet.append([year, census.TAIWAN_CODE, taiwan_name] + [columns.get(name, 0) for name in census.HEADER[3:]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- MOEA b.csv -------------------------------------------------------------------------------------

def orders_body(months=ORDERS_MONTHS, encoding: str = "utf-8-sig", unit: str = moea.UNIT_USD_MILLION,
                annual_bn: dict | None = None) -> bytes:
    """b.csv: export orders per month in US$ million; each year's months add up to ``annual_bn``."""
    annual_bn = annual_bn or {"2024": 589.54, "2025": 743.73}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([moea.ITEM, moea.PERIOD, moea.VALUE, moea.UNIT, "統計值(新台幣)", "計量單位(新台幣)"])
    for month in months:
        roc = f"{int(month[:4]) - 1911}{month[5:]}"
        value = annual_bn.get(month[:4], 600.0) * 1000 / 12
        writer.writerow([moea.ORDERS_ITEM, roc, f"{value:.2f}", unit, f"{value * 0.32:.2f}", "新臺幣億元"])
    return out.getvalue().encode(encoding)


# --- the local server ---------------------------------------------------------------------------------

@dataclass
class Response:
    body: bytes
    status: int = 200
    content_type: str = "text/csv"
    delay: float = 0.0  # seconds before answering
    declared_length: int | None = None  # a Content-Length other than the body's: a cut-off or lying transfer
    location: str | None = None  # where a redirect (status 301, 302, 303, 307, 308) points
    repeat: int = 1  # the body is sent this many times over: a huge download from a small test value
    chunked: bool = False  # Transfer-Encoding: chunked; no Content-Length unless declared_length is given

    @property
    def content_length(self) -> int | None:
        if self.declared_length is not None or self.chunked:
            return self.declared_length
        return len(self.body) * self.repeat


class OfficialServer:
    """Serves ``routes`` (official path → Response) on 127.0.0.1; counts requests per path."""

    def __init__(self):
        self.routes: dict[str, Response] = {}
        self.requests: list[tuple[str, str]] = []  # (path, User-Agent)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                server.requests.append((self.path, self.headers.get("User-Agent", "")))
                response = server.routes.get(self.path, Response(b"not found", 404, "text/plain"))
                time.sleep(response.delay)
                try:
                    if response.chunked:
                        self.protocol_version = "HTTP/1.1"  # chunked transfers exist from HTTP/1.1 on
                    self.send_response(response.status)
                    self.send_header("Content-Type", response.content_type)
                    if response.content_length is not None:
                        self.send_header("Content-Length", str(response.content_length))
                    if response.location:
                        self.send_header("Location", response.location)
                    if response.chunked:
                        self.send_header("Transfer-Encoding", "chunked")
                        self.send_header("Connection", "close")
                    self.end_headers()
                    for _ in range(response.repeat):
                        self.wfile.write(f"{len(response.body):x}\r\n".encode() + response.body + b"\r\n"
                                         if response.chunked else response.body)
                    if response.chunked:
                        self.wfile.write(b"0\r\n\r\n")
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout, size limit): expected in those tests

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def serve(self, url: str, response: Response | bytes) -> None:
        self.routes[urlsplit(url).path] = response if isinstance(response, Response) else Response(response)

    def settings(self, timeout: float = 2.0, retries: int = 1) -> FetchSettings:
        return FetchSettings(timeout=timeout, retries=retries, backoff=0.01, base_url=self.base_url)


def serve_release(server: OfficialServer, directory: Path, month: str | None = "2025-09") -> dict[str, pd.DataFrame]:
    """Serve all three publishers' files as the small snapshot has them, MOF with ``month`` added."""
    values = {}
    for url, flow in mof.FLOW_BY_URL.items():
        values[flow] = with_month(mof_values(directory, flow), month) if month else mof_values(directory, flow)
        server.serve(url, u2010_body(values[flow], flow))
    server.serve(census.URL, Response(country_xlsx(census_values(directory)),
                                      content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    server.serve(moea.URL, orders_body())
    return values


@pytest.fixture
def offline(monkeypatch):
    """Any connection to a host other than 127.0.0.1 fails the test."""
    real = socket.create_connection

    def local_only(address, *args, **kwargs):
        assert address[0] in ("127.0.0.1", "localhost"), f"test tried to reach {address[0]}"
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", local_only)


@contextmanager
def running_server():
    official = OfficialServer()
    official.thread.start()
    try:
        yield official
    finally:
        official.httpd.shutdown()
        official.httpd.server_close()


@pytest.fixture
def server(offline):
    with running_server() as official:
        yield official


@pytest.fixture
def other_server(offline):
    """A second server: another port on the same host."""
    with running_server() as official:
        yield official


@pytest.fixture
def snapshot(tmp_path) -> Path:
    return small_snapshot(tmp_path / "data")
