"""Extraction quality against hand annotations: event counts, per-field accuracy, mention precision/recall.

Run: python -m bench.extraction_quality [CORPUS_DIR ...]   (default: tests/corpus and tests/corpus_holdout)
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from core.extraction.documents import read_document
from core.extraction.extract import analyse_document
from core.places.mentions import document_mentions
from tests.corpus_expectations import load, match_events, mismatches

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [ROOT / "tests" / "corpus", ROOT / "tests" / "corpus_holdout"]


def score(folder: Path) -> dict:
    """Counts of checks passed and failed, by field, plus mention detection figures."""
    fields_ok: Counter[str] = Counter()
    fields_all: Counter[str] = Counter()
    docs = count_ok = events_ok = events_all = 0
    tp = fp = fn = role_ok = 0
    for path in sorted(folder.glob("*.expected.json")):
        annotation = load(path)
        document = read_document(folder / annotation["document"])
        analysis = analyse_document(document)
        docs += 1
        count_ok += len(analysis.records) == annotation["event_count"]
        for exp, got, issues in match_events(annotation, analysis.records, document.text):
            events_all += 1
            events_ok += not issues
            for key in exp:
                if key in ("notes",):
                    continue
                fields_all[key] += 1
                if got is not None and not [i for i in mismatches({key: exp[key]}, got, document.text)]:
                    fields_ok[key] += 1
        found = document_mentions(document, analysis)
        found_roles = {}
        for surface, role in zip(found["surface"], found["role"]):
            for part in surface.replace(")", "").split(" ("):
                found_roles.setdefault(part, set()).add(role)
        expected = {m["surface"]: m["role"] for m in annotation.get("mentions", [])}
        tp += len(set(expected) & set(found_roles))
        fn += len(set(expected) - set(found_roles))
        fp += len(set(found_roles) - set(expected))
        role_ok += sum(expected[s] in found_roles[s] for s in set(expected) & set(found_roles))
    return {
        "documents": docs, "event_count_ok": count_ok, "events": events_all, "events_fully_ok": events_ok,
        "fields": {k: (fields_ok[k], fields_all[k]) for k in sorted(fields_all)},
        "mentions": {"tp": tp, "fp": fp, "fn": fn, "role_ok": role_ok},
    }


def main(argv: list[str]) -> int:
    """Print a Markdown summary for each corpus folder."""
    for folder in [Path(a) for a in argv] or DEFAULT:
        s = score(folder)
        m = s["mentions"]
        precision = m["tp"] / max(m["tp"] + m["fp"], 1)
        recall = m["tp"] / max(m["tp"] + m["fn"], 1)
        print(f"### {folder.name}: {s['documents']} documents, {s['events']} annotated events")
        print(f"- event count right in {s['event_count_ok']}/{s['documents']} documents; "
              f"events with every annotated field right: {s['events_fully_ok']}/{s['events']}")
        print(f"- place mentions (distinct surface forms): precision {precision:.2f}, recall {recall:.2f}, "
              f"role right for {m['role_ok']}/{m['tp']} found")
        print("- field accuracy: " + ", ".join(f"{k} {ok}/{n}" for k, (ok, n) in s["fields"].items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
