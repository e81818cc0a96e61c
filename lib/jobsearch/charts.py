"""Charts of the job search: DataFrame in, Plotly figure (or ``NoData``) out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.core.figures import ACCENT, BAD_COLOR, TARGET_COLOR, NoData, date_axis, layout
from lib.jobsearch.stages import EXITS, STAGE_LABELS, STAGES

EXIT_COLOR = BAD_COLOR
MUTED = TARGET_COLOR

# Sankey node labels sit beside their node, in the gap to the next stage: at phone width (390 px) seven
# stages leave about 45 px a gap, room for a word of eight letters at the chart's small label size.
SHORT_STAGE_LABELS = {
    "wishlist": "Wishlist",
    "applied": "Applied",
    "recruiter_screen": "Screen",
    "hiring_manager": "Manager",
    "onsite": "Onsite",
    "offer": "Offer",
    "accepted": "Accepted",
    "rejected": "Rejected",
    "withdrawn": "Withdrew",
    "no_response": "No reply",
}
SANKEY_FONT = 10

NO_FUNNEL = NoData("How far your applications got appears once you add an application (Applications → Add).")
NO_CONVERSION = NoData("Conversion from each stage to the next appears once an application moves past Applied.")
NO_FLOWS = NoData("Where applications went, stage to stage, appears once you move an application to a new stage.")
NO_WEEKLY = NoData("Applications sent per week appear once an application leaves the wishlist.")
NO_STAGE_TIME = NoData("Days spent in each stage appear once you add an application.")
NO_OUTREACH = NoData("Your networking funnel appears once you log outreach to a contact (Networking → Add & log).")


def _layout(fig: go.Figure, title: str, height: int = 340, **titles: str) -> go.Figure:
    return layout(fig, title, height, legend_y=-0.25, **titles)


def _funnel(
    frame: pd.DataFrame, column: str, name: str, empty: NoData, title: str, height: int, **titles: str
) -> go.Figure | NoData:
    """A funnel of ``frame[column]`` by its labels, as counts and shares of the first step."""
    if not len(frame) or int(frame[column].sum()) == 0:
        return empty
    fig = go.Figure(
        go.Funnel(name=name, y=frame["label"], x=frame[column], textinfo="value+percent initial", marker_color=ACCENT)
    )
    return _layout(fig, title, height, **titles)


def pipeline_funnel(funnel: pd.DataFrame) -> go.Figure | NoData:
    """Applications that ever reached each stage (from ``funnel.funnel_counts``)."""
    return _funnel(
        funnel,
        "reached",
        "Reached",
        NO_FUNNEL,
        "Funnel: applications that ever reached each stage",
        380,
        x_title="applications",
        y_title="stage",
    )


def conversion_bars(funnel: pd.DataFrame) -> go.Figure | NoData:
    """Conversion from each stage to the next, as a percentage."""
    if len(funnel) < 2 or int(funnel["reached"].iloc[1:].sum()) == 0:
        return NO_CONVERSION
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
    fig.update_layout(yaxis_range=[0, 105])
    return _layout(fig, "Conversion per step", x_title="step", y_title="% of the stage before")


def stage_sankey(flows: pd.DataFrame) -> go.Figure | NoData:
    """Flows from each stage to the next, exits (rejected, withdrawn, no response) in red."""
    if flows.empty:
        return NO_FLOWS
    order = [s for s in (*STAGES, *EXITS) if s in set(flows["source"]) | set(flows["target"])]
    index = {s: i for i, s in enumerate(order)}
    colors = [EXIT_COLOR if s in EXITS else ACCENT for s in order]
    fig = go.Figure(
        go.Sankey(
            arrangement="snap",
            node=dict(
                label=[SHORT_STAGE_LABELS.get(s, s) for s in order],
                customdata=[STAGE_LABELS.get(s, s) for s in order],
                hovertemplate="%{customdata}: %{value}<extra></extra>",
                color=colors,
                pad=18,
                thickness=8,
            ),
            textfont=dict(size=SANKEY_FONT),
            link=dict(
                source=[index[s] for s in flows["source"]],
                target=[index[t] for t in flows["target"]],
                value=[int(v) for v in flows["count"]],
                color=["rgba(198,40,40,0.35)" if t in EXITS else "rgba(31,119,180,0.3)" for t in flows["target"]],
            ),
        )
    )
    fig.add_annotation(
        text="red: rejected, withdrawn or no response", showarrow=False, x=0, y=-0.08, xref="paper", yref="paper"
    )
    return _layout(fig, "Where applications went: stage-to-stage flows", 420)


def applications_per_week(weekly: pd.DataFrame) -> go.Figure | NoData:
    """Applications sent per week."""
    if weekly.empty:
        return NO_WEEKLY
    weeks = pd.to_datetime(weekly["week"])
    fig = go.Figure(go.Bar(name="Applications", x=weeks, y=weekly["applications"], marker_color=ACCENT))
    date_axis(fig, weeks, unit="week")
    return _layout(fig, "Applications per week", x_title="week starting", y_title="applications")


def time_in_stage(table: pd.DataFrame) -> go.Figure | NoData:
    """Average and median days spent in each stage."""
    if table.empty:
        return NO_STAGE_TIME
    fig = go.Figure()
    fig.add_bar(name="Average days", x=table["label"], y=table["mean_days"].round(1), marker_color=ACCENT)
    fig.add_bar(name="Median days", x=table["label"], y=table["median_days"].round(1), marker_color=MUTED)
    fig.update_layout(barmode="group")
    return _layout(fig, "Time in each stage", x_title="stage", y_title="days")


def contact_funnel(funnel: pd.DataFrame) -> go.Figure | NoData:
    """Contacted → replied → chatted → referral."""
    return _funnel(
        funnel, "contacts", "Contacts", NO_OUTREACH, "Networking funnel", 340, x_title="contacts", y_title="step"
    )
