"""Loading the shipped JSON content in data/, validated with pydantic.

A broken file raises ``ContentError`` naming the file, the item (by its id
where it has one) and the field, e.g.
``data/curriculum.json: days[2] (id 'wed') → sessions[0]: field 'hours': Field required``.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from lib.core import config
from lib.core.errors import ContentError

M = TypeVar("M", bound=BaseModel)


class StrictModel(BaseModel):
    """Base for content models: unknown fields are errors (typos do not pass silently)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def load(filename: str, model: type[M], *, content_dir: Path | None = None) -> M:
    """Parse and validate ``data/<filename>`` into ``model``; cached per file modification time."""
    folder = content_dir or config.CONTENT_DIR
    path = folder / filename
    shown = f"data/{filename}" if content_dir is None else str(path)
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise ContentError("the file is missing", where=shown) from None
    return _parsed(path, model, shown, mtime)  # type: ignore[return-value]


# The modification time is part of the key, so an edited file is read again;
# a failed parse raises and is never cached, so a fixed file is read again too.
@functools.cache
def _parsed(path: Path, model: type[BaseModel], shown: str, mtime_ns: int) -> BaseModel:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ContentError(f"not UTF-8 text ({exc.reason})", where=shown) from None
    except json.JSONDecodeError as exc:
        raise ContentError(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", where=shown) from None
    except RecursionError:
        # json gives up on deeply nested arrays with Python's recursion limit, not a JSONDecodeError.
        raise ContentError("the JSON is nested too deeply to be this app's content", where=shown) from None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise ContentError(_describe(exc, raw), where=shown) from None


def _describe(exc: ValidationError, raw: Any) -> str:
    """First error as 'item → field: message'; the rest counted."""
    errors = exc.errors()
    first = errors[0]
    loc = list(first["loc"])
    item_parts: list[str] = []
    node = raw
    consumed = 0
    for i, part in enumerate(loc):
        if isinstance(part, int) and isinstance(node, list) and part < len(node):
            node = node[part]
            label = f"[{part}]"
            if isinstance(node, dict) and "id" in node:
                label += f" (id '{node['id']}')"
            item_parts.append(label)
            consumed = i + 1
        elif isinstance(node, dict) and part in node and i < len(loc) - 1:
            node = node[part]
            item_parts.append(f".{part}" if item_parts else str(part))
            consumed = i + 1
        else:
            break
    item = "".join(item_parts) or "top level"
    field = ".".join(str(p) for p in loc[consumed:]) or "(value)"
    more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
    return f"{item} → field '{field}': {first['msg']}{more}"
