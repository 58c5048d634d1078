"""`python -m core extract --json FILE...`: print the events of each document as a JSON array.

A bad file gets a one-line error on stderr and a non-zero exit; the other files still count.
"""

from __future__ import annotations

import argparse

from core.cli.main import add_per_file_command
from core.extraction.extract import extract_events
from core.schema import to_records


def register(sub: argparse._SubParsersAction) -> None:
    """Add the command to the CLI."""
    add_per_file_command(sub, "extract", "extract events from documents",
                         lambda document: to_records(extract_events(document)))
