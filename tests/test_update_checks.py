"""Strict reading of published CSV text and the plausibility rules shared by the sources."""

import pandas as pd
import pytest

from helpers.update.csvtext import decode, number, read_rows, whole_number
from helpers.update.plan import SourceError
from helpers.update.plausible import check_month_on_month, check_not_negative


def test_big5_text_decodes_and_utf8_in_its_place_is_named():
    assert decode("總計(千元)\r\n".encode("cp950"), "cp950", "u2010ex.csv") == "總計(千元)\r\n"
    with pytest.raises(SourceError, match="u2010ex.csv: the file is UTF-8, not cp950"):
        decode("總計(千元)\r\n".encode("utf-8"), "cp950", "u2010ex.csv")


def test_undecodable_bytes_are_located():
    with pytest.raises(SourceError, match=r"not utf-8-sig text \(undecodable bytes at offset 2\)"):
        decode(b"ab\xff\xfe", "utf-8-sig", "b.csv")


def test_rows_must_be_as_wide_as_the_header():
    header, rows = read_rows("a,b\r\n1,2\r\n\r\n", "f.csv", ["a"])
    assert header == ["a", "b"] and rows == [["1", "2"]]
    with pytest.raises(SourceError, match="row 3 \\('3'\\) has 1 fields, the header 2"):
        read_rows("a,b\r\n1,2\r\n3\r\n", "f.csv", ["a"])


def test_a_file_without_a_final_line_break_is_truncated():
    with pytest.raises(SourceError, match="does not end with a line break: truncated"):
        read_rows("a,b\r\n1,2", "f.csv", ["a"])


def test_a_header_only_file_has_no_data():
    with pytest.raises(SourceError, match="no data rows"):
        read_rows("a,b\r\n", "f.csv", ["a"])


def test_numbers_accept_thousands_separators_and_name_their_place():
    assert number(" 1,234.5 ", "f.csv", "2025-01", "v") == 1234.5
    assert whole_number("1,234", "f.csv", "2025-01", "v") == 1234
    with pytest.raises(SourceError, match="row '2025-01', column 'v': '-' is not a number"):
        number("-", "f.csv", "2025-01", "v")


def test_negative_values_are_named():
    values = pd.Series([1.0, -2.0])
    with pytest.raises(SourceError, match="x: implausible value: USA 2025-02 is negative \\(-2\\)"):
        check_not_negative(values, "x", pd.Series(["USA 2025-01", "USA 2025-02"]))


def test_a_month_falling_to_a_third_is_implausible_but_a_lunar_new_year_dip_is_not():
    check_month_on_month(pd.Series({"2025-01": 100.0, "2025-02": 60.0, "2025-03": 110.0}), "x")
    with pytest.raises(SourceError, match="2025-02 is 30 against 100 in 2025-01"):
        check_month_on_month(pd.Series({"2025-01": 100.0, "2025-02": 30.0}), "x")
