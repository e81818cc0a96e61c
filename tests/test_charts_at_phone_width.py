"""Charts read at phone width (390 px): few ticks, date axes, short category labels with the whole text in the hover."""

from __future__ import annotations

import datetime as dt
import html
import string

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.core import figures
from lib.jobsearch import charts as job_charts
from lib.jobsearch.stages import EXITS, STAGE_LABELS, STAGES
from lib.media import charts as media_charts
from lib.practice import charts as practice_charts
from lib.stories import charts as stories_charts

texts = st.text(alphabet=string.ascii_letters + " -<>&'\"", min_size=1, max_size=80).filter(str.strip)


def _lines(label: str) -> list[str]:
    """The lines a label shows, as the reader sees them."""
    return [html.unescape(line) for line in label.split("<br>")]


def _fits(label: str) -> bool:
    lines = _lines(label)
    # A number added to tell two like labels apart may run past the width.
    return len(lines) <= figures.LABEL_LINES and all(len(line) <= figures.LABEL_WIDTH + 5 for line in lines)


@settings(max_examples=80, deadline=None)
@given(st.lists(texts, min_size=1, max_size=30))
def test_short_labels_fit_two_short_lines_stay_apart_and_are_escaped(values: list[str]) -> None:
    labels = figures.short_labels(values)
    assert len(labels) == len(values) and len(set(labels)) == len(labels)
    for label, value in zip(labels, values, strict=True):
        assert _fits(label), label
        assert "<" not in label.replace("<br>", "")
        if len(value.split()) == 1 and len(value) <= figures.LABEL_WIDTH and labels.count(label) == 1:
            assert _lines(label)[0] == value.strip() or value.strip() in _lines(label)[0]


@settings(max_examples=40, deadline=None)
@given(reviews=st.integers(1, 120))
def test_the_rating_trend_draws_a_handful_of_ticks_at_most(reviews: int) -> None:
    trend = pd.DataFrame(
        {"dimension": ["Structure"] * reviews + ["Depth"] * reviews, "rating": [3] * (2 * reviews)},
    )
    x = practice_charts.rating_trend(trend).layout.xaxis
    if x.dtick is not None:
        # A tick every review only while a handful of them fit at 390 px.
        assert reviews / float(x.dtick) <= practice_charts.MAX_TICKS
    else:
        assert x.nticks and x.nticks <= practice_charts.MAX_TICKS


def test_twenty_reviews_are_not_ticked_one_by_one() -> None:
    trend = pd.DataFrame({"dimension": ["Clarity"] * 20, "rating": [4] * 20})
    x = practice_charts.rating_trend(trend).layout.xaxis
    assert x.dtick is None and x.nticks == practice_charts.MAX_TICKS


def _takes() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": [1, 2, 3, 4],
            "created_at": [
                "2026-11-26T09:30:00+00:00",
                "2026-11-27T10:30:00+00:00",
                "2026-11-30T13:30:00+00:00",
                "2026-11-30T14:00:00+00:00",
            ],
            "status": ["ok", "ok", "ok", "ok"],
            "mode_label": ["Single question", "STAR story rehearsal", "Full mock interview", "Single question"],
            "duration_s": [600.0, 150.0, 20.0, 30.0],
            "target_seconds": [1200.0, 180.0, 5400.0, None],
        }
    )


def test_take_length_sits_on_a_date_axis_as_a_share_of_each_target() -> None:
    fig = media_charts.duration_vs_target(_takes())
    x = fig.layout.xaxis
    assert x.type == "date" and "%H" not in x.tickformat and "%Y-%m" not in x.tickformat
    for trace in fig.data:
        # Dates, not labels made of timestamps ("2026-11-26 09:30 #1").
        assert not any(isinstance(v, str) for v in trace.x), list(trace.x)
        assert all(pd.Timestamp(v) >= pd.Timestamp(dt.date(2026, 11, 25)) for v in trace.x)
    shares = {trace.name: list(trace.y) for trace in fig.data}
    # The take without a target is left out rather than drawn against nothing.
    assert shares == {"Single question": [50], "STAR story rehearsal": [83], "Full mock interview": [0]}
    assert fig.layout.yaxis.title.text == "% of target time"
    # A take far under its target is a whole dot above the axis's floor, and the target line is in view.
    low, high = fig.layout.yaxis.range
    assert low < 0 and high >= 100


def test_takes_without_a_target_have_no_chart() -> None:
    takes = _takes().assign(target_seconds=None)
    assert isinstance(media_charts.duration_vs_target(takes), figures.NoData)


@settings(max_examples=30, deadline=None)
@given(st.lists(texts, min_size=1, max_size=12, unique=True))
def test_recurring_improvements_shorten_their_labels_and_keep_the_whole_text_in_the_hover(names: list[str]) -> None:
    counts = pd.DataFrame({"improvement": names, "count": list(range(len(names), 0, -1))})
    fig = media_charts.recurring_improvements(counts)
    (bar,) = fig.data
    shown = min(10, len(names))
    assert len(set(bar.y)) == shown and all(_fits(label) for label in bar.y)
    assert [html.unescape(t) for t in bar.customdata] == [" ".join(n.split()) for n in names[:shown][::-1]]
    assert fig.layout.yaxis.automargin and fig.layout.xaxis.automargin


def test_words_per_story_are_horizontal_bars_under_short_titles() -> None:
    titles = [
        "Spotting the support-ticket triage gap",
        "Disagreeing with an engineer on the launch checklist",
        "Disagreeing with an engineer on the launch date",
    ]
    bank = pd.DataFrame({"title": titles, "words": [240, 90, 310]})
    fig = stories_charts.word_counts(bank, 200, 300)
    (bar,) = fig.data
    assert bar.orientation == "h" and list(bar.x) == [240, 90, 310]
    # Two titles that shorten alike stay two bars.
    assert len(set(bar.y)) == 3 and all(_fits(label) for label in bar.y)
    assert [html.unescape(t) for t in bar.customdata] == titles
    assert fig.layout.xaxis.title.text == "words" and fig.layout.yaxis.title.text == "story"


def test_rehearsals_over_time_tick_the_minutes_axis_on_its_own_with_room_for_both_titles() -> None:
    reh = pd.DataFrame(
        {
            "id": [1, 2, 3],
            "at": ["2026-11-25T19:49:00+00:00", "2026-11-25T20:10:00+00:00", "2026-11-26T19:33:00+00:00"],
            "duration_s": [119.0, 115.0, 112.0],
        }
    )
    fig = stories_charts.rehearsals_over_time(reh)
    y2 = fig.layout.yaxis2
    assert y2.tickmode == "auto" and y2.nticks and y2.nticks <= 5 and y2.tickformat == ".1f"
    assert fig.layout.yaxis.automargin and y2.automargin and y2.title.text and fig.layout.yaxis.title.text


def test_sankey_nodes_carry_short_labels_and_their_full_names_in_the_hover() -> None:
    stages = [s for s in STAGES if s != "accepted"]
    flows = pd.DataFrame(
        {
            "source": [*stages[:-1], "applied", "onsite", "recruiter_screen"],
            "target": [*stages[1:], *EXITS],
            "count": [5, 4, 3, 2, 1, 2, 1, 1],
        }
    )
    fig = job_charts.stage_sankey(flows)
    node = fig.data[0].node
    assert all(len(label) <= 8 for label in node.label), node.label
    assert list(node.customdata) == [STAGE_LABELS[s] for s in (*stages, *EXITS)]
    assert "customdata" in node.hovertemplate
    assert fig.data[0].textfont.size <= 11
