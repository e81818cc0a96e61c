"""The app's own errors: every message says what went wrong and where."""

from __future__ import annotations

import zipfile
import zlib


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


# What reading a user's zip (a .docx, a LinkedIn export) can raise when the file is damaged or unusual:
# a bad or truncated archive, broken deflate data, an unsupported compression method (NotImplementedError)
# or an encrypted member (RuntimeError). Each means "this file cannot be read", never a bug of ours.
ZIP_READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError)
