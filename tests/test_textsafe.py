"""User text shown on a page: every markdown or HTML character escaped, long lines cut."""

from __future__ import annotations

import pytest

from lib.core.textsafe import escape_markdown, one_line


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
