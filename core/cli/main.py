"""The command-line entry point: `python -m core <command>`. Each command lives in core/cli/commands/.

Command modules import only argparse at load time and what they need when they run, so that a quick
command (`geocode`) does not pay for spaCy, matplotlib or SQLAlchemy. Tests call `main(argv)` in-process.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import sys
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

import core.cli.commands

if TYPE_CHECKING:
    from core.reading.documents import Document, Given


def build_parser() -> argparse.ArgumentParser:
    """The parser with one sub-command per module in core/cli/commands/."""
    parser = argparse.ArgumentParser(prog="python -m core", description="Conflict-event pipeline commands.")
    sub = parser.add_subparsers(dest="command", required=True)
    for info in sorted(pkgutil.iter_modules(core.cli.commands.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"core.cli.commands.{info.name}")
        module.register(sub)
    return parser


def add_document_options(p: argparse.ArgumentParser) -> None:
    """--date and --place: what to use when a document does not say when and where it was published."""
    p.add_argument("--date", type=_iso_date, help="publication date YYYY-MM-DD, for documents that print none")
    p.add_argument("--place", help="dateline place, for documents that print none")


def add_store_options(p: argparse.ArgumentParser) -> None:
    """--db and --create: which store to use, and whether a new SQLite file may be made there."""
    p.add_argument("--db", help="database URL or SQLite file (default: DATABASE_URL or data/events.sqlite)")
    p.add_argument("--create", action="store_true", help="make a new SQLite store at --db if there is none")


def _iso_date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def given_of(args: argparse.Namespace, outlet: str | None = None, online: bool = False):
    """The user's --date, --place (and outlet, fetching leave) as core.reading's Given."""
    from core.reading.documents import Given

    return Given(date=args.date, place=args.place, outlet=outlet, online=online)


def register_per_file(sub: argparse._SubParsersAction, name: str, help_text: str, run: Callable) -> argparse.ArgumentParser:
    """Register a command of the form `NAME --json FILE...` whose `run(args)` prints one JSON array; its parser."""
    p = sub.add_parser(name, help=help_text)
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print a JSON array (the default and only format)")
    add_document_options(p)
    p.set_defaults(run=run)
    return p


def available_cpus() -> int:
    """The CPUs this process may run on (a `taskset` or container limit counts)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def print_json_per_file(args: argparse.Namespace, rows_of: Callable, workers: int = 1) -> int:
    """Read each file of args.files (a feed gives one document per item), print the rows of all of them as one
    JSON array; a bad file gets one error line on stderr and makes the exit code 1, and the others still count.

    `rows_of(documents)` gives the rows of all the documents read and the error lines of those it could not use;
    `workers` processes read the files of a large batch.
    """
    from core.store.parallel import in_chunks

    documents, failed = [], 0
    for read in in_chunks(partial(_read_files, given=given_of(args)), args.files, workers):
        if isinstance(read, str):
            print(f"error: {read}", file=sys.stderr)
            failed += 1
        else:
            documents.extend(read)
    rows, errors = rows_of(documents)
    for line in errors:
        print(f"error: {line}", file=sys.stderr)
    json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 1 if failed or errors else 0


def _read_files(paths: Sequence[str], given: Given) -> list[list[Document] | str]:
    """Each file's documents, or its one-line error."""
    from core.reading.documents import DocumentError, read_path

    out: list[list[Document] | str] = []
    for path in paths:
        try:
            out.append(read_path(path, given))
        except DocumentError as exc:
            out.append(str(exc))
    return out


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the process exit code."""
    args = build_parser().parse_args(argv)
    previous = os.environ.get("DATABASE_URL")
    try:
        if getattr(args, "db", None):
            from core.store.database import require_store

            # A typo in --db must not make an empty store and report success.
            args.db = require_store(args.db, create=getattr(args, "create", False))
            os.environ["DATABASE_URL"] = args.db
        return int(args.run(args) or 0)
    except BrokenPipeError:  # the reader (e.g. `| head`) stopped early; that is not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except ValueError as exc:
        from core.knowledge.datafiles import LexiconError
        from core.schema import SchemaError

        if not isinstance(exc, (LexiconError, SchemaError)):
            raise
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # the store's own failures: one line, and never the password
        from sqlalchemy.exc import SQLAlchemyError

        from core.store.database import StoreError, masked, shown_url

        if not isinstance(exc, (SQLAlchemyError, StoreError)):
            raise
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        hint = " (another program holds the store's lock; try again when it has finished)" if "locked" in reason else ""
        print(f"error: store {shown_url()}: {masked(reason)}{hint}", file=sys.stderr)
        return 2
    finally:
        if previous is None:
            os.environ.pop("DATABASE_URL", None)
        else:
            os.environ["DATABASE_URL"] = previous
