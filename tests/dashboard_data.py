"""Test data for the dashboard tests: the annotated corpus built into a throwaway store, and hostile rows."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from bench.synthetic import synthetic_events
from core.schema import validate_events
from core.store.pipeline import BuildResult, build_events
from core.store.writing import save_build

CORPUS = Path(__file__).resolve().parent / "corpus"
HOSTILE = '<script>alert("x")</script><img src=x onerror="alert(1)">'


@lru_cache(maxsize=1)
def corpus_build() -> BuildResult:
    """Every report in tests/corpus, extracted once per test session."""
    return build_events(sorted(CORPUS.glob("*.txt")))


def corpus_events() -> pd.DataFrame:
    """The corpus events (a copy, so tests cannot disturb each other)."""
    return corpus_build().events.copy()


def hostile_events() -> pd.DataFrame:
    """Two SYNTHETIC events whose text fields carry script and onerror injections."""
    events = synthetic_events(2, seed=7)
    events["notes"] = HOSTILE
    events["location"] = HOSTILE
    events["actor1"] = ["Baloch Liberation Army", HOSTILE]
    events["claims"] = [[{"claimant": HOSTILE, "claim": HOSTILE, "kind": "responsibility", "disputed_by": [HOSTILE]}]] * 2
    events["source_excerpt"] = [[{"start": 0, "end": 10, "text": HOSTILE}]] * 2
    events["source"] = [{"document_id": "synthetic", "title": HOSTILE}] * 2
    return validate_events(events)


def corpus_store(folder: Path) -> str:
    """Write the corpus events and documents to an SQLite store in `folder`; returns its URL."""
    url = f"sqlite:///{folder / 'events.sqlite'}"
    result = corpus_build()
    save_build(result.events, result.documents, url, mentions=result.mentions)
    return url
