"""Applications: the pipeline by stage, stage changes as history, interviews, follow-ups, funnel charts, import."""

import datetime as dt

import streamlit as st

from lib import ui
from lib.core import clock
from lib.jobsearch import applications as apps
from lib.jobsearch import charts as job_charts
from lib.jobsearch import common as jobsearch
from lib.jobsearch import companies, funnel, interviews, stages, tracker

cfg = companies.load_company_research()
today = clock.today()
ui.page_header(
    "Applications", "Every stage change is kept, so the funnel counts each stage an application ever reached."
)

ui.board_flash()


pipeline = ui.query(apps.pipeline, today)
company_list = ui.query(companies.companies_table)
t_apps, t_companies = cfg.targets.applications, cfg.targets.companies
sent = ui.query(funnel.applied_count)
c1, c2, c3 = st.columns(3)
c1.metric(t_companies.label, f"{len(company_list)} / {t_companies.count}+")
c1.progress(min(len(company_list) / t_companies.count, 1.0))
c2.metric(t_apps.label, f"{sent} sent")
c2.progress(min(sent / t_apps.min, 1.0))
c3.metric("Active now", int((~pipeline["stage"].isin([*stages.EXITS, "accepted", "wishlist"])).sum()))

st.subheader("Follow-ups")
follow = [i for i in ui.query(apps.follow_ups, today) if i.due <= today + dt.timedelta(days=7)]
if not follow:
    st.caption("No thank-you notes, nudges or next actions due this week.")
else:
    ui.follow_up_list(follow, today, with_kind=True)

app_labels = apps.application_labels(pipeline)
# One search for the whole page once there are more applications than a table
# shows: the board table and every application picker offer what it finds (the
# latest moved when it is empty), since a picker of thousands costs every rerun.
search = (
    st.text_input("Find an application", placeholder="company or role", key="applications_table_search")
    if len(pipeline) > jobsearch.TABLE_ROWS
    else ""
)
found, matched = jobsearch.find_rows(pipeline, search, ["company", "role"])
picks = {
    i: app_labels[i] for i in (found if len(found) else pipeline.head(jobsearch.TABLE_ROWS))["id"].astype(int).tolist()
}
tab_board, tab_update, tab_interviews, tab_charts, tab_import = st.tabs(
    ["Board", "Add & move", "Interviews", "Charts", "Import"]
)

with tab_board:
    if pipeline.empty:
        st.info("No applications yet. Add one under 'Add & move' or import LinkedIn's Job Applications.csv.")
    else:
        ui.application_board(pipeline, app_labels, today)
        closed = pipeline[pipeline["stage"].isin(stages.EXITS)]
        st.caption(" · ".join(f"{stages.stage_label(s)}: {int((closed['stage'] == s).sum())}" for s in stages.EXITS))
        ui.table(
            found.assign(stage=found["stage"].map(stages.stage_label))[
                [
                    "id",
                    "company",
                    "role",
                    "stage",
                    "stage_on",
                    "applied_on",
                    "days_in_stage",
                    "interviews",
                    "next_action",
                    "next_action_due",
                    "source",
                    "job_url",
                ]
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

with tab_update:
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
            added, error = ui.write(
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
            if error:
                ui.error(error)
            else:
                company = new_company.strip() or names.get(company_id, "")
                st.session_state["applications_flash"] = f"Added {role.strip()} at {company}" + (
                    " and the company to your list" if added[1] else ""
                )
                st.rerun()
    if app_labels:
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
                _, error = ui.write(apps.change_stage, app_id, stage, moved_on, note)
                ui.error_or_rerun(error)
        with st.form("applications_action_form", clear_on_submit=True):
            st.markdown("**Next action**")
            n1, n2, n3 = st.columns([3, 3, 2])
            action_app = n1.selectbox(
                "Application", list(picks), format_func=app_labels.get, key="applications_action_app"
            )
            action = n2.text_input("What to do next", key="applications_action_text")
            due_on = n3.date_input("By", value=today + dt.timedelta(days=2), key="applications_action_due")
            if st.form_submit_button("Save next action"):
                _, error = ui.write(apps.set_next_action, action_app, action, due_on)
                ui.error_or_rerun(error)
        history_app = st.selectbox(
            "Stage history of", list(picks), format_func=app_labels.get, key="applications_history_app"
        )
        history = ui.query(stages.stage_history, history_app)
        ui.table(history, labels={"on_date": "Date"}, words={"stage": stages.stage_label})

with tab_interviews:
    interview_table = ui.query(interviews.interviews_table)
    if not app_labels:
        st.info("Interviews belong to an application; add one first.")
    else:
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
                "Round",
                list(interviews.ROUND_TYPES),
                format_func=interviews.ROUND_TYPES.get,
                key="applications_iv_round",
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
                _, error = ui.write(
                    interviews.add_interview,
                    iv_app,
                    round_type,
                    dt.datetime.combine(iv_date, iv_time),
                    duration_min=duration,
                    interviewers=interviewers,
                    prep_notes=prep,
                )
                ui.error_or_rerun(error)
    upcoming = interview_table[interview_table["starts_at"] >= clock.local(clock.now()).strftime("%Y-%m-%dT%H:%M")]
    if not upcoming.empty:
        st.markdown(
            "**Coming up**\n"
            + "\n".join(
                f"- {ui.text(r.starts_at.replace('T', ' '))} — {ui.text(r.company)}: "
                f"{interviews.ROUND_TYPES.get(r.round_type)}"
                for r in upcoming.iloc[::-1].itertuples()
            )
        )
        ui.page_link("practice", "Rehearse this round type on the Practice page")
        ui.page_link("companies", "Review the company research and your questions to ask")
    if not interview_table.empty:
        latest = interview_table.head(jobsearch.TABLE_ROWS)
        shown = latest.assign(
            round=latest["round_type"].map(interviews.ROUND_TYPES), thank_you_sent=latest["thank_you_sent"].astype(bool)
        )
        ui.table(
            shown[["id", "company", "role", "round", "starts_at", "interviewers", "thank_you_sent", "feedback"]],
            labels={"starts_at": "When", "thank_you_sent": "Thanked"},
        )
        if len(interview_table) > len(latest):
            st.caption(
                f"The {len(latest)} latest of {len(interview_table)} interviews; interviews.csv on the Deliverables "
                "page has them all."
            )
        iv_labels = interviews.interview_labels(latest)  # thanks and feedback follow recent interviews
        with st.form("applications_after_form", clear_on_submit=True):
            st.markdown("**After the interview**")
            chosen = st.selectbox("Interview", list(iv_labels), format_func=iv_labels.get, key="applications_after_iv")
            thanked = st.checkbox("Thank-you email sent", key="applications_after_thanks")
            feedback = st.text_area("Feedback received", key="applications_after_feedback")
            if st.form_submit_button("Save"):
                error = None
                if thanked:
                    _, error = ui.write(interviews.mark_thank_you_sent, chosen)
                if feedback.strip() and not error:
                    _, error = ui.write(interviews.record_feedback, chosen, feedback)
                ui.error_or_rerun(error)

with tab_charts:
    ui.chart(ui.figure(job_charts.pipeline_funnel, ui.q(funnel.funnel_counts)), key="applications_funnel_chart")
    ui.chart(ui.figure(job_charts.conversion_bars, ui.q(funnel.funnel_counts)), key="applications_conversion_chart")
    ui.chart(ui.figure(job_charts.stage_sankey, ui.q(funnel.sankey_flows)), key="applications_sankey_chart")
    ui.chart(
        ui.figure(job_charts.applications_per_week, ui.q(funnel.applications_per_week)), key="applications_weekly_chart"
    )
    ui.chart(ui.figure(job_charts.time_in_stage, ui.q(funnel.time_in_stage, today)), key="applications_time_chart")

with tab_import:
    st.caption(
        "LinkedIn: Settings → Data privacy → Get a copy of your data → Job Applications.csv. Or this app's own "
        "applications.csv."
    )
    ui.csv_import("applications", "Applications CSV", "applications")
