"""`python -m core mentions --json FILE...`: every place each document names, as a JSON array."""

from __future__ import annotations

import argparse
import json
import sys

from core.documents import DocumentError, read_document
from core.mentions import document_mentions
from core.schema import to_records


def register(sub: argparse._SubParsersAction) -> None:
    """Add the command to the CLI."""
    p = sub.add_parser("mentions", help="list the place mentions of documents")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print a JSON array (the default and only format)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the mentions; bad files get a one-line error each and a non-zero exit."""
    rows, failed = [], 0
    for path in args.files:
        try:
            rows.extend(to_records(document_mentions(read_document(path))))
        except DocumentError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
    json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 1 if failed else 0
