"""The optional model coach on screen: its Settings section, a run with progress and Stop, and what it added."""

from __future__ import annotations

import threading
import time

import streamlit as st

from lib.coach import llm_settings as llm_store
from lib.coach.feedback import Feedback
from lib.coach.llm import coach_with_llm, list_models, llm_settings
from lib.coach.llm_http import LlmError, needs_consent
from lib.ui import messages
from lib.ui.cache import query, write
from lib.ui.markup import markup, text
from lib.ui.widgets import error_or_rerun


def llm_settings_section(key_prefix: str = "llm") -> None:
    """Settings for the optional model coach: address, model from the endpoint's list, key, and remote consent."""
    saved = query(llm_store.stored)
    st.caption(
        "Optional. Any OpenAI-compatible server you run — Ollama, llama.cpp's server, LM Studio, vLLM — can add a "
        "rubric, follow-up questions and a stronger outline to the built-in feedback. Off until you set an address; "
        "the built-in coach never needs it."
    )
    if saved.env:
        messages.info("Set by the environment, and used instead of what is stored here: " + ", ".join(saved.env))
    base_url = st.text_input(
        "Base URL",
        value=saved.base_url,
        placeholder="http://127.0.0.1:11434 (Ollama) or http://127.0.0.1:8080 (llama.cpp)",
        key=f"{key_prefix}_base_url",
    )
    new_key = st.text_input(
        "API key (optional)",
        type="password",
        placeholder="a key is stored: leave empty to keep it" if saved.has_key_file else "",
        help="Kept in a file in the data folder, never in the database, an export or a backup.",
        key=f"{key_prefix}_api_key",
    )
    forget_key = saved.has_key_file and st.checkbox("Forget the stored key", key=f"{key_prefix}_forget_key")
    allow_remote = False
    if needs_consent(base_url):
        allow_remote = st.checkbox(
            "Send my answers to this address",
            value=bool(saved.consent_url) and saved.consent_url == base_url.strip(),
            help="This address may be another machine: the text of each answer you ask the model about leaves "
            "this computer and goes there.",
            key=f"{key_prefix}_consent",
        )
        messages.warning(
            "This address is not on this machine. Your answers stay here unless you tick the box above; "
            "with it ticked, every answer you send to the model leaves this computer."
        )
    key_for_listing = new_key.strip() or (llm_store.read_key_file() if not forget_key else "")
    models_key = f"{key_prefix}_models"
    if st.button("List the models at this address", key=f"{key_prefix}_list", disabled=not base_url.strip()):
        try:
            st.session_state[models_key] = (base_url.strip(), list_models(base_url, key_for_listing, allow_remote))
        except LlmError as exc:
            st.session_state.pop(models_key, None)
            messages.error(exc)
    listed_for, models = st.session_state.get(models_key, ("", []))
    if models and listed_for == base_url.strip():
        options = models if saved.model in models or not saved.model else [saved.model, *models]
        model = st.selectbox("Model", options, index=options.index(saved.model) if saved.model in options else 0)
    else:
        model = st.text_input("Model", value=saved.model, key=f"{key_prefix}_model", help="Or list them above.")
    timeout_s = st.number_input(
        "Time limit (seconds)", 5, int(llm_store.MAX_TIMEOUT_S), int(saved.timeout_s), key=f"{key_prefix}_timeout"
    )
    save_col, off_col = st.columns(2)
    if save_col.button("Save model settings", type="primary", key=f"{key_prefix}_save"):
        api_key = new_key if new_key.strip() else ("" if forget_key else None)
        _, error = write(
            llm_store.save, base_url, model, allow_remote=allow_remote, timeout_s=timeout_s, api_key=api_key
        )
        error_or_rerun(error)
    if off_col.button("Turn the model coach off", key=f"{key_prefix}_off", disabled=not saved.base_url):
        _, error = write(llm_store.turn_off)
        error_or_rerun(error)


def llm_available() -> bool:
    """Whether a model coach is configured (the environment or Settings)."""
    return llm_settings() is not None


def run_llm_coach(feedback: Feedback, question_id: str, answer: str, key_prefix: str = "llm") -> Feedback:
    """Ask the user's model, showing progress and a Stop button; the built-in feedback with llm_error on failure.

    The request runs in a worker thread. Stop (or leaving the page) reruns the
    script, which interrupts the wait below; ``finally`` then cancels the
    request, so the worker hangs up at once.
    """
    config = llm_settings()
    if config is None:
        return feedback
    st.button("Stop the model", key=f"{key_prefix}_stop")
    status = st.status("Asking your model…", expanded=False)
    cancel = threading.Event()
    box: dict = {"msg": "connecting to the model"}

    def work() -> None:
        box["result"] = coach_with_llm(
            feedback, question_id, answer, config, cancel=cancel, progress=lambda m: box.__setitem__("msg", m)
        )

    worker = threading.Thread(target=work, daemon=True, name="llm-coach")
    worker.start()
    started = time.monotonic()
    try:
        while worker.is_alive():
            worker.join(0.25)
            status.update(label=f"{box['msg'].capitalize()} — {time.monotonic() - started:.0f} s")
    finally:
        cancel.set()
    result: Feedback = box.get("result", feedback)
    status.update(label="The model could not add to the feedback" if result.llm_error else "Model feedback added")
    status.update(state="error" if result.llm_error else "complete")
    return result


def llm_part(feedback: Feedback) -> None:
    """What the model added to ``feedback``, or the one line saying why it added nothing."""
    if feedback.llm_error:
        st.caption(markup("Model coach: {} — the built-in feedback above stands.", feedback.llm_error))
    llm = feedback.llm
    if not llm:
        return
    st.markdown("**From your model**")
    for item in llm.get("rubric", []):
        rating, comment = item.get("rating", ""), item.get("comment", "")
        if rating:
            st.markdown(markup("- **{}** ({}): {}", item["criterion"], rating, comment))
        else:
            st.markdown(markup("- **{}**: {}", item["criterion"], comment))
        if item.get("quote"):
            st.caption(markup("you said: “{}”", item["quote"]))
    if llm.get("follow_ups"):
        st.markdown("**Follow-ups it would ask**")
        st.markdown("\n".join(f"- {text(q)}" for q in llm["follow_ups"]))
    if llm.get("outline"):
        st.markdown("**A stronger outline**")
        st.markdown("\n".join(f"{i}. {text(line)}" for i, line in enumerate(llm["outline"], 1)))
    if llm.get("dropped_quotes"):
        st.caption(f"{llm['dropped_quotes']} of its claims quoted words you did not say, so they were left out.")
