"""User text made safe: decoded from a user's file in one way, and never shown as markup, a link or an image."""

from __future__ import annotations

import re
from pathlib import Path

from lib.core.errors import ImportFileError

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'])")


def escape_markdown(text: object) -> str:
    """Escape every character Streamlit's markdown would treat as syntax or HTML.

    Backslash-escaped, ``<script>`` shows as the literal text ``<script>``,
    ``[x](http://…)`` and ``![x](…)`` stay plain text, and ``$`` starts no LaTeX.
    """
    s = "" if text is None else str(text)
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    return _MD_SPECIAL.sub(r"\\\1", s)


def one_line(text: object, limit: int = 120) -> str:
    """Collapse whitespace and cut to ``limit`` characters with an ellipsis."""
    s = " ".join(("" if text is None else str(text)).split())
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


# Longest first: the UTF-32 little-endian mark begins with the UTF-16 one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode_text(data: bytes | str, where: str, hint: str = "save it as UTF-8 text") -> str:
    """A user's text file as text: a byte-order mark is dropped (UTF-16 and UTF-32 files with one decode too).

    Anything else must be UTF-8; a file that is not, or that holds NUL bytes
    (a binary file under a text name), raises one ImportFileError naming ``where``.
    """
    if isinstance(data, str):
        text = data.removeprefix("\ufeff")
    else:
        data = bytes(data)
        bom, encoding = next(((b, e) for b, e in _BOMS if data.startswith(b)), (b"", "utf-8"))
        try:
            text = data[len(bom) :].decode(encoding)
        except UnicodeDecodeError as exc:
            offset = exc.start + len(bom)
            raise ImportFileError(f"not {encoding.upper()} text (byte {offset}); {hint}", where=where) from None
    if "\x00" in text:
        raise ImportFileError(f"not a text file (it holds NUL bytes); {hint}", where=where)
    return text


def read_text_file(
    path: object, *, what: str = "a text file", max_bytes: int | None = None, hint: str = "save it as UTF-8 text"
) -> str:
    """The text of a user's file by path, decoded as ``decode_text`` does; every failure is one ImportFileError."""
    where = str(path)
    file = Path(str(path))
    try:
        if file.is_dir():
            raise ImportFileError(f"this is a folder, not {what}", where=where)
        with file.open("rb") as handle:
            data = handle.read(max_bytes + 1 if max_bytes is not None else -1)
    except FileNotFoundError:
        raise ImportFileError("no such file", where=where) from None
    except IsADirectoryError:
        raise ImportFileError(f"this is a folder, not {what}", where=where) from None
    except OSError as exc:
        raise ImportFileError(f"cannot read it: {exc.strerror or exc}", where=where) from None
    if max_bytes is not None and len(data) > max_bytes:
        raise ImportFileError(f"larger than {max_bytes // 1_000_000} MB; split it into smaller files", where=where)
    return decode_text(data, where, hint)
