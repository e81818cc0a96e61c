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
from lib.ui.cache import callback_error, figure, q, write_in_callback
from lib.ui.charts import chart
from lib.ui.messages import error, info, toast
from lib.ui.tables import dataframe, instant_text

ENTRIES_SHOWN = 100  # time entries in the table and the correction picker: the latest, which are the ones corrected
BADGES = {
    "done": ":green-badge[Done]",
    "in_progress": ":orange-badge[In progress]",
    "not_started": ":gray-badge[Not started]",
}


def session_names(cur: Curriculum) -> dict[str, str]:
    """'Mon · Morning Session — Product Sense Framework' by session id."""
    return {s.id: f"{d.short} · {s.name} — {s.topic}" for d in cur.days for s in d.sessions}


WEEK_ERROR = "curriculum_week_start_error"
FIX_ERROR = "curriculum_fix_error"


def _save_week_start() -> None:
    write_in_callback(WEEK_ERROR, set_week_start, st.session_state["curriculum_week_start"])


def _tick(day_id: str, activity_id: str, key: str) -> None:
    write_in_callback(f"curriculum_plan_error_{day_id}", progress.set_activity_done, activity_id, st.session_state[key])


def _set_status(day_id: str, key: str) -> None:
    write_in_callback(f"curriculum_plan_error_{day_id}", progress.set_day_status, day_id, st.session_state[key])


def _fix_entry() -> None:
    """Correct or remove the entry picked above the form (a callback)."""
    state = st.session_state
    entry_id = state["curriculum_fix_entry"]
    if state["curriculum_fix_action"] == "Remove entry" and not state["curriculum_fix_sure"]:
        state[FIX_ERROR] = "Tick 'Yes, remove this entry' to remove it."
    elif state["curriculum_fix_action"] == "Remove entry":
        write_in_callback(FIX_ERROR, time_log.remove_time, entry_id)
    else:
        write_in_callback(FIX_ERROR, time_log.correct_time, entry_id, minutes=state["curriculum_fix_minutes"])


def week_start_form(start: dt.date, today: dt.date) -> None:
    """The date of Day 1, which decides which day of the plan is today."""
    label = f"Week start: {date_text(start, today, weekday=True)}"
    with st.expander(label, icon=":material/event:"), st.form("curriculum_week_start_form"):
        st.date_input("Day 1 (Monday) of the week falls on", value=start, key="curriculum_week_start")
        st.form_submit_button("Save start date", on_click=_save_week_start)
        if problem := callback_error(WEEK_ERROR):
            error(problem)


LOG_ERROR = "curriculum_log_error"
LOG_MINUTES = 60  # the form's starting minutes, and what it returns to after a save


def _log_fields(session: str, today: dt.date) -> dict:
    """The log form's starting values by widget key."""
    return {
        "curriculum_log_session": session,
        "curriculum_log_minutes": LOG_MINUTES,
        "curriculum_log_date": today,
        "curriculum_log_note": "",
    }


def _log_time(default_session: str, today: dt.date) -> None:
    """Store the form's entry; once saved, the fields start over, and a refused entry stays to fix (a callback)."""
    state = st.session_state
    minutes = state["curriculum_log_minutes"]
    _, problem = write_in_callback(
        LOG_ERROR,
        time_log.log_time,
        state["curriculum_log_session"],
        minutes,
        state["curriculum_log_date"],
        state["curriculum_log_note"],
    )
    if not problem:
        toast(f"Logged {minutes} minutes")
        state.update(_log_fields(default_session, today))


def log_form(names: dict[str, str], default_session: str | None, today: dt.date) -> None:
    """Minutes against a session on a date, with an optional note."""
    sessions = list(names)
    start = default_session if default_session in names else sessions[0]
    # Starting values through session state, not the widgets' defaults, as the callback sets them after a save.
    for key, value in _log_fields(start, today).items():
        st.session_state.setdefault(key, value)
    # Written in the button's callback, before the page runs: the click costs one run, which shows the new hours.
    with st.form("curriculum_log_form"):
        c1, c2, c3 = st.columns([3, 1, 1])
        c1.selectbox("Session", sessions, format_func=names.get, key="curriculum_log_session")
        c2.number_input("Minutes", min_value=0, max_value=24 * 60, step=15, key="curriculum_log_minutes")
        c3.date_input("Date", key="curriculum_log_date")
        st.text_input("Note (optional)", key="curriculum_log_note")
        st.form_submit_button("Log time", type="primary", on_click=_log_time, args=(start, today))
        if problem := callback_error(LOG_ERROR):
            error(problem)


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
                key = f"curriculum_act_{a.id}"
                st.checkbox(a.text, value=a.id in done, key=key, on_change=_tick, args=(d.id, a.id, key))
        for deliverable in d.deliverables:
            info(deliverable, icon=":material/flag:")
        options = ["auto", *progress.DAY_STATUSES]
        current = row["status"] if row["status_source"] == "manual" else "auto"
        key = f"curriculum_status_{d.id}"
        st.selectbox(
            "Status",
            options,
            index=options.index(current),
            key=key,
            format_func=lambda s: "Derived from progress" if s == "auto" else progress.STATUS_LABELS[s],
            on_change=_set_status,
            args=(d.id, key),
        )
        if problem := callback_error(f"curriculum_plan_error_{d.id}"):
            error(problem)


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
        c1.number_input("Corrected minutes", min_value=0, max_value=24 * 60, step=5, key="curriculum_fix_minutes")
        c2.radio("Action", ["Correct minutes", "Remove entry"], key="curriculum_fix_action")
        c2.checkbox("Yes, remove this entry", key="curriculum_fix_sure")
        st.form_submit_button("Apply", on_click=_fix_entry)
        if problem := callback_error(FIX_ERROR):
            error(problem)


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
