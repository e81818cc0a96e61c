"""A backup's manifest as a schema: every field's type, size and form is checked before anything reads it.

The manifest comes from a file the user chose, so it is data: a field of the
wrong type, a huge number or a hostile string ends in one clear refusal,
never a TypeError further on, and nothing of it is ever shown as markup.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator, model_validator

from lib.core.dates import instant_text
from lib.storage.backup.archive import DB_NAME, FORMAT, FORMAT_VERSION, MATERIALS, RECORDINGS

MAX_MANIFEST_BYTES = 16 << 20  # a manifest of 100,000 recordings is about 15 MB
MAX_FILES = 100_000
MAX_FILE_BYTES = 1 << 40  # 1 TB: more than any disk this app runs on; the free-space check refuses far less
MAX_MIGRATIONS = 10_000

EntryName = Annotated[str, StringConstraints(min_length=1, max_length=512, pattern=r"^[^\x00-\x1f\x7f]+$")]
MigrationName = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_.-]+$")]


class FileEntry(BaseModel):
    """One archived file: its size in bytes and its SHA-256."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    size: int = Field(ge=0, le=MAX_FILE_BYTES)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class Manifest(BaseModel):
    """manifest.json of a backup: format, when it was made, the schema and every file with its hash."""

    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)

    format: str = Field(max_length=100)
    format_version: int = Field(ge=1, le=FORMAT_VERSION)
    created_at: str | None = Field(default=None, max_length=40)
    schema_version: int = Field(ge=1, le=MAX_MIGRATIONS)
    migrations: list[MigrationName] = Field(default_factory=list, max_length=MAX_MIGRATIONS)
    files: dict[EntryName, FileEntry] = Field(max_length=MAX_FILES)

    @field_validator("created_at")
    @classmethod
    def _an_instant(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                dt.datetime.fromisoformat(value)
            except ValueError:
                raise ValueError("is not a date and time") from None
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Manifest:
        if self.migrations and len(self.migrations) != self.schema_version:
            raise ValueError(f"lists {len(self.migrations)} migrations for schema {self.schema_version}")
        if len(set(self.migrations)) != len(self.migrations):
            raise ValueError("lists a migration twice")
        if DB_NAME not in self.files:
            raise ValueError("lists no database (prep.db)")
        odd = next(
            (n for n in self.files if n != DB_NAME and not n.startswith((f"{RECORDINGS}/", f"{MATERIALS}/"))), None
        )
        if odd is not None:
            raise ValueError(f"lists '{odd}', which is not part of a backup of this app")
        return self

    @property
    def total_bytes(self) -> int:
        """Bytes the restored files take."""
        return sum(f.size for f in self.files.values())


def parse_manifest(raw: object) -> Manifest:
    """The manifest as a checked model; raises ValueError with one readable line naming the field."""
    if not isinstance(raw, dict):
        raise ValueError("the manifest is not a JSON object")
    if raw.get("format") != FORMAT:
        raise ValueError("the manifest does not describe a backup of this app")
    version = raw.get("format_version")
    if type(version) is int and version > FORMAT_VERSION:
        raise ValueError(
            f"the backup format {version} is newer than this app understands ({FORMAT_VERSION}); update the app"
        )
    try:
        return Manifest.model_validate(raw)
    except ValidationError as exc:
        raise ValueError(_first_problem(exc)) from None


def _first_problem(exc: ValidationError) -> str:
    """One short line from pydantic's first error: the field, what it should be, what was found."""
    error = exc.errors(include_url=False)[0]
    message = error["msg"].removeprefix("Value error, ")
    message = message[0].lower() + message[1:]
    if not error["loc"]:  # a check across fields
        return f"the manifest {message}"
    where = _short(".".join(str(p) for p in error["loc"]), quote=False)
    return f"the manifest's field '{where}' is invalid: {message} (found {_short(error.get('input'))})"


def _short(value: object, quote: bool = True) -> str:
    """A value as a short, one-line text for an error message."""
    text = repr(value) if quote else str(value)
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"


def describe(manifest: Manifest) -> list[tuple[str, str]]:
    """(what, value) rows a restore shows before it is confirmed; every value is plain text for st.dataframe."""
    made = "unknown"
    if manifest.created_at:
        try:
            made = instant_text(manifest.created_at)
        except (TypeError, ValueError, OverflowError):  # year 1 or 9999 moved to local time leaves the calendar
            made = manifest.created_at
    recordings = len(manifest.files) - 1
    return [
        ("Made", made),
        ("Data format", str(manifest.schema_version)),
        ("Recording files", str(recordings)),
        ("Size when restored", f"{manifest.total_bytes / 1e6:.1f} MB"),
    ]
