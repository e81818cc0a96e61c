"""ui.table on a phone: the table scrolls sideways and its first column, the one naming the row, stays pinned."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest


def _columns(rows: list[dict], **kwargs) -> dict:
    def page(rows, kwargs):
        from lib.ui.tables import dataframe

        dataframe(rows, **kwargs)

    at = AppTest.from_function(page, kwargs={"rows": rows, "kwargs": kwargs}).run()
    assert not at.exception, [e.value for e in at.exception]
    return json.loads(at.dataframe[0].proto.columns)


def test_the_first_shown_column_is_pinned() -> None:
    columns = _columns([{"id": 7, "company": "Glean", "role": "Senior PM", "stage_on": "2026-11-24"}])
    assert columns["Company"] == {"pinned": True}
    assert not any(c.get("pinned") for name, c in columns.items() if name != "Company")


def test_a_page_column_config_is_kept_beside_the_pin() -> None:
    import streamlit as st

    config = {"Role": st.column_config.Column(help="as advertised")}
    columns = _columns([{"company": "Glean", "role": "Senior PM"}], column_config=config)
    assert columns["Company"] == {"pinned": True}
    assert columns["Role"]["help"] == "as advertised"


def test_a_page_that_configures_the_first_column_decides_itself() -> None:
    import streamlit as st

    config = {"Company": st.column_config.Column(pinned=False)}
    columns = _columns([{"company": "Glean", "role": "Senior PM"}], column_config=config)
    assert columns["Company"] == {"pinned": False}
