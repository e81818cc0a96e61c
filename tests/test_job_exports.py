"""Job search exports (CSV, markdown, iCalendar) and demo data, through the registered extension points."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random

from icalendar import Calendar

from lib.demo import jobsearch as jobsearch_demo
from lib.demo.run import run_demo
from lib.jobsearch import applications as apps
from lib.jobsearch import calendar as calendar_export
from lib.jobsearch import companies, funnel, interviews, networking
from lib.materials.export import export_all
from lib.storage.db import open_db


def test_calendar_has_each_interview_and_each_follow_up() -> None:
    today = dt.date.today()
    with open_db() as db:
        cid = companies.add_company(db, "Café Ñandú Analytics")
        app_id = apps.add_application(db, cid, 'PM, "Insights"', on_date=today - dt.timedelta(days=3))
        interviews.add_interview(
            db,
            app_id,
            "execution",
            dt.datetime.combine(today + dt.timedelta(days=2), dt.time(15, 30)),
            duration_min=60,
            interviewers="Grace Kim",
        )
        person = networking.add_contact(db, "Ingrid Sørensen", "Café Ñandú Analytics", "Product Manager")
        networking.log_event(db, person, "outreach", today - dt.timedelta(days=1))
        other = networking.add_contact(db, "Kenji Sato", "", "Group PM")
        networking.log_event(db, other, "chat_scheduled", today + dt.timedelta(days=4))
        cal = Calendar.from_ical(calendar_export.build_calendar(db, today).to_ical())
    events = cal.walk("VEVENT")
    summaries = sorted(str(e["SUMMARY"]) for e in events)
    assert summaries[0].startswith("Contact follow-up: Ingrid Sørensen (Café Ñandú Analytics)")
    assert 'Execution interview — Café Ñandú Analytics (PM, "Insights")' in summaries
    assert any(s.startswith("Nudge: Café Ñandú Analytics") for s in summaries)
    assert any(s.startswith("Thank-you note: Café Ñandú Analytics") for s in summaries)
    chat = next(e for e in events if str(e["SUMMARY"]) == "Informational chat — Kenji Sato")
    assert chat.decoded("DTSTART") == today + dt.timedelta(days=4)
    interview = next(e for e in events if str(e["SUMMARY"]).startswith("Execution"))
    assert interview.decoded("DTSTART") == dt.datetime.combine(today + dt.timedelta(days=2), dt.time(15, 30))
    assert interview.decoded("DTEND") - interview.decoded("DTSTART") == dt.timedelta(minutes=60)
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_export_writes_every_job_search_file(tmp_path) -> None:
    run_demo(1)
    files = {p.name for p in export_all(tmp_path)}
    assert {
        "applications.csv",
        "application_events.csv",
        "interviews.csv",
        "networking.csv",
        "company-research.md",
        "interviews-and-follow-ups.ics",
    } <= files
    interviews = list(csv.DictReader(io.StringIO((tmp_path / "interviews.csv").read_text(encoding="utf-8"))))
    assert interviews and {r["thank_you_sent"] for r in interviews} == {"yes", "no"}
    assert any(r["feedback"] for r in interviews)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "applications.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 34 and all(r["stage_history"] for r in rows)
    assert any(r["company"] == "智谱AI Zhipu" for r in rows) or any(r["company"] == "Яндекс" for r in rows)
    text = (tmp_path / "company-research.md").read_text(encoding="utf-8")
    assert "### 네이버 NAVER" in text


def test_demo_has_the_promised_shape_and_scale_multiplies_it(tmp_path) -> None:
    today = dt.date.today()
    with open_db() as db:
        jobsearch_demo.demo(db, 1, random.Random(12), today)
        one = {
            t: db.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("companies", "applications", "contacts", "interviews")
        }
        assert one["companies"] >= 25 and one["applications"] >= 30 and one["contacts"] >= 15 and one["interviews"] > 0
        names = set(companies.companies_table(db)["name"])
        assert {"Lumière Santé", "Яндекс", "智谱AI Zhipu", "네이버 NAVER"} <= names
        reached = funnel.funnel_counts(db).set_index("stage")["reached"]
        flows = funnel.sankey_flows(db)
        assert reached["onsite"] > reached["offer"] > 0
        assert ((flows["source"] == "onsite") & (flows["target"] == "rejected")).any()
        assert set(flows["target"]) >= {"rejected", "no_response"}
        assert networking.contact_funnel(db)["contacts"].iloc[-1] > 0
    from lib.storage import migrations

    migrations.prepare(tmp_path / "scaled.db")
    with open_db(tmp_path / "scaled.db") as db:
        jobsearch_demo.demo(db, 3, random.Random(1), today)
        counts = {
            t: db.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("companies", "applications", "contacts")
        }
        assert db.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert counts == {t: one[t] * 3 for t in ("companies", "applications", "contacts")}
