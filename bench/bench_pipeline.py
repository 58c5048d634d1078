"""Extraction and gazetteer speed.

Run: python -m bench.bench_pipeline
Targets (issue 2): 50+ documents per second for 500-word reports on one core;
100,000+ gazetteer lookups per second.
"""

from __future__ import annotations

import random
import re
import time
from pathlib import Path

from core.extraction.extract import extract_records
from core.extraction.nlp import matchers
from core.knowledge.gazetteer import default_gazetteer
from core.reading.documents import parse_document

ROOT = Path(__file__).resolve().parents[1]


def reports_of_about(words: int, count: int) -> list[bytes]:
    """Realistic reports of about `words` words, stitched from the annotated corpus texts."""
    texts = [p.read_text() for p in sorted((ROOT / "tests" / "corpus").glob("*.txt"))]
    bodies = [re.sub(r"\A\s*date \S+ [^:]+:\s*", "", t) for t in texts]
    rng = random.Random(7)
    out = []
    for i in range(count):
        parts, n = [], 0
        while n < words:
            body = rng.choice(bodies)
            parts.append(body)
            n += len(body.split())
        text = " ".join(" ".join(parts).split()[:words])
        out.append(f"date 2025-05-{1 + i % 28:02d} Quetta: {text}".encode())
    return out


def bench_extraction(count: int = 300, words: int = 500) -> tuple[float, float]:
    """(seconds to load the pipeline once, documents per second after that)."""
    started = time.perf_counter()
    matchers()
    load = time.perf_counter() - started
    docs = reports_of_about(words, count)
    started = time.perf_counter()
    for i, data in enumerate(docs):
        extract_records(parse_document(data, f"bench-{i}.txt"))
    return load, count / (time.perf_counter() - started)


def bench_gazetteer(n: int = 200_000) -> float:
    """Lookups per second for a mix of known, alias and unknown names."""
    gaz = default_gazetteer()
    names = ["Quetta", "Bolan", "D.I. Khan", "KP", "Turbat", "Mir Ali", "Nowhere", "Kachhi", "Bannu", "Mach"]
    queries = [names[i % len(names)] for i in range(n)]
    started = time.perf_counter()
    for q in queries:
        gaz.lookup(q)
    return n / (time.perf_counter() - started)


def main() -> int:
    """Print a Markdown table of the figures."""
    load, rate = bench_extraction()
    lookups = bench_gazetteer()
    print("| measure | result | target |")
    print("|---|---|---|")
    print(f"| pipeline start-up (spaCy, matchers, gazetteer) | {load:.1f} s | once per process |")
    print(f"| extraction, 500-word reports, one core | {rate:.0f} documents/s | 50 documents/s |")
    print(f"| gazetteer lookups | {lookups:,.0f} names/s | 100,000 names/s |")
    return 0 if rate >= 50 and lookups >= 100_000 else 1


if __name__ == "__main__":
    raise SystemExit(main())
