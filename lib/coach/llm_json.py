"""A forgiving JSON reader for model replies: fences, leading text, trailing commas, cut-off endings.

Small models wrap JSON in prose or code fences, leave trailing commas, and stop
mid-object when they run out of tokens. ``lenient_object`` keeps every member
that was complete and drops the one that was cut off, so a truncated reply
still yields what it said in full.
"""

from __future__ import annotations

import json
import re

_THINK = re.compile(r"<think>.*?(?:</think>|\Z)", re.DOTALL | re.IGNORECASE)
_FENCE = re.compile(r"```(?:json|JSON)?\s*\n?(.*?)(?:```|\Z)", re.DOTALL)
_LITERALS = {"true": True, "false": False, "null": None}
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
_MAX_STARTS = 20
_HEX4 = re.compile(r"[0-9a-fA-F]{4}")
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


class _Cut(Exception):
    """The text ended (or broke) inside a value: that value is incomplete."""


def lenient_object(text: str) -> dict | None:
    """The first JSON object in ``text``, as much of it as is complete; None when there is none."""
    text = _THINK.sub("", str(text or ""))
    fenced = _FENCE.search(text)
    candidates = [fenced.group(1)] if fenced else []
    candidates.append(text)
    found: dict | None = None
    for candidate in candidates:
        start = candidate.find("{")
        tries = 0
        # Prose before the JSON may hold braces too: try a few starts, keep the first object with members.
        while start != -1 and tries < _MAX_STARTS:
            tries += 1
            value = _strict(candidate[start:])
            if value is None:
                try:
                    value, _ = _Reader(candidate, start).value()
                except _Cut:
                    value = None
            if isinstance(value, dict):
                if value:
                    return value
                found = value if found is None else found
            start = candidate.find("{", start + 1)
    return found


def _strict(text: str) -> dict | None:
    try:
        value, _ = json.JSONDecoder().raw_decode(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


class _Reader:
    """A recursive reader that returns partial containers when the text stops."""

    def __init__(self, text: str, pos: int):
        self.text, self.pos, self.depth = text, pos, 0

    def _skip(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in " \t\r\n":
            self.pos += 1

    def _peek(self) -> str:
        self._skip()
        if self.pos >= len(self.text):
            raise _Cut
        return self.text[self.pos]

    def value(self) -> tuple[object, bool]:
        """(value, complete); raises _Cut when not even a partial value can be read."""
        ch = self._peek()
        if ch == "{":
            return self._container("}", True)
        if ch == "[":
            return self._container("]", False)
        if ch == '"':
            return self._string(), True
        for word, val in _LITERALS.items():
            if self.text.startswith(word, self.pos):
                self.pos += len(word)
                return val, True
        match = _NUMBER.match(self.text, self.pos)
        if match and match.end() < len(self.text):
            self.pos = match.end()
            number = match.group(0)
            return (float(number) if any(c in number for c in ".eE") else int(number)), True
        raise _Cut

    def _container(self, close: str, is_object: bool) -> tuple[object, bool]:
        self.depth += 1
        if self.depth > 64:
            raise _Cut
        self.pos += 1
        out: dict | list = {} if is_object else []
        try:
            while True:
                ch = self._peek()
                if ch == close:
                    self.pos += 1
                    return out, True
                if ch == ",":  # a stray or trailing comma
                    self.pos += 1
                    continue
                if is_object:
                    if ch != '"':
                        raise _Cut
                    key = self._string()
                    if self._peek() != ":":
                        raise _Cut
                    self.pos += 1
                    item, complete = self.value()
                    if not complete:
                        out[key] = item  # keep a container's complete part
                        return out, False
                    out[key] = item
                else:
                    item, complete = self.value()
                    if not complete:
                        return out, False  # a cut-off item is dropped: only whole items count
                    out.append(item)
                if self._peek() not in (",", close):
                    raise _Cut
        except _Cut:
            return out, False
        finally:
            self.depth -= 1

    def _string(self) -> str:
        self.pos += 1
        chars: list[str] = []
        text = self.text
        while self.pos < len(text):
            ch = text[self.pos]
            if ch == '"':
                self.pos += 1
                return "".join(chars)
            if ch == "\\":
                nxt = text[self.pos + 1 : self.pos + 2]
                if nxt == "u" and _HEX4.fullmatch(text, self.pos + 2, self.pos + 6):
                    code = int(text[self.pos + 2 : self.pos + 6], 16)
                    self.pos += 6
                    low = text[self.pos : self.pos + 6]
                    if 0xD800 <= code < 0xDC00 and low[:2] == "\\u" and _HEX4.fullmatch(low, 2):
                        second = int(low[2:], 16)
                        if 0xDC00 <= second < 0xE000:  # a surrogate pair is one character
                            code = 0x10000 + ((code - 0xD800) << 10) + (second - 0xDC00)
                            self.pos += 6
                    chars.append(chr(code))
                    continue
                if nxt in _ESCAPES:
                    chars.append(_ESCAPES[nxt])
                    self.pos += 2
                    continue
                raise _Cut
            chars.append(ch)
            self.pos += 1
        raise _Cut
