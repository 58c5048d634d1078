"""The command-line entry point. Each command lives in its own module under core/commands/."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

import core.commands
from core.lexicon import LexiconError
from core.schema import SchemaError


def build_parser() -> argparse.ArgumentParser:
    """The parser with one sub-command per module in core/commands/."""
    parser = argparse.ArgumentParser(prog="python -m core", description="Conflict-event pipeline commands.")
    sub = parser.add_subparsers(dest="command", required=True)
    for info in sorted(pkgutil.iter_modules(core.commands.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"core.commands.{info.name}")
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the process exit code."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except (LexiconError, SchemaError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
