"""Opening the database: one SQLite file, WAL, foreign keys, busy timeout.

Open a connection per use (``with open_db() as db:``) — a ``sqlite3`` connection
belongs to the thread that made it and Streamlit reruns pages on other threads.
Writes go through ``transaction(db)``, which takes the write lock up front
(``BEGIN IMMEDIATE``) so two writers queue on the busy timeout instead of
failing with "database is locked" when a read transaction tries to upgrade.

Opening a connection never changes the schema: start-up brings the file to
the newest schema once (``lib.storage.migrations.prepare``).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from lib.core import config
from lib.core.errors import StorageError

BUSY_TIMEOUT_MS = 30_000
_checked: set[tuple[str, int]] = set()  # (path, inode) of files start-up found sound in this process

# How SQLite says a file is not a sound database (its error names, then words of its messages).
_DAMAGE_NAMES = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
_DAMAGE_WORDS = ("file is not a database", "malformed", "disk image", "corrupt")


class DamagedDatabaseError(StorageError):
    """prep.db exists but is not a sound SQLite database (truncated, overwritten, malformed)."""


def is_damage(exc: BaseException) -> bool:
    """True when SQLite refused the file itself (not a database, malformed), not a lock, a full disk or a bad query."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(_DAMAGE_NAMES) or any(word in str(exc).lower() for word in _DAMAGE_WORDS)


def damaged(path: Path, what: str) -> DamagedDatabaseError:
    """The one message for a damaged database: what is wrong and what to do."""
    what = " ".join(what.replace("*", "").split())[:200]  # SQLite's own report can span lines
    return DamagedDatabaseError(
        f"the database is damaged ({what}), so the app cannot use it; restore a backup with "
        "`python -m lib restore FILE.zip` or on the app's restore page (restoring keeps the damaged file "
        "in a before-restore folder of the data directory; nothing is deleted)",
        where=str(path),
    )


def _create_atomically(path: Path) -> None:
    """Create a new, empty WAL database at ``path`` in one rename, so no other process ever sees a 0-byte prep.db.

    A 0-byte prep.db is then always a damaged one (a truncated copy, a failed
    write), never a database another process is creating this very instant.
    """
    fresh = path.with_name(f".{path.name}-new-{uuid.uuid4().hex}")
    try:
        conn = sqlite3.connect(str(fresh))
        try:
            conn.execute("PRAGMA journal_mode = WAL")  # writes the header: the file is never empty from here
        finally:
            conn.close()
        try:
            os.link(fresh, path)  # fails if another process created it first; theirs is kept
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(fresh, path)
    finally:
        for leftover in (fresh, fresh.with_name(fresh.name + "-wal"), fresh.with_name(fresh.name + "-shm")):
            leftover.unlink(missing_ok=True)


def _ensure_wal(conn: sqlite3.Connection) -> None:
    """Switch a new database to WAL, retrying while another process creates it.

    Changing the journal mode does not wait on the busy timeout: two processes
    opening a brand-new file at once can get "database is locked" here.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _configured_db_path() -> Path:
    """config.db_path(), with a data directory that cannot be created as a StorageError."""
    try:
        return config.db_path()
    except OSError as exc:  # read-only parent, no permission
        raise StorageError(
            f"cannot create the data directory: {exc.strerror or exc}; nothing was changed",
            where=str(exc.filename or ""),
        ) from exc


def connect(path: Path | None = None) -> sqlite_utils.Database:
    """A new connection to ``prep.db`` (created if missing) with the app's pragmas."""
    path = Path(path) if path is not None else _configured_db_path()
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        size = None
    except OSError as exc:  # a folder where the file should be, no permission
        raise StorageError(f"cannot open the database: {exc.strerror or exc}", where=str(path)) from exc
    if size == 0:
        raise damaged(path, "the file is empty: 0 bytes")
    try:
        if size is None and path.parent.is_dir():
            _create_atomically(path)
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        _ensure_wal(conn)
        # NORMAL in WAL mode survives a crash of the app at any instant; only
        # an OS crash or power cut can lose the last transactions.
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.OperationalError as exc:
        if path.parent.is_dir() and not os.access(path.parent, os.W_OK):
            # SQLite only says "unable to open database file": a WAL database
            # needs to create its -shm and -wal files next to it.
            raise StorageError(
                "the data directory is read-only, so the database cannot be opened; nothing was changed",
                where=str(path.parent),
            ) from exc
        raise StorageError(f"cannot open the database: {exc}", where=str(path)) from exc
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            raise damaged(path, str(exc)) from exc
        raise
    return sqlite_utils.Database(conn)


@contextlib.contextmanager
def open_db(path: Path | None = None) -> Iterator[sqlite_utils.Database]:
    """Context manager: a connection, closed on exit; SQLite finding the file damaged becomes DamagedDatabaseError."""
    db = connect(path)
    try:
        yield db
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            _checked.clear()  # found damaged after start-up's check: the next start-up checks again
            raise damaged(Path(path) if path is not None else config.db_path(), str(exc)) from exc
        raise
    finally:
        db.conn.close()


def check_sound(path: Path) -> None:
    """Start-up check that an existing file is a sound database (``PRAGMA quick_check``), once per file per process.

    It reads through a read-only connection opened before any other, so a
    damaged file (or a WAL that does not belong to it) is never checkpointed
    or otherwise changed by being looked at. Pages rerun often and the check
    reads every page, so a file found sound is not checked again until it is
    replaced (a restore gives it a new inode); damage that appears later
    still surfaces through ``open_db``.
    """
    try:
        stat = path.stat()
    except OSError:
        return  # missing (created next) or unreadable (opening says why)
    if stat.st_size == 0:
        raise damaged(path, "the file is empty: 0 bytes")
    key = (str(path), stat.st_ino)
    if key in _checked:
        return
    companions = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    absent = [p for p in companions if not p.exists()]
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return
    problem = None
    try:
        result = conn.execute("PRAGMA quick_check(1)").fetchone()
        if not result or result[0] != "ok":
            problem = f"SQLite's check says: {result[0] if result else 'no answer'}"
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            return  # locked, read-only without its -shm: opening the database says what is wrong
        problem = str(exc)
    finally:
        conn.close()
    if problem is None:
        _checked.add(key)
        return
    for created in absent:  # the empty WAL and index the look created: leave the damaged file as it was found
        with contextlib.suppress(OSError):
            if created.name.endswith("-shm") or created.stat().st_size == 0:
                created.unlink()
    raise damaged(path, problem)


@contextlib.contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """A write transaction that holds the write lock from its first statement.

    Nested use becomes a savepoint. Everything inside commits together or not at all.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            db.conn.execute("BEGIN IMMEDIATE")
            break
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise _storage_error(exc) from exc
            time.sleep(0.05)
    try:
        yield db
    except BaseException as exc:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        # A full disk or a read-only file can surface on any statement once
        # SQLite spills pages to the WAL, not only at COMMIT.
        if isinstance(exc, sqlite3.OperationalError) and _is_environment_error(exc):
            raise _storage_error(exc) from exc
        raise
    else:
        try:
            db.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise _storage_error(exc) from exc


@contextlib.contextmanager
def bulk_write(db: sqlite_utils.Database, tables: list[str]) -> Iterator[sqlite_utils.Database]:
    """A write transaction for many rows of ``tables`` that bumps the data version once instead of once per row.

    The version triggers fire per row, which cost about a quarter of a
    10,000-row import. Here those tables' triggers are dropped inside the
    transaction, the version is bumped by hand and the triggers are recreated
    before it commits. The transaction holds the write lock from its first
    statement, so no other connection or process writes while they are gone,
    and readers (WAL snapshots) only ever see the schema with them. A failure
    rolls back the drop with everything else.
    """
    with transaction(db):
        saved = [t for t in db.triggers if t.name.startswith("_dv_") and t.table in tables]
        for trigger in saved:
            db.conn.execute(f'DROP TRIGGER "{trigger.name}"')
        yield db
        db.conn.execute("UPDATE _data_version SET version = version + 1 WHERE id = 1")
        for trigger in saved:
            db.conn.execute(trigger.sql)


def _is_environment_error(exc: sqlite3.OperationalError) -> bool:
    """Errors of the disk or the folder (full, read-only, I/O), not of the app's SQL."""
    text = str(exc).lower()
    return any(word in text for word in ("full", "readonly", "read-only", "disk i/o", "locked"))


def _storage_error(exc: sqlite3.OperationalError) -> StorageError:
    text = str(exc)
    if "readonly" in text or "read-only" in text:
        return StorageError("the data directory is read-only; nothing was saved", where=str(config.data_dir()))
    if "full" in text:
        return StorageError("the disk is full; nothing was saved", where=str(config.data_dir()))
    return StorageError(f"database error, nothing was saved: {text}", where=str(config.db_path()))


def data_version(db: sqlite_utils.Database) -> int:
    """A counter that every write to a user table bumps (kept by triggers).

    Cached DataFrames are keyed on it, so a write invalidates them at once and
    nothing depends on time-to-live guesses.
    """
    row = db.conn.execute("SELECT version FROM _data_version WHERE id = 1").fetchone()
    return row[0] if row else 0


_version_readers = threading.local()


def current_data_version() -> int:
    """``data_version`` of the configured database, read on every page rerun."""
    return current_data_key()[1]


def current_data_key() -> tuple[int | None, int]:
    """(inode of the database file, its data version): what cached views are keyed on.

    Opening a connection costs most of a millisecond and a page asks once per
    cached query, so each thread keeps one small read-only connection per
    database file for this single-row read. It is dropped when the file is
    replaced (a restore renames a new file into place) so it never reads an
    old copy; the inode is part of the key because the restored file's
    version can happen to equal the old one's.
    """
    path = _configured_db_path()
    readers: dict = _version_readers.__dict__.setdefault("by_path", {})
    try:
        inode = path.stat().st_ino
    except OSError:
        inode = None
    entry = readers.get(str(path))
    if entry is not None and entry[0] != inode:
        readers.pop(str(path))[1].close()
        entry = None
    if entry is None:
        with open_db() as db:
            version = data_version(db)
        inode = path.stat().st_ino
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=True)
        readers[str(path)] = (inode, conn)
        return inode, version
    try:
        return inode, entry[1].execute("SELECT version FROM _data_version WHERE id = 1").fetchone()[0]
    except sqlite3.Error:
        entry[1].close()
        readers.pop(str(path), None)
        with open_db() as db:
            return inode, data_version(db)
