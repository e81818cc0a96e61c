"""An item due soon (a rehearsal, a thank-you note, a follow-up), as each feature reports it for the Overview."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class DueItem:
    kind: str  # e.g. "Rehearse", "Thank-you note", "Follow-up"
    title: str  # plain text; rendered escaped
    due: dt.date
    page: str  # navigation url_path of the page where it is handled
