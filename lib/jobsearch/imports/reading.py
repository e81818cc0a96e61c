"""From file bytes to CSV records: decoding, the header row, column lookup, size limits."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from lib.core.errors import ImportFileError
from lib.jobsearch.common import name_key

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 1000
MAX_FIELD = 20_000


@dataclass
class ParsedFile:
    """Rows read and checked from a file, ready to write; nothing stored yet."""

    kind: str  # "applications" or "contacts"
    format: str  # "linkedin" or "app"
    records: list[dict] = field(default_factory=list)


def decode(data: bytes | str, where: str) -> str:
    """File bytes as text; a byte-order mark is dropped, anything but UTF-8 is refused."""
    if isinstance(data, str):
        return _plain_newlines(data.removeprefix("\ufeff"))
    try:
        return _plain_newlines(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"not UTF-8 text (byte {exc.start}); save the file as CSV UTF-8", where=where) from None


def _plain_newlines(text: str) -> str:
    """Windows line ends become plain newlines, also inside quoted fields (line numbers stay the same)."""
    return text.replace("\r\n", "\n") if "\r" in text else text


def records(text: str, where: str) -> Iterator[tuple[int, list[str]]]:
    """(line where the record starts, cells) for each CSV record; quoted fields may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    last = 0
    try:
        for cells in reader:
            yield last + 1, cells
            last = reader.line_num
    except csv.Error as exc:
        raise ImportFileError(f"not valid CSV: {exc}", where=f"{where}, line {reader.line_num}") from None


def cached_key(cache: dict[str, str], name: str) -> str:
    """name_key(name), computed once per distinct company name in a file."""
    key = cache.get(name)
    if key is None:
        key = cache[name] = name_key(name)
    return key


def blank(cells: list[str]) -> bool:
    """A record with no text at all (an empty line, or only commas)."""
    return not cells or (not cells[0].strip() and not "".join(cells).strip())


def find_header(
    rows: Iterator[tuple[int, list[str]]], wanted: list[str], where: str, max_skip: int = 20, also: tuple[str, ...] = ()
) -> tuple[int, dict[str, int]]:
    """Skip note lines before the header row; map header names (case-insensitive) to column positions.

    ``also`` names columns of the other importer's files, so a file given to the wrong one is recognised.
    """
    wanted_keys = {w.casefold() for w in (*wanted, *also)}
    for line, cells in rows:
        names = {c.strip().removeprefix("\ufeff").casefold(): i for i, c in enumerate(cells)}
        if wanted_keys & set(names):
            return line, names
        if line > max_skip:
            break
    raise ImportFileError(f"no header row found; expected columns {', '.join(wanted)}", where=where)


def require(columns: dict[str, int], required: list[str], where: str, line: int) -> None:
    """Refuse a header that lacks a required column, naming the first one missing."""
    missing = [r for r in required if r.casefold() not in columns]
    if missing:
        raise ImportFileError(
            f"missing required column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}",
            where=f"{where}, line {line}",
            field=missing[0],
        )


def row_reader(columns: dict[str, int], names: list[str]) -> Callable[[list[str]], dict[str, str]]:
    """A function turning a record's cells into {column name: trimmed text}, '' for absent columns."""
    pairs = [(n, columns.get(n.casefold(), -1)) for n in names]

    def read(cells: list[str]) -> dict[str, str]:
        width = len(cells)
        return {n: (cells[i].strip() if 0 <= i < width else "") for n, i in pairs}

    return read


def check_length(cells: list[str], where: str, line: int, header: dict[str, int]) -> None:
    """Refuse a record with a field longer than MAX_FIELD, naming its column."""
    if max(map(len, cells), default=0) <= MAX_FIELD:
        return
    for i, cell in enumerate(cells):
        if len(cell) > MAX_FIELD:
            name = next((n for n, j in header.items() if j == i), f"column {i + 1}")
            raise ImportFileError(
                f"a field longer than {MAX_FIELD} characters", where=f"{where}, line {line}", field=name
            )
