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


@pytest.mark.parametrize("folder", ["corpus_realstyle", "documents"])
def test_real_style_reports_keep_the_issue_targets(folder):
    """The development sets written in outlets' styles (tests/corpus_realstyle, tests/documents) stay at or
    above the targets of issue 11: precision 0.85, recall 0.92, fatalities 0.85, coordinates 0.85."""
    s = score(Path(__file__).parent / folder)
    assert s.documents >= 15
    assert s.precision >= 0.85 and s.recall >= 0.92
    assert s.accuracy("fatalities") >= 0.85
    assert s.accuracy("near") >= 0.85


@pytest.mark.parametrize("folder", [f"corpus_casualties{n}" for n in ("", 2, 3, 4, 5, 6, 7, 8)])
def test_the_casualty_sets_keep_the_issue_targets(folder):
    """The development sets about death tolls and injury counts (tests/corpus_casualties*) stay at or above
    issue 11's targets for incidents and fatalities."""
    s = score(Path(__file__).parent / folder)
    assert s.documents >= 20
    assert s.precision >= 0.85 and s.recall >= 0.92
    assert s.accuracy("fatalities") >= 0.85 and s.accuracy("injuries") >= 0.85
