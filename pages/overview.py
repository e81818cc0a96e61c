"""Overview: what to do next and where the week stands first; the plan, what is due and readiness below."""

import streamlit as st

from lib import ui
from lib.core import clock
from lib.plan import charts, curriculum, due, headline, progress, readiness
from lib.ui import overview as first_screen

cur = curriculum.load_curriculum()
today = clock.today()
ui.page_header(cur.title)

plan = ui.query(progress.today_plan, today)
days = ui.query(progress.progress_table)
ready_parts, next_step = ui.query(readiness.overview, today)

if ui.query(headline.has_nothing_yet):
    first_screen.start_here(ui.query(headline.first_steps))
else:
    first_screen.next_card(next_step)
    first_screen.headline_metrics(ui.query(headline.headline, today))
first_screen.today_brief(plan, today)

st.divider()
st.caption(cur.tagline + " " + cur.overview)
# The first screen has the hours, the numbers and today's sessions: below it, only what it does not show.
first_screen.still_to_do(plan)

st.subheader("Progress tracking")
table = days.assign(
    hours_completed=days.apply(lambda r: f"{r['hours']:.1f} / {r['target_hours']:g}", axis=1),
    status_label=days["status"].map(progress.status_label),
)[["day", "status_label", "hours_completed", "topic"]]
# Day, status and hours first: on a phone they fit beside each other, and the topic scrolls in after them.
ui.table(
    table,
    labels={"hours_completed": "Hours completed", "status_label": "Status"},
    column_config={"Topic": st.column_config.TextColumn(width="medium")},
)
st.caption(f"Total target hours: {cur.total_target_hours:g}")
ui.chart(ui.figure(charts.hours_per_day, ui.q(progress.progress_table)), key="overview_hours_chart")

st.subheader("Due")
items = ui.query(due.all_due, today)
if not items:
    st.caption("Nothing due today.")
if items:
    # The first 15, the next ones in an expander: after months of searching, hundreds can be overdue.
    ui.follow_up_list(items, today, with_kind=True, shown=15, noun="items due")

st.subheader("Readiness")
for row in (ready_parts[:3], ready_parts[3:]):
    for column, part in zip(st.columns(3), row, strict=False):
        with column:
            st.markdown(f"**{part.title}**" + (first_screen.DONE_MARK if part.done else ""))
            st.progress(part.progress, text=ui.text(part.have))
            st.caption(f"Counts: {ui.text(part.counts)}")
            if part.missing:
                st.caption("Missing: " + ui.text("; ".join(part.missing)))
            st.caption(f"Next: {ui.text(part.action)}")
            ui.page_link(part.page)
