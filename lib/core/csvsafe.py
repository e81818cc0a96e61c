"""CSV files a spreadsheet can open safely, and read back to the text that was written.

A spreadsheet runs a cell that starts with '=', '+', '-', '@', a tab or a
carriage return as a formula ('=HYPERLINK(…)', '+cmd|…'). As OWASP advises,
such a cell is written with a leading single quote, which spreadsheets show as
text. To read it back exactly, a cell that already starts with quotes before
one of those characters gets one more; ``restore_cell`` removes exactly one.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import IO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")


def safe_cell(value: object) -> object:
    """``value`` as a cell no spreadsheet runs: text starting like a formula gets a leading quote."""
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(FORMULA_STARTS) or _NEUTRALISED.match(value):
        return "'" + value
    return value


def restore_cell(text: str) -> str:
    """The text a cell written by ``safe_cell`` held: one leading quote before a formula start is dropped."""
    return text[1:] if text.startswith("'") and _NEUTRALISED.match(text) else text


class SafeWriter:
    """``csv.writer`` whose every cell goes through ``safe_cell``."""

    def __init__(self, stream: IO[str], **options: object):
        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable[object]) -> None:
        """Write one row, each cell neutralised."""
        self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        """Write every row, each cell neutralised."""
        for row in rows:
            self.writerow(row)


def writer(stream: IO[str], **options: object) -> SafeWriter:
    """A CSV writer for files a user may open in a spreadsheet (the app's every CSV export)."""
    return SafeWriter(stream, **options)
