"""A backup's manifest judged field by field: each refusal's exact line, and what a restore shows before it starts."""

from __future__ import annotations

import pytest

from lib.core import clock
from lib.storage.backup.archive import FORMAT
from lib.storage.backup.manifest import describe, parse_manifest

HASH = "0" * 64


def _raw(**changes) -> dict:
    raw = {
        "format": FORMAT,
        "format_version": 1,
        "created_at": "2026-03-01T10:00:00+00:00",
        "schema_version": 2,
        "migrations": [],
        "files": {"prep.db": {"size": 4096, "sha256": HASH}},
    }
    return raw | changes


def _problem(raw: object) -> str:
    with pytest.raises(ValueError) as err:
        parse_manifest(raw)
    return str(err.value)


@pytest.mark.parametrize(
    ("changes", "line"),
    [
        ({"files": {}}, "the manifest lists no database (prep.db)"),
        ({"migrations": ["a", "a"]}, "the manifest lists a migration twice"),
        ({"migrations": ["a"]}, "the manifest lists 1 migrations for schema 2"),
        (
            {"files": {"prep.db": {"size": 1, "sha256": HASH}, "notes.txt": {"size": 1, "sha256": HASH}}},
            "the manifest lists 'notes.txt', which is not part of a backup of this app",
        ),
        (
            {"schema_version": "2"},
            "the manifest's field 'schema_version' is invalid: input should be a valid integer (found '2')",
        ),
        (
            {"created_at": "not  a  date"},
            "the manifest's field 'created_at' is invalid: is not a date and time (found 'not a date')",
        ),
        (
            {"files": {"prep.db": {"size": -1, "sha256": HASH}}},
            "the manifest's field 'files.prep.db.size' is invalid: input should be greater than or equal to 0 "
            "(found -1)",
        ),
    ],
)
def test_each_broken_field_is_refused_in_one_exact_line(changes, line) -> None:
    assert _problem(_raw(**changes)) == line


def test_a_found_value_is_shown_whole_up_to_sixty_characters() -> None:
    # repr adds two quotes: 58 characters show as 60, 59 as 61.
    shown_whole = _problem(_raw(created_at="x" * 58))
    assert shown_whole.endswith(f"(found '{'x' * 58}')")
    cut = _problem(_raw(created_at="x" * 59))
    assert cut.endswith(f"(found '{'x' * 58}…)")
    assert _problem(_raw(created_at="y" * 500)).endswith(f"(found '{'y' * 58}…)")


def test_a_long_field_path_is_cut_too() -> None:
    name = "recordings/" + "n" * 100
    line = _problem(_raw(files={"prep.db": {"size": 1, "sha256": HASH}, name: {"size": 1, "sha256": "bad"}}))
    assert line.startswith(f"the manifest's field 'files.{name[:53]}…' is invalid: ")


def test_a_restore_shows_when_what_and_how_much() -> None:
    manifest = parse_manifest(
        _raw(
            files={
                "prep.db": {"size": 1_000_000, "sha256": HASH},
                "recordings/a.webm": {"size": 2_500_000, "sha256": HASH},
            }
        )
    )
    assert describe(manifest) == [
        ("Made", clock.local_text("2026-03-01T10:00:00+00:00")),
        ("Schema version", "2"),
        ("Recording files", "1"),
        ("Size when restored", "3.5 MB"),
    ]
    assert dict(describe(parse_manifest(_raw(created_at=None))))["Made"] == "unknown"
    assert dict(describe(parse_manifest(_raw())))["Recording files"] == "0"


@pytest.mark.parametrize("made", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00"])
def test_an_instant_local_time_cannot_show_is_shown_as_written(made) -> None:
    # Valid ISO instants at the calendar's ends overflow when moved to local time: the restore still shows them.
    assert dict(describe(parse_manifest(_raw(created_at=made))))["Made"] == made
