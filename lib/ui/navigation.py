"""The app's pages: one list that app.py turns into navigation and the tests walk."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    section: str
    path: str  # relative to the repository root
    title: str
    icon: str
    url_path: str
    default: bool = False


SECTIONS = ("Prepare", "Practise", "Job search", "Data")

# Order within a section is the order shown in the sidebar.
PAGES: list[PageSpec] = [
    PageSpec("Prepare", "pages/overview.py", "Overview", ":material/dashboard:", "overview", default=True),
    PageSpec("Prepare", "pages/curriculum.py", "Curriculum", ":material/calendar_month:", "curriculum"),
    PageSpec("Prepare", "pages/cheat_sheets.py", "Cheat sheets", ":material/menu_book:", "cheat_sheets"),
    PageSpec("Prepare", "pages/case_studies.py", "Case studies", ":material/cases:", "case_studies"),
    PageSpec("Prepare", "pages/job_materials.py", "Job materials", ":material/badge:", "job_materials"),
    PageSpec("Practise", "pages/practice.py", "Practice", ":material/quiz:", "practice"),
    PageSpec("Practise", "pages/stories.py", "STAR stories", ":material/auto_stories:", "stories"),
    PageSpec("Practise", "pages/mock_interview.py", "Mock interview", ":material/videocam:", "mock_interview"),
    PageSpec("Practise", "pages/recordings.py", "Recordings", ":material/video_library:", "recordings"),
    PageSpec("Job search", "pages/applications.py", "Applications", ":material/work:", "applications"),
    PageSpec("Job search", "pages/companies.py", "Companies", ":material/apartment:", "companies"),
    PageSpec("Job search", "pages/networking.py", "Networking", ":material/group:", "networking"),
    PageSpec("Data", "pages/deliverables.py", "Deliverables & data", ":material/inventory_2:", "deliverables"),
]


def pages_by_section() -> dict[str, list[PageSpec]]:
    """PAGES grouped by section, sections in their fixed order."""
    grouped: dict[str, list[PageSpec]] = {s: [] for s in SECTIONS}
    for page in PAGES:
        grouped.setdefault(page.section, []).append(page)
    return {s: ps for s, ps in grouped.items() if ps}
