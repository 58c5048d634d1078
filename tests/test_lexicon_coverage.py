"""Knowledge must be general: every lexicon entry that the seed report uses is also used by
at least one of the test reports written for this project. A seed-only entry is a defect."""

from __future__ import annotations

from pathlib import Path

from core.extraction.nlp import blank_pipeline, matchers

ROOT = Path(__file__).resolve().parents[1]


def _used(text: str) -> set[tuple[str, str]]:
    doc = blank_pipeline()(text)
    m = matchers()
    found = {("trigger", row["pattern"]) for row, _, _ in m.triggers(doc)}
    found |= {("alias", row["alias"]) for row, _, _ in m.actors(doc)}
    found |= {("target", row["pattern"]) for row, _, _ in m.target_matches(doc)}
    return found


def test_no_lexicon_entry_is_used_only_by_the_seed():
    seed = set().union(*(_used(p.read_text()) for p in (ROOT / "seeds").glob("*.txt")))
    corpus_files = [*(ROOT / "tests" / "corpus").glob("*.txt"), *(ROOT / "tests" / "corpus_holdout").glob("*.txt")]
    assert len(corpus_files) >= 8
    others = set().union(*(_used(p.read_text()) for p in corpus_files))
    assert seed, "the seed should use the lexicon"
    assert not sorted(seed - others)
