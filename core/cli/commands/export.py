"""`python -m core export --format acled|csv|geojson --out FILE`: write every stored event.

`acled` writes ACLED's own layout (imported ACLED rows come back field for field); `csv` and `geojson`
are the dashboard's downloads (core.views.exports) of the whole store.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.views.plural import counted


def register(sub: argparse._SubParsersAction) -> None:
    """Add the command to the CLI."""
    from core.cli.main import add_store_options

    p = sub.add_parser("export", help="write every stored event as ACLED CSV, our CSV or GeoJSON")
    p.add_argument("--format", required=True, choices=("acled", "csv", "geojson"))
    p.add_argument("--out", required=True, type=Path, help="file to write")
    add_store_options(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Export; exit 1 with a one-line message when the file cannot be written."""
    from core.store.database import shown_url
    from core.store.importers.acled_export import write_acled_csv
    from core.store.reading import load_events, load_import_rows
    from core.views.exports import to_csv, to_geojson

    events = load_events()
    try:
        if args.format == "acled":
            write_acled_csv(events, load_import_rows(), args.out)
        else:
            args.out.write_bytes(to_csv(events) if args.format == "csv" else to_geojson(events))
    except OSError as exc:
        print(f"error: cannot write {args.out}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {counted(len(events), 'event')} to {args.out} ({args.format}) from {shown_url()}")
    return 0
