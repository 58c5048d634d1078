"""Web pages read as a reader sees them: trafilatura keeps the article and drops the page around it.

Navigation, cookie banners, share bars, related stories, comments, footers and scripts go. The
headline, standfirst, sub-headings, photo captions (figcaptions, which trafilatura drops, are put back
beside their picture) and "Also read:" lines stay, marked as furniture (core.reading.layout).
Metadata (outlet, canonical URL, author, publication and update dates) comes from trafilatura and
htmldate, read from the page's machine-readable parts only, so that a date printed in the page's text
is a "published line" and not metadata. When trafilatura finds no article, the page's visible text is
read as plain text instead.
"""

from __future__ import annotations

import copy
import re
from datetime import date

from lxml import etree
from lxml import html as lxml_html

from core.reading.documents import Document, DocumentError, Given, PageMeta, build
from core.reading.layout import Paragraph, is_sentence, join_paragraphs, lead_index

_DROP = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "form", "button")
_MAX_FRONT_MATTER = 800
"""Characters of visible text before the lead read as the article's front matter (byline, 'Published' line):
a sidebar's 'Posted:' dates of other stories stand farther away."""


def read_html(html: str, name: str, given: Given = Given()) -> Document:
    """One saved web page as a Document."""
    import trafilatura

    try:
        tree = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        raise DocumentError(f"{name}: not a readable HTML page") from None
    meta = page_meta(html, tree)
    xml = trafilatura.extract(html, output_format="xml", include_comments=False, include_tables=False,
                              include_images=True, with_metadata=False)
    if not xml:
        # trafilatura finds no article in very short or unusual pages: read the visible text as plain text.
        text = visible_text(tree)
        if not text.strip():
            raise DocumentError(f"{name}: no article text in the page")
        return build(text, name, kind="html", given=given, meta=meta)
    paragraphs = _with_dropped_captions(_paragraphs(xml, _captions(tree)), tree)
    if not any(p.kind == "" and is_sentence(p.text) for p in paragraphs):
        raise DocumentError(f"{name}: no article text in the page")
    if not any(p.kind == "headline" for p in paragraphs) and meta.title:
        paragraphs.insert(0, Paragraph(meta.title, 0, 0, "headline"))
    if meta.description and not any(meta.description.rstrip(".")[:60] in p.text for p in paragraphs):
        at = next(i for i, p in enumerate(paragraphs) if p.kind == "headline") + 1
        paragraphs.insert(at, Paragraph(meta.description, 0, 0, "standfirst"))
    text, paragraphs = join_paragraphs(paragraphs)
    story = [p.text for p in paragraphs[lead_index(paragraphs):] if p.kind == ""]
    return build(text, name, kind="html", given=given, meta=meta, paragraphs=paragraphs,
                 around=_around(visible_text(tree), story))


def _with_dropped_captions(paragraphs: list[Paragraph], tree) -> list[Paragraph]:
    """Photo captions trafilatura dropped, put back after the paragraph that precedes their picture."""
    out = list(paragraphs)
    have = " ".join(p.text for p in out)
    for figure in tree.xpath("//figure[.//figcaption]"):
        caption = " ".join(" ".join(figure.xpath(".//figcaption//text()")).split())
        if not caption or caption[:60] in have:
            continue
        at = None
        for axis, shift in (("preceding", 1), ("following", 0)):
            near = figure.xpath(f"{axis}::p[normalize-space()][1]")
            anchor = " ".join(near[0].text_content().split())[:60] if near else None
            at = next((i + shift for i, p in enumerate(out) if anchor and anchor in p.text), None)
            if at is not None:
                break
        if at is None:
            continue  # a picture away from the article's paragraphs (a sidebar's), not this story's caption
        out.insert(at, Paragraph(caption, 0, 0, "caption"))
        have += " " + caption
    return out


def _lines(element) -> list[str]:
    """A paragraph's text split where trafilatura kept a line break (<lb/>)."""
    lines, current = [], [element.text or ""]
    for child in element:
        if child.tag == "lb":
            lines.append("".join(current))
            current = [child.tail or ""]
        else:
            current.append("".join(child.itertext()) + (child.tail or ""))
    lines.append("".join(current))
    return lines


def _around(visible: str, story: list[str]) -> tuple[list[str], list[str]]:
    """The page's visible lines just before the article's lead, and those after its last paragraph."""
    lines = visible.split("\n")
    lead_at = next((i for i, line in enumerate(lines) if story and story[0][:60] in line), None)
    last_at = next((i for i in range(len(lines) - 1, -1, -1) if story and story[-1][:60] in lines[i]), None)
    if lead_at is None:
        return [], []
    before, distance = [], 0
    for line in reversed(lines[:lead_at]):
        distance += len(line)
        if distance > _MAX_FRONT_MATTER:
            break
        before.insert(0, line)
    return before, lines[(last_at if last_at is not None else lead_at) + 1:]


def page_meta(html: str, tree) -> PageMeta:
    """Title, outlet, canonical URL, author, description and dates from the page's metadata."""
    import trafilatura

    found = trafilatura.extract_metadata(html)
    canonical = tree.xpath("//link[@rel='canonical']/@href")
    sitename = (found.sitename if found else None) or _first(tree.xpath("//meta[@property='og:site_name']/@content"))
    if sitename and " " not in sitename and "." in sitename:
        sitename = None  # a host name, not the outlet's name: the page's copyright line or masthead says it better
    return PageMeta(
        title=(found.title if found else None) or _first(tree.xpath("//title/text()")),
        outlet=sitename,
        url=_first(canonical) or (found.url if found else None) or _json_ld_url(tree),
        author=found.author if found else None,
        published=_metadata_date(tree, original=True),
        updated=_metadata_date(tree, original=False),
        description=found.description if found else None,
    )


def _json_ld_url(tree) -> str | None:
    """The article's own URL from its JSON-LD (url, or mainEntityOfPage), when the page gives no canonical link."""
    import json

    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        items = data.get("@graph", [data]) if isinstance(data, dict) else data if isinstance(data, list) else []
        for item in items:
            kind = item.get("@type") if isinstance(item, dict) else None
            if isinstance(kind, str) and kind.endswith("Article"):
                page = item.get("mainEntityOfPage")
                url = item.get("url") or (page.get("@id") if isinstance(page, dict) else page)
                if isinstance(url, str) and url.startswith("http"):
                    return url
    return None


def _first(values: list) -> str | None:
    return next((" ".join(str(v).split()) for v in values if str(v).strip()), None)


def _metadata_date(tree, original: bool) -> date | None:
    """The publication (original) or last-update date from machine-readable markup only, read by htmldate."""
    from htmldate import find_date

    marked = _markup_only(tree, updates=not original)
    if marked is None:
        return None
    found = find_date(marked, extensive_search=False, original_date=original, outputformat="%Y-%m-%d",
                      max_date="2100-12-31")
    return date.fromisoformat(found) if found else None


def _markup_only(tree, updates: bool):
    """A page holding only the date-bearing markup (meta tags, JSON-LD, <time datetime>, microdata).

    For the update date, only markup that names a modification (article:modified_time, dateModified, ...).
    """
    head = lxml_html.Element("head")
    body = lxml_html.Element("body")
    keep = tree.xpath("//meta | //script[@type='application/ld+json'] | //time[@datetime] | "
                      "//*[@itemprop='datePublished' or @itemprop='dateModified' or @itemprop='dateCreated']")
    for element in keep:
        clone = copy.deepcopy(element)
        clone.tail = None
        described = " ".join(f"{k}={v}" for k, v in element.attrib.items()).casefold()
        text = (element.text or "").casefold() if element.tag == "script" else ""
        mentions_update = any(w in described for w in ("modif", "updat")) or "datemodified" in text
        if updates and not mentions_update:
            continue
        if updates and element.tag == "script":
            clone.text = re.sub(r'"datePublished"\s*:\s*"[^"]*",?', "", element.text or "")
        (head if element.tag == "meta" else body).append(clone)
    if not len(head) and not len(body):
        return None
    page = lxml_html.Element("html")
    page.append(head)
    page.append(body)
    return page


def _captions(tree) -> dict[str, str]:
    """Image source -> figcaption text, for pictures inside <figure> elements."""
    out = {}
    for figure in tree.xpath("//figure[.//figcaption]"):
        caption = " ".join(" ".join(figure.xpath(".//figcaption//text()")).split())
        for src in figure.xpath(".//img/@src"):
            if caption:
                out[src] = caption
    return out


def _paragraphs(xml: str, captions: dict[str, str]) -> list[Paragraph]:
    """trafilatura's article as paragraphs with kinds: headings, paragraphs, and captions beside pictures."""
    root = etree.fromstring(xml.encode("utf-8"))
    out: list[Paragraph] = []

    def add(text: str | None, kind: str = "") -> None:
        text = " ".join((text or "").split())
        if text:
            out.append(Paragraph(text, 0, 0, kind))

    def walk(element) -> None:
        for child in element:
            tag = child.tag
            if tag == "head":
                add("".join(child.itertext()), "headline" if child.get("rend") == "h1" else "subheading")
            elif tag in ("p", "item", "quote"):
                for line in _lines(child):  # <lb/> inside a paragraph: 'By X' / 'Published: ...' on their own lines
                    add(line)
            elif tag == "graphic":
                add(captions.get(child.get("src", "")) or None, "caption")
            elif tag in ("list", "div", "main"):
                add(child.text)
                walk(child)
            add(child.tail, "caption" if tag in ("graphic", "lb") else "")

    walk(root.find("main") if root.find("main") is not None else root)
    return out




_BLOCKS = frozenset({"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "figcaption",
                     "figure", "header", "footer", "article", "section", "aside", "nav", "blockquote", "br", "hr",
                     "main", "body", "dd", "dt", "time"})


def visible_text(tree) -> str:
    """The page's visible text, one block element per line (scripts, styles, forms and comments removed)."""
    parts: list[str] = []

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _DROP or not tag:
            return
        block = tag in _BLOCKS
        if block:
            parts.append("\n")
        parts.append(element.text or "")
        for child in element:
            walk(child)
            parts.append(child.tail or "")
        if block:
            parts.append("\n")

    walk(tree)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)
