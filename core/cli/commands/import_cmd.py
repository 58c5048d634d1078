"""`python -m core import FILE [--format acled|gtd|ucdp]`: import an ACLED, GTD or UCDP GED file whole or not at all."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

PROGRESS_FROM = 20_000
"""Print progress lines for files with at least this many rows."""


def register(sub: argparse._SubParsersAction) -> None:
    """Add the command to the CLI."""
    from core.cli.main import add_store_options

    p = sub.add_parser("import", help="import an ACLED, GTD or UCDP GED file into the store")
    p.add_argument("file", type=Path, help="CSV (ACLED, GTD, UCDP GED) or XLSX (GTD)")
    p.add_argument("--format", choices=("acled", "gtd", "ucdp"), help="the file's format (detected from its header when absent)")
    p.add_argument("--who", default="import", help="name recorded in the audit log")
    add_store_options(p)
    p.set_defaults(run=run)


def _progress(done: int, total: int) -> None:
    if total >= PROGRESS_FROM:
        print(f"stored {done}/{total} rows", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    """Import; print the counts, or the bad-row report and exit 1 having stored nothing."""
    from core.store.database import shown_url
    from core.store.importers import import_file
    from core.store.importers.cells import ImportFailed
    from core.views.warm import warm_answers

    try:
        outcome = import_file(args.file, args.format, who=args.who, progress=_progress)
    except ImportFailed as exc:
        for line in exc.lines:
            print(f"error: {line}", file=sys.stderr)
        return 1
    warm_answers()
    print(f"imported {outcome.imported} rows ({outcome.new} new, {outcome.updated} updated), "
          f"merged {outcome.merged} duplicate reports -> {shown_url()}")
    return 0
