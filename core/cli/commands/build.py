"""`python -m core build`: rebuild the event store and its CSV copy from every document in seeds/."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.cli.main import add_document_options, add_store_options, available_cpus, given_of
from core.views.plural import counted

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
PROGRESS_FROM = 20
"""Show a progress bar from this many documents on."""


def register(sub: argparse._SubParsersAction) -> None:
    """Add the command to the CLI."""
    p = sub.add_parser("build", help="rebuild the event table from the seed documents")
    p.add_argument("--seeds", type=Path, default=SEEDS, help="folder of documents (default: seeds/)")
    p.add_argument("--csv", type=Path, default=None, help="where to write the CSV copy (default: data/events.csv)")
    add_document_options(p)
    p.add_argument("--allow-empty", action="store_true", help="let an empty seeds folder empty the store")
    add_store_options(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Build, store, report; exit 1 when any file was bad (the good ones are still stored)."""
    from tqdm import tqdm

    from core.store.database import shown_url
    from core.store.writing import CSV_COPY, save_build, write_csv_copy
    from core.views.warm import warm_answers

    args.csv = args.csv or CSV_COPY
    from core.store.pipeline import build_events, document_paths

    if not args.seeds.is_dir():
        print(f"error: {args.seeds} is not a folder: nothing built, the store is unchanged", file=sys.stderr)
        return 2
    paths = document_paths(args.seeds)
    if not paths and not args.allow_empty:
        # An empty build would replace every built event with none.
        print(f"error: no documents in {args.seeds}: nothing built, the store is unchanged "
              "(pass --allow-empty to empty it)", file=sys.stderr)
        return 2
    bar = tqdm(total=len(paths), unit="doc", disable=len(paths) < PROGRESS_FROM, file=sys.stderr)

    def advance(done: int, total: int) -> None:
        bar.total = total  # documents, which a feed can make many of
        bar.update(done - bar.n)

    result = build_events(paths, progress=advance, given=given_of(args), workers=available_cpus())
    bar.close()
    save_build(result.events, result.documents, mentions=result.mentions)
    warm_answers()
    write_csv_copy(result.events, args.csv)
    for line in result.errors:
        print(f"error: {line}", file=sys.stderr)
    print(
        f"{counted(len(result.events), 'event')} and {counted(len(result.mentions), 'place mention')} from "
        f"{counted(len(result.documents), 'document')}"
        f" -> {shown_url()} and {args.csv}"
    )
    return 1 if result.errors else 0
