"""Which behavioural questions the story bank answers, which it leaves open, and suggested links.

The rows are the question bank's behavioural questions (shipped and custom)
plus the 12 theme prompts (ids ``theme-<theme>``, or the bank's id where the
bank holds the prompt word for word). A story covers a row when the user
linked it, and covers its own theme's row by being written for it.
Suggestions come from TF-IDF cosine similarity; the user confirms them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import sqlite_utils

from lib.practice import questions
from lib.stories import store as stories
from lib.stories.checks import SECTION_NAMES
from lib.stories.links import current_links
from lib.stories.similarity import similarity
from lib.stories.themes import load_themes

STATE_NONE, STATE_SUGGESTED, STATE_COVERED = 0, 1, 2
STATE_LABELS = {STATE_NONE: "", STATE_SUGGESTED: "suggested", STATE_COVERED: "answers"}
DEFAULT_MIN_SCORE = 0.1


def theme_rows(rows: pd.DataFrame) -> dict[str, str]:
    """Theme id -> the id of the row that holds its prompt."""
    themed = rows[rows["kind"] == "theme"]
    return dict(zip(themed["theme_id"], themed["question_id"], strict=False))


def story_text(story: dict) -> str:
    """What a story says, for similarity: its theme, title, tags and every section."""
    themes = {t.id: f"{t.name} {t.question_text}" for t in load_themes().themes}
    tags = " ".join(story.get("tags") or [])
    return " ".join(
        [themes.get(story["theme_id"], ""), story["title"], tags, *(story.get(n) or "" for n in SECTION_NAMES)]
    )


def _covered_pairs(rows: pd.DataFrame, story_rows: list[dict], links: pd.DataFrame) -> set[tuple[str, str]]:
    own_theme = theme_rows(rows)
    pairs = {(r.story_id, r.question_id) for r in links.itertuples()}
    pairs |= {(s["story_id"], own_theme[s["theme_id"]]) for s in story_rows if s["theme_id"] in own_theme}
    return pairs


def suggest_links(db: sqlite_utils.Database, min_score: float = DEFAULT_MIN_SCORE, per_story: int = 3) -> pd.DataFrame:
    """Unconfirmed question links for each story, best first (story_id, question_id, score)."""
    rows = questions.coverage_questions(db, load_themes().prompts)
    story_rows = stories.current_stories(db).to_dict("records")
    covered = _covered_pairs(rows, story_rows, current_links(db))
    scores = similarity(list(rows["text"]), [story_text(s) for s in story_rows])
    found = []
    for story, row_scores in zip(story_rows, scores, strict=False):
        ranked = sorted(zip(rows["question_id"], row_scores, strict=False), key=lambda p: -p[1])
        picks = [(q, sc) for q, sc in ranked if sc >= min_score and (story["story_id"], q) not in covered][:per_story]
        found += [{"story_id": story["story_id"], "question_id": q, "score": round(float(sc), 3)} for q, sc in picks]
    return pd.DataFrame(found, columns=["story_id", "question_id", "score"])


def coverage_matrix(
    rows: pd.DataFrame, story_rows: list[dict], links: pd.DataFrame, suggestions: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Questions x stories: 2 where the story answers the question, 1 where it is suggested, else 0."""
    question_ids, story_ids = list(rows["question_id"]), [s["story_id"] for s in story_rows]
    # Cells are set by position: through .loc, one at a time, a bank of hundreds took a good part of a second.
    question_at, story_at = {q: i for i, q in enumerate(question_ids)}, {s: j for j, s in enumerate(story_ids)}
    grid = np.full((len(question_ids), len(story_ids)), STATE_NONE, dtype=np.int64)
    marks = (
        [] if suggestions is None else [(s.story_id, s.question_id, STATE_SUGGESTED) for s in suggestions.itertuples()]
    )
    marks += [
        (story_id, question_id, STATE_COVERED) for story_id, question_id in _covered_pairs(rows, story_rows, links)
    ]
    for story_id, question_id, state in marks:
        if question_id in question_at and story_id in story_at:
            grid[question_at[question_id], story_at[story_id]] = state
    return pd.DataFrame(grid, index=question_ids, columns=story_ids)


def coverage(db: sqlite_utils.Database, min_score: float = DEFAULT_MIN_SCORE, suggest: bool = True) -> dict:
    """Everything the coverage view shows: rows, stories, matrix, suggestions and gaps.

    ``suggest=False`` leaves the suggestions out (an empty table, no suggested cells) and with them the
    text similarity of every story to every question, which is most of the work on a large bank.
    """
    rows = questions.coverage_questions(db, load_themes().prompts)
    story_rows = stories.current_stories(db).to_dict("records")
    links = current_links(db)
    suggestions = (
        suggest_links(db, min_score) if suggest else pd.DataFrame(columns=["story_id", "question_id", "score"])
    )
    matrix = coverage_matrix(rows, story_rows, links, suggestions)
    covered = (matrix == STATE_COVERED).sum(axis=1)
    open_rows = rows[rows["question_id"].map(covered) == 0]
    themes_with_story = {s["theme_id"] for s in story_rows}
    themes = load_themes()
    return {
        "rows": rows,
        "stories": pd.DataFrame(story_rows, columns=["story_id", "title", "theme_id"])
        if story_rows
        else pd.DataFrame(columns=["story_id", "title", "theme_id"]),
        "matrix": matrix,
        "suggestions": suggestions,
        "open_questions": open_rows[open_rows["kind"] == "question"].reset_index(drop=True),
        "open_themes": [t for t in themes.themes if t.id not in themes_with_story],
        "story_count": len(story_rows),
        "target_stories": themes.target_stories,
        "themes_covered": len(themes_with_story & {t.id for t in themes.themes}),
        "themes_total": len(themes.themes),
    }


def next_stories(cov: dict) -> list[str]:
    """The gaps as a to-write list: a story for each theme with none, then each question with none."""
    todo = [f"{t.name}: {t.question_text}" for t in cov["open_themes"]]
    todo += [f"Answer: {q}" for q in cov["open_questions"]["text"]]
    missing = cov["target_stories"] - cov["story_count"]
    if missing > 0:
        todo.append(
            f"{missing} more {'story' if missing == 1 else 'stories'} to reach the target of {cov['target_stories']}"
        )
    return todo
