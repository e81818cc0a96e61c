"""Shared look of every chart: colours, title and margins, the empty-figure note."""

from __future__ import annotations

import plotly.graph_objects as go

TARGET_COLOR = "#9aa0a6"
DONE_COLOR = "#2e7d32"
ACCENT = "#1f77b4"


def layout(fig: go.Figure, title: str, height: int = 320, legend_y: float | None = -0.2) -> go.Figure:
    """Title, height and tight margins; the legend under the plot unless ``legend_y`` is None."""
    fig.update_layout(title=title, height=height, margin=dict(l=10, r=10, t=50, b=10))
    if legend_y is not None:
        fig.update_layout(legend=dict(orientation="h", y=legend_y))
    return fig


def empty(fig: go.Figure, message: str) -> go.Figure:
    """A figure that says there is nothing to plot yet."""
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    return fig
