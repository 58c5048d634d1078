"""`python -m core geocode --json "PLACE[, BROADER PLACE...]"`: the best gazetteer match as JSON."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:
    """Add the command to the CLI."""
    p = sub.add_parser("geocode", help="resolve a place chain with the gazetteer")
    p.add_argument("query", help='e.g. "Mashkaf, Dhadar, Bolan"')
    p.add_argument("--json", action="store_true", help="print one JSON object (the default and only format)")
    p.add_argument("--geocoder", default=None, help="offline (default) or nominatim")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the match, or a one-line 'not found' error with exit code 1."""
    from core.places.geocoders import get_geocoder

    location = get_geocoder(args.geocoder).geocode(args.query)
    if location is None:
        print(f"error: not found: {args.query!r}", file=sys.stderr)
        return 1
    raw = location.raw
    out = {
        "name": raw.get("name", location.address),
        "admin1": raw.get("admin1"),
        "admin2": raw.get("admin2"),
        "admin3": raw.get("admin3"),
        "country": raw.get("country"),
        "latitude": location.latitude,
        "longitude": location.longitude,
        "geo_precision": raw.get("geo_precision"),
        "address": location.address,
        "source": raw.get("source"),
    }
    print(json.dumps(out, ensure_ascii=False))
    return 0
