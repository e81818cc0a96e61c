"""The Applications page's parts: the totals, follow-ups, the picker search, and one function per tab."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from lib.core import clock
from lib.core.dates import date_text
from lib.jobsearch import applications as apps
from lib.jobsearch import charts as job_charts
from lib.jobsearch import common as jobsearch
from lib.jobsearch import funnel, interviews, stages, tracker
from lib.ui.board import FLASH_KEY, application_board
from lib.ui.cache import figure, q, query, write
from lib.ui.charts import chart
from lib.ui.markup import text
from lib.ui.messages import error
from lib.ui.routing import page_link
from lib.ui.tables import dataframe
from lib.ui.widgets import error_or_rerun, follow_up_list

TABS = ["Board", "Add & move", "Interviews", "Charts", "Import"]
ENDED = [*stages.EXITS, "accepted", "wishlist"]


def totals(pipeline: pd.DataFrame, company_count: int, sent: int, targets) -> None:
    """Companies and applications against their targets, and how many are active now."""
    t_apps, t_companies = targets.applications, targets.companies
    c1, c2, c3 = st.columns(3)
    c1.metric(t_companies.label, f"{company_count} / {t_companies.count}+")
    c1.progress(min(company_count / t_companies.count, 1.0))
    c2.metric(t_apps.label, f"{sent} sent")
    c2.progress(min(sent / t_apps.min, 1.0))
    c3.metric("Active now", int((~pipeline["stage"].isin(ENDED)).sum()))


def follow_ups(today: dt.date) -> None:
    """Thank-you notes, nudges and next actions due within a week."""
    st.subheader("Follow-ups")
    follow = [i for i in query(apps.follow_ups, today) if i.due <= today + dt.timedelta(days=7)]
    if not follow:
        st.caption("No thank-you notes, nudges or next actions due this week.")
    else:
        follow_up_list(follow, today, with_kind=True)


def search_and_picks(pipeline: pd.DataFrame, app_labels: dict[int, str]) -> tuple[pd.DataFrame, int, dict[int, str]]:
    """The rows the search found, how many matched, and the applications every picker offers.

    One search for the whole page once there are more applications than a table
    shows: the board table and every application picker offer what it finds (the
    latest moved when it is empty), since a picker of thousands costs every rerun.
    """
    search = (
        st.text_input("Find an application", placeholder="company or role", key="applications_table_search")
        if len(pipeline) > jobsearch.TABLE_ROWS
        else ""
    )
    found, matched = jobsearch.find_rows(pipeline, search, ["company", "role"])
    pool = found if len(found) else pipeline.head(jobsearch.TABLE_ROWS)
    return found, matched, {i: app_labels[i] for i in pool["id"].astype(int).tolist()}


def board(pipeline: pd.DataFrame, found: pd.DataFrame, matched: int, today: dt.date):
    """The cards by stage, the closed ones counted, and the table of what the search found."""
    if pipeline.empty:
        st.info("No applications yet. Add one under 'Add & move' or import LinkedIn's Job Applications.csv.")
        return
    application_board(pipeline, today)
    closed = pipeline[pipeline["stage"].isin(stages.EXITS)]
    st.caption(" · ".join(f"{stages.stage_label(s)}: {int((closed['stage'] == s).sum())}" for s in stages.EXITS))
    columns = ["id", "company", "role", "stage", "stage_on", "applied_on", "days_in_stage", "interviews"]
    dataframe(
        found.assign(stage=found["stage"].map(stages.stage_label))[
            [*columns, "next_action", "next_action_due", "source", "job_url"]
        ],
        labels={
            "stage_on": "In stage since",
            "applied_on": "Applied",
            "days_in_stage": "Days in stage",
            "next_action_due": "Next action due",
            "job_url": "Job URL",
        },
    )
    if matched > len(found):
        st.caption(
            f"The {len(found)} latest moved of {matched}; search above to find the others. applications.csv on "
            "the Deliverables page has them all."
        )


def add_form(company_list: pd.DataFrame, today: dt.date) -> None:
    """A new application, at a listed company or one typed here and added to the list."""
    st.markdown("**Add an application**")
    names = dict(zip(company_list["id"].astype(int), company_list["name"], strict=False))
    with st.form("applications_add_form", clear_on_submit=True):
        a1, a2 = st.columns(2)
        company_id = a1.selectbox(
            "Company",
            list(names),
            index=None if not names else 0,
            format_func=names.get,
            key="applications_add_company",
        )
        new_company = a1.text_input(
            "…or a new company", placeholder="added to your companies", key="applications_add_new_company"
        )
        role = a2.text_input("Role", key="applications_add_role")
        a3, a4, a5 = st.columns(3)
        first_stage = a3.selectbox(
            "Stage", stages.STAGES[:2], index=1, format_func=stages.stage_label, key="applications_add_stage"
        )
        on_date = a4.date_input("Date", value=today, key="applications_add_date")
        source = a5.text_input("Source", placeholder="LinkedIn, referral, company site", key="applications_add_source")
        job_url = st.text_input("Job URL", key="applications_add_url")
        a6, a7 = st.columns(2)
        resume = a6.text_input("Resume version", key="applications_add_resume")
        salary = a7.text_input("Salary range", key="applications_add_salary")
        notes = st.text_area("Notes", key="applications_add_notes")
        if st.form_submit_button("Add application", type="primary"):
            added, problem = write(
                tracker.add_application_for,
                company_id,
                new_company,
                role,
                stage=first_stage,
                on_date=on_date,
                job_url=job_url,
                source=source,
                resume_version=resume,
                salary_range=salary,
                notes=notes,
            )
            if problem:
                error(problem)
            else:
                company = new_company.strip() or names.get(company_id, "")
                st.session_state[FLASH_KEY] = f"Added {role.strip()} at {company}" + (
                    " and the company to your list" if added[1] else ""
                )
                st.rerun()


def move_forms(picks: dict[int, str], app_labels: dict[int, str], today: dt.date) -> int:
    """Move to a stage, set the next action, and the stage history of the application picked there."""
    st.markdown("**Move an application to a stage**")
    with st.form("applications_move_form"):
        m1, m2, m3 = st.columns([3, 2, 2])
        app_id = m1.selectbox("Application", list(picks), format_func=app_labels.get, key="applications_move_app")
        stage = m2.selectbox(
            "New stage", stages.ALL_STAGES, index=2, format_func=stages.stage_label, key="applications_move_stage"
        )
        moved_on = m3.date_input("Date", value=today, key="applications_move_date")
        note = st.text_input("Note", key="applications_move_note")
        if st.form_submit_button("Move"):
            _, problem = write(apps.change_stage, app_id, stage, moved_on, note)
            error_or_rerun(problem)
    with st.form("applications_action_form", clear_on_submit=True):
        st.markdown("**Next action**")
        n1, n2, n3 = st.columns([3, 3, 2])
        action_app = n1.selectbox("Application", list(picks), format_func=app_labels.get, key="applications_action_app")
        action = n2.text_input("What to do next", key="applications_action_text")
        due_on = n3.date_input("By", value=today + dt.timedelta(days=2), key="applications_action_due")
        if st.form_submit_button("Save next action"):
            _, problem = write(apps.set_next_action, action_app, action, due_on)
            error_or_rerun(problem)
    history_app = st.selectbox(
        "Stage history of", list(picks), format_func=app_labels.get, key="applications_history_app"
    )
    dataframe(query(stages.stage_history, history_app), labels={"on_date": "Date"}, words={"stage": stages.stage_label})
    return history_app


def _interview_form(pipeline: pd.DataFrame, picks: dict[int, str], app_labels: dict[int, str], today: dt.date):
    with st.form("applications_interview_form", clear_on_submit=True):
        st.markdown("**Log an interview**")
        i1, i2 = st.columns([3, 2])
        iv_app = i1.selectbox(
            "Application",
            list(picks),
            index=tracker.active_first(pipeline, list(picks)),
            format_func=app_labels.get,
            key="applications_iv_app",
        )
        round_type = i2.selectbox(
            "Round", list(interviews.ROUND_TYPES), format_func=interviews.ROUND_TYPES.get, key="applications_iv_round"
        )
        i3, i4, i5 = st.columns(3)
        iv_date = i3.date_input("Date", value=today, key="applications_iv_date")
        iv_time = i4.time_input("Time", value=dt.time(10, 0), key="applications_iv_time")
        duration = i5.number_input(
            "Minutes", min_value=5, max_value=720, value=45, step=15, key="applications_iv_minutes"
        )
        interviewers = st.text_input("Interviewers", key="applications_iv_people")
        prep = st.text_area("Prep notes", key="applications_iv_prep")
        if st.form_submit_button("Log interview", type="primary"):
            _, problem = write(
                interviews.add_interview,
                iv_app,
                round_type,
                dt.datetime.combine(iv_date, iv_time),
                duration_min=duration,
                interviewers=interviewers,
                prep_notes=prep,
            )
            error_or_rerun(problem)


def when_text(starts_at: str, today: dt.date) -> str:
    """A local start time ('2026-11-20T10:00') as "Fri 20 Nov 10:00", with the year when it is not this year."""
    if not starts_at:
        return ""
    when = dt.datetime.fromisoformat(starts_at)
    return f"{date_text(when.date(), today, weekday=True)} {when:%H:%M}"


def _coming_up(interview_table: pd.DataFrame, today: dt.date) -> None:
    upcoming = interview_table[interview_table["starts_at"] >= clock.local(clock.now()).strftime("%Y-%m-%dT%H:%M")]
    if upcoming.empty:
        return
    st.markdown(
        "**Coming up**\n"
        + "\n".join(
            f"- {when_text(r.starts_at, today)} — {text(r.company)}: {interviews.ROUND_TYPES.get(r.round_type)}"
            for r in upcoming.iloc[::-1].itertuples()
        )
    )
    page_link("practice", "Rehearse this round type on the Practice page")
    page_link("companies", "Review the company research and your questions to ask")


def _after_form(interview_table: pd.DataFrame, today: dt.date) -> None:
    latest = interview_table.head(jobsearch.TABLE_ROWS)
    shown = latest.assign(
        round=latest["round_type"].map(interviews.ROUND_TYPES), thank_you_sent=latest["thank_you_sent"].astype(bool)
    )
    dataframe(
        shown[["id", "company", "role", "round", "starts_at", "interviewers", "thank_you_sent", "feedback"]],
        labels={"starts_at": "When", "thank_you_sent": "Thanked"},
    )
    if len(interview_table) > len(latest):
        st.caption(
            f"The {len(latest)} latest of {len(interview_table)} interviews; interviews.csv on the Deliverables "
            "page has them all."
        )
    # Thanks and feedback follow recent interviews, named as the person knows them: company, round, when.
    iv_labels = {
        int(r.id): f"{r.company} — {interviews.ROUND_TYPES.get(r.round_type)}, {when_text(r.starts_at, today)}"
        for r in latest.itertuples()
    }
    with st.form("applications_after_form", clear_on_submit=True):
        st.markdown("**After the interview**")
        chosen = st.selectbox("Interview", list(iv_labels), format_func=iv_labels.get, key="applications_after_iv")
        thanked = st.checkbox("Thank-you email sent", key="applications_after_thanks")
        feedback = st.text_area("Feedback received", key="applications_after_feedback")
        if st.form_submit_button("Save"):
            problem = None
            if thanked:
                _, problem = write(interviews.mark_thank_you_sent, chosen)
            if feedback.strip() and not problem:
                _, problem = write(interviews.record_feedback, chosen, feedback)
            error_or_rerun(problem)


def interviews_tab(pipeline: pd.DataFrame, picks: dict[int, str], app_labels: dict[int, str], today: dt.date) -> None:
    """Log an interview, what is coming up, the latest interviews, thanks and feedback after one."""
    interview_table = query(interviews.interviews_table)
    if not app_labels:
        st.info("Interviews belong to an application; add one first.")
    else:
        _interview_form(pipeline, picks, app_labels, today)
    _coming_up(interview_table, today)
    if not interview_table.empty:
        _after_form(interview_table, today)


def charts(today: dt.date) -> None:
    """The funnel, stage conversions, the flow between stages, applications per week, time in stage."""
    chart(figure(job_charts.pipeline_funnel, q(funnel.funnel_counts)), key="applications_funnel_chart")
    chart(figure(job_charts.conversion_bars, q(funnel.funnel_counts)), key="applications_conversion_chart")
    chart(figure(job_charts.stage_sankey, q(funnel.sankey_flows)), key="applications_sankey_chart")
    chart(figure(job_charts.applications_per_week, q(funnel.applications_per_week)), key="applications_weekly_chart")
    chart(figure(job_charts.time_in_stage, q(funnel.time_in_stage, today)), key="applications_time_chart")
