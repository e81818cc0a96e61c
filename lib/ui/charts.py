"""A chart where it has its data; in its place, until then, the one line saying what it will show."""

from __future__ import annotations

import math
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from lib.core.figures import NoData
from lib.ui.markup import markup

# The tool bar keeps what lib.core.figures.layout leaves in it (download, reset, full screen).
CONFIG = {"displaylogo": False}
# Room above the plot for the tool bar that shows on hover, once the title is no longer drawn there.
TOP_MARGIN = 28
# A legend of more entries than this is laid out in fixed columns, with its rows added to the chart's
# height: left to wrap freely it takes its rows out of the plot, which on a phone shrinks to a sliver.
FREE_LEGEND = 3
LEGEND_ROW = 22  # px per legend row at the theme's font
HALF_WIDTH_NAME = 22  # characters of a legend name that fit in half a phone's width (390 px)


def _legend_names(fig: go.Figure) -> list[str]:
    """The names the legend lists, once each (a legend group shows once)."""
    names: list[str] = []
    for trace in fig.data:
        if trace.name and trace.showlegend is not False and trace.name not in names:
            names.append(str(trace.name))
    return names


def _fit_legend(fig: go.Figure) -> None:
    """Give a long bottom legend fixed columns and its own height, so the plot keeps its size at any width."""
    legend = fig.layout.legend
    names = _legend_names(fig)
    # Only the legend lib.core.figures.layout pins to the bottom of the figure, under the x axis.
    pinned = legend.orientation == "h" and legend.yref == "container"
    if fig.layout.showlegend is False or not pinned or len(names) <= FREE_LEGEND:
        return
    columns = 1 if max(len(n) for n in names) > HALF_WIDTH_NAME else 2
    rows = math.ceil(len(names) / columns)
    old_bottom = fig.layout.margin.b or 0
    bottom = 10 + LEGEND_ROW * rows
    fig.update_layout(
        legend=dict(entrywidth=1 / columns, entrywidthmode="fraction"),
        margin_b=max(bottom, old_bottom),
        height=(fig.layout.height or 320) + max(0, bottom - old_bottom),
    )


def chart(fig: Any, key: str) -> None:
    """Draw ``fig`` full width under its title, or the caption of a ``NoData`` that a chart function returned."""
    if isinstance(fig, NoData):
        st.caption(fig.note)
        return
    if isinstance(fig, go.Figure):
        # A copy, since the cached figure is shared by every session; built from its dict without
        # validating it again (the figure was valid), which costs a tenth of go.Figure(fig).
        fig = go.Figure(fig.to_dict(), _validate=False)
        title = fig.layout.title.text
        if title:
            # The title as text on the page: it wraps on a narrow screen (a Plotly title is cut off at
            # the edge) and sits above the chart's tool bar rather than under it.
            st.markdown(markup("**{}**", title))
            fig.update_layout(title_text="", margin_t=min(fig.layout.margin.t or TOP_MARGIN, TOP_MARGIN))
        _fit_legend(fig)
    st.plotly_chart(fig, key=key, config=CONFIG)
