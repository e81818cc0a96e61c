"""Charts of mock-interview reviews: DataFrame in, Plotly figure (or ``NoData``) out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.core import clock
from lib.core.figures import (
    ACCENT,
    BAD_COLOR,
    DONE_COLOR,
    EXTRA_COLOR,
    TARGET_COLOR,
    WARN_COLOR,
    NoData,
    date_axis,
    local_times,
)
from lib.core.figures import layout as _base_layout
from lib.media.checklist import SCORE_DIMENSIONS

DIMENSION_COLORS = {"clarity": ACCENT, "structure": DONE_COLOR, "confidence": WARN_COLOR, "eye_contact": EXTRA_COLOR}

NO_SCORES = NoData("Checklist scores over time appear once you review a take (Recordings → Watch & review).")
NO_FILLERS = NoData("Filler words per review appear once you review a take.")
NO_IMPROVEMENTS = NoData("The things you most often want to improve appear once a review names one.")
NO_TAKES = NoData("Each take's length against its target appears once you record a take (Mock interview).")


def _layout(fig: go.Figure, title: str, height: int = 340, **titles: str) -> go.Figure:
    return _base_layout(fig, title, height, legend_y=-0.3, **titles)


def _local_times(stamps: pd.Series) -> list:
    """Stored UTC instants as naive local datetimes: plotly draws a datetime as it is, ignoring its zone."""
    return local_times(stamps)


def scores_over_time(reviews: pd.DataFrame) -> go.Figure | NoData:
    """Each checklist score (1-5) over time: solid for self reviews, dotted markers for partners'."""
    if reviews.empty:
        return NO_SCORES
    fig = go.Figure()
    for source, dash, suffix in (("self", "solid", ""), ("partner", "dot", " (partner)")):
        part = reviews[reviews["source"] == source].sort_values(["created_at", "id"])
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
    fig.update_layout(yaxis=dict(range=[0.5, 5.5], dtick=1))
    date_axis(fig, _local_times(reviews["created_at"]))
    return _layout(fig, "Review scores over time", x_title="day reviewed", y_title="score (1-5)")


def filler_words_over_time(reviews: pd.DataFrame) -> go.Figure | NoData:
    """Filler words counted in each review."""
    if reviews.empty:
        return NO_FILLERS
    fig = go.Figure()
    ordered = reviews.sort_values(["created_at", "id"])
    times = _local_times(ordered["created_at"])
    fig.add_bar(name="Filler words", x=times, y=ordered["filler_words"], marker_color=BAD_COLOR)
    date_axis(fig, times)
    return _layout(fig, "Filler words (um, uh, like) per review", 280, x_title="day reviewed", y_title="filler words")


def recurring_improvements(counts: pd.DataFrame, top: int = 10) -> go.Figure | NoData:
    """How often each thing to improve was named, most frequent on top."""
    if counts.empty:
        return NO_IMPROVEMENTS
    fig = go.Figure()
    shown = counts.head(top).iloc[::-1]
    fig.add_bar(x=shown["count"], y=shown["improvement"], orientation="h", marker_color=WARN_COLOR, name="times named")
    fig.update_layout(xaxis=dict(dtick=1))
    return _layout(
        fig,
        "Recurring things to improve",
        max(280, 40 * min(top, len(counts)) + 120),
        x_title="times named",
        y_title="thing to improve",
    )


def duration_vs_target(takes: pd.DataFrame) -> go.Figure | NoData:
    """Each take's length against its target time, in minutes."""
    ok = takes[takes["status"] == "ok"] if len(takes) else takes
    if ok.empty:
        return NO_TAKES
    fig = go.Figure()
    ordered = ok.sort_values("created_at")
    labels = ordered["created_at"].map(clock.local_text) + " #" + ordered["id"].astype(str)
    fig.add_bar(name="Target", x=labels, y=ordered["target_seconds"] / 60, marker_color=TARGET_COLOR, opacity=0.45)
    fig.add_bar(name="Recorded", x=labels, y=ordered["duration_s"] / 60, marker_color=ACCENT)
    fig.update_layout(barmode="overlay")
    return _layout(fig, "Take length vs target", 300, x_title="take", y_title="minutes")
