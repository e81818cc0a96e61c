"""Curriculum: the week's plan day by day, time logging, activity ticks and progress charts."""

import streamlit as st

from lib import ui
from lib.core import clock
from lib.plan import charts, curriculum, progress, time_log

cur = curriculum.load_curriculum()
today = clock.today()
ui.page_header(
    "Curriculum",
    f"The {cur.total_target_hours:g}-hour week, day by day. "
    "Log time against a session, tick activities as you finish them.",
)

start = ui.query(curriculum.week_start, today)
with st.expander(f"Week start: {start:%A %d %B %Y}", icon=":material/event:"), st.form("curriculum_week_start_form"):
    new_start = st.date_input("Day 1 (Monday) of the week falls on", value=start, key="curriculum_week_start")
    if st.form_submit_button("Save start date"):
        _, error = ui.write(curriculum.set_week_start, new_start)
        ui.error_or_rerun(error)

days = ui.query(progress.progress_table)
done = ui.query(progress.done_activities)
entries = ui.query(time_log.current_time_entries)

st.subheader("Log time")
session_options = {s.id: f"{d.short} · {s.name} — {s.topic}" for d in cur.days for s in d.sessions}
today_day = curriculum.day_for_date(cur, start, today)
default_session = (
    next((s.id for s in today_day.sessions if s.day_offset == (today - start).days), None) if today_day else None
)
with st.form("curriculum_log_form", clear_on_submit=True):
    c1, c2, c3 = st.columns([3, 1, 1])
    session_id = c1.selectbox(
        "Session",
        list(session_options),
        format_func=session_options.get,
        key="curriculum_log_session",
        index=list(session_options).index(default_session) if default_session else 0,
    )
    minutes = c2.number_input(
        "Minutes", min_value=0, max_value=24 * 60, value=60, step=15, key="curriculum_log_minutes"
    )
    logged_on = c3.date_input("Date", value=today, key="curriculum_log_date")
    note = st.text_input("Note (optional)", key="curriculum_log_note")
    if st.form_submit_button("Log time", type="primary"):
        _, error = ui.write(time_log.log_time, session_id, minutes, logged_on, note)
        if error:
            ui.error(error)
        else:
            ui.toast(f"Logged {minutes} minutes")
            st.rerun()

tab_plan, tab_charts, tab_log = st.tabs(["Plan", "Charts", "Time log"])

with tab_plan:
    by_day = days.set_index("day_id")
    for d in cur.days:
        row = by_day.loc[d.id]
        badge = {
            "done": ":green-badge[Done]",
            "in_progress": ":orange-badge[In progress]",
            "not_started": ":gray-badge[Not started]",
        }[row["status"]]
        header = f"{d.label}: {d.title} — {row['hours']:.1f} / {d.target_hours:g} h"
        with st.expander(header, expanded=(today_day is not None and d.id == today_day.id)):
            by_hand = "(set by hand)" if row["status_source"] == "manual" else ""
            st.markdown(f"{badge} {by_hand} · {int(row['activities_done'])}/{int(row['activities_total'])} activities")
            for s in d.sessions:
                st.markdown(f"#### {s.name} ({s.hours_label}) — {s.topic}")
                for block in s.blocks:
                    st.markdown(f"**{block.title}**")
                    st.markdown(
                        "\n".join(
                            f"{i + 1}. {item}" if block.ordered else f"- {item}" for i, item in enumerate(block.items)
                        )
                    )
                if s.resources:
                    st.markdown(
                        "**Resources**\n"
                        + "\n".join(f"- [{r.title}]({r.url}){' — ' + r.note if r.note else ''}" for r in s.resources)
                    )
                for a in s.activities:
                    checked = st.checkbox(a.text, value=a.id in done, key=f"curriculum_act_{a.id}")
                    if checked != (a.id in done):
                        ui.write(progress.set_activity_done, a.id, checked)
                        st.rerun()
            for deliverable in d.deliverables:
                ui.info(deliverable, icon=":material/flag:")
            options = ["auto", *progress.DAY_STATUSES]
            current = row["status"] if row["status_source"] == "manual" else "auto"
            choice = st.selectbox(
                "Status",
                options,
                index=options.index(current),
                key=f"curriculum_status_{d.id}",
                format_func=lambda s: "Derived from progress" if s == "auto" else progress.STATUS_LABELS[s],
            )
            if choice != current:
                ui.write(progress.set_day_status, d.id, choice)
                st.rerun()

with tab_charts:
    ui.chart(ui.figure(charts.hours_per_day, ui.q(progress.progress_table)), key="curriculum_hours_chart")
    ui.chart(
        ui.figure(charts.cumulative_hours, ui.q(time_log.cumulative_hours), cur.total_target_hours, start),
        key="curriculum_cumulative_chart",
    )
    ui.chart(ui.figure(charts.activities_per_day, ui.q(progress.progress_table)), key="curriculum_activities_chart")

with tab_log:
    if entries.empty:
        st.caption("No time logged yet.")
    else:
        shown = entries.assign(session=entries["session_id"].map(session_options))[
            ["id", "logged_on", "session", "minutes", "note"]
        ]
        ui.table(shown.iloc[::-1], labels={"logged_on": "Day", "minutes": "Minutes", "note": "Note"})
        st.markdown("**Correct or remove an entry**")
        labels = {int(r.id): f"#{r.id} · {r.logged_on} · {r.minutes} min" for r in entries.itertuples()}
        # Outside the form, so picking an entry reruns and the correction starts from its current minutes.
        entry_id = st.selectbox("Entry", list(labels)[::-1], format_func=labels.get, key="curriculum_fix_entry")
        current_minutes = int(entries.set_index("id").loc[entry_id, "minutes"])
        if st.session_state.get("curriculum_fix_seeded") != (entry_id, current_minutes):
            st.session_state["curriculum_fix_minutes"] = current_minutes
            st.session_state["curriculum_fix_seeded"] = (entry_id, current_minutes)
        with st.form("curriculum_fix_form"):
            c1, c2 = st.columns(2)
            new_minutes = c1.number_input(
                "Corrected minutes", min_value=0, max_value=24 * 60, step=5, key="curriculum_fix_minutes"
            )
            action = c2.radio("Action", ["Correct minutes", "Remove entry"], key="curriculum_fix_action")
            sure = c2.checkbox("Yes, remove this entry", key="curriculum_fix_sure")
            if st.form_submit_button("Apply"):
                if action == "Remove entry" and not sure:
                    error = "Tick 'Yes, remove this entry' to remove it."
                elif action == "Remove entry":
                    _, error = ui.write(time_log.remove_time, entry_id)
                else:
                    _, error = ui.write(time_log.correct_time, entry_id, minutes=new_minutes)
                ui.error_or_rerun(error)

with st.expander("Beyond the days: objectives, resources, your interview stack"):
    st.markdown("**This week's focus**\n" + "\n".join(f"- {f}" for f in cur.focus))
    st.markdown("**Deliverables**\n" + "\n".join(f"- {f}" for f in cur.week_deliverables))
    st.markdown(f"**Deep dive:** {cur.deep_dive.title} — {cur.deep_dive.note}")
    st.markdown("**Learning objectives**\n" + "\n".join(f"{i}. {o}" for i, o in enumerate(cur.learning_objectives, 1)))
    for group in cur.recommended_resources:
        st.markdown(
            f"**{group.group}**\n"
            + "\n".join(
                f"- {r.title}{' — ' + r.note if r.note else ''}" + (f" ({r.url})" if r.url else "") for r in group.items
            )
        )
    c1, c2 = st.columns(2)
    c1.markdown("**Frameworks you've mastered**\n" + "\n".join(f"- ✅ {f}" for f in cur.interview_stack.frameworks))
    c2.markdown("**Artifacts you've built**\n" + "\n".join(f"- ✅ {a}" for a in cur.interview_stack.artifacts))
    st.markdown("**Week 12 success criteria**\n" + "\n".join(f"- ✅ {c}" for c in cur.success_criteria))
    pc = cur.program_complete
    st.markdown("**12-week program complete**\n" + "\n".join(f"- {a}" for a in pc.accomplished))
    st.markdown("**You are now**\n" + "\n".join(f"- ✅ {a}" for a in pc.you_are_now))
    st.markdown("**Next steps**\n" + "\n".join(f"{i}. {a}" for i, a in enumerate(pc.next_steps, 1)))
    st.caption(pc.closing)
