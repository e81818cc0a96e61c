"""Shared look of every chart: the theme's colours, title, axes and legend, date ticks, and "no data yet"."""

from __future__ import annotations

import datetime as dt
import html
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from lib.core import clock
from lib.core.textsafe import one_line

# The same colours as [theme] in .streamlit/config.toml, so charts and widgets read as one app.
ACCENT = "#2f6fde"
TEXT_COLOR = "#1f2937"
DONE_COLOR = "#2e7d32"
TARGET_COLOR = "#9aa0a6"
WARN_COLOR = "#ef6c00"
BAD_COLOR = "#c62828"
EXTRA_COLOR = "#8e24aa"
FONT = "sans-serif"

DAY_MS = 86_400_000
# A category label at phone width (390 px): two lines of this many characters leave the bars most of the plot.
LABEL_WIDTH = 16
LABEL_LINES = 2
DAY_TICKS = "%a %d %b"
WEEK_TICKS = "%d %b"


@dataclass(frozen=True)
class NoData:
    """A chart without the data it needs: one line saying what it will show and how to get there."""

    note: str


def layout(
    fig: go.Figure,
    title: str,
    height: int = 320,
    legend_y: float | None = -0.2,
    x_title: str | None = None,
    y_title: str | None = None,
) -> go.Figure:
    """Title, axis titles, height, the theme's font and tight margins; a legend under the plot when traces differ."""
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left"),
        height=height,
        margin=dict(l=10, r=10, t=60, b=10),
        font=dict(family=FONT, color=TEXT_COLOR),
        colorway=[ACCENT, DONE_COLOR, WARN_COLOR, EXTRA_COLOR, BAD_COLOR, TARGET_COLOR],
        # The mode bar floats over the title on a narrow screen; the chart needs no tools.
        modebar=dict(remove=["zoom", "pan", "select", "lasso", "zoomIn", "zoomOut", "autoScale"]),
    )
    # Room for tick labels and axis titles, whatever their length: a fixed margin clips them.
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    if x_title is not None:
        fig.update_layout(xaxis_title=x_title)
    if y_title is not None:
        fig.update_layout(yaxis_title=y_title)
    named = [t for t in fig.data if t.name and t.showlegend is not False]
    fig.update_layout(showlegend=len(named) > 1)
    if legend_y is not None and len(named) > 1:
        # Pinned to the bottom of the figure, below the x axis title, with the margin to hold it
        # (two rows when the names are many); placed relative to the plot it would cover the axis title.
        rows = 1 + sum(len(str(t.name)) + 6 for t in named) // 110
        fig.update_layout(
            legend=dict(orientation="h", x=0, xanchor="left", yref="container", y=0, yanchor="bottom"),
            margin=dict(b=10 + 24 * rows),
        )
    return fig


def date_axis(
    fig: go.Figure, dates: Iterable, unit: str = "day", row: int | None = None, col: int | None = None
) -> None:
    """Tick a date axis by day or by week, padded half a step each side so one bar does not fill the width."""
    stamps = pd.to_datetime(pd.Series(list(dates)), errors="coerce").dropna()
    if getattr(stamps.dt, "tz", None) is not None:
        stamps = stamps.dt.tz_localize(None)
    step = 7 if unit == "week" else 1
    first = stamps.min().normalize() if len(stamps) else pd.Timestamp(dt.date.today())
    last = stamps.max().normalize() if len(stamps) else first
    # At least a week of days (or five weeks) on the axis: a single day is a point in time, not the whole width.
    end = max(last, first + pd.Timedelta(days=6 if step == 1 else 28))
    span = (end - first).days
    lo, hi = first - pd.Timedelta(hours=12 * step), end + pd.Timedelta(days=step)
    dtick = step * DAY_MS if span <= 14 * step else None
    fig.update_xaxes(
        type="date",
        tickformat=WEEK_TICKS if step == 7 or span > 14 else DAY_TICKS,
        dtick=dtick,
        range=[lo, hi],
        row=row,
        col=col,
    )


def local_times(stamps: Iterable) -> list[dt.datetime]:
    """Stored instants (ISO text or timestamps) as naive local datetimes: plotly draws a datetime as it is."""
    out = []
    for value in stamps:
        when = pd.Timestamp(value).to_pydatetime() if not isinstance(value, str) else value
        out.append(clock.local(when).replace(tzinfo=None))
    return out


def short_labels(texts: Iterable, width: int = LABEL_WIDTH, lines: int = LABEL_LINES) -> list[str]:
    """Category labels that fit a phone: wrapped to ``lines`` lines of ``width`` characters, cut with "…", unique.

    The full text belongs in the hover (``hover_texts``). Labels are escaped, since Plotly reads a few HTML
    tags in them; two texts that shorten alike get a number, or a category axis would merge their bars.
    """
    out: list[str] = []
    taken: set[str] = set()
    for text in texts:
        wrapped = textwrap.wrap(one_line(text, 10_000), width, break_long_words=True) or [""]
        if len(wrapped) > lines:
            wrapped = [*wrapped[: lines - 1], wrapped[lines - 1][: width - 1].rstrip() + "…"]
        label = base = "<br>".join(html.escape(line) for line in wrapped)
        n = 1
        while label in taken:
            n += 1
            label = f"{base} ({n})"
        taken.add(label)
        out.append(label)
    return out


def hover_texts(texts: Iterable, limit: int = 200) -> list[str]:
    """The full texts behind ``short_labels``, escaped for a hover box."""
    return [html.escape(one_line(t, limit)) for t in texts]
