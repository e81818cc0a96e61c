"""Uploaded resume and LinkedIn files: versions, one version per distinct file, nothing half-stored, backups."""

from __future__ import annotations

import errno
import functools
import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.core.errors import ImportFileError, StorageError
from lib.materials import checklists as materials
from lib.materials import deliverables, uploads
from lib.storage import backup
from lib.storage.db import open_db, transaction
from tests import materials_files as mf


@functools.cache
def good_pdf() -> bytes:
    return mf.good_resume_pdf()


@functools.cache
def weak_pdf() -> bytes:
    return mf.weak_resume_pdf()


@functools.cache
def bad_files() -> dict[str, tuple[str, bytes]]:
    """Files each check refuses: (kind, bytes) by name."""
    return {
        "scanned.pdf": ("resume", mf.scanned_pdf()),
        "encrypted.pdf": ("resume", mf.encrypted_pdf()),
        "damaged.pdf": ("resume", mf.damaged_pdf()),
        "huge.pdf": ("resume", good_pdf() + b"%" * (11 * 1024 * 1024)),
        "notes.txt": ("resume", b"just some notes, not a resume file"),
        "holiday.zip": ("linkedin", mf.not_linkedin_zip()),
        "cut.zip": ("linkedin", mf.damaged_zip()),
    }


def _stored_files(data_dir: Path) -> list[Path]:
    root = data_dir / "materials"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _rows(db) -> list[dict]:
    return list(db.query("SELECT * FROM material_versions ORDER BY id"))


def test_a_resume_is_kept_as_version_1_with_its_file_text_and_result(db, data_dir: Path) -> None:
    saved = uploads.add_version(db, "resume", good_pdf(), "Alex Rivera – resume.pdf")
    assert saved == {"id": saved["id"], "version": 1, "new": True}
    (row,) = _rows(db)
    digest = hashlib.sha256(good_pdf()).hexdigest()
    assert row["path"] == f"materials/resume/{digest}.pdf"
    assert (data_dir / row["path"]).read_bytes() == good_pdf()
    assert row["filename"] == "Alex Rivera – resume.pdf" and row["size"] == len(good_pdf())
    assert row["uploaded_at"].endswith("+00:00")  # one clock: UTC with its offset
    assert "MealMind" in row["text"] and row["pages"] == 1
    result = json.loads(row["result_json"])
    assert set(result["checklist"]) == {i.id for i in materials.load_checklists().checklist("resume").items}
    assert uploads.latest(db, "resume")["version"] == 1


def test_the_same_file_twice_is_one_version_and_another_file_is_the_next(db, data_dir: Path) -> None:
    first = uploads.add_version(db, "resume", good_pdf(), "resume.pdf")
    again = uploads.add_version(db, "resume", good_pdf(), "resume (1).pdf")
    assert again == {"id": first["id"], "version": 1, "new": False}
    assert len(_rows(db)) == 1 and len(_stored_files(data_dir)) == 1
    second = uploads.add_version(db, "resume", weak_pdf(), "old.pdf")
    assert second["version"] == 2 and second["new"]
    assert [v["version"] for v in uploads.versions(db, "resume")] == [1, 2]
    assert uploads.latest(db, "resume")["filename"] == "old.pdf"
    table = uploads.progress_table(db, "resume")
    assert table["version"].tolist() == [1, 2] and table["pages"].tolist() == [1, 3]
    assert table["findings"].iloc[1] > table["findings"].iloc[0]


@pytest.mark.parametrize("name", list(bad_files()))
def test_a_file_its_check_refuses_leaves_no_file_and_no_row(db, data_dir: Path, name: str) -> None:
    kind, data = bad_files()[name]
    with pytest.raises(ImportFileError) as caught:
        uploads.add_version(db, kind, data, name)
    assert caught.value.where == name
    assert "\n" not in str(caught.value)  # one line, beside the uploader
    assert _rows(db) == [] and _stored_files(data_dir) == []


def test_a_write_that_fails_rolls_the_row_back_and_leaves_no_file(db, data_dir: Path, monkeypatch) -> None:
    def full_disk(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)  # the disk is the boundary: it fills up mid-write
    with pytest.raises(StorageError, match="No space left"):
        uploads.add_version(db, "resume", good_pdf(), "resume.pdf")
    assert _rows(db) == [] and _stored_files(data_dir) == []


def test_a_failed_commit_removes_the_file_it_wrote(db, data_dir: Path, monkeypatch) -> None:
    """The file is written last inside the transaction; if the row then cannot commit, the file goes too."""
    real = uploads._write_file

    def write_then_fail(target: Path, data: bytes) -> None:
        real(target, data)
        raise sqlite3.OperationalError("disk I/O error")  # what SQLite raises when the commit cannot be written

    monkeypatch.setattr(uploads, "_write_file", write_then_fail)
    with pytest.raises(StorageError, match="nothing was saved"):
        uploads.add_version(db, "resume", good_pdf(), "resume.pdf")
    assert _rows(db) == [] and _stored_files(data_dir) == []


def test_a_file_left_by_a_save_cut_short_goes_at_the_next_upload(db, data_dir: Path) -> None:
    """A process killed after the rename but before the commit leaves a file no row names."""
    orphan = data_dir / "materials" / "resume" / f"{'0' * 64}.pdf"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"%PDF-1.4 half a save")
    (orphan.parent / ".abc.part").write_bytes(b"a temporary file")
    uploads.add_version(db, "resume", good_pdf(), "resume.pdf")
    assert [p.name for p in _stored_files(data_dir)] == [f"{hashlib.sha256(good_pdf()).hexdigest()}.pdf"]


def test_the_users_file_name_never_becomes_a_path(db, data_dir: Path) -> None:
    uploads.add_version(db, "resume", good_pdf(), "../../../etc/cron.d/evil\n.pdf")
    (row,) = _rows(db)
    assert row["path"].startswith("materials/resume/") and ".." not in row["path"]
    assert row["filename"] == "evil .pdf"
    assert all(p.is_relative_to(data_dir / "materials") for p in _stored_files(data_dir))


def test_a_linkedin_export_is_a_version_of_its_own_kind(db, data_dir: Path) -> None:
    saved = uploads.add_version(db, "linkedin", mf.good_linkedin_zip(), "Basic_LinkedInDataExport.zip")
    assert saved["version"] == 1
    row = uploads.latest(db, "linkedin")
    assert row["path"].startswith("materials/linkedin/") and row["path"].endswith(".zip") and row["text"] == ""
    assert uploads.latest(db, "resume") is None
    assert set(uploads.proven_items(db)["linkedin"]) == {
        i.id for i in materials.load_checklists().checklist("linkedin").items
    }


def test_items_a_file_proves_count_as_done_and_hand_ticks_are_never_taken_away(db) -> None:
    materials.set_item_done(db, "resume", "one-page", True)  # ticked by hand
    uploads.add_version(db, "resume", weak_pdf(), "weak.pdf")  # three pages: the file does not prove it
    assert "one-page" not in uploads.proven_items(db).get("resume", {})
    assert "one-page" in materials.done_or_proven(db)["resume"]
    uploads.add_version(db, "resume", good_pdf(), "good.pdf")
    proven = uploads.proven_items(db)["resume"]
    version, evidence = proven["quantify"]
    assert version == 2 and evidence
    done = materials.done_or_proven(db)["resume"]
    assert {"one-page", *proven} <= done
    progress = materials.checklist_progress(db).set_index("list_id").loc["resume"]
    assert progress["done"] == len(done)


def test_deliverables_count_a_resume_and_a_profile_the_files_prove(db) -> None:
    def status(deliverable_id: str) -> bool:
        return next(s for s in deliverables.statuses(db) if s.id == deliverable_id).done

    assert not status("resume") and not status("linkedin")
    from lib.materials import tailoring

    tailoring.check_resume_upload(db, good_pdf(), "good.pdf", mf.JOB_DESCRIPTION)
    uploads.add_version(db, "linkedin", mf.good_linkedin_zip(), "export.zip")
    assert status("linkedin")
    assert status("resume") == (len(uploads.proven_items(db)["resume"]) == 6)


def test_backup_holds_the_materials_and_restore_brings_them_back(data_dir: Path, tmp_path: Path, monkeypatch) -> None:
    with open_db() as db:
        uploads.add_version(db, "resume", good_pdf(), "resume.pdf")
        uploads.add_version(db, "linkedin", mf.good_linkedin_zip(), "export.zip")
        before = {v["path"]: v["sha256"] for kind in uploads.KINDS for v in uploads.versions(db, kind)}
    archive = tmp_path / "backup.zip"
    manifest = backup.create_backup(archive)
    assert set(before) <= set(manifest["files"])
    assert backup.disk_usage()["materials"] == len(good_pdf()) + len(mf.good_linkedin_zip())

    new_home = tmp_path / "new-machine"
    new_home.mkdir()
    monkeypatch.setenv("PREP_DATA_DIR", str(new_home))
    backup.restore_backup(archive)
    with open_db() as db:
        after = {v["path"]: v["sha256"] for kind in uploads.KINDS for v in uploads.versions(db, kind)}
        assert uploads.latest(db, "resume")["result"]["checklist"]
    assert after == before
    assert {p: backup.sha256_file(new_home / p) for p in after} == before


def test_restoring_an_older_backup_puts_todays_files_aside(data_dir: Path, tmp_path: Path) -> None:
    archive = tmp_path / "before-uploads.zip"
    backup.create_backup(archive)
    with open_db() as db:
        uploads.add_version(db, "resume", good_pdf(), "resume.pdf")
    kept = backup.restore_backup(archive)
    assert _stored_files(data_dir) == []
    assert [p.suffix for p in _stored_files(kept)] == [".pdf"]  # in the dated folder, not lost
    with open_db() as db:
        assert uploads.latest(db, "resume") is None


def test_a_backup_entry_outside_known_folders_is_still_refused(tmp_path: Path) -> None:
    archive = tmp_path / "b.zip"
    backup.create_backup(archive)
    import zipfile

    with zipfile.ZipFile(archive, "a") as zf:
        zf.writestr("materialsX/evil.pdf", b"x")
    with pytest.raises(ImportFileError, match="not part of a backup"):
        backup.inspect_archive(archive)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["good", "weak", "scanned", "damaged", "good_docx"]), max_size=6))
def test_any_run_of_uploads_keeps_one_version_and_one_file_per_distinct_readable_file(data_dir: Path, picks) -> None:
    files = {
        "good": good_pdf(),
        "weak": weak_pdf(),
        "scanned": bad_files()["scanned.pdf"][1],
        "damaged": bad_files()["damaged.pdf"][1],
        "good_docx": _good_docx(),
    }
    with open_db() as db:
        with transaction(db):
            db.execute("DELETE FROM material_versions")  # each example starts from no versions
        uploads.sweep_orphans(db, "resume")
        for pick in picks:
            try:
                uploads.add_version(db, "resume", files[pick], f"{pick}.bin")
            except ImportFileError:
                assert pick in ("scanned", "damaged")
        rows = _rows(db)
    readable = {hashlib.sha256(files[p]).hexdigest() for p in picks if p not in ("scanned", "damaged")}
    assert {r["sha256"] for r in rows} == readable and len(rows) == len(readable)
    stored = {p.relative_to(data_dir).as_posix(): backup.sha256_file(p) for p in _stored_files(data_dir)}
    assert stored == {r["path"]: r["sha256"] for r in rows}


@functools.cache
def _good_docx() -> bytes:
    return mf.resume_docx([line if isinstance(line, str) else line[0] for line in mf.GOOD_RESUME])
