"""`python -m core extract --json FILE...`: print the events of each document as a JSON array.

A bad file gets a one-line error on stderr and a non-zero exit; the other files still count.
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Add the command to the CLI."""
    from core.cli.main import register_per_file

    p = register_per_file(sub, "extract", "extract events from documents", run)
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="processes that extract a large batch (default: the CPUs this process may use)")


def run(args: argparse.Namespace) -> int:
    """Print every document's events: one batch (parsed with nlp.pipe, one event table), each file's events
    in turn, a file repeated printed again."""
    from core.cli.main import available_cpus, print_json_per_file
    from core.schema import to_records
    from core.store.pipeline import extract_documents

    def rows_of(documents: list) -> tuple[list[dict], list[str]]:
        batch = extract_documents(documents, workers=workers)
        by_document: dict[str, list[dict]] = {}
        for record in to_records(batch.events):
            by_document.setdefault(record["source"]["document_id"], []).append(record)
        return [r for d in documents for r in by_document.get(d.doc_id, [])], batch.errors

    workers = args.jobs or available_cpus()
    return print_json_per_file(args, rows_of, workers)
