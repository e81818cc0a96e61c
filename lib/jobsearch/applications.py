"""Applications, their stage history, interviews, follow-ups and the pipeline numbers.

A stage change appends a row to ``stage_events``; the current stage is the
latest event. The funnel therefore counts every stage an application ever
reached: one rejected after the onsite still counts at the onsite and at every
stage before it. Aggregates run in SQL so the pages stay quick on big data.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pandas as pd
import sqlite_utils

from lib.core.due import DueItem
from lib.core.errors import InputError
from lib.jobsearch.common import clean_text, now_iso, parse_day, url_key, valid_id
from lib.practice.questions import TYPE_LABELS as PRACTICE_TYPE_LABELS
from lib.storage.db import transaction

STAGES = ("wishlist", "applied", "recruiter_screen", "hiring_manager", "onsite", "offer", "accepted")
EXITS = ("rejected", "withdrawn", "no_response")
ALL_STAGES = STAGES + EXITS
STAGE_LABELS = {
    "wishlist": "Wishlist",
    "applied": "Applied",
    "recruiter_screen": "Recruiter screen",
    "hiring_manager": "Hiring manager",
    "onsite": "Onsite / loop",
    "offer": "Offer",
    "accepted": "Accepted",
    "rejected": "Rejected",
    "withdrawn": "Withdrawn",
    "no_response": "No response",
}
# Round types are the practice types (so a round links to what to rehearse), plus the screens every process has.
ROUND_TYPES = {
    "recruiter_screen": "Recruiter screen",
    "hiring_manager": "Hiring manager",
    **PRACTICE_TYPE_LABELS,
    "onsite_loop": "Onsite / loop",
}
THANK_YOU_HOURS = 24
NUDGE_DAYS = 7
_RANK_SQL = "CASE stage " + " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(STAGES)) + " END"
_CURRENT_SQL = """
    SELECT application_id, stage, on_date FROM (
        SELECT application_id, stage, on_date,
               ROW_NUMBER() OVER (PARTITION BY application_id ORDER BY on_date DESC, id DESC) AS rn
        FROM stage_events) WHERE rn = 1
"""


def stage_label(stage: str) -> str:
    """Readable name of a stage code."""
    return STAGE_LABELS.get(stage, stage)


# ---------------------------------------------------------------- writing


def _valid_stage(stage: str) -> str:
    if stage not in ALL_STAGES:
        raise InputError(f"unknown stage '{stage}'; use one of: {', '.join(ALL_STAGES)}", field="stage")
    return stage


def _live_company(db: sqlite_utils.Database, company_id: object) -> int:
    row = db.conn.execute(
        "SELECT id FROM companies WHERE id = ? AND merged_into IS NULL", (valid_id(company_id, "company"),)
    ).fetchone()
    if row is None:
        raise InputError("choose a company from your list (add it on the Companies page first)", field="company")
    return row[0]


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
    today = today or dt.date.today()
    role = clean_text(role, 300)
    if not role:
        raise InputError("enter the role's title", field="role")
    if _valid_stage(stage) not in STAGES[:2]:
        raise InputError("a new application starts on the wishlist or as applied; move it on from there", field="stage")
    when = parse_day(on_date if on_date is not None else today, "date", today=today)
    key = url_key(job_url)
    with transaction(db):
        company_id = _live_company(db, company_id)
        if key:
            dup = db.conn.execute("SELECT id, role FROM applications WHERE url_key = ?", (key,)).fetchone()
            if dup:
                raise InputError(f"this job URL is already tracked (application #{dup[0]}, {dup[1]})", field="job URL")
        app_id = (
            db["applications"]
            .insert(
                {
                    "company_id": company_id,
                    "role": role,
                    "job_url": clean_text(job_url, 1000),
                    "url_key": key,
                    "source": clean_text(source, 200),
                    "resume_version": clean_text(resume_version, 200),
                    "salary_range": clean_text(salary_range, 200),
                    "notes": clean_text(notes),
                    "created_at": now_iso(),
                }
            )
            .last_pk
        )
        db["stage_events"].insert(
            {"application_id": app_id, "stage": stage, "on_date": when.isoformat(), "note": "", "created_at": now_iso()}
        )
        return app_id


def _history_bounds(db: sqlite_utils.Database, application_id: int) -> tuple[str, str, str]:
    application_id = valid_id(application_id, "application")
    row = db.conn.execute(
        """SELECT MIN(on_date), (SELECT stage FROM stage_events WHERE application_id = ? ORDER BY on_date DESC, id DESC LIMIT 1),
                  MAX(on_date) FROM stage_events WHERE application_id = ?""",
        (application_id, application_id),
    ).fetchone()
    if row is None or row[0] is None:
        raise InputError(f"application {application_id} does not exist", field="application")
    return row[0], row[1], row[2]


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
    today = today or dt.date.today()
    application_id = valid_id(application_id, "application")
    _valid_stage(stage)
    when = parse_day(on_date if on_date is not None else today, "date", today=today)
    with transaction(db):
        first, current, last = _history_bounds(db, application_id)
        if stage == current:
            raise InputError(f"the application is already at '{stage_label(stage)}'", field="stage")
        if when.isoformat() < first:
            raise InputError(f"{when.isoformat()} is before the application date {first}", field="date")
        if when.isoformat() < last:
            raise InputError(f"{when.isoformat()} is before the current stage's date {last}", field="date")
        return (
            db["stage_events"]
            .insert(
                {
                    "application_id": application_id,
                    "stage": stage,
                    "on_date": when.isoformat(),
                    "note": clean_text(note),
                    "created_at": now_iso(),
                }
            )
            .last_pk
        )


def set_next_action(
    db: sqlite_utils.Database, application_id: int, action: str, due_on: object = None, *, today: dt.date | None = None
) -> None:
    """Record the next thing to do for an application (the latest one is in force; empty clears it)."""
    application_id = valid_id(application_id, "application")
    due = parse_day(due_on, "due date", today=today, allow_future=True).isoformat() if due_on else None
    with transaction(db):
        _history_bounds(db, application_id)
        db["application_actions"].insert(
            {"application_id": application_id, "action": clean_text(action, 500), "due_on": due, "at": now_iso()}
        )


def add_interview(
    db: sqlite_utils.Database,
    application_id: int | None,
    round_type: str,
    starts_at: dt.datetime,
    *,
    duration_min: int = 45,
    interviewers: str = "",
    prep_notes: str = "",
) -> int:
    """Log an interview (past or upcoming) for an application; returns its id."""
    if application_id is None:
        raise InputError("an interview belongs to an application; add the application first", field="application")
    application_id = valid_id(application_id, "application")
    if round_type not in ROUND_TYPES:
        raise InputError(f"unknown round type '{round_type}'", field="round type")
    if not isinstance(starts_at, dt.datetime):
        raise InputError("enter the date and time of the interview", field="date")
    if not 5 <= int(duration_min) <= 12 * 60:
        raise InputError("an interview lasts 5 minutes to 12 hours", field="duration")
    with transaction(db):
        first, _, _ = _history_bounds(db, application_id)
        if starts_at.date().isoformat() < first:
            raise InputError(f"{starts_at.date().isoformat()} is before the application date {first}", field="date")
        return (
            db["interviews"]
            .insert(
                {
                    "application_id": application_id,
                    "round_type": round_type,
                    "starts_at": starts_at.replace(second=0, microsecond=0).isoformat(timespec="minutes"),
                    "duration_min": int(duration_min),
                    "interviewers": clean_text(interviewers, 500),
                    "prep_notes": clean_text(prep_notes),
                    "created_at": now_iso(),
                }
            )
            .last_pk
        )


def _interview_exists(db: sqlite_utils.Database, interview_id: object) -> int:
    interview_id = valid_id(interview_id, "interview")
    if not db.conn.execute("SELECT 1 FROM interviews WHERE id = ?", (interview_id,)).fetchone():
        raise InputError(f"interview {interview_id} does not exist", field="interview")
    return interview_id


def record_feedback(db: sqlite_utils.Database, interview_id: int, text: str) -> None:
    """Append feedback received for an interview (the latest is shown)."""
    text = clean_text(text)
    if not text:
        raise InputError("write the feedback first", field="feedback")
    with transaction(db):
        interview_id = _interview_exists(db, interview_id)
        db["interview_events"].insert({"interview_id": interview_id, "kind": "feedback", "text": text, "at": now_iso()})


def mark_thank_you_sent(db: sqlite_utils.Database, interview_id: int) -> None:
    """Note that the thank-you email for an interview went out."""
    with transaction(db):
        interview_id = _interview_exists(db, interview_id)
        db["interview_events"].insert(
            {"interview_id": interview_id, "kind": "thank_you_sent", "text": "", "at": now_iso()}
        )


# ---------------------------------------------------------------- reading


def pipeline(db: sqlite_utils.Database, today: dt.date | None = None) -> pd.DataFrame:
    """One row per application with its derived current stage, dates and next action."""
    today = today or dt.date.today()
    return pd.read_sql_query(
        f"""WITH cur AS ({_CURRENT_SQL}),
                 first AS (SELECT application_id, MIN(on_date) AS added_on,
                                  MIN(CASE WHEN stage != 'wishlist' THEN on_date END) AS applied_on FROM stage_events GROUP BY application_id),
                 act AS (SELECT application_id, action, due_on FROM application_actions x
                         WHERE id = (SELECT MAX(id) FROM application_actions WHERE application_id = x.application_id)),
                 iv AS (SELECT application_id, COUNT(*) AS interviews FROM interviews GROUP BY application_id)
            SELECT a.id, c.name AS company, a.company_id, a.role, cur.stage, cur.on_date AS stage_on,
                   CAST(julianday(?) - julianday(cur.on_date) AS INTEGER) AS days_in_stage,
                   first.added_on, first.applied_on, a.source, a.job_url, a.resume_version, a.salary_range, a.notes,
                   COALESCE(act.action, '') AS next_action, act.due_on AS next_action_due, COALESCE(iv.interviews, 0) AS interviews
            FROM applications a JOIN companies c ON c.id = a.company_id
            JOIN cur ON cur.application_id = a.id JOIN first ON first.application_id = a.id
            LEFT JOIN act ON act.application_id = a.id LEFT JOIN iv ON iv.application_id = a.id
            ORDER BY cur.on_date DESC, a.id DESC""",
        db.conn,
        params=(today.isoformat(),),
    )


def application_labels(pipeline: pd.DataFrame) -> dict[int, str]:
    """'#12 Company — Role (Stage)' by application id, built column-wise: a page builds it on every rerun."""
    if pipeline.empty:
        return {}
    labels = (
        "#"
        + pipeline["id"].astype(str)
        + " "
        + pipeline["company"].astype(str)
        + " — "
        + pipeline["role"].astype(str)
        + " ("
        + pipeline["stage"].map(stage_label)
        + ")"
    )
    return dict(zip(pipeline["id"].astype(int).tolist(), labels.tolist(), strict=False))


def interview_labels(interviews: pd.DataFrame) -> dict[int, str]:
    """'#3 Company — Round 2026-11-20T10:00' by interview id (from ``interviews_table``), built column-wise."""
    if interviews.empty:
        return {}
    labels = (
        "#"
        + interviews["id"].astype(str)
        + " "
        + interviews["company"].astype(str)
        + " — "
        + interviews["round_type"].map(lambda r: str(ROUND_TYPES.get(r)))
        + " "
        + interviews["starts_at"].astype(str)
    )
    return dict(zip(interviews["id"].astype(int).tolist(), labels.tolist(), strict=False))


def stage_history(db: sqlite_utils.Database, application_id: int) -> pd.DataFrame:
    """Every stage event of one application, oldest first."""
    return pd.read_sql_query(
        "SELECT id, stage, on_date, note FROM stage_events WHERE application_id = ? ORDER BY on_date, id",
        db.conn,
        params=(application_id,),
    )


def interviews_table(db: sqlite_utils.Database) -> pd.DataFrame:
    """Interviews with their application, latest feedback and whether a thank-you went out."""
    return pd.read_sql_query(
        """SELECT i.id, i.application_id, c.name AS company, a.role, i.round_type, i.starts_at, i.duration_min, i.interviewers, i.prep_notes,
                  COALESCE((SELECT text FROM interview_events e WHERE e.interview_id = i.id AND kind = 'feedback' ORDER BY id DESC LIMIT 1), '') AS feedback,
                  EXISTS (SELECT 1 FROM interview_events e WHERE e.interview_id = i.id AND kind = 'thank_you_sent') AS thank_you_sent
           FROM interviews i JOIN applications a ON a.id = i.application_id JOIN companies c ON c.id = a.company_id
           ORDER BY i.starts_at DESC""",
        db.conn,
    )


def funnel_counts(db: sqlite_utils.Database) -> pd.DataFrame:
    """Applications that ever reached each stage, and the conversion from the stage before."""
    rows = dict(
        db.conn.execute(
            f"""SELECT reached, COUNT(*) FROM (
                    SELECT MAX({_RANK_SQL}) AS reached FROM stage_events WHERE stage IN ({",".join("?" * len(STAGES))}) GROUP BY application_id)
                GROUP BY reached""",
            STAGES,
        ).fetchall()
    )
    counts, running = [], 0
    for rank in range(len(STAGES) - 1, -1, -1):
        running += rows.get(rank, 0)
        counts.append(running)
    counts.reverse()
    conversion = [None] + [(counts[i] / counts[i - 1]) if counts[i - 1] else None for i in range(1, len(STAGES))]
    return pd.DataFrame(
        {"stage": STAGES, "label": [STAGE_LABELS[s] for s in STAGES], "reached": counts, "conversion": conversion}
    )


def sankey_flows(db: sqlite_utils.Database) -> pd.DataFrame:
    """How many applications moved from each stage straight to each next stage (exits included)."""
    return pd.read_sql_query(
        """SELECT source, target, COUNT(*) AS count FROM (
               SELECT LAG(stage) OVER (PARTITION BY application_id ORDER BY on_date, id) AS source, stage AS target FROM stage_events)
           WHERE source IS NOT NULL GROUP BY source, target ORDER BY count DESC""",
        db.conn,
    )


def applications_per_week(db: sqlite_utils.Database) -> pd.DataFrame:
    """Applications sent per week (Monday), by the date each first left the wishlist."""
    df = pd.read_sql_query(
        """SELECT date(applied_on, '-' || ((CAST(strftime('%w', applied_on) AS INTEGER) + 6) % 7) || ' days') AS week, COUNT(*) AS applications
           FROM (SELECT MIN(on_date) AS applied_on FROM stage_events WHERE stage != 'wishlist' GROUP BY application_id)
           GROUP BY week ORDER BY week""",
        db.conn,
    )
    return df


def time_in_stage(db: sqlite_utils.Database, today: dt.date | None = None) -> pd.DataFrame:
    """Average and median days spent in each stage before the next event (or until today, if still there)."""
    today = today or dt.date.today()
    df = pd.read_sql_query(
        """SELECT stage, julianday(COALESCE(nxt, ?)) - julianday(on_date) AS days FROM (
               SELECT stage, on_date, LEAD(on_date) OVER (PARTITION BY application_id ORDER BY on_date, id) AS nxt FROM stage_events)
           WHERE stage IN ('wishlist', 'applied', 'recruiter_screen', 'hiring_manager', 'onsite', 'offer')""",
        db.conn,
        params=(today.isoformat(),),
    )
    if df.empty:
        return pd.DataFrame(
            {
                "stage": pd.Series(dtype=str),
                "label": pd.Series(dtype=str),
                "mean_days": pd.Series(dtype=float),
                "median_days": pd.Series(dtype=float),
                "applications": pd.Series(dtype=int),
            }
        )
    out = df.groupby("stage")["days"].agg(mean_days="mean", median_days="median", applications="count").reset_index()
    out["order"] = out["stage"].map(STAGES.index)
    out = out.sort_values("order").drop(columns="order").reset_index(drop=True)
    out.insert(1, "label", out["stage"].map(STAGE_LABELS))
    return out


def applied_count(db: sqlite_utils.Database) -> int:
    """Applications that went beyond the wishlist (the seed's 'apply to 5-10 roles')."""
    return db.conn.execute(
        "SELECT COUNT(DISTINCT application_id) FROM stage_events WHERE stage != 'wishlist'"
    ).fetchone()[0]


# ---------------------------------------------------------------- follow-ups


def follow_ups(db: sqlite_utils.Database, today: dt.date | None = None) -> list[DueItem]:
    """Thank-you notes (24 h after each interview), nudges (7 days after applying with no response) and next actions."""
    items: list[DueItem] = []
    for company, role, round_type, starts_at in db.conn.execute(
        """SELECT c.name, a.role, i.round_type, i.starts_at FROM interviews i
           JOIN applications a ON a.id = i.application_id JOIN companies c ON c.id = a.company_id
           WHERE NOT EXISTS (SELECT 1 FROM interview_events e WHERE e.interview_id = i.id AND e.kind = 'thank_you_sent')"""
    ):
        due = (dt.datetime.fromisoformat(starts_at) + dt.timedelta(hours=THANK_YOU_HOURS)).date()
        items.append(
            DueItem(
                "Thank-you note",
                f"{company} — {ROUND_TYPES.get(round_type, round_type)} interview for {role} on {starts_at[:10]}",
                due,
                "applications",
            )
        )
    for company, role, on_date in db.conn.execute(
        f"""SELECT c.name, a.role, cur.on_date FROM ({_CURRENT_SQL}) cur
            JOIN applications a ON a.id = cur.application_id JOIN companies c ON c.id = a.company_id WHERE cur.stage = 'applied'"""
    ):
        due = dt.date.fromisoformat(on_date) + dt.timedelta(days=NUDGE_DAYS)
        items.append(DueItem("Nudge", f"{company} — {role}: applied {on_date}, no response yet", due, "applications"))
    for company, role, action, due_on in db.conn.execute(
        f"""SELECT c.name, a.role, x.action, x.due_on FROM application_actions x
            JOIN applications a ON a.id = x.application_id JOIN companies c ON c.id = a.company_id
            JOIN ({_CURRENT_SQL}) cur ON cur.application_id = a.id
            WHERE x.id = (SELECT MAX(id) FROM application_actions WHERE application_id = x.application_id)
              AND x.due_on IS NOT NULL AND x.action != '' AND cur.stage NOT IN ('rejected', 'withdrawn', 'no_response', 'accepted')"""
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
]


def history_strings(db: sqlite_utils.Database) -> dict[int, str]:
    """Each application's stage history as 'YYYY-MM-DD stage; …' (what applications.csv carries)."""
    out: dict[int, list[str]] = {}
    for app_id, stage, on_date in db.conn.execute(
        "SELECT application_id, stage, on_date FROM stage_events ORDER BY application_id, on_date, id"
    ):
        out.setdefault(app_id, []).append(f"{on_date} {stage}")
    return {k: "; ".join(v) for k, v in out.items()}


def export_applications(db: sqlite_utils.Database, out_dir: Path) -> list[Path]:
    """applications.csv (current stage and history), application_events.csv and interviews.csv (feedback, thank-you sent)."""
    out_dir = Path(out_dir)
    table = pipeline(db)
    histories = history_strings(db)
    apps_path = out_dir / "applications.csv"
    with apps_path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
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
                ]
            )
    events_path = out_dir / "application_events.csv"
    with events_path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["application_id", "company", "role", "job_url", "stage", "on_date", "note"])
        w.writerows(
            db.conn.execute(
                """SELECT e.application_id, c.name, a.role, a.job_url, e.stage, e.on_date, e.note FROM stage_events e
                   JOIN applications a ON a.id = e.application_id JOIN companies c ON c.id = a.company_id ORDER BY e.application_id, e.on_date, e.id"""
            )
        )
    interviews_path = out_dir / "interviews.csv"
    interviews = interviews_table(db).sort_values("id")
    with interviews_path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(
            [
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
        )
        for r in interviews.itertuples():
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
