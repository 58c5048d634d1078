"""Reading source documents: checks on bad input, HTML cleaning, datelines and ids."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from core.reading.dates import find_explicit_date

MAX_BYTES = 5 * 1024 * 1024
"""Reports are a few kilobytes; anything above this is refused rather than half-read."""

_DATELINE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\s+([^:\n]{1,60}?)\s*:")


class DocumentError(ValueError):
    """A document cannot be used; the message is one line naming the file and the reason."""


@dataclass(frozen=True)
class Document:
    """A source document as the extractor sees it. Offsets in events point into `text`."""

    doc_id: str
    name: str
    title: str
    text: str
    date: date
    dateline_place: str | None
    dateline_end: int

    @property
    def source(self) -> dict[str, str]:
        """The `source` field of every event from this document."""
        return {"document_id": self.doc_id, "title": self.title, "file": self.name}


def document_id(text: str) -> str:
    """Stable id from the content, so the same report read twice gets the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def read_document(path: str | Path) -> Document:
    """Read a .txt or .html report from disk. Raises DocumentError on bad input."""
    path = Path(path)
    if not path.exists():
        raise DocumentError(f"{path}: no such file")
    if not path.is_file():
        raise DocumentError(f"{path}: not a regular file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise DocumentError(f"{path}: file is {size / 1e6:.1f} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit")
    return parse_document(path.read_bytes(), path.name)


def parse_document(data: bytes, name: str) -> Document:
    """Turn raw bytes into a Document; `name` is used only in messages and the source field."""
    if len(data) > MAX_BYTES:
        raise DocumentError(f"{name}: file is {len(data) / 1e6:.1f} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit")
    if not data.strip():
        raise DocumentError(f"{name}: file is empty")
    if b"\x00" in data[:8192]:
        raise DocumentError(f"{name}: binary file, not a text report")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"{name}: not UTF-8 text (bad byte at offset {exc.start})") from None
    title = None
    if _looks_like_html(raw, name):
        raw, title = html_to_text(raw)
    if not raw.strip():
        raise DocumentError(f"{name}: no text after removing markup")
    text = raw.replace("\r\n", "\n")
    match = _DATELINE.match(text)
    if match:
        try:
            doc_date = date.fromisoformat(match.group(1))
        except ValueError:
            raise DocumentError(f"{name}: dateline date {match.group(1)!r} is not a real date") from None
        place, end = match.group(2).strip(), match.end()
    else:
        found = find_explicit_date(text, None)
        if found is None:
            raise DocumentError(f"{name}: no date found (expected a dateline like 'date 2025-03-11 Quetta:')")
        doc_date, place, end = found.value, None, 0
    return Document(
        doc_id=document_id(text),
        name=name,
        title=title or _title_from(text[end:]),
        text=text,
        date=doc_date,
        dateline_place=place,
        dateline_end=end,
    )


def _title_from(body: str, limit: int = 90) -> str:
    first = re.split(r"(?<=[.!?])\s", body.strip(), maxsplit=1)[0]
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0] + "…"


def _looks_like_html(text: str, name: str) -> bool:
    return name.lower().endswith((".html", ".htm")) or bool(re.match(r"\s*<(!doctype|html|head|body|p|div)\b", text, re.IGNORECASE))


class _TextOnly(HTMLParser):
    """Collects visible text, dropping script, style and other non-content elements."""

    _SKIP = frozenset({"script", "style", "noscript", "template", "iframe", "object", "embed", "svg"})
    _BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skip:
            self._skip -= 1
        elif tag == "title":
            self._in_title = False
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        (self.title if self._in_title else self.parts).append(data)


def html_to_text(html: str) -> tuple[str, str | None]:
    """Visible text of an HTML page (scripts and styles removed) and its <title>."""
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r"\s*\n\s*\n\s*", "\n\n", text).strip()
    title = " ".join("".join(parser.title).split()) or None
    return text, title
