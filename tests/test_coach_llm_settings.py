"""The model coach's settings (environment first, the key kept out of the database) and its reply reader."""

from __future__ import annotations

import json
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.coach import llm_settings as stored_settings
from lib.coach.llm import llm_settings
from lib.coach.llm_json import lenient_object
from lib.coach.llm_reply import find_verbatim, read_reply
from lib.coach.llm_settings import LlmSettings

KEY = "sk-test-7f3a9c1e5b"


# --- settings ------------------------------------------------------------------------------------------------


def test_off_by_default_and_environment_wins(db, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PREP_LLM_BASE_URL", "PREP_LLM_MODEL", "PREP_LLM_API_KEY", "PREP_LLM_ALLOW_REMOTE"):
        monkeypatch.delenv(name, raising=False)
    assert llm_settings(db) is None
    stored_settings.save(db, "http://localhost:11434/v1", "qwen", allow_remote=False, api_key="file-key")
    assert llm_settings(db) == LlmSettings("http://localhost:11434/v1", "qwen", "file-key", False, 60.0)
    monkeypatch.setenv("PREP_LLM_BASE_URL", "http://127.0.0.1:8080")
    monkeypatch.setenv("PREP_LLM_MODEL", "smollm2")
    monkeypatch.setenv("PREP_LLM_API_KEY", "env-key")
    assert llm_settings(db) == LlmSettings("http://127.0.0.1:8080", "smollm2", "env-key", False, 60.0)
    assert llm_settings() == llm_settings(db)  # the same through its own connection


def test_consent_belongs_to_the_address_it_was_given_for(db) -> None:
    stored_settings.save(db, "http://192.168.1.20:11434", "m", allow_remote=True)
    assert llm_settings(db).allow_remote is True
    stored_settings.save(db, "http://192.168.1.21:11434", "m", allow_remote=False)
    assert llm_settings(db).allow_remote is False
    stored_settings.turn_off(db)
    assert llm_settings(db) is None


def test_the_key_is_never_in_the_database_nor_in_a_backup(db, data_dir, tmp_path) -> None:
    from lib.storage.backup import create_backup

    stored_settings.save(db, "http://127.0.0.1:11434", "m", allow_remote=False, api_key=KEY)
    assert stored_settings.read_key_file() == KEY
    assert (stored_settings.key_path().stat().st_mode & 0o077) == 0
    dump = "\n".join(db.conn.iterdump())
    assert KEY not in dump and "127.0.0.1:11434" in dump
    create_backup(tmp_path / "b.zip")
    with zipfile.ZipFile(tmp_path / "b.zip") as zf:
        for name in zf.namelist():
            assert KEY.encode() not in zf.read(name), name
            assert "llm-api-key" not in name


def test_bad_settings_are_refused_with_the_field(db) -> None:
    from lib.core.errors import InputError

    with pytest.raises(InputError) as info:
        stored_settings.save(db, "ftp://x", "m", allow_remote=False)
    assert info.value.field == "Base URL"
    with pytest.raises(InputError):
        stored_settings.save(db, "http://127.0.0.1:1", "m", allow_remote=False, api_key="a\nb")


# --- the reader, property-based ----------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=8), json_values, max_size=5), st.text(max_size=20))
def test_lenient_reader_reads_any_object_and_never_raises_on_a_cut(value: dict, prose: str) -> None:
    text = json.dumps(value)
    assert lenient_object(text) == value
    if "{" not in prose and "`" not in prose and "<" not in prose:
        assert lenient_object(prose + "\n" + text) == value
    for cut in range(0, len(text), max(1, len(text) // 7)):
        part = lenient_object(text[:cut])
        assert part is None or isinstance(part, dict)
        assert part is None or set(part) <= set(value)


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=120), st.data())
def test_a_kept_quote_is_always_the_answers_own_text(answer: str, data) -> None:
    start = data.draw(st.integers(0, len(answer) - 1))
    end = data.draw(st.integers(start + 1, len(answer)))
    quote = " ".join(answer[start:end].split())  # the model's copy with whitespace tidied
    found = find_verbatim(quote, answer)
    if found is not None:
        assert found in answer
    llm, _ = read_reply(json.dumps({"rubric": [{"criterion": "c", "quote": quote}]}), answer)
    for item in (llm or {}).get("rubric", []):
        assert item["quote"] in answer
