"""Write the demo's resume PDFs and LinkedIn export into data/demo/: `python scripts/demo_materials.py`.

The demo uploads these files through the app's own check, so what the Job
materials page shows for them is what the app finds in them. They are made
once and shipped (fpdf2 is a development dependency); the output is the same
bytes on every run, so regenerating them changes nothing unless this script
changed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

from fpdf import FPDF

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "demo"
MADE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)  # a fixed date inside the files keeps them byte for byte the same
PAGE_BREAK = "\f"

# The first draft: two pages, the project low down, few figures, no portfolio link.
FIRST_DRAFT = [
    "Alex Rivera",
    "Product Manager",
    "alex.rivera@example.com | linkedin.com/in/alexrivera",
    "SUMMARY",
    "Product manager moving into AI products; curious about machine learning and LLMs.",
    "EXPERIENCE",
    "Senior Product Manager, Shopwise (2021-2025)",
    "- Responsible for the search and recommendations roadmap",
    "- Worked with data science on a recommendation system",
    "- Ran A/B tests with the growth team",
    "- Led a cross-functional team through product discovery",
    "Product Manager, Datalane (2019-2021)",
    "- Shipped a churn prediction model with the analytics team",
    "- Wrote PRDs and SQL dashboards for account managers",
    PAGE_BREAK,
    "PROJECTS",
    "Capstone project: MealMind, a meal planner using GPT-4 and prompt engineering",
    "- Built the first version in the evenings",
    "EDUCATION",
    "BSc Computer Science",
]

# The later version: one page, the project first, a figure in most bullets, the portfolio link in the header.
LATER_VERSION = [
    "Alex Rivera",
    "AI Product Manager",
    "alex.rivera@example.com | https://alexrivera.dev/portfolio | linkedin.com/in/alexrivera",
    "SUMMARY",
    "AI Product Manager who ships LLM features: 6 years in product, 2 launching machine learning products.",
    "PORTFOLIO PROJECT",
    "Capstone project: MealMind, an AI meal planner built with GPT-4 and retrieval-augmented generation",
    "- Grew MealMind to 1,200 weekly users in 8 weeks with a prompt engineering and evaluation loop",
    "- Cut wrong recipes by 40% with an LLM evaluation set of 300 labelled answers",
    "EXPERIENCE",
    "Senior Product Manager, Shopwise (2021-2025)",
    "- Launched a recommendation system that lifted basket size 12% across 3 markets",
    "- Ran 25 A/B tests a quarter with data science; raised checkout conversion 9%",
    "- Led a cross-functional team of 14 engineers and 2 designers through product discovery",
    "Product Manager, Datalane (2019-2021)",
    "- Shipped a churn prediction model that saved $1.4M ARR in its first year",
    "- Wrote PRDs and SQL dashboards used by 60 account managers",
    "SKILLS",
    "Machine learning, large language models (LLMs), RAG, prompt engineering, A/B testing, SQL, Python",
]

# A profile well on its way: everything but the post about the 12 weeks, which is still to write.
PROFILE_COLUMNS = ["First Name", "Last Name", "Headline", "Summary", "Industry", "Geo Location", "Websites"]
LINKEDIN_EXPORT = {
    "Profile.csv": (
        PROFILE_COLUMNS,
        [
            [
                "Alex",
                "Rivera",
                "AI Product Manager | LLM products, evaluation, growth",
                "I am an AI product manager who builds machine learning products people trust.",
                "Software Development",
                "Berlin",
                "[PORTFOLIO:https://alexrivera.dev/portfolio]",
            ]
        ],
    ),
    "Skills.csv": (["Name"], [["Product Management"], ["Machine Learning"], ["Prompt Engineering"], ["SQL"]]),
    "Positions.csv": (
        ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
        [
            ["MealMind (portfolio project)", "Founder", "AI meal planner built with GPT-4 and RAG", "", "Jan 2026", ""],
            ["Shopwise", "Senior Product Manager", "Search and recommendations", "Berlin", "Mar 2021", "Dec 2025"],
        ],
    ),
    "Projects.csv": (
        ["Title", "Description", "Url", "Started On", "Finished On"],
        [
            [
                "MealMind",
                "Capstone AI product: meal plans with an LLM",
                "https://alexrivera.dev/mealmind",
                "Jan 2026",
                "",
            ]
        ],
    ),
    "Shares.csv": (
        ["Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"],
        [
            [
                "2026-01-20 09:00:00",
                "https://www.linkedin.com/feed/update/urn:li:share:1",
                "Our team at Shopwise is hiring two engineers in Berlin.",
                "",
                "",
                "MEMBER_NETWORK",
            ]
        ],
    ),
}


def resume_pdf(lines: list[str]) -> bytes:
    """A small PDF with a text layer (a built-in font, nothing embedded): one line per entry."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(MADE)
    pdf.set_auto_page_break(False)
    pdf.set_margins(15, 15)
    pdf.set_font("helvetica", size=10)
    pdf.add_page()
    for line in lines:
        if line == PAGE_BREAK:
            pdf.add_page()
            continue
        pdf.multi_cell(0, 6, line, align="L", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def linkedin_zip(files: dict) -> bytes:
    """A LinkedIn data-export zip: the CSVs at the top, as LinkedIn writes them (CRLF, UTF-8)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, (columns, rows) in files.items():
            text = io.StringIO(newline="")
            writer = csv.writer(text, lineterminator="\r\n")
            writer.writerow(columns)
            writer.writerows(rows)
            info = zipfile.ZipInfo(name, date_time=MADE.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.getvalue().encode("utf-8"))
    return out.getvalue()


FILES = {
    "resume-first-draft.pdf": lambda: resume_pdf(FIRST_DRAFT),
    "resume-later.pdf": lambda: resume_pdf(LATER_VERSION),
    "linkedin-export.zip": lambda: linkedin_zip(LINKEDIN_EXPORT),
}


def main(out: Path = OUT) -> list[Path]:
    """Write every demo material file into ``out``; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, build in FILES.items():
        path = out / name
        path.write_bytes(build())
        written.append(path)
    return written


if __name__ == "__main__":
    for path in main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {path.stat().st_size:,} bytes")
