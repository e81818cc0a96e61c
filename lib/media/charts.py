"""Charts of mock-interview reviews: DataFrame in, Plotly figure out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.core import clock
from lib.core.figures import empty as _empty
from lib.core.figures import layout
from lib.media.checklist import SCORE_DIMENSIONS

DIMENSION_COLORS = {"clarity": "#1f77b4", "structure": "#2e7d32", "confidence": "#ef6c00", "eye_contact": "#8e24aa"}


def _layout(fig: go.Figure, title: str, height: int = 340) -> go.Figure:
    return layout(fig, title, height, legend_y=-0.25)


def _local_times(stamps: pd.Series) -> list:
    """Stored UTC instants as naive local datetimes: plotly draws a datetime as it is, ignoring its zone."""
    return [clock.local(v).replace(tzinfo=None) for v in stamps]


def scores_over_time(reviews: pd.DataFrame) -> go.Figure:
    """Each checklist score (1-5) over time: solid for self reviews, dotted markers for partners'."""
    fig = go.Figure()
    if reviews.empty:
        _empty(fig, "No reviews yet")
    for source, dash, suffix in (("self", "solid", ""), ("partner", "dot", " (partner)")):
        part = reviews[reviews["source"] == source].sort_values(["created_at", "id"]) if len(reviews) else reviews
        if part.empty:
            continue
        for name, label in SCORE_DIMENSIONS.items():
            fig.add_scatter(
                name=label + suffix,
                x=_local_times(part["created_at"]),
                y=part[name],
                mode="lines+markers",
                line=dict(color=DIMENSION_COLORS[name], dash=dash),
                legendgroup=name,
            )
    fig.update_layout(yaxis=dict(range=[0.5, 5.5], dtick=1, title="score"))
    return _layout(fig, "Review scores over time")


def filler_words_over_time(reviews: pd.DataFrame) -> go.Figure:
    """Filler words counted in each review."""
    fig = go.Figure()
    if reviews.empty:
        _empty(fig, "No reviews yet")
    else:
        ordered = reviews.sort_values(["created_at", "id"])
        fig.add_bar(
            name="Filler words",
            x=_local_times(ordered["created_at"]),
            y=ordered["filler_words"],
            marker_color="#c62828",
        )
    fig.update_layout(yaxis_title="count")
    return _layout(fig, "Filler words (um, uh, like) per review", height=280)


def recurring_improvements(counts: pd.DataFrame, top: int = 10) -> go.Figure:
    """How often each thing to improve was named, most frequent on top."""
    fig = go.Figure()
    if counts.empty:
        _empty(fig, "No things to improve named yet")
    else:
        shown = counts.head(top).iloc[::-1]
        fig.add_bar(
            x=shown["count"], y=shown["improvement"], orientation="h", marker_color="#ef6c00", name="times named"
        )
    fig.update_layout(xaxis=dict(title="times named", dtick=1))
    return _layout(fig, "Recurring things to improve", height=max(280, 40 * min(top, len(counts)) + 120))


def duration_vs_target(takes: pd.DataFrame) -> go.Figure:
    """Each take's length against its target time, in minutes."""
    fig = go.Figure()
    ok = takes[takes["status"] == "ok"] if len(takes) else takes
    if ok.empty:
        _empty(fig, "No takes yet")
    else:
        ordered = ok.sort_values("created_at")
        labels = ordered["created_at"].map(clock.local_text) + " #" + ordered["id"].astype(str)
        fig.add_bar(name="Target", x=labels, y=ordered["target_seconds"] / 60, marker_color="#9aa0a6", opacity=0.45)
        fig.add_bar(name="Recorded", x=labels, y=ordered["duration_s"] / 60, marker_color="#1f77b4")
        fig.update_layout(barmode="overlay")
    fig.update_layout(yaxis_title="minutes")
    return _layout(fig, "Take length vs target", height=300)
