"""Where the optional model coach is configured: the environment first, then the Settings section.

The address, the model and the consent to send answers off this machine are
ordinary settings rows. The API key is not: the database goes into backups and
exports, so the key lives only in ``PREP_LLM_API_KEY`` or in the file
``llm-api-key`` in the data directory (owner-only permissions). A backup holds
``prep.db`` and ``recordings/`` alone, so the key never reaches one, and a
restore leaves the file where it is.

Consent is stored as the address it was given for: changing the address
withdraws it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from lib.coach.llm_http import LlmError, parse_base_url
from lib.core import config
from lib.core.errors import InputError, StorageError
from lib.storage import settings
from lib.storage.db import open_db, transaction

ENV_BASE_URL = "PREP_LLM_BASE_URL"
ENV_MODEL = "PREP_LLM_MODEL"
ENV_API_KEY = "PREP_LLM_API_KEY"
ENV_ALLOW_REMOTE = "PREP_LLM_ALLOW_REMOTE"  # "1": the scripted form of the consent tick
ENV_TIMEOUT = "PREP_LLM_TIMEOUT"
KEY_FILE = "llm-api-key"
BASE_URL_KEY = "coach_llm_base_url"
MODEL_KEY = "coach_llm_model"
CONSENT_KEY = "coach_llm_consent"
TIMEOUT_KEY = "coach_llm_timeout_s"
DEFAULT_TIMEOUT_S = 60.0
MAX_TIMEOUT_S = 600.0


@dataclass(frozen=True)
class LlmSettings:
    """How to reach the user's model; the key is left out of repr so it never lands in a log."""

    base_url: str
    model: str
    api_key: str = field(default="", repr=False)
    allow_remote: bool = False
    timeout_s: float = DEFAULT_TIMEOUT_S


@dataclass(frozen=True)
class StoredLlm:
    """What the Settings section shows: stored values, which ones the environment overrides."""

    base_url: str
    model: str
    consent_url: str
    timeout_s: float
    has_key_file: bool
    env: tuple[str, ...]


def key_path() -> Path:
    """The file holding the key entered in Settings (never inside the database)."""
    return config.data_dir() / KEY_FILE


def read_key_file() -> str:
    """The key from the key file, or ''."""
    try:
        return key_path().read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return ""
    except OSError as exc:
        raise StorageError(f"cannot read the key file ({exc.strerror or exc.__class__.__name__})") from None


def write_key_file(key: str) -> None:
    """Store ``key`` readable by the owner only; '' removes the file."""
    path = key_path()
    key = str(key or "").strip()
    if any(c in key for c in "\r\n\0"):
        raise InputError("the key must be on one line", field="API key")
    try:
        if not key:
            path.unlink(missing_ok=True)
            return
        fd, tmp = tempfile.mkstemp(prefix=".llm-key-", dir=path.parent)
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(key)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise StorageError(f"cannot write the key file ({exc.strerror or exc.__class__.__name__})") from None


def _timeout(value: str | None) -> float:
    try:
        number = float(value) if value not in (None, "") else DEFAULT_TIMEOUT_S
    except ValueError:
        return DEFAULT_TIMEOUT_S
    return min(MAX_TIMEOUT_S, max(1.0, number)) if number == number else DEFAULT_TIMEOUT_S


def stored(db: sqlite_utils.Database) -> StoredLlm:
    """The stored model settings and which of them the environment overrides."""
    env = tuple(name for name in (ENV_BASE_URL, ENV_MODEL, ENV_API_KEY, ENV_ALLOW_REMOTE) if os.environ.get(name))
    return StoredLlm(
        base_url=settings.get(db, BASE_URL_KEY, "") or "",
        model=settings.get(db, MODEL_KEY, "") or "",
        consent_url=settings.get(db, CONSENT_KEY, "") or "",
        timeout_s=_timeout(settings.get(db, TIMEOUT_KEY)),
        has_key_file=key_path().exists(),
        env=env,
    )


def save(
    db: sqlite_utils.Database,
    base_url: str,
    model: str,
    *,
    allow_remote: bool,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    api_key: str | None = None,
) -> None:
    """Store the model settings in one transaction; ``api_key`` None keeps the key file as it is."""
    base_url = str(base_url or "").strip()
    model = str(model or "").strip()
    if base_url:
        try:
            parse_base_url(base_url)
        except LlmError as exc:
            raise InputError(str(exc), field="Base URL") from None
    if len(model) > 300 or any(c in model for c in "\r\n\0"):
        raise InputError("the model name must be one line of at most 300 characters", field="Model")
    with transaction(db):
        settings.put(db, BASE_URL_KEY, base_url)
        settings.put(db, MODEL_KEY, model)
        settings.put(db, CONSENT_KEY, base_url if (allow_remote and base_url) else "")
        settings.put(db, TIMEOUT_KEY, f"{_timeout(str(timeout_s)):g}")
    if api_key is not None:
        write_key_file(api_key)


def turn_off(db: sqlite_utils.Database) -> None:
    """Forget the address, the model, the consent and the key file: the built-in coach alone."""
    with transaction(db):
        for key in (BASE_URL_KEY, MODEL_KEY, CONSENT_KEY):
            settings.put(db, key, "")
    write_key_file("")


def llm_settings(db: sqlite_utils.Database | None = None) -> LlmSettings | None:
    """The settings in force (each environment variable wins over its stored value); None when the coach is off."""
    if db is None:
        with open_db() as own:
            return llm_settings(own)
    saved = stored(db)
    env_url = os.environ.get(ENV_BASE_URL, "").strip()
    base_url = env_url or saved.base_url
    if not base_url:
        return None
    if env_url:
        allow_remote = os.environ.get(ENV_ALLOW_REMOTE, "").strip() == "1" or saved.consent_url == base_url
    else:
        allow_remote = bool(saved.consent_url) and saved.consent_url == base_url
    return LlmSettings(
        base_url=base_url,
        model=os.environ.get(ENV_MODEL, "").strip() or saved.model,
        api_key=os.environ.get(ENV_API_KEY, "").strip() or read_key_file(),
        allow_remote=allow_remote,
        timeout_s=_timeout(os.environ.get(ENV_TIMEOUT)) if os.environ.get(ENV_TIMEOUT) else saved.timeout_s,
    )
