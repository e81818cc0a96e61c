"""Curriculum charts for the Overview and Curriculum pages: DataFrame in, Plotly figure out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.core.figures import ACCENT, DONE_COLOR, TARGET_COLOR, empty, layout


def hours_per_day(progress: pd.DataFrame) -> go.Figure:
    """Hours logged per day of the plan against each day's target."""
    fig = go.Figure()
    fig.add_bar(name="Target", x=progress["day"], y=progress["target_hours"], marker_color=TARGET_COLOR, opacity=0.45)
    fig.add_bar(name="Logged", x=progress["day"], y=progress["hours"].round(2), marker_color=ACCENT)
    fig.update_layout(barmode="overlay", yaxis_title="hours")
    return layout(fig, "Hours per day vs target")


def cumulative_hours(daily: pd.DataFrame, target: float) -> go.Figure:
    """Running total of hours across the dates logged, against the week's target line."""
    fig = go.Figure()
    if len(daily):
        fig.add_scatter(
            name="Logged (cumulative)",
            x=daily["logged_on"],
            y=daily["cumulative_hours"].round(2),
            mode="lines+markers",
            line_color=ACCENT,
        )
        fig.add_hline(y=target, line_dash="dash", line_color=TARGET_COLOR, annotation_text=f"{target:g} h target")
    else:
        empty(fig, "No time logged yet")
    fig.update_layout(
        yaxis_title="hours",
        yaxis_range=[0, max(target, float(daily["cumulative_hours"].max()) if len(daily) else 0) * 1.1],
    )
    return layout(fig, f"Cumulative hours vs {target:g}")


def activities_per_day(progress: pd.DataFrame) -> go.Figure:
    """Activities done per day out of the day's total."""
    fig = go.Figure()
    fig.add_bar(name="Done", x=progress["day"], y=progress["activities_done"], marker_color=DONE_COLOR)
    fig.add_bar(
        name="Remaining",
        x=progress["day"],
        y=progress["activities_total"] - progress["activities_done"],
        marker_color=TARGET_COLOR,
        opacity=0.45,
    )
    fig.update_layout(barmode="stack", yaxis_title="activities")
    return layout(fig, "Activities done per day")
