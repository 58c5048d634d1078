"""How a news article is laid out: which lines are the story and which are page furniture.

A copied or extracted article is a list of paragraphs. Before the lead (the first paragraph of the
story) come the outlet's name, navigation, the headline, a standfirst, the byline and the
publication lines; inside and after the story come photo captions, sub-headings, "Also read:" links,
share prompts, the author's biography and, after "Comments" or "Most Read", the rest of the page.
Everything that is not story is kept in the text but marked with a `Block` kind, so that the
extractor treats it as support, never as a new event. The phrases come from data/page_furniture.csv.

The lead may open with a written dateline: "QUETTA:", "PESHAWAR, Pakistan (AP) —",
"ISLAMABAD, March 11 (Reuters) -". Its place (and date, when it has one) is read here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from core.knowledge.actors import actor_book
from core.knowledge.gazetteer import default_gazetteer
from core.knowledge.lexicon import FurnitureCue, cue_words, load_page_furniture
from core.reading.dates import find_explicit_date, is_date_word

NARRATIVE = "narrative"
FURNITURE_KINDS = ("headline", "standfirst", "subheading", "caption", "also_read", "date", "chrome", "bio")
"""Block kinds: what a non-narrative stretch of a document is."""


@dataclass(frozen=True)
class Block:
    """A stretch of a document's text that is not story: [start, end) and its kind (FURNITURE_KINDS)."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Paragraph:
    """One paragraph (or line) of an article, with its offsets in the document's text."""

    text: str
    start: int
    end: int
    kind: str = ""  # a kind given by the source (headline, subheading, caption from HTML), else ""


@dataclass(frozen=True)
class Dateline:
    """A written dateline at the head of the lead: the place as printed, its offsets, and its date if given."""

    place: str
    start: int
    end: int
    date: date | None


def join_paragraphs(paragraphs: list[Paragraph]) -> tuple[str, list[Paragraph]]:
    """A text made of paragraphs separated by blank lines, and the paragraphs with their offsets in it."""
    text, placed = "", []
    for p in paragraphs:
        if text:
            text += "\n\n"
        placed.append(Paragraph(p.text, len(text), len(text) + len(p.text), p.kind))
        text += p.text
    return text, placed


def paragraphs_of(text: str) -> list[Paragraph]:
    """The non-empty lines of a text, with their offsets (pasted articles put one paragraph per line)."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        stripped = m.group(0).strip()
        if stripped:
            start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
            out.append(Paragraph(stripped, start, start + len(stripped)))
    return out


@cache
def _cues() -> dict[str, tuple[FurnitureCue, ...]]:
    by_kind: dict[str, list[FurnitureCue]] = {}
    for cue in load_page_furniture():
        by_kind.setdefault(cue.kind, []).append(cue)
    return {k: tuple(v) for k, v in by_kind.items()}


def _cue_of(text: str, kind: str) -> FurnitureCue | None:
    """The first cue of that kind marking the line (data/page_furniture.csv), within its word limit."""
    low, words = text.casefold(), _words(text)
    for cue in _cues().get(kind, ()):
        phrase = cue.phrase.casefold()
        if words > cue.max_words:
            continue
        if cue.where == "contains" and phrase in low:
            return cue
        if cue.where == "end" and low.rstrip(" .").endswith(phrase):
            return cue
        if cue.where == "start" and low.startswith(phrase) and not low[len(phrase):len(phrase) + 1].isalnum():
            return cue
    return None


def _matches(text: str, kind: str) -> bool:
    return _cue_of(text, kind) is not None


def _words(text: str) -> int:
    return len(text.split())


def _segments(text: str) -> list[str]:
    """'Name | Published October 6, 2025 | Updated October 8, 2025' -> its three parts."""
    return [s.strip() for s in re.split(r"\s*[|•·]\s*", text) if s.strip()]


def line_date(text: str, kind: str) -> date | None:
    """The date a 'Published ...' (kind published) or 'Updated ...' (kind updated) line gives, if it is one.

    A line that is nothing but a date ('October 3, 2024', 'Thursday, 3 October 2024 11:05') is a
    publication line too.
    """
    for segment in _segments(text):
        found = find_explicit_date(segment, None)
        if found and (_matches(segment, kind) or (kind == "published" and _only_a_date(segment, found))):
            return found.value
    return None


def _only_a_date(segment: str, found) -> bool:
    """Nothing but the date, a weekday and a clock time around it."""
    rest = segment[:found.start] + " " + segment[found.end:]
    rest = re.sub(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?\b|\b(?:PKT|GMT|UTC|PST)\b[+\d]*", " ", rest, flags=re.I)
    words = [w for w in re.findall(r"[A-Za-z]+", rest) if not is_date_word(w)]
    return not words


def is_title_like(text: str) -> bool:
    """A headline or sub-heading: a few capitalised words with no sentence-ending full stop (not an ALL-CAPS
    masthead)."""
    words = _words(text)
    return (2 <= words <= 30 and text[:1].isupper() and not text.rstrip().endswith((".", ":")) and "|" not in text
            and not text.isupper())


def is_sentence(text: str) -> bool:
    """A paragraph of story: a real sentence of some length."""
    return _words(text) >= 10 and text.rstrip().endswith((".", '"', "”", "’", "'", ")"))


def kind_of(p: Paragraph) -> str:
    """What a paragraph inside or after the story is: a furniture kind, or NARRATIVE."""
    if p.kind:
        return p.kind
    text, words = p.text, _words(p.text)
    for kind in ("also_read", "caption", "bio", "chrome", "byline", "credit", "copyright"):
        if _matches(text, kind):
            return {"byline": "chrome", "credit": "chrome", "copyright": "chrome"}.get(kind, kind)
    if line_date(text, "published") or line_date(text, "updated"):
        return "date"
    if _is_menu(text):
        return "chrome"
    if is_title_like(text) and words <= 12:
        return "subheading"
    if not is_sentence(text) and words <= 6:
        return "chrome"
    return NARRATIVE


def _is_menu(text: str) -> bool:
    """A navigation bar: several short items set apart by wide spaces or bars ('Home | Pakistan | Sport')."""
    items = [i for i in re.split(r"\s{2,}|\s*[|•·]\s*", text) if i.strip()]
    return len(items) >= 3 and all(_words(i) <= 4 for i in items)


def lead_index(paragraphs: list[Paragraph]) -> int:
    """Which paragraph starts the story: the first that opens with a written dateline or is a full sentence."""
    for i, p in enumerate(paragraphs):
        if p.kind in ("headline", "standfirst", "caption", "subheading"):
            continue
        if written_dateline(p.text, p.start) is not None:
            return i
        if is_sentence(p.text) and kind_of(p) == NARRATIVE:
            return i
    return 0


def blocks_of(paragraphs: list[Paragraph], description: str = "") -> list[Block]:
    """The furniture blocks of an article: front matter before the lead, furniture and tail after it.

    `description` is the page's standfirst from metadata (og:description), when there is one.
    """
    if not paragraphs:
        return []
    lead = lead_index(paragraphs)
    blocks = []
    headline_seen = any(p.kind == "headline" for p in paragraphs)
    for p in paragraphs[:lead]:
        kind = p.kind or kind_of(p)
        if kind in (NARRATIVE, "subheading") and is_title_like(p.text) and _words(p.text) >= 4:
            kind = "standfirst" if headline_seen else "headline"
            headline_seen = True
        elif kind == NARRATIVE:
            kind = "standfirst" if description and p.text.rstrip(".") in description else "chrome"
        blocks.append(Block(p.start, p.end, kind))
    tail = False
    for p in paragraphs[lead:]:
        if not tail and p is not paragraphs[lead] and _matches(p.text, "tail") and _words(p.text) <= 6:
            tail = True
        kind = "chrome" if tail else (NARRATIVE if p is paragraphs[lead] else kind_of(p))
        if kind != NARRATIVE:
            blocks.append(Block(p.start, p.end, kind))
    return blocks


def _place_words() -> str:
    return r"[A-Z][A-Za-z.'’-]*(?:[ -][A-Z][A-Za-z.'’-]*){0,3}"


_WRITTEN = re.compile(
    rf"^(?P<place>{_place_words()})"
    r"(?:,\s*(?P<country>Pakistan|Afghanistan|Iran|India)|\s*\((?P<country_aside>Pakistan|Afghanistan|Iran|India)\))?"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}(?:\s+\d{4})?))?"
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z .&-]{0,30})\))?"
    # ("Islamabad, Feb 19 (PTI) Unidentified gunmen ...": an agency with a date needs no mark)
    r"(?:\s*(?P<mark>:|—|–|-{1,2})(?:\s+|$)|(?<=\))\s+(?=[A-Z]))"
)


def written_dateline(text: str, offset: int = 0, anchor: date | None = None) -> Dateline | None:
    """The written dateline opening a paragraph, if any: an ALL-CAPS place and a colon ("QUETTA:"), or a place
    with an agency ("PESHAWAR, Pakistan (AP) —", "ISLAMABAD, March 11 (Reuters) -", "Peshawar (Pakistan) (AFP) -")."""
    m = _WRITTEN.match(text)
    if not m:
        return None
    place = m.group("place")
    caps = place.replace(" ", "").replace("-", "").replace(".", "").isupper()
    if not (caps or m.group("agency")):
        return None
    known = bool(default_gazetteer().candidates(place))
    # ("PESHAWAR - A magnetic bomb ...": a known city in capitals and a dash is a dateline too)
    if m.group("mark") != ":" and not (m.group("agency") or m.group("date") or m.group("country")
                                       or (caps and known and m.group("mark"))):
        return None
    if m.group("mark") is None and not (m.group("agency") and m.group("date")):
        return None
    if not caps and not known:
        return None
    if not known and actor_book().canonical(place):
        return None  # "ISPR: Six khwarij killed ...": a headline that names its source, not a place
    if not known and place.casefold() in {w.casefold() for w in cue_words("story_label")}:
        return None  # "UPDATE: Toll reaches three": a label
    when = find_explicit_date(m.group("date"), anchor).value if m.group("date") and (
        anchor or re.search(r"\d{4}", m.group("date"))) else None
    return Dateline(place=_title_case(place), start=offset + m.start("place"), end=offset + m.end(), date=when)


def _title_case(place: str) -> str:
    """'DERA ISMAIL KHAN' -> the gazetteer's spelling when it knows the place, else plain title case."""
    found = default_gazetteer().candidates(place)
    return found[0].name if found else " ".join(w.capitalize() for w in place.split())


@dataclass(frozen=True)
class FrontMatter:
    """What the lines around an article say about it: publication and update dates, author and outlet."""

    published: date | None = None
    updated: date | None = None
    author: str | None = None
    outlet: str | None = None


def _name(text: str) -> str | None:
    """A person's or outlet's name as printed (ALL CAPS made title case); None when it is not a name."""
    text = re.sub(r"\s*\([A-Z]{2,6}\)\s*$", "", text.strip(" ,;.")).strip()
    words = text.split()
    if not 1 <= len(words) <= 6 or any(ch.isdigit() for ch in text) or not all(w[:1].isupper() for w in words):
        return None
    return " ".join(w.capitalize() if w.isupper() and len(w) > 2 else w for w in words) if text.isupper() else text


def front_matter(before: list[str], after: list[str], title: str | None = None) -> FrontMatter:
    """Dates, byline and outlet from the lines before an article's lead and after its story."""
    published = next((d for line in before if (d := line_date(line, "published"))), None)
    updated = next((d for line in before if (d := line_date(line, "updated"))), None)
    author = None
    for i, line in enumerate(before):
        for segment in _segments(line):
            cue = _cue_of(segment, "byline")
            if cue and segment.casefold().startswith(cue.phrase.casefold()) and cue.phrase.casefold() == "by":
                author = author or _name(segment[len(cue.phrase):])
            dated = line_date(segment, "published") or line_date(segment, "updated")
            beside = line_date(line, "published") or (i + 1 < len(before) and line_date(before[i + 1], "published"))
            if not cue and not dated and beside and not _is_menu(segment) and _words(segment) <= 5 \
                    and not segment.isupper():
                author = author or _name(segment)
    for line in after:
        cue = _cue_of(line, "credit")
        if cue and author is None:
            author = _name(re.split(r"[;)]", line[line.casefold().index(cue.phrase.casefold()) + len(cue.phrase):])[0])
    outlet = None
    for line in after + before:
        cue = _cue_of(line, "copyright")
        if cue:
            at = line.casefold().index(cue.phrase.casefold())
            marks = {c.phrase.casefold() for c in _cues()["copyright"]}
            before_mark = _segments(line[:at])[-1] if at and _segments(line[:at]) else ""
            after_mark = line[at + len(cue.phrase):]
            for part in (before_mark, after_mark):
                part = re.sub(r"^(?:[\s©]|\(c\)|copyright|\d{4})*", "", part, flags=re.IGNORECASE)
                part = re.split(r"\.\s|\s\d{4}\b|\||·|\.$", part)[0].strip()
                if part and part.casefold() not in marks:
                    outlet = outlet or _name(part)
                    break
    if outlet is None and title:
        parts = re.split(r"\s(?:::|\||–|—|-)\s", title)
        outlet = _name(parts[-1]) if len(parts) > 1 else None
    if outlet is None and before:
        first = before[0]
        if not line_date(first, "published") and not _is_menu(first) and not is_sentence(first) and _words(first) <= 6:
            outlet = _name(first)
    return FrontMatter(published, updated, author, outlet)
