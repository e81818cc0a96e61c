"""The built-in coach: deterministic, offline feedback on one answer, with verbatim evidence for every claim."""

from __future__ import annotations

from lib.coach import follow_ups as fu
from lib.coach import scoring
from lib.coach.feedback import Check, Feedback, Part
from lib.coach.matching import Point, best_evidence, parse_point, unit_weights, units_of
from lib.core.errors import InputError
from lib.practice import frameworks, questions
from lib.storage.db import open_db

DEFAULT_WPM = 140.0
MAX_CHARS = 200_000
GUIDE_POINTS, FRAMEWORK_POINTS, AI_POINTS = 45, 20, 10


def _corpus() -> tuple[str, ...]:
    """Every shipped guide point, step and check: the texts unit weights are computed over."""
    bank = questions.load_question_bank().questions
    texts = [g for q in bank for g in q.guide]
    for fw in frameworks.load_frameworks().frameworks:
        texts += [f"{s.name} {s.prompt}" for s in fw.steps] + list(fw.checks)
    return tuple(texts)


def _question(question_id: str) -> dict:
    for q in questions.load_question_bank().questions:
        if q.id == question_id:
            return q.model_dump()
    if question_id.startswith("custom-"):
        # The user's own questions live in the database; their guide has no authored cues.
        with open_db() as db:
            return {**questions.question(db, question_id), "cues": []}
    raise InputError(f"unknown question '{question_id}'", field="question")


def _section_text(sections: dict[str, str], name: str) -> str | None:
    for key, value in sections.items():
        if str(key).strip().lower() == name.strip().lower():
            return str(value or "")
    return None


def _part(name: str, checks: tuple[Check, ...], out_of: int, noun: str) -> Part:
    done = sum(c.covered for c in checks)
    points = round(out_of * done / len(checks)) if checks else 0
    missing = [c.name for c in checks if not c.covered]
    detail = f"{done} of {len(checks)} {noun} covered" + (f"; missing: {'; '.join(missing[:3])}." if missing else ".")
    return Part(name, points, out_of, detail)


def coach_answer(
    question_id: str,
    text: str,
    *,
    sections: dict[str, str] | None = None,
    wpm: float | None = None,
    transcript: str | None = None,
) -> Feedback:
    """Built-in feedback on one answer: typed (sections = framework step id -> text) or spoken (text = transcript)."""
    q = _question(str(question_id))
    text = str(text or "")
    if not text.strip() and sections:
        text = "\n".join(f"{k}\n{v}" for k, v in sections.items() if str(v or "").strip())
    if not text.strip():
        raise InputError("the answer is empty: write or say something first", field="answer")
    if len(text) > MAX_CHARS:
        raise InputError(f"the answer is too long to coach (over {MAX_CHARS} characters)", field="answer")
    pace = float(wpm) if wpm and wpm > 0 else DEFAULT_WPM
    fw = frameworks.framework(q["framework_id"])
    weights = unit_weights(_corpus())
    topic = set(units_of(q["text"]))
    sentences = scoring.split(text)

    cues = q["cues"]
    points = [parse_point(g, cues[i] if i < len(cues) else None) for i, g in enumerate(q["guide"])]
    guide = tuple(Check(p.text, *best_evidence(p, sentences, weights, topic)) for p in points)

    steps = []
    step_points: list[Point] = []
    for step in fw.steps:
        point = scoring.step_point(step.name, step.prompt)
        step_points.append(point)
        own = _section_text(sections, step.name) if sections else None
        if own is not None:
            steps.append(scoring.judge_step(point, scoring.split(own), True, weights))
        else:
            steps.append(scoring.judge_step(point, sentences, False, weights))
    framework = tuple(steps)

    check_points = [parse_point(c) for c in fw.checks]
    ai_checks = tuple(Check(p.text, *best_evidence(p, sentences, weights, set())) for p in check_points)

    guide_out = GUIDE_POINTS + (0 if fw.checks else AI_POINTS)
    specific, missing_specific = scoring.specificity(text, sentences)
    shape, missing_shape = scoring.structure(sentences)
    words = scoring.word_count(text)
    parts = [
        _part("Guide points", guide, guide_out, "guide points"),
        _part("Framework", framework, FRAMEWORK_POINTS, "steps"),
    ]
    if fw.checks:
        parts.append(_part("AI checks", ai_checks, AI_POINTS, "AI checks"))
    parts += [specific, shape, scoring.length(words, q["target_minutes"], pace)]
    score = round(100 * sum(p.points for p in parts) / sum(p.out_of for p in parts))

    other = [f"Add {m}." for m in missing_specific[:1]] + [f"Add {m}." for m in missing_shape]
    missing = [p for p, c in zip(points, guide, strict=True) if not c.covered]
    missing += [p for p, c in zip(step_points, framework, strict=True) if not c.covered]
    missing += [p for p, c in zip(check_points, ai_checks, strict=True) if not c.covered]
    extra = (["specificity"] if missing_specific else []) + (["structure"] if missing_shape else [])
    return Feedback(
        question_id=q["id"],
        engine="builtin",
        words=words,
        guide=guide,
        framework=framework,
        ai_checks=ai_checks,
        parts=tuple(parts),
        score=max(0, min(100, score)),
        improvements=fu.improvements(guide, framework, ai_checks, other),
        follow_ups=fu.follow_ups(missing, extra),
        transcript=transcript,
    )
