"""Backup and restore of the whole data directory: the database and every recording.

A backup is a zip holding ``prep.db`` (a consistent snapshot taken with
SQLite's online backup API, so whatever sits in the WAL is included),
``recordings/…``, ``materials/…`` (the uploaded resume and LinkedIn files)
and ``manifest.json`` (format, schema version, applied migrations, the size and SHA-256 of every file).

A restore checks everything before it touches anything: the zip opens, the
manifest is there, fits its schema (``manifest``) and is from a schema this app can open, no entry can land
outside the data directory, the files match their hashes and the database
passes SQLite's integrity check. Only then is the current data moved into a
dated ``before-restore-…`` folder inside the data directory and the restored
files renamed into place.

The work is split by step: ``archive`` (names, hashes, what is on disk),
``write`` (making a backup), ``check`` (refusing a bad one before anything is
touched) and ``restore`` (putting a checked one in place). Callers use the
names re-exported here.
"""

from lib.storage.backup.archive import (
    DB_NAME,
    FORMAT,
    FORMAT_VERSION,
    KEEP_PREFIX,
    MANIFEST,
    RECORDINGS,
    Progress,
    disk_usage,
    kept_copies,
    recording_files,
    sha256_file,
)
from lib.storage.backup.check import inspect_archive
from lib.storage.backup.manifest import Manifest, describe, parse_manifest
from lib.storage.backup.restore import restore_backup
from lib.storage.backup.staging import STAGING_PREFIX, clean_stale_staging, staging_folders
from lib.storage.backup.write import (
    backup_bytes,
    backup_to_temp,
    create_backup,
    discard_temp,
    snapshot_database,
    stash_upload,
)

__all__ = [
    "DB_NAME",
    "FORMAT",
    "FORMAT_VERSION",
    "KEEP_PREFIX",
    "MANIFEST",
    "STAGING_PREFIX",
    "Manifest",
    "RECORDINGS",
    "Progress",
    "backup_bytes",
    "backup_to_temp",
    "clean_stale_staging",
    "create_backup",
    "describe",
    "discard_temp",
    "disk_usage",
    "inspect_archive",
    "kept_copies",
    "parse_manifest",
    "recording_files",
    "restore_backup",
    "sha256_file",
    "snapshot_database",
    "staging_folders",
    "stash_upload",
]
