"""The Overview's first screen: "Next" and four headline numbers on data, "Start here" on an empty database."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib import ui
from lib.core import clock
from lib.jobsearch import applications, companies, networking
from lib.jobsearch.stages import ALL_STAGES, STAGES
from lib.materials import case_studies
from lib.plan import curriculum, headline, progress, readiness, time_log
from lib.practice import schedule
from lib.storage import settings as stored_settings
from lib.storage.db import open_db
from lib.stories import rehearsals, store, themes
from tests.conftest import run_page

START_BUTTONS = ["Choose Day 1", "Log time", "Write a story", "Add companies"]


def _headline_buttons(at) -> list[str]:
    return [b.label for b in at.button if b.key and b.key.startswith("overview_start_")]


def test_empty_database_opens_on_start_here_with_a_button_per_step() -> None:
    at = run_page()
    assert not at.exception
    subheaders = [h.value for h in at.subheader]
    assert subheaders[0] == "Start here"
    assert "Next" not in subheaders
    assert _headline_buttons(at) == START_BUTTONS
    # How to try the sample without mixing it into the user's own data: a separate folder.
    commands = "\n".join(c.value for c in at.code)
    assert "PREP_DATA_DIR=" in commands and "python3 -m lib demo" in commands
    assert not at.metric or at.metric[0].label != "Hours this week"


def test_start_here_buttons_open_their_pages() -> None:
    expected = {"overview_start_1": "Curriculum", "overview_start_3": "STAR stories", "overview_start_4": "Companies"}
    for key, title in expected.items():
        at = run_page()
        at.button(key=key).click().run()
        # The target page's own charts are not this page's concern: its title shows it was opened.
        assert any(title in t.value for t in at.title), (key, [t.value for t in at.title])


def test_start_here_ticks_steps_and_gives_way_once_something_is_stored() -> None:
    with open_db() as db:
        # Choosing Day 1 is a first step, not use of the app: the panel stays, with that step ticked.
        curriculum.set_week_start(db, clock.today())
        steps = headline.first_steps(db)
        assert [s.done for s in steps] == [True, False, False, False]
        assert headline.has_nothing_yet(db)
        companies.add_company(db, "Anthropic")
        assert not headline.has_nothing_yet(db)
        assert [s.done for s in headline.first_steps(db)] == [True, False, False, True]
    at = run_page()
    assert not at.exception
    assert [h.value for h in at.subheader][0] == "Next"
    assert not _headline_buttons(at)


def _expected_numbers(today: dt.date) -> list[str]:
    """The four headline values, computed here from each feature's own functions."""
    with open_db() as db:
        hours = time_log.total_hours(db)
        due_questions = len(schedule.due_questions(db, today))
        due_stories = len([s for s in rehearsals.due_stories(db, today) if s.due <= today])
        report = store.bank_report(db)
        ready = sum(1 for issues in report["issues"] if not issues)
        pipe = applications.pipeline(db, today)
        active = int(pipe["stage"].isin(STAGES[1:-1]).sum())
    return [f"{hours:.1f} h", str(due_questions + due_stories), str(ready), str(active)]


def test_demo_overview_leads_with_next_then_four_numbers(demo_dir) -> None:
    today = clock.today()
    at = run_page()
    assert not at.exception
    assert [h.value for h in at.subheader][0] == "Next"
    assert "Start here" not in [h.value for h in at.subheader]
    with open_db() as db:
        _, step = readiness.overview(db, today)
        follow = [i for i in applications.follow_ups(db, today) + networking.follow_ups(db, today) if i.due <= today]
        with_time = time_log.total_hours(db) > 0
    assert step is not None and ui.markup("**{}**  \n{}", step.text, step.why) in [m.value for m in at.markdown]
    assert at.button(key="overview_next_go").label == "Do it now"
    labels = [m.label for m in at.metric[:4]]
    assert labels == ["Hours this week", "Rehearsals due", "Stories ready", "Applications active"]
    values = [m.value for m in at.metric[:4]]
    assert values == _expected_numbers(today)
    assert with_time and values[0] != "0.0 h"  # the demo logs time: a zero would mean a broken sum
    cur = curriculum.load_curriculum()
    target = themes.load_themes().target_stories
    deltas = [m.proto.delta for m in at.metric[:4]]
    assert deltas[0] == f"of {cur.total_target_hours:g} h target"
    assert deltas[2] == f"of {target}+ without findings"
    assert deltas[3].startswith(f"{len(follow)} follow-up")


def test_next_button_opens_the_page_of_the_action(demo_dir) -> None:
    at = run_page()
    with open_db() as db:
        _, step = readiness.overview(db, clock.today())
    at.button(key="overview_next_go").click().run()
    assert not at.exception
    title = {"applications": "Applications", "networking": "Networking", "practice": "Practice"}.get(step.page)
    if title:
        assert any(title in t.value for t in at.title)


def test_headline_counts_only_live_applications_and_follow_ups_due_today(db) -> None:
    today = clock.today()
    cid = companies.add_company(db, "Acme")
    kept = applications.add_application(db, cid, "PM", on_date=today - dt.timedelta(days=10))
    applications.add_application(db, cid, "Wishlist PM", stage="wishlist", on_date=today)
    closed = applications.add_application(db, cid, "Closed PM", on_date=today - dt.timedelta(days=3))
    applications.change_stage(db, closed, "rejected", today)
    found = headline.headline(db, today)
    assert found.applications_active == 1 and kept
    assert found.follow_ups_due == 1  # the 7-day nudge of the application sent ten days ago
    assert found.hours == 0 and found.stories_ready == 0 and found.rehearsals_due == 0
    assert found.hours_target == curriculum.load_curriculum().total_target_hours
    assert not stored_settings.get(db, "week_start")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    paths=st.lists(
        st.tuples(st.sampled_from(STAGES[:2]), st.lists(st.sampled_from(ALL_STAGES), max_size=4)).map(
            # A move to the stage it is already at is refused, so consecutive repeats are dropped.
            lambda p: [s for i, s in enumerate([p[0], *p[1]]) if i == 0 or s != [p[0], *p[1]][i - 1]]
        ),
        max_size=5,
    )
)
def test_active_applications_are_those_whose_latest_stage_is_live(db, paths) -> None:
    """Any stage history: an application counts while its latest stage is past the wishlist and not closed."""
    today = clock.today()
    before = headline.active_applications(db)
    cid = companies.add_company(db, f"Co {before}-{len(paths)}-{id(paths)}")
    live = 0
    for n, path in enumerate(paths):
        start = today - dt.timedelta(days=len(path) + 1)
        app = applications.add_application(db, cid, f"Role {n}", stage=path[0], on_date=start)
        for i, stage in enumerate(path[1:], start=1):
            applications.change_stage(db, app, stage, start + dt.timedelta(days=i))
        live += path[-1] in STAGES[1:-1]
    assert headline.active_applications(db) == before + live


def _shown_text(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info])


def test_below_the_first_screen_nothing_is_said_twice(demo_dir) -> None:
    """Hours, today's sessions and the week's headline are on the first screen once; below it only what it lacks."""
    today = clock.today()
    at = run_page()
    assert not at.exception
    subheaders = [h.value for h in at.subheader]
    assert "Hours this week" not in subheaders and "Today" not in subheaders
    assert [m.label for m in at.metric].count("Hours this week") == 1 and len(at.metric) == 4
    with open_db() as db:
        plan = progress.today_plan(db, today)
    if plan["day"] is not None:
        shown = _shown_text(at)
        for session in plan["sessions"]:
            line = f"{session.name} ({session.hours_label}): {session.topic}"
            assert shown.count(line) == 1, line
        # The first screen counts today's to-dos; below, they are listed by name, once.
        if plan["remaining"]:
            assert subheaders.count("Still to do today") == 1


def test_progress_table_puts_status_before_the_topic() -> None:
    at = run_page()
    (table,) = [d for d in at.dataframe if "Topic" in d.value.columns]
    columns = list(table.value.columns)
    assert columns[:3] == ["Day", "Status", "Hours completed"] and columns[-1] == "Topic"


def test_sample_data_commands_wrap_on_a_narrow_screen() -> None:
    at = run_page()
    (block,) = [c for c in at.code if "PREP_DATA_DIR=" in c.value]
    assert block.proto.wrap_lines


def test_done_marks_use_the_apps_icons_not_an_emoji(demo_dir) -> None:
    """A done part of readiness is marked with the material icon every other page uses, never the ✅ emoji."""
    at = run_page()
    assert not at.exception
    assert not [m.value for m in at.markdown if "✅" in m.value]
    with open_db() as db:
        parts, _ = readiness.overview(db, clock.today())
    done = [p.title for p in parts if p.done]
    assert done  # the demo has finished some part: otherwise this test would check nothing
    marked = [m.value for m in at.markdown if m.value.endswith(":material/check_circle:]")]
    assert sorted(done) == sorted(m.split("**")[1] for m in marked)


def test_a_ticked_first_step_is_marked_with_the_apps_icon() -> None:
    with open_db() as db:
        curriculum.set_week_start(db, clock.today())
    at = run_page()
    (first,) = [m.value for m in at.markdown if m.value.startswith("**1. ")]
    assert ":material/check_circle:" in first and "✅" not in first


def test_case_studies_readiness_agrees_with_its_target() -> None:
    at = run_page()
    target = case_studies.load_case_studies().target_complete
    shown = (_shown_text(at) + "\n".join(p.proto.text for p in at.get("progress"))).replace("\\", "")
    assert f"0 of {target}+ complete" in shown
