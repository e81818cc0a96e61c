"""The Curriculum page's parts: the week start, the time form, each day's plan, the charts and the time log.

Only what is on screen is built: a day's plan when its expander is open, the
charts and the time log when their tab is. At demo scale the plan alone is
about 180 elements (sessions, blocks, a checkbox per activity), and a browser
draws every one of them on each page switch, hidden or not.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from lib.core.dates import date_text
from lib.plan import charts, progress, time_log
from lib.plan.curriculum import Curriculum, Day, set_week_start
from lib.ui.cache import figure, q, write
from lib.ui.charts import chart
from lib.ui.messages import error, info, toast
from lib.ui.tables import dataframe, instant_text
from lib.ui.widgets import error_or_rerun

ENTRIES_SHOWN = 100  # time entries in the table and the correction picker: the latest, which are the ones corrected
BADGES = {
    "done": ":green-badge[Done]",
    "in_progress": ":orange-badge[In progress]",
    "not_started": ":gray-badge[Not started]",
}


def session_names(cur: Curriculum) -> dict[str, str]:
    """'Mon · Morning Session — Product Sense Framework' by session id."""
    return {s.id: f"{d.short} · {s.name} — {s.topic}" for d in cur.days for s in d.sessions}


def week_start_form(start: dt.date, today: dt.date) -> None:
    """The date of Day 1, which decides which day of the plan is today."""
    label = f"Week start: {date_text(start, today, weekday=True)}"
    with st.expander(label, icon=":material/event:"), st.form("curriculum_week_start_form"):
        new_start = st.date_input("Day 1 (Monday) of the week falls on", value=start, key="curriculum_week_start")
        if st.form_submit_button("Save start date"):
            _, problem = write(set_week_start, new_start)
            error_or_rerun(problem)


def log_form(names: dict[str, str], default_session: str | None, today: dt.date) -> None:
    """Minutes against a session on a date, with an optional note."""
    with st.form("curriculum_log_form", clear_on_submit=True):
        c1, c2, c3 = st.columns([3, 1, 1])
        session_id = c1.selectbox(
            "Session",
            list(names),
            format_func=names.get,
            key="curriculum_log_session",
            index=list(names).index(default_session) if default_session else 0,
        )
        minutes = c2.number_input(
            "Minutes", min_value=0, max_value=24 * 60, value=60, step=15, key="curriculum_log_minutes"
        )
        logged_on = c3.date_input("Date", value=today, key="curriculum_log_date")
        note = st.text_input("Note (optional)", key="curriculum_log_note")
        if st.form_submit_button("Log time", type="primary"):
            _, problem = write(time_log.log_time, session_id, minutes, logged_on, note)
            if problem:
                error(problem)
            else:
                toast(f"Logged {minutes} minutes")
                st.rerun()


def day_plan(d: Day, row: pd.Series, done: set[str], is_today: bool) -> None:
    """One day as an expander whose sessions, activities and status are built only while it is open."""
    header = f"{d.label}: {d.title} — {row['hours']:.1f} / {d.target_hours:g} h"
    day = st.expander(header, expanded=is_today, key=f"curriculum_day_{d.id}", on_change="rerun")
    if not day.open:
        return
    with day:
        by_hand = "(set by hand)" if row["status_source"] == "manual" else ""
        ticked = f"{int(row['activities_done'])}/{int(row['activities_total'])} activities"
        st.markdown(f"{BADGES[row['status']]} {by_hand} · {ticked}")
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
                    write(progress.set_activity_done, a.id, checked)
                    st.rerun()
        for deliverable in d.deliverables:
            info(deliverable, icon=":material/flag:")
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
            write(progress.set_day_status, d.id, choice)
            st.rerun()


def hours_charts(cur: Curriculum, start: dt.date) -> None:
    """Hours per day, cumulative hours against the week's target, activities done per day."""
    chart(figure(charts.hours_per_day, q(progress.progress_table)), key="curriculum_hours_chart")
    chart(
        figure(charts.cumulative_hours, q(time_log.cumulative_hours), cur.total_target_hours, start),
        key="curriculum_cumulative_chart",
    )
    chart(figure(charts.activities_per_day, q(progress.progress_table)), key="curriculum_activities_chart")


def entry_labels(entries: pd.DataFrame, names: dict[str, str], today: dt.date) -> dict[int, str]:
    """What a person knows of each entry (minutes, the day spent, the session, when logged), by entry id."""
    labels = {}
    for r in entries.itertuples():
        day = date_text(dt.date.fromisoformat(r.logged_on), today, weekday=True)
        logged = instant_text(dt.datetime.fromisoformat(r.created_at), today)
        labels[int(r.id)] = f"{r.minutes} min on {day} — {names.get(r.session_id, r.session_id)} (logged {logged})"
    return labels


def time_log_section(entries: pd.DataFrame, names: dict[str, str], today: dt.date) -> None:
    """The latest entries as a table, and the form that corrects or removes one of them."""
    if entries.empty:
        st.caption("No time logged yet.")
        return
    latest = entries.iloc[::-1].head(ENTRIES_SHOWN)
    shown = latest.assign(session=latest["session_id"].map(names))[["id", "logged_on", "session", "minutes", "note"]]
    dataframe(shown, labels={"logged_on": "Day", "minutes": "Minutes", "note": "Note"})
    if len(entries) > len(latest):
        st.caption(f"The {len(latest)} latest of {len(entries)} entries.")
    st.markdown("**Correct or remove an entry**")
    labels = entry_labels(latest, names, today)
    # Outside the form, so picking an entry reruns and the correction starts from its current minutes.
    entry_id = st.selectbox("Entry", list(labels), format_func=labels.get, key="curriculum_fix_entry")
    current_minutes = int(latest.set_index("id").loc[entry_id, "minutes"])
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
                problem = "Tick 'Yes, remove this entry' to remove it."
            elif action == "Remove entry":
                _, problem = write(time_log.remove_time, entry_id)
            else:
                _, problem = write(time_log.correct_time, entry_id, minutes=new_minutes)
            error_or_rerun(problem)


def beyond_the_days(cur: Curriculum) -> None:
    """Objectives, resources and the programme's close, built only while their expander is open."""
    more = st.expander(
        "Beyond the days: objectives, resources, your interview stack", key="curriculum_beyond", on_change="rerun"
    )
    if not more.open:
        return
    with more:
        st.markdown("**This week's focus**\n" + "\n".join(f"- {f}" for f in cur.focus))
        st.markdown("**Deliverables**\n" + "\n".join(f"- {f}" for f in cur.week_deliverables))
        st.markdown(f"**Deep dive:** {cur.deep_dive.title} — {cur.deep_dive.note}")
        st.markdown(
            "**Learning objectives**\n" + "\n".join(f"{i}. {o}" for i, o in enumerate(cur.learning_objectives, 1))
        )
        for group in cur.recommended_resources:
            st.markdown(
                f"**{group.group}**\n"
                + "\n".join(
                    f"- {r.title}{' — ' + r.note if r.note else ''}" + (f" ({r.url})" if r.url else "")
                    for r in group.items
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
