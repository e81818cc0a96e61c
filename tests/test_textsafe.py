"""User text shown on a page (every markdown or HTML character escaped, long lines cut) and read from a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from lib.core.errors import ImportFileError
from lib.core.textsafe import decode_text, escape_markdown, one_line, read_text_file


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("<script>alert(1)</script>", "\\<script\\>alert\\(1\\)\\</script\\>"),
        ("[click](javascript:x)", "\\[click\\]\\(javascript\\:x\\)"),
        ("![x](http://a/b.png)", "\\!\\[x\\]\\(http\\://a/b\\.png\\)"),
        ("**bold** _it_ `code` ~~s~~", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~"),
        ("costs $5 and $6", "costs \\$5 and \\$6"),
        ("# h", "\\# h"),
        ("a\\b {c} +-| & = \" '", "a\\\\b \\{c\\} \\+\\-\\| \\& \\= \\\" \\'"),
        ("line\r\nnext\rlast", "line\nnext\nlast"),
        ("plain words 42", "plain words 42"),
        (None, ""),
        (12.5, "12\\.5"),
    ],
)
def test_escape_markdown_escapes_every_special_character(text, shown) -> None:
    assert escape_markdown(text) == shown


def test_one_line_collapses_and_cuts() -> None:
    assert one_line("  a \n b\t c ") == "a b c"
    assert one_line(None) == ""
    assert one_line("x" * 120) == "x" * 120
    assert one_line("x" * 121) == "x" * 119 + "…"
    assert one_line("abc  def", limit=5) == "abc…"
    assert one_line("abcdef", limit=6) == "abcdef"


def _refusal(call) -> ImportFileError:
    with pytest.raises(ImportFileError) as err:
        call()
    return err.value


def test_decode_text_drops_only_a_leading_mark_from_text() -> None:
    assert decode_text("\ufeffabc", "f.md") == "abc"
    assert decode_text("abc\ufeff", "f.md") == "abc\ufeff"
    assert decode_text(b"\xef\xbb\xbfabc", "f.md") == "abc"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"ab\xff", "not UTF-8 text (byte 2); save it as UTF-8 text"),
        # The byte counts from the file's start, the mark included.
        (b"\xef\xbb\xbfab\xff", "not UTF-8 text (byte 5); save it as UTF-8 text"),
        (b"\xff\xfea\x00\x00\xd8", "not UTF-16-LE text (byte 4); save it as UTF-8 text"),
        (b"a\x00b", "not a text file (it holds NUL bytes); save it as UTF-8 text"),
    ],
)
def test_decode_text_names_the_file_and_the_byte(data, message) -> None:
    err = _refusal(lambda: decode_text(data, "notes.md"))
    assert (err.message, err.where) == (message, "notes.md")


def test_decode_text_refuses_nul_in_text_too_with_the_given_hint() -> None:
    err = _refusal(lambda: decode_text("a\x00b", "s.csv", hint="export it again"))
    assert (err.message, err.where) == ("not a text file (it holds NUL bytes); export it again", "s.csv")


def test_read_text_file_reads_a_whole_file_without_a_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.md"
    path.write_bytes(b"\xef\xbb\xbf" + b"x" * 100_000)
    assert read_text_file(path) == "x" * 100_000


def test_read_text_file_takes_exactly_max_bytes_and_refuses_one_more(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(b"y" * 3_000_000)
    assert read_text_file(path, max_bytes=3_000_000) == "y" * 3_000_000
    path.write_bytes(b"y" * 3_000_001)
    err = _refusal(lambda: read_text_file(path, max_bytes=3_000_000))
    assert (err.message, err.where) == ("larger than 3 MB; split it into smaller files", str(path))


def test_read_text_file_names_what_it_expected_and_why_it_failed(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    err = _refusal(lambda: read_text_file(folder))
    assert (err.message, err.where) == ("this is a folder, not a text file", str(folder))
    err = _refusal(lambda: read_text_file(folder, what="a stories file"))
    assert err.message == "this is a folder, not a stories file"
    missing = tmp_path / "missing.md"
    err = _refusal(lambda: read_text_file(missing))
    assert (err.message, err.where) == ("no such file", str(missing))
    (tmp_path / "plain.txt").write_text("x")
    under_a_file = tmp_path / "plain.txt" / "child.md"
    err = _refusal(lambda: read_text_file(under_a_file))
    assert (err.message, err.where) == ("cannot read it: Not a directory", str(under_a_file))
    (tmp_path / "latin.md").write_bytes(b"caf\xe9")
    err = _refusal(lambda: read_text_file(tmp_path / "latin.md"))
    assert (err.message, err.where) == ("not UTF-8 text (byte 3); save it as UTF-8 text", str(tmp_path / "latin.md"))
    err = _refusal(lambda: read_text_file(tmp_path / "latin.md", hint="re-export it"))
    assert err.message == "not UTF-8 text (byte 3); re-export it"
