"""The Overview's first screen: the "Next" card, the four headline numbers, today's plan in brief, "Start here"."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from lib.core import clock
from lib.core.dates import date_text
from lib.plan.headline import FirstStep, Headline
from lib.plan.readiness import NextAction
from lib.ui.markup import markup, text
from lib.ui.messages import info
from lib.ui.navigation import PAGES
from lib.ui.routing import page_link

DEMO_DIR = "~/prep-demo"
# A done mark drawn from the icon font the app's other icons use, not an emoji a machine may lack.
DONE_MARK = markup(" :green[:material/check_circle:]")


def page_button(url_path: str, label: str, key: str, primary: bool = False) -> None:
    """A button that opens the app's page ``url_path`` (nothing when there is no such page)."""
    for spec in PAGES:
        if spec.url_path == url_path:
            if st.button(label, key=key, icon=spec.icon, type="primary" if primary else "secondary"):
                st.switch_page(spec.path)
            return


def next_card(step: NextAction | None) -> None:
    """The single most useful action, why, and the button that goes where it is done."""
    with st.container(border=True):
        st.subheader("Next", anchor="next")
        if step is None:
            st.markdown("Everything is on target. Rehearse, apply and follow up as things fall due.")
            return
        st.markdown(markup("**{}**  \n{}", step.text, step.why))
        page_button(step.page, "Do it now", "overview_next_go", primary=True)


def headline_metrics(h: Headline) -> None:
    """Hours against the week, rehearsals due, stories ready, the pipeline and its follow-ups."""
    follow_ups = f"{h.follow_ups_due} follow-up{'' if h.follow_ups_due == 1 else 's'} due"
    figures = (
        ("Hours this week", f"{h.hours:.1f} h", f"of {h.hours_target:g} h target"),
        ("Rehearsals due", str(h.rehearsals_due), "questions and stories"),
        ("Stories ready", str(h.stories_ready), f"of {h.stories_target}+ without findings"),
        ("Applications active", str(h.applications_active), follow_ups),
    )
    # The note under each number is context, not a change: no colour, no arrow.
    for column, (label, value, note) in zip(st.columns(len(figures)), figures, strict=True):
        column.metric(label, value, note, delta_color="off", delta_arrow="off", border=True)


def today_brief(plan: dict, today: dt.date | None = None) -> None:
    """Today's day of the plan on a line or two, with what is left of it."""
    day = plan["day"]
    if day is None:
        start = date_text(plan["week_start"], today or clock.today(), weekday=True)
        if plan["offset"] < 0:
            info(f"Your week starts on {start}. Change the start date on the Curriculum page.")
        else:
            st.markdown(
                f"**Today** · the week's plan (from {start}) is behind you. "
                "Keep applying, networking and rehearsing what is due."
            )
        return
    sessions = " · ".join(f"{s.name} ({s.hours_label}): {s.topic}" for s in plan["sessions"])
    left = len(plan["remaining"])
    status = f"{left} to-do{'' if left == 1 else 's'} left" if left else "every to-do done"
    st.markdown(f"**Today · {day.label} — {day.title}** · {status}  \n{sessions}")


def start_here(steps: list[FirstStep]) -> None:
    """The first steps in a new data directory, each with its button, and how to try the app on sample data."""
    with st.container(border=True):
        st.subheader("Start here", anchor="start-here")
        st.markdown("Nothing is stored yet. Four steps set up the week:")
        for n, step in enumerate(steps, start=1):
            words, button = st.columns([3, 1], vertical_alignment="center")
            tick = DONE_MARK if step.done else ""
            words.markdown(markup("**{}. {}**{}  \n{}", n, step.title, tick, step.why))
            with button:
                page_button(step.page, step.button, f"overview_start_{n}", primary=n == 1)
        st.markdown(
            "**Try it on sample data first?** Fill a separate data folder and start a second copy on it; "
            "yours stays untouched:"
        )
        st.code(
            f"PREP_DATA_DIR={DEMO_DIR} python3 -m lib demo\n"
            f"PREP_DATA_DIR={DEMO_DIR} python3 -m streamlit run app.py --server.port 8502",
            language="bash",
            wrap_lines=True,  # a phone shows the whole command rather than cutting it at the edge
        )


def still_to_do(plan: dict) -> None:
    """Today's to-dos by name (the first screen only counts them), and the way to the plan."""
    if plan["day"] is not None and plan["remaining"]:
        st.subheader("Still to do today")
        st.markdown("\n".join(f"- {text(a.text)}" for a in plan["remaining"]))
    page_link("curriculum", "Open the plan and log time")
