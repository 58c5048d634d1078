"""The spaCy layer: a blank English pipeline and matchers compiled from the data files.

Trigger patterns in data/tactic_triggers.csv use a small notation that analysts can edit:
  ``a|b|c``        alternatives (each may be several words)
  `` ~ ``          a gap of up to three words between two parts
  ``[vehicle]``    any word of a word class from data/word_classes.csv
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher

from core.gazetteer import default_gazetteer
from core.lexicon import load_actor_aliases, load_targets, load_triggers, load_word_classes

GAP = {"IS_PUNCT": False, "OP": "{0,3}"}


@lru_cache(maxsize=1)
def blank_pipeline() -> Language:
    """Blank English with a rule-based sentencizer: no model to download."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _token_specs(nlp: Language, phrase: str) -> list[list[dict]]:
    """Token patterns for one alternative of a pattern part."""
    phrase = phrase.strip()
    if phrase.startswith("[") and phrase.endswith("]"):
        words = load_word_classes()[phrase[1:-1]]
        return [[{"LOWER": {"IN": [w.lower() for w in words]}}]]
    return [[{"LOWER": t.lower_} for t in nlp.make_doc(phrase)]]


def compile_pattern(nlp: Language, pattern: str) -> list[list[dict]]:
    """Expand one trigger pattern into spaCy Matcher patterns."""
    parts = []
    for part in pattern.split(" ~ "):
        alts: list[list[dict]] = []
        for alt in part.split("|"):
            alts.extend(_token_specs(nlp, alt))
        parts.append(alts)
    expanded = []
    for combo in itertools.product(*parts):
        spec: list[dict] = []
        for i, piece in enumerate(combo):
            if i:
                spec.append(dict(GAP))
            spec.extend(piece)
        expanded.append(spec)
    return expanded


def _is_acronym(alias: str) -> bool:
    return len(alias) <= 6 and sum(c.isupper() for c in alias) >= 2


@dataclass(frozen=True)
class Matchers:
    """All matchers for one pipeline; each match id's string is a row key into its table."""

    triggers: Matcher
    actors_exact: PhraseMatcher
    actors_lower: PhraseMatcher
    targets: PhraseMatcher
    places: PhraseMatcher


@lru_cache(maxsize=1)
def matchers() -> Matchers:
    """Compile every data file into matchers once per process."""
    nlp = blank_pipeline()
    triggers = Matcher(nlp.vocab)
    for i, row in load_triggers().iterrows():
        triggers.add(f"trigger:{i}", compile_pattern(nlp, row["pattern"]))

    actors_exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    actors_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    for i, row in load_actor_aliases().iterrows():
        alias = row["alias"]
        if _is_acronym(alias):
            actors_exact.add(f"actor:{i}", [nlp.make_doc(alias)])
        else:
            actors_lower.add(f"actor:{i}", [nlp.make_doc(alias.lower())])

    targets = PhraseMatcher(nlp.vocab, attr="LOWER")
    for i, row in load_targets().iterrows():
        targets.add(f"target:{i}", [nlp.make_doc(p.strip().lower()) for p in row["pattern"].split("|")])

    places = PhraseMatcher(nlp.vocab, attr="ORTH")
    names = sorted(default_gazetteer().surface_forms)
    places.add("place", list(nlp.tokenizer.pipe(names)))
    return Matchers(triggers, actors_exact, actors_lower, targets, places)
