"""Charts shared by the Overview and Curriculum pages: DataFrame in, Plotly figure out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.plan.curriculum import STATUS_LABELS

TARGET_COLOR = "#9aa0a6"
DONE_COLOR = "#2e7d32"
ACCENT = "#1f77b4"


def _layout(fig: go.Figure, title: str, height: int = 320) -> go.Figure:
    fig.update_layout(
        title=title, height=height, margin=dict(l=10, r=10, t=50, b=10), legend=dict(orientation="h", y=-0.2)
    )
    return fig


def hours_per_day(progress: pd.DataFrame) -> go.Figure:
    """Hours logged per day of the plan against each day's target."""
    fig = go.Figure()
    fig.add_bar(name="Target", x=progress["day"], y=progress["target_hours"], marker_color=TARGET_COLOR, opacity=0.45)
    fig.add_bar(name="Logged", x=progress["day"], y=progress["hours"].round(2), marker_color=ACCENT)
    fig.update_layout(barmode="overlay", yaxis_title="hours")
    return _layout(fig, "Hours per day vs target")


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
        fig.add_annotation(text="No time logged yet", showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_layout(
        yaxis_title="hours",
        yaxis_range=[0, max(target, float(daily["cumulative_hours"].max()) if len(daily) else 0) * 1.1],
    )
    return _layout(fig, f"Cumulative hours vs {target:g}")


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
    return _layout(fig, "Activities done per day")


def status_label(status: str) -> str:
    """Readable label for a day status code."""
    return STATUS_LABELS.get(status, status)
