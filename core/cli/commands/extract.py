"""`python -m core extract --json FILE...`: print the events of each document as a JSON array.

A bad file gets a one-line error on stderr and a non-zero exit; the other files still count.
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Add the command to the CLI."""
    from core.cli.main import register_per_file

    register_per_file(sub, "extract", "extract events from documents", run)


def run(args: argparse.Namespace) -> int:
    """Print every document's events."""
    from core.cli.main import print_json_per_file
    from core.extraction.extract import extract_records
    from core.schema import events_from_records, to_records

    return print_json_per_file(args, lambda document: to_records(events_from_records(extract_records(document))))
