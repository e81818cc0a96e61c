"""Networking: contact history, the outreach funnel, PMs reached, warm introductions, follow-up rules."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.core.dates import date_text
from lib.core.errors import InputError
from lib.jobsearch import companies, networking

TODAY = dt.date(2026, 3, 31)


def d(day: int) -> dt.date:
    return dt.date(2026, 3, day)


def _log(db, contact_id: int, *events: tuple[str, dt.date]) -> None:
    for kind, day in events:
        networking.log_event(db, contact_id, kind, day, today=TODAY)


def test_funnel_counts_every_step_a_contact_passed(db) -> None:
    a = networking.add_contact(db, "A")
    b = networking.add_contact(db, "B")
    c = networking.add_contact(db, "C")
    networking.add_contact(db, "D (never contacted)")
    _log(db, a, ("outreach", d(1)), ("reply", d(2)), ("chat_scheduled", d(3)), ("chat_held", d(5)), ("referral", d(8)))
    _log(db, b, ("outreach", d(1)), ("reply", d(4)))
    _log(db, c, ("outreach", d(1)), ("follow_up", d(9)))
    assert networking.contact_funnel(db)["contacts"].tolist() == [3, 2, 1, 1]


def test_follow_up_rules_follow_the_latest_event(db) -> None:
    quiet = networking.add_contact(db, "Quiet")
    replied = networking.add_contact(db, "Replied")
    chatted = networking.add_contact(db, "Chatted")
    scheduled = networking.add_contact(db, "Scheduled")
    _log(db, quiet, ("outreach", d(10)))
    _log(db, replied, ("outreach", d(10)), ("reply", d(12)))
    _log(db, chatted, ("outreach", d(1)), ("reply", d(2)), ("chat_held", d(20)))
    _log(db, scheduled, ("outreach", d(1)), ("chat_scheduled", d(30)))
    due = {i.title.split(":")[0]: i.due for i in networking.follow_ups(db, TODAY)}
    assert due == {"Quiet": d(17), "Replied": d(14), "Chatted": d(21)}
    _log(db, quiet, ("reply", d(18)))
    assert {i.title.split(":")[0]: i.due for i in networking.follow_ups(db, TODAY)}["Quiet"] == d(20)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(sorted(networking.FOLLOW_UP_TEXT)), back=st.integers(min_value=0, max_value=800))
def test_follow_up_titles_read_dates_as_a_person_does(db, kind, back) -> None:
    """Any follow-up, any day: the title names it as "29 Nov" (the year only when it is not this one), never ISO."""
    day = TODAY - dt.timedelta(days=back)
    person = networking.add_contact(db, f"Ana {kind} {back}", "Acme")
    events = [("outreach", day)] if kind == "outreach" else [("outreach", day), (kind, day)]
    _log(db, person, *events)
    (item,) = [i for i in networking.follow_ups(db, TODAY) if i.title.startswith(f"Ana {kind} {back} (Acme): ")]
    assert item.title.endswith(networking.FOLLOW_UP_TEXT[kind].format(d=date_text(day, TODAY))), item.title
    assert not re.search(r"\d{4}-\d{2}-\d{2}", item.title)
    assert (str(day.year) in item.title) == (day.year != TODAY.year)


def test_pms_reached_counts_product_people_at_target_companies_with_outreach(db) -> None:
    companies.add_company(db, "Anthropic")
    pm = networking.add_contact(db, "Priya", "anthropic", "Senior Product Manager")
    eng = networking.add_contact(db, "Jonas", "Anthropic", "ML Engineer")
    elsewhere = networking.add_contact(db, "Aiko", "Acme", "Group PM")
    networking.add_contact(db, "Chloé", "Anthropic", "Head of Product")  # not contacted yet
    for cid in (pm, eng, elsewhere):
        _log(db, cid, ("outreach", d(3)))
    assert networking.pms_reached(db) == 1


def test_warm_introductions_are_contacts_at_target_companies_even_if_added_before_the_company(db) -> None:
    early = networking.add_contact(db, "Wei Zhang (张伟)", "智谱AI Zhipu", "Product Manager", warmth="warm")
    networking.add_contact(db, "Other", "Acme", "PM")
    assert networking.warm_introductions(db).empty
    companies.add_company(db, "智谱AI  zhipu")
    intros = networking.warm_introductions(db)
    assert (
        intros["id"].tolist() == [early] and intros.iloc[0]["company"] == "智谱AI zhipu"
    )  # runs of spaces collapse; letters stay


def test_bad_contact_input(db) -> None:
    with pytest.raises(InputError) as err:
        networking.add_contact(db, " ")
    assert err.value.field == "Name"
    with pytest.raises(InputError, match="email"):
        networking.add_contact(db, "X", email="not-an-email")
    networking.add_contact(db, "X", profile_url="https://www.linkedin.com/in/x/")
    with pytest.raises(InputError, match="already saved"):
        networking.add_contact(db, "X again", profile_url="linkedin.com/in/x")
    with pytest.raises(InputError, match="unknown event"):
        networking.log_event(db, 1, "lunch", d(2), today=TODAY)
    with pytest.raises(InputError, match="future"):
        networking.log_event(db, 1, "outreach", dt.date(2026, 4, 5), today=TODAY)
    networking.log_event(db, 1, "chat_scheduled", dt.date(2026, 4, 5), today=TODAY)
    with pytest.raises(InputError, match="does not exist"):
        networking.log_event(db, 99, "outreach", d(2), today=TODAY)


def test_scheduled_chats_until_held(db) -> None:
    a = networking.add_contact(db, "Aiko", "Sakana AI (サカナAI)", "PM")
    b = networking.add_contact(db, "Ben")
    _log(db, a, ("outreach", d(1)), ("reply", d(2)), ("chat_scheduled", dt.date(2026, 4, 3)))
    _log(db, b, ("outreach", d(1)), ("chat_scheduled", d(10)))  # in the past and never marked held: not upcoming
    chats = networking.scheduled_chats(db, TODAY)
    assert chats[["name", "company", "on_date"]].values.tolist() == [["Aiko", "Sakana AI (サカナAI)", "2026-04-03"]]
    networking.log_event(db, a, "chat_held", dt.date(2026, 4, 3), today=dt.date(2026, 4, 3))
    assert networking.scheduled_chats(db, TODAY).empty


def test_a_profile_saved_twice_is_named_by_the_person_not_a_number(db) -> None:
    networking.add_contact(db, "Ana Souza", profile_url="https://www.linkedin.com/in/ana-souza")
    with pytest.raises(InputError) as err:
        networking.add_contact(db, "Ana S", profile_url="linkedin.com/in/ana-souza/?trk=people")
    assert err.value.message == "this profile is already saved as Ana Souza" and err.value.field == "Profile URL"
