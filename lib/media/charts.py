"""Charts of mock-interview reviews: DataFrame in, Plotly figure (or ``NoData``) out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.core.figures import (
    ACCENT,
    BAD_COLOR,
    DONE_COLOR,
    EXTRA_COLOR,
    TARGET_COLOR,
    WARN_COLOR,
    NoData,
    date_axis,
    hover_texts,
    local_times,
    short_labels,
)
from lib.core.figures import layout as _base_layout
from lib.media.checklist import SCORE_DIMENSIONS

DIMENSION_COLORS = {"clarity": ACCENT, "structure": DONE_COLOR, "confidence": WARN_COLOR, "eye_contact": EXTRA_COLOR}

NO_SCORES = NoData("Checklist scores over time appear once you review a take (Recordings → Watch & review).")
NO_FILLERS = NoData("Filler words per review appear once you review a take.")
NO_IMPROVEMENTS = NoData("The things you most often want to improve appear once a review names one.")
NO_TAKES = NoData(
    "Each take's length against its target time appears once you record a take with a target (Mock interview)."
)


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
    # Short labels on the axis leave the bars room at phone width; the whole text is in the hover.
    fig.add_bar(
        x=shown["count"],
        y=short_labels(shown["improvement"]),
        orientation="h",
        marker_color=WARN_COLOR,
        name="times named",
        customdata=hover_texts(shown["improvement"]),
        hovertemplate="%{customdata}: %{x}<extra></extra>",
    )
    fig.update_layout(xaxis=dict(dtick=1))
    return _layout(
        fig,
        "Recurring things to improve",
        max(280, 44 * min(top, len(counts)) + 120),
        x_title="times named",
        y_title="to improve",
    )


def duration_vs_target(takes: pd.DataFrame) -> go.Figure | NoData:
    """Each take's length as a share of its target time, by the day it was recorded."""
    ok = takes[(takes["status"] == "ok") & (takes["target_seconds"] > 0)] if len(takes) else takes
    if ok.empty:
        return NO_TAKES
    fig = go.Figure()
    ordered = ok.sort_values(["created_at", "id"])
    shares = (100 * ordered["duration_s"] / ordered["target_seconds"]).round(0)
    # A share of each take's own target: a 2-minute answer and a 90-minute mock read on one scale, and the
    # takes sit on a date axis (day or week ticks), not under labels made of their timestamps.
    local = ordered.assign(when=local_times(ordered["created_at"]))
    for label, part in local.groupby("mode_label", sort=False):
        fig.add_scatter(
            name=str(label),
            x=part["when"],
            y=(100 * part["duration_s"] / part["target_seconds"]).round(0),
            mode="markers",
            marker_size=10,
            customdata=(part[["duration_s", "target_seconds"]] / 60).round(1).to_numpy(),
            hovertemplate="%{customdata[0]} of %{customdata[1]} min (%{y}%)<extra></extra>",
        )
    fig.add_hline(y=100, line_dash="dash", line_color=TARGET_COLOR, annotation_text="target")
    # From a little under zero, so a take far too short shows as a whole dot rather than half of one.
    fig.update_yaxes(range=[-10, max(115.0, float(shares.max()) * 1.1 if shares.notna().any() else 0.0)])
    date_axis(fig, local["when"])
    return _layout(fig, "Take length vs target", 300, x_title="day recorded", y_title="% of target time")
