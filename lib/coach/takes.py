"""Content feedback on mock-interview takes tied to a question, from the transcript their analysis stored."""

from __future__ import annotations

import sqlite_utils

from lib.coach.attempts import coach_or_note, store_feedback, take_feedback_row
from lib.coach.feedback import Feedback
from lib.media import analysis_jobs


def take_feedback(db: sqlite_utils.Database, recording_id: int) -> tuple[Feedback | None, str]:
    """The take's feedback, coached (and appended) once its latest analysis is newer than it; else why none.

    Returns (feedback, note): no feedback and an empty note for a take with no
    question or no finished analysis yet, which the page simply does not coach.
    """
    recording_id = int(recording_id)
    row = db.conn.execute("SELECT question_id FROM recordings WHERE id = ?", (recording_id,)).fetchone()
    if row is None or not row[0]:
        return None, ""
    analysis = analysis_jobs.latest_analysis(db, recording_id)
    if analysis is None or analysis["result"] is None:
        return None, ""
    stored = take_feedback_row(db, recording_id)
    if stored is not None and stored[1] >= analysis["created_at"]:
        return stored[0], ""
    result = analysis["result"]
    feedback, note = coach_or_note(row[0], result.transcript, wpm=result.wpm, transcript=result.transcript)
    if feedback is not None:
        store_feedback(db, feedback, recording_id=recording_id)
    return feedback, note
