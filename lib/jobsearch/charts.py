"""Charts of the job search: DataFrame in, Plotly figure out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.core.figures import ACCENT, layout
from lib.core.figures import empty as _empty
from lib.jobsearch.stages import EXITS, STAGE_LABELS, STAGES

EXIT_COLOR = "#c62828"
MUTED = "#9aa0a6"


def _layout(fig: go.Figure, title: str, height: int = 340) -> go.Figure:
    return layout(fig, title, height, legend_y=None)


def pipeline_funnel(funnel: pd.DataFrame) -> go.Figure:
    """Applications that ever reached each stage (from ``funnel.funnel_counts``)."""
    fig = go.Figure(
        go.Funnel(
            name="Reached",
            y=funnel["label"],
            x=funnel["reached"],
            textinfo="value+percent initial",
            marker_color=ACCENT,
        )
    )
    if int(funnel["reached"].sum()) == 0:
        _empty(fig, "No applications yet")
    return _layout(fig, "Funnel: applications that ever reached each stage", 380)


def conversion_bars(funnel: pd.DataFrame) -> go.Figure:
    """Conversion from each stage to the next, as a percentage."""
    steps = funnel.iloc[1:]
    labels = [f"{a} → {b}" for a, b in zip(funnel["label"].iloc[:-1], steps["label"], strict=False)]
    values = [None if v is None or pd.isna(v) else round(float(v) * 100, 1) for v in steps["conversion"]]
    fig = go.Figure(
        go.Bar(
            name="Conversion",
            x=labels,
            y=values,
            marker_color=ACCENT,
            text=[f"{v:g}%" if v is not None else "–" for v in values],
        )
    )
    fig.update_layout(yaxis_title="% of the stage before", yaxis_range=[0, 105])
    return _layout(fig, "Conversion per step")


def stage_sankey(flows: pd.DataFrame) -> go.Figure:
    """Flows from each stage to the next, exits (rejected, withdrawn, no response) in red."""
    order = [s for s in (*STAGES, *EXITS) if s in set(flows["source"]) | set(flows["target"])]
    index = {s: i for i, s in enumerate(order)}
    colors = [EXIT_COLOR if s in EXITS else ACCENT for s in order]
    fig = go.Figure(
        go.Sankey(
            arrangement="snap",
            node=dict(label=[STAGE_LABELS.get(s, s) for s in order], color=colors, pad=18, thickness=16),
            link=dict(
                source=[index[s] for s in flows["source"]],
                target=[index[t] for t in flows["target"]],
                value=[int(v) for v in flows["count"]],
                color=["rgba(198,40,40,0.35)" if t in EXITS else "rgba(31,119,180,0.3)" for t in flows["target"]],
            ),
        )
    )
    if flows.empty:
        _empty(fig, "No stage changes yet")
    return _layout(fig, "Where applications went: stage-to-stage flows", 420)


def applications_per_week(weekly: pd.DataFrame) -> go.Figure:
    """Applications sent per week."""
    fig = go.Figure(go.Bar(name="Applications", x=weekly["week"], y=weekly["applications"], marker_color=ACCENT))
    if weekly.empty:
        _empty(fig, "No applications sent yet")
    fig.update_layout(xaxis_title="week starting", yaxis_title="applications")
    return _layout(fig, "Applications per week")


def time_in_stage(table: pd.DataFrame) -> go.Figure:
    """Average and median days spent in each stage."""
    fig = go.Figure()
    fig.add_bar(name="Average days", x=table["label"], y=table["mean_days"].round(1), marker_color=ACCENT)
    fig.add_bar(name="Median days", x=table["label"], y=table["median_days"].round(1), marker_color=MUTED)
    if table.empty:
        _empty(fig, "No stage history yet")
    fig.update_layout(barmode="group", yaxis_title="days", legend=dict(orientation="h", y=-0.2))
    return _layout(fig, "Time in each stage")


def contact_funnel(funnel: pd.DataFrame) -> go.Figure:
    """Contacted → replied → chatted → referral."""
    fig = go.Figure(
        go.Funnel(
            name="Contacts",
            y=funnel["label"],
            x=funnel["contacts"],
            textinfo="value+percent initial",
            marker_color=ACCENT,
        )
    )
    if int(funnel["contacts"].sum()) == 0:
        _empty(fig, "No outreach yet")
    return _layout(fig, "Networking funnel")
