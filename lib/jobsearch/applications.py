"""Applications: adding one, moving it through the stages, next actions, the pipeline table, follow-ups, CSV export.

A stage change appends a row to ``stage_events``; the current stage is the
latest event (see stages.py). Interviews live in interviews.py, the funnel and
other pipeline numbers in funnel.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import sqlite_utils

from lib.core import clock, csvsafe
from lib.core.dates import date_text
from lib.core.due import DueItem
from lib.core.errors import InputError
from lib.jobsearch.common import LIMITS, clean_text, one_line, parse_day, url_key, valid_id
from lib.jobsearch.interviews import ROUND_TYPES, THANK_YOU_HOURS, interviews_table
from lib.jobsearch.stages import CURRENT_SQL, STAGES, history_bounds, history_strings, stage_label, valid_stage
from lib.storage.db import transaction

NUDGE_DAYS = 7


def _live_company(db: sqlite_utils.Database, company_id: object) -> int:
    company_id = valid_id(company_id, "Company")
    if not db["companies"].count_where("id = ? AND merged_into IS NULL", [company_id]):
        raise InputError("choose a company from your list (add it on the Companies page first)", field="Company")
    return company_id


def add_application(
    db: sqlite_utils.Database,
    company_id: int,
    role: str,
    *,
    stage: str = "applied",
    on_date: object = None,
    job_url: str = "",
    source: str = "",
    resume_version: str = "",
    salary_range: str = "",
    notes: str = "",
    today: dt.date | None = None,
) -> int:
    """Track a new application at its first stage; returns its id."""
    today = today or clock.today()
    role = one_line(role, LIMITS["role"], "Role")
    if not role:
        raise InputError("enter the role's title", field="Role")
    if valid_stage(stage) not in STAGES[:2]:
        raise InputError("a new application starts on the wishlist or as applied; move it on from there", field="Stage")
    when = parse_day(on_date if on_date is not None else today, "Date", today=today)
    job_url = clean_text(job_url, LIMITS["job_url"], "Job URL")
    details = {
        "source": clean_text(source, LIMITS["source"], "Source"),
        "resume_version": clean_text(resume_version, LIMITS["resume_version"], "Resume version"),
        "salary_range": clean_text(salary_range, LIMITS["salary_range"], "Salary range"),
        "notes": clean_text(notes, LIMITS["notes"], "Notes"),
    }
    key = url_key(job_url)
    with transaction(db):
        company_id = _live_company(db, company_id)
        if key:
            dup = db.conn.execute(
                "SELECT c.name, a.role FROM applications a JOIN companies c ON c.id = a.company_id"
                " WHERE a.url_key = ? LIMIT 1",
                (key,),
            ).fetchone()
            if dup:
                raise InputError(f"this job URL is already tracked: {dup[0]} — {dup[1]}", field="Job URL")
        now = clock.now_iso()
        app_id = (
            db["applications"]
            .insert(
                {
                    "company_id": company_id,
                    "role": role,
                    "job_url": job_url,
                    "url_key": key,
                    **details,
                    "created_at": now,
                }
            )
            .last_pk
        )
        db["stage_events"].insert(
            {"application_id": app_id, "stage": stage, "on_date": when.isoformat(), "note": "", "created_at": now}
        )
        return app_id


def change_stage(
    db: sqlite_utils.Database,
    application_id: int,
    stage: str,
    on_date: object = None,
    note: str = "",
    *,
    today: dt.date | None = None,
) -> int:
    """Move an application to a stage (appends an event); returns the event id."""
    today = today or clock.today()
    application_id = valid_id(application_id, "Application")
    valid_stage(stage)
    when = parse_day(on_date if on_date is not None else today, "Date", today=today)
    with transaction(db):
        first, current, last = history_bounds(db, application_id)
        if stage == current:
            raise InputError(f"the application is already at '{stage_label(stage)}'", field="Stage")
        # Said as the person reads dates: "1 Mar is before the application date 2 Mar".
        said = {d: date_text(dt.date.fromisoformat(d), today) for d in (first, last, when.isoformat())}
        if when.isoformat() < first:
            raise InputError(f"{said[when.isoformat()]} is before the application date {said[first]}", field="Date")
        if when.isoformat() < last:
            raise InputError(f"{said[when.isoformat()]} is before the current stage's date {said[last]}", field="Date")
        return (
            db["stage_events"]
            .insert(
                {
                    "application_id": application_id,
                    "stage": stage,
                    "on_date": when.isoformat(),
                    "note": clean_text(note, LIMITS["notes"], "Note"),
                    "created_at": clock.now_iso(),
                }
            )
            .last_pk
        )


def set_next_action(
    db: sqlite_utils.Database, application_id: int, action: str, due_on: object = None, *, today: dt.date | None = None
) -> None:
    """Record the next thing to do for an application (the latest one is in force; empty clears it)."""
    application_id = valid_id(application_id, "Application")
    due = parse_day(due_on, "By", today=today, allow_future=True).isoformat() if due_on else None
    action = clean_text(action, LIMITS["next_action"], "What to do next")
    with transaction(db):
        history_bounds(db, application_id)
        db["application_actions"].insert(
            {"application_id": application_id, "action": action, "due_on": due, "at": clock.now_iso()}
        )


# ---------------------------------------------------------------- reading


def pipeline(db: sqlite_utils.Database, today: dt.date | None = None) -> pd.DataFrame:
    """One row per application with its derived current stage, dates and next action."""
    today = today or clock.today()
    return pd.read_sql_query(
        f"""WITH cur AS ({CURRENT_SQL}),
                 first AS (SELECT application_id, MIN(on_date) AS added_on,
                                  MIN(CASE WHEN stage != 'wishlist' THEN on_date END) AS applied_on
                           FROM stage_events GROUP BY application_id),
                 act AS (SELECT application_id, action, due_on FROM application_actions x
                         WHERE id = (SELECT MAX(id) FROM application_actions WHERE application_id = x.application_id)),
                 iv AS (SELECT application_id, COUNT(*) AS interviews FROM interviews GROUP BY application_id)
            SELECT a.id, c.name AS company, a.company_id, a.role, cur.stage, cur.on_date AS stage_on,
                   CAST(julianday(?) - julianday(cur.on_date) AS INTEGER) AS days_in_stage,
                   first.added_on, first.applied_on, a.source, a.job_url, a.resume_version, a.salary_range, a.notes,
                   COALESCE(act.action, '') AS next_action, act.due_on AS next_action_due,
                   COALESCE(iv.interviews, 0) AS interviews
            FROM applications a JOIN companies c ON c.id = a.company_id
            JOIN cur ON cur.application_id = a.id JOIN first ON first.application_id = a.id
            LEFT JOIN act ON act.application_id = a.id LEFT JOIN iv ON iv.application_id = a.id
            ORDER BY cur.on_date DESC, a.id DESC""",
        db.conn,
        params=(today.isoformat(),),
    )


def application_labels(pipeline: pd.DataFrame, today: dt.date | None = None) -> dict[int, str]:
    """'Company — Role (Stage)' by application id, as a person knows it; built column-wise for every rerun.

    Two that read the same add the date applied (added, for the wishlist), and two still alike their place
    among them: a picker whose choices cannot be told apart is no choice.
    """
    if pipeline.empty:
        return {}
    today = today or clock.today()
    labels = (
        pipeline["company"].astype(str)
        + " — "
        + pipeline["role"].astype(str)
        + " ("
        + pipeline["stage"].map(stage_label)
        + ")"
    )
    alike = labels.duplicated(keep=False)
    if alike.any():
        rows = pipeline[alike]
        when = rows["applied_on"].where(rows["applied_on"].notna(), rows["added_on"])
        verb = rows["applied_on"].notna().map({True: "applied", False: "added"})
        dated = labels[alike] + ", " + verb + " " + when.map(lambda d: date_text(dt.date.fromisoformat(d), today))
        labels = labels.where(~alike, dated)
        same = labels.duplicated(keep=False)
        if same.any():
            # Oldest first, as the ids were given: "1 of 2", "2 of 2".
            order = pipeline["id"].groupby(labels).rank(method="first").astype(int)
            count = labels.map(labels.value_counts())
            labels = labels.where(~same, labels + " · " + order.astype(str) + " of " + count.astype(str))
    return dict(zip(pipeline["id"].astype(int).tolist(), labels.tolist(), strict=False))


# ---------------------------------------------------------------- follow-ups


def follow_ups(db: sqlite_utils.Database, today: dt.date | None = None) -> list[DueItem]:
    """Thank-you notes (24 h after each interview), nudges (7 days after applying with no response) and next actions."""
    today = today or clock.today()  # dates in the titles carry their year only when it is not this one
    items: list[DueItem] = []
    for company, role, round_type, starts_at in db.conn.execute(
        """SELECT c.name, a.role, i.round_type, i.starts_at FROM interviews i
           JOIN applications a ON a.id = i.application_id JOIN companies c ON c.id = a.company_id
           WHERE NOT EXISTS (SELECT 1 FROM interview_events e
                             WHERE e.interview_id = i.id AND e.kind = 'thank_you_sent')"""
    ):
        held = clock.local(starts_at)  # the note is due a day after, in the user's own calendar
        round_name = ROUND_TYPES.get(round_type, round_type)
        items.append(
            DueItem(
                "Thank-you note",
                f"{company} — {round_name} interview for {role} on {date_text(held.date(), today)}",
                (held + dt.timedelta(hours=THANK_YOU_HOURS)).date(),
                "applications",
            )
        )
    for company, role, on_date in db.conn.execute(
        f"""SELECT c.name, a.role, cur.on_date FROM ({CURRENT_SQL}) cur
            JOIN applications a ON a.id = cur.application_id JOIN companies c ON c.id = a.company_id
            WHERE cur.stage = 'applied'"""
    ):
        applied = dt.date.fromisoformat(on_date)
        title = f"{company} — {role}: applied {date_text(applied, today)}, no response yet"
        items.append(DueItem("Nudge", title, applied + dt.timedelta(days=NUDGE_DAYS), "applications"))
    for company, role, action, due_on in db.conn.execute(
        f"""SELECT c.name, a.role, x.action, x.due_on FROM application_actions x
            JOIN applications a ON a.id = x.application_id JOIN companies c ON c.id = a.company_id
            JOIN ({CURRENT_SQL}) cur ON cur.application_id = a.id
            WHERE x.id = (SELECT MAX(id) FROM application_actions WHERE application_id = x.application_id)
              AND x.due_on IS NOT NULL AND x.action != ''
              AND cur.stage NOT IN ('rejected', 'withdrawn', 'no_response', 'accepted')"""
    ):
        items.append(
            DueItem("Next action", f"{company} — {role}: {action}", dt.date.fromisoformat(due_on), "applications")
        )
    return sorted(items, key=lambda i: (i.due, i.kind, i.title))


def due_follow_ups(db: sqlite_utils.Database, today: dt.date) -> list[DueItem]:
    """The application follow-ups, for the Overview's due list."""
    return follow_ups(db, today)


# ---------------------------------------------------------------- export

APPLICATION_COLUMNS = [
    "company",
    "role",
    "job_url",
    "source",
    "stage",
    "stage_on",
    "applied_on",
    "resume_version",
    "salary_range",
    "notes",
    "next_action",
    "next_action_due",
    "stage_history",
    # What LinkedIn's Job Applications.csv brings: written so that an export restores it.
    "contact_email",
    "contact_phone",
    "questions_answers",
]
EVENT_COLUMNS = ["application_id", "company", "role", "job_url", "stage", "on_date", "note"]
INTERVIEW_COLUMNS = [
    "company",
    "role",
    "round",
    "starts_at",
    "duration_min",
    "interviewers",
    "prep_notes",
    "feedback",
    "thank_you_sent",
]


def export_applications(db: sqlite_utils.Database, out_dir: Path) -> list[Path]:
    """applications.csv (stage and history), application_events.csv and interviews.csv (feedback, thank-you sent)."""
    out_dir = Path(out_dir)
    table = pipeline(db)
    histories = history_strings(db)
    linkedin = {
        row[0]: row[1:]
        for row in db.conn.execute("SELECT id, contact_email, contact_phone, questions_answers FROM applications")
    }
    apps_path = out_dir / "applications.csv"
    with apps_path.open("w", newline="", encoding="utf-8") as f:
        w = csvsafe.writer(f)
        w.writerow(APPLICATION_COLUMNS)
        for r in table.sort_values("id").itertuples():
            w.writerow(
                [
                    r.company,
                    r.role,
                    r.job_url,
                    r.source,
                    r.stage,
                    r.stage_on,
                    r.applied_on or "",
                    r.resume_version,
                    r.salary_range,
                    r.notes,
                    r.next_action,
                    r.next_action_due or "",
                    histories.get(r.id, ""),
                    *linkedin.get(r.id, ("", "", "")),
                ]
            )
    events_path = out_dir / "application_events.csv"
    with events_path.open("w", newline="", encoding="utf-8") as f:
        w = csvsafe.writer(f)
        w.writerow(EVENT_COLUMNS)
        w.writerows(
            db.conn.execute(
                """SELECT e.application_id, c.name, a.role, a.job_url, e.stage, e.on_date, e.note FROM stage_events e
                   JOIN applications a ON a.id = e.application_id JOIN companies c ON c.id = a.company_id
                   ORDER BY e.application_id, e.on_date, e.id"""
            )
        )
    interviews_path = out_dir / "interviews.csv"
    with interviews_path.open("w", newline="", encoding="utf-8") as f:
        w = csvsafe.writer(f)
        w.writerow(INTERVIEW_COLUMNS)
        for r in interviews_table(db).sort_values("id").itertuples():
            w.writerow(
                [
                    r.company,
                    r.role,
                    ROUND_TYPES.get(r.round_type, r.round_type),
                    r.starts_at,
                    r.duration_min,
                    r.interviewers,
                    r.prep_notes,
                    r.feedback,
                    "yes" if r.thank_you_sent else "no",
                ]
            )
    return [apps_path, events_path, interviews_path]
