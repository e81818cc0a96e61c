"""The built-in coach against the labelled answers in tests/coach_set: covered-point recall and specificity.

Each file holds answers to one shipped question (strong, partial, weak, paraphrased, and answers that use
the guide's words but deny or dismiss them) with a label per guide point. "tuned" files were used while
the matcher and cues were adjusted; "held_out" files were only scored at the end.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lib.coach.engine import coach_answer
from lib.practice import questions

SET_DIR = Path(__file__).parent / "coach_set"
RECALL_MIN, SPECIFICITY_MIN = 0.85, 0.80


def _sets() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(SET_DIR.glob("*.json"))]


@pytest.fixture(scope="module")
def scored() -> list[tuple[dict, dict, object]]:
    return [(s, a, coach_answer(s["question_id"], a["text"])) for s in _sets() for a in s["answers"]]


def _figures(rows, split: str | None = None) -> tuple[float, float, int, int]:
    tp = fn = tn = fp = 0
    for s, answer, feedback in rows:
        if split and s["split"] != split:
            continue
        for want, check in zip(answer["covered"], feedback.guide, strict=True):
            tp += want and check.covered
            fn += want and not check.covered
            tn += (not want) and (not check.covered)
            fp += (not want) and check.covered
    return tp / max(tp + fn, 1), tn / max(tn + fp, 1), tp + fn, tn + fp


def test_the_set_is_broad_enough():
    sets = _sets()
    bank = {q.id: q for q in questions.load_question_bank().questions}
    answers = [a for s in sets for a in s["answers"]]
    assert len(answers) >= 60
    assert {bank[s["question_id"]].type for s in sets} == set(questions.QUESTION_TYPES)
    assert {a["kind"] for a in answers} == {"strong", "partial", "weak", "paraphrase", "wrong_words"}
    assert {s["split"] for s in sets} == {"tuned", "held_out"}
    for s in sets:
        for a in s["answers"]:
            assert len(a["covered"]) == len(bank[s["question_id"]].guide), a["id"]


@pytest.mark.parametrize("split", [None, "tuned", "held_out"])
def test_recall_and_specificity_reach_the_targets(scored, split):
    recall, specificity, covered, uncovered = _figures(scored, split)
    print(
        f"\n{split or 'all'}: recall {recall:.3f} on {covered} covered points, "
        f"specificity {specificity:.3f} on {uncovered} uncovered points"
    )
    assert recall >= RECALL_MIN
    assert specificity >= SPECIFICITY_MIN


def test_a_strong_answer_outscores_every_weaker_one_to_the_same_question(scored):
    by_question: dict[str, dict[str, int]] = {}
    for s, answer, feedback in scored:
        by_question.setdefault(s["question_id"], {})[answer["kind"]] = feedback.score
    for qid, scores in by_question.items():
        assert scores["strong"] > scores["weak"], (qid, scores)
        assert scores["strong"] > scores["wrong_words"], (qid, scores)
        assert scores["strong"] > scores["partial"], (qid, scores)


def test_every_covered_point_quotes_the_answer_verbatim(scored):
    for _, answer, feedback in scored:
        for check in (*feedback.guide, *feedback.framework, *feedback.ai_checks):
            assert (check.evidence in answer["text"]) if check.covered else check.evidence == ""
