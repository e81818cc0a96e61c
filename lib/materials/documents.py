"""A resume file's text: PDF through pypdf, Word .docx through the standard library; bad files refused clearly."""

from __future__ import annotations

import io
import logging
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from lib.core.errors import ZIP_READ_ERRORS, ImportFileError

MAX_BYTES = 10 * 1024 * 1024
MAX_PAGES = 30  # text is read from this many pages at most; a resume is 1-2, the page count is still reported
MAX_XML_BYTES = 20 * 1024 * 1024  # a .docx's document.xml unpacked; bounds a zip bomb
MIN_TEXT_CHARS = 40  # fewer letters than this on every page: a scan (a picture of text), not text
WORDS_PER_PAGE = 500  # a .docx without a stored page count: pages estimated from its words

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old Word .doc format
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

EXPORT_HINT = "export it from your editor as PDF with text (File → Save as / Download → PDF)"


@dataclass(frozen=True)
class Document:
    """The text of a resume file, its page count, its kind ("pdf" or "docx"), and the links it holds."""

    text: str
    pages: int
    kind: str
    links: tuple[str, ...] = ()  # targets of clickable links, which the text may not show


def read_document(data: bytes, filename: str) -> Document:
    """The text of a PDF or .docx resume; ImportFileError (what is wrong and how to fix it) for anything else."""
    where = filename
    if len(data) > MAX_BYTES:
        raise ImportFileError(_too_big(len(data)), where=where)
    if not data.strip():
        raise ImportFileError(f"the file is empty; {EXPORT_HINT}", where=where)
    if PDF_MAGIC in data[:1024]:
        return _read_pdf(data, where)
    if data.startswith(ZIP_MAGIC):
        return _read_docx(data, where)
    if data.startswith(OLE_MAGIC):
        raise ImportFileError(f"this is an old Word .doc file; save it as .docx, or {EXPORT_HINT}", where=where)
    raise ImportFileError(f"this is not a PDF or a Word .docx file; {EXPORT_HINT}", where=where)


def read_document_file(path: Path) -> Document:
    """read_document on a file by path; a missing, unreadable or oversized file is refused before it is read."""
    where = str(path)
    try:
        if path.is_dir():
            raise ImportFileError("this is a folder, not a resume file", where=where)
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImportFileError(_too_big(size), where=where)
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError("no such file", where=where) from None
    except OSError as exc:
        raise ImportFileError(f"cannot read it: {exc.strerror or exc}", where=where) from None
    return read_document(data, where)


def _too_big(size: int) -> str:
    return (
        f"the file is {size / 1e6:.1f} MB, more than the {MAX_BYTES // (1024 * 1024)} MB a resume needs; "
        f"{EXPORT_HINT} without embedded pictures"
    )


# pypdf reports a broken file through many exception types, not only its own; every one means "damaged".
def _damaged_errors() -> tuple[type[BaseException], ...]:
    from pypdf.errors import PyPdfError

    return (PyPdfError, ValueError, TypeError, KeyError, IndexError, AttributeError, AssertionError) + (
        RecursionError,
        OSError,
        zlib.error,
        struct.error,
    )


def _read_pdf(data: bytes, where: str) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    # pypdf logs what it repairs in a sloppy file; the user gets one verdict, not a stream of warnings.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    damaged = f"the PDF is damaged and cannot be read; open it and save it again, or {EXPORT_HINT}"
    locked = "the PDF is protected with a password; save a copy without one (Print → Save as PDF) and give that"
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # A file locked only against editing opens with the empty password; a real password is refused.
            try:
                opened = reader.decrypt("")
            # pypdf raises NotImplementedError for an encryption algorithm it does not support: still locked.
            except (DependencyError, NotImplementedError, *_damaged_errors()):
                opened = 0
            if not opened:
                raise ImportFileError(locked, where=where)
        pages = len(reader.pages)
        texts = [(page.extract_text() or "") for page in reader.pages[:MAX_PAGES]]
        links = _pdf_links(reader)
    except ImportFileError:
        raise
    except _damaged_errors():
        raise ImportFileError(damaged, where=where) from None
    if pages == 0:
        raise ImportFileError(damaged, where=where)
    text = "\n".join(texts)
    if sum(c.isalnum() for c in text) < MIN_TEXT_CHARS:
        raise ImportFileError(
            "the PDF has no text layer (it looks like a scan or a picture of the resume), so nothing can be "
            f"checked; {EXPORT_HINT}, or run text recognition (OCR) on it first",
            where=where,
        )
    return Document(text=_clean(text), pages=pages, kind="pdf", links=links)


def _pdf_links(reader) -> tuple[str, ...]:
    """The web and mail links of the first pages' link annotations, in order, once each."""
    found: list[str] = []
    for page in reader.pages[:MAX_PAGES]:
        for ref in page.get("/Annots") or []:
            action = ref.get_object().get("/A") or {}
            uri = action.get_object().get("/URI") if hasattr(action, "get_object") else None
            if isinstance(uri, bytes):
                uri = uri.decode("latin-1")
            if isinstance(uri, str) and uri.strip() and uri.strip() not in found:
                found.append(uri.strip()[:500])
    return tuple(found)


def _read_docx(data: bytes, where: str) -> Document:
    damaged = f"the .docx file is damaged and cannot be read; open it in Word and save it again, or {EXPORT_HINT}"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            try:
                info = zf.getinfo("word/document.xml")
            except KeyError:
                raise ImportFileError(
                    f"this zip is not a Word .docx file (it holds no word/document.xml); {EXPORT_HINT}", where=where
                ) from None
            if info.file_size > MAX_XML_BYTES:
                raise ImportFileError(f"the .docx text is too large to be a resume; {EXPORT_HINT}", where=where)
            xml = zf.read(info)[: MAX_XML_BYTES + 1]
            rels = _small_member(zf, "word/_rels/document.xml.rels")
            app = _small_member(zf, "docProps/app.xml")
    except ImportFileError:
        raise
    except ZIP_READ_ERRORS:
        raise ImportFileError(damaged, where=where) from None
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        # Word never writes a DTD; refusing one rules out entity expansion attacks.
        raise ImportFileError(damaged, where=where)
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        raise ImportFileError(damaged, where=where) from None
    lines = [_paragraph_text(p) for p in root.iter(f"{W}p")]
    text = _clean("\n".join(lines))
    if sum(c.isalnum() for c in text) < MIN_TEXT_CHARS:
        raise ImportFileError(f"the .docx file holds almost no text; {EXPORT_HINT}", where=where)
    return Document(text=text, pages=_docx_pages(app, text), kind="docx", links=_docx_links(rels))


def _small_member(zf: zipfile.ZipFile, name: str) -> bytes:
    """A small optional part of the .docx ('' when absent or implausibly large)."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        return b""
    return zf.read(info) if info.file_size <= 1024 * 1024 else b""


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    parts = []
    for node in paragraph.iter():
        if node.tag == f"{W}t" and node.text:
            parts.append(node.text)
        elif node.tag == f"{W}tab":
            parts.append("\t")
        elif node.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
    text = "".join(parts)
    # A Word list item carries its bullet as numbering, not as text: it is written back as one.
    is_list_item = paragraph.find(f"{W}pPr/{W}numPr") is not None
    return f"• {text}" if is_list_item and text.strip() else text


def _docx_links(rels: bytes) -> tuple[str, ...]:
    if not rels or b"<!DOCTYPE" in rels or b"<!ENTITY" in rels:
        return ()
    try:
        root = ElementTree.fromstring(rels)
    except ElementTree.ParseError:
        return ()
    found = [
        r.get("Target", "")[:500]
        for r in root
        if r.get("TargetMode") == "External" and r.get("Type", "").endswith("/hyperlink") and r.get("Target")
    ]
    return tuple(dict.fromkeys(found))


def _docx_pages(app: bytes, text: str) -> int:
    """Word's own page count (docProps/app.xml) when it saved one, else an estimate from the words."""
    match = re.search(rb"<(?:\w+:)?Pages>(\d{1,5})</", app or b"")
    if match and int(match.group(1)) > 0:
        return int(match.group(1))
    return max(1, -(-len(text.split()) // WORDS_PER_PAGE))


def _clean(text: str) -> str:
    """Plain newlines, no NUL or soft hyphen, runs of spaces made one (PDF text often spaces words twice)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "").replace("\u00ad", "")
    return "\n".join(re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n"))
