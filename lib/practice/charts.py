"""Practice charts: DataFrame in, Plotly figure out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.core.figures import ACCENT, TARGET_COLOR
from lib.core.figures import empty as _empty
from lib.core.figures import layout as _layout

DIMENSION_COLORS = {"Structure": "#1f77b4", "Clarity": "#2e7d32", "Depth": "#ff7f0e", "AI specifics": "#9467bd"}


def attempts_vs_plan(plan: pd.DataFrame) -> go.Figure:
    """Attempts per question type against the week's plan."""
    fig = go.Figure()
    fig.add_bar(name="Planned", x=plan["label"], y=plan["planned"], marker_color=TARGET_COLOR, opacity=0.45)
    fig.add_bar(name="Attempts", x=plan["label"], y=plan["attempts"], marker_color=ACCENT)
    fig.update_layout(barmode="group", yaxis_title="answers")
    return _layout(fig, "Answers per type vs the week's plan")


def rating_trend(trend: pd.DataFrame) -> go.Figure:
    """Self-rating per dimension over the reviews, with the running mean of the last three."""
    fig = go.Figure()
    if trend.empty:
        _empty(fig, "No self-reviews yet")
    for dim, part in trend.groupby("dimension", sort=False):
        part = part.reset_index(drop=True)
        smooth = part["rating"].rolling(3, min_periods=1).mean().round(2)
        fig.add_scatter(
            name=dim, x=part.index + 1, y=smooth, mode="lines+markers", line_color=DIMENSION_COLORS.get(dim)
        )
    fig.update_layout(xaxis_title="review #", yaxis_title="rating (mean of last 3)", yaxis_range=[0.5, 5.5])
    return _layout(fig, "Self-rating trend per dimension")


def time_vs_target(times: pd.DataFrame) -> go.Figure:
    """Minutes taken as a share of the question's target, per attempt over time, one line per type."""
    fig = go.Figure()
    if times.empty:
        return _layout(_empty(fig, "No answers yet"), "Time taken vs target")
    for label, part in times.sort_values("submitted_at").groupby("type_label", sort=False):
        share = (100 * part["minutes_taken"] / part["target_minutes"]).round(0)
        fig.add_scatter(
            name=label,
            x=part["submitted_at"],
            y=share,
            mode="markers",
            marker_size=10,
            customdata=part[["minutes_taken", "target_minutes"]].to_numpy(),
            hovertemplate="%{customdata[0]} of %{customdata[1]} min (%{y}%)<extra></extra>",
        )
    fig.add_hline(y=100, line_dash="dash", line_color=TARGET_COLOR, annotation_text="target")
    fig.update_layout(yaxis_title="% of target time")
    return _layout(fig, "Time taken vs target")


def rice_scores(ranked: pd.DataFrame) -> go.Figure:
    """RICE scores as horizontal bars, highest at the top."""
    fig = go.Figure()
    if ranked.empty:
        return _layout(_empty(fig, "Add features to score"), "RICE score")
    ordered = ranked.iloc[::-1]
    fig.add_bar(x=ordered["score"], y=ordered["feature"], orientation="h", marker_color=ACCENT, name="RICE")
    fig.update_layout(xaxis_title="score = reach × impact × confidence ÷ effort")
    return _layout(fig, "RICE score", height=max(260, 60 + 36 * len(ranked)))
