"""From file bytes to CSV records: decoding, the header row, column lookup, size limits."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from lib.core import csvsafe
from lib.core.errors import ImportFileError
from lib.jobsearch.common import name_key, plain_text
from lib.jobsearch.imports.known_files import ALL_COLUMNS, refuse_archive, refuse_non_csv, refuse_other_file
from lib.jobsearch.imports.rows import Header, Row

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 1000
MAX_FIELD = 20_000


@dataclass
class ParsedFile:
    """Rows read and checked from a file, ready to write; nothing stored yet."""

    kind: str  # "applications" or "contacts"
    format: str  # "linkedin" or "app"
    records: list[dict] = field(default_factory=list)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes | str, where: str) -> str:
    """File bytes as text: UTF-8, or UTF-16/32 with a byte-order mark (which is dropped); anything else is refused."""
    if isinstance(data, str):
        return _plain_newlines(data.lstrip("\ufeff"))
    refuse_archive(data, where)
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if encoding is None and _looks_utf16(data):
        encoding = "utf-16-le" if data[1:2] == b"\0" else "utf-16-be"
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"not {encoding or 'UTF-8'} text (byte {exc.start}); save the file as CSV UTF-8", where=where
        ) from None
    # A NUL is never text (and what the forms store never holds one); a repeated mark is an editor's slip.
    return _plain_newlines(text.lstrip("\ufeff").replace("\0", ""))


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 saved without a byte-order mark: text whose every other byte is NUL."""
    head = data[:512]
    return len(head) >= 4 and (head[1::2].count(0) > len(head) * 0.4 or head[0::2].count(0) > len(head) * 0.4)


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


def find_header(rows: Iterator[tuple[int, list[str]]], wanted: list[str], where: str, max_skip: int = 20) -> Header:
    """Skip note lines before the header row; map header names (case-insensitive) to column positions.

    Any column of a file the app or LinkedIn writes counts, so a file given to
    the wrong importer is recognised. A column named twice is refused: which
    of the two holds the data would be a guess.
    """
    wanted_keys = {w.casefold() for w in wanted} | set(ALL_COLUMNS)
    seen: list[str] = []
    for line, cells in rows:
        names = [c.strip().lstrip("\ufeff").strip() for c in cells]
        folded = [n.casefold() for n in names]
        if wanted_keys & set(folded):
            columns: dict[str, int] = {}
            for i, name in enumerate(folded):
                if name in columns and name:
                    raise ImportFileError(
                        f"the column '{names[i]}' appears twice (columns {columns[name] + 1} and {i + 1})",
                        where=f"{where}, line {line}",
                        field=names[i],
                    )
                columns[name] = i
            return Header(line, columns, names)
        seen.append(",".join(cells))
        if line > max_skip:
            break
    refuse_non_csv("\n".join(seen), where, any_markdown=True)
    empty = "the file is empty" if not seen else "no header row found"
    raise ImportFileError(f"{empty}; expected columns {', '.join(wanted)}", where=where)


def require(header: Header, required: list[str], where: str) -> None:
    """Refuse a header that lacks a required column, naming the first one missing."""
    missing = [r for r in required if r.casefold() not in header.columns]
    if missing:
        raise ImportFileError(
            f"missing required column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}",
            where=f"{where}, line {header.line}",
            field=missing[0],
        )


def row_reader(header: Header, names: list[str], *, own_export: bool = False) -> Callable[[list[str]], Row]:
    """A function turning a record's cells into a Row of trimmed text, '' for absent columns.

    Cells become what the forms would store (plain newlines, no NUL). In the
    app's own exports a cell written with a quote against formula injection
    reads back as the text it was.
    """
    pairs = [(n, header.columns.get(n.casefold(), -1)) for n in names]
    restore = csvsafe.restore_cell if own_export else str

    def read(cells: list[str]) -> Row:
        width = len(cells)
        return Row({n: (restore(plain_text(cells[i])).strip() if 0 <= i < width else "") for n, i in pairs}, header)

    return read


def check_length(cells: list[str], where: str, line: int, header: Header) -> None:
    """Refuse a record with a field longer than MAX_FIELD, naming its column as the file spells it."""
    if max(map(len, cells), default=0) <= MAX_FIELD:
        return
    for i, cell in enumerate(cells):
        if len(cell) > MAX_FIELD:
            name = header.names[i] if i < len(header.names) and header.names[i] else f"column {i + 1}"
            raise ImportFileError(
                f"a field longer than {MAX_FIELD} characters ({len(cell)})", where=f"{where}, line {line}", field=name
            )


def open_csv(data: bytes | str, where: str, known_columns: list[str], kind: str) -> tuple[list, Header]:
    """A file's records and header row for the ``kind`` importer; refuses what is not a CSV or is another file."""
    text = decode(data, where)
    refuse_non_csv(text, where)
    rows = records(text, where)
    header = find_header(rows, known_columns, where)
    refuse_other_file(header.columns, kind, f"{where}, line {header.line}")
    return rows, header
