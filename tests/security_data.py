"""Hostile text stored through the app's own lib functions, for the markup and network tests.

Every field a user types that a page shows gets a payload: script tags, an
image whose error handler would run, a javascript: link, an image pointing at
a local port nothing listens on, and plain markdown emphasis. Shown safely,
each appears on the page as the literal text below.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = "[click](javascript:alert(1))"
PIXEL = "![x](http://127.0.0.1:9/x.png)"
BOLD = "**bold**"
ATTACKS = (SCRIPT, IMG, LINK, PIXEL, BOLD)


def payload(label: str) -> str:
    """A recognisable label followed by every attack, on one line."""
    return f"{label} {SCRIPT} {IMG} {LINK} {PIXEL} {BOLD}"


def short_payload(label: str) -> str:
    """The attacks that fit a field limited to 120 characters, such as a story title."""
    return f"{label} {SCRIPT}{IMG}{BOLD}"


def store_time_note(db, today: dt.date) -> list[tuple[str, str]]:
    """A time-log note (Curriculum page)."""
    from lib.plan import curriculum, time_log

    session_id = curriculum.load_curriculum().days[0].sessions[0].id
    time_log.log_time(db, session_id, 30, today, payload("Note"), today=today)
    return [("curriculum", payload("Note"))]


def store_job_search(db, today: dt.date) -> list[tuple[str, str]]:
    """A company, its application with a due next action, an interview with feedback, a contact."""
    from lib.jobsearch import applications, companies, interviews, networking

    company_id = companies.add_company(db, payload("Company"), notes=payload("CompanyNote"))
    app_id = applications.add_application(
        db, company_id, payload("Role"), notes=payload("AppNote"), today=today, on_date=today - dt.timedelta(days=10)
    )
    applications.set_next_action(db, app_id, payload("Action"), today, today=today)
    interview = interviews.add_interview(
        db, app_id, "product_sense", dt.datetime.combine(today, dt.time(9, 0)), interviewers=payload("Interviewer")
    )
    interviews.record_feedback(db, interview, payload("Feedback"))
    networking.add_contact(db, payload("Contact"), payload("Company"), "PM", how_met=payload("HowMet"))
    company = payload("Company")
    return [
        ("companies", company),
        ("applications", company),
        ("applications", payload("Role")),
        ("networking", payload("Contact")),
        ("overview", company),
    ]


def store_story(db, today: dt.date) -> list[tuple[str, str]]:
    """A STAR story whose every section is hostile."""
    from lib.stories import store as stories
    from lib.stories import themes as story_themes

    theme_id = story_themes.load_themes().themes[0].id
    fields = {"title": short_payload("Story"), "theme_id": theme_id}
    for section in ("situation", "task", "action", "result"):
        fields[section] = payload(section.title())
    stories.save_story(db, fields)
    return [("stories", short_payload("Story")), ("stories", payload("Situation"))]


def store_case_and_reflection(db, today: dt.date) -> list[tuple[str, str]]:
    """An own case study and a reflection journal entry."""
    from lib.materials import case_studies
    from lib.materials import checklists as materials

    key = case_studies.add_case(db, short_payload("Case"))
    case_studies.save_case(db, key, {"problem": payload("Problem")})
    prompt_id = materials.load_checklists().reflection.prompts[0].id
    materials.add_reflection(db, prompt_id, payload("Reflection"), today, today=today)
    return [("case_studies", short_payload("Case")), ("job_materials", payload("Reflection"))]


def store_recording(db, today: dt.date) -> list[tuple[str, str]]:
    """A take with a hostile title, its review notes, and an analysis whose transcript is hostile."""
    from lib.demo.media_clips import write_demo_take
    from lib.media import analysis_jobs, paths, reviews, speech
    from lib.media import takes as recordings

    relative, path = paths.new_take_path()
    write_demo_take(path, seconds=1.0)
    plan = recordings.TakePlan(mode="full_mock", title=payload("Take"))
    recording_id = recordings.save_take(db, plan, relative)
    reviews.add_review(
        db,
        recording_id,
        reviews.Review(
            3, 3, 3, 3, notes=payload("ReviewNote"), improvements=[payload("Improve")], went_well=payload("WentWell")
        ),
    )
    result = speech.Analysis(
        duration_s=1.0,
        speaking_s=1.0,
        words=12,
        wpm=120.0,
        fillers={},
        fillers_per_min=0.0,
        long_pauses=[],
        i_count=0,
        we_count=0,
        numbers=[],
        transcript=payload("Transcript"),
        engine="test",
        model="test",
    )
    analysis_jobs.store_analysis(db, recording_id, result, elapsed_s=0.1)
    return [("recordings", payload("Take")), ("recordings", payload("Transcript")), ("mock_interview", payload("Take"))]


STORES = [store_time_note, store_job_search, store_story, store_case_and_reflection, store_recording]


def store_hostile_text(data_dir: Path, today: dt.date) -> dict[str, list[str]]:
    """Fill ``data_dir`` through lib; returns, per page url_path, the hostile texts it must show literally."""
    from lib.storage import migrations
    from lib.storage.db import open_db

    shown: dict[str, list[str]] = {}
    migrations.prepare(data_dir / "prep.db")
    with open_db(data_dir / "prep.db") as db:
        for store in STORES:
            for page, text in store(db, today):
                shown.setdefault(page, []).append(text)
    return shown
