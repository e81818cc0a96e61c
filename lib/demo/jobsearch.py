"""Sample job search for `python -m lib demo`: companies, applications with stage histories, interviews, contacts.

Rows go in as bulk inserts rather than one library call each: at ``--scale 1000``
that is 28,000 companies and 34,000 applications, and a call per row (each its
own transaction and checks) would take minutes. The values are the ones those
calls would store: keys from ``name_key``/``url_key``, instants from the clock.
"""

from __future__ import annotations

import datetime as dt
import random

import sqlite_utils

from lib.core import clock
from lib.jobsearch.applications import NUDGE_DAYS
from lib.jobsearch.common import name_key, url_key
from lib.jobsearch.networking import FOLLOW_UP_DAYS
from lib.storage.db import transaction

DEMO_COMPANIES = [
    ("Anthropic", "ai-first", "https://www.anthropic.com"),
    ("OpenAI", "ai-first", "https://openai.com"),
    ("Mistral AI", "ai-first", "https://mistral.ai"),
    ("Cohere", "ai-first", "https://cohere.com"),
    ("Perplexity", "ai-first", "https://www.perplexity.ai"),
    ("Hugging Face", "ai-first", "https://huggingface.co"),
    ("ElevenLabs", "ai-first", "https://elevenlabs.io"),
    ("Sakana AI (サカナAI)", "ai-first", "https://sakana.ai"),
    ("智谱AI Zhipu", "ai-first", ""),
    ("Aleph Alpha", "ai-first", "https://aleph-alpha.com"),
    ("Google DeepMind", "faang-ai", "https://deepmind.google"),
    ("Meta AI", "faang-ai", "https://ai.meta.com"),
    ("Apple Machine Learning", "faang-ai", "https://machinelearning.apple.com"),
    ("Amazon AGI", "faang-ai", "https://www.amazon.science"),
    ("Microsoft AI", "faang-ai", "https://www.microsoft.com/ai"),
    ("Netflix Personalization", "faang-ai", "https://research.netflix.com"),
    ("Notion", "ai-products", "https://www.notion.so"),
    ("Figma", "ai-products", "https://www.figma.com"),
    ("Spotify", "ai-products", "https://www.spotify.com"),
    ("Duolingo", "ai-products", "https://www.duolingo.com"),
    ("Runway", "ai-products", "https://runwayml.com"),
    ("Glean", "ai-products", "https://www.glean.com"),
    ("Harvey", "ai-products", "https://www.harvey.ai"),
    ("Lumière Santé", "ai-products", ""),
    ("Café Ñandú Analytics", "ai-products", ""),
    ("Яндекс", "ai-products", "https://yandex.ru"),
    ("네이버 NAVER", "ai-products", "https://www.navercorp.com"),
    ("Zürich Insight AG", "ai-products", ""),
]
DEMO_ROLES = [
    "AI Product Manager",
    "Product Manager, Applied AI",
    "Senior PM, LLM Platform",
    "Product Manager, Search AI",
    "Product Manager, Personalization",
    "Technical PM, ML Infrastructure",
    "Product Lead, AI Assistant",
]
DEMO_SOURCES = ["LinkedIn", "Company site", "Referral", "Recruiter outreach", "Job board"]
DEMO_PEOPLE = [
    "Priya Raman",
    "Jonas Weber",
    "Aiko Tanaka",
    "Chloé Martin",
    "Mateo García",
    "Olusegun Adebayo",
    "Sara Lindqvist",
    "Wei Zhang (张伟)",
    "Fatima Al-Sayed",
    "Liam O'Connor",
    "Ana Sofía Ruiz",
    "Dmitri Volkov",
    "Grace Kim",
    "Noah Cohen",
    "Ingrid Sørensen",
    "Ravi Patel",
    "Emma Dubois",
    "Kenji Sato",
]
DEMO_CONTACT_ROLES = [
    "Product Manager",
    "Senior Product Manager",
    "Group PM",
    "ML Engineer",
    "Recruiter",
    "Head of Product",
    "Design Lead",
]
# (path of stages, probability): realistic shapes, including exits after the onsite.
DEMO_PATHS = [
    (["wishlist"], 0.10),
    (["applied"], 0.12),
    (["applied", "no_response"], 0.15),
    (["applied", "rejected"], 0.15),
    (["applied", "recruiter_screen"], 0.08),
    (["applied", "recruiter_screen", "rejected"], 0.08),
    (["wishlist", "applied", "recruiter_screen", "hiring_manager"], 0.07),
    (["applied", "recruiter_screen", "hiring_manager", "withdrawn"], 0.04),
    (["applied", "recruiter_screen", "hiring_manager", "onsite"], 0.05),
    (["applied", "recruiter_screen", "hiring_manager", "onsite", "rejected"], 0.08),
    (["applied", "recruiter_screen", "hiring_manager", "onsite", "offer"], 0.04),
    (["wishlist", "applied", "recruiter_screen", "hiring_manager", "onsite", "offer", "accepted"], 0.04),
]
# The sample's one hire, and the stories the first applications always tell (see ``_applications``).
ACCEPTED_PATH = DEMO_PATHS[-1][0]
STORY_PATHS = [ACCEPTED_PATH, DEMO_PATHS[9][0], DEMO_PATHS[8][0], DEMO_PATHS[6][0]]
INTERVIEW_FOR_STAGE = {
    "recruiter_screen": "recruiter_screen",
    "hiring_manager": "hiring_manager",
    "onsite": "onsite_loop",
}
RESEARCH_SAMPLES = {
    "products": "Assistant for knowledge work; API for developers; an enterprise tier with admin controls.",
    "news": "New model release last month; expanded to two new regions; hiring for applied AI teams.",
    "culture": "Writing-first; research and product sit together; ships small, measured changes.",
    "why_company": "Their approach to evaluation matches how I built my portfolio project's quality checks.",
    "why_role": "The role owns the feedback loop from users to model quality, which is what I practised for 12 weeks.",
    "questions": "How do you decide a model is good enough to ship?\nWhat would success look like in 90 days?\n"
    "What is the hardest problem this role will own?",
}
CONTACT_JOURNEYS = [
    ["outreach"],
    ["outreach", "reply"],
    ["outreach", "reply", "chat_scheduled"],
    ["outreach", "reply", "chat_scheduled", "chat_held"],
    ["outreach", "reply", "chat_scheduled", "chat_held", "referral"],
    ["outreach", "follow_up"],
    [],
]


def demo(db: sqlite_utils.Database, scale: int, rng: random.Random, today: dt.date) -> None:
    """28 companies, 34 applications with stage histories, their interviews, 18 contacts with events, per scale."""
    now = clock.now_iso()
    with transaction(db):
        first_id = _next_id(db, "companies")
        companies = _companies(scale, now)
        db["companies"].insert_all(companies)
        company_ids = list(range(first_id, first_id + len(companies)))
        _research(db, company_ids[: 8 * scale], rng, now)
        _applications(db, company_ids, scale, rng, today, now)
        _contacts(db, company_ids, [c["name"] for c in companies], scale, rng, today, now)


def _next_id(db: sqlite_utils.Database, table: str) -> int:
    """The id the next row of ``table`` gets: rows below are written with known ids to link them in bulk."""
    return (db.conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0] or 0) + 1


def _companies(scale: int, now: str) -> list[dict]:
    rows: list[dict] = []
    for k in range(scale):
        for name, category, website in DEMO_COMPANIES:
            shown = name if k == 0 else f"{name} · team {k + 1}"
            rows.append(
                {
                    "name": shown,
                    "name_key": name_key(shown),
                    "category": category,
                    "website": website,
                    "priority": 1 + (len(rows) % 5),
                    "excitement": 1 + (len(rows) * 3 % 5),
                    "notes": "",
                    "created_at": now,
                }
            )
    return rows


def _research(db: sqlite_utils.Database, company_ids: list[int], rng: random.Random, now: str) -> None:
    db["company_research"].insert_all(
        {"company_id": cid, "section": section, "text": text, "at": now}
        for cid in company_ids
        for section, text in RESEARCH_SAMPLES.items()
        if rng.random() < 0.8
    )


def _pick_path(rng: random.Random) -> list[str]:
    """A random path, never the hire: one accepted offer per job search, however large the sample."""
    shapes = [(path, p) for path, p in DEMO_PATHS if path[-1] != "accepted"]
    r, acc = rng.random() * sum(p for _, p in shapes), 0.0
    for path, p in shapes:
        acc += p
        if r < acc:
            return path
    return shapes[-1][0]


def _first_day(path: list[str], rng: random.Random, today: dt.date) -> dt.date:
    """When an application entered its first stage: one only just sent is days old, so its nudge is rarely late."""
    if path[-1] == "applied":
        return today - dt.timedelta(days=rng.randint(1, NUDGE_DAYS + 1))
    return today - dt.timedelta(days=rng.randint(len(path) * 6 + 3, 75))


def _interview(app_id: int, round_type: str, starts: dt.datetime, minutes: int, who: str, prep: str, now: str) -> dict:
    """An interviews row; ``starts`` is local wall-clock time, stored as an instant."""
    return {
        "application_id": app_id,
        "round_type": round_type,
        "starts_at": clock.stamp(starts),
        "duration_min": minutes,
        "interviewers": who,
        "prep_notes": prep,
        "created_at": now,
    }


def _applications(
    db: sqlite_utils.Database, company_ids: list[int], scale: int, rng: random.Random, today: dt.date, now: str
) -> None:
    apps, events, interviews, interview_events, actions = [], [], [], [], []
    first_app = _next_id(db, "applications")
    first_interview = _next_id(db, "interviews")
    for n in range(34 * scale):
        app_id = first_app + n
        company_id = company_ids[n % len(company_ids)]
        url = f"https://jobs.example.com/{company_id}/{app_id}"
        apps.append(
            {
                "company_id": company_id,
                "role": rng.choice(DEMO_ROLES),
                "job_url": url,
                "url_key": url_key(url),
                "source": rng.choice(DEMO_SOURCES),
                "resume_version": f"resume-v{rng.randint(1, 4)}",
                "salary_range": rng.choice(["", "$150k-$190k", "$170k-$220k", "€90k-€120k"]),
                "notes": "",
                "created_at": now,
            }
        )
        # The first four tell the story the charts and follow-ups are for: a hire, a rejection after the
        # onsite, and two still in play (one interviews tomorrow, one was interviewed yesterday).
        path = STORY_PATHS[n] if n < len(STORY_PATHS) else _pick_path(rng)
        day = _first_day(path, rng, today)
        for i, stage in enumerate(path):
            if i:
                day = min(today, day + dt.timedelta(days=rng.randint(3, 12)))
            events.append(
                {"application_id": app_id, "stage": stage, "on_date": day.isoformat(), "note": "", "created_at": now}
            )
            # An interview belongs to every interviewing stage passed, and to most current ones.
            if stage in INTERVIEW_FOR_STAGE and (i < len(path) - 1 or rng.random() < 0.6):
                interview_id = first_interview + len(interviews)
                starts = dt.datetime.combine(day, dt.time(rng.choice([10, 13, 15]), 0))
                interviewers = rng.choice(["", "Priya R.", "Jonas W., Aiko T."])
                interviews.append(
                    _interview(
                        app_id,
                        INTERVIEW_FOR_STAGE[stage],
                        starts,
                        45,
                        interviewers,
                        "Review CIRCLES and two STAR stories.",
                        now,
                    )
                )
                # Every note for an interview held before yesterday was sent: a closed application owes nothing.
                if starts.date() < today - dt.timedelta(days=1):
                    thanked_at = clock.stamp(starts + dt.timedelta(hours=20))
                    feedback = rng.choice(["Went well", "Needed more metrics", "Strong story"])
                    interview_events.append(
                        {"interview_id": interview_id, "kind": "thank_you_sent", "text": "", "at": thanked_at}
                    )
                    interview_events.append(
                        {"interview_id": interview_id, "kind": "feedback", "text": feedback, "at": now}
                    )
        if path[-1] in ("applied", "recruiter_screen", "hiring_manager") and rng.random() < 0.5:
            due = today + dt.timedelta(days=rng.randint(-1, 6))  # mostly ahead: a few late, not most
            actions.append(
                {
                    "application_id": app_id,
                    "action": "Send a short note with the portfolio link",
                    "due_on": due.isoformat(),
                    "at": now,
                }
            )
    # One interview coming up and one just held without a thank-you, so the follow-ups show.
    if len(apps) > 3:
        tomorrow = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(11, 0))
        yesterday = dt.datetime.combine(today - dt.timedelta(days=1), dt.time(14, 0))
        interviews.append(
            _interview(
                first_app + 2,
                "product_sense",
                tomorrow,
                45,
                "Hiring panel",
                "Design an AI feature question likely.",
                now,
            )
        )
        interviews.append(_interview(first_app + 3, "behavioural", yesterday, 30, "", "", now))
    db["applications"].insert_all(apps)
    db["stage_events"].insert_all(events)
    db["interviews"].insert_all(interviews)
    db["interview_events"].insert_all(interview_events)
    db["application_actions"].insert_all(actions)


def _contacts(
    db: sqlite_utils.Database,
    company_ids: list[int],
    company_names: list[str],
    scale: int,
    rng: random.Random,
    today: dt.date,
    now: str,
) -> None:
    contacts, events = [], []
    first = _next_id(db, "contacts")
    for n in range(18 * scale):
        at_target = n % 6 != 5
        idx = (n * 7) % len(company_ids)
        name = DEMO_PEOPLE[n % len(DEMO_PEOPLE)] + ("" if n < len(DEMO_PEOPLE) else f" {n // len(DEMO_PEOPLE) + 1}")
        url = f"https://www.linkedin.com/in/demo-{first + n}"
        contacts.append(
            {
                "name": name,
                "company_id": company_ids[idx] if at_target else None,
                "company_name": company_names[idx] if at_target else "Acme Consulting",
                "role": DEMO_CONTACT_ROLES[n % len(DEMO_CONTACT_ROLES)],
                "how_met": rng.choice(["AI PM community", "Former colleague", "LinkedIn", "Meetup"]),
                "profile_url": url,
                "url_key": url_key(url),
                "email": "",
                "warmth": "warm" if n % 3 == 0 else "cold",
                "connected_on": (today - dt.timedelta(days=rng.randint(35, 110))).isoformat(),
                "created_at": now,
            }
        )
        journey = CONTACT_JOURNEYS[n % len(CONTACT_JOURNEYS)]
        # Dated back from the latest event, which is recent enough that its follow-up is not late yet.
        day = today - dt.timedelta(days=rng.randint(0, FOLLOW_UP_DAYS.get(journey[-1], 7) if journey else 0))
        days = []
        for _ in journey:
            days.append(day)
            day -= dt.timedelta(days=rng.randint(1, 5))
        for kind, on in zip(journey, reversed(days), strict=True):
            events.append(
                {"contact_id": first + n, "kind": kind, "on_date": on.isoformat(), "note": "", "created_at": now}
            )
    db["contacts"].insert_all(contacts)
    db["contact_events"].insert_all(events)
