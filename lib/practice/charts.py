"""Practice charts: DataFrame in, Plotly figure (or ``NoData``) out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.core.figures import ACCENT, DONE_COLOR, EXTRA_COLOR, TARGET_COLOR, WARN_COLOR, NoData, date_axis, local_times
from lib.core.figures import layout as _layout

MARKED_REVIEWS = 30  # past this many reviews the trend is a line without a marker per review
# A tick per review while a handful fit side by side at phone width (390 px); past that Plotly picks
# round steps (5, 10, ...), at most MAX_TICKS of them, or the numbers overprint into a smear.
TICKED_REVIEWS = 8
MAX_TICKS = 8
DIMENSION_COLORS = {"Structure": ACCENT, "Clarity": DONE_COLOR, "Depth": WARN_COLOR, "AI specifics": EXTRA_COLOR}

NO_PLAN = NoData(
    "Answers per question type against the week's plan appear once you submit an answer (Practice → Answer)."
)
NO_REVIEWS = NoData("Your self-rating per dimension over time appears once you review a submitted answer.")
NO_TIMES = NoData("Time taken against each question's target appears once you submit a timed answer.")
NO_RICE = NoData("RICE scores appear once you add a feature and rank it.")


def attempts_vs_plan(plan: pd.DataFrame) -> go.Figure | NoData:
    """Attempts per question type against the week's plan."""
    if not len(plan) or int(plan["attempts"].sum()) == 0:
        return NO_PLAN
    fig = go.Figure()
    fig.add_bar(name="Planned", x=plan["label"], y=plan["planned"], marker_color=TARGET_COLOR, opacity=0.45)
    fig.add_bar(name="Attempts", x=plan["label"], y=plan["attempts"], marker_color=ACCENT)
    fig.update_layout(barmode="group")
    return _layout(fig, "Answers per type vs the week's plan", x_title="question type", y_title="answers")


def rating_trend(trend: pd.DataFrame) -> go.Figure | NoData:
    """Self-rating per dimension over the reviews, with the running mean of the last three."""
    if trend.empty:
        return NO_REVIEWS
    fig = go.Figure()
    # A tick and a marker per review only while they fit: one tick per review over hundreds of
    # reviews keeps the browser busy for minutes laying out their labels.
    reviews = int(trend.groupby("dimension").size().max())
    few = reviews <= MARKED_REVIEWS
    for dim, part in trend.groupby("dimension", sort=False):
        part = part.reset_index(drop=True)
        smooth = part["rating"].rolling(3, min_periods=1).mean().round(2)
        fig.add_scatter(
            name=dim,
            x=part.index + 1,
            y=smooth,
            mode="lines+markers" if few else "lines",
            line_color=DIMENSION_COLORS.get(dim),
        )
    fig.update_layout(yaxis_range=[0.5, 5.5])
    if reviews <= TICKED_REVIEWS:
        fig.update_xaxes(dtick=1)
    else:
        fig.update_xaxes(nticks=MAX_TICKS, tickformat="d")
    return _layout(fig, "Self-rating trend per dimension", x_title="review #", y_title="rating (mean of last 3)")


def time_vs_target(times: pd.DataFrame) -> go.Figure | NoData:
    """Minutes taken as a share of the question's target, per attempt over time, one line per type."""
    if times.empty:
        return NO_TIMES
    fig = go.Figure()
    local = times.assign(day=local_times(times["submitted_at"]))
    for label, part in local.sort_values("day").groupby("type_label", sort=False):
        share = (100 * part["minutes_taken"] / part["target_minutes"]).round(0)
        fig.add_scatter(
            name=label,
            x=part["day"],
            y=share,
            mode="markers",
            marker_size=10,
            customdata=part[["minutes_taken", "target_minutes"]].to_numpy(),
            hovertemplate="%{customdata[0]} of %{customdata[1]} min (%{y}%)<extra></extra>",
        )
    fig.add_hline(y=100, line_dash="dash", line_color=TARGET_COLOR, annotation_text="target")
    date_axis(fig, local["day"])
    return _layout(fig, "Time taken vs target", x_title="day answered", y_title="% of target time")


def rice_scores(ranked: pd.DataFrame) -> go.Figure | NoData:
    """RICE scores as horizontal bars, highest at the top."""
    if ranked.empty:
        return NO_RICE
    fig = go.Figure()
    ordered = ranked.iloc[::-1]
    fig.add_bar(x=ordered["score"], y=ordered["feature"], orientation="h", marker_color=ACCENT, name="RICE")
    return _layout(
        fig,
        "RICE score",
        height=max(260, 60 + 36 * len(ranked)),
        x_title="score = reach × impact × confidence ÷ effort",
        y_title="feature",
    )
