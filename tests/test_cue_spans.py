"""The cue phrases of data/cues.csv reach the extractor through spaCy's SpanRuler, in doc.spans."""

import pytest

from core.extraction.extract import analyse_document
from core.extraction.nlp import CUE_SPANS, blank_pipeline
from core.extraction.sentences import has_cue, parse
from core.knowledge.lexicon import word_cue_kinds
from core.reading.documents import parse_document


def test_the_cue_ruler_writes_labelled_spans_to_the_doc():
    doc = blank_pipeline()("The chief minister condemned the attack. Funeral prayers were offered later.")
    labels = {(span.text.lower(), span.label_) for span in doc.spans[CUE_SPANS]}
    assert ("condemned", "reaction") in labels
    assert ("funeral prayers", "aftermath") in labels


def test_a_span_and_a_string_read_the_same_cues():
    text = "Security forces cordoned off the area after the blast."
    doc = blank_pipeline()(text)
    assert has_cue("aftermath", doc[:]) == has_cue("aftermath", text) is True
    assert not has_cue("reaction", doc[:])


def test_batches_give_the_same_events_as_one_by_one():
    documents = [
        parse_document(b"date 2025-03-02 Quetta: Two policemen were martyred when gunmen opened fire on a "
                       b"checkpost in Quetta on Saturday. The chief minister condemned the attack.", "a.txt"),
        parse_document(b"date 2025-03-03 Bannu: A soldier was martyred in a blast in Bannu on Sunday.", "b.txt"),
    ]
    batched = [analyse_document(d, doc).records for d, doc in zip(documents, parse(documents), strict=True)]
    single = [analyse_document(d).records for d in documents]
    assert batched == single
    assert [len(r) for r in batched] == [1, 1]


def test_word_lists_are_not_spans_and_cannot_be_asked_for_as_spans():
    doc = blank_pipeline()("The militants and the police exchanged fire in the area.")
    labels = {span.label_ for span in doc.spans[CUE_SPANS]}
    assert labels.isdisjoint(word_cue_kinds())
    with pytest.raises(ValueError, match="article"):
        has_cue("article", doc[:])


def test_every_word_list_kind_is_a_cue_kind_of_the_data():
    from core.knowledge.lexicon import load_cues
    assert word_cue_kinds() and word_cue_kinds() <= set(load_cues())
