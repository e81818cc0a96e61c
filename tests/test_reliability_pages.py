"""Bad input is answered with a message, never with Python internals.

Streamlit's "magic" passes every expression statement that is not a plain
call to st.write. ``st.error(error) if error else st.rerun()`` is such a
statement: on the error path the user sees the message and then the help
text of a DeltaGenerator object. Pages must use if/else statements instead.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib import navigation
from tests.conftest import ROOT

SCRIPTS = ["app.py", *[p.path for p in navigation.PAGES]]


def statements_written_by_magic(path: Path) -> list[str]:
    """'line: source' of each expression statement magic would display (calls and docstrings are exempt)."""
    source = path.read_text(encoding="utf-8")
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Expr):
            continue
        value = node.value
        if isinstance(value, (ast.Call, ast.Await, ast.Yield, ast.YieldFrom)):
            continue
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            continue
        found.append(f"{node.lineno}: {ast.get_source_segment(source, node)}")
    return found


def test_magic_shows_internals_for_a_conditional_statement() -> None:
    """The rule below is Streamlit's real behaviour, not a style preference."""
    at = AppTest.from_string('import streamlit as st\nerror = "bad input"\nst.error(error) if error else st.rerun()\n')
    at.run()
    kinds = [getattr(e, "type", None) for e in at.main.children.values()]
    assert kinds == ["error", "help_info"]


@pytest.mark.parametrize("script", SCRIPTS)
def test_no_page_statement_is_displayed_by_magic(script: str) -> None:
    assert statements_written_by_magic(ROOT / script) == []
