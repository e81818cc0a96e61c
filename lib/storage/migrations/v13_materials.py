"""Schema version 13: the user's resume and LinkedIn export files as versions, and job descriptions.

Shipped migration: never edit it. A new version is a new function, listed last in ``STEPS``.
"""

from __future__ import annotations

import sqlite_utils


def m013_materials(db: sqlite_utils.Database) -> None:
    """Job descriptions (appended; per application or for the resume check) and uploaded material file versions."""
    # application_id NULL: the description the user checks their resume against on Job materials.
    db["job_descriptions"].create(
        {"id": int, "application_id": int, "text": str, "filename": str, "saved_at": str},
        pk="id",
        foreign_keys=[("application_id", "applications", "id")],
        not_null={"text", "filename", "saved_at"},
    )
    db["job_descriptions"].create_index(["application_id"])
    # One row per distinct file of a kind: the file lives at ``path`` (relative to the data directory,
    # named by its SHA-256), ``text`` is what was read from a resume ('' for a LinkedIn export) and
    # ``result_json`` the check's verdict when it was uploaded.
    db["material_versions"].create(
        {
            "id": int,
            "kind": str,
            "filename": str,
            "sha256": str,
            "size": int,
            "path": str,
            "pages": int,
            "text": str,
            "result_json": str,
            "job_id": int,
            "uploaded_at": str,
        },
        pk="id",
        foreign_keys=[("job_id", "job_descriptions", "id")],
        not_null={"kind", "filename", "sha256", "size", "path", "text", "result_json", "uploaded_at"},
    )
    db["material_versions"].create_index(["kind", "sha256"], unique=True)
