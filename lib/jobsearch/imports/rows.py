"""A file's header and one record's cells by column name, each column also named as the file spells it."""

from __future__ import annotations

from dataclasses import dataclass

from lib.core.errors import ImportFileError


@dataclass
class Header:
    """The header row: its line, each column's position by case-folded name, the names as the file spells them."""

    line: int
    columns: dict[str, int]
    names: list[str]

    def label(self, name: str) -> str:
        """A column as the file spells it (the importer's own spelling when the file lacks it)."""
        i = self.columns.get(name.casefold(), -1)
        return self.names[i] if 0 <= i < len(self.names) else name


class Row(dict):
    """One record's cells by the importer's column names, with each column's name as the file spells it."""

    def __init__(self, values: dict[str, str], header: Header):
        super().__init__(values)
        self.header = header

    def label(self, name: str) -> str:
        """The column ``name`` as the file spells it, for messages."""
        return self.header.label(name)


def check_limits(row: Row, limits: dict[str, int], where: str, line: int) -> None:
    """Refuse a cell longer than the form would take for the same field, naming the column as the file spells it."""
    for name, limit in limits.items():
        if len(row.get(name, "")) > limit:
            raise ImportFileError(
                f"longer than {limit} characters ({len(row[name])})",
                where=f"{where}, line {line}",
                field=row.label(name),
            )
