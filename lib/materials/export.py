"""`python -m lib export OUT_DIR`: every deliverable file the curriculum asks for."""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from lib.core.errors import StorageError
from lib.jobsearch import applications, calendar, companies, networking
from lib.materials import case_studies, checklists, deliverables
from lib.media import export as media_export
from lib.practice import anki
from lib.practice import export as practice_export
from lib.storage.db import open_db
from lib.stories import import_export as stories

# Each writes its files as exporter(db, out_dir) -> paths written; the label is what the progress line says.
EXPORTERS = (
    ("practice.attempts", practice_export.export_interview_prep),
    ("practice.anki", anki.export_anki),
    ("materials.case_studies", case_studies.export),
    ("materials.checklists", checklists.export),
    ("materials.deliverables", deliverables.export),
    ("stories.store", stories.export_stories),
    ("jobsearch.applications", applications.export_applications),
    ("jobsearch.networking", networking.export_networking),
    ("jobsearch.companies", companies.export_company_research),
    ("media.takes", media_export.export_reviews),
    ("jobsearch.calendar", calendar.export_calendar),
)


def export_all(out_dir: Path, progress: Callable[[str], None] | None = None) -> list[Path]:
    """Write every exporter's files into ``out_dir``; returns the paths written."""
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = out_dir / ".write-test"
        probe.write_text("")
        probe.unlink()
    except OSError as exc:
        raise StorageError(f"cannot write there: {exc.strerror or exc}", where=str(out_dir)) from None
    written: list[Path] = []
    with open_db() as db:
        for label, exporter in EXPORTERS:
            if progress:
                progress(label)
            try:
                written.extend(exporter(db, out_dir))
            except OSError as exc:
                raise StorageError(f"cannot write the export: {exc.strerror or exc}", where=str(out_dir)) from None
    return written


def export_zip_bytes(progress: Callable[[str], None] | None = None) -> bytes:
    """All export files as one zip, in memory (for a download button)."""
    with tempfile.TemporaryDirectory() as tmp:
        files = export_all(Path(tmp), progress)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in files:
                zf.write(path, path.relative_to(tmp).as_posix())
        return buffer.getvalue()
