"""`python -m core mentions --json FILE...`: every place each document names, as a JSON array.

A bad file gets a one-line error on stderr and a non-zero exit; the other files still count.
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Add the command to the CLI."""
    from core.cli.main import register_per_file

    register_per_file(sub, "mentions", "list the place mentions of documents", run)


def run(args: argparse.Namespace) -> int:
    """Print every document's place mentions."""
    from core.cli.main import print_json_per_file
    from core.places.mentions import document_mentions
    from core.schema import to_records

    return print_json_per_file(args, lambda documents: ([r for d in documents for r in to_records(document_mentions(d))],
                                                        []))
