"""Per-sentence features of a document: tactics, actors, targets, places, dates, counts and cues."""

from __future__ import annotations

import bisect
import os
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

import numpy
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from core.extraction.nlp import CUE_SPANS, blank_pipeline, cue_ruler, matchers
from core.extraction.quantities import Count, find_counts, says_no_casualties
from core.knowledge.actors import actor_book
from core.knowledge.datafiles import setting
from core.knowledge.gazetteer import default_gazetteer
from core.knowledge.lexicon import casualty_words, cue_words, hostage_tactics, load_tactics, word_cue_kinds
from core.reading.dates import FoundDate, find_date, is_date_word, month_number
from core.reading.documents import Document


@dataclass(frozen=True)
class ActorMention:
    """An actor named in a sentence. `actor` is empty for generic references ("militants")."""

    actor: str
    subunit: str
    kind: str  # name | unidentified | generic
    side: str  # state | nonstate | civilian | "" for generic
    start: int
    end: int
    text: str
    suspected: bool = False
    unlisted: bool = False  # a group name data/actors.csv does not know, kept as written


@dataclass(frozen=True)
class TargetMention:
    """Something attacked, as named in the text, with its GTD target type."""

    text: str
    target_type: str
    side: str
    start: int


@dataclass(frozen=True)
class PlaceMention:
    """A gazetteer name found in the text. `chain` groups names that describe one location."""

    surface: str
    start: int
    end: int
    chain: int
    locative: bool  # preceded by at/in/near/... rather than to/from
    near: bool
    known: bool = True  # False: a name no gazetteer knows ("Gharib Kalay"), kept unresolved
    kind_hint: str = ""  # "district" when the text says "Bannu district"
    role: str = ""  # "title", "route" or "home town": named for a reason other than where something happened


@dataclass
class Sentence:
    """One sentence with everything the event builder needs."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    tactics: dict[str, str] = field(default_factory=dict)  # tactic -> strong|weak
    trigger_starts: list[int] = field(default_factory=list)
    topics: set[str] = field(default_factory=set)  # every tactic named, including threatened ones
    sides: dict[str, str] = field(default_factory=dict)  # tactic -> acting side, where a trigger says so
    actors: list[ActorMention] = field(default_factory=list)
    targets: list[TargetMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    date: FoundDate | None = None
    counts: list[Count] = field(default_factory=list)
    no_casualties: frozenset[str] = frozenset()  # categories the sentence says are zero
    background: bool = False
    threat: bool = False
    separate: bool = False
    separated_by: int | None = None  # the sentence before whose cue ("In another engagement, ...") separates it
    in_dateline: bool = False
    furniture: str = ""  # the page-furniture kind of the sentence's block (headline, caption, ...), "" in the story
    kind: str = "story"  # one of SENTENCE_KINDS
    roundup: bool = False  # opens a roundup paragraph: "In Kech district, ..."
    cues: frozenset[str] = frozenset()  # the kinds of cue phrase in the sentence (data/cues.csv)
    span: Span | None = field(default=None, repr=False, compare=False)  # the sentence in the parsed doc

    def acting_side(self, tactic: str) -> str:
        """The side that carries out `tactic` here: the trigger's, else the tactic's (data/tactics.csv)."""
        return self.sides.get(tactic) or _tactic_side()[tactic]

    @property
    def strong_tactics(self) -> list[str]:
        """Tactics named by strong triggers."""
        return [t for t, s in self.tactics.items() if s == "strong"]


def _cue_doc_spans(where: Span | str) -> tuple[list[tuple[int, int, int, int, str]], int]:
    """(start, end, start_char, end_char, kind) of the cue phrases inside `where`, and the character offset
    they are relative to. A Span of an analysed document reads the cue ruler's doc.spans (indexed once per
    doc); a string is run through the same ruler."""
    if isinstance(where, str):
        doc = cue_ruler()(blank_pipeline().make_doc(where))
        return _cue_index(doc), 0
    index = _cue_index(where.doc)
    lo = bisect.bisect_left(index, (where.start,))
    return [c for c in index[lo:bisect.bisect_left(index, (where.end,))] if c[1] <= where.end], where.start_char


def _sentence_start(doc: Doc, i: int) -> int:
    """The first token of the sentence holding token i (Span.sent walks the whole doc on every call)."""
    if "sentence_starts" not in doc.user_data:
        flags = doc.to_array("SENT_START") == 1
        flags[:1] = True
        doc.user_data["sentence_starts"] = numpy.maximum.accumulate(numpy.where(flags, numpy.arange(len(doc)), 0)).tolist()
    return doc.user_data["sentence_starts"][i]


def _cue_index(doc: Doc) -> list[tuple[int, int, int, int, str]]:
    if "cue_index" not in doc.user_data:
        doc.user_data["cue_index"] = sorted((c.start, c.end, c.start_char, c.end_char, c.label_)
                                            for c in doc.spans[CUE_SPANS])
    return doc.user_data["cue_index"]


def _span_kind(kind: str) -> str:
    if kind in word_cue_kinds():
        raise ValueError(f"cue kind {kind!r} is read as a list of words (cue_words), not as spans")
    return kind


def has_cue(kind: str, where: Span | str) -> bool:
    """True when `where` (a span of an analysed doc, or a string) holds a cue phrase of that kind (data/cues.csv)."""
    kind = _span_kind(kind)
    return any(c[4] == kind for c in _cue_doc_spans(where)[0])


def cue_spans(kind: str, where: Span | str) -> list[tuple[int, int]]:
    """Character spans, relative to the start of `where`, of every cue phrase of that kind."""
    kind = _span_kind(kind)
    spans, base = _cue_doc_spans(where)
    return sorted((c[2] - base, c[3] - base) for c in spans if c[4] == kind)


def parse(documents: Iterable[Document], batch_size: int = 32) -> Iterator[Doc]:
    """The spaCy docs of many documents, in order, parsed in batches (`nlp.pipe`)."""
    return blank_pipeline().pipe((d.text for d in documents), batch_size=batch_size)


class TooSlow(ValueError):
    """A document took longer than its time budget to extract (data/settings.csv max_seconds_per_document)."""


def time_budget() -> float:
    """Seconds one document may take (CONFLICT_DOCUMENT_SECONDS, else data/settings.csv)."""
    return float(os.environ.get("CONFLICT_DOCUMENT_SECONDS") or setting("max_seconds_per_document"))


def analyse(document: Document, doc: Doc | None = None) -> tuple[Doc, list[Sentence]]:
    """Split a document into sentences and annotate each one; `doc` is its parse when `parse` made it.
    Raises TooSlow when the document outruns its time budget, so that one document cannot hold a CPU."""
    deadline = time.monotonic() + time_budget()
    doc = doc if doc is not None else blank_pipeline()(document.text)
    m = matchers()
    place_spans = filter_spans([doc[s:e] for s, e in m.place_matches(doc)])
    actor_spans = _actor_spans(doc)
    unlisted = _unlisted_groups(doc, actor_spans)
    # "Sindhudesh Liberation Army": the unlisted name, not the listed "Army" inside it.
    actor_spans = sorted([(a, m) for a, m in actor_spans if not any(u.start <= a.start and a.end <= u.end for u, _ in unlisted)]
                         + unlisted, key=lambda x: x[0].start)
    # "Ghazni Khel police station": a village whose name starts with a known name is not that place.
    suffixes = set(cue_words("name_suffix"))
    place_spans = [p for p in place_spans if not (p.end < len(doc) and doc[p.end].text in suffixes)]
    # A group name that contains a place ("Balochistan Liberation Front") is not a place mention.
    place_spans = [p for p in place_spans if not any(a.start < p.end and p.start < a.end for a, _ in actor_spans)]
    unknown = _unknown_place_spans(doc, place_spans, [a for a, _ in actor_spans])
    place_spans = sorted(place_spans + unknown, key=lambda p: p.start)
    known_starts = {p.start for p in place_spans if p.label_ != "unknown"}
    triggers = _longest_triggers(m.triggers(doc))
    target_kind = {(s, e): row for row, s, e in m.target_matches(doc)}
    target_spans = filter_spans([doc[s:e] for s, e in target_kind])

    sentences: list[Sentence] = []
    previous_date = None
    recalling: int | None = None  # the paragraph an "It may be recalled that" opened
    paragraph_breaks = [mm.start() for mm in re.finditer(r"\n\s*\n", document.text)]
    chain_id = 0
    for sent in _clauses(doc, triggers):
        if time.monotonic() > deadline:
            raise TooSlow(f"extraction stopped after {time_budget():g} s: the document is too long or too tangled; "
                          "split it into its articles")
        in_dateline = sent.start_char < document.dateline_end and sent.end_char > document.dateline_start
        start = max(sent.start_char, document.dateline_end if in_dateline else 0)
        raw = document.text[start : sent.end_char]
        if not raw.strip():
            continue  # the blank between two lines, made a sentence of its own by the line-break rule
        start += len(raw) - len(raw.lstrip())
        end = start + len(raw.strip())
        text = document.text[start:end]
        span = doc.char_span(start, end, alignment_mode="expand")
        cues = frozenset(c[4] for c in _cue_doc_spans(span)[0])
        s = Sentence(
            index=len(sentences),
            start=start,
            end=end,
            text=text,
            paragraph=sum(b < start for b in paragraph_breaks),
            in_dateline=in_dateline,
            # ("Killed: 4 (3 police, 1 civilian)": a casualty box is the report's own figure, not furniture)
            furniture="" if _rules_box().match(text) else getattr(document.block_at(start), "kind", ""),
            cues=cues,
            span=span,
        )
        # Page furniture (headlines, captions, "Also read" links, chrome) never tells an incident of its own.
        # "It may be recalled that ...": what the rest of the paragraph tells is earlier news.
        recalling = recalling if recalling is not None and recalling == s.paragraph else (
            s.paragraph if "recall" in cues else None)
        s.background = bool(s.furniture) or "background" in cues or "correction" in cues or recalling is not None \
            or _is_history(text, document.date)
        # A clause split off its sentence ("..., while a suicide attacker struck a camp") is its own incident.
        s.separate = "separate" in cues or sent.start != _sentence_start(doc, sent.start)
        tail = _other_incident_tail(doc, sent, triggers)
        names_other_event = _take_triggers(s, doc, sent, triggers, tail)
        threats = cue_spans("threat", span)
        # "X warned it will execute the hostages" is a threat; "X carried out the attack and warned ..." is not.
        s.threat = bool(threats) and (not s.trigger_starts or start + threats[0][0] < min(s.trigger_starts))
        s.actors = [mention for span, mention in actor_spans if sent.start <= span.start < sent.end]
        s.targets = [
            TargetMention(_extend_left(span), target_kind[(span.start, span.end)]["target_type"],
                          target_kind[(span.start, span.end)]["side"], span.start_char)
            for span in target_spans
            if sent.start <= span.start < sent.end and not _is_speaker(doc, span)
        ]
        s.places, chain_id = _place_mentions(
            doc, [p for p in place_spans if sent.start <= p.start < sent.end], chain_id, known_starts
        )
        # "the operation targeted the cell behind Saturday's ambush": that date belongs to the ambush.
        s.date = None if names_other_event else find_date(text, document.date, previous_date)
        if s.date is not None:
            s.date = FoundDate(s.date.value, s.date.precision, s.date.start + start, s.date.end + start, s.date.reported)
            previous_date = s.date.value
        skip = [(s.date.start, s.date.end)] if s.date else []
        s.counts = find_counts(text, start, skip)
        if tail is not None:  # (the lead of a roundup: its second clause's figures are the other incident's)
            s.counts = [c for c in s.counts if c.start < doc[tail].idx]
        _drop_unattributed_state_tactics(s)
        s.no_casualties = says_no_casualties(text)
        if s.date is not None and (any(c.revised for c in s.counts) or s.counts and "toll_revised" in cues):
            # "The administration on Tuesday revised the toll from Monday's attack": the day the attack is named by
            s.date = _incident_day(text, start, document.date, previous_date) or s.date
        if s.date is not None and any(c.revised and c.category == "fatalities" for c in s.counts) \
                and not text[s.date.start - start : s.date.end - start].endswith(("'s", "’s")):
            # "The number of fatalities in the Mastung attack reached 60 on Sunday": the day of the revision (but
            # "the toll from Friday's bombing rose to 17" names the incident's day).
            s.date = replace(s.date, reported=True)
        if s.date is not None and s.date.precision == 1 and (document.date - s.date.value).days > PAST_DAYS \
                and not any(c.revised for c in s.counts):
            s.background = True  # "On October 2, a constable was injured ...": an earlier incident recalled
        if s.background and not s.furniture and recalling is None and "correction" not in cues and s.tactics \
                and s.counts and s.date and s.date.precision == 1 and 0 <= (document.date - s.date.value).days <= FRESH_DAYS:
            # "... late on Tuesday night, in the latest in a wave of attacks on police": an incident of the last few
            # days with its own toll is news, whatever its trailing clause says about the region.
            s.background = _is_history(text, document.date)
        first_in_paragraph = not sentences or sentences[-1].paragraph != s.paragraph
        s.roundup = first_in_paragraph and _opens_roundup(doc, sent, place_spans)
        s.separate = s.separate or s.roundup
        s.kind = _kind(s, span, document.date)
        s.background = s.kind in (FURNITURE, BACKGROUND)
        sentences.append(s)
    _carry_separation(sentences)
    _doubted_figures(sentences)
    return doc, sentences


def _incident_day(text: str, start: int, anchor: date, previous: date | None) -> FoundDate | None:
    """The day in "Monday's attack", "Sunday's bombing" (a weekday or date that owns an incident noun)."""
    for m in _incident_day_pattern().finditer(text):
        if is_date_word(m.group("day")):
            found = find_date(m.group(0), anchor, previous)
            if found is not None:
                return FoundDate(found.value, found.precision, found.start + start + m.start(),
                                 found.end + start + m.start(), False)
    return None


@lru_cache(maxsize=1)
def _incident_day_pattern() -> re.Pattern:
    nouns = "|".join(map(re.escape, cue_words("event_noun")))
    return re.compile(rf"\b(?P<day>[A-Z][a-z]+)['’]s\s+(?:[\w-]+\s+){{0,3}}?(?:{nouns})\b")


def _doubted_figures(sentences: list[Sentence]) -> None:
    """Figures in doubt count only when the event has no other figure of their kind (as fallbacks of no group):
    a figure the outlet could not check, in its sentence or the one before in the paragraph ('Officials said
    more than 20 Afghan fighters had been killed. Reuters could not verify the figures'), and a claim that is
    disputed ('said their forces had killed 15 soldiers, a claim the military rejected as baseless')."""
    for k, s in enumerate(sentences):
        before = sentences[k - 1] if k and sentences[k - 1].paragraph == s.paragraph else None
        told = None
        if "unverified" in s.cues:
            told = s if s.counts else before
        elif "denial" in s.cues:
            told = s if s.counts and s.kind == CLAIM else before if before and before.kind == CLAIM else None
        if told is not None:
            told.counts = [replace(c, fallback=True, group="") for c in told.counts]


@lru_cache(maxsize=1)
def _rules_box() -> re.Pattern:
    """A casualty box line: 'Killed: 4 (3 police, 1 civilian)', 'Injured: 11'."""
    return re.compile(r"\s*(?:[-•*]\s*)?(?:" + "|".join(map(re.escape, cue_words("casualty_box"))) + r")\s*:\s*\d",
                      re.IGNORECASE)


def _carry_separation(sentences: list[Sentence]) -> None:
    """'In another engagement on January 6 near Jani Khel, troops came under fire. In the ensuing exchange, three
    khwarij were killed': a separation cue in a sentence that names no incident marks the next one that does."""
    pending: Sentence | None = None
    for s in sentences:
        if s.background or s.kind != STORY:
            continue
        if "separate_lead" in s.cues and not s.tactics:
            pending = s
        elif s.tactics:
            if pending is not None and s.paragraph - pending.paragraph <= 1:
                s.separate, s.separated_by = True, pending.index
            pending = None


STORY = "story"
FURNITURE = "furniture"
BACKGROUND = "background"
TOTAL = "total"
REACTION = "reaction"
QUOTE = "quote"
AFTERMATH = "aftermath"
CLAIM = "claim"
SENTENCE_KINDS = (STORY, FURNITURE, BACKGROUND, TOTAL, REACTION, QUOTE, AFTERMATH, CLAIM)
"""What a sentence does in a report. Only story sentences tell incidents; the others support them
(a toll, a claimant, a place detail) or say nothing about them (furniture, background, totals)."""
SAYS_NOTHING = (FURNITURE, BACKGROUND, TOTAL)
"""Kinds that add nothing to any incident."""


def _news_of_an_earlier_act(s: Sentence, span: Span, published: date) -> bool:
    """'The bodies of two engineers abducted last month ... were found on Sunday': the time phrase dates what a
    participle tells of the victims; the sentence tells, with its own recent day and toll, what happened now."""
    fresh = s.date is not None and s.date.precision == 1 and 0 <= (published - s.date.value).days <= FRESH_DAYS
    after_participle = all(re.search(r"\b\w+(?:ed|en)\s+$", span.text[:a]) for a, _ in cue_spans("past", span))
    return fresh and bool(s.counts) and bool(s.tactics) and after_participle


def _kind(s: Sentence, span: Span, published: date) -> str:
    """The kind of a sentence (SENTENCE_KINDS), from the cue phrases of data/cues.csv."""
    if s.furniture:
        return FURNITURE
    if s.background or ("past" in s.cues and not _news_of_an_earlier_act(s, span, published)):
        return BACKGROUND
    # ("In all, four people were killed and five injured across the province on Thursday": two phrases of a sum)
    if "total" in s.cues and s.counts and ("plural_event" in s.cues or len(cue_spans("total", span)) > 1) \
            or "statistics" in s.cues:
        return TOTAL
    if "reaction" in s.cues:
        return REACTION
    if s.text[:1] and s.text[:1] in "“\"‘'":
        return QUOTE
    if "aftermath" in s.cues and not any(c.category == "fatalities" and not c.revised for c in s.counts):
        return AFTERMATH
    # ("Separately, the CTD claimed to have killed four militants in an intelligence-based operation": the forces'
    # own account of an operation of their own is how such an operation is reported.)
    # ("The CTD has claimed to have eliminated four terrorists in an exchange of fire": the forces, first named,
    # telling of a fight of their own, whatever the tactic's usual side)
    # (not "the Afghan defence ministry accused Pakistani forces of starting the firing": two parties)
    forces_account = bool(s.actors) and s.actors[0].side == "state" and any(
        s.acting_side(t) in ("state", "any") for t in s.strong_tactics) and len(
        {a.actor for a in s.actors if a.kind == "name"}) == 1
    if _claim_first(span, s.trigger_starts) and not (
            s.separate and any(s.acting_side(t) == "state" for t in s.strong_tactics)) and not forces_account:
        return CLAIM
    return STORY


def _claim_first(span: Span, trigger_starts: list[int]) -> bool:
    """'The BLA claimed that its fighters attacked the camp': the incident is told inside a claim."""
    text = span.text
    spans = [a for kind in ("responsibility", "claim", "denial") for a, b in cue_spans(kind, span)
             if not re.match(r"\s+(?:the\s+)?lives?\b", text[b:b + 12])]  # "claimed the lives of" is a toll
    return bool(spans) and (not trigger_starts or span.start_char + min(spans) < min(trigger_starts))


def _opens_roundup(doc: Doc, sent: Span, places: list[Span]) -> bool:
    """'In Kech district, ...', 'In Turbat, ...': a paragraph of a roundup starts with its place."""
    first = doc[sent.start]
    if first.lower_ != "in":
        return False
    place = next((p for p in places if sent.start < p.start <= sent.start + 3), None)
    if place is None:
        return False
    after = doc[place.end : min(place.end + 3, sent.end)]
    return any(t.text == "," for t in after[:2]) or (len(after) and after[0].lower_ in cue_words("chain_link"))


def _clauses(doc: Doc, triggers: list[tuple]) -> list[Span]:
    """Sentences, split where one sentence tells two incidents: "X ambushed a convoy, while a
    suicide attacker struck a camp hours later". A split needs a strong trigger on each side."""
    strong = sorted((s, row["tactic"]) for row, s, _ in triggers if row["strength"] == "strong")
    out = []
    for sent in doc.sents:
        start = sent.start
        for k in range(sent.start + 1, sent.end - 1):
            text = doc[k].text
            if not (text == ";" or (text == "," and doc[k + 1].lower_ in ("while", "whereas"))):
                continue
            before = {t for i, t in strong if start <= i < k}
            after = {t for i, t in strong if k < i < sent.end}
            if before and after and not _classes(before) & _classes(after):
                out.append(doc[start : k + 1])
                start = k + 1
        out.append(doc[start : sent.end])
    return out


def _take_triggers(s: Sentence, doc: Doc, sent: Span, triggers: list[tuple], tail: int | None) -> bool:
    """Put the sentence's triggers into its tactics, sides and trigger_starts (topics: every tactic named). True
    when the sentence names another event by its day ("the cell behind Saturday's ambush")."""
    references = []
    for row, ts, te in triggers:
        if sent.start <= ts and te <= sent.end:
            s.topics.add(row["tactic"])
        if tail is not None and ts > tail:
            continue
        if sent.start <= ts and te <= sent.end and not _is_hypothetical(doc, ts) and not _is_weapon_talk(doc, ts, row) \
                and not _is_plural_mention(doc, row, ts, te) and not _in_other_sense(doc, ts, te):
            reference = _back_reference(doc, ts)
            if reference == "day":
                references.append(row)
            if reference:
                continue
            if s.tactics.get(row["tactic"]) != "strong":
                s.tactics[row["tactic"]] = row["strength"]
            if row["actor1_side"]:
                s.sides[row["tactic"]] = row["actor1_side"]
            s.trigger_starts.append(doc[ts].idx)
    strong_reference = any(r["strength"] == "strong" for r in references)
    names_other_event = bool(references) and strong_reference and bool(s.strong_tactics)
    if references and not names_other_event:
        for row in references:  # "Tuesday's attack is one of the biggest": the sentence is about it
            s.tactics.setdefault(row["tactic"], row["strength"])
    return names_other_event


def _other_incident_tail(doc: Doc, sent: Span, triggers: list[tuple]) -> int | None:
    """Where a clause about another incident begins: "A policeman was killed in an attack on a checkpost, while
    a roadside bomb killed a tribal elder and his driver in Lakki Marwat" (a weak trigger before, a strong one of
    another kind after, which `_clauses` leaves in one sentence). The index of its comma, or None."""
    text = sent.text.lower()
    if ", while" not in text and ", whereas" not in text:
        return None
    for k in range(sent.start + 1, sent.end - 1):
        if not (doc[k].text == "," and doc[k + 1].lower_ in ("while", "whereas")):
            continue
        before = {row["tactic"] for row, i, _ in triggers if sent.start <= i < k}
        after = {row["tactic"] for row, i, _ in triggers if k < i < sent.end and row["strength"] == "strong"}
        if before and after and not _classes(before) & _classes(after):
            return k
    return None


def _classes(tactics: set[str]) -> set[tuple[str, str]]:
    """Every ACLED type the tactics may be coded as (against civilians or against the state)."""
    return set().union(*(_classes_of_tactic()[t] for t in tactics))


@lru_cache(maxsize=1)
def _classes_of_tactic() -> dict[str, frozenset[tuple[str, str]]]:
    out = {}
    for r in load_tactics().to_dict(orient="records"):
        pairs = {(r["event_type"], r["sub_event_type"])}
        if r["event_type_vs_state"]:
            pairs.add((r["event_type_vs_state"], r["sub_event_type_vs_state"]))
        out[r["tactic"]] = frozenset(pairs)
    return out


def _longest_triggers(found: list[tuple]) -> list[tuple]:
    """Drop a trigger that lies inside a longer one ("operation" inside "rescue operation")."""
    return [
        (row, s, e)
        for row, s, e in found
        if not any(s2 <= s and e <= e2 and (e2 - s2) > (e - s) for _, s2, e2 in found)
    ]


def _drop_unattributed_state_tactics(s: Sentence) -> None:
    """'The BLA said the operation was carried out by its fighters' is no security operation:
    a state-side tactic needs the state in the sentence when an armed group is named there."""
    # "militants" (generic) count as an armed group, unless they are the dead ("Air strikes killed seven militants")
    victims = {c.group for c in s.counts}
    sides = {a.side or "nonstate" for a in s.actors if not (a.kind == "generic" and a.text.lower() in victims)}
    if "state" in sides or "nonstate" not in sides:
        return
    for tactic in [t for t in s.tactics if s.acting_side(t) == "state"]:
        del s.tactics[tactic]


@lru_cache(maxsize=1)
def _tactic_side() -> dict[str, str]:
    return dict(zip(load_tactics()["tactic"], load_tactics()["actor1_side"]))


def _actor_spans(doc: Doc) -> list[tuple[Span, ActorMention]]:
    found = {(s, e): row for row, s, e in matchers().actors(doc)}
    spans = filter_spans([doc[s:e] for s, e in found])
    book = actor_book()
    out = []
    for span in spans:
        row = found[(span.start, span.end)]
        before = doc[max(0, span.start - 6) : span.start]
        out.append(
            (
                span,
                ActorMention(
                    actor=row["actor"],
                    subunit=row["subunit"],
                    kind=row["kind"],
                    side=book.actors[row["actor"]].side if row["actor"] in book.actors else "",
                    start=span.start_char,
                    end=span.end_char,
                    text=span.text,
                    suspected=has_cue("suspicion", before) and not _names_a_place_of(doc, span),
                ),
            )
        )
    return out


def _unlisted_groups(doc: Doc, known: list[tuple[Span, ActorMention]]) -> list[tuple[Span, ActorMention]]:
    """Armed groups data/actors.csv does not list, kept as written: a capitalised name holding a group word
    ("Sindhudesh Liberation Army") in a sentence that claims an attack, or introduced as a group ("a group
    calling itself Jaish-e-Hind"). Their mentions carry `unlisted`, for the analyst to add to the list."""
    # Tokens of listed armed groups: a name that holds one is that group ("BLA Majeed Brigade"), not a new one.
    taken = {i for span, m in known if m.side == "nonstate" or (span.start, span.end) in _own_spans(known)
             for i in range(span.start, span.end)}
    words = {w.casefold() for w in cue_words("group_word")}
    out = []
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and j not in taken and _in_name(doc, i, j):
            j += 1
        while j > i and not doc[j - 1].is_title and not doc[j - 1].is_upper:
            j -= 1  # a name ends on a capitalised word, not on a connector
        if j > i and doc[i].lower_ in cue_words("article"):
            i += 1  # "The Sindhudesh Liberation Army": the article is not part of the name
        if j - i >= 2 and doc[i].is_title:
            span = doc[i:j]
            parts = {p.casefold() for t in span for p in t.text.split("-")}
            if parts & words and _claimed_or_introduced(doc, i, j) and not default_gazetteer().lookup(span.text):
                out.append((span, ActorMention(actor=span.text, subunit="", kind="name", side="nonstate",
                                               start=span.start_char, end=span.end_char, text=span.text,
                                               unlisted=True)))
            i = j
        else:
            i += 1
    return out


def _claimed_or_introduced(doc: Doc, i: int, j: int) -> bool:
    """Is the name at tokens i..j in a sentence that claims an attack, or introduced as a group?"""
    sentence = doc[_sentence_start(doc, i) : max(j, _sentence_end(doc, i))]
    return has_cue("unlisted_group_intro", doc[max(0, i - 6) : i]) or has_cue("responsibility", sentence) \
        or has_cue("claim", sentence)


def _own_spans(known: list[tuple[Span, ActorMention]]) -> set[tuple[int, int]]:
    """Listed names of more than one word ("Pakistan Army"): they are whole names already."""
    return {(span.start, span.end) for span, _ in known if len(span) > 1}


def _in_name(doc: Doc, start: int, j: int) -> bool:
    """Can token j continue a group name begun at start? Capitalised words, and the particles and hyphens
    of transliterated names ("Lashkar-e-Islam", "Jaish ul Adl") between them."""
    token = doc[j]
    if j > start and doc[j].is_sent_start:
        return False
    if token.is_title or (token.is_upper and len(token) > 1 and j > start):
        return True
    return j > start and (token.text == "-" or token.lower_ in _name_particles()) and j + 1 < len(doc) and (
        doc[j + 1].is_title or doc[j + 1].text == "-" or doc[j + 1].lower_ in _name_particles())


@lru_cache(maxsize=1)
def _name_particles() -> frozenset[str]:
    return frozenset(cue_words("name_particle"))


def _sentence_end(doc: Doc, i: int) -> int:
    starts = doc.user_data.get("sentence_starts") or []
    start = _sentence_start(doc, i)
    return next((k for k in range(i + 1, len(doc)) if starts[k] != start), len(doc))


_MONTH_MENTION = re.compile(r"\b(?i:in|since|during|by|from|after|before|between|early|late|mid)[- ](?P<month>[A-Z][a-z]+)\b"
                            r"(?!\s+\d)")
_YEAR_MENTION = re.compile(
    r"\b(?i:in|since|during|by|from|after|before|between|the|a|an)\s+(?:(?i:early|late|mid)[- ])?"
    r"(?:(?P<month>[A-Z][a-z]+)\s+)?(?P<year>(?:19|20)\d\d)s?\b"
)


def _is_history(text: str, dateline: date) -> bool:
    """A sentence set in an earlier year or month ('In July 2023, a bombing ...', 'In March, ...') is history."""
    for m in _MONTH_MENTION.finditer(text):
        month = month_number(m.group("month"))
        # ("in December" in a paper of 27 January: a month ago at least)
        if month and ((dateline.month - month) % 12 >= 2
                      or (dateline.month - month) % 12 == 1 and dateline.day > PAST_DAYS):
            return True
    for m in _YEAR_MENTION.finditer(text):
        year = int(m.group("year"))
        month = month_number(m.group("month") or "") or (12 if year < dateline.year else dateline.month)
        if (dateline.year - year) * 12 + dateline.month - month > 2:
            return True
    return False


def _names_a_place_of(doc: Doc, span: Span) -> bool:
    """'suspected TTP hideouts': the suspicion is about the hideouts, not about who attacked."""
    return span.end < len(doc) and doc[span.end].lower_ in cue_words("group_property")


def _back_reference(doc: Doc, token_index: int) -> str:
    """How a trigger names an event told elsewhere: "day" for 'Saturday's ambush', "participle"
    for 'the abducted men', "" when it describes what happened."""
    if token_index < 1:
        return ""
    tok, before = doc[token_index], doc[token_index - 1]
    following = doc[token_index + 1] if token_index + 1 < len(doc) else None
    if before.lower_ == "the" and tok.lower_.endswith("ed") and following is not None and following.is_lower and following.is_alpha:
        return "participle"
    if token_index >= 2 and before.lower_ in ("'s", "’s") and is_date_word(doc[token_index - 2].lower_):
        return "day"
    return ""


def _is_speaker(doc: Doc, span: Span) -> bool:
    """'A senior police officer said ...': the police officer speaks, nobody attacked him."""
    after = doc[span.end : span.end + 3]
    words = [t.lower_ for t in after if not t.is_punct]
    return any(w in _speech_verbs() for w in words[:2])


@lru_cache(maxsize=1)
def _speech_verbs() -> frozenset[str]:
    return frozenset(cue_words("statement") + cue_words("claim"))


def _is_weapon_talk(doc: Doc, token_index: int, row: dict) -> bool:
    """'rocket launchers were recovered', 'armed with grenades': a weapon named, not used. Only triggers that
    name a weapon can be such talk ('militants armed with rifles stormed the post' is an attack). A trigger of a
    tactic that takes people followed by a thing ('took away a rifle') took no one."""
    if row["tactic"] in hostage_tactics() and has_cue("thing_taken", doc[token_index : token_index + 5]):
        return True
    return row["tactic"] in cue_words("weapon_tactic") and has_cue("weapons", doc[max(0, token_index - 6) : token_index + 4])


PAST_DAYS = 7
"""A sentence dated more than this many days before publication recalls an earlier incident."""
FRESH_DAYS = 3
"""An incident dated at most this many days before publication, with a trigger and a toll, is the report's news."""


def _is_plural_mention(doc: Doc, row: dict, start: int, end: int) -> bool:
    """'families of those who lose their lives in terrorist attacks': a plural names attacks in general unless a
    number or a word like 'simultaneous' counts them ('demanding that the government stop the quadcopter
    attacks', not 'two drone attacks')."""
    told = start > 0 and doc[start - 1].lower_ in cue_words("plural_counter")
    counted = told or start > 0 and doc[start - 1].like_num
    if row["strength"] == "weak":  # ("launched simultaneous attacks against military posts"; not "with 91 attacks")
        return doc[start:end].text.lower() in _plural_events() and not told
    phrase = " ~ " not in row["pattern"]  # ("helicopters carried out strikes" names what they did)
    return phrase and end - start > 1 and doc[end - 1].lower_ in _plural_events() and not counted \
        and not _tells_their_toll(doc, start, end)


def _tells_their_toll(doc: Doc, start: int, end: int) -> bool:
    """'Air strikes killed seven militants', 'seven civilians were killed in Pakistani air strikes': plural
    strikes with their own dead are these strikes, not strikes in general."""
    after = [t.lower_ for t in doc[end : min(len(doc), end + 2)]]
    before = [t.lower_ for t in doc[max(0, start - 4) : start]]
    verbs = _casualty_verbs()
    return any(w in verbs for w in after) or any(
        w in verbs and "in" in before[i + 1 :] for i, w in enumerate(before))


@lru_cache(maxsize=1)
def _casualty_verbs() -> frozenset[str]:
    return frozenset(w for k in ("fatalities", "injuries") for w in casualty_words(k) if " " not in w)


@lru_cache(maxsize=1)
def _plural_events() -> frozenset[str]:
    return frozenset(cue_words("plural_event"))


def _in_other_sense(doc: Doc, start: int, end: int) -> bool:
    """'in the operation theatre': a trigger word inside a phrase that means something else."""
    return any(c[4] == "other_sense" and c[0] <= start and end <= c[1]
               for c in _cue_doc_spans(doc[max(0, start - 4) : min(len(doc), end + 4)])[0])


def _is_hypothetical(doc: Doc, token_index: int) -> bool:
    """A trigger right after 'will', 'would', 'threatened to' describes no event."""
    window = doc[max(0, token_index - 5) : token_index]
    return has_cue("modal", window) and not any(t.lower_ == "if" for t in window)


def _extend_left(span: Span) -> str:
    """'passenger train' -> 'Jaffar Express passenger train': take capitalised words before a target."""
    doc, start = span.doc, span.start
    while start > _sentence_start(span.doc, span.start) and doc[start - 1].is_title and not doc[start - 1].is_sent_start:
        start -= 1
    return doc[start : span.end].text


@lru_cache(maxsize=1)
def _chain_glue() -> frozenset[str]:
    """Words that may stand between two names of one place chain ('Mashkaf, Dhadar, in Bolan district')."""
    return frozenset(cue_words("chain_glue")) | {",", "'s", "’s"}


def _starts_sentence(doc: Doc, i: int) -> bool:
    return doc[i].is_sent_start or i == 0 or doc[i - 1].is_space or doc[i - 1].text in ".!?\"“‘'("


def _unknown_place_spans(doc: Doc, known: list[Span], actors: list[Span]) -> list[Span]:
    """Capitalised names used as places ("the Baka Khel area", "a village called Gharib Kalay") that no gazetteer knows."""
    taken = {i for span in (*known, *actors) for i in range(span.start, span.end)}
    known_starts = {span.start for span in known}
    nouns, intros = set(cue_words("place_noun")), cue_words("place_intro")
    found = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.is_title and tok.is_alpha and i not in taken and not _starts_sentence(doc, i) and not tok.is_stop \
                and not is_date_word(tok.lower_):
            j = i
            while j - i < 4:
                if j + 1 < len(doc) and doc[j + 1].is_title and doc[j + 1].is_alpha and j + 1 not in taken:
                    j += 1
                elif j + 2 < len(doc) and doc[j + 1].text == "-" and doc[j + 2].is_alpha and j + 2 not in taken:
                    j += 2  # "Aab-e-Gum"
                else:
                    break
            after = doc[j + 1].lower_ if j + 1 < len(doc) else ""
            if after == "," and j + 3 < len(doc) and doc[j + 2].lower_ in cue_words("article"):
                after = doc[j + 3].lower_  # "Gharib Kalay, a village near Mir Ali"
            before = doc[max(0, i - 2) : i].text.lower()
            # "in Gulistan, Killa Abdullah": a name placed by the known place right after it.
            chained = before.endswith("in") and after == "," and j + 2 in known_starts
            # "the Hazarganji wholesale vegetable market": up to two plain words before the place noun.
            ahead = doc[j + 1 : j + 4]
            noun_at = next((k for k, t in enumerate(ahead) if t.lower_ in nouns), None)
            described = noun_at is not None and all(t.is_lower and t.is_alpha for t in ahead[:noun_at])
            if after in nouns or before.endswith(intros) or chained or described:
                span = Span(doc, i, j + 1, label="unknown")
                found.append(span)
            i = j + 1
        else:
            i += 1
    return found


def _is_water(doc: Doc, span: Span) -> bool:
    """'the Kurram river' is not Kurram district."""
    return span.end < len(doc) and doc[span.end].lower_ in cue_words("water")


def _place_mentions(doc: Doc, spans: list[Span], chain_id: int, known_starts: set[int]) -> tuple[list[PlaceMention], int]:
    """Tag each place span with its chain and whether it locates something or gives a direction."""
    direction = set(cue_words("direction"))
    out = []
    previous_end = None
    for span in spans:
        glue = doc[previous_end : span.start] if previous_end is not None else None
        # ("Dera Ismail Khan's Kulachi tehsil": a possessive links the two names too)
        joined = glue is not None and len(glue) <= 4 and all(t.lower_ in _chain_glue() for t in glue) and any(
            t.text == "," or t.lower_ in cue_words("chain_link") or t.lower_ in ("'s", "’s") for t in glue
        )
        if not joined:
            chain_id += 1
        before = doc[max(_sentence_start(doc, span.start), span.start - 4) : span.start]
        words = [t.lower_ for t in before if not t.is_punct]
        last = words[-1] if words else ""
        elsewhere = has_cue("not_event_place", before)
        # "residents of Kulachi, Paharpur and Bhakkar": a list of places shares the first one's role.
        listed = glue is not None and 0 < len(glue) <= 2 and all(t.text == "," or t.lower_ in _list_words() for t in glue)
        role = out[-1].role if (joined or listed) and out and out[-1].role else _place_role(doc, span, before)
        out.append(
            PlaceMention(
                surface=span.text,
                start=span.start_char,
                end=span.end_char,
                chain=chain_id,
                locative=not role and (joined or not (last in direction or elsewhere)),
                role=role,
                near=has_cue("near", before) and not joined,
                known=span.start in known_starts and not _is_water(doc, span),
                kind_hint="district" if span.end < len(doc) and doc[span.end].lower_ == "district" else "",
            )
        )
        previous_end = span.end
    return _unsupported_as_unknown(out), chain_id


def _place_role(doc: Doc, span: Span, before: Span) -> str:
    """Why a place is named when it is not where anything happened (data/cues.csv): an official's title
    ("the Kech deputy commissioner", "the Regional Police Officer of Dera Ismail Khan"), a route ("en route
    to Peshawar") or a home town ("a resident of Swabi"); "" otherwise."""
    cues = _cue_doc_spans(doc[max(0, span.start - 8) : min(len(doc), span.end + 8)])[0]  # only those nearby
    skip = 1 if span.end < len(doc) and (doc[span.end].lower_ in cue_words("admin_word") or doc[span.end].lower_ in ("'s", "’s")) else 0
    if any(c[4] == "title_word" and c[0] == span.end + skip for c in cues):
        return "title"
    # "the deputy commissioner of (Lower) South Waziristan"
    of = span.start - 1 if span.start >= 1 and doc[span.start - 1].lower_ == "of" else span.start - 2
    if of >= 1 and doc[of].lower_ == "of" and (of == span.start - 1 or doc[span.start - 1].is_title) and any(
            c[4] == "title_word" and c[1] == of for c in cues):
        return "title"
    clause = _clause_before(doc, span)
    if has_cue("route", clause) or any(c[4] == "route_after" and c[0] in (span.end, span.end + 1) for c in cues):
        return "route"
    if has_cue("home", clause):
        return "home town"
    # "The deceased were identified as A and B of Sadiqabad": who the victims were, and where they came from.
    if doc[span.start - 1].lower_ == "of" and has_cue("identification", doc[_sentence_start(doc, span.start) : span.start]):
        return "home town"
    return ""


@lru_cache(maxsize=1)
def _list_words() -> frozenset[str]:
    return frozenset(cue_words("list_word"))


def _clause_before(doc: Doc, span: Span, width: int = 9) -> Span:
    """Up to `width` tokens before a place, cut at the last comma or clause word ("travelling to the
    northwestern city of Peshawar", but not "via Rawalpindi when the explosion struck near Spezand")."""
    start = max(_sentence_start(doc, span.start), span.start - width)
    boundaries = set(cue_words("clause_boundary")) - {"and"}
    for k in range(span.start - 1, start - 1, -1):
        if doc[k].text in ",;:" or doc[k].lower_ in boundaries:
            return doc[k + 1 : span.start]
    return doc[start : span.start]


def _unsupported_as_unknown(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """A name whose only readings are villages across the border, with nothing in its chain to place it
    there, is kept like any unlisted village ("the Jani Khel area" of a Bannu report)."""
    gaz = default_gazetteer()
    out = []
    for m in mentions:
        context = [o.surface for o in mentions if o.chain == m.chain and o is not m and o.known]
        if m.known and not gaz.readable(m.surface, context):
            m = replace(m, known=False)
        out.append(m)
    return out
