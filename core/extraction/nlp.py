"""The spaCy layer: a blank English pipeline and matchers compiled from the data files.

Trigger patterns in data/tactic_triggers.csv use a small notation that analysts can edit:
  ``a|b|c``        alternatives (each may be several words)
  `` ~ ``          a gap of up to three words between two parts
  ``[vehicle]``    any word of a word class from data/word_classes.csv
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from core.knowledge.actors import actor_book
from core.knowledge.gazetteer import default_gazetteer
from core.knowledge.lexicon import load_cues, load_targets, load_triggers, load_word_classes, word_cue_kinds

GAP_WORDS = 3
CUE_SPANS = "cues"
"""The doc.spans key where the cue ruler puts the cue phrases of data/cues.csv, labelled with their kind."""


@lru_cache(maxsize=1)
def blank_pipeline() -> Language:
    """Blank English with a rule-based sentencizer: no model to download. A line break also ends a sentence,
    so that a headline or caption without a full stop is never read as one sentence with the story."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("line_breaks")
    ruler = nlp.add_pipe("span_ruler", name="cue_ruler",
                         config={"spans_key": CUE_SPANS, "phrase_matcher_attr": "LOWER", "validate": False})
    # (Word lists, data/word_cue_kinds.csv, would put a span on nearly every 'the', 'and' and 'in' of a document.)
    ruler.add_patterns([{"label": kind, "pattern": phrase.lower()}
                        for kind, phrases in load_cues().items() if kind not in word_cue_kinds() for phrase in phrases])
    return nlp


def cue_ruler():
    """The pipeline's SpanRuler of cue phrases, to run on a fragment made with `nlp.make_doc`."""
    return blank_pipeline().get_pipe("cue_ruler")


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


def compile_pattern(pattern: str) -> re.Pattern:
    """One trigger pattern with gaps or word classes as a case-insensitive regular expression.

    The token Matcher's gap operator was the slowest part of extraction; a regex over the text
    finds the same spans, which are then aligned to tokens.
    """
    parts = []
    for part in pattern.split(" ~ "):
        alts = []
        for alt in part.split("|"):
            alt = alt.strip()
            if alt.startswith("[") and alt.endswith("]"):
                alts.extend(re.escape(w) for w in load_word_classes()[alt[1:-1]])
            else:
                alts.append(r"\s+".join(re.escape(w) for w in alt.split()))
        parts.append("(?:" + "|".join(sorted(alts, key=len, reverse=True)) + ")")
    gap = rf"(?:\s+[\w'’-]+){{0,{GAP_WORDS}}}\s+"
    return re.compile(r"(?<![\w-])" + gap.join(parts) + r"(?![\w-])", re.IGNORECASE)


def _is_acronym(alias: str) -> bool:
    return len(alias) <= 6 and sum(c.isupper() for c in alias) >= 2


@dataclass(frozen=True)
class Matchers:
    """All matchers for one pipeline, with the data rows their match ids point to."""

    trigger_phrases: PhraseMatcher
    trigger_gaps: tuple[tuple[int, re.Pattern], ...]
    actors_exact: PhraseMatcher
    actors_lower: PhraseMatcher
    targets: PhraseMatcher
    places: PhraseMatcher
    places_caps: PhraseMatcher
    trigger_rows: tuple[dict, ...]
    alias_rows: tuple[dict, ...]
    target_rows: tuple[dict, ...]

    def triggers(self, doc: Doc) -> list[tuple[dict, int, int]]:
        """(trigger row, start token, end token) for every tactic trigger in doc."""
        found = _with_rows(doc, self.trigger_phrases(doc), self.trigger_rows)
        text = doc.text  # spaCy joins the tokens anew on every access
        for i, regex in self.trigger_gaps:
            for m in regex.finditer(text):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is not None:
                    found.append((self.trigger_rows[i], span.start, span.end))
        return found

    def actors(self, doc: Doc) -> list[tuple[dict, int, int]]:
        """(alias row, start, end) for every actor alias in doc."""
        return _with_rows(doc, [*self.actors_exact(doc), *self.actors_lower(doc)], self.alias_rows)

    def place_matches(self, doc: Doc) -> list[tuple[int, int]]:
        """(start, end) of every gazetteer name in doc, as written or in capitals ("TURBAT:", "PANJGUR, Pakistan")."""
        found = [(s, e) for _, s, e in self.places(doc)]
        found += [(s, e) for _, s, e in self.places_caps(doc)
                  if all(t.is_upper for t in doc[s:e] if t.is_alpha) and any(len(t) > 2 for t in doc[s:e])]
        # "Shah-e-Mardan of Kalat District": a name inside a hyphenated one is not that place.
        return [(s, e) for s, e in found if not _hyphen_joined(doc, s, e)]

    def target_matches(self, doc: Doc) -> list[tuple[dict, int, int]]:
        """(target row, start, end) for every target phrase in doc."""
        return _with_rows(doc, self.targets(doc), self.target_rows)


def _hyphen_joined(doc: Doc, start: int, end: int) -> bool:
    """Part of a name joined by an Urdu particle ('Shah-e-Mardan', 'Bab-ul-...'), not the place it contains
    (the 'Quetta-Karachi highway' still names both)."""
    def particle(i: int) -> bool:
        return 0 <= i < len(doc) and doc[i].is_lower and len(doc[i]) <= 3
    before = start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ and particle(start - 2)
    after = end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and particle(end + 1)
    return before or after


def _with_rows(doc: Doc, matches: list, rows: tuple[dict, ...]) -> list[tuple[dict, int, int]]:
    return [(rows[int(doc.vocab.strings[mid].split(":")[1])], s, e) for mid, s, e in matches]


@lru_cache(maxsize=1)
def matchers() -> Matchers:
    """Compile every data file into matchers once per process.

    Patterns without a gap go to a PhraseMatcher, which is much faster than the token Matcher.
    """
    nlp = blank_pipeline()
    trigger_rows = tuple(load_triggers().to_dict(orient="records"))
    trigger_phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
    trigger_gaps = []
    for i, row in enumerate(trigger_rows):
        pattern = row["pattern"]
        if " ~ " in pattern or "[" in pattern:
            trigger_gaps.append((i, compile_pattern(pattern)))
        else:
            trigger_phrases.add(f"trigger:{i}", [nlp.make_doc(p.strip().lower()) for p in pattern.split("|")])

    alias_rows = tuple({"alias": a.alias, "actor": a.actor, "subunit": a.subunit, "kind": a.kind}
                       for a in actor_book().aliases)
    actors_exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    actors_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    for i, row in enumerate(alias_rows):
        alias = row["alias"]
        if _is_acronym(alias):
            actors_exact.add(f"actor:{i}", [nlp.make_doc(alias)])
        else:
            actors_lower.add(f"actor:{i}", [nlp.make_doc(alias.lower())])

    target_rows = tuple(load_targets().to_dict(orient="records"))
    targets = PhraseMatcher(nlp.vocab, attr="LOWER")
    for i, row in enumerate(target_rows):
        targets.add(f"target:{i}", [nlp.make_doc(p.strip().lower()) for p in row["pattern"].split("|")])

    places = PhraseMatcher(nlp.vocab, attr="ORTH")
    names = sorted(default_gazetteer().surface_forms)
    places.add("place", list(nlp.tokenizer.pipe(names)))
    places_caps = PhraseMatcher(nlp.vocab, attr="LOWER")
    places_caps.add("place", list(nlp.tokenizer.pipe(n.lower() for n in names)))
    return Matchers(
        trigger_phrases, tuple(trigger_gaps), actors_exact, actors_lower, targets, places, places_caps, trigger_rows, alias_rows, target_rows
    )
