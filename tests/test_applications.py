"""Applications: derived stages, funnel and flow counts from hand-built histories, follow-up rules, bad input."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.core.dates import date_text
from lib.core.errors import InputError
from lib.jobsearch import applications as apps
from lib.jobsearch import companies, funnel, interviews, stages
from lib.jobsearch.common import url_key
from lib.storage.db import open_db

TODAY = dt.date(2026, 3, 31)


def d(day: int, month: int = 3) -> dt.date:
    return dt.date(2026, month, day)


def _app(db, path: list[tuple[str, dt.date]], company: str = "Anthropic", role: str = "AI PM") -> int:
    """An application that went through ``path`` (stage, date) in order."""
    found = companies.find_company(db, company)
    company_id = found[0] if found else companies.add_company(db, company)
    first_stage, first_day = path[0]
    app_id = apps.add_application(db, company_id, role, stage=first_stage, on_date=first_day, today=TODAY)
    for stage, day in path[1:]:
        apps.change_stage(db, app_id, stage, day, today=TODAY)
    return app_id


def test_rejection_after_onsite_still_counts_at_onsite_and_every_stage_before(db) -> None:
    _app(
        db,
        [
            ("applied", d(1)),
            ("recruiter_screen", d(5)),
            ("hiring_manager", d(10)),
            ("onsite", d(15)),
            ("rejected", d(20)),
        ],
    )
    reached = funnel.funnel_counts(db).set_index("stage")["reached"].to_dict()
    assert reached == {
        "wishlist": 1,
        "applied": 1,
        "recruiter_screen": 1,
        "hiring_manager": 1,
        "onsite": 1,
        "offer": 0,
        "accepted": 0,
    }
    assert apps.pipeline(db, TODAY).iloc[0]["stage"] == "rejected"


def test_funnel_and_conversion_from_mixed_histories(db) -> None:
    _app(
        db,
        [
            ("wishlist", d(1)),
            ("applied", d(2)),
            ("recruiter_screen", d(6)),
            ("hiring_manager", d(9)),
            ("onsite", d(12)),
            ("offer", d(20)),
            ("accepted", d(22)),
        ],
        role="A",
    )
    _app(
        db,
        [
            ("applied", d(3)),
            ("recruiter_screen", d(8)),
            ("hiring_manager", d(10)),
            ("onsite", d(14)),
            ("rejected", d(18)),
        ],
        role="B",
    )
    _app(db, [("applied", d(3)), ("recruiter_screen", d(9)), ("withdrawn", d(11))], role="C")
    _app(db, [("applied", d(4)), ("no_response", d(30))], role="D")
    _app(db, [("wishlist", d(5))], role="E")
    counts = funnel.funnel_counts(db)
    assert counts["reached"].tolist() == [5, 4, 3, 2, 2, 1, 1]
    conversion = counts["conversion"].tolist()
    assert conversion[0] is None or conversion[0] != conversion[0]  # no step before the wishlist
    assert conversion[1:] == pytest.approx([4 / 5, 3 / 4, 2 / 3, 1.0, 1 / 2, 1.0])


def test_sankey_counts_each_stage_to_stage_move_including_exits(db) -> None:
    _app(
        db,
        [
            ("applied", d(1)),
            ("recruiter_screen", d(5)),
            ("hiring_manager", d(10)),
            ("onsite", d(15)),
            ("rejected", d(20)),
        ],
        role="A",
    )
    _app(db, [("applied", d(2)), ("recruiter_screen", d(6)), ("rejected", d(9))], role="B")
    _app(db, [("applied", d(2)), ("no_response", d(25))], role="C")
    _app(db, [("wishlist", d(2)), ("applied", d(3)), ("recruiter_screen", d(7)), ("withdrawn", d(8))], role="D")
    flows = {(r.source, r.target): r.count for r in funnel.sankey_flows(db).itertuples()}
    assert flows == {
        ("wishlist", "applied"): 1,
        ("applied", "recruiter_screen"): 3,
        ("recruiter_screen", "hiring_manager"): 1,
        ("hiring_manager", "onsite"): 1,
        ("onsite", "rejected"): 1,
        ("recruiter_screen", "rejected"): 1,
        ("recruiter_screen", "withdrawn"): 1,
        ("applied", "no_response"): 1,
    }


def test_sankey_figure_links_match_flows(db) -> None:
    from lib.jobsearch import charts as job_charts

    _app(db, [("applied", d(1)), ("recruiter_screen", d(5)), ("onsite", d(9)), ("rejected", d(12))])
    fig = job_charts.stage_sankey(funnel.sankey_flows(db))
    sankey = fig.data[0]
    labels = list(sankey.node.customdata)  # the full names; the node labels are short to fit a phone
    links = {
        (labels[s], labels[t]): v
        for s, t, v in zip(sankey.link.source, sankey.link.target, sankey.link.value, strict=False)
    }
    assert links == {
        ("Applied", "Recruiter screen"): 1,
        ("Recruiter screen", "Onsite / loop"): 1,
        ("Onsite / loop", "Rejected"): 1,
    }
    funnel_fig = job_charts.pipeline_funnel(funnel.funnel_counts(db))
    assert list(funnel_fig.data[0].x) == [1, 1, 1, 1, 1, 0, 0]  # hiring manager skipped, still counted as passed


def test_current_stage_is_derived_and_history_is_kept(db) -> None:
    app_id = _app(db, [("applied", d(1)), ("recruiter_screen", d(5))])
    apps.change_stage(db, app_id, "hiring_manager", d(9), "Call with the GPM", today=TODAY)
    history = stages.stage_history(db, app_id)
    assert history["stage"].tolist() == ["applied", "recruiter_screen", "hiring_manager"]
    row = apps.pipeline(db, TODAY).iloc[0]
    assert (row["stage"], row["stage_on"], row["applied_on"], row["days_in_stage"]) == (
        "hiring_manager",
        "2026-03-09",
        "2026-03-01",
        22,
    )


def test_time_in_stage_and_weekly_counts(db) -> None:
    _app(db, [("applied", d(2)), ("recruiter_screen", d(6)), ("rejected", d(16))], role="A")  # Monday 2 March
    _app(db, [("applied", d(4)), ("recruiter_screen", d(12))], role="B")
    _app(db, [("applied", d(10))], role="C")
    table = funnel.time_in_stage(db, TODAY).set_index("stage")
    assert table.loc["applied", "mean_days"] == pytest.approx((4 + 8 + 21) / 3)
    assert table.loc["recruiter_screen", "median_days"] == pytest.approx((10 + 19) / 2)
    weekly = funnel.applications_per_week(db)
    assert weekly.to_dict("list") == {"week": ["2026-03-02", "2026-03-09"], "applications": [2, 1]}


@pytest.mark.parametrize(
    "stage, day, field, text",
    [
        ("interviewing", d(10), "Stage", "unknown stage"),
        # Dates said as a person reads them, not as the database stores them.
        ("recruiter_screen", d(1, 2), "Date", "1 Feb is before the application date 3 Mar"),
        ("recruiter_screen", d(4), "Date", "4 Mar is before the current stage's date 5 Mar"),
        ("applied", d(10), "Stage", "already at"),
        ("recruiter_screen", d(1, 5), "Date", "1 May is in the future"),
    ],
)
def test_bad_stage_changes_are_refused_and_nothing_is_written(db, stage, day, field, text) -> None:
    app_id = _app(db, [("wishlist", d(3)), ("applied", d(5))])
    with pytest.raises(InputError) as err:
        apps.change_stage(db, app_id, stage, day, today=TODAY)
    assert err.value.field == field and text in str(err.value)
    assert len(stages.stage_history(db, app_id)) == 2


def test_new_application_checks(db) -> None:
    company_id = companies.add_company(db, "OpenAI")
    with pytest.raises(InputError, match="role"):
        apps.add_application(db, company_id, "  ", today=TODAY)
    with pytest.raises(InputError, match="company"):
        apps.add_application(db, 999, "PM", today=TODAY)
    with pytest.raises(InputError, match="starts on the wishlist or as applied"):
        apps.add_application(db, company_id, "PM", stage="onsite", today=TODAY)
    apps.add_application(db, company_id, "PM", job_url="https://www.linkedin.com/jobs/view/123/?trk=abc", today=TODAY)
    with pytest.raises(InputError, match="already tracked") as err:
        apps.add_application(db, company_id, "PM again", job_url="https://linkedin.com/jobs/view/123", today=TODAY)
    # Named as the person knows it, not by an internal number.
    assert err.value.message.endswith(": OpenAI — PM") and "#" not in err.value.message
    assert db.conn.execute("SELECT COUNT(*) FROM applications").fetchone()[0] == 1


def test_interview_needs_an_application_and_a_known_round(db) -> None:
    app_id = _app(db, [("applied", d(5))])
    with pytest.raises(InputError) as err:
        interviews.add_interview(db, None, "behavioural", dt.datetime(2026, 3, 10, 10))
    assert err.value.field == "Application"
    with pytest.raises(InputError, match="does not exist"):
        interviews.add_interview(db, 4242, "behavioural", dt.datetime(2026, 3, 10, 10))
    with pytest.raises(InputError, match="round type"):
        interviews.add_interview(db, app_id, "karaoke", dt.datetime(2026, 3, 10, 10))
    with pytest.raises(InputError, match="before the application date") as err:
        interviews.add_interview(db, app_id, "behavioural", dt.datetime(2026, 3, 1, 10))
    today = dt.date.today()
    assert err.value.message == (f"{date_text(d(1), today)} is before the application date {date_text(d(5), today)}"), (
        err.value.message
    )
    assert db.conn.execute("SELECT COUNT(*) FROM interviews").fetchone()[0] == 0


def test_thank_you_due_24_hours_after_each_interview_until_sent(db) -> None:
    app_id = _app(db, [("applied", d(5)), ("recruiter_screen", d(12))])
    iv = interviews.add_interview(db, app_id, "recruiter_screen", dt.datetime(2026, 3, 12, 16, 30))
    interviews.add_interview(db, app_id, "product_sense", dt.datetime(2026, 4, 2, 10, 0))
    thanks = [i for i in apps.follow_ups(db, TODAY) if i.kind == "Thank-you note"]
    assert [i.due for i in thanks] == [dt.date(2026, 3, 13), dt.date(2026, 4, 3)]
    interviews.mark_thank_you_sent(db, iv)
    assert [i.due for i in apps.follow_ups(db, TODAY) if i.kind == "Thank-you note"] == [dt.date(2026, 4, 3)]


def test_nudge_seven_days_after_applying_only_while_there_is_no_response(db) -> None:
    quiet = _app(db, [("applied", d(20))], role="Quiet")
    moved = _app(db, [("applied", d(18)), ("recruiter_screen", d(22))], role="Moved")
    _app(db, [("wishlist", d(19))], role="Someday")
    nudges = [i for i in apps.follow_ups(db, TODAY) if i.kind == "Nudge"]
    assert len(nudges) == 1 and nudges[0].due == d(27) and "Quiet" in nudges[0].title
    apps.change_stage(db, quiet, "no_response", d(30), today=TODAY)
    assert not [i for i in apps.follow_ups(db, TODAY) if i.kind == "Nudge"]
    assert moved


def test_next_action_is_the_latest_and_closed_applications_drop_out(db) -> None:
    app_id = _app(db, [("applied", d(20))])
    apps.set_next_action(db, app_id, "Send portfolio link", d(25), today=TODAY)
    apps.set_next_action(db, app_id, "Ask for a referral", d(28), today=TODAY)
    actions = [i for i in apps.follow_ups(db, TODAY) if i.kind == "Next action"]
    assert [(i.due, "referral" in i.title) for i in actions] == [(d(28), True)]
    apps.change_stage(db, app_id, "rejected", d(29), today=TODAY)
    assert not [i for i in apps.follow_ups(db, TODAY) if i.kind == "Next action"]


def test_due_sources_feed_the_overview(db) -> None:
    from lib.plan import due

    _app(db, [("applied", d(1))])
    items = due.all_due(db, TODAY)
    assert any(i.kind == "Nudge" and i.page == "applications" for i in items)


def test_feedback_is_appended_and_latest_shown(db) -> None:
    app_id = _app(db, [("applied", d(5))])
    iv = interviews.add_interview(db, app_id, "behavioural", dt.datetime(2026, 3, 10, 10))
    interviews.record_feedback(db, iv, "Good structure")
    interviews.record_feedback(db, iv, "Needs more metrics")
    with pytest.raises(InputError):
        interviews.record_feedback(db, iv, " ")
    row = interviews.interviews_table(db).iloc[0]
    assert row["feedback"] == "Needs more metrics" and not row["thank_you_sent"]
    assert db.conn.execute("SELECT COUNT(*) FROM interview_events").fetchone()[0] == 2


@pytest.mark.parametrize("bad_id", [[], {}, 2**70, -1, 0, 1.5, "1", True, None])
def test_ids_that_are_not_rows_get_the_apps_own_error(db, bad_id) -> None:
    app_id = _app(db, [("applied", d(5))])
    iv = interviews.add_interview(db, app_id, "behavioural", dt.datetime(2026, 3, 10, 10))
    for call in (
        lambda: apps.change_stage(db, bad_id, "onsite", d(9), today=TODAY),
        lambda: apps.set_next_action(db, bad_id, "x", today=TODAY),
        lambda: interviews.add_interview(db, bad_id, "behavioural", dt.datetime(2026, 3, 10, 10)),
        lambda: interviews.mark_thank_you_sent(db, bad_id),
        lambda: apps.add_application(db, bad_id, "PM", today=TODAY),
    ):
        with pytest.raises(InputError):
            call()
    assert len(stages.stage_history(db, app_id)) == 1 and iv


def test_labels_name_each_application_and_interview() -> None:
    with open_db() as db:
        cid = companies.add_company(db, "Mistral")
        app_id = apps.add_application(db, cid, "PM, Le Chat", on_date=dt.date(2026, 3, 2))
        iv_id = interviews.add_interview(db, app_id, "product_sense", dt.datetime(2026, 3, 10, 10, 0))
        pipeline, table = apps.pipeline(db), interviews.interviews_table(db)
    # The whole label is written out as a user sees it: company, role and stage, no internal number.
    assert apps.application_labels(pipeline, TODAY) == {app_id: "Mistral — PM, Le Chat (Applied)"}
    # The start is shown in local wall-clock time, as entered, whatever the stored UTC instant.
    assert interviews.interview_labels(table, TODAY) == {iv_id: "Mistral — Product sense, 10 Mar 10:00"}
    assert interviews.interview_labels(table, dt.date(2027, 1, 5)) == {
        iv_id: "Mistral — Product sense, 10 Mar 2026 10:00"
    }
    assert apps.application_labels(pipeline.head(0)) == {} and interviews.interview_labels(table.head(0)) == {}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["Mistral", "Anthropic"]),
            st.sampled_from(["PM", "AI PM"]),
            st.sampled_from(["wishlist", "applied", "recruiter_screen"]),
            st.integers(min_value=0, max_value=400),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_application_labels_are_unique_and_carry_no_ids(db, rows) -> None:
    """Any mix of alike applications: every label names company, role and stage, none an id, no two the same."""
    ids = {}
    for company, role, stage, back in rows:
        cid = companies.find_company(db, company) or (companies.add_company(db, company),)
        day = TODAY - dt.timedelta(days=back)
        first = "wishlist" if stage == "wishlist" else "applied"
        app_id = apps.add_application(db, cid[0], role, stage=first, on_date=day, today=TODAY)
        if stage != first:
            apps.change_stage(db, app_id, stage, day, today=TODAY)
        ids[app_id] = (company, role, stage, day)
    # Only this example's applications: the database is shared by every example of the test.
    pipeline = apps.pipeline(db, TODAY)
    labels = apps.application_labels(pipeline[pipeline["id"].isin(list(ids))], TODAY)
    assert set(labels) == set(ids)
    assert len(set(labels.values())) == len(labels)
    for app_id, label in labels.items():
        company, role, stage, day = ids[app_id]
        assert label.startswith(f"{company} — {role} ({stages.stage_label(stage)})"), label
        assert "#" not in label and not re.search(r"\d{4}-\d{2}-\d{2}", label), label
    # Two that read alike are told apart by the date, year and all when it is not this one.
    for app_id, label in labels.items():
        company, role, stage, day = ids[app_id]
        if sum(1 for c, r, s, _ in ids.values() if (c, r, s) == (company, role, stage)) > 1:
            verb = "added" if stage == "wishlist" else "applied"
            assert f", {verb} {date_text(day, TODAY)}" in label, label


def test_follow_up_titles_read_dates_as_a_person_does(db) -> None:
    """Nudges and thank-you notes name their day as "2 Mar", with the year only when it is not this one."""
    this_year = _app(db, [("applied", d(2))], company="Mistral")
    last_year = _app(db, [("applied", dt.date(2025, 12, 30))], company="Cohere")
    interviews.add_interview(db, this_year, "product_sense", dt.datetime(2026, 3, 10, 10, 0))
    interviews.add_interview(db, last_year, "recruiter_screen", dt.datetime(2025, 12, 31, 9, 0))
    titles = [i.title for i in apps.follow_ups(db, TODAY)]
    for expected in (
        "Mistral — AI PM: applied 2 Mar, no response yet",
        "Cohere — AI PM: applied 30 Dec 2025, no response yet",
        "Mistral — Product sense interview for AI PM on 10 Mar",
        "Cohere — Recruiter screen interview for AI PM on 31 Dec 2025",
    ):
        assert expected in titles, titles
    assert not [t for t in titles if re.search(r"\d{4}-\d{2}-\d{2}", t)]


def test_interview_start_is_stored_in_utc_and_shown_in_local_time(db) -> None:
    app_id = _app(db, [("applied", d(1))])
    local_start = dt.datetime(2026, 3, 12, 16, 30)
    iv = interviews.add_interview(db, app_id, "recruiter_screen", local_start)
    stored = db["interviews"].get(iv)["starts_at"]
    assert stored == local_start.astimezone(dt.UTC).isoformat(timespec="seconds")
    assert stored.endswith("+00:00")
    assert interviews.interviews_table(db).iloc[0]["starts_at"] == "2026-03-12T16:30"


def test_job_urls_reduce_to_host_and_path() -> None:
    assert {
        url_key(u)
        for u in (
            "https://www.linkedin.com/jobs/view/123/?trk=abc",
            "HTTP://LinkedIn.com/jobs/view/123#apply",
            "linkedin.com/jobs/view/123",
        )
    } == {"https://linkedin.com/jobs/view/123"}
    assert url_key("www.example.com:8080/a/B/") == "https://example.com:8080/a/B"
    assert url_key("mailto:someone@example.com") == "https://mailto:someone@example.com"
    assert url_key("  ") == "" and url_key(None) == ""
