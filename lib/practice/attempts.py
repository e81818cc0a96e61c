"""Timed practice answers, self-reviews against the answer guide, and what is due for rehearsal.

Attempts and reviews are appended, never updated: every answer stays in the
history and the latest review of an attempt is its current self-review. The
first review of an attempt also becomes an FSRS review of the question
(``lib.rehearsal``, item kind "question"), which decides when it is due again.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import re
from pathlib import Path

import pandas as pd
import sqlite_utils

from lib.core.due import DueItem
from lib.core.errors import InputError
from lib.core.textsafe import one_line
from lib.practice import frameworks, questions, rehearsal
from lib.storage.db import transaction

DIMENSIONS = ("structure", "clarity", "depth", "ai_specifics")
DIMENSION_LABELS = {"structure": "Structure", "clarity": "Clarity", "depth": "Depth", "ai_specifics": "AI specifics"}
# The week's plan: Monday 4 product-sense answers; Tuesday 4 execution + 2 strategy.
WEEK_PLAN = {"product_sense": 4, "execution": 4, "strategy": 2}
MAX_ANSWER_CHARS = 50_000
MAX_NOTES_CHARS = 5_000
MAX_SECONDS = 6 * 3600
ATTEMPT_COLUMNS = [
    "id",
    "question_id",
    "attempt_no",
    "framework_id",
    "sections",
    "answer_text",
    "seconds_taken",
    "target_minutes",
    "started_at",
    "submitted_at",
    *DIMENSIONS,
    "score",
    "guide_checked",
    "notes",
    "reviewed_at",
]


def _now() -> dt.datetime:
    """The current time in UTC."""
    return dt.datetime.now(dt.UTC)


def compose_answer(sections: dict[str, str]) -> str:
    """The answer as one text: each non-empty section under its heading."""
    parts = [f"{name}\n{text.strip()}" for name, text in sections.items() if str(text or "").strip()]
    return "\n\n".join(parts)


def submit_attempt(
    db: sqlite_utils.Database,
    question_id: str,
    sections: dict[str, str],
    seconds_taken: float,
    *,
    started_at: dt.datetime | None = None,
    when: dt.datetime | None = None,
) -> int:
    """Store an answer with the time it took; returns the attempt id. An empty answer is refused."""
    q = questions.question(db, question_id)
    clean = {str(k): str(v or "") for k, v in (sections or {}).items()}
    text = compose_answer(clean)
    if not text.strip():
        raise InputError("write an answer before submitting", field="answer")
    if len(text) > MAX_ANSWER_CHARS:
        raise InputError(f"the answer is longer than {MAX_ANSWER_CHARS:,} characters", field="answer")
    try:
        seconds = int(round(float(seconds_taken)))
    except (TypeError, ValueError):
        raise InputError("time taken is not a number", field="time taken") from None
    if not 0 <= seconds <= MAX_SECONDS:
        raise InputError("time taken must be between 0 and 6 hours", field="time taken")
    submitted = when or _now()
    with transaction(db):
        return (
            db["practice_attempts"]
            .insert(
                {
                    "question_id": q["id"],
                    "framework_id": q["framework_id"],
                    "sections_json": json.dumps(clean, ensure_ascii=False),
                    "answer_text": text,
                    "seconds_taken": seconds,
                    "target_minutes": q["target_minutes"],
                    "started_at": started_at.isoformat() if started_at else None,
                    "submitted_at": submitted.isoformat(),
                }
            )
            .last_pk
        )


def _validate_scores(scores: dict[str, int]) -> dict[str, int]:
    """The four 1–5 ratings, or InputError naming the first bad one."""
    out = {}
    for dim in DIMENSIONS:
        value = (scores or {}).get(dim)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
            raise InputError("rate from 1 to 5", field=DIMENSION_LABELS[dim])
        out[dim] = value
    return out


def review_attempt(
    db: sqlite_utils.Database,
    attempt_id: int,
    scores: dict[str, int],
    guide_checked: list[int] | None = None,
    notes: str = "",
    *,
    when: dt.datetime | None = None,
) -> dt.datetime | None:
    """Append a self-review; the first one of an attempt schedules the question. Returns its next due time."""
    row = db.conn.execute("SELECT question_id FROM practice_attempts WHERE id = ?", (int(attempt_id),)).fetchone()
    if not row:
        raise InputError(f"no attempt #{attempt_id}", field="attempt")
    clean = _validate_scores(scores)
    guide_len = len(questions.question(db, row[0])["guide"])
    checked = sorted({int(i) for i in (guide_checked or [])})
    if any(i < 0 or i >= guide_len for i in checked):
        raise InputError("a ticked point is not in this question's guide", field="answer guide")
    notes = str(notes or "")
    if len(notes) > MAX_NOTES_CHARS:
        raise InputError(f"keep notes under {MAX_NOTES_CHARS:,} characters", field="notes")
    reviewed = when or _now()
    with transaction(db):
        first = not db.conn.execute(
            "SELECT 1 FROM practice_reviews WHERE attempt_id = ?", (int(attempt_id),)
        ).fetchone()
        db["practice_reviews"].insert(
            {
                "attempt_id": int(attempt_id),
                **clean,
                "guide_checked_json": json.dumps(checked),
                "notes": notes,
                "reviewed_at": reviewed.isoformat(),
            }
        )
        if not first:
            return None
        score = sum(clean.values()) / len(clean)
        return rehearsal.record_review(
            db, "question", row[0], rehearsal.rating_from_score(score), when=reviewed, source="practice"
        )


def attempts(db: sqlite_utils.Database, question_id: str | None = None) -> pd.DataFrame:
    """Every attempt (oldest first) with its number per question and its latest self-review."""
    sql = """
        SELECT a.id, a.question_id, a.framework_id, a.sections_json, a.answer_text, a.seconds_taken,
               a.target_minutes, a.started_at, a.submitted_at,
               r.structure, r.clarity, r.depth, r.ai_specifics, r.guide_checked_json, r.notes, r.reviewed_at
        FROM practice_attempts a
        LEFT JOIN practice_reviews r ON r.id = (
            SELECT MAX(id) FROM practice_reviews WHERE attempt_id = a.id)
    """
    params: tuple = ()
    if question_id is not None:
        sql += " WHERE a.question_id = ?"
        params = (str(question_id),)
    df = pd.read_sql_query(sql + " ORDER BY a.submitted_at, a.id", db.conn, params=params)
    df["attempt_no"] = df.groupby("question_id").cumcount() + 1 if len(df) else pd.Series(dtype=int)
    df["sections"] = df["sections_json"].map(json.loads)
    df["guide_checked"] = df["guide_checked_json"].map(lambda s: json.loads(s) if isinstance(s, str) else [])
    for col in ("seconds_taken", "target_minutes", *DIMENSIONS):
        df[col] = pd.to_numeric(df[col])
    df["score"] = df[list(DIMENSIONS)].mean(axis=1)
    df["submitted_at"] = pd.to_datetime(df["submitted_at"], utc=True, format="ISO8601")
    df["notes"] = df["notes"].fillna("")
    return df[ATTEMPT_COLUMNS]


def attempts_with_questions(db: sqlite_utils.Database) -> pd.DataFrame:
    """Attempts joined with their question's type, sub-type and text."""
    qs = questions.all_questions(db)[["id", "type", "subtype", "text"]].rename(columns={"id": "question_id"})
    return attempts(db).merge(qs, on="question_id", how="inner")


def question_status(db: sqlite_utils.Database) -> pd.DataFrame:
    """Per question: attempts so far, last attempt, last score and when it is due for rehearsal."""
    qs = questions.all_questions(db)
    att = attempts(db)
    per = att.groupby("question_id").agg(
        attempts=("id", "size"), last_attempt=("submitted_at", "max"), last_score=("score", "last")
    )
    cards = rehearsal.cards(db, "question").set_index("item_id")[["due"]]
    out = qs.set_index("id").join(per).join(cards).reset_index().rename(columns={"index": "id"})
    out["attempts"] = out["attempts"].fillna(0).astype(int)
    return out


def end_of_day_utc(today: dt.date) -> pd.Timestamp:
    """The end of ``today`` in local time, as a UTC timestamp."""
    end = dt.datetime.combine(today + dt.timedelta(days=1), dt.time()).astimezone()
    return pd.Timestamp(end).tz_convert("UTC")


def filter_questions(
    status: pd.DataFrame,
    today: dt.date,
    qtype: str | None = None,
    subtype: str | None = None,
    never_tried: bool = False,
    due_only: bool = False,
) -> pd.DataFrame:
    """Questions matching the Practice page's filters."""
    mask = pd.Series(True, index=status.index)
    if qtype:
        mask &= status["type"] == qtype
    if subtype:
        mask &= status["subtype"] == subtype
    if never_tried:
        mask &= status["attempts"] == 0
    if due_only:
        mask &= status["due"].notna() & (status["due"] < end_of_day_utc(today))
    return status[mask]


def due_questions(db: sqlite_utils.Database, today: dt.date | None = None) -> pd.DataFrame:
    """Questions due for rehearsal by the end of ``today``, most overdue first."""
    today = today or dt.date.today()
    due = rehearsal.due_cards(db, today, "question")
    qs = questions.all_questions(db).rename(columns={"id": "item_id"})
    return due.merge(qs, on="item_id", how="inner")


def next_due(db: sqlite_utils.Database, today: dt.date | None = None) -> str | None:
    """The id of the most overdue question, or None when nothing is due."""
    return next_due_from(due_questions(db, today))


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """A question's attempts for display, newest first, with readable column names."""
    table = pd.DataFrame(
        {
            "Attempt": history["attempt_no"],
            "Submitted": history["submitted_at"].dt.tz_convert(None).dt.strftime("%Y-%m-%d %H:%M"),
            "Minutes": (history["seconds_taken"] / 60).round(1),
            "Target": history["target_minutes"],
            **{DIMENSION_LABELS[d]: history[d] for d in DIMENSIONS},
            "Guide points": history["guide_checked"].map(len),
            "Notes": history["notes"],
        }
    )
    return table.iloc[::-1].reset_index(drop=True)


def next_due_from(due: pd.DataFrame) -> str | None:
    """The most overdue question id in a ``due_questions`` frame, or None."""
    return None if due.empty else str(due.iloc[0]["item_id"])


def awaiting_review(history: pd.DataFrame) -> pd.Series | None:
    """The latest attempt when it has no self-review yet, else None."""
    if history.empty or not pd.isna(history.iloc[-1]["score"]):
        return None
    return history.iloc[-1]


def review_defaults(attempt: pd.Series) -> dict[str, int]:
    """Starting slider values for a review form: the attempt's current ratings, else 3."""
    return {d: 3 if pd.isna(attempt[d]) else int(attempt[d]) for d in DIMENSIONS}


def surprise(candidates: pd.DataFrame, rng: random.Random | None = None) -> str | None:
    """A random question from the candidates, favouring ones never tried."""
    if candidates.empty:
        return None
    rng = rng or random.Random()
    fresh = candidates[candidates["attempts"] == 0]
    pool = fresh if len(fresh) else candidates
    return str(pool.iloc[rng.randrange(len(pool))]["id"])


def due_items(db: sqlite_utils.Database, today: dt.date) -> list[DueItem]:
    """Practice questions due for rehearsal, for the Overview."""
    items = []
    for r in due_questions(db, today).itertuples():
        local_day = r.due.to_pydatetime().astimezone().date()
        items.append(DueItem("Rehearse", one_line(r.text, 90), local_day, "practice"))
    return items


def elapsed_seconds(started: float, now: float) -> int:
    """Whole seconds since the timer started (never negative)."""
    return max(0, int(now - started))


def countdown_label(seconds_left: int) -> str:
    """'mm:ss' left, or '+mm:ss' over the target."""
    sign = "+" if seconds_left < 0 else ""
    s = abs(seconds_left)
    return f"{sign}{s // 60:02d}:{s % 60:02d}"


# ---------------------------------------------------------------- chart data


def plan_progress(db: sqlite_utils.Database) -> pd.DataFrame:
    """Attempts per question type against the week's plan (types without a plan target have 0)."""
    att = attempts_with_questions(db)
    counts = att.groupby("type").size() if len(att) else pd.Series(dtype=int)
    rows = [
        {
            "type": t,
            "label": questions.TYPE_LABELS[t],
            "attempts": int(counts.get(t, 0)),
            "planned": WEEK_PLAN.get(t, 0),
        }
        for t in questions.QUESTION_TYPES
    ]
    return pd.DataFrame(rows)


def rating_trend(db: sqlite_utils.Database) -> pd.DataFrame:
    """Self-ratings in review order, long form: reviewed_at, dimension, rating."""
    df = pd.read_sql_query(
        "SELECT reviewed_at, structure, clarity, depth, ai_specifics FROM practice_reviews ORDER BY reviewed_at, id",
        db.conn,
    )
    df["reviewed_at"] = pd.to_datetime(df["reviewed_at"], utc=True, format="ISO8601")
    long = df.melt(id_vars="reviewed_at", value_vars=list(DIMENSIONS), var_name="dimension", value_name="rating")
    long["dimension"] = long["dimension"].map(DIMENSION_LABELS)
    return long


def time_vs_target(db: sqlite_utils.Database) -> pd.DataFrame:
    """Per attempt: minutes taken and the question's target minutes, with its type."""
    att = attempts_with_questions(db)
    out = att[["id", "question_id", "attempt_no", "type", "text", "submitted_at", "target_minutes"]].copy()
    out["minutes_taken"] = (att["seconds_taken"] / 60).round(1)
    out["type_label"] = out["type"].map(questions.TYPE_LABELS)
    return out


def framework_sections(question: dict) -> list[str]:
    """Answer sections for a question: its framework's steps (and checks, where it has them)."""
    return frameworks.answer_sections(question["framework_id"])


# ---------------------------------------------------------------- export


def latest_answers(db: sqlite_utils.Database) -> pd.DataFrame:
    """The latest attempt of each question, with its self-review."""
    att = attempts(db)
    if att.empty:
        return att
    return att.sort_values(["submitted_at", "id"]).groupby("question_id").tail(1).set_index("question_id", drop=False)


def fenced(text: str) -> str:
    """User text as a fenced block that no content inside it can close early."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text.rstrip()}\n{fence}"


def _review_lines(row: pd.Series, guide: list[str]) -> list[str]:
    """An attempt's time, self-review and ticked guide points as markdown lines."""
    minutes = row["seconds_taken"] / 60
    lines = [
        f"*Attempt {int(row['attempt_no'])}, {row['submitted_at']:%Y-%m-%d}, {minutes:.0f} of {int(row['target_minutes'])} min*",
        "",
    ]
    if pd.isna(row["score"]):
        return lines + ["Not reviewed yet.", ""]
    scores = ", ".join(f"{DIMENSION_LABELS[d]} {int(row[d])}/5" for d in DIMENSIONS)
    lines += [f"Self-review: {scores}", ""]
    lines += [f"- [{'x' if i in row['guide_checked'] else ' '}] {point}" for i, point in enumerate(guide)]
    if row["notes"]:
        lines += ["", "Notes:", "", fenced(row["notes"])]
    return lines + [""]


def _type_section(qtype: str, qs: pd.DataFrame, latest: pd.DataFrame, book: frameworks.FrameworkBook) -> list[str]:
    """One question type's frameworks, questions by sub-type and latest answers."""
    lines = [f"## {questions.TYPE_LABELS[qtype]}", "", "### Frameworks", ""]
    for fw in book.for_type(qtype):
        if fw.applies_to[0] == qtype:  # a shared framework is printed once, under its main type
            lines.append(frameworks.markdown(fw, heading_level=4))
    lines += ["### Practice questions", ""]
    for subtype, group in qs[qs["type"] == qtype].groupby("subtype", sort=False):
        lines += [f"#### {questions.subtype_label(subtype)}", ""]
        for q in group.itertuples():
            lines.append(f"- {q.text}" + (" *(my question)*" if q.custom else ""))
        lines.append("")
    answered = qs[(qs["type"] == qtype) & qs["id"].isin(latest.index)]
    if len(answered):
        lines += ["### My latest answers", ""]
        for q in answered.itertuples():
            row = latest.loc[q.id]
            lines += [f"#### {q.text}", "", fenced(row["answer_text"]), ""]
            lines += _review_lines(row, list(q.guide))
    return lines


def interview_prep_markdown(db: sqlite_utils.Database, today: dt.date | None = None) -> str:
    """The curriculum's interview prep document: frameworks, questions by type, latest answers, knowledge areas."""
    book = frameworks.load_frameworks()
    qs = questions.all_questions(db)
    latest = latest_answers(db)
    lines = [
        "# Interview Prep Document",
        "",
        f"Generated {(today or dt.date.today()).isoformat()}. {len(qs)} practice questions, "
        f"{len(latest)} answered at least once.",
        "",
    ]
    for qtype in ("product_sense", "execution", "strategy"):
        lines += _type_section(qtype, qs, latest, book)
    lines += ["## Technical knowledge areas", ""] + [f"- {a}" for a in book.technical_knowledge_areas]
    lines += ["", f"**Key:** {book.technical_key}", ""]
    lines += _type_section("technical", qs, latest, book)[1:]
    lines += ["## Behavioural frameworks", ""]
    lines += _type_section("behavioural", qs, latest, book)[2:]
    lines += ["#### Writing a story", ""] + [f"- {t}" for t in book.star_story_tips] + [""]
    return "\n".join(lines).rstrip() + "\n"


def export_interview_prep(db: sqlite_utils.Database, out_dir: Path) -> list[Path]:
    """Write interview-prep.md into ``out_dir``."""
    path = Path(out_dir) / "interview-prep.md"
    path.write_text(interview_prep_markdown(db), encoding="utf-8")
    return [path]


# ---------------------------------------------------------------- demo

_DEMO_PLAN = {"product_sense": 5, "execution": 5, "strategy": 3, "technical": 4, "behavioural": 5}
_DEMO_LINES = {
    "product_sense": (
        "Asked who the user is, what success looks like and what is out of scope.",
        "Chose busy students writing essays; the pain is starting and structuring.",
        "Compared an AI coach with templates; AI wins on personal feedback.",
        "Metrics: weekly drafts improved; guardrail: no ghost-written essays.",
        "Recommend a feedback-first coach, piloted with two schools.",
    ),
    "execution": (
        "Goal: weekly active users completing a task; checked the metric definition first.",
        "Hypotheses: logging change, model release, seasonality, competitor launch.",
        "Sized each by impact and effort; the model release is first.",
        "Success: acceptance rate back above 30% within two weeks; latency as guardrail.",
        "Plan: roll back, compare offline evals, add drift alerts.",
    ),
    "strategy": (
        "The company's edge is distribution and first-party data.",
        "Three options: build, partner, or wait a year.",
        "Partnering is fastest but creates dependency on one model vendor.",
        "Recommend partnering now with a build track for the core model.",
        "Success: 10% of users on the new feature in six months at positive margin.",
    ),
    "technical": (
        "In one line: it finds relevant text first, then answers from it.",
        "Documents are chunked, embedded and searched by similarity.",
        "Example: a support assistant citing help-centre articles.",
        "Fails when retrieval misses; measure recall of the retriever separately.",
        "For the PM: freshness of the index and citation UX are product decisions.",
    ),
    "behavioural": (
        "Two weeks before launch our evaluation showed a 12% error rate.",
        "I had to decide whether to ship or delay without authority over the ML team.",
        "I ran a quick error analysis, shared it, and proposed a narrower launch.",
        "We launched to 20% of users; errors fell to 4% and the date held.",
        "I learned to bring data before opinions.",
    ),
}


def _demo_sections(sections: list[str], qtype: str, rng: random.Random) -> dict[str, str]:
    """Plausible answer text for each framework section."""
    lines = _DEMO_LINES[qtype]
    start = rng.randrange(len(lines))
    return {name: lines[(start + i) % len(lines)] for i, name in enumerate(sections)}


def demo(db: sqlite_utils.Database, scale: int, rng: random.Random, today: dt.date) -> None:
    """Attempts across all five types over the past week, self-reviews, and rehearsal cards (some due)."""
    qs = questions.all_questions(db)
    bank = {r.id: r for r in qs.itertuples()}
    picks: list[str] = []
    for qtype, n in _DEMO_PLAN.items():
        ids = list(qs[qs["type"] == qtype]["id"])
        # Past the bank's size, larger scales mean more attempts at the same questions.
        picks += list(itertools.islice(itertools.cycle(ids), n * scale))
    now = dt.datetime.combine(today, dt.time(20, 0)).astimezone()
    attempts_rows, reviews_rows, rehearsal_rows = [], [], []
    attempt_id = db.conn.execute("SELECT COALESCE(MAX(id), 0) FROM practice_attempts").fetchone()[0]
    for qid in picks:
        q = bank[qid]
        sections = frameworks.answer_sections(q.framework_id)
        repeats = 2 if rng.random() < 0.45 else 1
        first_day = rng.randint(3, 7)
        for n in range(repeats):
            attempt_id += 1
            when = now - dt.timedelta(days=first_day - 2 * n, hours=rng.randint(0, 5))
            taken = int(q.target_minutes * 60 * rng.uniform(0.7, 1.4))
            body = _demo_sections(sections, q.type, rng)
            attempts_rows.append(
                {
                    "id": attempt_id,
                    "question_id": qid,
                    "framework_id": q.framework_id,
                    "sections_json": json.dumps(body),
                    "answer_text": compose_answer(body),
                    "seconds_taken": taken,
                    "target_minutes": int(q.target_minutes),
                    "started_at": (when - dt.timedelta(seconds=taken)).astimezone(dt.UTC).isoformat(),
                    "submitted_at": when.astimezone(dt.UTC).isoformat(),
                }
            )
            base = 2 + n + rng.random() * 1.5
            scores = {d: max(1, min(5, round(base + rng.uniform(-1, 1)))) for d in DIMENSIONS}
            reviewed = when + dt.timedelta(minutes=10)
            checked = sorted(rng.sample(range(len(q.guide)), k=rng.randint(1, len(q.guide))))
            reviews_rows.append(
                {
                    "attempt_id": attempt_id,
                    **scores,
                    "guide_checked_json": json.dumps(checked),
                    "notes": "Tighten the opening; more on metrics." if n == 0 else "Better structure this time.",
                    "reviewed_at": reviewed.astimezone(dt.UTC).isoformat(),
                }
            )
            rating = rehearsal.rating_from_score(sum(scores.values()) / len(scores))
            rehearsal_rows.append(
                {
                    "item_kind": "question",
                    "item_id": qid,
                    "rating": rating,
                    "reviewed_at": reviewed.astimezone(dt.UTC).isoformat(),
                    "duration_s": float(taken),
                    "source": "practice",
                }
            )
    with transaction(db):
        db["practice_attempts"].insert_all(attempts_rows, batch_size=1000)
        db["practice_reviews"].insert_all(reviews_rows, batch_size=1000)
        db["rehearsal_reviews"].insert_all(rehearsal_rows, batch_size=1000)
    rehearsal.rebuild_cards(db)
