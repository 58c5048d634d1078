"""`python -m core export --format acled|csv|geojson --out FILE`: write every stored event."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

from core.schema import JSON_COLUMNS, serialise_json_columns, to_records
from core.store.database import database_url, load_events, load_import_rows
from core.store.importers.acled_export import write_acled_csv
from core.store.importers.cells import protect


def register(sub: argparse._SubParsersAction) -> None:
    """Add the command to the CLI."""
    p = sub.add_parser("export", help="write every stored event as ACLED CSV, our CSV or GeoJSON")
    p.add_argument("--format", required=True, choices=("acled", "csv", "geojson"))
    p.add_argument("--out", required=True, type=Path, help="file to write")
    p.set_defaults(run=run)


def write_csv(events: pd.DataFrame, path: Path) -> None:
    """Our columns, list/dict fields as JSON text, text cells protected from spreadsheet formulas."""
    flat = serialise_json_columns(events)
    for name in flat.columns:
        if flat[name].dtype == object and name not in JSON_COLUMNS:
            flat[name] = flat[name].map(lambda v: protect(v) if isinstance(v, str) else v)
    flat.to_csv(path, index=False)


def write_geojson(events: pd.DataFrame, path: Path) -> None:
    """A FeatureCollection of points; events without coordinates have a null geometry."""
    features = []
    for record in to_records(events):
        lat, lon = record["latitude"], record["longitude"]
        geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None else None
        features.append({"type": "Feature", "id": record["event_id"], "geometry": geometry, "properties": record})
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False), "utf-8")


def run(args: argparse.Namespace) -> int:
    """Export; exit 1 with a one-line message when the file cannot be written."""
    events = load_events()
    try:
        if args.format == "acled":
            write_acled_csv(events, load_import_rows(), args.out)
        elif args.format == "csv":
            write_csv(events, args.out)
        else:
            write_geojson(events, args.out)
    except OSError as exc:
        print(f"error: cannot write {args.out}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {len(events)} events to {args.out} ({args.format}) from {database_url()}")
    return 0
