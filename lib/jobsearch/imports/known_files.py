"""Every file the app writes (and LinkedIn's two), recognised by its header, so an importer refuses the wrong one.

The app's interviews.csv and application_events.csv have 'company' and 'role'
columns too; without this they were read as applications, one fake 'applied
today' row each. A file is recognised when its header holds every column of a
known file; the message then names the importer that reads it, or says that
none does.
"""

from __future__ import annotations

from dataclasses import dataclass

from lib.core.errors import ImportFileError
from lib.jobsearch.applications import APPLICATION_COLUMNS, EVENT_COLUMNS, INTERVIEW_COLUMNS
from lib.jobsearch.imports.linkedin import LINKEDIN_APPLICATIONS, LINKEDIN_CONNECTIONS
from lib.jobsearch.networking import CONTACT_COLUMNS

IMPORTERS = {
    "applications": "Import on the Applications page, or python -m lib import-applications FILE",
    "contacts": "Import on the Networking page, or python -m lib import-contacts FILE",
}
# Exports that are not CSV, by their first line: what they are and where they go instead.
OTHER_EXPORTS = (
    ("BEGIN:VCALENDAR", "the app's calendar (interviews-and-follow-ups.ics); open it in a calendar app"),
    ("#separator:", "the app's Anki deck (interview-questions-anki.txt); import it in Anki"),
    ("# STAR Stories", "the app's star-stories.md; import it on the Stories page (Import & export)"),
)
# The first lines of the app's other markdown exports, which are to read, not to import.
MARKDOWN_TITLES = (
    "# Interview Prep Document",
    "# AI PM Case Study Bank",
    "# Company Research Template",
    "# Week ",
    "# Job materials",
    "# Mock interview reviews",
)
MARKDOWN = "a markdown file (one of the app's .md exports, to read); no importer takes it back"
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class KnownFile:
    """A CSV the app or LinkedIn writes: its name, its header, and which importer reads it (None: none does)."""

    name: str
    columns: frozenset[str]
    kind: str | None

    def matches(self, header: dict[str, int]) -> bool:
        """Whether a header (case-folded names) holds every column of this file."""
        return self.columns <= header.keys()


def _known(name: str, columns: list[str], kind: str | None) -> KnownFile:
    return KnownFile(name, frozenset(c.casefold() for c in columns), kind)


# applications.csv written before the LinkedIn columns were added is still applications.csv.
KNOWN_FILES = (
    _known("applications.csv", APPLICATION_COLUMNS[:13], "applications"),
    _known("LinkedIn's Job Applications.csv", LINKEDIN_APPLICATIONS[:5], "applications"),
    _known("networking.csv", CONTACT_COLUMNS, "contacts"),
    _known("LinkedIn's Connections.csv", LINKEDIN_CONNECTIONS, "contacts"),
    _known("interviews.csv", INTERVIEW_COLUMNS, None),
    _known("application_events.csv", EVENT_COLUMNS, None),
)
ALL_COLUMNS = tuple(sorted({c for f in KNOWN_FILES for c in f.columns}))


def identify(header: dict[str, int]) -> KnownFile | None:
    """The known file whose every column the header holds (the one with most columns when several do)."""
    found = [f for f in KNOWN_FILES if f.matches(header)]
    return max(found, key=lambda f: len(f.columns)) if found else None


def refuse_other_file(header: dict[str, int], kind: str, where: str) -> None:
    """Refuse a header that is another known file's, naming the importer that reads it."""
    known = identify(header)
    if known is None or known.kind == kind:
        return
    if known.kind is None:
        raise ImportFileError(
            f"this is the app's {known.name}, an export to read that no importer takes back; "
            f"to restore {kind}, import the app's {'applications' if kind == 'applications' else 'networking'}.csv "
            "or restore a backup",
            where=where,
        )
    what = "the app's " + known.name if not known.name.startswith("LinkedIn") else known.name
    raise ImportFileError(f"this is {what}, which holds {known.kind}: {IMPORTERS[known.kind]}", where=where)


def refuse_archive(data: bytes, where: str) -> None:
    """Refuse a zip archive (a backup, most likely), saying where it goes."""
    if data.startswith(ZIP_MAGIC):
        raise ImportFileError(
            "this is a zip archive, not a CSV; a backup made by the app is restored with Restore on the "
            "Deliverables page, or python -m lib restore FILE.zip",
            where=where,
        )


def refuse_non_csv(text: str, where: str, *, any_markdown: bool = False) -> None:
    """Refuse one of the app's non-CSV exports, by its first line, saying what it is.

    ``any_markdown`` (once no header row was found) also names any file that
    starts like markdown; before that, a CSV may start with a '# ' note line.
    """
    first = next((line.strip() for line in text[:4096].splitlines() if line.strip()), "")
    for start, what in OTHER_EXPORTS:
        if first.startswith(start):
            raise ImportFileError(f"this is {what}, not a CSV of applications or contacts", where=where)
    if first.startswith(MARKDOWN_TITLES) or (any_markdown and first.startswith("# ")):
        raise ImportFileError(f"this is {MARKDOWN}, not a CSV of applications or contacts", where=where)
