"""Fuzzed content loading: any curriculum.json either validates or raises ContentError naming the file."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lib.core import content
from lib.core.config import CONTENT_DIR
from lib.core.errors import ContentError
from lib.plan import curriculum

FUZZ = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SHIPPED_TEXT = (CONTENT_DIR / "curriculum.json").read_text(encoding="utf-8")
SHIPPED = json.loads(SHIPPED_TEXT)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def container_paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path to a dict or list inside the shipped document, so a mutation can land anywhere."""
    paths = [prefix]
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in items:
        if isinstance(child, (dict, list)):
            paths += container_paths(child, (*prefix, key))
    return paths


CONTAINERS = container_paths(SHIPPED)


@st.composite
def mutated_documents(draw) -> Any:
    """The shipped curriculum with a few values replaced, removed, added or retyped."""
    doc = json.loads(SHIPPED_TEXT)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(CONTAINERS))
        node = doc
        try:
            for key in path:
                node = node[key]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed this branch
        if not isinstance(node, (dict, list)) or not node:
            continue
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        key = draw(st.sampled_from(keys))
        action = draw(st.sampled_from(["replace", "delete", "add", "duplicate"]))
        if action == "replace":
            node[key] = draw(json_values)
        elif action == "delete":
            del node[key]
        elif action == "add" and isinstance(node, dict):
            node[draw(st.text(min_size=1, max_size=10))] = draw(json_values)
        elif action == "add":
            node.append(draw(json_values))
        elif action == "duplicate" and isinstance(node, list):
            node.append(node[key])
    return doc


@st.composite
def mangled_text(draw) -> bytes:
    """The shipped file's bytes cut, spliced with junk, re-encoded, or replaced outright."""
    data = SHIPPED_TEXT.encode("utf-8")
    kind = draw(st.sampled_from(["cut", "splice", "bytes", "text", "encoding"]))
    if kind == "cut":
        return data[: draw(st.integers(min_value=0, max_value=len(data)))]
    if kind == "splice":
        at = draw(st.integers(min_value=0, max_value=len(data)))
        width = draw(st.integers(min_value=0, max_value=40))
        return data[:at] + draw(st.binary(max_size=12)) + data[at + width :]
    if kind == "bytes":
        return draw(st.binary(max_size=200))
    if kind == "text":
        return draw(st.text(max_size=200)).encode("utf-8", "surrogatepass")
    return SHIPPED_TEXT.encode(draw(st.sampled_from(["utf-16", "utf-32", "latin-1", "utf-8-sig"])), "replace")


@pytest.fixture
def content_dirs(tmp_path: Path):
    """A fresh content folder per example, so no load is answered from the loader's cache."""
    counter = itertools.count()

    def make(data: bytes) -> Path:
        folder = tmp_path / f"content-{next(counter)}"
        folder.mkdir()
        (folder / "curriculum.json").write_bytes(data)
        return folder

    return make


def load_or_content_error(folder: Path) -> curriculum.Curriculum | None:
    """Load the file; a ContentError must name the file and say something readable."""
    try:
        return content.load("curriculum.json", curriculum.Curriculum, content_dir=folder)
    except ContentError as exc:
        assert exc.where == str(folder / "curriculum.json")
        assert exc.message.strip() and str(exc).startswith(exc.where)
        return None


@FUZZ
@given(doc=mutated_documents())
def test_mutated_curriculum_validates_or_names_the_problem(content_dirs, doc) -> None:
    folder = content_dirs(json.dumps(doc).encode("utf-8"))
    loaded = load_or_content_error(folder)
    if loaded is not None:
        assert loaded.days


@FUZZ
@given(data=mangled_text())
@example(data=b"[" * 3_000 + b"]" * 3_000)
@example(data=b'{"days": ' + b"[" * 3_000 + b"]" * 3_000 + b"}")
@example(data=b"\xef\xbb\xbf" + SHIPPED_TEXT.encode("utf-8"))
@example(data=SHIPPED_TEXT.replace('"hours_min": ', '"hours_min": NaN, "x": ', 1).encode("utf-8"))
def test_mangled_file_is_a_content_error(content_dirs, data) -> None:
    load_or_content_error(content_dirs(data))


def test_the_shipped_file_still_loads(content_dirs) -> None:
    assert load_or_content_error(content_dirs(SHIPPED_TEXT.encode("utf-8"))) is not None
