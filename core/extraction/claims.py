"""Claims and counter-claims: who says what about an incident, kept with the claimant.

A claim is a statement attributed to a party to the conflict (an armed group, the security
forces, the authorities). Statements by unnamed or local sources are sourcing, not claims.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Span

from core.extraction.sentences import ActorMention, Sentence, cue_spans, has_cue
from core.knowledge.lexicon import cue_words
from core.schema import CLAIM_KINDS

_QUOTE = re.compile(r"[“\"]([^”\"]{3,}?)[”\"]")
_MIN_CONTENT_WORDS = 2


@dataclass
class Claim:
    """One claim. `claimant` is an actor name, or "" for a generic reference resolved later."""

    claimant: str
    claim: str
    kind: str
    start: int
    end: int
    claimant_generic: bool = False
    disputed_by: list[str] = field(default_factory=list)
    sentence: int = -1

    def as_record(self) -> dict:
        """The JSON form stored in the event table's `claims` field."""
        return {
            "claimant": self.claimant,
            "claim": self.claim,
            "kind": self.kind,
            "disputed_by": sorted(set(self.disputed_by)),
            "start": self.start,
            "end": self.end,
        }


def _verbs(where: Span | str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the claim, denial and responsibility verbs in a sentence span (or a string)."""
    text = where if isinstance(where, str) else where.text
    nouns = [a for a, _ in cue_spans("event_noun", where)]
    found = []
    for kind in CLAIM_KINDS:
        for a, b in cue_spans(kind, where):
            if not any(a < y and x < b for x, y, _ in found):
                # "claimed both attacks", "claimed the sabotage": responsibility for an incident.
                if kind == "claim" and any(b < n and len(text[b:n].split()) <= 3 for n in nouns):
                    kind = "responsibility"
                found.append((a, b, kind))
    return sorted(found)


def _is_party(m: ActorMention) -> bool:
    return m.kind != "" and m.side != "civilian"


def sentence_claims(sentence: Sentence) -> list[Claim]:
    """Claims made in one sentence, split into one clause per claimant."""
    text, base = sentence.text, sentence.start
    where = sentence.span if sentence.span is not None else text
    verbs = _verbs(where)
    parties = [a for a in sentence.actors if _is_party(a)]
    attributed: list[tuple[ActorMention, int, str]] = []  # claimant, clause start (relative), kind
    unclaimed = cue_spans("unclaimed", where)
    for a, b, kind in verbs:
        if kind == "responsibility" and any(x < b and (a < y or len(text[y:a].split()) <= 3) for x, y in unclaimed):
            continue  # "Police said ..., but no group had claimed responsibility": nobody's claim
        claimant = _claimant_for(text, base, a, b, parties)
        if claimant is None and kind == "responsibility" and not attributed and not has_cue("unclaimed", where):
            # "The pamphlets claimed responsibility": a claim whose author the sentence does not name.
            claimant = ActorMention("", "", "generic", "", base, base, "")
        if claimant is None:
            # "X said ... that its fighters had carried out the bombing": the verb belongs to X's clause.
            if attributed and CLAIM_KINDS.index(kind) < CLAIM_KINDS.index(attributed[-1][2]):
                attributed[-1] = (attributed[-1][0], attributed[-1][1], kind)
            continue
        clause_start = min(claimant.start - base, a)
        if attributed and attributed[-1][0].actor == claimant.actor and attributed[-1][0].kind == claimant.kind:
            prev = attributed[-1]
            if CLAIM_KINDS.index(kind) < CLAIM_KINDS.index(prev[2]):
                attributed[-1] = (prev[0], prev[1], kind)
            continue
        attributed.append((claimant, max(0, clause_start), kind))
    claims = []
    carry: int | None = None  # start of a dropped clause ("The BLA claims, however,"), given to the next
    for i, (claimant, start, kind) in enumerate(attributed):
        end = attributed[i + 1][1] if i + 1 < len(attributed) else len(text)
        start = carry if carry is not None else _clause_start(text, start)
        carry = None
        clause = text[start:end].strip(" ,;")
        clause = _leading_conjunction().sub("", clause)
        if kind not in ("responsibility", "denial") and _content_words(text[_verb_end(verbs, start, end) : end]) < _MIN_CONTENT_WORDS:
            carry = start
            continue
        claims.append(
            Claim(
                claimant=claimant.actor,
                claim=clause,
                kind=kind,
                start=base + text.index(clause, start),
                end=base + text.index(clause, start) + len(clause),
                claimant_generic=claimant.kind == "generic",
                sentence=sentence.index,
            )
        )
    if len({c.claimant for c in claims}) > 1 and cue_spans("contrast", where):
        for earlier, later in itertools.pairwise(claims):
            if earlier.claimant != later.claimant:
                earlier.disputed_by.append(later.claimant or "")
    return claims


@cache
def _leading_conjunction() -> re.Pattern:
    words = sorted({*cue_words("contrast"), "and"}, key=len, reverse=True)
    return re.compile(r"^(?:" + "|".join(re.escape(w) for w in words) + r")\s+", re.IGNORECASE)


def _content_words(text: str) -> int:
    function_words = set(cue_words("function_word"))
    return sum(w.lower() not in function_words for w in re.findall(r"[\w'’-]+", text))


def _verb_end(verbs: list[tuple[int, int, str]], start: int, end: int) -> int:
    """The end of the first claim verb of the clause text[start:end]."""
    return next((b for a, b, _ in verbs if start <= a and b <= end), start)


def _clause_start(text: str, start: int) -> int:
    """Move back to the start of the clause (after the previous comma or sentence start)."""
    cut = max(text.rfind(",", 0, start), text.rfind(";", 0, start))
    return cut + 1 if cut >= 0 else 0


def _claimant_for(text: str, base: int, a: int, b: int, parties: list[ActorMention]) -> ActorMention | None:
    """The party that makes the statement at text[a:b]: 'X said', 'rejected by X', 'said X'."""
    after_by = re.match(r"\s+by\s+", text[b:])
    if after_by:
        for p in parties:
            if p.start - base >= b and p.start - base <= b + after_by.end() + 25:
                return p
    # "Lashkar-e-Islam, a militant outfit that once held Bara, claimed ...": the named group, not the apposition.
    before = [p for p in parties if p.end - base <= a and a - (p.end - base) <= 120
              and not re.search(r"[.;:]", text[p.end - base : a])]
    named = [p for p in before if p.kind != "generic"]
    near = [p for p in before if a - (p.end - base) <= 60]
    # "Hizbul Ahrar, a splinter faction of the banned TTP, claimed ...": the group named in the apposition is not
    # the claimant.
    while len(named) > 1 and text[named[-1].end - base : a].lstrip().startswith(",") \
            and "," in text[named[-2].end - base : named[-1].start - base]:
        named.pop()
        near = [p for p in near if p.end <= named[-1].end] or near
    if named and (not near or near[-1].kind == "generic" or near[-1].end <= named[-1].end):
        return named[-1]
    if near:
        return near[-1]
    after = [p for p in parties if p.start - base >= b and (p.start - base) - b <= 40]
    inverted = re.search(r"[,”\"]\s*$", text[:a])  # '..., said police' / '” stated sources in ...'
    if after and inverted and re.match(r"^[\s,]*(?:the\s+|a\s+|an\s+|sources?\s+(?:in|from|within)\s+(?:the\s+)?)?$", text[b : after[0].start - base], re.IGNORECASE):
        return after[0]
    return None


def _verbs_after_quote(rest: str, start: int, sentence: Sentence) -> list[tuple[int, int, str]]:
    """`_verbs` of the words after a quote, read from the parsed sentence where they line up with its tokens
    (a string is parsed anew)."""
    lead = len(rest) - len(rest.lstrip())
    span = sentence.span.doc.char_span(start + lead, sentence.end) if sentence.span is not None else None
    if span is None or span.text != rest[lead:]:
        return _verbs(rest)
    return [(a + lead, b + lead, kind) for a, b, kind in _verbs(span)]


def quoted_claims(text: str, sentences: list[Sentence]) -> list[Claim]:
    """Quoted speech attributed to a party just after (or before) the quote: '"...," said police.'"""
    claims = []
    for m in _QUOTE.finditer(text):
        tail_sentence = next((s for s in sentences if s.start <= m.end() - 1 < s.end), None)
        if tail_sentence is None:
            continue
        rest = text[m.end() : tail_sentence.end]
        parties = [a for a in tail_sentence.actors if _is_party(a) and a.start >= m.end()]
        verbs = _verbs_after_quote(rest, m.end(), tail_sentence)
        if not parties or not verbs or verbs[0][0] > 40:
            continue
        claimant = parties[0]
        if claimant.start - m.end() > 70:
            continue
        content = m.group(1).strip().rstrip(",")
        claims.append(
            Claim(
                claimant=claimant.actor,
                claim=content,
                kind=verbs[0][2],
                start=m.start(1),
                end=m.start(1) + len(content),
                claimant_generic=claimant.kind == "generic",
                sentence=tail_sentence.index,
            )
        )
    return claims
