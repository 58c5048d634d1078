"""`python -m core mentions --json FILE...`: every place each document names, as a JSON array.

A bad file gets a one-line error on stderr and a non-zero exit; the other files still count.
"""

from __future__ import annotations

import argparse

from core.cli.main import add_per_file_command
from core.places.mentions import document_mentions
from core.schema import to_records


def register(sub: argparse._SubParsersAction) -> None:
    """Add the command to the CLI."""
    add_per_file_command(sub, "mentions", "list the place mentions of documents",
                         lambda document: to_records(document_mentions(document)))
