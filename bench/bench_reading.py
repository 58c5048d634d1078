"""Reading speed and date accuracy on the real-style documents of tests/documents.

- HTML pages per second: every saved web page read (trafilatura, htmldate, furniture marking, language check)
  in one process after start-up, repeated;
- the share of documents (pages, pasted texts, wire copy, feed items) whose publication date is read right.

Run: .venv/bin/python -m bench.bench_reading [--repeat 20]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from core.reading.documents import DocumentError, read_path

DOCS = Path(__file__).resolve().parents[1] / "tests" / "documents"


def main(argv: list[str]) -> int:
    """Print the two figures as a Markdown table."""
    parser = argparse.ArgumentParser(prog="python -m bench.bench_reading")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    pages = sorted(p for p in DOCS.glob("*.html") if not json.loads(
        p.with_name(p.name.removesuffix(".html") + ".expected.json").read_text()).get("expected_error"))
    for page in pages:  # start-up: trafilatura, lingua's models, the gazetteer
        read_path(page)
    start = time.perf_counter()
    for _ in range(args.repeat):
        for page in pages:
            read_path(page)
    per_second = args.repeat * len(pages) / (time.perf_counter() - start)
    sizes = sum(p.stat().st_size for p in pages) / len(pages) / 1024
    right = total = 0
    for path in sorted(DOCS.glob("*.expected.json")):
        expected = json.loads(path.read_text())
        if expected.get("expected_error"):
            continue
        try:
            documents = read_path(DOCS / expected["document"])
        except DocumentError:
            documents = []
        dates = [i["publication_date"] for i in expected["items"]] if "items" in expected else [
            expected["publication_date"]]
        total += len(dates)
        right += sum(d.date.isoformat() == e for d, e in zip(documents, dates))
    print("| measure | result |")
    print("|---|---:|")
    print(f"| HTML pages read per second ({len(pages)} pages of {sizes:.0f} KB on average, one core) | {per_second:.0f} |")
    print(f"| publication date read right (tests/documents: pages, pasted texts, wire copy, feed items) | "
          f"{right}/{total} ({right / total:.0%}) |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
