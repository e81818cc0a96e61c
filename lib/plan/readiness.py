"""Readiness: one view of where the week stands, part by part, and the next most useful action.

Each part says what counts, what it has, what is missing and what to do
about it, using the targets the shipped content sets in data/*.json (35 hours, the
practice plan, 10+ STAR stories, a full self mock plus a partner mock, 10+ case
studies, 20+ target companies, 5-10 applications, 5 PMs reached). The next action puts
things that go stale first (follow-ups, then rehearsals that are due), then
today's focus in the plan, then the part furthest behind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlite_utils

from lib.coach import attempts as coached
from lib.core import clock
from lib.core.due import DueItem
from lib.jobsearch import applications, companies, funnel, networking
from lib.materials import case_studies
from lib.media import reviews as take_reviews
from lib.media import takes as recordings
from lib.plan import curriculum, progress, time_log
from lib.practice import progress as practice_progress
from lib.practice import schedule as practice_schedule
from lib.stories import rehearsals as story_rehearsals
from lib.stories import store as stories
from lib.stories import themes as story_themes

# Share of guide points the latest answers should cover, as the coach reads them.
COVERAGE_TARGET = 0.8
# The part the plan works on each day; the weekend splits between the bank and the job search.
DAY_FOCUS = {
    "mon": ("practice",),
    "tue": ("practice",),
    "wed": ("practice",),
    "thu": ("stories",),
    "fri": ("mocks",),
    "weekend": ("case_studies", "job_search"),
}


@dataclass(frozen=True)
class Part:
    key: str
    title: str
    progress: float  # 0..1 against the part's target
    have: str  # what there is, in plain words
    counts: str  # what counts towards the target
    missing: list[str]  # what is still missing; empty when the part is done
    action: str  # the next step within this part
    page: str  # url_path where that step is done
    due: list[DueItem] = field(default_factory=list)  # items due by today that belong to this part

    @property
    def done(self) -> bool:
        return not self.missing and not self.due


@dataclass(frozen=True)
class JobSearchTargets:
    companies: int
    applications: int
    pms: int


@dataclass(frozen=True)
class NextAction:
    text: str
    why: str
    page: str


def _ratio(have: float, target: float) -> float:
    return 1.0 if target <= 0 else max(0.0, min(have / target, 1.0))


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


# ---------------------------------------------------------------- the parts


def hours_part(hours: float, planned_by_today: float, target: float) -> Part:
    """Hours logged against the week and against what the plan expects by the end of today."""
    missing = []
    if hours < target:
        missing.append(f"{target - hours:.1f} h of the {target:g} h week")
    behind = planned_by_today - hours
    action = (
        f"Log today's study time; the plan expects {planned_by_today:g} h by tonight ({behind:.1f} h more)."
        if behind > 0
        else "Log time as you study; you are on pace with the plan."
    )
    return Part(
        "hours",
        "Hours",
        _ratio(hours, target),
        f"{hours:.1f} h of {target:g} h logged",
        "Time logged against the week's sessions on the Curriculum page.",
        missing,
        action,
        "curriculum",
    )


def practice_part(
    attempts_by_type: dict[str, tuple[int, int]], due: list[DueItem], coverage: tuple[int, int] | None = None
) -> Part:
    """Timed answers per interview type against the week's plan, and how much of the guides they cover.

    ``coverage`` is (guide points covered, guide points) over each coached question's latest answer, as the
    coach read it ((0, 0) before any answer is coached); with it, half the part is the plan and half the
    coverage against ``COVERAGE_TARGET``. Without it the part is the plan alone.
    """
    have = sum(min(n, target) for n, target in attempts_by_type.values())
    target = sum(t for _, t in attempts_by_type.values())
    missing = [f"{label}: {t - n} more" for label, (n, t) in attempts_by_type.items() if n < t]
    plan_missing = bool(missing)
    progress = _ratio(have, target)
    have_text = ", ".join(f"{label} {n}/{t}" for label, (n, t) in attempts_by_type.items())
    share = coverage[0] / coverage[1] if coverage and coverage[1] else 0.0
    if coverage is not None:
        progress = (progress + min(share / COVERAGE_TARGET, 1.0)) / 2
        if not coverage[1]:
            missing.append("guide points covered: none measured yet")
            have_text += "; no answer coached yet"
        else:
            have_text += f"; {share:.0%} of guide points covered"
            if share < COVERAGE_TARGET:
                missing.append(
                    f"guide points covered: {share:.0%} in your latest answers, aim for {COVERAGE_TARGET:.0%}"
                )
    if due:
        action = f"Rehearse {_plural(len(due), 'question')} due for review."
    elif plan_missing:
        action = f"Answer a timed {missing[0].split(':')[0].lower()} question with its framework."
    elif missing:
        action = "Answer again a question whose guide points you missed; the coach shows which."
    else:
        action = "Rehearse the questions you rated lowest."
    return Part(
        "practice",
        "Practice by type",
        progress,
        have_text,
        "Submitted timed answers; the plan asks for 4 product sense, 4 execution, 2 strategy "
        "and at least one technical and behavioural"
        + (
            f", and latest answers that cover {COVERAGE_TARGET:.0%} of the guide points, as the coach reads them."
            if coverage is not None
            else "."
        ),
        missing,
        action,
        "practice",
        due,
    )


def stories_part(
    total: int, with_findings: int, themes_covered: int, themes_total: int, due: list[DueItem], target: int
) -> Part:
    """STAR stories: ``target``+ with no open findings, across the themes."""
    clean = total - with_findings
    missing = []
    if total < target:
        missing.append(_plural(target - total, "more story", "more stories"))
    if with_findings:
        missing.append(f"{_plural(with_findings, 'story', 'stories')} with open findings")
    if themes_covered < themes_total:
        missing.append(f"{themes_total - themes_covered} of {themes_total} themes without a story")
    if due:
        action = f"Rehearse {_plural(len(due), 'story', 'stories')} due, out loud, in 2-3 minutes."
    elif with_findings:
        action = "Fix the findings on your stories (numbers, 'I' not 'we', a result and a learning)."
    elif total < target or themes_covered < themes_total:
        action = "Write a story for a theme you have not covered yet."
    else:
        action = "Rehearse a story out loud and time it."
    return Part(
        "stories",
        "STAR stories",
        _ratio(clean, target),
        f"{_plural(total, 'story', 'stories')}, {clean} without findings, {themes_covered}/{themes_total} themes",
        f"Stories with no open quality findings; the target is {target}+.",
        missing,
        action,
        "stories",
        due,
    )


def mocks_part(full_mocks: int, takes: int, reviewed: int, partner_reviews: int) -> Part:
    """A full self mock, every take reviewed, and at least one partner mock."""
    missing = []
    if full_mocks < 1:
        missing.append("a full self mock (product sense, execution, behavioral)")
    if reviewed < takes:
        missing.append(f"{_plural(takes - reviewed, 'take')} not reviewed")
    if partner_reviews < 1:
        missing.append("feedback from a partner mock")
    steps = [full_mocks >= 1, takes > 0 and reviewed >= takes, partner_reviews >= 1]
    if full_mocks < 1:
        action, page = "Record a full self mock: three 30-minute rounds without stopping.", "mock_interview"
    elif reviewed < takes:
        action, page = (
            "Watch a take back and review it: clarity, structure, confidence, filler words, eye contact.",
            "recordings",
        )
    elif partner_reviews < 1:
        action, page = "Do a mock with a partner and log their feedback.", "recordings"
    else:
        action, page = "Record another mock on your weakest interview type.", "mock_interview"
    return Part(
        "mocks",
        "Mocks and reviews",
        sum(steps) / len(steps),
        f"{_plural(full_mocks, 'full mock')}, {reviewed}/{takes} takes reviewed, "
        f"{_plural(partner_reviews, 'partner review')}",
        "Recorded takes with your own review, a full mock, and a partner's feedback.",
        missing,
        action,
        page,
    )


def case_studies_part(complete: int, in_bank: int, target: int) -> Part:
    """Case studies with all five parts written, against the ``target``+ of data/case_studies.json."""
    missing = [f"{target - complete} more complete"] if complete < target else []
    action = (
        "Finish a case: problem, ML approach, key metrics, what makes it great, how you'd improve it."
        if complete < target
        else "Add a product you're passionate about."
    )
    return Part(
        "case_studies",
        "Case studies",
        _ratio(complete, target),
        f"{complete} of {target}+ complete, {in_bank} in the bank",  # against the target the other lines name
        f"A case with all five parts written; the target is {target}+.",
        missing,
        action,
        "case_studies",
    )


def job_search_part(companies: int, applied: int, pms: int, due: list[DueItem], targets: JobSearchTargets) -> Part:
    """Target companies, applications sent, PMs reached, and follow-ups due."""
    company_target, application_target, pm_target = targets.companies, targets.applications, targets.pms
    missing = []
    if companies < company_target:
        missing.append(f"{company_target - companies} more target companies")
    if applied < application_target:
        missing.append(f"{application_target - applied} more applications")
    if pms < pm_target:
        missing.append(f"{pm_target - pms} more PMs to reach")
    if due:
        action, page = (
            f"Send {_plural(len(due), 'follow-up')} due, oldest first: {due[0].kind} — {due[0].title}.",
            due[0].page,
        )
    elif companies < company_target:
        action, page = (
            "Add target companies: AI-first startups, FAANG AI teams, startups with AI products.",
            "companies",
        )
    elif applied < application_target:
        action, page = "Apply to a role at one of your target companies.", "applications"
    elif pms < pm_target:
        action, page = "Reach out to a PM at a target company.", "networking"
    else:
        action, page = "Keep the pipeline moving: follow up and apply.", "applications"
    progress = (_ratio(companies, company_target) + _ratio(applied, application_target) + _ratio(pms, pm_target)) / 3
    return Part(
        "job_search",
        "Applications and networking",
        progress,
        f"{_plural(companies, 'target company', 'target companies')}, {applied} applied, "
        f"{_plural(pms, 'PM')} reached, {len(due)} follow-ups due",
        "Companies on your list, applications past the wishlist, PMs at target companies you contacted.",
        missing,
        action,
        page,
        due,
    )


# ---------------------------------------------------------------- gathering


def job_search_targets() -> JobSearchTargets:
    """The job search's targets from data/company_research.json; a range counts from its low end."""
    targets = companies.load_company_research().targets

    def least(target: companies.Target) -> int:
        return target.count if target.count is not None else target.min or 0

    return JobSearchTargets(least(targets.companies), least(targets.applications), least(targets.pms_reached))


def guide_coverage(db: sqlite_utils.Database) -> tuple[int, int]:
    """(guide points covered, guide points) over every coached question's latest answer; (0, 0) before any."""
    found = coached.coverage(db)
    return int(found["covered"].sum()), int(found["points"].sum())


def _due_by(items: list[DueItem], today: dt.date) -> list[DueItem]:
    return sorted((i for i in items if i.due <= today), key=lambda i: (i.due, i.kind, i.title))


def parts(db: sqlite_utils.Database, today: dt.date | None = None) -> list[Part]:
    """Every part of readiness, in the order of the week."""
    today = today or clock.today()
    cur = curriculum.load_curriculum()
    plan = progress.today_plan(db, today)
    done_days = [d for d in cur.days if max(d.day_offsets) <= plan["offset"]] if plan["offset"] >= 0 else []
    planned = sum(d.target_hours for d in done_days)

    by_type = practice_progress.plan_progress(db)
    attempts_by_type = {r.label: (int(r.attempts), max(int(r.planned), 1)) for r in by_type.itertuples()}
    due_questions = [
        DueItem("Rehearse", str(q.text), today, "practice")
        for q in practice_schedule.due_questions(db, today).itertuples()
    ]

    report = stories.bank_report(db)
    with_findings = int(report["issues"].map(bool).sum()) if len(report) else 0
    story_content = story_themes.load_themes()

    takes = recordings.list_recordings(db)
    takes = takes[takes["status"] == "ok"]
    partner = take_reviews.reviews(db)
    bank = case_studies.bank(db)
    follow = _due_by(applications.follow_ups(db, today) + networking.follow_ups(db, today), today)

    return [
        hours_part(time_log.total_hours(db), planned, cur.total_target_hours),
        practice_part(attempts_by_type, due_questions, guide_coverage(db)),
        stories_part(
            len(report),
            with_findings,
            int(report["theme_id"].nunique()) if len(report) else 0,
            len(story_content.themes),
            _due_by(story_rehearsals.due_stories(db, today), today),
            story_content.target_stories,
        ),
        mocks_part(
            int((takes["mode"] == "full_mock").sum()),
            len(takes),
            int(takes["reviewed_at"].notna().sum()),
            int((partner["source"] == "partner").sum()) if len(partner) else 0,
        ),
        case_studies_part(int(bank["complete"].sum()), len(bank), case_studies.load_case_studies().target_complete),
        job_search_part(
            companies.company_count(db),
            funnel.applied_count(db),
            networking.pms_reached(db),
            follow,
            job_search_targets(),
        ),
    ]


def next_action(all_parts: list[Part], today_day_id: str | None) -> NextAction | None:
    """The most useful next step: what goes stale first, then today's focus, then the part furthest behind."""
    by_key = {p.key: p for p in all_parts}
    job = by_key.get("job_search")
    if job and job.due:
        return NextAction(job.action, "Follow-ups lose their value when they are late.", job.page)
    rehearse = [p for p in all_parts if p.key in ("practice", "stories") and p.due]
    if rehearse:
        p = max(rehearse, key=lambda p: len(p.due))
        return NextAction(p.action, "Rehearsing on the day it is due keeps it in memory for longest.", p.page)
    focus = [by_key[k] for k in DAY_FOCUS.get(today_day_id or "", ()) if k in by_key and not by_key[k].done]
    if focus:
        p = min(focus, key=lambda p: p.progress)
        return NextAction(p.action, f"Today's plan works on {p.title.lower()}: {'; '.join(p.missing)}.", p.page)
    open_parts = [p for p in all_parts if not p.done and p.key != "hours"]
    if open_parts:
        p = min(open_parts, key=lambda p: p.progress)
        return NextAction(p.action, f"{p.title} is furthest behind: {'; '.join(p.missing)}.", p.page)
    hours = by_key.get("hours")
    if hours and not hours.done:
        return NextAction(hours.action, "Everything else is on target; keep logging the week's hours.", hours.page)
    return None


def overview(db: sqlite_utils.Database, today: dt.date | None = None) -> tuple[list[Part], NextAction | None]:
    """The parts and the next action together (one cached call for the Overview)."""
    today = today or clock.today()
    found = parts(db, today)
    day = progress.today_plan(db, today)["day"]
    return found, next_action(found, day.id if day else None)
