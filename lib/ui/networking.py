"""The Networking page's parts: the contacts table with one contact's history, and the warm introductions."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.jobsearch import common as jobsearch
from lib.jobsearch import networking
from lib.ui.cache import query
from lib.ui.tables import dataframe


def contacts(found: pd.DataFrame, matched: int, picks: list[int], labels: dict[int, str]) -> None:
    """The contacts the search found (the most recently in touch without one), and the history of one of them."""
    shown = found.assign(last_event=found["last_event"].map(lambda k: networking.EVENT_KINDS.get(k, "")))
    columns = ["name", "company", "role", "warmth", "at_target", "is_pm", "last_event", "last_on", "events"]
    dataframe(
        shown[[*columns, "how_met", "profile_url"]],
        labels={
            "at_target": "Target company",
            "is_pm": "PM",
            "last_event": "Last contact",
            "last_on": "On",
            "how_met": "How we met",
            "profile_url": "Profile",
        },
        ticks=["at_target", "is_pm"],
    )
    if matched > len(found):
        st.caption(
            f"The {len(found)} most recently in touch of {matched}; search above to find the others. "
            "networking.csv on the Deliverables page has them all."
        )
    person = st.selectbox("History of", picks, format_func=labels.get, key="networking_history_contact")
    history = query(networking.contact_history, person)
    if history.empty:
        st.caption("Nothing logged with this contact yet.")
    else:
        dataframe(history, labels={"on_date": "Date", "kind": "What"}, words={"kind": networking.EVENT_KINDS})


def warm_introductions() -> None:
    """Contacts who work at a target company, the first hundred of them."""
    st.markdown("**Warm introductions: contacts who work at a target company**")
    intros = query(networking.warm_introductions)
    if intros.empty:
        st.caption(
            "No contacts at your target companies yet; add the company on the Companies page and its people link up."
        )
        return
    shown = intros.head(jobsearch.TABLE_ROWS)
    dataframe(
        shown[["name", "company", "role", "warmth", "last_event", "last_on", "applications_there"]],
        labels={"last_event": "Last contact", "last_on": "On", "applications_there": "Applications there"},
        words={"last_event": networking.EVENT_KINDS},
    )
    if len(intros) > len(shown):
        st.caption(f"The first {len(shown)} of {len(intros)}; networking.csv on the Deliverables page has them all.")
