"""The reader against pages, pasted texts, wire copy and feeds in the style of real outlets (tests/documents).

Each document's annotation says when and where it was published and how that is printed, who wrote it
for which outlet, which lines are furniture (kept, not story), which are story, and which page chrome
must be gone. Bad inputs say the reason in one line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.reading.documents import DocumentError, read_path
from core.reading.language import story_text

HERE = Path(__file__).parent / "documents"
CASES = sorted(HERE.glob("*.expected.json"))
SOURCES = {"metadata": "metadata", "published line": "published line", "dateline": "written dateline"}


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module", params=CASES, ids=lambda p: p.name.removesuffix(".expected.json"))
def case(request):
    expected = json.loads(request.param.read_text(encoding="utf-8"))
    try:
        return expected, read_path(HERE / expected["document"]), None
    except DocumentError as exc:
        return expected, [], str(exc)


def test_bad_input_gets_its_one_line_reason(case):
    expected, documents, error = case
    if not expected.get("expected_error"):
        assert error is None, error
        return
    assert error is not None and "\n" not in error, documents
    assert expected["expected_error"].split()[0].casefold() in error.casefold()


def test_date_place_and_source_are_read_as_printed(case):
    expected, documents, error = case
    if error or "items" in expected:
        return
    (doc,) = documents
    assert doc.date.isoformat() == expected["publication_date"]
    assert doc.date_source == SOURCES[expected["date_source"]]
    assert (doc.updated or doc.date).isoformat() == (expected.get("updated_date") or expected["publication_date"])
    assert doc.dateline_place == expected.get("dateline_place")
    assert (doc.outlet, doc.url, doc.title) == (expected.get("outlet"), expected.get("url"), expected["title"])
    assert (doc.author or "").casefold() == (expected.get("author") or "").casefold()


def test_furniture_is_kept_but_is_not_story(case):
    expected, documents, error = case
    if error or "items" in expected:
        return
    (doc,) = documents
    story = _norm(story_text(doc.text, doc.blocks))
    furniture = [_norm(doc.text[b.start:b.end]) for b in doc.blocks]
    assert all(any(_norm(s) in f for f in furniture) for s in expected["furniture"])
    assert all(_norm(s) in story for s in expected["narrative_contains"])
    assert not [s for s in expected["narrative_excludes"] if _norm(s) in story]


def test_feeds_give_one_dated_document_per_item(case):
    expected, documents, error = case
    if error or "items" not in expected:
        return
    assert [(d.title, d.url, d.date.isoformat(), d.author) for d in documents] == [
        (i["title"], i["url"], i["publication_date"], i["author"]) for i in expected["items"]]
    assert all(d.outlet and d.kind == "feed item" for d in documents)
    full = [("full text" in d.note) for d in documents]
    assert full == [i["has_full_text"] for i in expected["items"]]


def test_every_real_style_page_gets_its_date_right():
    """The bench's figure: the share of these documents whose publication date is read correctly (100%)."""
    right = total = 0
    for path in CASES:
        expected = json.loads(path.read_text(encoding="utf-8"))
        if expected.get("expected_error"):
            continue
        documents = read_path(HERE / expected["document"])
        dates = [i["publication_date"] for i in expected["items"]] if "items" in expected else [
            expected["publication_date"]]
        total += len(dates)
        right += sum(d.date.isoformat() == e for d, e in zip(documents, dates))
    assert total >= 20 and right == total
