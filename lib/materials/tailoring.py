"""Job descriptions, saved with an application or for the resume check, and their match against the newest resume.

Descriptions are appended; the latest for an application (or, with no
application, the one on Job materials) is current. The match is computed when
asked, so it always reads the newest resume version.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3

import pandas as pd
import sqlite_utils

from lib.core import clock, textsafe
from lib.core.errors import ImportFileError, InputError, PrepError
from lib.jobsearch.common import valid_id
from lib.materials import terms, uploads
from lib.storage.db import transaction

MAX_JOB_CHARS = 50_000  # a long job posting is under 15,000
MAX_JOB_BYTES = 1_000_000


def job_text_from_file(data: bytes, filename: object) -> str:
    """The text of an uploaded job description (.txt or .md; UTF-8, or UTF-16/32 with a byte-order mark)."""
    name = uploads.shown_name(filename)
    if len(data) > MAX_JOB_BYTES:
        raise ImportFileError("the job description is over 1 MB; paste the posting's text instead", where=name)
    return textsafe.decode_text(data, name, "save the job description as plain UTF-8 text (.txt)")


def clean_job_text(text: object) -> str:
    """A job description as stored: stripped, not empty, bounded."""
    body = "" if text is None else str(text).replace("\r\n", "\n").strip()
    if not body:
        raise InputError("paste the job description (or upload it as a .txt file)", field="Job description")
    if len(body) > MAX_JOB_CHARS:
        raise InputError(
            f"the job description is {len(body):,} characters; keep it under {MAX_JOB_CHARS:,} (the posting's text)",
            field="Job description",
        )
    if "\x00" in body:
        raise InputError("the job description holds NUL characters; paste plain text", field="Job description")
    return body


def _application(db: sqlite_utils.Database, application_id: object) -> int | None:
    if application_id is None:
        return None
    app_id = valid_id(application_id, "Application")
    if not db["applications"].count_where("id = ?", [app_id]):
        raise InputError(f"no application with id {app_id}", field="Application")
    return app_id


def save_job_description(
    db: sqlite_utils.Database,
    application_id: int | None,
    text: object,
    filename: object = "",
    at: dt.datetime | None = None,
) -> int:
    """Append a job description (for an application, or None for the resume check); returns its id."""
    body = clean_job_text(text)
    with transaction(db):
        app_id = _application(db, application_id)
        return (
            db["job_descriptions"]
            .insert(
                {
                    "application_id": app_id,
                    "text": body,
                    "filename": uploads.shown_name(filename) if filename else "",
                    "saved_at": clock.stamp(at) if at is not None else clock.now_iso(),
                }
            )
            .last_pk
        )


def latest_job(db: sqlite_utils.Database, application_id: int | None = None) -> dict | None:
    """The current job description of an application (None: the resume check's), or None."""
    where = "application_id IS NULL" if application_id is None else "application_id = ?"
    args = [] if application_id is None else [int(application_id)]
    return next(
        db.query(
            f"SELECT id, application_id, text, filename, saved_at FROM job_descriptions WHERE {where} "
            "ORDER BY id DESC LIMIT 1",
            args,
        ),
        None,
    )


def job_history(db: sqlite_utils.Database, application_id: int) -> pd.DataFrame:
    """Every description saved with an application, newest first (saved at, file, words, first line)."""
    df = pd.read_sql_query(
        "SELECT id, saved_at, filename, text FROM job_descriptions WHERE application_id = ? ORDER BY id DESC",
        db.conn,
        params=(int(application_id),),
    )
    df["words"] = df["text"].map(lambda t: len(t.split()))
    df["first_line"] = df["text"].map(lambda t: textsafe.one_line(t.split("\n", 1)[0], 80))
    return df.drop(columns=["text"])


def check_resume_upload(
    db: sqlite_utils.Database, data: bytes, filename: object, job_text: object = None, job_filename: object = ""
) -> dict:
    """Keep a resume file and, if given, the description it was checked against, in one transaction.

    Returns uploads.add_version's answer and ``job_id``. A file that cannot be
    read stores nothing, the description included.
    """
    body = clean_job_text(job_text) if job_text is not None and str(job_text).strip() else None
    try:
        with transaction(db):
            job_id = save_job_description(db, None, body, job_filename) if body is not None else None
            saved = uploads.add_version(db, "resume", data, filename, job_text=body, job_id=job_id)
    except BaseException:
        with contextlib.suppress(PrepError, sqlite3.Error, OSError):
            uploads.sweep_orphans(db, "resume")  # the rows rolled back; a file already written goes too
        raise
    return {**saved, "job_id": job_id}


def resume_match(db: sqlite_utils.Database, application_id: int | None = None) -> dict:
    """The newest resume against the current description: {"job", "resume", "matched", "missing"}.

    ``job`` or ``resume`` is None when there is none yet; matched and missing are then empty.
    """
    job = latest_job(db, application_id)
    newest = uploads.latest(db, "resume")
    resume_info = None if newest is None else {k: newest[k] for k in ("id", "version", "filename", "uploaded_at")}
    if job is None or newest is None:
        return {"job": job, "resume": resume_info, "matched": [], "missing": []}
    found = terms.match(newest["text"], job["text"])
    return {"job": job, "resume": resume_info, "matched": found["matched"], "missing": found["missing"]}
