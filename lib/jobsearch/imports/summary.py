"""What an import added, or for a preview would add, and the one line that says so."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lib.jobsearch.imports.reading import ParsedFile


@dataclass
class ImportSummary:
    """What an import did (or, for a preview, would do)."""

    format: str
    rows: int
    added: int
    duplicates: int
    companies_added: int = 0


def new_records(parsed: ParsedFile, key_fn: Callable[[dict], str], existing: set[str]) -> tuple[list[dict], int]:
    """The records not already stored nor repeated earlier in the file, and how many were skipped."""
    fresh, seen, dupes = [], set(existing), 0
    for rec in parsed.records:
        key = key_fn(rec)
        if key in seen:
            dupes += 1
            continue
        seen.add(key)
        fresh.append(rec)
    return fresh, dupes


def summary_text(summary: ImportSummary, what: str, done: bool = True) -> str:
    """One line describing an import (or, with done=False, its preview)."""
    source = "LinkedIn export" if summary.format == "linkedin" else "app export"
    extra = f", {summary.companies_added} new companies" if summary.companies_added else ""
    verb = "Imported" if done else "Ready to import"
    counts = f"({summary.rows} rows, {summary.duplicates} already there{extra})"
    return f"{verb} {summary.added} {what} from a {source} {counts}"
