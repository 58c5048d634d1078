"""`python -m core mentions --json FILE...`: every place each document names, as a JSON array."""

from __future__ import annotations

import argparse

from core.cli import print_json_per_file
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
    return print_json_per_file(args.files, lambda document: to_records(document_mentions(document)))
