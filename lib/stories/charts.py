"""Charts of the story bank: DataFrame in, Plotly figure (or ``NoData``) out."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from lib.core import clock
from lib.core.figures import (
    ACCENT,
    DONE_COLOR,
    TARGET_COLOR,
    WARN_COLOR,
    NoData,
    date_axis,
    hover_texts,
    short_labels,
)
from lib.core.figures import layout as _layout
from lib.core.textsafe import one_line

# Past this many stories a chart with one mark per story stops being readable
# and its size (sent to the browser on every rerun) grows with the bank.
MANY_STORIES = 60
WORD_BIN = 25

NO_STORIES = NoData("Stories per theme appear once you write a first story (STAR stories → Bank).")
NO_WORDS = NoData("Each story's length against the {low}-{high} word band appears once you write a first story.")
NO_REHEARSALS = NoData("Rehearsals per day appear once you log a rehearsal of a story (STAR stories → Rehearse).")
NO_COVERAGE = NoData("Which questions your stories answer appears once you write a first story.")


def _label(text: object, limit: int) -> str:
    # Plotly reads a few HTML tags in labels; escaped, a title shows as typed.
    return html.escape(one_line(text, limit))


def stories_per_theme(bank: pd.DataFrame, theme_names: list[str]) -> go.Figure | NoData:
    """How many stories each of the 12 themes has; themes with none show as empty bars."""
    if not len(bank):
        return NO_STORIES
    counts = bank["theme"].value_counts()
    y = [int(counts.get(name, 0)) for name in theme_names]
    fig = go.Figure()
    fig.add_bar(name="Stories", x=theme_names, y=y, marker_color=[ACCENT if n else TARGET_COLOR for n in y])
    fig.update_layout(yaxis_dtick=1)
    return _layout(fig, "Stories per theme", x_title="theme", y_title="stories")


def word_counts(bank: pd.DataFrame, min_words: int, max_words: int) -> go.Figure | NoData:
    """Each story's word count against the 200-300 word band."""
    if not len(bank):
        return NoData(NO_WORDS.note.format(low=min_words, high=max_words))
    fig = go.Figure()
    if len(bank) > MANY_STORIES:
        return _word_histogram(bank, min_words, max_words)
    # Horizontal bars, the titles shortened on the y axis (whole in the hover): as x labels, titles stood
    # on end and took half the chart's height at phone width.
    inside = bank["words"].between(min_words, max_words)
    fig.add_vrect(x0=min_words, x1=max_words, fillcolor=DONE_COLOR, opacity=0.12, line_width=0)
    fig.add_bar(
        name="Words",
        x=bank["words"],
        y=short_labels(bank["title"]),
        orientation="h",
        marker_color=[DONE_COLOR if ok else WARN_COLOR for ok in inside],
        customdata=hover_texts(bank["title"]),
        hovertemplate="%{customdata}: %{x} words<extra></extra>",
    )
    fig.update_layout(xaxis_range=[0, max(max_words * 1.15, float(bank["words"].max()) * 1.1)])
    fig.update_yaxes(autorange="reversed")
    return _layout(
        fig,
        f"Words per story vs {min_words}-{max_words}",
        height=max(280, 100 + 36 * len(bank)),
        x_title="words",
        y_title="story",
    )


def _word_histogram(bank: pd.DataFrame, min_words: int, max_words: int) -> go.Figure:
    """Stories per word-count bin, the band shaded: the word-count chart of a large bank."""
    bins = (bank["words"] // WORD_BIN * WORD_BIN).value_counts().sort_index()
    inside = [min_words <= b and b + WORD_BIN - 1 <= max_words for b in bins.index]
    fig = go.Figure()
    fig.add_vrect(x0=min_words, x1=max_words, fillcolor=DONE_COLOR, opacity=0.12, line_width=0)
    fig.add_bar(
        name="Stories",
        x=[b + WORD_BIN / 2 for b in bins.index],
        y=bins.to_list(),
        width=WORD_BIN * 0.9,
        marker_color=[DONE_COLOR if ok else WARN_COLOR for ok in inside],
    )
    return _layout(
        fig, f"Words per story vs {min_words}-{max_words} ({len(bank)} stories)", x_title="words", y_title="stories"
    )


def rehearsals_over_time(reh: pd.DataFrame) -> go.Figure | NoData:
    """Rehearsals per day, with the average telling time in minutes."""
    if not len(reh):
        return NO_REHEARSALS
    fig = go.Figure()
    day = reh["at"].map(lambda at: clock.local(at).date())  # the user's own calendar day
    daily = reh.assign(day=day).groupby("day").agg(count=("id", "size"), minutes=("duration_s", "mean")).reset_index()
    fig.add_bar(name="Rehearsals", x=daily["day"], y=daily["count"], marker_color=ACCENT)
    fig.add_scatter(
        name="Average minutes",
        x=daily["day"],
        y=(daily["minutes"] / 60).round(2),
        mode="lines+markers",
        yaxis="y2",
        line_color=WARN_COLOR,
    )
    fig.update_layout(
        yaxis_dtick=1,
        # Its own few round ticks: left to follow the bars' grid it ticks at values like 0.992 and 1.984.
        yaxis2=dict(
            title="average minutes",
            overlaying="y",
            side="right",
            rangemode="tozero",
            tickmode="auto",
            nticks=4,
            tickformat=".1f",
            showgrid=False,
        ),
    )
    date_axis(fig, daily["day"])
    return _layout(fig, "Rehearsals over time", x_title="day", y_title="rehearsals")


def coverage_chart(cov: dict, bank: pd.DataFrame) -> go.Figure | NoData:
    """``coverage_heatmap`` of ``story_coverage.coverage``'s result, labelled with question texts and story titles."""
    matrix = cov["matrix"]
    question_text = dict(zip(cov["rows"]["question_id"], cov["rows"]["text"], strict=False))
    titles = dict(zip(bank["story_id"], bank["title"], strict=False))
    return coverage_heatmap(matrix, [question_text[q] for q in matrix.index], [titles[s] for s in matrix.columns])


def coverage_heatmap(matrix: pd.DataFrame, question_labels: list[str], story_labels: list[str]) -> go.Figure | NoData:
    """Questions x stories: answered, suggested or open; a large bank shows its first ``MANY_STORIES`` stories."""
    if matrix.empty or not len(matrix.columns):
        return NO_COVERAGE
    fig = go.Figure()
    title = "Question coverage"
    if len(matrix.columns) > MANY_STORIES:
        title = f"Question coverage (the first {MANY_STORIES} of {len(matrix.columns)} stories)"
        matrix, story_labels = matrix.iloc[:, :MANY_STORIES], story_labels[:MANY_STORIES]
    fig.add_heatmap(
        z=matrix.to_numpy(),
        x=[_label(s, 30) for s in story_labels],
        y=[_label(q, 60) for q in question_labels],
        zmin=0,
        zmax=2,
        colorscale=[
            [0, "#f1f3f4"],
            [0.33, "#f1f3f4"],
            [0.33, "#aecbfa"],
            [0.66, "#aecbfa"],
            [0.66, DONE_COLOR],
            [1, DONE_COLOR],
        ],
        colorbar=dict(tickvals=[0.33, 1, 1.67], ticktext=["open", "suggested", "answers"]),
        xgap=1,
        ygap=1,
        hovertemplate="%{y}<br>%{x}<extra></extra>",
    )
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title, height=max(360, 18 * len(question_labels) + 120), x_title="story", y_title="question")
