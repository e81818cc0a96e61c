"""The Job materials page's resume and LinkedIn parts: checklists a file can prove, uploads, results, progress.

Everything the user wrote or uploaded is shown as plain text (``st.text``,
``st.dataframe`` or escaped messages): a resume line is never markdown.
"""

from __future__ import annotations

import streamlit as st

from lib.core.dates import instant_text
from lib.materials import checklists as materials
from lib.materials import documents, tailoring, uploads
from lib.ui import messages, tables
from lib.ui.cache import query, write
from lib.ui.tailoring import pasted_or_uploaded
from lib.ui.widgets import form_key, start_empty

FLASH = "job_materials_flash"
SAVES = "job_materials_saves"  # per upload form: how many saves, which names its fields' keys
SOURCE = {"resume": "your resume", "linkedin": "your LinkedIn export"}


def checklist(list_id: str, ticked: set[str], proven: dict[str, tuple[int, str]]) -> None:
    """One checklist as checkboxes; a change appends a tick event. Items a file proves show as done, with evidence."""
    c = materials.load_checklists().checklist(list_id)
    ids = {i.id for i in c.items}
    done = len((ticked | set(proven)) & ids)
    st.markdown(f"**{c.title}** · {done}/{len(ids)}" + (" :green[:material/check_circle:]" if done == len(ids) else ""))
    for item in c.items:
        if item.id in proven:
            version, evidence = proven[item.id]
            # Its own key: a box the user left unticked keeps that state under the usual key for later.
            st.checkbox(item.text, value=True, disabled=True, key=f"job_materials_{list_id}_{item.id}_proven")
            st.text(f"from {SOURCE[list_id]} (version {version}): {evidence}")
            continue
        checked = st.checkbox(item.text, value=item.id in ticked, key=f"job_materials_{list_id}_{item.id}")
        if checked != (item.id in ticked):
            _, error = write(materials.set_item_done, list_id, item.id, checked)
            if error:
                messages.error(error)
            else:
                st.rerun()


def _flash() -> None:
    note = st.session_state.pop(FLASH, None)
    if note:
        messages.toast(note)
        messages.success(note)


def _saved_note(kind: str, saved: dict, filename: str) -> str:
    noun = "Resume" if kind == "resume" else "LinkedIn export"
    if saved["new"]:
        return f"{noun} version {saved['version']} checked and kept ({uploads.shown_name(filename)})."
    return f"Same file as {noun.lower()} version {saved['version']}: it is kept once, its result is below."


def field_key(form: str, name: str) -> str:
    """A field's key in an upload form; a new one after each save, so the form then starts empty.

    The forms do not clear on submit: after a refused file the user's choice stays, to fix and send again.
    """
    return form_key(f"{SAVES}_{form}", f"job_materials_{name}")


def after_save(form: str, note: str) -> None:
    """After a save: the note to show, and empty fields on the rerun."""
    start_empty(f"{SAVES}_{form}")
    st.session_state[FLASH] = note
    st.rerun()


def resume_form() -> None:
    """Upload a resume and, optionally, the job description to check it against."""
    with st.form("job_materials_resume_form"):
        file = st.file_uploader(
            "Resume (PDF or Word .docx)",
            type=["pdf", "docx"],
            key=field_key("resume", "resume_file"),
            max_upload_size=documents.MAX_BYTES // (1024 * 1024),  # the uploader states the limit the check applies
        )
        job = st.text_area("Job description (optional): paste it…", key=field_key("resume", "job_text"), height=120)
        job_file = st.file_uploader("…or upload it as text", type=["txt", "md"], key=field_key("resume", "job_file"))
        if not st.form_submit_button("Check my resume", type="primary"):
            return
    job = pasted_or_uploaded(job, job_file)
    if job is None:
        return
    job_text, job_name = job
    if file is None:
        if not job_text.strip() or query(uploads.latest, "resume") is None:
            messages.error("choose your resume file first (PDF or .docx)")
            return
        _, error = write(tailoring.save_job_description, None, job_text, job_name)
        note = "Job description saved; the match below uses your newest resume."
    else:
        saved, error = write(tailoring.check_resume_upload, file.getvalue(), file.name, job_text, job_name)
        note = "" if error else _saved_note("resume", saved, file.name)
    if error:
        messages.error(error)  # beside the uploader; nothing was stored
        return
    after_save("resume", note)


def linkedin_form() -> None:
    """Upload LinkedIn's data-export zip."""
    with st.form("job_materials_linkedin_form"):
        file = st.file_uploader(
            "LinkedIn data export (.zip)",
            type=["zip"],
            key=field_key("linkedin", "linkedin_file"),
            help="LinkedIn: Settings → Data privacy → Get a copy of your data.",
        )
        if not st.form_submit_button("Check my LinkedIn", type="primary"):
            return
    if file is None:
        messages.error("choose the export zip first")
        return
    saved, error = write(uploads.add_version, "linkedin", file.getvalue(), file.name)
    if error:
        messages.error(error)
        return
    after_save("linkedin", _saved_note("linkedin", saved, file.name))


def _sentence(words: str) -> str:
    """A finding's lower-case phrase as a sentence: capital first letter, full stop."""
    words = words.strip()
    return words[:1].upper() + words[1:] + ("" if words.endswith((".", "!", "?")) or not words else ".")


def _findings(result: dict) -> None:
    findings = result.get("findings", [])
    if not findings:
        messages.success("No findings: every check passed.")
    for f in findings:
        messages.warning(_sentence(f.get("message", "")) + " Fix: " + _sentence(f.get("fix", "")))


def _match(kind_match: dict) -> None:
    if kind_match["job"] is None:
        st.caption("Add a job description above to see which of its key terms your resume has.")
        return
    job = kind_match["job"]
    st.markdown(
        f"**Job match** · {len(kind_match['matched'])} of "
        f"{len(kind_match['matched']) + len(kind_match['missing'])} key terms"
    )
    st.caption(f"Against the job description saved {instant_text(job['saved_at'])}.")
    if kind_match["matched"]:
        tables.dataframe(
            [{"term": m["term"], "where": " … ".join(m.get("where", [])[:2])} for m in kind_match["matched"]],
            labels={"term": "Matched term", "where": "Where in your resume"},
        )
    if kind_match["missing"]:
        st.text("Missing: " + ", ".join(kind_match["missing"]))


def latest_result(kind: str) -> None:
    """The newest file's findings (and, for a resume, its job match), then progress across versions."""
    newest = query(uploads.latest, kind)
    if newest is None:
        st.caption(f"No {'resume' if kind == 'resume' else 'LinkedIn export'} checked yet.")
        return
    st.text(f"Version {newest['version']} · {newest['filename']} · uploaded {instant_text(newest['uploaded_at'])}")
    result = newest["result"]
    if kind == "resume":
        st.caption(
            f"{result.get('pages')} page(s) · {result.get('words')} words · "
            f"{result.get('quantified_bullets')} of {result.get('bullets')} bullets with a figure"
        )
    _findings(result)
    if kind == "resume":
        _match(query(tailoring.resume_match))
    progress = query(uploads.progress_table, kind)
    if len(progress) > 1:
        st.markdown("**Progress across versions**")
        tables.dataframe(
            progress,
            labels={
                "uploaded_at": "Uploaded",
                "quantified_bullets": "Bullets with a figure",
                "findings": "Findings",
                "proven": "Items proven",
            },
        )


def resume_and_linkedin() -> None:
    """The "Resume & LinkedIn" tab: both checklists, the uploads and their latest results."""
    _flash()
    ticked = query(materials.done_items)
    proven = query(uploads.proven_items)
    left, right = st.columns(2)
    with left:
        checklist("resume", ticked.get("resume", set()), proven.get("resume", {}))
        resume_form()
        latest_result("resume")
    with right:
        checklist("linkedin", ticked.get("linkedin", set()), proven.get("linkedin", {}))
        linkedin_form()
        latest_result("linkedin")
    st.caption(
        "The Deliverables page counts your resume and LinkedIn as updated when every item here is ticked or proven "
        "by your newest file. Files are kept in your data directory and go into backups."
    )
