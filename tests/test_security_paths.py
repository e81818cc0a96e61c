"""Files stay inside the data directory: no user text becomes a path, no stored row or archive entry escapes."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import stat
import zipfile
from pathlib import Path

import pytest

from lib.core.errors import ImportFileError, InputError
from lib.media import paths
from lib.media import takes as recordings
from lib.storage import backup
from lib.storage.db import open_db
from tests.security_data import store_hostile_text

ESCAPING_PATHS = [
    "../prep.db",
    "../outside/victim.mp4",
    "recordings/../prep.db",
    "recordings/../../outside/victim.mp4",
    "/etc/passwd",
    "recordings",
    "recordings/",
    "recordings/./",
]


def files_under(folder: Path) -> set[str]:
    """Every file below ``folder``, as POSIX paths relative to it."""
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() or p.is_symlink()}


def tampered_take(db, path: str) -> int:
    """A recordings row whose path was edited outside the app (a hand-edited or foreign database)."""
    return (
        db["recordings"]
        .insert(
            {
                "created_at": "2026-03-01T10:00:00",
                "mode": "full_mock",
                "title": "tampered",
                "path": path,
                "status": "ok",
            }
        )
        .last_pk
    )


@pytest.mark.parametrize("path", ESCAPING_PATHS)
def test_a_row_pointing_outside_recordings_is_refused(data_dir: Path, path: str) -> None:
    outside = data_dir.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "victim.mp4").write_bytes(b"not yours")
    with open_db() as db:
        take = tampered_take(db, path)
        with pytest.raises(InputError, match="outside the recordings folder"):
            paths.recording_file(db, take)
        recordings.delete_recording(db, take)
        assert db.conn.execute("SELECT COUNT(*) FROM recordings WHERE id = ?", (take,)).fetchone()[0] == 0
    assert (outside / "victim.mp4").read_bytes() == b"not yours"
    assert (data_dir / "prep.db").exists()


def test_a_symlink_inside_recordings_that_leads_out_is_refused(data_dir: Path) -> None:
    victim = data_dir.parent / "victim.mp4"
    victim.write_bytes(b"not yours")
    (data_dir / "recordings").mkdir(exist_ok=True)
    os.symlink(victim, data_dir / "recordings" / "link.mp4")
    with open_db() as db:
        take = tampered_take(db, "recordings/link.mp4")
        with pytest.raises(InputError, match="outside the recordings folder"):
            paths.recording_file(db, take)
        recordings.delete_recording(db, take)
    assert victim.read_bytes() == b"not yours"


def test_a_take_inside_recordings_is_served(data_dir: Path) -> None:
    relative, path = paths.new_take_path()
    path.write_bytes(b"take")
    with open_db() as db:
        assert paths.recording_file(db, tampered_take(db, relative)) == path.resolve()


def test_user_text_never_names_a_file(data_dir: Path, tmp_path: Path) -> None:
    """Titles, names and notes full of path tricks are stored; every file the app writes has its own name."""
    from lib.materials import export

    store_hostile_text(data_dir, dt.date.today())
    with open_db() as db:
        plan = recordings.TakePlan(mode="full_mock", title="../../escape/..\\evil.mp4")
        relative, path = paths.new_take_path()
        assert "escape" not in relative and "evil" not in relative
        assert Path(relative).parent == Path("recordings") and path.parent == (data_dir / "recordings").resolve()
        recordings.save_take(db, plan, None)
    out = tmp_path / "export"
    written = export.export_all(out)
    assert written and all(Path(p).resolve().is_relative_to(out.resolve()) for p in written)
    names = files_under(out)
    assert names and not any(mark in name for name in names for mark in ("..", "<", "alert", "\\", "escape"))
    assert {p.name for p in tmp_path.iterdir()} == {"prep-data", "export"}
    assert not (tmp_path / "escape").exists() and not (data_dir.parent / "escape").exists()
    assert all(
        p.name in ("prep.db", "prep.db-wal", "prep.db-shm") or p.parent.name == "recordings"
        for p in data_dir.rglob("*")
        if p.is_file()
    )


# ---------------------------------------------------------------- zip slip


def archive_with_extra(source: Path, dest: Path, name: str, data: bytes = b"owned", *, symlink: bool = False) -> Path:
    """A real backup with one more entry, listed in its manifest with a correct size and hash."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(dest, "w") as out:
        manifest = json.loads(src.read(backup.MANIFEST))
        manifest["files"][name] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        for info in src.infolist():
            if info.filename != backup.MANIFEST:
                out.writestr(info, src.read(info.filename))
        extra = zipfile.ZipInfo(name)
        if symlink:
            extra.external_attr = (stat.S_IFLNK | 0o777) << 16
        out.writestr(extra, data)
        out.writestr(backup.MANIFEST, json.dumps(manifest))
    return dest


@pytest.fixture
def real_backup(data_dir: Path, tmp_path: Path) -> Path:
    """A backup of a data directory holding some time logged."""
    from lib.plan import curriculum, time_log

    with open_db() as db:
        session = curriculum.load_curriculum().days[0].sessions[0].id
        time_log.log_time(db, session, 45, dt.date.today(), "kept")
    path = tmp_path / "backup.zip"
    backup.create_backup(path)
    return path


OUTSIDE = "entry '{}' points outside the data directory"
NOT_PORTABLE = "entry '{}' has an absolute or non-portable path"
# Each hostile entry name and the reason the refusal must give (the names hold none of these words).
ZIP_SLIP_NAMES = {
    "../evil.txt": OUTSIDE,
    "../../evil.txt": OUTSIDE,
    "recordings/../../evil.txt": OUTSIDE,
    "recordings/../../../evil.txt": OUTSIDE,
    "/tmp/evil.txt": NOT_PORTABLE,
    "\\evil.txt": NOT_PORTABLE,
    "..\\evil.txt": NOT_PORTABLE,
    "recordings/..\\..\\evil.txt": NOT_PORTABLE,
    "C:/evil.txt": NOT_PORTABLE,
    # The manifest, which lists the name in full, refuses a control character before any entry is read.
    "recordings/evil\x00.mp4": "the manifest's field 'files.recordings/evil\x00.mp4.[key]' is invalid",
}


def plain_id(name: str) -> str:
    """A test id without backslashes or NUL, which break selecting the test by its id on a command line."""
    return name.replace("\\", "BACKSLASH").replace("\x00", "NUL")


@pytest.mark.parametrize("name", ZIP_SLIP_NAMES, ids=plain_id)
def test_restore_refuses_an_entry_that_leaves_the_data_directory(
    data_dir: Path, tmp_path: Path, real_backup: Path, name: str
) -> None:
    hostile = archive_with_extra(real_backup, tmp_path / "hostile.zip", name)
    before = (data_dir / "prep.db").read_bytes() if not (data_dir / "prep.db-wal").exists() else None
    rows_before = sqlite3.connect(data_dir / "prep.db").execute("SELECT COUNT(*) FROM time_log").fetchone()[0]
    with pytest.raises(ImportFileError) as refused:
        backup.restore_backup(hostile)
    assert refused.value.message.startswith(ZIP_SLIP_NAMES[name].format(name))
    assert refused.value.message.endswith("; nothing was changed")
    assert refused.value.where == str(hostile)
    for root in (tmp_path, data_dir.parent, Path("/tmp")):
        assert not (root / "evil.txt").exists()
    assert (
        rows_before == sqlite3.connect(data_dir / "prep.db").execute("SELECT COUNT(*) FROM time_log").fetchone()[0] == 1
    )
    if before is not None:
        assert (data_dir / "prep.db").read_bytes() == before


def test_restore_refuses_a_symlink_entry(data_dir: Path, tmp_path: Path, real_backup: Path) -> None:
    hostile = archive_with_extra(
        real_backup, tmp_path / "link.zip", "recordings/take.mp4", b"/etc/passwd", symlink=True
    )
    with pytest.raises(ImportFileError) as refused:
        backup.restore_backup(hostile)
    assert refused.value.message == "entry 'recordings/take.mp4' is a symbolic link; nothing was changed"
    assert not (data_dir / "recordings" / "take.mp4").exists()


def test_the_untampered_backup_restores(data_dir: Path, real_backup: Path) -> None:
    """The hostile archives differ from this one only by their extra entry."""
    backup.restore_backup(real_backup)
    assert sqlite3.connect(data_dir / "prep.db").execute("SELECT COUNT(*) FROM time_log").fetchone()[0] == 1
