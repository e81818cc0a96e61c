"""Shared pieces of the job search (dates, URL keys) and its demo data.

Companies, applications and networking each have their own module; this one
holds what they share and the sample pipeline that `python -m lib demo` writes.
"""

from __future__ import annotations

import datetime as dt
import operator
import random
import re
import unicodedata

import pandas as pd
import sqlite_utils

from lib.core.dates import parse_date
from lib.core.errors import InputError
from lib.storage.db import transaction

EARLIEST_DATE = dt.date(2000, 1, 1)
TABLE_ROWS = 100  # rows a page table shows at once; a search finds the rest


def now_iso() -> str:
    """The current local time, to the second, as stored in created_at columns."""
    return dt.datetime.now().isoformat(timespec="seconds")


def name_key(name: str) -> str:
    """A company name reduced to what makes two spellings the same company.

    Case and spacing do not tell companies apart ("Open AI" and "openai");
    accents and scripts do, so they are kept (after Unicode normalisation).
    """
    return "".join(unicodedata.normalize("NFC", str(name)).casefold().split())


_URL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*://)?([^/?#]*)([^?#]*)")


def url_key(url: str) -> str:
    """A URL reduced for de-duplication: lower-case host without 'www.', no scheme, query, fragment or trailing slash.

    LinkedIn and job boards add tracking parameters; the job is the host and path.
    """
    url = str(url or "").strip()
    if not url:
        return ""
    host, path = _URL.match(url).groups()
    return "https://" + host.lower().removeprefix("www.") + path.rstrip("/")


def valid_id(value: object, field: str) -> int:
    """A row id as SQLite can hold it; anything else (text, floats, lists, huge numbers) is refused."""
    try:
        number = operator.index(value)  # ints, including numpy's, and nothing that only looks like one
    except TypeError:
        number = None
    if isinstance(value, bool) or number is None or not 1 <= number < 2**63:
        raise InputError(f"{value!r} is not a valid choice", field=field)
    return number


def find_rows(table: pd.DataFrame, text: str, columns: list[str], limit: int = TABLE_ROWS) -> tuple[pd.DataFrame, int]:
    """The first ``limit`` rows whose ``columns`` contain ``text`` (any case), and how many rows match.

    Tables are ordered newest first, so without a search this is the latest
    activity. Sending thousands of rows to the browser on every rerun is what
    made the job-search pages slow down as the search went on.
    """
    needle = text.strip().casefold()
    if needle:
        haystack = table[columns].fillna("").astype(str).agg(" ".join, axis=1).str.casefold()
        table = table[haystack.str.contains(needle, regex=False)]
    return table.head(limit), len(table)


def clean_text(value: object, limit: int = 5000) -> str:
    """User text trimmed; refuses absurdly long values instead of storing them."""
    text = "" if value is None else str(value).strip()
    if len(text) > limit:
        raise InputError(f"longer than {limit} characters", field="text")
    return text


def parse_day(value: object, field: str, *, today: dt.date | None = None, allow_future: bool = False) -> dt.date:
    """A date from a date, datetime or ISO string, within a sensible range."""
    value = parse_date(value, field)
    today = today or dt.date.today()
    if value < EARLIEST_DATE:
        raise InputError(f"{value.isoformat()} is before {EARLIEST_DATE.year}", field=field)
    if not allow_future and value > today:
        raise InputError(f"{value.isoformat()} is in the future", field=field)
    if value > today + dt.timedelta(days=2 * 366):
        raise InputError(f"{value.isoformat()} is too far in the future", field=field)
    return value


# ---------------------------------------------------------------- demo

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
INTERVIEW_FOR_STAGE = {
    "recruiter_screen": "recruiter_screen",
    "hiring_manager": "hiring_manager",
    "onsite": "onsite_loop",
}


def _demo_companies(scale: int, now: str) -> list[tuple]:
    rows = []
    for k in range(scale):
        for name, category, website in DEMO_COMPANIES:
            shown = name if k == 0 else f"{name} · team {k + 1}"
            rows.append(
                (shown, name_key(shown), category, website, 1 + (len(rows) % 5), 1 + (len(rows) * 3 % 5), "", now)
            )
    return rows


def demo(db: sqlite_utils.Database, scale: int, rng: random.Random, today: dt.date) -> None:
    """28 companies, 34 applications with stage histories, their interviews, 18 contacts with events, per scale."""
    now = now_iso()
    with transaction(db):
        conn = db.conn
        first_id = (conn.execute("SELECT COALESCE(MAX(id), 0) FROM companies").fetchone()[0] or 0) + 1
        companies = _demo_companies(scale, now)
        conn.executemany(
            "INSERT INTO companies (name, name_key, category, website, priority, excitement, notes, created_at) VALUES (?,?,?,?,?,?,?,?)",
            companies,
        )
        company_ids = list(range(first_id, first_id + len(companies)))
        _demo_research(conn, company_ids[: 8 * scale], rng, now)
        _demo_applications(conn, company_ids, scale, rng, today, now)
        _demo_contacts(conn, company_ids, [c[0] for c in companies], scale, rng, today, now)


def _demo_research(conn, company_ids: list[int], rng: random.Random, now: str) -> None:
    samples = {
        "products": "Assistant for knowledge work; API for developers; an enterprise tier with admin controls.",
        "news": "New model release last month; expanded to two new regions; hiring for applied AI teams.",
        "culture": "Writing-first; research and product sit together; ships small, measured changes.",
        "why_company": "Their approach to evaluation matches how I built my portfolio project's quality checks.",
        "why_role": "The role owns the feedback loop from users to model quality, which is what I practised for 12 weeks.",
        "questions": "How do you decide a model is good enough to ship?\nWhat would success look like in 90 days?\nWhat is the hardest problem this role will own?",
    }
    rows = [(cid, section, text, now) for cid in company_ids for section, text in samples.items() if rng.random() < 0.8]
    conn.executemany("INSERT INTO company_research (company_id, section, text, at) VALUES (?,?,?,?)", rows)


def _pick_path(rng: random.Random) -> list[str]:
    r, acc = rng.random(), 0.0
    for path, p in DEMO_PATHS:
        acc += p
        if r < acc:
            return path
    return DEMO_PATHS[-1][0]


def _demo_applications(conn, company_ids: list[int], scale: int, rng: random.Random, today: dt.date, now: str) -> None:
    apps, events, interviews, interview_events, actions = [], [], [], [], []
    first_app = (conn.execute("SELECT COALESCE(MAX(id), 0) FROM applications").fetchone()[0] or 0) + 1
    first_interview = (conn.execute("SELECT COALESCE(MAX(id), 0) FROM interviews").fetchone()[0] or 0) + 1
    for n in range(34 * scale):
        app_id = first_app + n
        company_id = company_ids[n % len(company_ids)]
        url = f"https://jobs.example.com/{company_id}/{app_id}"
        apps.append(
            (
                company_id,
                rng.choice(DEMO_ROLES),
                url,
                url_key(url),
                rng.choice(DEMO_SOURCES),
                f"resume-v{rng.randint(1, 4)}",
                rng.choice(["", "$150k-$190k", "$170k-$220k", "€90k-€120k"]),
                "",
                now,
            )
        )
        # The first two always tell the story the charts are for: a hire, and a rejection after the onsite.
        path = DEMO_PATHS[-1][0] if n == 0 else DEMO_PATHS[9][0] if n == 1 else _pick_path(rng)
        day = today - dt.timedelta(days=rng.randint(len(path) * 6 + 3, 75))
        for i, stage in enumerate(path):
            if i:
                day = min(today, day + dt.timedelta(days=rng.randint(3, 12)))
            events.append((app_id, stage, day.isoformat(), "", now))
            # An interview belongs to every interviewing stage passed, and to most current ones.
            if stage in INTERVIEW_FOR_STAGE and (i < len(path) - 1 or rng.random() < 0.6):
                interview_id = first_interview + len(interviews)
                starts = dt.datetime.combine(day, dt.time(rng.choice([10, 13, 15]), 0))
                interviews.append(
                    (
                        app_id,
                        INTERVIEW_FOR_STAGE[stage],
                        starts.isoformat(timespec="minutes"),
                        45,
                        rng.choice(["", "Priya R.", "Jonas W., Aiko T."]),
                        "Review CIRCLES and two STAR stories.",
                        now,
                    )
                )
                if starts.date() < today - dt.timedelta(days=1) and rng.random() < 0.95:
                    interview_events.append(
                        (interview_id, "thank_you_sent", "", (starts + dt.timedelta(hours=20)).isoformat())
                    )
                    interview_events.append(
                        (
                            interview_id,
                            "feedback",
                            rng.choice(["Went well", "Needed more metrics", "Strong story"]),
                            now,
                        )
                    )
        if path[-1] in ("applied", "recruiter_screen", "hiring_manager") and rng.random() < 0.5:
            actions.append(
                (
                    app_id,
                    "Send a short note with the portfolio link",
                    (today + dt.timedelta(days=rng.randint(-2, 5))).isoformat(),
                    now,
                )
            )
    # One interview coming up and one just held without a thank-you, so the follow-ups show.
    if len(apps) > 3:
        tomorrow = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(11, 0))
        yesterday = dt.datetime.combine(today - dt.timedelta(days=1), dt.time(14, 0))
        interviews.append(
            (
                first_app + 2,
                "product_sense",
                tomorrow.isoformat(timespec="minutes"),
                45,
                "Hiring panel",
                "Design an AI feature question likely.",
                now,
            )
        )
        interviews.append((first_app + 3, "behavioural", yesterday.isoformat(timespec="minutes"), 30, "", "", now))
    conn.executemany(
        "INSERT INTO applications (company_id, role, job_url, url_key, source, resume_version, salary_range, notes, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
        apps,
    )
    conn.executemany(
        "INSERT INTO stage_events (application_id, stage, on_date, note, created_at) VALUES (?,?,?,?,?)", events
    )
    conn.executemany(
        "INSERT INTO interviews (application_id, round_type, starts_at, duration_min, interviewers, prep_notes, created_at) VALUES (?,?,?,?,?,?,?)",
        interviews,
    )
    conn.executemany("INSERT INTO interview_events (interview_id, kind, text, at) VALUES (?,?,?,?)", interview_events)
    conn.executemany("INSERT INTO application_actions (application_id, action, due_on, at) VALUES (?,?,?,?)", actions)


def _demo_contacts(
    conn, company_ids: list[int], company_names: list[str], scale: int, rng: random.Random, today: dt.date, now: str
) -> None:
    contacts, events = [], []
    first = (conn.execute("SELECT COALESCE(MAX(id), 0) FROM contacts").fetchone()[0] or 0) + 1
    journeys = [
        ["outreach"],
        ["outreach", "reply"],
        ["outreach", "reply", "chat_scheduled"],
        ["outreach", "reply", "chat_scheduled", "chat_held"],
        ["outreach", "reply", "chat_scheduled", "chat_held", "referral"],
        ["outreach", "follow_up"],
        [],
    ]
    for n in range(18 * scale):
        at_target = n % 6 != 5
        idx = (n * 7) % len(company_ids)
        name = DEMO_PEOPLE[n % len(DEMO_PEOPLE)] + ("" if n < len(DEMO_PEOPLE) else f" {n // len(DEMO_PEOPLE) + 1}")
        url = f"https://www.linkedin.com/in/demo-{first + n}"
        contacts.append(
            (
                name,
                company_ids[idx] if at_target else None,
                company_names[idx] if at_target else "Acme Consulting",
                DEMO_CONTACT_ROLES[n % len(DEMO_CONTACT_ROLES)],
                rng.choice(["AI PM community", "Former colleague", "LinkedIn", "Meetup"]),
                url,
                url_key(url),
                "",
                "warm" if n % 3 == 0 else "cold",
                (today - dt.timedelta(days=200 + n)).isoformat(),
                now,
            )
        )
        day = today - dt.timedelta(days=rng.randint(6, 30))
        for kind in journeys[n % len(journeys)]:
            events.append((first + n, kind, day.isoformat(), "", now))
            day = min(today, day + dt.timedelta(days=rng.randint(1, 5)))
    conn.executemany(
        "INSERT INTO contacts (name, company_id, company_name, role, how_met, profile_url, url_key, email, warmth, connected_on, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        contacts,
    )
    conn.executemany(
        "INSERT INTO contact_events (contact_id, kind, on_date, note, created_at) VALUES (?,?,?,?,?)", events
    )
