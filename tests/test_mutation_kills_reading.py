"""From an imported file's bytes to rows: each encoding, each refusal's line and column, the header's edges."""

from __future__ import annotations

import pytest

from lib.core.errors import ImportFileError
from lib.jobsearch.imports import reading
from lib.jobsearch.imports.rows import Header

HEADER = Header(1, {"company": 0, "role": 1}, ["Company", "Role"])


def _refusal(call) -> ImportFileError:
    with pytest.raises(ImportFileError) as err:
        call()
    return err.value


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("\ufeff\ufeffa\r\nb", "a\nb"),
        ("a\rb", "a\rb"),
        ("company,role\n".encode("utf-16-le"), "company,role\n"),
        ("company,role\n".encode("utf-16-be"), "company,role\n"),
        ("company,role\n".encode("utf-16"), "company,role\n"),
        ("company,role\n".encode("utf-32"), "company,role\n"),
        (b"\x00\x00\xfe\xff" + "ab\n".encode("utf-32-be"), "ab\n"),
        (b"\xfe\xff" + "ab\n".encode("utf-16-be"), "ab\n"),
        (b"\xef\xbb\xbf\xef\xbb\xbfa\x00b\r\nc", "ab\nc"),
        ("é,ü\r\n".encode(), "é,ü\n"),
    ],
)
def test_decode_reads_utf8_and_marked_or_nul_spaced_utf16(data, text) -> None:
    assert reading.decode(data, "f.csv") == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"ab\xffc", "not UTF-8 text (byte 2); save the file as CSV UTF-8"),
        (b"\xff\xfe\x00\xd8", "not utf-16 text (byte 2); save the file as CSV UTF-8"),
        ("abcdef".encode("utf-16-le") + b"\x00\xd8", "not utf-16-le text (byte 12); save the file as CSV UTF-8"),
        ("abcdef".encode("utf-16-be") + b"\xd8\x00", "not utf-16-be text (byte 12); save the file as CSV UTF-8"),
    ],
)
def test_decode_names_the_encoding_and_the_byte(data, message) -> None:
    err = _refusal(lambda: reading.decode(data, "f.csv"))
    assert (err.message, err.where) == (message, "f.csv")


def test_decode_refuses_a_zip() -> None:
    assert "zip archive" in _refusal(lambda: reading.decode(b"PK\x03\x04", "b.zip")).message


@pytest.mark.parametrize(
    ("head", "utf16"),
    [
        (b"a\x00b\x00", True),
        (b"\x00a\x00b", True),
        (b"a\x00b", False),
        (b"abcd", False),
        (b"ab\x00c\x00d", False),
        # Exactly 40 % NUL bytes is not enough.
        (b"a\x00b\x00c\x00d\x00ef", False),
        (b"\x00a\x00b\x00c\x00def", False),
    ],
)
def test_utf16_without_a_mark_is_known_by_its_nul_bytes(head, utf16) -> None:
    assert reading._looks_utf16(head) is utf16


def test_records_number_each_record_by_the_line_it_starts_on() -> None:
    text = 'a,b\n"x\ny",z\nq,w\n'
    assert list(reading.records(text, "f.csv")) == [(1, ["a", "b"]), (2, ["x\ny", "z"]), (4, ["q", "w"])]


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ('a,b\n"x\ny",z\nq,"w\n', "not valid CSV: unexpected end of data", 4),
        ('a,b\n"x"y,z\n', "not valid CSV: ',' expected after '\"'", 2),
    ],
)
def test_broken_csv_is_refused_at_its_line(text, message, line) -> None:
    err = _refusal(lambda: list(reading.records(text, "f.csv")))
    assert (err.message, err.where) == (message, f"f.csv, line {line}")


@pytest.mark.parametrize(
    ("cells", "blank"),
    [([], True), (["", " "], True), ([" \n", ""], True), ([" ", "x"], False), (["x"], False), (["x", ""], False)],
)
def test_a_record_without_text_is_blank(cells, blank) -> None:
    assert reading.blank(cells) is blank


def test_company_keys_are_computed_once_per_name() -> None:
    cache: dict[str, str] = {}
    assert reading.cached_key(cache, "Open AI") == "openai"
    assert cache == {"Open AI": "openai"}
    cache["Open AI"] = "kept"
    assert reading.cached_key(cache, "Open AI") == "kept"


def _header(lines: list[list[str]], wanted=("Company",), max_skip: int = 20) -> Header:
    return reading.find_header(iter(enumerate(lines, start=1)), list(wanted), "f.csv", max_skip)


def test_the_header_is_found_after_note_lines_and_read_as_written() -> None:
    header = _header([["Exported by me"], [], ["\ufeff Company ", "ROLE", ""]])
    assert (header.line, header.columns, header.names) == (3, {"company": 0, "role": 1, "": 2}, ["Company", "ROLE", ""])


def test_the_header_may_sit_on_line_twenty_one_and_no_further() -> None:
    assert _header([["x"]] * 20 + [["Company"]]).line == 21
    err = _refusal(lambda: _header([["x"]] * 21 + [["Company"]], wanted=("Company", "Role")))
    assert (err.message, err.where) == ("no header row found; expected columns Company, Role", "f.csv")
    assert _header([["x"]] * 3 + [["Company"]], max_skip=3).line == 4
    _refusal(lambda: _header([["x"]] * 4 + [["Company"]], max_skip=3))


def test_a_file_without_rows_is_empty() -> None:
    err = _refusal(lambda: _header([], wanted=("Name", "Company")))
    assert (err.message, err.where) == ("the file is empty; expected columns Name, Company", "f.csv")


def test_a_markdown_file_without_a_header_is_named() -> None:
    err = _refusal(lambda: _header([["# My notes"], ["x"]]))
    assert err.message.startswith("this is a markdown file")


def test_a_column_named_twice_is_refused_with_both_positions() -> None:
    err = _refusal(lambda: _header([["n"], ["Company", "Role", " company"]]))
    assert (err.message, err.where, err.field) == (
        "the column 'company' appears twice (columns 1 and 3)",
        "f.csv, line 2",
        "company",
    )
    assert _header([["Company", "", ""]]).columns == {"company": 0, "": 2}  # empty names may repeat


def test_a_missing_required_column_is_named() -> None:
    err = _refusal(lambda: reading.require(HEADER, ["Company", "Stage"], "f.csv"))
    assert (err.message, err.where, err.field) == ("missing required column: Stage", "f.csv, line 1", "Stage")
    err = _refusal(lambda: reading.require(HEADER, ["Stage", "Name", "COMPANY"], "f.csv"))
    assert (err.message, err.field) == ("missing required columns: Stage, Name", "Stage")
    reading.require(HEADER, ["COMPANY", "role"], "f.csv")


def test_rows_hold_trimmed_plain_text_and_empty_absent_columns() -> None:
    own = reading.row_reader(HEADER, ["Company", "Role", "Notes"], own_export=True)
    row = own(["'=x ", " a\r\nb\x00 "])
    assert dict(row) == {"Company": "=x", "Role": "a\nb", "Notes": ""}
    assert row.label("Company") == "Company"
    foreign = reading.row_reader(HEADER, ["Company", "Role"])
    assert dict(foreign(["'=x"])) == {"Company": "'=x", "Role": ""}


def test_a_field_over_the_limit_is_refused_naming_its_column() -> None:
    reading.check_length(["a" * reading.MAX_FIELD, "b"], "f.csv", 3, HEADER)
    reading.check_length([], "f.csv", 3, HEADER)
    err = _refusal(lambda: reading.check_length(["a", "b" * 20_001], "f.csv", 3, HEADER))
    assert (err.message, err.where, err.field) == (
        "a field longer than 20000 characters (20001)",
        "f.csv, line 3",
        "Role",
    )
    assert _refusal(lambda: reading.check_length(["a", "b", "c" * 20_001], "f", 3, HEADER)).field == "column 3"
    unnamed = Header(1, {"company": 0, "": 1}, ["Company", ""])
    assert _refusal(lambda: reading.check_length(["a", "b" * 20_001], "f", 3, unnamed)).field == "column 2"
