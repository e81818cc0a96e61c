"""Charts appear once they have their data, with a title, axis titles, a legend and day or week ticks."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.core import clock, figures
from lib.core.figures import NoData
from lib.jobsearch import charts as job_charts
from lib.jobsearch import funnel, networking
from lib.media import analysis_jobs, reviews, speech_charts, takes
from lib.media import charts as media_charts
from lib.plan import charts as plan_charts
from lib.plan import curriculum, progress, time_log
from lib.practice import charts as practice_charts
from lib.practice import progress as practice_progress
from lib.practice import rice
from lib.storage.db import open_db
from lib.stories import charts as stories_charts
from lib.stories import coverage as story_coverage
from lib.stories import rehearsals as story_rehearsals
from lib.stories import store as stories
from lib.ui import navigation
from tests.conftest import run_page

ROOT = Path(__file__).resolve().parent.parent
THEMES = ["Discovery", "Failure", "Conflict"]


def _target() -> float:
    return curriculum.load_curriculum().total_target_hours


# name -> (chart built from the database, does its x axis carry dates)
CHARTS = {
    "hours_per_day": (lambda db: plan_charts.hours_per_day(progress.progress_table(db)), False),
    "cumulative_hours": (
        lambda db: plan_charts.cumulative_hours(
            time_log.cumulative_hours(db), _target(), curriculum.week_start(db, clock.today())
        ),
        True,
    ),
    "activities_per_day": (lambda db: plan_charts.activities_per_day(progress.progress_table(db)), False),
    "attempts_vs_plan": (lambda db: practice_charts.attempts_vs_plan(practice_progress.plan_progress(db)), False),
    "rating_trend": (lambda db: practice_charts.rating_trend(practice_progress.rating_trend(db)), False),
    "time_vs_target": (lambda db: practice_charts.time_vs_target(practice_progress.time_vs_target(db)), True),
    "stories_per_theme": (lambda db: stories_charts.stories_per_theme(stories.bank_report(db), THEMES), False),
    "word_counts": (lambda db: stories_charts.word_counts(stories.bank_report(db), 200, 300), False),
    "rehearsals_over_time": (
        lambda db: stories_charts.rehearsals_over_time(story_rehearsals.rehearsals(db)),
        True,
    ),
    "coverage_chart": (
        lambda db: stories_charts.coverage_chart(story_coverage.coverage(db), stories.bank_report(db)),
        False,
    ),
    "pipeline_funnel": (lambda db: job_charts.pipeline_funnel(funnel.funnel_counts(db)), False),
    "conversion_bars": (lambda db: job_charts.conversion_bars(funnel.funnel_counts(db)), False),
    "stage_sankey": (lambda db: job_charts.stage_sankey(funnel.sankey_flows(db)), False),
    "applications_per_week": (lambda db: job_charts.applications_per_week(funnel.applications_per_week(db)), True),
    "time_in_stage": (lambda db: job_charts.time_in_stage(funnel.time_in_stage(db, clock.today())), False),
    "contact_funnel": (lambda db: job_charts.contact_funnel(networking.contact_funnel(db)), False),
    "scores_over_time": (lambda db: media_charts.scores_over_time(reviews.reviews(db)), True),
    "filler_words_over_time": (lambda db: media_charts.filler_words_over_time(reviews.reviews(db)), True),
    "recurring_improvements": (
        lambda db: media_charts.recurring_improvements(reviews.improvement_counts(db)),
        False,
    ),
    "duration_vs_target": (lambda db: media_charts.duration_vs_target(takes.list_recordings(db)), False),
    "delivery_trends": (lambda db: speech_charts.delivery_trends(analysis_jobs.trend_frame(db)), True),
}


def _size(values: object) -> int:
    """How many values a trace property holds: a list, an array, or plotly's base64 form of one."""
    if values is None:
        return 0
    if isinstance(values, dict):
        return len(values.get("bdata") or "")
    return len(values)


def _has_points(trace: dict) -> bool:
    """Whether a trace (as plotly JSON) draws anything."""
    if trace.get("type") == "sankey":
        return _size(trace.get("link", {}).get("value")) > 0
    if trace.get("type") == "indicator":
        return trace.get("value") is not None
    return any(_size(trace.get(k)) for k in ("x", "y", "z", "values"))


def _axes(fig: go.Figure) -> list:
    """The x and y axes that carry a trace (a sankey has none)."""
    if all(t.type == "sankey" for t in fig.data):
        return []
    return [a for name, a in fig.layout.to_plotly_json().items() if name.startswith(("xaxis", "yaxis"))] or [
        {"title": fig.layout.xaxis.title.to_plotly_json()},
        {"title": fig.layout.yaxis.title.to_plotly_json()},
    ]


@pytest.mark.parametrize("name", CHARTS)
def test_a_chart_without_its_data_says_what_it_will_show(name: str, db) -> None:
    build, _ = CHARTS[name]
    result = build(db)
    assert isinstance(result, NoData), f"{name} draws an empty chart on an empty database"
    assert len(result.note) > 30 and result.note.endswith(".")


def test_rice_without_features_says_what_it_will_show() -> None:
    assert isinstance(practice_charts.rice_scores(pd.DataFrame(columns=["feature", "score"])), NoData)
    fig = practice_charts.rice_scores(rice.score(rice.EXAMPLE))
    assert fig.layout.title.text and fig.layout.xaxis.title.text and fig.layout.yaxis.title.text


@pytest.mark.parametrize("name", CHARTS)
def test_a_chart_with_demo_data_has_title_axis_titles_and_legend(name: str, demo_dir) -> None:
    build, dated = CHARTS[name]
    with open_db() as db:
        fig = build(db)
    assert isinstance(fig, go.Figure), f"{name} has no chart on demo data: {fig}"
    assert any(_has_points(t.to_plotly_json()) for t in fig.data)
    assert fig.layout.title.text, f"{name} has no title"
    for axis in _axes(fig):
        if axis.get("visible") is False or axis.get("matches"):
            continue
        assert (axis.get("title") or {}).get("text"), f"{name} has an axis without a title: {axis}"
    names = {t.name for t in fig.data if t.name and t.showlegend is not False}
    if len(names) > 1:
        assert fig.layout.showlegend is True, f"{name} colours {names} without a legend"
    if dated:
        x = fig.layout.xaxis
        assert x.tickformat and "%H" not in x.tickformat and "%S" not in x.tickformat, f"{name} ticks {x.tickformat}"
        lo, hi = (pd.Timestamp(v) for v in x.range)
        assert hi - lo >= pd.Timedelta(days=6), f"{name} spans only {hi - lo}"


def test_cumulative_hours_run_monday_to_sunday_against_the_week_target(db) -> None:
    start = dt.date(2026, 3, 2)  # a Monday
    daily = pd.DataFrame({"logged_on": ["2026-03-02", "2026-03-04", "2026-02-20"], "hours": [2.0, 3.5, 9.0]})
    fig = plan_charts.cumulative_hours(daily, _target(), start)
    assert _target() == 35
    lo, hi = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    assert lo <= pd.Timestamp(start) and hi >= pd.Timestamp(start + dt.timedelta(days=6))
    assert hi - lo < pd.Timedelta(days=9)
    logged, line = fig.data
    # Time logged before the week does not count towards it.
    assert list(logged.y)[:3] == [2.0, 2.0, 5.5]
    assert list(line.y) == [35, 35] and [pd.Timestamp(v).date() for v in line.x] == [start, start + dt.timedelta(6)]
    assert fig.layout.xaxis.dtick == figures.DAY_MS
    assert "35" in fig.layout.title.text


def test_pause_timeline_has_a_title_and_a_legend() -> None:
    from tests.test_analysis_jobs import _result

    fig = speech_charts.pause_timeline(_result())
    assert fig.layout.title.text and fig.layout.showlegend is True
    assert fig.layout.xaxis.title.text


def test_chart_colours_match_the_theme() -> None:
    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["theme"]
    assert theme["primaryColor"].lower() == figures.ACCENT.lower()
    assert theme["textColor"].lower() == figures.TEXT_COLOR.lower()


@settings(max_examples=60, deadline=None)
@given(
    days=st.lists(st.dates(dt.date(2020, 1, 1), dt.date(2030, 1, 1)), min_size=1, max_size=30),
    unit=st.sampled_from(["day", "week"]),
)
def test_date_axis_ticks_by_day_or_week_and_holds_every_date(days: list[dt.date], unit: str) -> None:
    fig = go.Figure(go.Bar(x=days, y=[1] * len(days)))
    figures.date_axis(fig, days, unit=unit)
    x = fig.layout.xaxis
    lo, hi = (pd.Timestamp(v) for v in x.range)
    assert lo < pd.Timestamp(min(days)) and hi > pd.Timestamp(max(days))
    assert hi - lo >= pd.Timedelta(days=6)
    assert x.tickformat and "%H" not in x.tickformat
    assert x.dtick in (None, figures.DAY_MS, 7 * figures.DAY_MS)


@pytest.mark.parametrize("page_path", [p.path for p in navigation.PAGES])
def test_no_page_draws_an_empty_chart_on_an_empty_database(page_path: str) -> None:
    at = run_page(page_path)
    assert not at.exception, [e.value for e in at.exception]
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        assert any(_has_points(t) for t in spec["data"]), f"{page_path}: {chart.key} is an empty chart"
