"""The optional model coach against a loopback fake server: request shape, bad replies, time, cancel, addresses, key."""

from __future__ import annotations

import json
import socket
import threading
import time

import pytest
import pytest_socket

from lib.coach.feedback import Check, Feedback, Part
from lib.coach.llm import coach_with_llm, list_models, llm_settings
from lib.coach.llm_http import LlmError, parse_base_url
from lib.coach.llm_settings import LlmSettings
from tests.fake_openai import FakeOpenAI, wait_until

QID = "ps-design-an-ai-feature-for-spotify"
KEY = "sk-test-7f3a9c1e5b"
ANSWER = (
    "I would focus on casual listeners who want music for a moment.\n"
    "The goal is  discovery, measured by saves and skip rate.\n"
    "We’d use listening history and skips, with a cold-start plan from onboarding picks."
)
GOOD = {
    "rubric": [
        {"criterion": "User focus", "rating": "strong", "comment": "Clear user.", "quote": "casual listeners"},
        {"criterion": "Metrics", "rating": "adequate", "comment": "Named.", "quote": "saves and skip rate"},
    ],
    "follow_ups": ["How would you handle artist fairness?"],
    "outline": ["User and goal", "Need", "Solution", "Data", "Metrics"],
}


def builtin() -> Feedback:
    """Built-in feedback as the engine would give it (the model path only adds to it)."""
    return Feedback(
        question_id=QID,
        engine="builtin",
        words=len(ANSWER.split()),
        guide=(Check("Clarifies which Spotify user", True, "I would focus on casual listeners"),),
        framework=(Check("Comprehend the situation", True, "I would focus on casual listeners"),),
        ai_checks=(),
        parts=(Part("Guide points", 10, 40, "one point covered"),),
        score=25,
        improvements=("Name a success metric.",),
        follow_ups=("Which metric would you watch first?",),
    )


def run(fake: FakeOpenAI, answer: str = ANSWER, **kw) -> Feedback:
    config = LlmSettings(fake.url, "smollm2:135m", api_key=kw.pop("api_key", KEY), timeout_s=kw.pop("timeout_s", 10))
    return coach_with_llm(builtin(), QID, answer, config, **kw)


def assert_builtin_stands(result: Feedback) -> None:
    base = builtin()
    assert result.llm is None and result.engine == "builtin"
    assert (result.guide, result.score, result.follow_ups) == (base.guide, base.score, base.follow_ups)
    assert result.llm_error and "\n" not in result.llm_error
    assert KEY not in result.llm_error


# --- the request ---------------------------------------------------------------------------------------------


def test_request_shape_model_messages_format_and_key_only_in_the_header() -> None:
    with FakeOpenAI(reply=json.dumps(GOOD)) as fake:
        result = run(fake)
    post = fake.posts()[0]
    assert post.path == "/v1/chat/completions"
    assert post.headers["Authorization"] == f"Bearer {KEY}"
    assert post.body["model"] == "smollm2:135m" and post.body["stream"] is True
    assert post.body["response_format"]["type"] == "json_schema"
    assert post.body["response_format"]["json_schema"]["schema"]["required"] == ["rubric", "follow_ups", "outline"]
    roles = [m["role"] for m in post.body["messages"]]
    assert roles == ["system", "user"]
    assert ANSWER in post.body["messages"][1]["content"]
    assert "Design an AI feature for Spotify" in post.body["messages"][1]["content"]
    assert KEY not in json.dumps(post.body)
    assert result.engine == "llm" and result.llm_error is None
    assert [r["quote"] for r in result.llm["rubric"]] == ["casual listeners", "saves and skip rate"]
    assert result.llm["follow_ups"] == GOOD["follow_ups"] and result.llm["dropped_quotes"] == 0
    # What the model adds sits beside the built-in feedback, which is unchanged.
    assert result.guide == builtin().guide and result.score == builtin().score


@pytest.mark.parametrize("suffix", ["", "/", "/v1", "/v1/"])
def test_base_url_with_or_without_v1(suffix: str) -> None:
    with FakeOpenAI(reply=json.dumps(GOOD)) as fake:
        config = LlmSettings(fake.url + suffix, "m", timeout_s=10)
        assert coach_with_llm(builtin(), QID, ANSWER, config).llm is not None
        assert list_models(fake.url + suffix) == ["llama3.2:1b", "smollm2:135m"]
    assert {s.path for s in fake.seen} == {"/v1/chat/completions", "/v1/models"}


def test_no_key_no_authorization_header() -> None:
    with FakeOpenAI(reply=json.dumps(GOOD)) as fake:
        run(fake, api_key="")
    assert "Authorization" not in fake.posts()[0].headers


@pytest.mark.parametrize("status", [400, 422, 500])
def test_formats_step_down_when_the_server_refuses_json_schema(status: int) -> None:
    formats = ("json_schema", "json_object")
    with FakeOpenAI(reply=json.dumps(GOOD), reject_formats=formats, reject_status=status) as fake:
        result = run(fake)
    sent = [(p.body.get("response_format") or {}).get("type") for p in fake.posts()]
    assert sent == ["json_schema", "json_object", "json_object", None]
    assert fake.posts()[1].body["response_format"]["schema"]["required"] == ["rubric", "follow_ups", "outline"]
    assert result.llm is not None


def test_a_server_error_that_is_not_about_the_format_is_not_retried() -> None:
    with FakeOpenAI(status=500, error_body='{"error": {"message": "out of memory"}}') as fake:
        result = run(fake)
    assert len(fake.posts()) == 1
    assert_builtin_stands(result)
    assert "HTTP 500: out of memory" in result.llm_error


def test_a_server_that_ignores_stream_answers_with_one_body() -> None:
    with FakeOpenAI(reply=json.dumps(GOOD), stream=False) as fake:
        assert run(fake).llm["outline"] == GOOD["outline"]


# --- bad replies ---------------------------------------------------------------------------------------------


def test_invented_quotes_are_dropped_and_counted() -> None:
    reply = {
        "rubric": [
            {"criterion": "A", "rating": "strong", "comment": "", "quote": "casual listeners"},
            {"criterion": "B", "rating": "strong", "comment": "", "quote": "we will run an A/B test"},
            {"criterion": "C", "rating": "weak", "comment": "", "quote": "The goal is discovery"},  # spaces differ
            {"criterion": "D", "rating": "weak", "comment": "", "quote": "We'd use listening history"},  # ’ vs '
            {"criterion": "E", "rating": "weak", "comment": "", "quote": "Casual Listeners"},  # case differs
        ],
        "follow_ups": [],
        "outline": [],
    }
    with FakeOpenAI(reply=json.dumps(reply)) as fake:
        result = run(fake)
    assert [r["criterion"] for r in result.llm["rubric"]] == ["A", "C", "D"]
    assert result.llm["dropped_quotes"] == 2
    for item in result.llm["rubric"]:
        assert item["quote"] in ANSWER  # the answer's own characters, not the model's
    assert result.llm["rubric"][1]["quote"] == "The goal is  discovery"
    assert result.llm["rubric"][2]["quote"] == "We’d use listening history"


def test_only_invented_quotes_leave_the_builtin_feedback() -> None:
    reply = {"rubric": [{"criterion": "A", "rating": "strong", "comment": "", "quote": "not said"}]}
    with FakeOpenAI(reply=json.dumps(reply)) as fake:
        result = run(fake)
    assert_builtin_stands(result)
    assert "not in the answer" in result.llm_error


@pytest.mark.parametrize(
    "reply",
    [
        "Sure! Here is my feedback:\n```json\n" + json.dumps(GOOD) + "\n```\nHope it helps.",
        json.dumps(GOOD).replace("]", ",]").replace("}", ",}"),  # trailing commas everywhere
        "<think>let me see {x}</think>" + json.dumps(GOOD),
    ],
)
def test_tolerant_reading_of_wrapped_or_sloppy_json(reply: str) -> None:
    with FakeOpenAI(reply=reply) as fake:
        result = run(fake)
    assert result.llm is not None
    assert [r["quote"] for r in result.llm["rubric"]] == ["casual listeners", "saves and skip rate"]


def test_truncated_reply_keeps_whatever_is_complete() -> None:
    text = json.dumps(GOOD)
    cut = text[: text.index('"follow_ups"') + len('"follow_ups": ["How would')]
    with FakeOpenAI(reply=cut) as fake:
        result = run(fake)
    assert len(result.llm["rubric"]) == 2
    assert result.llm["follow_ups"] == [] and result.llm["outline"] == []


def test_wrong_types_are_dropped() -> None:
    reply = {
        "rubric": [
            "not an object",
            {"criterion": 7, "rating": "strong", "quote": ""},
            {"criterion": "Kept", "rating": "superb", "comment": ["x"], "quote": 5},
        ],
        "follow_ups": ["Why?", 3, None, {"q": 1}, "Why?"],
        "outline": "one line, not a list",
    }
    with FakeOpenAI(reply=json.dumps(reply)) as fake:
        result = run(fake)
    assert result.llm["rubric"] == [{"criterion": "Kept", "rating": "", "comment": "", "quote": ""}]
    assert result.llm["follow_ups"] == ["Why?"] and result.llm["outline"] == []


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (b"<html>502 bad gateway</html>", "not JSON"),
        (b'{"choices": []}', "no message text"),
        (b'{"choices": [{"message": {"content": "I cannot help with that."}}]}', "no JSON object"),
        (b'{"error": {"message": "model not loaded"}}', "model not loaded"),
        (b"[1, 2]", "not a JSON object"),
    ],
)
def test_malformed_replies_leave_the_builtin_feedback(body: bytes, why: str) -> None:
    with FakeOpenAI(raw_body=body) as fake:
        result = run(fake)
    assert_builtin_stands(result)
    assert why in result.llm_error


def test_error_text_never_holds_the_key_even_when_the_server_echoes_it() -> None:
    with FakeOpenAI(status=401, error_body=json.dumps({"error": {"message": f"bad key Bearer {KEY}"}})) as fake:
        result = run(fake)
        with pytest.raises(LlmError) as info:
            list_models(fake.url, api_key=KEY)
    assert_builtin_stands(result)
    assert "401" in result.llm_error and "[key]" in result.llm_error
    assert KEY not in str(info.value)
    assert KEY not in repr(LlmSettings("http://127.0.0.1:1", "m", api_key=KEY))


def test_redirects_are_not_followed() -> None:
    with FakeOpenAI(reply=json.dumps(GOOD)) as target, FakeOpenAI(redirect_to=target.url + "/v1/models") as fake:
        result = run(fake)
        with pytest.raises(LlmError, match="redirect"):
            list_models(fake.url)
    assert_builtin_stands(result)
    assert target.seen == []


# --- time, cancel, a server that is down -------------------------------------------------------------------------


def test_a_server_that_does_not_answer_in_time() -> None:
    with FakeOpenAI(reply=json.dumps(GOOD), delay_s=30) as fake:
        start = time.monotonic()
        result = run(fake, timeout_s=1)
        elapsed = time.monotonic() - start
    assert_builtin_stands(result)
    assert "within 1 s" in result.llm_error and elapsed < 5


def test_a_stream_that_stalls_is_cut_at_the_deadline() -> None:
    with FakeOpenAI(reply=json.dumps(GOOD), stall_after=3, stall_s=30) as fake:
        start = time.monotonic()
        result = run(fake, timeout_s=1.5)
    assert_builtin_stands(result)
    assert "within 1.5 s" in result.llm_error and time.monotonic() - start < 5


def test_cancel_mid_stream_is_prompt() -> None:
    cancel = threading.Event()
    seen: list[str] = []
    with FakeOpenAI(reply=json.dumps(GOOD) + " " * 600, stall_after=60, stall_s=30, chunk_chars=4) as fake:
        box: dict = {}
        worker = threading.Thread(target=lambda: box.update(r=run(fake, cancel=cancel, progress=seen.append)))
        worker.start()
        assert wait_until(lambda: any("receiving" in s for s in seen))
        start = time.monotonic()
        cancel.set()
        worker.join(5)
        assert not worker.is_alive() and time.monotonic() - start < 1.5
    assert_builtin_stands(box["r"])
    assert box["r"].llm_error == "cancelled"
    assert seen[0] == "connecting to the model"


def test_an_endpoint_that_is_down() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again before the request: nothing listens there
    result = coach_with_llm(builtin(), QID, ANSWER, LlmSettings(f"http://127.0.0.1:{port}", "m", api_key=KEY))
    assert_builtin_stands(result)
    assert "connection refused" in result.llm_error
    with pytest.raises(LlmError, match="connection refused"):
        list_models(f"http://localhost:{port}")


# --- addresses ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["http://192.168.1.20:11434", "http://10.0.0.5:8080/v1", "https://203.0.113.9", "http://[2001:db8::1]:80"],
)
def test_a_remote_address_is_refused_without_consent_before_any_socket(url: str) -> None:
    pytest_socket.disable_socket()  # any socket at all would raise SocketBlockedError here
    try:
        result = coach_with_llm(builtin(), QID, ANSWER, LlmSettings(url, "m", api_key=KEY))
        with pytest.raises(LlmError, match="not on this machine"):
            list_models(url)
    finally:
        pytest_socket.enable_socket()
    assert_builtin_stands(result)
    assert "send my answers to this address" in result.llm_error


def test_every_resolved_address_must_be_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """A name resolving to loopback and to a remote address is refused (DNS is the external boundary)."""
    answers = [
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", 8080)),
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("192.0.2.7", 8080)),
    ]
    pytest_socket.disable_socket()  # blocks sockets and lookups alike; the fake DNS below stands in
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: answers)
    try:
        result = coach_with_llm(builtin(), QID, ANSWER, LlmSettings("http://model.example:8080", "m"))
    finally:
        pytest_socket.enable_socket()
    assert "not on this machine" in result.llm_error


def test_consent_lets_a_non_loopback_name_through(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the tick, a name is reached at the address it resolved to and checked, with its own Host header.

    The fake DNS puts the loopback address first, so the connection lands on the fake server and the
    documentation-range address after it is never tried.
    """
    with FakeOpenAI(reply=json.dumps(GOOD)) as fake:
        port = fake.server.server_address[1]
        answers = [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("192.0.2.7", port)),
        ]
        monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: answers)
        url = f"http://gpu-box.example:{port}"
        refused = coach_with_llm(builtin(), QID, ANSWER, LlmSettings(url, "m"))
        allowed = coach_with_llm(builtin(), QID, ANSWER, LlmSettings(url, "m", allow_remote=True))
    assert "not on this machine" in refused.llm_error
    assert allowed.llm is not None
    assert fake.posts()[0].headers["Host"] == f"gpu-box.example:{port}"


@pytest.mark.parametrize(
    ("url", "why"),
    [("ftp://127.0.0.1", "http"), ("http://user:secret@127.0.0.1", "key field"), ("http://127.0.0.1/?a=1", "query")],
)
def test_addresses_that_are_not_model_endpoints(url: str, why: str) -> None:
    with pytest.raises(LlmError, match=why):
        parse_base_url(url)


def test_the_builtin_engine_opens_no_connection_and_the_model_coach_is_off_by_default(db, monkeypatch) -> None:
    from lib.coach.engine import coach_answer

    for name in ("PREP_LLM_BASE_URL", "PREP_LLM_MODEL", "PREP_LLM_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    pytest_socket.disable_socket()  # sockets and name lookups raise from here on
    try:
        feedback = coach_answer(QID, ANSWER)
        assert llm_settings(db) is None
    finally:
        pytest_socket.enable_socket()
    assert feedback.engine == "builtin" and feedback.llm is None and feedback.llm_error is None
