"""Resume PDFs, job descriptions and LinkedIn exports made by the tests themselves, good, weak and broken.

Every builder returns bytes (or writes a folder) and is deterministic, so a test
can compare results. The PDFs are real ones, written with fpdf2 and read back
with the app's own reader; the LinkedIn exports follow the layout of LinkedIn's
data-export zip (``Profile.csv``, ``Skills.csv``, ``Positions.csv``,
``Projects.csv``, ``Shares.csv`` at the top of the archive).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF

PAGE_BREAK = "\f"  # a line of its own in a resume: start a new page
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

# A line is text, or (text, url) for text that links somewhere without showing the address.
Line = str | tuple[str, str]

GOOD_RESUME: list[Line] = [
    "Alex Rivera",
    "AI Product Manager",
    "alex.rivera@example.com | https://alexrivera.dev/portfolio | linkedin.com/in/alexrivera",
    "SUMMARY",
    "AI Product Manager who ships LLM features: 6 years in product, 2 launching machine learning products.",
    "PORTFOLIO PROJECT",
    "Capstone project: MealMind, an AI meal planner built with GPT-4 and retrieval-augmented generation",
    "• Grew MealMind to 1,200 weekly users in 8 weeks with a prompt engineering and evaluation loop",
    "• Cut hallucinated recipes by 40% with an LLM evaluation set of 300 labelled answers",
    "EXPERIENCE",
    "Senior Product Manager, Shopwise (2021-2025)",
    "• Launched a recommendation system that lifted basket size 12% across 3 markets",
    "• Ran 25 A/B tests a quarter with data science; raised checkout conversion 9%",
    "• Led a cross-functional team of 14 engineers and 2 designers through product discovery",
    "• Defined the roadmap and OKRs for search and personalization",
    "Product Manager, Datalane (2019-2021)",
    "• Shipped a churn prediction model that saved $1.4M ARR in its first year",
    "• Wrote PRDs and SQL dashboards used by 60 account managers",
    "SKILLS",
    "Machine learning, large language models (LLMs), RAG, prompt engineering, A/B testing, SQL, Python, Figma",
]

WEAK_RESUME: list[Line] = [
    "Sam Taylor",
    "Operations Coordinator",
    "sam.taylor@example.com",
    "EXPERIENCE",
    "Operations Coordinator, Northwind Logistics",
    "• Responsible for coordinating schedules across the warehouse team",
    "• Helped with onboarding of new staff members",
    "• Worked on improving internal processes and documentation",
    "• Handled vendor communication and weekly reports",
    PAGE_BREAK,
    "Office Assistant, Contoso Ltd",
    "• Answered phones and managed the shared calendar",
    "• Supported the finance team with 2 month-end closes",
    "• Organised team events and travel",
    PAGE_BREAK,
    "EDUCATION",
    "BA in Communications",
    "INTERESTS",
    "Hiking, reading, cooking",
]

JOB_DESCRIPTION = """AI Product Manager, Assistant Platform

About the role
We are looking for a Product Manager to lead our generative AI assistant. You will own the roadmap
for features built on large language models (LLMs) and retrieval-augmented generation (RAG), and work
with a cross-functional team of engineers, designers and data scientists.

What you will do
- Define product strategy and OKRs for the assistant
- Run A/B testing and experimentation to measure impact
- Partner with ML engineers on model evaluation and fine-tuning
- Write clear PRDs and communicate with stakeholders

What we look for
- 4+ years of product management experience
- Hands-on with SQL and Python; familiarity with LangChain or vector databases
- Experience shipping machine learning products
"""
# What the good resume matches in JOB_DESCRIPTION, and what it lacks (spelled as in the description).
JOB_MATCHED = ["large language models", "retrieval-augmented generation", "A/B testing", "SQL", "Python", "roadmap"]
JOB_MISSING = ["LangChain", "vector databases", "fine-tuning"]


def _pdf() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(15, 15)
    if FONT.exists():
        pdf.add_font("body", fname=str(FONT))
        pdf.set_font("body", size=10)
    else:
        pdf.set_font("helvetica", size=10)
    return pdf


def _plain(text: str) -> str:
    """Text the fallback core font can draw (latin-1); the DejaVu font draws everything."""
    return text if FONT.exists() else text.replace("•", "-").encode("latin-1", "replace").decode("latin-1")


def resume_pdf(lines: Sequence[Line]) -> bytes:
    """A PDF with a text layer: one line of text per entry, a new page at each PAGE_BREAK."""
    pdf = _pdf()
    pdf.add_page()
    for line in lines:
        if line == PAGE_BREAK:
            pdf.add_page()
            continue
        if pdf.get_y() > 270:
            pdf.add_page()
        text, url = line if isinstance(line, tuple) else (line, "")
        pdf.multi_cell(0, 6, _plain(text), link=url, align="L", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def good_resume_pdf() -> bytes:
    """One page: a portfolio project near the top, figures in most bullets, AI skills, a portfolio link."""
    return resume_pdf(GOOD_RESUME)


def weak_resume_pdf() -> bytes:
    """Three pages, few figures, no links, no AI skills, no portfolio project."""
    return resume_pdf(WEAK_RESUME)


def scanned_pdf() -> bytes:
    """A page with only a picture on it (no text layer), as a scanner makes."""
    from PIL import Image, ImageDraw

    picture = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(picture)
    for y in range(60, 760, 24):
        draw.rectangle((60, y, 60 + (y * 7) % 420 + 60, y + 10), fill=0)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    pdf = _pdf()
    pdf.add_page()
    pdf.image(io.BytesIO(buffer.getvalue()), x=10, y=10, w=190)
    return bytes(pdf.output())


def encrypted_pdf(user_password: str = "secret") -> bytes:
    """The good resume, locked with a password."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(good_resume_pdf())))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def damaged_pdf() -> bytes:
    """A PDF header followed by bytes that are no PDF at all (a download cut short and overwritten)."""
    return good_resume_pdf()[:40] + b"\x00garbage" * 200


def resume_docx(lines: Sequence[Line]) -> bytes:
    """A minimal Word .docx: one paragraph per line, "• " lines as Word list items, (text, url) as hyperlinks."""
    paragraphs, rels = [], []
    for line in lines:
        if line == PAGE_BREAK:
            continue
        if isinstance(line, tuple):
            rels.append(
                f'<Relationship Id="rId{len(rels) + 1}" Target="{_xml(line[1])}" TargetMode="External" '
                'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"/>'
            )
            run = f'<w:hyperlink r:id="rId{len(rels)}"><w:r><w:t>{_xml(line[0])}</w:t></w:r></w:hyperlink>'
            paragraphs.append(f"<w:p>{run}</w:p>")
        elif line.startswith("• "):
            numbering = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            paragraphs.append(f'<w:p>{numbering}<w:r><w:t xml:space="preserve">{_xml(line[2:])}</w:t></w:r></w:p>')
        else:
            paragraphs.append(f'<w:p><w:r><w:t xml:space="preserve">{_xml(line)}</w:t></w:r></w:p>')
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f"<w:body>{''.join(paragraphs)}</w:body></w:document>"
    )
    relationships = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{''.join(rels)}</Relationships>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        zf.writestr("word/document.xml", document)
        zf.writestr("word/_rels/document.xml.rels", relationships)
    return out.getvalue()


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---------------------------------------------------------------- LinkedIn exports

PROFILE_COLUMNS = [
    "First Name",
    "Last Name",
    "Maiden Name",
    "Address",
    "Birth Date",
    "Headline",
    "Summary",
    "Industry",
    "Zip Code",
    "Geo Location",
    "Twitter Handles",
    "Websites",
    "Instant Messengers",
]
POSITION_COLUMNS = ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"]
PROJECT_COLUMNS = ["Title", "Description", "Url", "Started On", "Finished On"]
SHARE_COLUMNS = ["Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"]

GOOD_PROFILE = {
    "Profile.csv": (
        PROFILE_COLUMNS,
        [
            [
                "Alex",
                "Rivera",
                "",
                "",
                "",
                "AI Product Manager | LLM products, evaluation, growth",
                "I am an AI product manager passionate about building machine learning products people trust.",
                "Software Development",
                "",
                "Berlin",
                "",
                "[PORTFOLIO:https://alexrivera.dev/portfolio]",
                "",
            ]
        ],
    ),
    "Skills.csv": (["Name"], [["Product Management"], ["Machine Learning"], ["Prompt Engineering"], ["SQL"]]),
    "Positions.csv": (
        POSITION_COLUMNS,
        [
            ["MealMind (portfolio project)", "Founder", "AI meal planner built with GPT-4 and RAG", "", "Jan 2025", ""],
            ["Shopwise", "Senior Product Manager", "Search and recommendations", "Berlin", "Mar 2021", "Dec 2024"],
        ],
    ),
    "Projects.csv": (
        PROJECT_COLUMNS,
        [
            [
                "MealMind",
                "Capstone AI product: meal plans with an LLM",
                "https://alexrivera.dev/mealmind",
                "Jan 2025",
                "",
            ]
        ],
    ),
    "Shares.csv": (
        SHARE_COLUMNS,
        [
            [
                "2025-03-01 10:00:00",
                "https://www.linkedin.com/feed/update/urn:li:share:1",
                "Twelve weeks ago I started my AI PM journey. Here is what the 12-week program taught me...",
                "",
                "",
                "MEMBER_NETWORK",
            ]
        ],
    ),
}

WEAK_PROFILE = {
    "Profile.csv": (
        PROFILE_COLUMNS,
        [["Sam", "Taylor", "", "", "", "Operations Coordinator", "Organised and reliable.", "", "", "", "", "", ""]],
    ),
    "Skills.csv": (["Name"], [["Scheduling"], ["Customer Service"]]),
    "Positions.csv": (
        POSITION_COLUMNS,
        [["Northwind Logistics", "Operations Coordinator", "Schedules and vendors", "", "Jan 2022", ""]],
    ),
    "Shares.csv": (
        SHARE_COLUMNS,
        [
            [
                "2025-02-01 09:00:00",
                "https://www.linkedin.com/feed/update/urn:li:share:2",
                "Happy new month!",
                "",
                "",
                "",
            ]
        ],
    ),
}


def csv_bytes(columns: Sequence[str], rows: Sequence[Sequence[str]], encoding: str = "utf-8") -> bytes:
    """A CSV file as LinkedIn writes one; ``encoding`` may be 'utf-8-sig' (BOM), 'utf-16' or 'cp1252'."""
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return text.getvalue().encode(encoding)


def linkedin_zip(profile: dict | None = None, encoding: str = "utf-8", folder: str = "") -> bytes:
    """A LinkedIn data-export zip holding the given files (the good profile by default)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, (columns, rows) in (GOOD_PROFILE if profile is None else profile).items():
            zf.writestr(folder + name, csv_bytes(columns, rows, encoding))
    return out.getvalue()


def good_linkedin_zip() -> bytes:
    """Headline and About say AI PM, AI skills, the project under Experience, a journey post, a portfolio link."""
    return linkedin_zip(GOOD_PROFILE)


def weak_linkedin_zip() -> bytes:
    """None of the six LinkedIn items is met."""
    return linkedin_zip(WEAK_PROFILE)


def linkedin_folder(dest: Path, profile: dict | None = None, encoding: str = "utf-8") -> Path:
    """The same export unpacked into ``dest`` (created); returns ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name, (columns, rows) in (GOOD_PROFILE if profile is None else profile).items():
        (dest / name).write_bytes(csv_bytes(columns, rows, encoding))
    return dest


def bom_linkedin_zip() -> bytes:
    """The good export with a UTF-8 byte-order mark at the start of every CSV."""
    return linkedin_zip(GOOD_PROFILE, "utf-8-sig")


def utf16_linkedin_zip() -> bytes:
    """The good export with every CSV in UTF-16 (with its byte-order mark)."""
    return linkedin_zip(GOOD_PROFILE, "utf-16")


def cp1252_linkedin_zip() -> bytes:
    """The good export saved by an old spreadsheet in Windows-1252, with a non-ASCII letter in it."""
    profile = dict(GOOD_PROFILE)
    columns, rows = profile["Profile.csv"]
    profile["Profile.csv"] = (columns, [[rows[0][0].replace("Alex", "Zoë"), *rows[0][1:]]])
    return linkedin_zip(profile, "cp1252")


def not_linkedin_zip() -> bytes:
    """A zip of holiday photos and notes: nothing LinkedIn writes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("notes.txt", "packing list")
        zf.writestr("photos/beach.jpg", b"\xff\xd8\xff\xe0 not really a photo")
    return out.getvalue()


def damaged_zip() -> bytes:
    """The good export cut in half."""
    data = good_linkedin_zip()
    return data[: len(data) // 2]


def write_all(folder: Path) -> dict[str, Path]:
    """Every material above written into ``folder``, by name (for command-line and browser tests)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "good_resume.pdf": good_resume_pdf(),
        "weak_resume.pdf": weak_resume_pdf(),
        "scanned.pdf": scanned_pdf(),
        "encrypted.pdf": encrypted_pdf(),
        "damaged.pdf": damaged_pdf(),
        "good_resume.docx": resume_docx(GOOD_RESUME),
        "job.txt": JOB_DESCRIPTION.encode("utf-8"),
        "good_linkedin.zip": good_linkedin_zip(),
        "weak_linkedin.zip": weak_linkedin_zip(),
        "not_linkedin.zip": not_linkedin_zip(),
        "damaged_linkedin.zip": damaged_zip(),
    }
    paths = {}
    for name, data in files.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    paths["good_linkedin"] = linkedin_folder(folder / "good_linkedin")
    return paths
