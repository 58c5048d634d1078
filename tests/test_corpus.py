"""The extractor against hand-annotated reports that it was not written around."""

from __future__ import annotations

import pytest

from core.documents import read_document
from core.extract import extract_records
from tests.corpus_expectations import CORPUS, expectation_files, load, match_events


@pytest.fixture(scope="module", params=[p.name for p in expectation_files()])
def case(request):
    annotation = load(CORPUS / request.param)
    document = read_document(CORPUS / annotation["document"])
    return annotation, document, extract_records(document)


def test_event_count(case):
    annotation, _, events = case
    assert len(events) == annotation["event_count"], [e["notes"] for e in events]


def test_each_expected_event_matches(case):
    annotation, document, events = case
    problems = [
        f"event {i} ({exp.get('sentence_contains', '')[:40]!r}): {issue}"
        for i, (exp, _, issues) in enumerate(match_events(annotation, events, document.text))
        for issue in issues
    ]
    assert not problems, "\n".join(problems)


def test_background_never_becomes_an_event(case):
    annotation, _, events = case
    excerpts = " ".join(x["text"] for e in events for x in e["source_excerpt"])
    leaked = [phrase for phrase in annotation.get("not_in_any_event", []) if phrase in excerpts]
    assert not leaked
