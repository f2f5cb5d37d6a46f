"""Reading a published CSV strictly: the declared encoding, the expected header, whole rows only."""

from __future__ import annotations

import csv
import io

from helpers.update.plan import SourceError


def decode(body: bytes, encoding: str, what: str) -> str:
    """Text of ``body`` in ``encoding``; a file that is not in it (e.g. UTF-8 where Big5 was published) fails."""
    if encoding.lower().replace("-", "") in {"cp950", "big5"} and not body.isascii():
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            raise SourceError(f"{what}: the file is UTF-8, not {encoding} as published: the encoding changed")
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as error:
        raise SourceError(f"{what}: not {encoding} text (undecodable bytes at offset {error.start})") from None


def read_rows(text: str, what: str, required: list[str]) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a CSV text; every row must be as wide as the header and ``required`` columns present."""
    if not text.endswith("\n"):
        raise SourceError(f"{what}: the file does not end with a line break: truncated")
    rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    if len(rows) < 2:
        raise SourceError(f"{what}: no data rows")
    header = [cell.strip() for cell in rows[0]]
    missing = [name for name in required if name not in header]
    if missing:
        raise SourceError(f"{what}: column(s) {', '.join(missing)} not in the header "
                          f"({', '.join(header[:8])}{', …' if len(header) > 8 else ''}): renamed or re-encoded")
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise SourceError(f"{what}: row {number} ({row[0]!r}) has {len(row)} fields, the header {len(header)}: "
                              "truncated or malformed")
    return header, rows[1:]


def number(cell: str, what: str, row_label: str, column: str) -> float:
    """A published number (thousands separators allowed); anything else fails naming its row and column."""
    try:
        return float(cell.strip().replace(",", ""))
    except ValueError:
        raise SourceError(f"{what}: row {row_label!r}, column {column!r}: {cell!r} is not a number") from None


def whole_number(cell: str, what: str, row_label: str, column: str) -> int:
    """A published whole number of the file's unit; a fraction means the unit changed."""
    value = number(cell, what, row_label, column)
    if value != int(value):
        raise SourceError(f"{what}: row {row_label!r}, column {column!r}: {cell!r} is not a whole number "
                          "of the published unit")
    return int(value)
