"""m005_job_search on a database written before the job search existed: nothing lost, new tables usable."""

from __future__ import annotations

from pathlib import Path

from lib.jobsearch import applications as apps
from lib.jobsearch import companies, funnel
from lib.storage import migrations
from lib.storage.db import connect, open_db


def test_older_database_gains_the_job_search_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "prep.db"
    old = connect(path)
    names = [m.name for m in migrations.migration._migrations]
    migrations.migration.apply(old, stop_before=names[names.index("m005_job_search") :])
    assert "companies" not in old.table_names()
    old["settings"].insert({"key": "week_start", "value": "2026-03-02"})
    old.conn.commit()
    old.conn.close()

    migrations.prepare(path)
    with open_db(path) as db:
        assert {"companies", "applications", "stage_events", "interviews", "contacts", "contact_events"} <= set(
            db.table_names()
        )
        assert db.conn.execute("SELECT value FROM settings WHERE key = 'week_start'").fetchone()[0] == "2026-03-02"
        assert migrations.schema_version(db) == migrations.LATEST_SCHEMA_VERSION
        cid = companies.add_company(db, "Anthropic")
        apps.add_application(db, cid, "AI PM")
        assert funnel.funnel_counts(db).set_index("stage").loc["applied", "reached"] == 1
