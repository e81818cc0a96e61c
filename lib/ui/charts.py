"""A chart where it has its data; in its place, until then, the one line saying what it will show."""

from __future__ import annotations

from typing import Any

import streamlit as st

from lib.core.figures import NoData


def chart(fig: Any, key: str) -> None:
    """Draw ``fig`` full width, or the caption of a ``NoData`` that a chart function returned instead."""
    if isinstance(fig, NoData):
        st.caption(fig.note)
    else:
        st.plotly_chart(fig, key=key, config={"displaylogo": False})
