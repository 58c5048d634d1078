"""Extraction quality against hand annotations: incidents found, false events, per-field accuracy, place mentions.

Run: python -m bench.extraction_quality [--details] [CORPUS_DIR ...]
(default: every annotated corpus under tests/). `--details` lists each document's mismatches: use it on
development sets only, never on the blind set (tests/corpus_realstyle_blind), whose summary alone is read.

Incidents are matched one to one: an extracted event matches an annotated incident when its source
sentences contain the incident's first sentence, or when its date is within a day and its place agrees
(within the annotation's tolerance, or the same district). Precision is the share of extracted events that
match an incident; recall the share of incidents matched.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from core.extraction.extract import DocumentAnalysis, analyse_document
from core.places.mentions import document_mentions
from core.reading.documents import Document, Given, NoDate, read_document, read_path
from tests.corpus_expectations import load, match_events, mismatches, within_km

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ("corpus", "corpus_holdout", "corpus_blind", "corpus_realstyle", "documents", "corpus_realstyle_blind")
FIELDS = ("event_date", "actor1", "fatalities", "injuries", "hostages", "admin1", "admin2", "near", "tactics_include")


@dataclass
class Score:
    """Counts for one corpus."""

    documents: int = 0
    event_count_ok: int = 0
    expected: int = 0
    extracted: int = 0
    matched: int = 0
    events_fully_ok: int = 0
    checks: Counter = field(default_factory=Counter)  # every annotated field, matched or not (old measure)
    checks_ok: Counter = field(default_factory=Counter)
    on_matched: Counter = field(default_factory=Counter)  # fields of matched incidents
    on_matched_ok: Counter = field(default_factory=Counter)
    mentions: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    def accuracy(self, name: str) -> float | None:
        n = self.on_matched[name]
        return self.on_matched_ok[name] / n if n else None


def read_annotated(folder: Path, annotation: dict) -> Document:
    """The annotated document; a report whose date the reader cannot find gets its annotated publication date,
    as an analyst would give it (--date)."""
    path = folder / annotation["document"]
    try:
        return read_document(path)
    except NoDate:
        if not annotation.get("publication_date"):
            raise
    return read_document(path, Given(date=date.fromisoformat(annotation["publication_date"])))


@cache
def analysed(path: Path) -> tuple[dict, Document, DocumentAnalysis]:
    """One annotated document and its extraction, computed once per process (tests and benches share it)."""
    annotation = load(path)
    document = read_annotated(path.parent, annotation)
    return annotation, document, analyse_document(document)


@cache
def analysed_feed(path: Path) -> tuple[dict, Document, DocumentAnalysis]:
    """A feed's items as one document's worth of events (their texts joined, for the checks that quote text)."""
    from dataclasses import replace

    annotation = load(path)
    analyses = [analyse_document(d) for d in read_path(path.parent / annotation["document"])]
    joined = replace(analyses[0].document, text="\n\n".join(a.document.text for a in analyses))
    records = [r for a in analyses for r in a.records]
    return annotation, joined, DocumentAnalysis(joined, records, [], {})


def _sentence_hit(expected: dict, event: dict) -> bool:
    needle = expected.get("sentence_contains")
    return bool(needle) and any(needle in x["text"] for x in event["source_excerpt"])


def _place_hit(expected: dict, event: dict) -> bool:
    if "near" in expected and event.get("latitude") is not None:
        near = expected["near"]
        if within_km(near, event["latitude"], event["longitude"]):
            return True
    return bool(expected.get("admin2")) and expected["admin2"] == event.get("admin2")


def _date_hit(expected: dict, event: dict) -> bool:
    if "event_date" not in expected:
        return True
    return abs((date.fromisoformat(expected["event_date"]) - date.fromisoformat(event["event_date"])).days) <= 1


def incident_pairs(expected: list[dict], events: list[dict]) -> list[tuple[int, int]]:
    """One-to-one matches (expected index, event index), strongest evidence first."""
    scored = []
    for i, exp in enumerate(expected):
        for j, ev in enumerate(events):
            sentence, when, where = _sentence_hit(exp, ev), _date_hit(exp, ev), _place_hit(exp, ev)
            if sentence or (when and where):
                scored.append((-(2 * sentence + when + where), i, j))
    pairs, used_i, used_j = [], set(), set()
    for _, i, j in sorted(scored):
        if i not in used_i and j not in used_j:
            pairs.append((i, j))
            used_i.add(i)
            used_j.add(j)
    return pairs


def _role_key(surface: str) -> str:
    return " ".join(surface.replace(")", "").casefold().split())


def score(folder: Path, details: bool = False) -> Score:
    """Score one annotated corpus folder."""
    s = Score()
    for path in sorted(folder.glob("*.expected.json")):
        if load(path).get("expected_error"):
            continue  # a bad input: tests/test_reading.py checks its refusal
        if "items" in load(path):
            annotation, document, analysis = analysed_feed(path)
        else:
            annotation, document, analysis = analysed(path)
        events, expected = analysis.records, annotation["events"]
        s.documents += 1
        s.event_count_ok += len(events) == annotation["event_count"]
        s.expected += len(expected)
        s.extracted += len(events)
        # The old measure: every annotated field of every expected event, against its closest extracted event.
        for exp, got, issues in match_events(annotation, events, document.text):
            s.events_fully_ok += not issues
            for key in exp:
                if key not in ("notes",):
                    s.checks[key] += 1
                    s.checks_ok[key] += got is not None and not mismatches({key: exp[key]}, got, document.text)
        pairs = incident_pairs(expected, events)
        s.matched += len(pairs)
        for i, j in pairs:
            for key in FIELDS:
                if key in expected[i]:
                    s.on_matched[key] += 1
                    wrong = mismatches({key: expected[i][key]}, events[j], document.text)
                    s.on_matched_ok[key] += not wrong
                    if wrong and details:
                        s.problems.append(f"{path.name}: incident {i + 1}: {wrong[0]}")
        if details:
            for i in sorted(set(range(len(expected))) - {i for i, _ in pairs}):
                s.problems.append(f"{path.name}: incident {i + 1} not found ({expected[i].get('sentence_contains', '')[:60]!r})")
            for j in sorted(set(range(len(events))) - {j for _, j in pairs}):
                text = events[j]["source_excerpt"][0]["text"][:70] if events[j]["source_excerpt"] else ""
                s.problems.append(f"{path.name}: false event {events[j]['event_type']} on {events[j]['event_date']}: {text!r}")
        if annotation.get("mentions"):
            _score_mentions(s, annotation, document, analysis, path.name, details)
    return s


def _score_mentions(s: Score, annotation: dict, document: Document, analysis: DocumentAnalysis, name: str,
                    details: bool) -> None:
    found = document_mentions(document, analysis)
    roles: dict[str, set[str]] = {}
    for surface, role in zip(found["surface"], found["role"]):
        for part in surface.split(" ("):
            roles.setdefault(_role_key(part), set()).add(role)
    expected = {_role_key(m["surface"]): m["role"] for m in annotation.get("mentions", [])}
    hits = set(expected) & set(roles)
    s.mentions["tp"] += len(hits)
    s.mentions["fn"] += len(set(expected) - set(roles))
    s.mentions["fp"] += len(set(roles) - set(expected))
    s.mentions["role_ok"] += sum(expected[k] in roles[k] for k in hits)
    if details:
        s.problems += [f"{name}: mention {k!r}: role {expected[k]}, got {sorted(roles[k])}"
                       for k in sorted(hits) if expected[k] not in roles[k]]


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}"


def summary(name: str, s: Score) -> str:
    """The Markdown summary of one corpus."""
    m = s.mentions
    mp = m["tp"] / max(m["tp"] + m["fp"], 1)
    mr = m["tp"] / max(m["tp"] + m["fn"], 1)
    ok, total = sum(s.checks_ok.values()), sum(s.checks.values())
    fields = ", ".join(f"{k} {_pct(s.accuracy(k))} (n={s.on_matched[k]})" for k in FIELDS if s.on_matched[k])
    return "\n".join([
        f"### {name}: {s.documents} documents, {s.expected} annotated incidents, {s.extracted} extracted events",
        f"- incidents found (recall) {_pct(s.recall)}; extracted events that are incidents (precision) "
        f"{_pct(s.precision)}; event count right in {s.event_count_ok}/{s.documents} documents",
        f"- on matched incidents: {fields}",
        f"- annotated field checks right: {ok}/{total} ({ok / max(total, 1):.0%}); "
        f"incidents with every field right: {s.events_fully_ok}/{s.expected}",
        f"- place mentions: precision {mp:.2f}, recall {mr:.2f}, role right for {m['role_ok']}/{m['tp']} found",
    ])


def main(argv: list[str]) -> int:
    """Print a Markdown summary for each corpus folder (and, with --details, each mismatch)."""
    parser = argparse.ArgumentParser(prog="python -m bench.extraction_quality")
    parser.add_argument("--details", action="store_true", help="list mismatches (development sets only)")
    parser.add_argument("folders", nargs="*", type=Path)
    args = parser.parse_args(argv)
    folders = args.folders or [ROOT / "tests" / c for c in CORPORA]
    for folder in folders:
        if "blind" in folder.name and args.details:
            print(f"(skipping details for {folder.name}: blind sets are read by their summary only)", file=sys.stderr)
        s = score(folder, details=args.details and "blind" not in folder.name)
        print(summary(folder.name, s))
        for line in s.problems:
            print(f"  - {line}")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
