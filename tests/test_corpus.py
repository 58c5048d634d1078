"""The extractor against hand-annotated reports.

tests/corpus was written blind and then used to develop the rules; tests/corpus_holdout was
written blind later and first scored without any change to the rules (see bench/README.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.extraction_quality import analysed
from tests.corpus_expectations import match_events

HERE = Path(__file__).parent
CASES = sorted([*(HERE / "corpus").glob("*.expected.json"), *(HERE / "corpus_holdout").glob("*.expected.json")])

@pytest.fixture(scope="module", params=CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def case(request):
    path = request.param
    annotation, document, analysis = analysed(path)  # each document is extracted once per test session
    return f"{path.parent.name}/{path.name}", annotation, document, analysis.records


def test_event_count(case):
    _, annotation, _, events = case
    assert len(events) == annotation["event_count"], [e["notes"] for e in events]


def test_each_expected_event_matches(case):
    _, annotation, document, events = case
    problems = [
        f"event {i} ({exp.get('sentence_contains', '')[:40]!r}): {issue}"
        for i, (exp, _, issues) in enumerate(match_events(annotation, events, document.text))
        for issue in issues
    ]
    assert not problems, "\n".join(problems)


def test_background_never_becomes_an_event(case):
    _, annotation, _, events = case
    excerpts = " ".join(x["text"] for e in events for x in e["source_excerpt"])
    leaked = [phrase for phrase in annotation.get("not_in_any_event", []) if phrase in excerpts]
    assert not leaked
