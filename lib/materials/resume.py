"""The resume checklist judged from the resume's own text, each verdict with the words that prove it.

How each item is decided (the README's "Resume and LinkedIn checks" says the same):
- portfolio-prominent: a line naming a portfolio, capstone or side project (or the first line under a
  "Projects"/"Portfolio" heading) with an AI/ML skill on it or the two lines after it; prominent when it
  comes before the "Experience" heading or in the top half of the first page.
- quantify: at least half the bullet points carry a figure (a digit: 40%, $1.4M, 3 markets); a year is no figure.
- ai-skills: at least MIN_AI_TERMS skills from data/ai_terms.json.
- portfolio-link: a web link that is not a social profile or an e-mail address.
- tailor: a line that names AI (or ML, LLMs...) and product management together; with a job
  description, also at least half of its key terms found.
- one-page: two pages at most (one is better).
"""

from __future__ import annotations

import re

from lib.materials import terms
from lib.materials.documents import Document

MIN_AI_TERMS = 3
MIN_JOB_SHARE = 0.5
PORTFOLIO_LOOKAHEAD = 2  # lines after a project line that may carry its AI skill

_BULLET = re.compile(r"^\s*(?:[•●▪◦‣∙·○■□➢►✓✔*\-–—]|\d{1,2}[.)])\s+")
_CONTINUES = re.compile(r"^[a-z0-9(,;.$%&/+]")  # a wrapped bullet's next line starts so; a new entry does not
URL = re.compile(
    r"(?<![@\w.])(?:https?://[^\s<>()\"']+|www\.[^\s<>()\"']+"
    r"|[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|dev|io|ai|app|me|net|org|co|site|page|xyz|tech|design)"
    r"(?:/[^\s<>()\"']*)?)(?![\w@])",
    re.IGNORECASE,
)
SOCIAL = re.compile(r"(?:^|[/.])(?:linkedin\.com|twitter\.com|x\.com|facebook\.com|instagram\.com)", re.IGNORECASE)
PROJECT = re.compile(r"\b(?:portfolio|capstone|side project|personal project)\b", re.IGNORECASE)
_PROJECT_HEADING = re.compile(
    r"^\s*(?:selected\s+|key\s+|ai\s+|portfolio\s+|capstone\s+)?(?:projects?|portfolio)\s*:?\s*$", re.IGNORECASE
)
_EXPERIENCE_HEADING = re.compile(
    r"^\s*(?:professional\s+|work\s+)?(?:experience|employment|work history)\s*:?\s*$", re.IGNORECASE
)
AI_WORD = re.compile(
    r"\b(?:AI|ML|LLMs?|GenAI|machine learning|artificial intelligence|generative AI|deep learning)\b", re.IGNORECASE
)
PM_WORD = re.compile(r"\b(?:product manager|product management|product lead|product owner|PM)\b", re.IGNORECASE)
_FIGURE = re.compile(r"\d")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")  # a year dates a bullet; it is not a result

RESUME_ITEMS = ("portfolio-prominent", "quantify", "ai-skills", "portfolio-link", "tailor", "one-page")


def bullets(lines: list[str]) -> list[str]:
    """Bullet points, each joined with the lines it wrapped onto."""
    found: list[str] = []
    open_bullet = False
    for line in lines:
        if _BULLET.match(line):
            found.append(_BULLET.sub("", line, count=1).strip())
            open_bullet = True
        elif open_bullet and line.strip() and _CONTINUES.match(line.strip()):
            found[-1] += " " + line.strip()
        else:
            open_bullet = False
    return [b for b in found if b]


def links(doc: Document) -> list[str]:
    """Web links shown in the text or behind clickable words, once each; e-mail addresses left out."""
    shown = [m.group(0).rstrip(".,;:!?") for m in URL.finditer(doc.text)]
    hidden = [u for u in doc.links if not u.lower().startswith("mailto:")]
    return list(dict.fromkeys([*shown, *hidden]))


def portfolio_link(found: list[str], lines: list[str]) -> str | None:
    """The link that best points at a portfolio: one saying so, else the first that is not a social profile."""
    candidates = [u for u in found if not SOCIAL.search(u)]
    said = [u for u in candidates if "portfolio" in u.lower() or any(u in ln and PROJECT.search(ln) for ln in lines)]
    return (said or candidates or [None])[0]


def portfolio_project(lines: list[str]) -> tuple[int, str] | None:
    """(line number, text) of the first project line with an AI/ML skill on it or just after it."""
    for i, line in enumerate(lines):
        heading = _PROJECT_HEADING.match(line)
        # A web address with "portfolio" in it is a link, not a project (that is portfolio-link's evidence).
        if not (heading or PROJECT.search(URL.sub(" ", line))):
            continue
        start = i + 1 if heading else i
        for j in range(start, min(len(lines), start + PORTFOLIO_LOOKAHEAD + 1)):
            if terms.ai_terms_in(lines[j]) or AI_WORD.search(lines[j]):
                return start, lines[start] if start < len(lines) else line
    return None


def _prominent(index: int, lines: list[str], pages: int) -> bool:
    experience = next((i for i, ln in enumerate(lines) if _EXPERIENCE_HEADING.match(ln)), None)
    first_page = len(lines) / max(pages, 1)
    return index < first_page / 2 or (experience is not None and index < experience)


def _quote(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return f"“{text[:limit]}{'…' if len(text) > limit else ''}”"


def check_resume(doc: Document, filename: str, job_text: str | None = None) -> dict:
    """The resume checklist judged from the document: figures, findings with fixes, evidence per item."""
    lines = [ln for ln in doc.text.split("\n") if ln.strip()]
    points = bullets(lines)
    quantified = [b for b in points if _FIGURE.search(_YEAR.sub(" ", b))]
    found_links = links(doc)
    ai = terms.ai_terms_in(doc.text)
    findings: list[dict] = []
    checklist: dict[str, dict] = {}

    def judge(item: str, passed: bool, evidence: str, code: str = "", message: str = "", fix: str = "") -> None:
        checklist[item] = {"passed": passed, "evidence": evidence if passed else ""}
        if not passed and code:
            findings.append({"code": code, "message": message, "fix": fix})

    project = portfolio_project(lines)
    if project is None:
        judge(
            "portfolio-prominent",
            False,
            "",
            "no_portfolio_project",
            "no portfolio or capstone project with AI/ML skills was found",
            "add your portfolio project near the top: its name, the AI it uses and one result with a figure",
        )
    else:
        prominent = _prominent(project[0], lines, doc.pages)
        judge(
            "portfolio-prominent",
            prominent,
            _quote(project[1]),
            "portfolio_not_prominent",
            f"the portfolio project appears low on the resume: {_quote(project[1])}",
            "move the project above your work experience, or into the top half of the first page",
        )

    share = len(quantified) / len(points) if points else 0.0
    judge(
        "quantify",
        bool(points) and share >= 0.5,
        f"{len(quantified)} of {len(points)} bullets carry a figure, e.g. "
        + (_quote(quantified[0]) if quantified else ""),
        "few_numbers",
        f"{len(quantified)} of {len(points)} bullet points carry a figure"
        if points
        else "no bullet points were found, so no achievement is quantified",
        "give at least half of your bullets a number: users, %, $, time saved, team size",
    )

    spelled = [s for s, _ in ai]
    judge(
        "ai-skills",
        len(ai) >= MIN_AI_TERMS,
        ", ".join(spelled[:8]),
        "no_ai_skills",
        f"{len(ai)} AI/ML skill{'s' if len(ai) != 1 else ''} found"
        + (f" ({', '.join(spelled)})" if spelled else "")
        + f"; at least {MIN_AI_TERMS} show an AI PM's toolkit",
        "name the AI/ML skills you used: LLMs, RAG, prompt engineering, model evaluation, A/B testing of models",
    )

    link = portfolio_link(found_links, lines)
    judge(
        "portfolio-link",
        link is not None,
        link or "",
        "no_portfolio_link",
        "no link to a portfolio was found (a LinkedIn profile or an e-mail address does not count)",
        "put your portfolio's web address in the header, written out so it also works on paper",
    )

    role_line = next((ln for ln in lines if AI_WORD.search(ln) and PM_WORD.search(ln)), None)
    job = terms.match(doc.text, job_text) if job_text is not None else None
    _judge_tailor(judge, role_line, job)

    judge(
        "one-page",
        doc.pages <= 2,
        f"{doc.pages} page{'s' if doc.pages != 1 else ''}",
        "too_long",
        f"the resume is {doc.pages} pages long",
        "cut it to one page (two at most): keep the last 10 years and the bullets with results",
    )
    if doc.pages == 2:
        findings.append(
            {
                "code": "over_one_page",
                "message": "the resume is 2 pages long; one page is read in full more often",
                "fix": "aim for one page: drop older roles and bullets without a result",
            }
        )

    result = {
        "file": filename,
        "pages": doc.pages,
        "words": len(doc.text.split()),
        "bullets": len(points),
        "quantified_bullets": len(quantified),
        "links": found_links,
        "ai_terms": spelled,
        "findings": findings,
        "checklist": {item: checklist[item] for item in RESUME_ITEMS},
    }
    if job is not None:
        result["job"] = job
    return result


def _judge_tailor(judge, role_line: str | None, job: dict | None) -> None:
    if role_line is None:
        judge(
            "tailor",
            False,
            "",
            "not_tailored",
            "no line names the AI product manager role you are after",
            "add a title or summary line such as “AI Product Manager who ships LLM features”",
        )
        return
    evidence = _quote(role_line)
    if job is None:
        judge("tailor", True, evidence)
        return
    total = len(job["matched"]) + len(job["missing"])
    share = len(job["matched"]) / total if total else 1.0
    judge(
        "tailor",
        share >= MIN_JOB_SHARE,
        f"{evidence}; {len(job['matched'])} of {total} key terms of the job description found",
        "job_terms_missing",
        f"{len(job['matched'])} of {total} key terms of the job description found; missing: "
        + ", ".join(job["missing"][:10]),
        "use the description's own words for the skills you really have (see the missing terms)",
    )
