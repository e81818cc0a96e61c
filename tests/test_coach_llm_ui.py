"""The model coach's Settings section and its run on screen, under Streamlit's AppTest, against the fake server."""

from __future__ import annotations

import json

import pytest
import pytest_socket
from streamlit.testing.v1 import AppTest

from lib.coach import llm_settings as stored_settings
from tests.fake_openai import FakeOpenAI
from tests.test_coach_llm import ANSWER, GOOD, QID


def _settings_page() -> None:
    from lib.ui.llm_coach import llm_settings_section

    llm_settings_section()


def _coach_page(question_id: str, answer: str) -> None:
    import streamlit as st

    from lib.coach.feedback import Feedback
    from lib.ui.llm_coach import llm_part, run_llm_coach
    from tests.test_coach_llm import builtin

    base: Feedback = builtin()
    if st.button("Ask my model", key="ask"):
        st.session_state["fb"] = run_llm_coach(base, question_id, answer)
    if "fb" in st.session_state:
        llm_part(st.session_state["fb"])


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PREP_LLM_BASE_URL", "PREP_LLM_MODEL", "PREP_LLM_API_KEY", "PREP_LLM_ALLOW_REMOTE"):
        monkeypatch.delenv(name, raising=False)


def test_a_remote_address_asks_for_consent_and_stores_it_only_when_ticked(db) -> None:
    at = AppTest.from_function(_settings_page, default_timeout=30).run()
    assert not at.checkbox  # nothing to consent to yet
    at.text_input(key="llm_base_url").input("http://192.168.1.20:11434").run()
    assert at.checkbox(key="llm_consent").label == "Send my answers to this address"
    assert any("leaves this computer" in w.value for w in at.warning)
    at.text_input(key="llm_model").input("llama3.2").run()
    at.button(key="llm_save").click().run()
    assert stored_settings.stored(db).consent_url == ""
    at.checkbox(key="llm_consent").check().run()
    at.button(key="llm_save").click().run()
    saved = stored_settings.stored(db)
    assert (saved.base_url, saved.model, saved.consent_url) == (
        "http://192.168.1.20:11434",
        "llama3.2",
        "http://192.168.1.20:11434",
    )
    assert not at.exception


def test_a_loopback_address_lists_its_models_and_keeps_the_key_out_of_the_database(db) -> None:
    with FakeOpenAI() as fake:
        at = AppTest.from_function(_settings_page, default_timeout=30).run()
        at.text_input(key="llm_base_url").input(fake.url + "/v1").run()
        assert not at.checkbox  # loopback: no consent asked
        at.text_input(key="llm_api_key").input("sk-ui-secret-42").run()
        at.button(key="llm_list").click().run()
        assert at.selectbox[0].options == ["llama3.2:1b", "smollm2:135m"]
        at.selectbox[0].select("smollm2:135m").run()
        at.button(key="llm_save").click().run()
    assert fake.seen[0].headers["Authorization"] == "Bearer sk-ui-secret-42"
    assert stored_settings.stored(db).model == "smollm2:135m"
    assert stored_settings.read_key_file() == "sk-ui-secret-42"
    assert "sk-ui-secret-42" not in "\n".join(db.conn.iterdump())
    assert not at.exception


@pytest.fixture
def no_sockets():
    """A remote address must be refused before any socket: if it were not, this makes the test fail, not connect."""
    pytest_socket.disable_socket(allow_unix_socket=True)  # Streamlit's event loop wakes itself via a Unix pair
    yield
    pytest_socket.enable_socket()


def test_an_unreachable_address_shows_one_line_beside_the_input(no_sockets) -> None:
    at = AppTest.from_function(_settings_page, default_timeout=30).run()
    at.text_input(key="llm_base_url").input("http://10.1.2.3:11434").run()
    at.button(key="llm_list").click().run()
    assert [e.value for e in at.error] and "not on this machine" in at.error[0].value
    assert not at.exception


def test_the_run_shows_what_the_model_added(monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeOpenAI(reply=json.dumps(GOOD)) as fake:
        monkeypatch.setenv("PREP_LLM_BASE_URL", fake.url)
        monkeypatch.setenv("PREP_LLM_MODEL", "smollm2:135m")
        at = AppTest.from_function(_coach_page, args=(QID, ANSWER), default_timeout=30).run()
        at.button(key="ask").click().run()
    shown = "\n".join(m.value for m in at.markdown) + "\n".join(c.value for c in at.caption)
    assert "How would you handle artist fairness?" in shown
    assert "casual listeners" in shown
    assert not at.exception


def test_the_run_reports_a_failure_in_one_line(monkeypatch: pytest.MonkeyPatch, no_sockets) -> None:
    monkeypatch.setenv("PREP_LLM_BASE_URL", "http://203.0.113.5:11434")
    monkeypatch.setenv("PREP_LLM_MODEL", "m")
    at = AppTest.from_function(_coach_page, args=(QID, ANSWER), default_timeout=30).run()
    at.button(key="ask").click().run()
    captions = [c.value for c in at.caption]
    assert any("not on this machine" in c and "built-in feedback above stands" in c for c in captions)
    assert not at.exception
