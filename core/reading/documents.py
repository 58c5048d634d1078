"""Reading source documents as analysts bring them, and the `Document` every later step works on.

A document's publication date and place are read the way outlets print them; the first found wins,
and `date_source` records which:
1. the machine dateline "date 2025-03-11 Quetta:" (the project's own reports);
2. the page's metadata (article:published_time, JSON-LD datePublished, <time>, microdata), via htmldate;
3. a "Published ..." or "Posted ..." line ("Updated ..." is kept as the update time, never the date);
4. a written dateline with a date: "ISLAMABAD, March 11, 2025 (Reuters) -";
5. the date the user gives (`--date`, the Add documents page's date field);
otherwise a one-line error says what to do. Event dates are then read relative to this date.

Page furniture (headline, standfirst, captions, sub-headings, "Also read:" links, chrome) stays in the
text but is listed in `blocks`, so that the extractor uses it as support only.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from core.knowledge.datafiles import setting
from core.reading.layout import (
    Block,
    Paragraph,
    blocks_of,
    front_matter,
    lead_index,
    paragraphs_of,
    written_dateline,
)

_MACHINE_DATELINE = re.compile(r"date\s+(\d{4}-\d{2}-\d{2})\s+([^:\n]{1,60}?)\s*:")
DATE_SOURCES = ("machine dateline", "metadata", "published line", "written dateline", "user")
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
PDF_SUFFIXES = (".pdf",)
SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, *FEED_SUFFIXES, *PDF_SUFFIXES)


class DocumentError(ValueError):
    """A document cannot be used; the message is one line naming the file and the reason."""


class NoDate(DocumentError):
    """No publication date anywhere: the user has to give one."""


def max_bytes() -> int:
    """The largest file read (data/settings.csv: max_file_mb)."""
    return int(float(setting("max_file_mb")) * 1024 * 1024)


def max_characters() -> int:
    """The longest document text extracted (data/settings.csv: max_characters)."""
    return int(setting("max_characters"))


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
    dateline_start: int = 0
    date_source: str = "machine dateline"
    updated: date | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    kind: str = "text"  # text | html | pdf | feed item | pasted | url
    note: str = ""  # how the text was obtained when that matters ("feed summary only: the page was not fetched")
    blocks: tuple[Block, ...] = field(default=(), compare=False)
    language: str = "en"

    @property
    def source(self) -> dict[str, str]:
        """The `source` field of every event from this document: id, title, file, and outlet, date, URL, author."""
        out = {"document_id": self.doc_id, "title": self.title, "file": self.name,
               "published": self.date.isoformat()}
        for key in ("outlet", "url", "author"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        return out

    def block_at(self, offset: int) -> Block | None:
        """The furniture block holding a character offset (None inside the story)."""
        return next((b for b in self.blocks if b.start <= offset < b.end), None)


def document_id(text: str) -> str:
    """Stable id from the content, so the same report read twice gets the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class PageMeta:
    """What a page or feed says about itself (any of it may be missing)."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: date | None = None
    updated: date | None = None
    description: str | None = None


@dataclass(frozen=True)
class Given:
    """What the user gives beside a document: a publication date and place, an outlet name, and leave to fetch."""

    date: date | None = None
    place: str | None = None
    outlet: str | None = None
    online: bool = False  # fetch article pages of feed items and URLs (core.reading.fetch); off by default


def decode(data: bytes, name: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252; refuse binary files."""
    if not data.strip():
        raise DocumentError(f"{name}: file is empty")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise DocumentError(f"{name}: not valid UTF-16 text") from None
    if b"\x00" in data[:8192]:
        text = _utf16_without_bom(data)
        if text is None:
            raise DocumentError(f"{name}: binary file, not a text report")
        return text
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        if text.count("\ufffd") > len(text) // 100:
            raise DocumentError(f"{name}: not text in UTF-8 or Windows-1252") from None
        return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark (Windows editors): every other byte is zero in the ASCII
    range. None when the bytes are no such text."""
    sample = data[:8192]
    for encoding, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if zeros.count(0) > len(zeros) * 0.6:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return text if sum(c.isprintable() or c.isspace() for c in text[:4096]) > 0.95 * len(text[:4096]) else None
    return None


def build(text: str, name: str, *, kind: str, given: Given = Given(), meta: PageMeta = PageMeta(),
          paragraphs: list[Paragraph] | None = None, around: tuple[list[str], list[str]] | None = None,
          note: str = "") -> Document:
    """A Document from an article's text (and, for pages and feeds, its typed paragraphs and metadata).

    `around` holds the page's lines before the article's lead and after its story, when the text is only
    the article (a web page): bylines, publication lines and copyright lines stand there.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(f"{name}: no article text")
    if len(text) > max_characters():
        raise DocumentError(f"{name}: {len(text):,} characters, over the {max_characters():,}-character limit")
    paragraphs = paragraphs if paragraphs is not None else paragraphs_of(text)
    # The project's own reports open with "date 2025-03-11 Quetta:"; on a page it opens the first paragraph.
    machine = next((m for p in paragraphs[:3] if (m := _MACHINE_DATELINE.match(text, p.start))), None)
    if machine:
        paragraphs = [p for p in paragraphs if p.end > machine.end()]
    blocks = [] if machine else blocks_of(paragraphs, meta.description or "")
    lead = paragraphs[lead_index(paragraphs)] if paragraphs and not machine else None
    written = written_dateline(lead.text, lead.start) if lead else None
    if around is None:
        around = ([p.text for p in paragraphs if lead is not None and p.start < lead.start],
                  [p.text for p in paragraphs if lead is not None and p.start > lead.start][-20:])
    front = front_matter(*around, title=meta.title)
    published, updated = front.published, meta.updated or front.updated
    if written and written.date is None and written.end - written.start < len(lead.text):
        dated = written_dateline(lead.text, lead.start, anchor=published or meta.published or given.date)
        written = dated or written
    candidates = [
        ("machine dateline", _machine_date(machine, name) if machine else None),
        ("metadata", meta.published),
        ("published line", published),
        ("written dateline", written.date if written else None),
        ("user", given.date),
    ]
    _check_language(text, blocks, name)
    source, when = next(((s, d) for s, d in candidates if d is not None), (None, None))
    if when is None:
        raise NoDate(f"no publication date found in {name}: pass --date YYYY-MM-DD")
    if when > date.today() + timedelta(days=1):
        raise DocumentError(f"{name}: publication date {when.isoformat()} is in the future; pass --date YYYY-MM-DD")
    if machine:
        place, start, end = machine.group(2).strip(), machine.start(), machine.end()
    elif written:
        place, start, end = written.place, written.start, written.end
    else:
        place, start, end = given.place, 0, 0
    headline = next((text[b.start:b.end] for b in blocks if b.kind == "headline"), None)
    return Document(
        doc_id=document_id(text), name=name, title=_one_line(meta.title or headline or _first_sentence(text[end:])),
        text=text, date=when, dateline_place=place, dateline_end=end, dateline_start=start, date_source=source,
        updated=updated if updated and updated != when else None, outlet=meta.outlet or given.outlet or front.outlet,
        url=meta.url, author=meta.author or front.author, kind=kind, note=note, blocks=tuple(blocks),
    )


def _check_language(text: str, blocks: list[Block], name: str) -> None:
    from core.reading.language import check_english

    check_english(text, blocks, name)


def _machine_date(match: re.Match, name: str) -> date:
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:
        raise DocumentError(f"{name}: dateline date {match.group(1)!r} is not a real date") from None


def _one_line(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _first_sentence(body: str, limit: int = 90) -> str:
    first = re.split(r"(?<=[.!?])\s", body.strip(), maxsplit=1)[0]
    return first if len(first) <= limit else first[:limit].rsplit(" ", 1)[0] + "…"


def read_bytes(data: bytes, name: str, given: Given = Given()) -> list[Document]:
    """Every document in a file's bytes (a feed gives one per item); DocumentError with a one-line reason."""
    if len(data) > max_bytes():
        raise DocumentError(f"{name}: file is {len(data) / 1e6:.1f} MB, over the {max_bytes() // 2**20} MB limit")
    suffix = Path(name).suffix.lower()
    if suffix in PDF_SUFFIXES or data[:5] == b"%PDF-":
        from core.reading.pdf import pdf_text

        return [build(pdf_text(data, name), name, kind="pdf", given=given)]
    text = decode(data, name)
    if suffix in FEED_SUFFIXES or _looks_like_feed(text):
        from core.reading.feeds import feed_documents

        return feed_documents(text, name, given)
    if suffix in HTML_SUFFIXES or _looks_like_html(text):
        from core.reading.web import read_html

        return [read_html(text, name, given)]
    return [build(text, name, kind="text", given=given)]




def read_path(path: str | Path, given: Given = Given()) -> list[Document]:
    """Every document in a file on disk (see read_bytes)."""
    path = Path(path)
    if not path.exists():
        raise DocumentError(f"{path}: no such file")
    if not path.is_file():
        raise DocumentError(f"{path}: not a regular file")
    size = path.stat().st_size
    if size > max_bytes():
        raise DocumentError(f"{path}: file is {size / 1e6:.1f} MB, over the {max_bytes() // 2**20} MB limit")
    return [replace(d, name=d.name if d.kind == "feed item" else path.name) for d in read_bytes(path.read_bytes(), str(path), given)]


def parse_document(data: bytes, name: str, given: Given = Given()) -> Document:
    """The one document in a file's bytes (see read_bytes; a feed is refused here)."""
    documents = read_bytes(data, name, given)
    if len(documents) != 1:
        raise DocumentError(f"{name}: a feed with {len(documents)} items; add it with `python -m core add`")
    return documents[0]


def read_document(path: str | Path, given: Given = Given()) -> Document:
    """The one document in a file (a feed file is refused here: use read_path)."""
    documents = read_path(path, given)
    if len(documents) != 1:
        raise DocumentError(f"{path}: a feed with {len(documents)} items; add it with `python -m core add`")
    return documents[0]


def _looks_like_html(text: str) -> bool:
    return bool(re.match(r"\s*<(!doctype html|html|head|body|p|div|article)\b", text, re.IGNORECASE))


def _looks_like_feed(text: str) -> bool:
    return bool(re.match(r"\s*(<\?xml[^>]*>\s*)?<(rss|feed|rdf:RDF)\b", text, re.IGNORECASE))


def is_url(text: str) -> bool:
    """True for an http(s) address."""
    return bool(re.match(r"https?://", text.strip(), re.IGNORECASE))


def read_inputs(inputs: list[str], given: Given = Given()) -> tuple[list[Document], list[str]]:
    """The documents of every file path and URL given (feeds give one per item), and one line per input refused.

    URLs are fetched only when `given.online` allows it; otherwise they are refused with what to do.
    """
    documents, refused = [], []
    for item in inputs:
        try:
            if is_url(item):
                documents.extend(read_url(item, given))
            else:
                documents.extend(read_path(item, given))
        except DocumentError as exc:
            refused.append(str(exc))
    return documents, refused


def read_url(url: str, given: Given = Given()) -> list[Document]:
    """The document (or feed items) at a web address; refused when fetching is off."""
    from core.reading.fetch import ONLINE_SETTING, fetch, online_allowed

    if not online_allowed(given.online):
        raise DocumentError(f"{url}: fetching web pages is off: pass --online (or set {ONLINE_SETTING}=1)")
    documents = read_bytes(fetch(url), url, given)
    return [replace(d, url=d.url or url, kind="url" if d.kind == "html" else d.kind) for d in documents]
