"""One application's job description and how the newest resume matches it, shown where the application is."""

from __future__ import annotations

from typing import Any

import streamlit as st

from lib.core.dates import instant_text
from lib.core.errors import PrepError
from lib.materials import tailoring
from lib.ui import messages, tables
from lib.ui.cache import query, write
from lib.ui.markup import text
from lib.ui.widgets import form_key, start_empty

FLASH = "applications_tailoring_flash"
SAVES = "applications_tailoring_saves"  # how many descriptions were saved here: part of the fields' keys


def field_key(name: str, application_id: int) -> str:
    """A field's key in the form; a new one after each save so the form starts empty, kept after an error."""
    return form_key(SAVES, f"applications_tailoring_{name}_{application_id}")


def pasted_or_uploaded(pasted: str, file: Any) -> tuple[str, str] | None:
    """A job description as (text, file name): the pasted text, else the uploaded file's; None after showing why a
    file cannot be read."""
    if file is None or pasted.strip():
        return pasted, file.name if file is not None else ""
    try:
        return tailoring.job_text_from_file(file.getvalue(), file.name), file.name
    except PrepError as exc:
        messages.error(str(exc))
        return None


def _save_form(application_id: int) -> None:
    # Not cleared on submit: a refused description stays in the form to fix and send again.
    with st.form(f"applications_tailoring_form_{application_id}"):
        text = st.text_area("Paste the job description", key=field_key("text", application_id))
        file = st.file_uploader("…or upload it as text", type=["txt", "md"], key=field_key("file", application_id))
        if not st.form_submit_button("Save job description"):
            return
    job = pasted_or_uploaded(text, file)
    if job is None:
        return
    _, error = write(tailoring.save_job_description, application_id, *job)
    if error:
        messages.error(error)
        return
    start_empty(SAVES)
    st.session_state[FLASH] = "Job description saved; the match below is against it."
    st.rerun()


def _match(found: dict) -> None:
    job, resume = found["job"], found["resume"]
    if job is None:
        st.caption("No job description saved with this application yet.")
        return
    # The file name is the user's: escaped, so it is never markup.
    st.caption(
        f"Job description saved {instant_text(job['saved_at'])}"
        + (f" from {text(job['filename'])}" if job["filename"] else "")
    )
    if resume is None:
        st.caption("Upload your resume on the Job materials page to see how it matches this job.")
        return
    total = len(found["matched"]) + len(found["missing"])
    st.markdown(f"**Resume version {resume['version']} matches {len(found['matched'])} of {total} key terms**")
    if found["matched"]:
        tables.dataframe(
            [{"term": m["term"], "where": " … ".join(m.get("where", [])[:2])} for m in found["matched"]],
            labels={"term": "Matched term", "where": "Where in your resume"},
        )
    if found["missing"]:
        st.text("Missing: " + ", ".join(found["missing"]))


def application_tailoring(application_id: int | None) -> None:
    """The application's current job description, its match against the newest resume, and a form to save one."""
    if application_id is None:
        return
    note = st.session_state.pop(FLASH, None)
    if note:
        messages.toast(note)
        messages.success(note)
    st.markdown("**Tailoring: job description and resume match**")
    _match(query(tailoring.resume_match, int(application_id)))
    _save_form(int(application_id))
    history = query(tailoring.job_history, int(application_id))
    if len(history) > 1:
        with st.expander(f"{len(history)} job descriptions saved (the latest is current)"):
            tables.dataframe(history, labels={"saved_at": "Saved", "first_line": "First line"})
