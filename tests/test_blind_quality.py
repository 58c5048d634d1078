"""A floor on extraction quality over reports the rules were never tuned on (tests/corpus_blind).

The blind reports are not used to develop rules; this test only stops quality from sliding
back. The figures are in bench/README.md.
"""

from __future__ import annotations

from pathlib import Path

from bench.extraction_quality import score

BLIND = Path(__file__).parent / "corpus_blind"


def test_blind_field_accuracy_does_not_regress():
    result = score(BLIND)
    ok = sum(passed for passed, _ in result["fields"].values())
    total = sum(count for _, count in result["fields"].values())
    assert result["documents"] >= 10 and total > 100
    assert ok / total >= 0.80, result["fields"]
    assert result["event_count_ok"] >= 8


def test_blind_mentions_precision_and_recall():
    m = score(BLIND)["mentions"]
    assert m["tp"] / (m["tp"] + m["fp"]) >= 0.9
    assert m["tp"] / (m["tp"] + m["fn"]) >= 0.85
