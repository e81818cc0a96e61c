"""A writer process for the reliability tests: writes through the app's own lib functions.

Run as ``python -m tests.reliability_child MODE ...`` with PREP_DATA_DIR set.
After each write has committed it prints one line, ``<kind> <key>``, and
flushes, so the parent knows exactly which writes were confirmed before it
killed this process.

Modes:
  forever TAG      write until killed, cycling through the time, story and stage writers
  count TAG N      wait for "go" on stdin, make N time-log writes, print "done"
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable

from lib.plan import curriculum, time_log
from lib.storage import migrations
from lib.storage.db import open_db

# The plan allows 16 hours a day and 3 years back; one minute per write on a
# rolling set of past dates keeps every write valid however long the run.
SPREAD_DAYS = 900


def first_session_id() -> str:
    """Any session of the shipped plan: the time log needs a real one."""
    return curriculum.load_curriculum().days[0].sessions[0].id


def time_writer(tag: str) -> Callable[[int], str]:
    """Log one minute per call; returns the confirmation line."""
    session_id = first_session_id()
    today = dt.date.today()

    def write(i: int) -> str:
        when = today - dt.timedelta(days=i % SPREAD_DAYS)
        with open_db() as db:
            entry_id = time_log.log_time(db, session_id, 1, when, f"{tag} #{i}", today=today)
        return f"time {entry_id}"

    return write


def story_writer(tag: str) -> Callable[[int], str]:
    """Save a new STAR story per call through lib.stories."""
    from lib.stories import store as stories
    from lib.stories import themes as story_themes

    theme_id = story_themes.load_themes().themes[0].id

    def write(i: int) -> str:
        fields = {
            "title": f"{tag} story {i}",
            "theme_id": theme_id,
            "situation": "The checkout team missed its launch date twice.",
            "task": "I had to ship the redesign within one quarter.",
            "action": "I cut scope to the three flows that drove most revenue and ran weekly reviews.",
            "result": "We launched on time and conversion rose 4%.",
        }
        with open_db() as db:
            story_id = stories.save_story(db, fields)
        return f"story {story_id}"

    return write


def stage_writer(tag: str) -> Callable[[int], str]:
    """Move one application back and forth between two stages, one event per call."""
    from lib.jobsearch import applications, companies

    with open_db() as db:
        found = companies.find_company(db, f"{tag} Corp")
        company_id = found[0] if found else companies.add_company(db, f"{tag} Corp")
        app_id = applications.add_application(db, company_id, f"{tag} PM", stage="applied")
    stages = ("recruiter_screen", "hiring_manager")

    def write(i: int) -> str:
        with open_db() as db:
            current = db.conn.execute(
                "SELECT stage FROM stage_events WHERE application_id = ? ORDER BY on_date DESC, id DESC LIMIT 1",
                (app_id,),
            ).fetchone()[0]
            target = stages[1] if current == stages[0] else stages[0]
            event_id = applications.change_stage(db, app_id, target)
        return f"stage {event_id}"

    return write


def available_writers(tag: str) -> list[Callable[[int], str]]:
    """One writer per kind of history the app appends: time entries, story versions, stage events."""
    return [time_writer(tag), story_writer(tag), stage_writer(tag)]


def run_forever(tag: str) -> None:
    """Write until killed, announcing each committed write."""
    writers = available_writers(tag)
    print("ready " + ",".join(w.__qualname__.split(".")[0] for w in writers), flush=True)
    i = 0
    while True:
        print(writers[i % len(writers)](i), flush=True)
        i += 1


def run_count(tag: str, n: int) -> None:
    """Make ``n`` time-log writes as fast as they commit, then say done."""
    write = time_writer(tag)
    print("ready", flush=True)
    # Two writers start on the same signal so that their writes really overlap.
    sys.stdin.readline()
    for i in range(n):
        print(write(i), flush=True)
    print("done", flush=True)


if __name__ == "__main__":
    mode, tag, *rest = sys.argv[1:]
    migrations.prepare()  # start-up, as the app and the command line do
    if mode == "forever":
        run_forever(tag)
    elif mode == "count":
        run_count(tag, int(rest[0]))
    else:
        sys.exit(f"unknown mode {mode!r}")
