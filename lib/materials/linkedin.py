"""The LinkedIn checklist judged from LinkedIn's data export (the zip, or its folder), with evidence.

Read: Profile.csv (Headline, Summary, Websites), Skills.csv, Positions.csv,
Projects.csv, Shares.csv; any may be missing. LinkedIn's export holds no
"Featured" section, so the portfolio link is looked for where the export does
keep links: the profile's websites and the projects' URLs.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path, PurePosixPath

from lib.core.errors import ZIP_READ_ERRORS, ImportFileError
from lib.jobsearch.imports import reading
from lib.materials import terms
from lib.materials.resume import AI_WORD, PM_WORD, PROJECT, SOCIAL, URL

FILES = ("Profile.csv", "Skills.csv", "Positions.csv", "Projects.csv", "Shares.csv")
# A file counts as LinkedIn's when its header holds this column.
SIGNATURE = {
    "Profile.csv": "headline",
    "Skills.csv": "name",
    "Positions.csv": "company name",
    "Projects.csv": "title",
    "Shares.csv": "sharecommentary",
}
MAX_ZIP_BYTES = 200 * 1024 * 1024  # an export with years of messages is large; only five small files are read
MAX_CSV_BYTES = 20 * 1024 * 1024  # one of those five files, unpacked
MAX_ENTRIES = 20_000
MIN_AI_SKILLS = 2
LINKEDIN_ITEMS = ("headline", "portfolio-experience", "skills", "journey-post", "featured-link", "about")
_JOURNEY = re.compile(r"\b(?:12|twelve)[\s-]*weeks?\b|\bweek\s*12\b", re.IGNORECASE)
_HEADLINE_AI = re.compile(r"\b(?:AI|GenAI|artificial intelligence)\b", re.IGNORECASE)
_HEADLINE_PM = re.compile(r"\bproduct\s+manager\b", re.IGNORECASE)
# A role of one's own: how a built product is listed under Experience when it is not called a project.
_OWN_ROLE = re.compile(
    r"\b(?:founder|co-founder|creator|builder|maker|self-employed|independent|freelance|personal)\b", re.IGNORECASE
)
HOW_TO_EXPORT = "download your data from LinkedIn (Settings → Data privacy → Get a copy of your data) and give the zip"


def check_linkedin(source: bytes | Path, name: str) -> dict:
    """The LinkedIn checklist from an export zip's bytes, or a Path to the zip or to its unpacked folder."""
    raw = _read_folder(source, name) if isinstance(source, Path) and source.is_dir() else _read_zip(source, name)
    found = {f: f in raw for f in FILES}
    tables = {f: _table(raw[f], f"{name}: {f}") for f in raw}
    if not any(SIGNATURE[f] in cols for f, (cols, _) in tables.items()):
        raise ImportFileError(
            f"this is not a LinkedIn data export (none of {', '.join(FILES)}); {HOW_TO_EXPORT}", where=name
        )
    return {"file": name, "found": found, **_judge(tables)}


# ---------------------------------------------------------------- reading the export safely


def _read_zip(source: bytes | Path, name: str) -> dict[str, bytes]:
    if isinstance(source, Path):
        try:
            if source.stat().st_size > MAX_ZIP_BYTES:
                raise ImportFileError(_too_big(source.stat().st_size), where=name)
            source = source.read_bytes()
        except OSError as exc:
            raise ImportFileError(f"the file cannot be read: {exc.strerror or exc}", where=name) from None
    if len(source) > MAX_ZIP_BYTES:
        raise ImportFileError(_too_big(len(source)), where=name)
    if not source.startswith(b"PK"):
        raise ImportFileError(f"this is not a zip archive; {HOW_TO_EXPORT} as downloaded", where=name)
    found: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(source)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ENTRIES:
                raise ImportFileError(f"the archive holds {len(infos)} entries, far more than an export", where=name)
            names = {i.filename for i in infos}
            if {"manifest.json", "prep.db"} <= names:
                raise ImportFileError(
                    "this is a backup made by this app, not a LinkedIn export; restore it on the Deliverables page",
                    where=name,
                )
            for info in infos:
                wanted = _wanted(info.filename)
                if wanted is None or wanted in found or info.is_dir():
                    continue
                if info.file_size > MAX_CSV_BYTES:
                    raise ImportFileError(f"{wanted} is {info.file_size / 1e6:.0f} MB, too large to read", where=name)
                with zf.open(info) as f:
                    found[wanted] = f.read(MAX_CSV_BYTES + 1)[:MAX_CSV_BYTES]
    except ImportFileError:
        raise
    except ZIP_READ_ERRORS:
        raise ImportFileError(f"the zip archive is damaged or incomplete; {HOW_TO_EXPORT} again", where=name) from None
    return found


def _wanted(entry: str) -> str | None:
    """Which of FILES a zip entry is, at the top or one folder down; odd or climbing paths are never read."""
    if entry.startswith(("/", "\\")) or "\\" in entry or "\0" in entry:
        return None
    parts = PurePosixPath(entry).parts
    if not parts or len(parts) > 2 or any(p in ("..", ".") for p in parts):
        return None
    return next((f for f in FILES if f.casefold() == parts[-1].casefold()), None)


def _read_folder(folder: Path, name: str) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    try:
        places = [folder, *sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink())]
        for place in places:
            for path in sorted(place.iterdir()):
                wanted = _wanted(path.name)
                if wanted is None or wanted in found or path.is_symlink() or not path.is_file():
                    continue
                if path.stat().st_size > MAX_CSV_BYTES:
                    raise ImportFileError(f"{wanted} is too large to read", where=f"{name}/{path.name}")
                found[wanted] = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"the folder cannot be read: {exc.strerror or exc}", where=name) from None
    return found


def _too_big(size: int) -> str:
    return f"the file is {size / 1e6:.0f} MB, more than the {MAX_ZIP_BYTES // (1024 * 1024)} MB an export is read up to"


def _table(data: bytes, where: str) -> tuple[set[str], list[dict[str, str]]]:
    """(column names case-folded, rows as {column: text}) of one CSV, decoded as the importers decode."""
    text = reading.decode(data, where)
    rows = reading.records(text, where)
    header = next(rows, (0, []))[1]
    columns = [c.strip().lstrip("\ufeff").casefold() for c in header]
    records = [dict(zip(columns, (c.strip() for c in cells), strict=False)) for _, cells in rows]
    return set(columns), [r for r in records if any(r.values())]


# ---------------------------------------------------------------- the six items


def _judge(tables: dict) -> dict:
    rows = {f: tables.get(f, (set(), []))[1] for f in FILES}
    profile = rows["Profile.csv"][0] if rows["Profile.csv"] else {}
    checklist: dict[str, dict] = {}
    findings: list[dict] = []

    def judge(item: str, evidence: str, code: str, message: str, fix: str) -> None:
        checklist[item] = {"passed": bool(evidence), "evidence": evidence}
        if not evidence:
            findings.append({"code": code, "message": message, "fix": fix})

    headline = profile.get("headline", "")
    good = bool(_HEADLINE_AI.search(headline) and _HEADLINE_PM.search(headline))
    lacks = [w for w, rx in (("AI", _HEADLINE_AI), ("Product Manager", _HEADLINE_PM)) if not rx.search(headline)]
    judge(
        "headline",
        headline if good else "",
        "headline_no_ai_pm",
        f"the headline “{headline[:120]}” lacks {' and '.join(lacks)}" if headline else "no headline in Profile.csv",
        "make the headline say both, e.g. “AI Product Manager | LLM products, evaluation, growth”",
    )

    project = _portfolio_position(rows["Positions.csv"], rows["Projects.csv"])
    judge(
        "portfolio-experience",
        project,
        "no_portfolio_project",
        "no position under Experience is your portfolio or capstone project",
        "add the project under Experience (title “Founder”, company “<name> (portfolio project)”) with what it does",
    )

    skills = [r.get("name", "") for r in rows["Skills.csv"]]
    ai_skills = [s for s in skills if s and (terms.ai_terms_in(s) or AI_WORD.search(s))]
    judge(
        "skills",
        ", ".join(ai_skills) if len(ai_skills) >= MIN_AI_SKILLS else "",
        "no_ai_skills",
        f"{len(ai_skills)} AI/ML skill{'s' if len(ai_skills) != 1 else ''} among your skills; "
        f"add at least {MIN_AI_SKILLS}",
        "add skills such as Machine Learning, Large Language Models (LLM), Prompt Engineering, AI Product Management",
    )

    posts = [r.get("sharecommentary", "") for r in rows["Shares.csv"]]
    post = next((p for p in posts if _JOURNEY.search(p)), "")
    judge(
        "journey-post",
        " ".join(post.split()[:14]) + ("…" if len(post.split()) > 14 else ""),
        "no_journey_post",
        "no post mentions your 12-week journey",
        "write a post about your 12 weeks: what you built, what you learned, what you are looking for",
    )

    judge(
        "featured-link",
        _portfolio_link(profile, rows["Projects.csv"]),
        "no_portfolio_link",
        "no portfolio link in your profile's websites or projects (the export does not include Featured)",
        "add your portfolio's link to Featured, and to your profile's websites so it shows here",
    )

    about = profile.get("summary", "")
    sentence = next((s for s in re.split(r"(?<=[.!?])\s+|\n", about) if _mentions_ai(s) and _mentions_pm(s)), "")
    if not sentence and _mentions_ai(about) and _mentions_pm(about):
        sentence = about
    judge(
        "about",
        " ".join(sentence.split())[:200],
        "about_no_ai_pm",
        "the About section does not speak of AI and product management" if about else "no About section",
        "say in About why you are moving into AI product management and what you have built",
    )
    return {"findings": findings, "checklist": {item: checklist[item] for item in LINKEDIN_ITEMS}}


def _mentions_ai(text: str) -> bool:
    return bool(AI_WORD.search(text) or terms.ai_terms_in(text))


def _mentions_pm(text: str) -> bool:
    return bool(PM_WORD.search(text) or re.search(r"\bproducts?\b", text, re.IGNORECASE))


def _portfolio_position(positions: list[dict], projects: list[dict]) -> str:
    """'Title at Company' of a position naming a portfolio/capstone project or one of the listed projects,
    or a role of one's own (founder, self-employed...) whose description names an AI/ML skill."""
    project_names = [p.get("title", "").casefold() for p in projects if len(p.get("title", "")) >= 3]
    for row in positions:
        title, company = row.get("title", ""), row.get("company name", "")
        text = " ".join((title, company, row.get("description", "")))
        own_ai_product = _OWN_ROLE.search(f"{title} {company}") and _mentions_ai(row.get("description", ""))
        if PROJECT.search(text) or own_ai_product or any(n in f"{title} {company}".casefold() for n in project_names):
            return f"{title} at {company}".strip()
    return ""


def _portfolio_link(profile: dict, projects: list[dict]) -> str:
    """The first web link of the profile's websites or the projects that is not a social profile."""
    places = [profile.get("websites", ""), *(p.get("url", "") for p in projects)]
    links = [m.group(0).rstrip(".,;:]") for place in places for m in URL.finditer(place)]
    return next((u for u in links if not SOCIAL.search(u)), "")
