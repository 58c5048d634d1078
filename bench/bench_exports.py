"""Benchmark of the briefer exports on SYNTHETIC events: PNG under 3 s and PDF under 5 s at 10,000 events.

Run: .venv/bin/python -m bench.bench_exports [--events 10000] [--repeat 3] [--out-dir DIR]
Prints the best time of each export; exits 1 when the PNG or PDF misses its budget.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.synthetic import LABEL, synthetic_events
from core.store.filters import EventFilter
from core.views.brief_options import BriefOptions
from core.views.export_formats import SIZES
from core.views.exports import export_bytes

BUDGETS_S = {"png slide": 3.0, "png print": 3.0, "png timeline": 3.0, "pdf a4": 5.0, "pdf letter": 5.0,
             "pdf a4 full": 5.0}
"""The budgets of issues 6 and 13 in seconds: every PNG under 3 s, every PDF under 5 s."""
FULL = BriefOptions(timeline=True, marking="OFFICIAL", extent="province")
"""A brief with every option on: the weekly timeline panel, a handling line and the provinces' extent."""


def best_of(repeat: int, make: Callable[[], bytes]) -> tuple[float, bytes]:
    """The fastest of `repeat` runs, with the bytes of the last one."""
    best, data = float("inf"), b""
    for _ in range(repeat):
        start = time.perf_counter()
        data = make()
        best = min(best, time.perf_counter() - start)
    return best, data


def main(argv: list[str] | None = None) -> int:
    """Time every export format on SYNTHETIC events; 1 when a budget is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out-dir", type=Path, help="also write each output here, to look at")
    args = parser.parse_args(argv)

    events = synthetic_events(args.events, seed=6)
    f = EventFilter()
    title = f"{LABEL} benchmark data: {args.events:,} generated events (not real)"
    export_bytes("png", events.head(5), f)  # warm caches (outlines, fonts, place names) once
    cases = {
        "png slide": ("png", {"size": SIZES["slide"]}),
        "png print": ("png", {"size": SIZES["print"]}),
        "png timeline": ("png", {"size": SIZES["slide"], "options": BriefOptions(timeline=True)}),
        "pdf a4": ("pdf", {"paper": "a4"}),
        "pdf letter": ("pdf", {"paper": "letter"}),
        "pdf a4 full": ("pdf", {"paper": "a4", "options": FULL}),
        "html": ("html", {}),
        "csv": ("csv", {}),
        "geojson": ("geojson", {}),
        "gpkg": ("gpkg", {}),
    }
    failed = False
    print(f"{args.events:,} SYNTHETIC events, best of {args.repeat}")
    for name, (fmt, options) in cases.items():
        seconds, data = best_of(args.repeat, lambda fmt=fmt, options=options: export_bytes(
            fmt, events, f, title=title, **options))
        budget = BUDGETS_S.get(name)
        verdict = "" if budget is None else (" ok" if seconds < budget else f" OVER BUDGET ({budget:g} s)")
        failed |= budget is not None and seconds >= budget
        print(f"  {name:<12} {seconds:6.2f} s  {len(data) / 1e6:6.2f} MB{verdict}")
        if args.out_dir:
            args.out_dir.mkdir(parents=True, exist_ok=True)
            (args.out_dir / f"bench_{name.replace(' ', '_')}.{fmt}").write_bytes(data)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
