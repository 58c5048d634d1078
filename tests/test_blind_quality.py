"""Floors on extraction quality over reports the rules were never tuned on (tests/corpus_blind).

The blind reports are not used to develop rules; these tests only stop quality from sliding back.
Only summary figures are read. The figures are in bench/README.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.extraction_quality import score

BLIND = Path(__file__).parent / "corpus_blind"


@pytest.fixture(scope="module")
def blind():
    return score(BLIND)


def test_blind_field_accuracy_does_not_regress(blind):
    ok, total = sum(blind.checks_ok.values()), sum(blind.checks.values())
    assert blind.documents >= 10 and total > 100
    assert ok / total >= 0.80
    assert blind.event_count_ok >= 8


def test_blind_mentions_precision_and_recall(blind):
    m = blind.mentions
    assert m["tp"] / (m["tp"] + m["fp"]) >= 0.9
    assert m["tp"] / (m["tp"] + m["fn"]) >= 0.85
