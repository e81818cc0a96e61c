"""Widgets several pages share: due lists, a write's outcome, the CSV import."""

from __future__ import annotations

from typing import Any

import streamlit as st

from lib.core.dates import date_text
from lib.ui import messages, tables
from lib.ui.cache import write
from lib.ui.markup import text

FOLLOW_UPS_SHOWN = 5
FOLLOW_UPS_MORE = 45  # a long-running search can have hundreds overdue; past this many a list helps nobody


def follow_up_list(
    items: list, today: Any, *, with_kind: bool = False, shown: int = FOLLOW_UPS_SHOWN, noun: str = "follow-ups"
) -> None:
    """Due items as a short list, the next ones in an expander; only the lines shown are formatted."""

    def line(item: Any) -> str:
        kind = f"**{text(item.kind)}** — " if with_kind else ""
        when = "overdue since" if item.due < today else "due"
        return f"- {kind}{text(item.title)} ({when} {date_text(item.due, today)})"

    st.markdown("\n".join(line(i) for i in items[:shown]))
    rest = items[shown:]
    if rest:
        with st.expander(f"{len(rest)} more {noun}"):
            st.markdown("\n".join(line(i) for i in rest[:FOLLOW_UPS_MORE]))
            if len(rest) > FOLLOW_UPS_MORE:
                st.caption(f"…and {len(rest) - FOLLOW_UPS_MORE} more; the most overdue are listed first.")


def error_or_rerun(error: str | None) -> None:
    """After a write: the error next to the input (escaped, as it may quote user text), or a fresh page."""
    if error:
        messages.error(error)
    else:
        st.rerun()


def csv_import(kind: str, label: str, key_prefix: str) -> None:
    """Upload a CSV, preview what it would add, then import all of it or nothing on confirm."""
    from lib.jobsearch.imports import files as job_imports
    from lib.jobsearch.imports.summary import summary_text
    from lib.jobsearch.stages import stage_label

    # A new uploader key after each import clears the file, so its Import button goes with it.
    round_key = f"{key_prefix}_import_round"
    done = st.session_state.pop(f"{key_prefix}_import_done", None)
    if done:
        messages.toast(done)
        messages.success(done)
    upload = st.file_uploader(label, type=["csv"], key=f"{key_prefix}_import_file_{st.session_state.get(round_key, 0)}")
    if upload is None:
        return
    data = upload.getvalue()
    preview, error = write(job_imports.preview_file, kind, data, upload.name)
    if error:
        messages.error(error)
        return
    rows, summary = preview
    messages.info(summary_text(summary, kind, done=False))
    tables.dataframe(
        rows,
        labels={"job_url": "Job URL", "connected_on": "Connected", "profile_url": "Profile"},
        words={"stage": stage_label},
    )
    noun = "applications" if kind == "applications" else "contacts"
    if st.button(
        f"Import {summary.added} {noun}", type="primary", disabled=not summary.added, key=f"{key_prefix}_import_confirm"
    ):
        result, error = write(job_imports.import_file, kind, data, upload.name)
        if error:
            messages.error(error)
        else:
            # Rerun so totals, board and pickers read the new rows; the message waits for that run.
            st.session_state[f"{key_prefix}_import_done"] = summary_text(result, kind)
            st.session_state[round_key] = st.session_state.get(round_key, 0) + 1
            st.rerun()


def form_key(counter: str, key: str) -> str:
    """A form field's key that changes once the form is saved (``start_empty``), so the saved form shows empty.

    Forms built this way do not clear on submit: after a refused entry the user's input stays, to fix and resend.
    """
    saved = st.session_state.get(counter, 0)
    return key + (f"_{saved}" if saved else "")


def start_empty(counter: str) -> None:
    """After a save: every field keyed through ``form_key(counter, …)`` starts empty on the next run."""
    st.session_state[counter] = st.session_state.get(counter, 0) + 1
