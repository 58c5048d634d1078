"""`python -m core geonames`: re-extract data/gazetteer/geonames.csv from GeoNames (needs requirements-dev.txt)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    """Add the command to the CLI."""
    p = sub.add_parser("geonames", help="re-extract the GeoNames towns of data/gazetteer/geonames.csv")
    p.add_argument("--out", type=Path, default=None, help="file to write (default: data/gazetteer/geonames.csv)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Extract and report how many towns were written."""
    from core.knowledge.gazetteer import GEONAMES_FILE
    from core.places.geonames import extract_geonames

    out = args.out or GEONAMES_FILE
    try:
        n = extract_geonames(out)
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {n} GeoNames towns to {out}")
    return 0
