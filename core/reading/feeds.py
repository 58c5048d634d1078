"""RSS and Atom feeds (feedparser): one document per item, dated by the item.

Offline (the default), an item is read from its own content (content:encoded, Atom content) or, failing
that, its summary, and the document says which. With fetching allowed (core.reading.fetch), the item's
article page is fetched and read as a web page; if that fails, the item's own text is used and the
document says why.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from core.reading.documents import Document, DocumentError, Given, PageMeta, build
from core.reading.layout import Paragraph, join_paragraphs

_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "li", "figcaption", "blockquote")


def feed_documents(text: str, name: str, given: Given = Given()) -> list[Document]:
    """Every readable item of an RSS or Atom feed as a Document (see read_feed for the items left out)."""
    return read_feed(text, name, given)[0]


def read_feed(text: str, name: str, given: Given = Given()) -> tuple[list[Document], list[str]]:
    """The feed's documents and one error line per item that could not be read."""
    import feedparser

    parsed = feedparser.parse(text)
    if not parsed.entries and (parsed.bozo or not parsed.feed):
        raise DocumentError(f"{name}: not a feed (no RSS or Atom items could be read)")
    outlet = _outlet(parsed.feed.get("title"))
    documents, errors = [], []
    for number, entry in enumerate(parsed.entries, start=1):
        label = f"{Path(name).name} item {number}"
        try:
            documents.append(_item(entry, label, outlet, given))
        except DocumentError as exc:
            errors.append(str(exc))
    if not documents and errors:
        raise DocumentError(f"{name}: no item could be read ({errors[0]})")
    return documents, errors


def _outlet(feed_title: str | None) -> str | None:
    """'The Chiltan Courier - Balochistan' -> 'The Chiltan Courier'."""
    if not feed_title:
        return None
    return re.split(r"\s+[-–—|:»]\s+", feed_title.strip(), maxsplit=1)[0]


def _entry_date(entry, *keys: str) -> date | None:
    for key in keys:
        parsed = entry.get(f"{key}_parsed") if key in entry else None
        if parsed:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _item(entry, label: str, outlet: str | None, given: Given) -> Document:
    title = " ".join((entry.get("title") or "").split()) or None
    link = entry.get("link")
    published = _entry_date(entry, "published", "created", "updated")
    updated = _entry_date(entry, "updated")
    meta = PageMeta(title=title, outlet=outlet or given.outlet, url=link, author=entry.get("author"),
                    published=published, updated=updated if updated != published else None)
    note = ""
    if given.online and link:
        from core.reading.fetch import fetch
        from core.reading.web import read_html

        try:
            page = read_html(fetch(link).decode("utf-8", errors="replace"), label, Given(published, given.place, outlet))
            return page
        except DocumentError as exc:
            note = f"article page not fetched ({exc}); read from the feed item"
    content = entry.get("content")
    body = content[0].get("value") if content else None
    if body:
        note = note or "read from the feed item's full text"
    else:
        body = entry.get("summary") or entry.get("description") or ""
        note = note or "read from the feed item's summary only: the article page was not fetched (offline)"
    paragraphs = ([Paragraph(title, 0, 0, "headline")] if title else []) + html_paragraphs(body)
    if not [p for p in paragraphs if p.kind == ""]:
        raise DocumentError(f"{label}: the item has no text")
    text, placed = join_paragraphs(paragraphs)
    return build(text, label, kind="feed item", given=given, meta=meta, paragraphs=placed, note=note)


def html_paragraphs(fragment: str) -> list[Paragraph]:
    """An HTML fragment (a feed item's content) as paragraphs; captions and headings keep their kind."""
    if "<" not in fragment:
        return [Paragraph(line.strip(), 0, 0) for line in fragment.splitlines() if line.strip()]
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    for element in root.xpath("//script | //style"):
        element.drop_tree()
    out = []
    blocks = root.xpath("|".join(f".//{t}" for t in _BLOCK_TAGS))
    if not blocks:
        text = " ".join(root.text_content().split())
        return [Paragraph(text, 0, 0)] if text else []
    for element in blocks:
        if element.getparent() is not None and element.getparent().tag in _BLOCK_TAGS:
            continue
        text = " ".join(element.text_content().split())
        if text:
            kind = "caption" if element.tag == "figcaption" else "subheading" if element.tag.startswith("h") else ""
            out.append(Paragraph(text, 0, 0, kind))
    return out
