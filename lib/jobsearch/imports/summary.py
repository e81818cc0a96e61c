"""What an import added, or for a preview would add, and the one line that says so."""

from __future__ import annotations

from collections import Counter
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


def new_records(parsed: ParsedFile, key_fn: Callable[[dict], str | tuple], existing: Counter) -> tuple[list[dict], int]:
    """The records not already stored, and how many were skipped.

    A URL key (text) names one job or person: stored or earlier in the file, it
    is a duplicate. Without a URL the key (a tuple: company, role, date or name,
    company) may rightly repeat, since the forms allow it: the file's n-th copy
    is new only when fewer than n are stored, so a re-import adds nothing and an
    export imported into an empty folder gives back every row.
    """
    fresh, seen, dupes = [], Counter(), 0
    for rec in parsed.records:
        key = key_fn(rec)
        seen[key] += 1
        if seen[key] <= existing[key] or (isinstance(key, str) and seen[key] > 1):
            dupes += 1
            continue
        fresh.append(rec)
    return fresh, dupes


def summary_text(summary: ImportSummary, what: str, done: bool = True) -> str:
    """One line describing an import (or, with done=False, its preview)."""
    source = "LinkedIn export" if summary.format == "linkedin" else "app export"
    extra = f", {summary.companies_added} new companies" if summary.companies_added else ""
    verb = "Imported" if done else "Ready to import"
    counts = f"({summary.rows} rows, {summary.duplicates} already there{extra})"
    return f"{verb} {summary.added} {what} from a {source} {counts}"
