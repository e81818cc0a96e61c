"""Curriculum charts for the Overview and Curriculum pages: DataFrame in, Plotly figure (or ``NoData``) out."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from lib.core import clock
from lib.core.figures import ACCENT, DONE_COLOR, TARGET_COLOR, NoData, date_axis, layout

NO_HOURS = NoData("Hours per day against each day's target appear once you log time (Curriculum → Time log).")
NO_WEEK_HOURS = NoData(
    "Your running total for the week against the {target:g}-hour line appears once you log time in the week "
    "(Curriculum → Time log)."
)
NO_ACTIVITIES = NoData("Activities done per day appear once you tick an activity (Curriculum → Plan).")


def hours_per_day(progress: pd.DataFrame) -> go.Figure | NoData:
    """Hours logged per day of the plan against each day's target."""
    if not len(progress) or float(progress["hours"].sum()) <= 0:
        return NO_HOURS
    fig = go.Figure()
    fig.add_bar(name="Target", x=progress["day"], y=progress["target_hours"], marker_color=TARGET_COLOR, opacity=0.45)
    fig.add_bar(name="Logged", x=progress["day"], y=progress["hours"].round(2), marker_color=ACCENT)
    fig.update_layout(barmode="overlay")
    return layout(fig, "Hours per day vs target", x_title="day of the plan", y_title="hours")


def cumulative_hours(daily: pd.DataFrame, target: float, start: dt.date) -> go.Figure | NoData:
    """Running total of the hours logged Monday to Sunday of the plan's week, against the week's target line."""
    days = [start + dt.timedelta(days=i) for i in range(7)]
    logged = pd.to_datetime(daily["logged_on"]).dt.date if len(daily) else pd.Series(dtype=object)
    per_day = daily.assign(day=logged).groupby("day")["hours"].sum() if len(daily) else pd.Series(dtype=float)
    hours = [float(per_day.get(d, 0.0)) for d in days]
    if sum(hours) <= 0:
        return NoData(NO_WEEK_HOURS.note.format(target=target))
    today = clock.today()
    # The line stops at today: the days still ahead have nothing logged yet, not zero.
    shown = [d for d in days if d <= today] or days[:1]
    running = pd.Series(hours).cumsum().round(2).to_list()[: len(shown)]
    fig = go.Figure()
    fig.add_scatter(name="Logged (cumulative)", x=shown, y=running, mode="lines+markers", line_color=ACCENT)
    fig.add_scatter(
        name=f"{target:g} h target",
        x=[days[0], days[-1]],
        y=[target, target],
        mode="lines",
        line=dict(color=TARGET_COLOR, dash="dash"),
    )
    fig.update_layout(yaxis_range=[0, max(target, max(running)) * 1.1])
    date_axis(fig, days)
    return layout(fig, f"Cumulative hours this week vs {target:g}", x_title="day", y_title="hours")


def activities_per_day(progress: pd.DataFrame) -> go.Figure | NoData:
    """Activities done per day out of the day's total."""
    if not len(progress) or int(progress["activities_done"].sum()) == 0:
        return NO_ACTIVITIES
    fig = go.Figure()
    fig.add_bar(name="Done", x=progress["day"], y=progress["activities_done"], marker_color=DONE_COLOR)
    fig.add_bar(
        name="Remaining",
        x=progress["day"],
        y=progress["activities_total"] - progress["activities_done"],
        marker_color=TARGET_COLOR,
        opacity=0.45,
    )
    fig.update_layout(barmode="stack")
    return layout(fig, "Activities done per day", x_title="day of the plan", y_title="activities")
