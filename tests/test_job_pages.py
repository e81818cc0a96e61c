"""The Applications, Companies and Networking pages under AppTest: forms write, bad input shows next to the form."""

from __future__ import annotations

import datetime as dt
import re

from lib.jobsearch import applications as apps
from lib.jobsearch import companies, interviews, networking, stages
from lib.storage.db import open_db
from tests.conftest import open_tab, run_page


def _click(at, label: str):
    next(b for b in at.button if b.label == label).click()
    return at.run()


def _texts(at) -> str:
    """Everything shown as text, with markdown escapes removed."""
    shown = "\n".join([e.value for e in at.markdown] + [e.value for e in at.text] + [str(e.value) for e in at.caption])
    return shown.replace("\\", "")


def test_companies_page_adds_a_company_and_offers_to_merge_a_duplicate() -> None:
    at = run_page("pages/companies.py")
    at.text_input(key="companies_add_name").input("Sakana AI (サカナAI)")
    _click(at, "Add company")
    assert not at.exception and not at.error
    with open_db() as db:
        assert companies.companies_table(db)["name"].tolist() == ["Sakana AI (サカナAI)"]
    at.text_input(key="companies_add_name").input("sakana ai (サカナai)")
    at.text_area(key="companies_add_notes").input("Tokyo team, nature-inspired models")
    _click(at, "Add company")
    assert any("differ only in case or spacing" in w.value for w in at.warning)
    assert any("Sakana AI (サカナAI)" in w.value.replace("\\", "") for w in at.warning)
    _click(at, "Merge into the existing company")
    with open_db() as db:
        table = companies.companies_table(db)
        assert len(table) == 1
        assert companies.current_research(db, int(table.iloc[0]["id"]))["notes"] == "Tokyo team, nature-inspired models"


def test_applications_page_adds_moves_and_refuses_a_date_before_the_application() -> None:
    with open_db() as db:
        cid = companies.add_company(db, "Lumière Santé")
    at = open_tab(run_page("pages/applications.py"), "applications_tab", "Add & move")
    at.text_input(key="applications_add_role").input("AI Product Manager")
    at.date_input(key="applications_add_date").set_value(dt.date.today() - dt.timedelta(days=10))
    _click(at, "Add application")
    assert not at.exception and not at.error
    at.selectbox(key="applications_move_stage").set_value("recruiter_screen")
    at.date_input(key="applications_move_date").set_value(dt.date.today() - dt.timedelta(days=20))
    _click(at, "Move")
    assert any("before the application date" in e.value for e in at.error)
    at.date_input(key="applications_move_date").set_value(dt.date.today() - dt.timedelta(days=3))
    _click(at, "Move")
    assert not at.error
    with open_db() as db:
        row = apps.pipeline(db).iloc[0]
        assert (row["company_id"], row["stage"]) == (cid, "recruiter_screen")
        assert len(stages.stage_history(db, int(row["id"]))) == 2


def test_applications_page_logs_an_interview_and_shows_the_thank_you() -> None:
    with open_db() as db:
        cid = companies.add_company(db, "Яндекс")
        apps.add_application(db, cid, "PM, Search AI", on_date=dt.date.today() - dt.timedelta(days=5))
    at = open_tab(run_page("pages/applications.py"), "applications_tab", "Interviews")
    at.date_input(key="applications_iv_date").set_value(dt.date.today() - dt.timedelta(days=1))
    at.selectbox(key="applications_iv_round").set_value("product_sense")
    _click(at, "Log interview")
    assert not at.exception and not at.error
    assert "Thank-you note" in _texts(at)
    assert "Яндекс — Product sense interview for PM, Search AI" in _texts(at)


def test_networking_page_shows_bad_email_and_adds_a_contact() -> None:
    at = open_tab(run_page("pages/networking.py"), "networking_tab", "Add & log")
    at.text_input(key="networking_add_name").input("Chloé Martin")
    at.text_input(key="networking_add_email").input("chloe-at-example")
    _click(at, "Add contact")
    assert any("email" in e.value for e in at.error)
    at.text_input(key="networking_add_name").input("Chloé Martin")
    at.text_input(key="networking_add_email").input("chloe@example.com")
    _click(at, "Add contact")
    assert not at.error
    _click(at, "Log")
    with open_db() as db:
        assert networking.contacts_table(db)["last_event"].tolist() == ["outreach"]


def test_pages_on_demo_data_show_targets_follow_ups_and_charts(demo_dir) -> None:
    at = run_page("pages/applications.py")
    assert not at.exception
    assert len(at.get("plotly_chart")) == 0  # charts are drawn when their tab is opened
    at = open_tab(at, "applications_tab", "Charts")
    assert len(at.get("plotly_chart")) == 5
    assert "Nudge" in _texts(at) or "Thank-you note" in _texts(at)
    at = run_page("pages/networking.py")
    assert not at.exception
    assert any(m.label == "Reach out to 5 PMs at target companies" for m in at.metric)
    at = run_page("pages/companies.py")
    assert not at.exception
    assert any(m.label == "Identify 20+ target companies" and m.value.startswith("28") for m in at.metric)


def test_user_text_is_never_markup_on_the_job_pages() -> None:
    hostile = "<script>alert(1)</script> **Bold** [x](http://evil.example)"
    with open_db() as db:
        cid = companies.add_company(db, hostile)
        apps.add_application(db, cid, "<img src=x onerror=alert(1)>", on_date=dt.date.today() - dt.timedelta(days=9))
        person = networking.add_contact(db, "*Name*", hostile, "PM")
        networking.log_event(db, person, "outreach", dt.date.today() - dt.timedelta(days=8))
    for page in ("pages/applications.py", "pages/networking.py", "pages/companies.py", "pages/overview.py"):
        at = run_page(page)
        assert not at.exception
        for md in at.markdown:
            assert not re.search(r"(?<!\\)<", md.value) and "**Bold**" not in md.value
            assert "](http" not in md.value


def test_a_follow_up_overdue_since_last_year_shows_its_year() -> None:
    today = dt.date.today()
    with open_db() as db:
        person = networking.add_contact(db, "Ana Souza", "Acme", "PM")
        networking.log_event(db, person, "outreach", today - dt.timedelta(days=400))
        (item,) = networking.follow_ups(db, today)
    assert item.due.year < today.year
    at = run_page("pages/networking.py")
    assert f"overdue since {item.due.day} {item.due:%b} {item.due.year})" in _texts(at)


def test_an_interview_coming_up_next_year_reads_as_a_date_with_its_year() -> None:
    today = dt.date.today()
    when = dt.datetime.combine(today + dt.timedelta(days=366), dt.time(10, 0))
    with open_db() as db:
        cid = companies.add_company(db, "Aleph Alpha")
        app_id = apps.add_application(db, cid, "Product lead", on_date=today - dt.timedelta(days=3))
        interviews.add_interview(db, app_id, "product_sense", when)
    at = open_tab(run_page("pages/applications.py"), "applications_tab", "Interviews")
    coming = next(m.value for m in at.markdown if m.value.startswith("**Coming up**"))
    assert f"{when:%a} {when.day} {when:%b} {when.year} 10:00 — Aleph Alpha" in coming
    assert not re.search(r"\d{4}-\d{2}-\d{2}", coming)


def test_the_after_interview_picker_names_company_round_and_day_without_ids() -> None:
    today = dt.date.today()
    with open_db() as db:
        cid = companies.add_company(db, "Mistral")
        app_id = apps.add_application(db, cid, "PM, Le Chat", on_date=today - dt.timedelta(days=800))
        when = dt.datetime(today.year - 1, 3, 10, 10, 0)
        interviews.add_interview(db, app_id, "product_sense", when)
    at = open_tab(run_page("pages/applications.py"), "applications_tab", "Interviews")
    (label,) = at.selectbox(key="applications_after_iv").options
    assert label == f"Mistral — {interviews.ROUND_TYPES['product_sense']}, {when:%a} 10 Mar {when.year} 10:00"
    assert "#" not in label and not re.search(r"\d{4}-\d{2}-\d{2}", label)


def test_a_board_move_names_the_application_and_the_stage_it_went_to() -> None:
    """The toast reads 'company — role to stage': the label's bracketed current stage would contradict it."""
    with open_db() as db:
        app_id = apps.add_application(db, companies.add_company(db, "Mistral"), "PM")
    at = run_page("pages/applications.py")
    at.button(key=f"applications_card_next_{app_id}").click().run()
    assert not at.exception and not at.error
    assert [t.value for t in at.toast] == ["Moved Mistral — PM to Recruiter screen"]
    at.selectbox(key=f"applications_card_menu_{app_id}").set_value("onsite").run()
    assert [t.value for t in at.toast] == ["Moved Mistral — PM to Onsite / loop"]
