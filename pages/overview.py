"""Overview: what to do next and where the week stands first; the plan, what is due and readiness below."""

import streamlit as st

from lib import ui
from lib.core import clock
from lib.core.dates import date_text
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
hours = float(days["hours"].sum())
left, right = st.columns([3, 2])
with left:
    st.subheader("Today")
    day = plan["day"]
    if day is None:
        start = plan["week_start"]
        if plan["offset"] < 0:
            ui.info(
                f"Your week starts on {date_text(start, today, weekday=True)}. "
                "Change the start date on the Curriculum page."
            )
        else:
            st.success("The week's plan is behind you. Keep applying, networking and rehearsing what is due.")
    else:
        st.markdown(
            f"**{day.label} — {day.title}**\n\n"
            + "\n".join(f"- {s.name} ({s.hours_label}): {s.topic}" for s in plan["sessions"])
        )
        if plan["remaining"]:
            st.markdown("**Still to do today**\n\n" + "\n".join(f"- {ui.text(a.text)}" for a in plan["remaining"]))
        else:
            st.success("Every activity for today is done.")
    ui.page_link("curriculum", "Open the plan and log time")

with right:
    st.subheader("Hours this week")
    st.metric(f"Logged of the {cur.total_target_hours:g} h target", f"{hours:.1f} h")
    st.progress(min(hours / cur.total_target_hours, 1.0), text=f"{hours / cur.total_target_hours:.0%} of the week")

st.subheader("Progress tracking")
table = days.assign(
    hours_completed=days.apply(lambda r: f"{r['hours']:.1f} / {r['target_hours']:g}", axis=1),
    status_label=days["status"].map(progress.status_label),
)[["day", "topic", "hours_completed", "status_label"]]
ui.table(table, labels={"hours_completed": "Hours completed", "status_label": "Status"})
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
            st.markdown(f"**{part.title}**" + (" ✅" if part.done else ""))
            st.progress(part.progress, text=ui.text(part.have))
            st.caption(f"Counts: {ui.text(part.counts)}")
            if part.missing:
                st.caption("Missing: " + ui.text("; ".join(part.missing)))
            st.caption(f"Next: {ui.text(part.action)}")
            ui.page_link(part.page)
