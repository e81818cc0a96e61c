"""The optional model coach: the user's own OpenAI-compatible endpoint adds a rubric, follow-ups and an outline.

Any of Ollama, llama.cpp's server, LM Studio or vLLM. Off until an address is
set (Settings, or ``PREP_LLM_BASE_URL``). The built-in feedback is always
computed first and always stands: whatever goes wrong here (no answer, a
timeout, a cancel, an unreadable reply) comes back as one line in
``llm_error`` on the built-in feedback.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Callable

from lib.coach.feedback import Feedback
from lib.coach.llm_http import Call, HttpStatusError, LlmError, scrub
from lib.coach.llm_reply import SCHEMA, read_reply
from lib.coach.llm_settings import LlmSettings, llm_settings
from lib.core.errors import PrepError
from lib.storage.db import open_db

__all__ = ["LlmError", "LlmSettings", "coach_with_llm", "list_models", "llm_settings"]

MAX_ANSWER_CHARS = 16_000
MAX_TOKENS = 900
CHAT_PATH = "/v1/chat/completions"
# Tried in this order; a server that turns a format down gets the next one. llama.cpp's Python server knows
# json_object with a schema (a grammar) but not json_schema, and says so with a 500.
FORMATS = (
    {"type": "json_schema", "json_schema": {"name": "coach_feedback", "strict": True, "schema": SCHEMA}},
    {"type": "json_object", "schema": SCHEMA},
    {"type": "json_object"},
    None,
)
REFUSED_STATUSES = (400, 415, 422, 501)
SYSTEM = (
    "You are a demanding but fair interview coach. You read one candidate's answer to an interview question "
    "and reply with JSON only, no prose, shaped as: "
    '{"rubric": [{"criterion": str, "rating": "strong"|"adequate"|"weak"|"missing", "comment": str, '
    '"quote": str}], "follow_ups": [str], "outline": [str]}. '
    "rubric: 3 to 6 criteria a hiring panel would use for this question. quote: words copied exactly, "
    'character for character, from the candidate\'s answer that support the rating; use "" when the answer '
    "says nothing on it. Never paraphrase inside quote. follow_ups: up to 3 questions an interviewer would ask "
    "next about the weakest parts. outline: 4 to 7 short lines, a stronger version of this answer's structure."
)


def list_models(base_url: str, api_key: str = "", allow_remote: bool = False, timeout_s: float = 10) -> list[str]:
    """The model ids the endpoint offers (GET /v1/models); LlmError with one line when it cannot be read."""
    data = Call(base_url, api_key, allow_remote, timeout_s).get_json("/v1/models")
    items = data.get("data")
    if not isinstance(items, list):
        items = data.get("models")  # Ollama's native listing, served by some proxies
    if not isinstance(items, list):
        raise LlmError("the endpoint's model list is not in the OpenAI format")
    ids = []
    for item in items:
        name = item.get("id") or item.get("name") if isinstance(item, dict) else None
        if isinstance(name, str) and name.strip() and len(name) <= 300:
            ids.append(name.strip())
    return sorted(dict.fromkeys(ids))


def _question_text(question_id: str) -> tuple[str, str]:
    """The question's wording and type, or the id alone when it cannot be read."""
    from lib.practice import questions

    try:
        with open_db() as db:
            q = questions.question(db, question_id)
        return str(q.get("text", question_id)), str(q.get("type", ""))
    except PrepError:
        return question_id, ""


def messages(feedback: Feedback, question_id: str, answer: str) -> list[dict]:
    """The chat messages: the question, what the built-in coach found, the answer."""
    text, kind = _question_text(question_id)
    covered = [c.name for c in feedback.guide if c.covered]
    missing = [c.name for c in feedback.guide if not c.covered]
    steps = [c.name for c in feedback.framework]
    answer = answer[:MAX_ANSWER_CHARS]
    user = "\n".join(
        [
            f"Question ({kind or 'interview'}): {text}",
            "A strong answer covers: " + "; ".join(c.name for c in feedback.guide),
            "Framework steps: " + "; ".join(steps) if steps else "",
            "Already covered (built-in check): " + ("; ".join(covered) or "none"),
            "Missing (built-in check): " + ("; ".join(missing) or "none"),
            "",
            "The candidate's answer, between the markers:",
            "<<<ANSWER",
            answer,
            "ANSWER>>>",
        ]
    )
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}]


def _stream_text(call: Call, payload: dict, progress: Callable[[str], None]) -> str:
    """The reply's text, read from an event stream or a whole JSON body."""
    pieces: list[str] = []
    size = 0
    last_report = 0
    for kind, raw in call.post_lines(CHAT_PATH, payload):
        if kind == "body":
            data = _loads(raw)
            return _message_text(data)
        line = raw.decode("utf-8", "replace").strip()
        if not line.startswith("data:"):
            continue
        body = line[len("data:") :].strip()
        if body == "[DONE]":
            break
        chunk = _loads(body.encode())
        if isinstance(chunk.get("error"), dict | str):
            raise LlmError(f"the model reported an error: {_error_text(chunk['error'])}")
        for choice in chunk.get("choices") or []:
            delta = choice.get("delta") if isinstance(choice, dict) else None
            piece = delta.get("content") if isinstance(delta, dict) else None
            if isinstance(piece, str):
                pieces.append(piece)
                size += len(piece)
        if size - last_report >= 200:
            last_report = size
            progress(f"receiving the model's reply ({size} characters)")
    return "".join(pieces)


def _loads(raw: bytes) -> dict:
    try:
        value = json.loads(raw.decode("utf-8", "replace"))
    except ValueError:
        raise LlmError("the endpoint sent a malformed reply (not JSON)") from None
    if not isinstance(value, dict):
        raise LlmError("the endpoint sent a malformed reply (not a JSON object)")
    return value


def _error_text(error: object) -> str:
    text = error.get("message", error) if isinstance(error, dict) else error
    return " ".join(str(text).split())[:160]


def _message_text(data: dict) -> str:
    if "error" in data:
        raise LlmError(f"the model reported an error: {_error_text(data['error'])}")
    choices = data.get("choices")
    first = choices[0] if isinstance(choices, list) and choices and isinstance(choices[0], dict) else {}
    message = first.get("message") if isinstance(first.get("message"), dict) else {}
    content = message.get("content")
    if not isinstance(content, str):
        raise LlmError("the endpoint's reply has no message text")
    return content


def _ask(call: Call, settings: LlmSettings, msgs: list[dict], progress: Callable[[str], None]) -> str:
    """Send the request, stepping down the structured-output formats the server turns down."""
    last: HttpStatusError | None = None
    for fmt in FORMATS:
        payload = {
            "model": settings.model,
            "messages": msgs,
            "temperature": 0.2,
            "max_tokens": MAX_TOKENS,
            "stream": True,
        }
        if fmt is not None:
            payload["response_format"] = fmt
        progress("waiting for the model")
        try:
            return _stream_text(call, payload, progress)
        except HttpStatusError as exc:
            refused = exc.status in REFUSED_STATUSES or (exc.status == 500 and "response_format" in exc.detail)
            if fmt is None or not refused:
                raise
            last = exc
    raise last or LlmError("the endpoint refused every request format")


def coach_with_llm(
    feedback: Feedback,
    question_id: str,
    answer: str,
    settings: LlmSettings,
    cancel: threading.Event | None = None,
    progress: Callable[[str], None] | None = None,
) -> Feedback:
    """The built-in feedback plus what the model adds; on any failure the built-in feedback with llm_error set."""
    report = progress or (lambda _msg: None)
    key = settings.api_key

    def failed(reason: str) -> Feedback:
        return dataclasses.replace(feedback, llm=None, llm_error=scrub(reason, key) or "the model coach failed")

    if not settings.model.strip():
        return failed("no model chosen: pick one in Settings or set PREP_LLM_MODEL")
    if not str(answer or "").strip():
        return failed("the answer is empty")
    call = Call(settings.base_url, key, settings.allow_remote, settings.timeout_s, cancel)
    try:
        report("connecting to the model")
        content = _ask(call, settings, messages(feedback, question_id, answer), report)
        report("checking the model's quotes against the answer")
        llm, reason = read_reply(content, answer)
    except LlmError as exc:
        return failed(str(exc))
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError, UnicodeError) as exc:
        # A reply shaped in a way nobody foresaw must not cost the user their built-in feedback.
        return failed(f"the model's reply could not be read ({exc.__class__.__name__})")
    if llm is None:
        return failed(reason or "the model's reply held no usable feedback")
    report("done")
    return dataclasses.replace(feedback, engine="llm", llm=llm, llm_error=None)
