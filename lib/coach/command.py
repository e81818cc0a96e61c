"""`python -m lib coach`: one answer file (text, or audio/video transcribed first) coached against one question."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lib.coach.engine import coach_answer
from lib.coach.feedback import Feedback
from lib.core.errors import InputError
from lib.practice import questions
from lib.storage.db import open_db
from lib.stories import store

MEDIA_SUFFIXES = {
    ".wav",
    ".mp3",
    ".m4a",
    ".ogg",
    ".oga",
    ".opus",
    ".flac",
    ".aac",
    ".webm",
    ".mp4",
    ".mov",
    ".mkv",
    ".avi",
}
MAX_TEXT_BYTES = 1_000_000
ENGINES = ("builtin", "llm")


def resolve_question(question: str) -> str:
    """A question id, or the id of the shipped or custom question whose text is exactly this."""
    wanted = " ".join(str(question or "").split())
    if not wanted:
        raise InputError("give a question id or its exact text", field="--question")
    with open_db() as db:
        bank = questions.all_questions(db)
    if wanted in set(bank["id"]):
        return wanted
    by_text = bank[bank["text"].map(lambda t: " ".join(str(t).split()).casefold()) == wanted.casefold()]
    if len(by_text):
        return str(by_text.iloc[0]["id"])
    raise InputError(f"no question has the id or exact text '{wanted[:80]}'", field="--question")


def read_answer(path: Path, progress: Callable[[str], None] | None = None) -> tuple[str, str | None]:
    """(answer text, transcript or None): text files are read, audio and video are transcribed offline."""
    if not path.is_file():
        raise InputError("no such file", where=str(path))
    suffix = path.suffix.lower()
    if suffix in MEDIA_SUFFIXES:
        from lib.media import speech

        analysis = speech.analyze_file(path, (lambda label, _f: progress(label)) if progress else None)
        return analysis.transcript, analysis.transcript
    if path.stat().st_size > MAX_TEXT_BYTES:
        raise InputError("the answer file is over 1 MB; give the answer as plain text", where=str(path))
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("not a UTF-8 text file nor a known audio/video type", where=str(path)) from None
    if "\x00" in text:
        raise InputError("not a text file nor a known audio/video type", where=str(path))
    return text, None


def coach_file(
    question: str, path: Path, engine: str = "builtin", progress: Callable[[str], None] | None = None
) -> Feedback:
    """The coach's feedback on the answer in ``path`` to ``question`` (an id or exact text)."""
    if engine not in ENGINES:
        raise InputError(f"engine must be one of {', '.join(ENGINES)}", field="--engine")
    question_id = resolve_question(question)
    text, transcript = read_answer(Path(path), progress)
    with open_db() as db:
        wpm = store.speaking_pace(db)
    feedback = coach_answer(question_id, text, wpm=wpm, transcript=transcript)
    if engine == "builtin":
        return feedback
    from lib.coach import llm
    from lib.coach.llm_settings import llm_settings

    settings = llm_settings()
    if settings is None:
        raise InputError("no model server is set (PREP_LLM_BASE_URL)", field="--engine")
    return llm.coach_with_llm(feedback, question_id, text, settings, progress=progress)
