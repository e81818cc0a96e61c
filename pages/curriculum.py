"""Curriculum: the week's plan day by day, time logging, activity ticks and progress charts."""

import streamlit as st

from lib import ui
from lib.core import clock
from lib.plan import curriculum, progress, time_log
from lib.ui import curriculum as parts

cur = curriculum.load_curriculum()
today = clock.today()
ui.page_header(
    "Curriculum",
    f"The {cur.total_target_hours:g}-hour week, day by day. "
    "Log time against a session, tick activities as you finish them.",
)

start = ui.query(curriculum.week_start, today)
parts.week_start_form(start, today)

names = parts.session_names(cur)
today_day = curriculum.day_for_date(cur, start, today)
default_session = (
    next((s.id for s in today_day.sessions if s.day_offset == (today - start).days), None) if today_day else None
)
st.subheader("Log time")
parts.log_form(names, default_session, today)

# Only the open tab is built: the charts and the time log cost the browser nothing until they are looked at.
tab_plan, tab_charts, tab_log = st.tabs(["Plan", "Charts", "Time log"], key="curriculum_tab", on_change="rerun")

if tab_plan.open:
    with tab_plan:
        by_day = ui.query(progress.progress_table).set_index("day_id")
        done = ui.query(progress.done_activities)
        for d in cur.days:
            parts.day_plan(d, by_day.loc[d.id], done, today_day is not None and d.id == today_day.id)

if tab_charts.open:
    with tab_charts:
        parts.hours_charts(cur, start)

if tab_log.open:
    with tab_log:
        parts.time_log_section(ui.query(time_log.current_time_entries), names, today)

parts.beyond_the_days(cur)
