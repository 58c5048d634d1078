"""`python -m core assets`: install Leaflet and its plugins locally so that maps work offline."""

from __future__ import annotations

import argparse
import sys

BANNER = "!" * 78


def register(sub: argparse._SubParsersAction) -> None:
    """Add the command to the CLI."""
    p = sub.add_parser("assets", help="install Leaflet and plugins into static/vendor (needs npm)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Install the map assets. Exits 0 even when npm is missing: the app then falls back to the CDN."""
    from core.views.vendor import install_assets

    report = install_assets()
    if report.ok:
        print(report.message)
    else:
        print(f"{BANNER}\nWARNING: {report.message}\n{BANNER}", file=sys.stderr)
    return 0
