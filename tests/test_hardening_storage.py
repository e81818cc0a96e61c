"""A damaged database, hostile backup manifests, unwritable places and interrupted restores.

Every case ends in the right result or one clear line; a damaged database is
never changed by being looked at and is kept aside by a restore.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib import startup, ui
from lib.core.errors import ImportFileError, StorageError
from lib.materials import checklists as materials
from lib.storage import backup, migrations
from lib.storage import db as dbmod
from lib.storage.db import DamagedDatabaseError, open_db
from tests.conftest import ROOT, run_page

# ---------------------------------------------------------------- damaged databases


def _foreign_wal(data_dir: Path, scratch: Path) -> None:
    """Leave beside prep.db a well-formed WAL written for another database: SQLite replays it onto the wrong pages."""
    other = scratch / "other.db"
    migrations.prepare(other)  # a database of its own: another file's pages, another schema's layout
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE filler (x BLOB)")
    conn.executemany("INSERT INTO filler VALUES (?)", [(random.Random(i).randbytes(500),) for i in range(300)])
    conn.execute("DELETE FROM settings")
    conn.commit()
    shutil.copy(scratch / "other.db-wal", data_dir / "prep.db-wal")  # copied while open: not yet checkpointed
    conn.close()


def _damage(kind: str, data_dir: Path, scratch: Path) -> None:
    db_file = data_dir / "prep.db"
    good = db_file.read_bytes()
    db_file.replace(scratch / "undamaged.db")  # the damaged file is a new one, as a bad copy would make
    for extra in ("prep.db-wal", "prep.db-shm"):
        (data_dir / extra).unlink(missing_ok=True)
    if kind == "truncated":
        db_file.write_bytes(good[: len(good) // 3])
    elif kind == "random bytes":
        db_file.write_bytes(random.Random(1).randbytes(64 * 1024))
    elif kind == "text file":
        db_file.write_bytes(b"These are my notes, saved under the wrong name.\n" * 400)
    elif kind == "zero bytes":
        db_file.write_bytes(b"")
    elif kind == "corrupt pages":  # a valid header, then pages of noise
        page = 4096
        db_file.write_bytes(good[: 2 * page] + random.Random(2).randbytes(3 * page) + good[5 * page :])
    elif kind == "damaged wal":
        db_file.write_bytes(good)
        _foreign_wal(data_dir, scratch)
    else:
        raise AssertionError(kind)


KINDS = ["truncated", "random bytes", "text file", "zero bytes", "corrupt pages", "damaged wal"]


def _fingerprint(data_dir: Path) -> dict[str, str]:
    """Hashes of the database file and its WAL: what 'the damaged file is kept as it is' means."""
    return {
        name: hashlib.sha256((data_dir / name).read_bytes()).hexdigest()
        for name in ("prep.db", "prep.db-wal")
        if (data_dir / name).exists()
    }


@pytest.fixture
def good_backup(demo_dir: Path, tmp_path: Path) -> Path:
    """A backup of the demo data, made before anything is damaged."""
    with open_db() as db:
        materials.set_item_done(db, "linkedin", "headline", True)
    archive = tmp_path / "good.zip"
    backup.create_backup(archive)
    return archive


@pytest.mark.parametrize("kind", KINDS)
def test_every_command_says_the_database_is_damaged_in_one_line(kind, cli, good_backup, demo_dir, tmp_path) -> None:
    _damage(kind, demo_dir, tmp_path)
    before = _fingerprint(demo_dir)
    csv = tmp_path / "applications.csv"
    csv.write_text("Company,Role\nAcme,PM\n")
    stories = tmp_path / "stories.md"
    stories.write_text("## A story\n\nSituation: x\n")
    commands = [
        ["demo"],
        ["export", str(tmp_path / "out")],
        ["backup", str(tmp_path / "b.zip")],
        ["import-applications", str(csv)],
        ["import-contacts", str(csv)],
        ["check-stories", str(stories)],
    ]
    for args in commands:
        done = cli(*args)
        lines = done.stderr.strip().splitlines()
        assert done.returncode == 1 and len(lines) == 1, (args, done.stderr)
        assert lines[0].startswith("error:") and "damaged" in lines[0] and "lib restore FILE.zip" in lines[0], args
        assert "Traceback" not in done.stderr + done.stdout
    assert _fingerprint(demo_dir) == before  # looking at a damaged file never changed it
    assert not (tmp_path / "b.zip").exists()


@pytest.mark.parametrize("kind", KINDS)
def test_restore_puts_a_backup_in_place_and_keeps_the_damaged_file(kind, cli, good_backup, demo_dir, tmp_path) -> None:
    _damage(kind, demo_dir, tmp_path)
    before = _fingerprint(demo_dir)
    done = cli("restore", str(good_backup))
    assert done.returncode == 0, done.stderr
    kept = backup.kept_copies(demo_dir)
    assert len(kept) == 1 and _fingerprint(kept[0]) == before  # byte for byte, WAL included
    startup.prepare_database()
    with open_db() as db:
        assert "headline" in materials.done_items(db)["linkedin"]
    assert cli("export", str(tmp_path / "after")).returncode == 0


def _as_a_new_server_process(at) -> None:
    """Forget what this process learnt: the start-up check's result and the session's first pass through app.py.

    AppTest reruns a page's script on its own once the session has been
    routed; a browser reaching /curriculum on a freshly started server is
    routed through app.py first, and app.py checks the database again.
    """
    dbmod._checked.clear()
    del at.session_state[ui.ROUTED_KEY]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("page_path", [None, "pages/curriculum.py", "pages/deliverables.py", "pages/stories.py"])
def test_every_address_shows_the_damaged_page_with_the_restore_upload(kind, page_path, demo_dir, tmp_path) -> None:
    at = run_page(page_path)  # the user is on this page when the file is damaged and the app starts again
    _damage(kind, demo_dir, tmp_path)
    _as_a_new_server_process(at)
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Your database is damaged"]
    assert any("damaged" in e.value for e in at.error)
    assert [u.key for u in at.get("file_uploader")] == ["recovery_restore_upload"]
    shown = " ".join(str(getattr(e, "value", "")) for e in at.main)
    assert "pages/" not in shown and "Traceback" not in shown


def test_the_damaged_page_checks_an_uploaded_backup_before_offering_it(good_backup, demo_dir, tmp_path) -> None:
    at = run_page("pages/curriculum.py")
    _damage("corrupt pages", demo_dir, tmp_path)
    _as_a_new_server_process(at)
    at.run()
    at.file_uploader(key="recovery_restore_upload").set_value(("good.zip", good_backup.read_bytes(), "application/zip"))
    at.run()
    assert not at.exception and len(at.error) == 1, [e.value for e in at.error]  # only the page's own message
    assert any("passed its checks" in i.value for i in at.info)
    assert list(at.dataframe[0].value["Backup"]) == ["Made", "Data format", "Recording files", "Size when restored"]
    assert [b.key for b in at.button] == ["recovery_restore_confirm"]
    # Confirming is the browser journey's part: AppTest reruns lose a click on a page given to st.navigation alone.


def test_damage_found_after_start_up_is_reported_not_raised(data_dir: Path) -> None:
    migrations.prepare()
    (data_dir / "prep.db").write_bytes(random.Random(3).randbytes(8192))  # the same inode: the start-up check passed
    with pytest.raises(DamagedDatabaseError, match="restore"), open_db() as db:
        db.execute("SELECT * FROM settings").fetchall()


def test_a_new_database_is_never_seen_empty(tmp_path: Path) -> None:
    path = tmp_path / "new" / "prep.db"
    path.parent.mkdir()
    with open_db(path):
        assert path.stat().st_size > 0
    assert sorted(p.name for p in path.parent.iterdir()) == ["prep.db"]


# ---------------------------------------------------------------- the manifest is data


def _archive_with_manifest(tmp_path: Path, manifest: object, name: str = "m.zip") -> Path:
    """A zip holding this test's (sound) database and the given manifest, whatever it says."""
    db_file = tmp_path / "snapshot.db"
    if not db_file.exists():
        backup.snapshot_database(db_file)
    archive = tmp_path / name
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(db_file, "prep.db")
        zf.writestr("manifest.json", json.dumps(manifest))
    return archive


def _valid_manifest(tmp_path: Path) -> dict:
    db_file = tmp_path / "snapshot.db"
    version, applied = backup.snapshot_database(db_file)
    return {
        "format": backup.FORMAT,
        "format_version": backup.FORMAT_VERSION,
        "created_at": "2026-03-01T09:30:00+00:00",
        "schema_version": version,
        "migrations": applied,
        "files": {"prep.db": {"size": db_file.stat().st_size, "sha256": backup.sha256_file(db_file)}},
    }


HOSTILE = "**bold** :red[red] ![img](http://127.0.0.1:9/x.png) <b>x</b> $x$"
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.just(HOSTILE)
    | st.just("x" * 5000),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
FIELDS = ["format", "format_version", "created_at", "schema_version", "migrations", "files"]


@st.composite
def manifests(draw, valid: dict) -> dict:
    """The valid manifest, with some fields replaced by any JSON, removed, or set to a valid variant."""
    m = json.loads(json.dumps(valid))
    for field in draw(st.lists(st.sampled_from(FIELDS), max_size=3, unique=True)):
        action = draw(st.sampled_from(["replace", "drop", "vary"]))
        if action == "drop":
            m.pop(field)
        elif action == "replace":
            m[field] = draw(json_values)
        elif field == "created_at":
            m[field] = draw(st.datetimes(timezones=st.timezones())).isoformat()
        elif field == "files":
            m[field]["prep.db"][draw(st.sampled_from(["size", "sha256"]))] = draw(json_values)
        elif field == "migrations":
            m[field] = draw(st.lists(st.sampled_from(m[field] + ["m999_future", HOSTILE]), max_size=12))
    return m


def test_every_generated_manifest_is_accepted_or_refused_in_one_line(tmp_path: Path) -> None:
    valid = _valid_manifest(tmp_path)
    outcomes = {"accepted": 0, "refused": 0}

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(manifests(valid))
    def check(manifest: dict) -> None:
        archive = _archive_with_manifest(tmp_path, manifest)
        try:
            checked = backup.inspect_archive(archive)
        except ImportFileError as exc:
            assert "\n" not in str(exc) and len(str(exc)) < 700 and str(exc).endswith("nothing was changed")
            outcomes["refused"] += 1
        else:
            assert isinstance(checked.schema_version, int) and isinstance(checked.files["prep.db"].size, int)
            assert all(isinstance(v, str) for row in backup.describe(checked) for v in row)
            outcomes["accepted"] += 1

    check()
    assert outcomes["accepted"] > 5 and outcomes["refused"] > 5, outcomes


@pytest.mark.parametrize(
    "edit, words",
    [
        ({"migrations": 5}, "field 'migrations'"),
        ({"schema_version": "9"}, "field 'schema_version'"),
        ({"schema_version": 10**40}, "field 'schema_version'"),
        ({"files": []}, "field 'files'"),
        ({"files": {"prep.db": {"size": "1", "sha256": "0" * 64}}}, "field 'files.prep.db.size'"),
        ({"created_at": HOSTILE}, "field 'created_at'"),
        ({"format_version": 99}, "newer than this app"),
    ],
)
def test_a_manifest_field_of_the_wrong_type_is_one_line_on_the_command_line(cli, tmp_path, edit, words) -> None:
    manifest = {**_valid_manifest(tmp_path), **edit}
    done = cli("restore", str(_archive_with_manifest(tmp_path, manifest)))
    lines = [line for line in done.stderr.splitlines() if line.strip() and not line.startswith("  ")]  # not progress
    assert done.returncode == 1 and len(lines) == 1 and words in lines[0], done.stderr
    assert "Traceback" not in done.stderr and "TypeError" not in done.stderr


def _upload(page_key: str, archive: Path):
    at = run_page("pages/deliverables.py")
    at.file_uploader(key=f"{page_key}_restore_upload").set_value(
        (archive.name, archive.read_bytes(), "application/zip")
    )
    return at.run()


def _no_markup_from(at, value: str) -> None:
    """Nothing on the page renders ``value``'s markdown: every markdown element shows it escaped or not at all."""
    for element in [*at.markdown, *at.error, *at.info, *at.success, *at.caption]:
        body = str(element.value)
        assert "![img](" not in body and "**bold**" not in body and ":red[" not in body, body


def test_the_restore_panel_shows_a_hostile_manifest_as_plain_text(tmp_path: Path) -> None:
    manifest = {**_valid_manifest(tmp_path), "created_at": HOSTILE, "migrations": 5}
    at = _upload("deliverables", _archive_with_manifest(tmp_path, manifest))
    assert not at.exception
    assert len(at.error) == 1 and "field \\'created\\_at\\'" in at.error[0].value  # escaped: shown as typed
    _no_markup_from(at, HOSTILE)
    assert not [b for b in at.button if b.key == "deliverables_restore_confirm"]


def test_the_restore_panel_shows_a_good_manifest_in_a_table(tmp_path: Path) -> None:
    at = _upload("deliverables", _archive_with_manifest(tmp_path, _valid_manifest(tmp_path)))
    assert not at.exception and not at.error
    table = at.dataframe[0].value
    assert list(table["Backup"]) == ["Made", "Data format", "Recording files", "Size when restored"]
    assert [b for b in at.button if b.key == "deliverables_restore_confirm"]


# ---------------------------------------------------------------- archives an attacker would write


def _zip(tmp_path: Path, name: str, entries: list[tuple[str | zipfile.ZipInfo, bytes]]) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for entry, data in entries:
            zf.writestr(entry, data)
    return path


def test_hostile_archives_are_refused_before_anything_is_written(tmp_path: Path, data_dir: Path) -> None:
    valid = _valid_manifest(tmp_path)
    db_bytes = (tmp_path / "snapshot.db").read_bytes()
    bomb = json.dumps({**valid, "padding": " " * (backup.manifest.MAX_MANIFEST_BYTES + 10)})
    deep = "[" * 100_000 + "]" * 100_000
    cases = {
        "manifest bomb": ([("manifest.json", bomb.encode()), ("prep.db", db_bytes)], "MB"),
        "deep json": ([("manifest.json", deep.encode()), ("prep.db", db_bytes)], "manifest"),
        "duplicate entry": (
            [("manifest.json", json.dumps(valid).encode()), ("prep.db", db_bytes), ("prep.db", b"evil")],
            "appears twice",
        ),
        "manifest not utf-8": ([("manifest.json", b"\xff\xfe{"), ("prep.db", db_bytes)], "cannot be read"),
        "no database": (
            [("manifest.json", json.dumps({**valid, "files": {}}).encode())],
            "no database",
        ),
        "foreign name in manifest": (
            [
                (
                    "manifest.json",
                    json.dumps(
                        {**valid, "files": {**valid["files"], "etc/passwd": valid["files"]["prep.db"]}}
                    ).encode(),
                ),
                ("prep.db", db_bytes),
            ],
            "not part of a backup",
        ),
        "newline in a name": (
            [("manifest.json", json.dumps(valid).encode()), ("prep.db", db_bytes), ("recordings/a\nb", b"x")],
            "control characters",
        ),
    }
    before = sorted(p.name for p in data_dir.iterdir())
    for label, (entries, words) in cases.items():
        with pytest.raises(ImportFileError) as err:
            backup.restore_backup(_zip(tmp_path, f"{label}.zip", entries))
        assert words in str(err.value) and "\n" not in str(err.value), (label, str(err.value))
        assert sorted(p.name for p in data_dir.iterdir()) == before, label


# ---------------------------------------------------------------- unwritable places, full disks


def _unshare() -> list[str]:
    return ["unshare", "--mount", "--propagation", "private"] + ([] if os.geteuid() == 0 else ["--map-root-user"])


def _mount_namespace_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run([*_unshare(), "true"], capture_output=True)
    return probe.returncode == 0


needs_mount_namespace = pytest.mark.skipif(not _mount_namespace_works(), reason="unshare --mount is not permitted")


def _lib_in_namespace(setup: str, data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m lib ARGS` after ``setup`` (shell; $D is the data directory) in a private mount namespace."""
    env = {**os.environ, "PREP_DATA_DIR": str(data_dir), "D": str(data_dir), "PY": sys.executable}
    return subprocess.run(
        [*_unshare(), "sh", "-c", f'{setup} && exec "$PY" -m lib "$@"', "child", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@needs_mount_namespace
def test_a_restore_into_a_read_only_data_directory_blames_the_directory(good_backup, demo_dir) -> None:
    before = _fingerprint(demo_dir)
    done = _lib_in_namespace(
        'mount --bind "$D" "$D" && mount -o remount,bind,ro "$D"', demo_dir, "restore", str(good_backup)
    )
    lines = [line for line in done.stderr.splitlines() if line.strip() and not line.startswith("  ")]  # not progress
    assert done.returncode == 1 and len(lines) == 1, done.stderr
    assert "data directory cannot be written" in lines[0] and str(demo_dir) in lines[0]
    assert "archive" not in lines[0]
    assert _fingerprint(demo_dir) == before


@needs_mount_namespace
def test_a_backup_into_a_read_only_folder_says_so(data_dir, tmp_path) -> None:
    target = tmp_path / "read-only"
    target.mkdir()
    done = _lib_in_namespace(
        f'mount --bind "{target}" "{target}" && mount -o remount,bind,ro "{target}"',
        data_dir,
        "backup",
        str(target / "b.zip"),
    )
    lines = [line for line in done.stderr.splitlines() if line.strip() and not line.startswith("  ")]  # not progress
    assert done.returncode == 1 and len(lines) == 1 and "read-only" in lines[0], done.stderr
    assert list(target.iterdir()) == []


@needs_mount_namespace
def test_a_restore_that_fills_the_disk_says_so_and_changes_nothing(demo_dir, tmp_path) -> None:
    (demo_dir / "recordings").mkdir(exist_ok=True)
    (demo_dir / "recordings" / "big.webm").write_bytes(os.urandom(3 << 20))
    archive = tmp_path / "big.zip"
    backup.create_backup(archive)
    shutil.rmtree(demo_dir / "recordings")
    # The data directory becomes a 3 MB disk holding a copy of its database.
    copy = tmp_path / "db-copy"
    shutil.copytree(demo_dir, copy)
    done = _lib_in_namespace(
        f'mount -t tmpfs -o size=3m tmpfs "$D" && cp -a "{copy}/." "$D/"', demo_dir, "restore", str(archive)
    )
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1 and lines[-1].startswith("error:"), done.stderr
    assert "disk" in lines[-1] and "archive" not in lines[-1]
    assert "Traceback" not in done.stderr


# ---------------------------------------------------------------- interrupted restores


def _big_archive(tmp_path: Path, megabytes: int) -> Path:
    """A valid backup whose recordings take ``megabytes`` MB: long enough to kill a restore mid-extract."""
    recordings = Path(os.environ["PREP_DATA_DIR"]) / "recordings"
    recordings.mkdir(exist_ok=True)
    chunk = random.Random(4).randbytes(1 << 20)
    for i in range(megabytes // 8):
        with open(recordings / f"take-{i}.webm", "wb") as out:
            for _ in range(8):
                out.write(chunk)
    archive = tmp_path / "big.zip"
    backup.create_backup(archive)
    shutil.rmtree(recordings)
    return archive


def _restore_process(archive: Path, data_dir: Path) -> subprocess.Popen:
    env = {**os.environ, "PREP_DATA_DIR": str(data_dir)}
    return subprocess.Popen(
        [sys.executable, "-m", "lib", "restore", str(archive)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_for_staging(data_dir: Path, proc: subprocess.Popen, at_least: int) -> Path:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        folders = backup.staging_folders(data_dir)
        if folders and backup.disk_usage(data_dir)["unfinished_restores"] >= at_least:
            return folders[0]
        assert proc.poll() is None, "the restore finished before it could be interrupted"
        time.sleep(0.005)
    raise AssertionError("no staging folder appeared")


def test_a_restore_killed_mid_extract_is_counted_then_cleaned_at_start_up(data_dir: Path, tmp_path: Path, cli) -> None:
    archive = _big_archive(tmp_path, 400)
    before = _fingerprint(data_dir)
    proc = _restore_process(archive, data_dir)
    staging = _wait_for_staging(data_dir, proc, 8 << 20)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert staging.is_dir() and _fingerprint(data_dir) == before  # nothing of the user's data was touched
    usage = backup.disk_usage(data_dir)
    assert usage["unfinished_restores"] >= 8 << 20 and usage["total"] >= usage["unfinished_restores"]
    at = run_page("pages/deliverables.py")  # the app's start-up cleans it before any page renders
    assert not at.exception
    assert backup.staging_folders(data_dir) == [] and backup.disk_usage(data_dir)["unfinished_restores"] == 0
    assert cli("export", str(tmp_path / "out")).returncode == 0


def test_start_up_leaves_alone_the_staging_of_a_restore_that_is_running(data_dir: Path, tmp_path: Path, cli) -> None:
    archive = _big_archive(tmp_path, 400)
    proc = _restore_process(archive, data_dir)
    try:
        staging = _wait_for_staging(data_dir, proc, 1)
        assert backup.clean_stale_staging(data_dir) == 0 and staging.is_dir()
        with pytest.raises(StorageError, match="another restore"):
            backup.restore_backup(archive)
    finally:
        assert proc.wait(120) == 0
    assert backup.staging_folders(data_dir) == [] and len(backup.kept_copies(data_dir)) == 1


def test_the_cli_cleans_an_abandoned_staging_folder(data_dir: Path, tmp_path: Path, cli) -> None:
    stale = data_dir / f"{backup.STAGING_PREFIX}20260101-000000-000000"
    (stale / "recordings").mkdir(parents=True)
    (stale / "recordings" / "half.webm").write_bytes(b"x" * 5000)
    assert backup.disk_usage(data_dir)["unfinished_restores"] == 5000
    assert cli("backup", str(tmp_path / "b.zip")).returncode == 0
    assert not stale.exists()


# ---------------------------------------------------------------- the journey in a browser


@pytest.mark.browser
def test_browser_a_damaged_database_is_restored_from_the_page_it_offers(
    browser_launcher, good_backup, demo_dir, tmp_path
) -> None:
    from tests.conftest import AppServer, wait_for_app_idle

    _damage("corrupt pages", demo_dir, tmp_path)
    damaged = _fingerprint(demo_dir)
    server = AppServer(demo_dir)
    try:
        pg = browser_launcher().new_page()
        pg.set_default_timeout(30_000)
        pg.goto(f"{server.url}/curriculum")  # the first visit of a freshly started app, straight to a page
        pg.get_by_role("heading", name="Your database is damaged").wait_for()
        body = pg.locator("body").inner_text()
        assert "Traceback" not in body and "pages/" not in body and "sqlite3" not in body
        # A second address in the same server: the damaged page is there too, not "Page not found".
        second = browser_launcher().new_page()
        second.goto(f"{server.url}/stories")
        second.get_by_role("heading", name="Your database is damaged").wait_for()
        second.wait_for_timeout(1000)
        assert "Page not found" not in second.locator("body").inner_text()
        second.close()
        pg.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(good_backup))
        pg.get_by_text("passed its checks").wait_for()
        pg.get_by_role("button", name="Replace my data with this backup").click()
        pg.get_by_text("Restored.").wait_for()
        pg.get_by_role("button", name="Open the app").click()
        wait_for_app_idle(pg)
        pg.goto(f"{server.url}/curriculum")
        pg.get_by_role("heading", name="Curriculum").first.wait_for()
        assert "Your database is damaged" not in pg.locator("body").inner_text()
    finally:
        server.stop()
    kept = backup.kept_copies(demo_dir)
    assert len(kept) == 1 and _fingerprint(kept[0]) == damaged
