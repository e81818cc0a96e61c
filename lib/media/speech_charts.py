"""Charts of delivery metrics: pace against the 130–160 wpm band, pauses in a take, trends across takes."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lib.core.figures import (
    ACCENT,
    DONE_COLOR,
    FONT,
    TARGET_COLOR,
    TEXT_COLOR,
    WARN_COLOR,
    NoData,
    date_axis,
    layout,
    local_times,
)
from lib.media.speech import LONG_PAUSE_S, PACE_RANGE_WPM, Analysis

GOOD = DONE_COLOR
WARN = WARN_COLOR
SPEECH = ACCENT
BAND = "rgba(46,125,50,0.12)"

NO_TRENDS = NoData("Pace, filler words and talk time across takes appear once a take has been analysed.")


def pace_gauge(wpm: float) -> go.Figure:
    """A gauge of words per minute with the conversational 130–160 band marked."""
    low, high = PACE_RANGE_WPM
    top = max(220, wpm * 1.1)
    fig = go.Figure(
        go.Indicator(
            mode="gauge+number",
            value=wpm,
            number={"suffix": " wpm"},
            title={"text": f"Pace · aim {low}–{high} wpm", "font": {"size": 14}},
            gauge={
                "axis": {"range": [0, top]},
                "bar": {"color": GOOD if low <= wpm <= high else WARN},
                "steps": [
                    {"range": [0, low], "color": "#fff3e0"},
                    {"range": [low, high], "color": "#c8e6c9"},
                    {"range": [high, top], "color": "#fff3e0"},
                ],
            },
        )
    )
    fig.update_layout(
        height=260, margin={"l": 30, "r": 30, "t": 60, "b": 10}, font={"family": FONT, "color": TEXT_COLOR}
    )
    return fig


def latest_pause_timeline(latest: dict) -> go.Figure:
    """``pause_timeline`` of a take's latest analysis (a row of ``analysis_jobs.latest_analysis``)."""
    return pause_timeline(latest["result"])


def pause_timeline(result: Analysis) -> go.Figure:
    """Speech stretches and long pauses of one take along its time axis."""
    fig = go.Figure()
    segments = result.speech_segments
    fig.add_trace(
        go.Bar(
            name="Speaking",
            orientation="h",
            y=["Take"] * len(segments),
            base=[a for a, _ in segments],
            x=[b - a for a, b in segments],
            marker_color=SPEECH,
            hovertemplate="speaking %{base:.1f}–%{customdata:.1f} s<extra></extra>",
            customdata=[b for _, b in segments],
        )
    )
    pauses = result.long_pauses
    fig.add_trace(
        go.Bar(
            name=f"Pause ≥ {LONG_PAUSE_S:g} s",
            orientation="h",
            y=["Take"] * len(pauses),
            base=[p.start_s for p in pauses],
            x=[p.duration_s for p in pauses],
            marker_color=WARN,
            text=[f"{p.duration_s:.1f} s" for p in pauses],
            textposition="inside",
            hovertemplate="pause at %{base:.1f} s: %{x:.1f} s<extra></extra>",
        )
    )
    fig.update_layout(
        barmode="overlay",
        xaxis={"range": [0, max(result.duration_s, 1)]},
        yaxis={"visible": False},
    )
    layout(fig, "Speaking and long pauses in this take", 220, legend_y=-0.45, x_title="seconds into the take")
    # Both kinds of bar are explained even when the take had no long pause.
    fig.update_layout(showlegend=True)
    return fig


def delivery_trends(df: pd.DataFrame) -> go.Figure | NoData:
    """Across takes: words per minute, fillers per minute and talk time against each take's target."""
    if df.empty:
        return NO_TRENDS
    fig = make_subplots(
        rows=3,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.08,
        subplot_titles=("Pace (wpm)", "Filler words per minute", "Talk time vs target (min)"),
    )
    # Stored UTC instants as local wall-clock times: plotly draws a datetime as it is, ignoring its zone.
    x = pd.Series(local_times(df["created_at"]), index=df.index)
    low, high = PACE_RANGE_WPM
    fig.add_hrect(y0=low, y1=high, fillcolor=BAND, line_width=0, row=1, col=1)
    fig.add_trace(
        go.Scatter(x=x, y=df["wpm"], mode="lines+markers", name="wpm", text=df["title"], marker_color=SPEECH),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=df["fillers_per_min"],
            mode="lines+markers",
            name="fillers / min",
            text=df["title"],
            marker_color=WARN,
        ),
        row=2,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=x, y=df["speaking_s"] / 60, mode="lines+markers", name="talk time", text=df["title"], marker_color=GOOD
        ),
        row=3,
        col=1,
    )
    has_target = df["target_high_s"].notna()
    for column, name in (("target_low_s", "target (min)"), ("target_high_s", "target (max)")):
        fig.add_trace(
            go.Scatter(
                x=x[has_target],
                y=df.loc[has_target, column] / 60,
                mode="markers",
                name=name,
                marker={"symbol": "line-ew-open", "size": 18, "color": TARGET_COLOR},
            ),
            row=3,
            col=1,
        )
    layout(fig, "Delivery across takes", 600, legend_y=-0.08)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 80, "b": 10})
    for row, title in ((1, "wpm"), (2, "fillers / min"), (3, "minutes")):
        fig.update_yaxes(title_text=title, row=row, col=1)
        date_axis(fig, x, row=row, col=1)
    fig.update_xaxes(title_text="day recorded", row=3, col=1)
    return fig
