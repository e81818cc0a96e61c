"""The app's own errors: every message says what went wrong and where."""

from __future__ import annotations


class PrepError(Exception):
    """Base class: a problem the user can fix, with a readable message."""

    def __init__(self, message: str, *, where: str | None = None, field: str | None = None):
        self.message = message
        self.where = where
        self.field = field
        super().__init__(self.__str__())

    def __str__(self) -> str:
        parts = []
        if self.where:
            parts.append(self.where)
        if self.field:
            # The field as the form or the file calls it, not as the code spells it.
            parts.append(self.field.replace("_", " "))
        prefix = ", ".join(parts)
        return f"{prefix}: {self.message}" if prefix else self.message


class ContentError(PrepError):
    """A shipped data/*.json file is missing or malformed."""


class InputError(PrepError):
    """User input that cannot be stored (empty, out of range, impossible)."""


class ImportFileError(PrepError):
    """A file given to an importer cannot be imported; nothing was written."""


class StorageError(PrepError):
    """The data directory cannot be read or written (read-only, disk full, ...)."""
