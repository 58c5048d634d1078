"""`python -m core add PATH_OR_URL... [--date D] [--place P] [--source NAME] [--online]`: add documents to the store.

Files (.txt, .html, .pdf), RSS and Atom feeds (one document per item) and, with --online, web addresses.
Documents already stored (same text, or same canonical URL) are skipped, so re-adding a feed adds only its
new items. A progress bar runs above 20 documents; a summary line ends the run; each refused input gets
one line saying why, and the others still count.
"""

from __future__ import annotations

import argparse
import sys

from core.cli.main import add_document_options, add_store_options, given_of
from core.views.plural import counted

PROGRESS_FROM = 20


def register(sub: argparse._SubParsersAction) -> None:
    """Add the command to the CLI."""
    p = sub.add_parser("add", help="add documents, feeds or (with --online) web pages to the store")
    p.add_argument("inputs", nargs="+", metavar="PATH_OR_URL")
    add_document_options(p)
    p.add_argument("--source", help="the outlet's name, for documents that do not say it")
    p.add_argument("--online", action="store_true", help="fetch web addresses and feed items' article pages")
    p.add_argument("--who", default="cli", help="name recorded in the audit log (default: cli)")
    add_store_options(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Read, skip what is known, extract and store; exit 1 when any input or document was refused."""
    from tqdm import tqdm

    from core.reading.documents import read_inputs
    from core.store.database import shown_url
    from core.store.ingest import add_documents

    documents, refused = read_inputs(args.inputs, given_of(args, outlet=args.source, online=args.online))
    bar = tqdm(total=len(documents), unit="doc", disable=len(documents) <= PROGRESS_FROM, file=sys.stderr)
    outcome = add_documents(documents, args.who, progress=lambda i, n: bar.update(1))
    bar.close()
    for line in [*refused, *outcome.errors]:
        print(f"error: {line}", file=sys.stderr)
    print(f"added {counted(outcome.documents, 'document')} ({counted(outcome.events, 'event')}, {outcome.merged} merged with stored "
          f"reports), skipped {len(outcome.known)} already stored, refused {len(refused) + len(outcome.errors)}"
          f" -> {shown_url()}")
    return 1 if refused or outcome.errors else 0
