"""`python -m core snapshot`: a PNG, PDF or HTML snapshot (or a data file) of a filtered view, for batch briefs.

It filters with core.store.filters and renders with core.views.exports, exactly as the dashboard's export panel does.
Exit codes: 0 written; 2 a bad option value (nothing written); 3 no event matches the filter (nothing written,
unless --allow-empty).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from core.views.plural import counted

if TYPE_CHECKING:
    import pandas as pd

    from core.store.filters import EventFilter
    from core.views.brief_options import BriefOptions

SUFFIXES = ("png", "pdf", "html", "csv", "geojson", "gpkg")
EMPTY = 3
"""The exit code when no event matches the filter and --allow-empty is not given."""


class UsageError(ValueError):
    """A filter value is not known; the message lists the valid values."""


def register(sub: argparse._SubParsersAction) -> None:
    """Add the command to the CLI."""
    p = sub.add_parser("snapshot", help="write a PNG/PDF/HTML snapshot (or CSV/GeoJSON/GPKG) of a filtered view")
    p.add_argument("--actor", action="append", default=[], help="actor name, short name or alias (repeatable)")
    p.add_argument("--role", choices=("by", "against", "either"), default="by",
                   help="the actor's role: carried out by it (default), targeting it, or either")
    p.add_argument("--admin1", action="append", default=[], help="province (repeatable)")
    p.add_argument("--admin2", action="append", default=[], help="district (repeatable)")
    p.add_argument("--tactic", action="append", default=[], help="tactic from data/tactics.csv (repeatable)")
    p.add_argument("--since", type=date.fromisoformat, help="first day, YYYY-MM-DD")
    p.add_argument("--until", type=date.fromisoformat, help="last day, YYYY-MM-DD")
    p.add_argument("--title", help="title (default: from the filter, e.g. 'Attacks by the Baloch Liberation Army in "
                                   "Balochistan, 1 Mar – 30 Jun 2025')")
    p.add_argument("--size", default="slide", help="PNG size: slide (1600x1000), print (3200x2000) or WxH")
    p.add_argument("--paper", choices=("a4", "letter"), default="a4", help="PDF paper size")
    p.add_argument("--extent", default="events",
                   help="PNG/PDF map extent: events (fitted to them, the default), province, or W,S,E,N in degrees")
    p.add_argument("--timeline", action="store_true",
                   help="PDF: add the events-per-week panel; PNG: draw the weekly timeline instead of the map")
    p.add_argument("--marking", default="", help="PNG/PDF: a handling or classification line printed at the top "
                                                 "and bottom, e.g. OFFICIAL (default: none)")
    p.add_argument("--logo", type=Path, help="PNG/PDF: a PNG or JPEG logo for the header (default: none)")
    p.add_argument("--allow-empty", action="store_true",
                   help=f"write the file even when no event matches (otherwise: a warning and exit code {EMPTY})")
    p.add_argument("--db", help="database URL (default: DATABASE_URL or data/events.sqlite)")
    p.add_argument("--out", type=Path, required=True, help=f"output file: .{', .'.join(SUFFIXES)}")
    p.set_defaults(run=run)


def resolve(values: list[str], known: dict[str, str], what: str, listing: list[str]) -> tuple[str, ...]:
    """Map each value to its canonical spelling, or raise UsageError listing the valid values."""
    out = []
    for value in values:
        canonical = known.get(value.strip().casefold())
        if canonical is None:
            raise UsageError(f"unknown {what} {value!r}; valid values: {', '.join(listing)}")
        out.append(canonical)
    return tuple(dict.fromkeys(out))


def region_names(events: pd.DataFrame, column: str) -> dict[str, str]:
    """Accepted names (case-folded) of provinces or districts: those in the gazetteer and in the data."""
    from core.knowledge.gazetteer import default_gazetteer

    kind = {"admin1": "province", "admin2": "district"}[column]
    names = {p.name for p in default_gazetteer().places.values() if p.kind == kind} | set(events[column].dropna())
    return {n.casefold(): n for n in sorted(names)}


def parse_size(text: str) -> tuple[int, int]:
    """'slide', 'print' or 'WIDTHxHEIGHT' in pixels."""
    from core.views.export_formats import SIZES

    if text in SIZES:
        return SIZES[text]
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise UsageError(f"size must be {', '.join(SIZES)} or WIDTHxHEIGHT, not {text!r}") from None
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise UsageError("size must be between 200 and 8000 pixels each way")
    return width, height


def build_filter(args: argparse.Namespace, events: pd.DataFrame) -> EventFilter:
    """The EventFilter for the command-line options, with names checked and made canonical."""
    from core.knowledge.actors import actor_book
    from core.knowledge.lexicon import tactic_names
    from core.store.filters import EventFilter

    actors = actor_book().names()
    canonical_actors = sorted(set(actors.values()))
    admin1 = region_names(events, "admin1")
    admin2 = region_names(events, "admin2")
    tactics = {t.casefold(): t for t in tactic_names()}
    if args.since and args.until and args.since > args.until:
        raise UsageError(f"--since {args.since} is after --until {args.until}")
    return EventFilter(
        since=args.since, until=args.until,
        actors=resolve(args.actor, actors, "actor", canonical_actors), actor_role=args.role,
        admin1=resolve(args.admin1, admin1, "province (--admin1)", list(admin1.values())),
        admin2=resolve(args.admin2, admin2, "district (--admin2)", list(admin2.values())),
        tactics=resolve(args.tactic, tactics, "tactic", list(tactics.values())),
    )


def brief_options(args: argparse.Namespace, view: pd.DataFrame) -> BriefOptions:
    """The PNG/PDF options of the command line, with the store's merges of the shown events."""
    from core.views.brief_options import BriefOptions, OptionError, logo_pixels, parse_extent
    from core.views.provenance import load_provenance

    try:
        extent = parse_extent(args.extent)
    except OptionError as exc:
        raise UsageError(str(exc)) from None
    logo = None
    if args.logo:
        try:
            logo = args.logo.read_bytes()
            logo_pixels(logo)
        except OSError as exc:
            raise UsageError(f"--logo {args.logo}: {exc.strerror}") from None
        except OptionError as exc:
            raise UsageError(f"--logo {args.logo}: {exc}") from None
    provenance = load_provenance(view["event_id"], args.db) if len(view) else None
    return BriefOptions(extent=extent, marking=" ".join(args.marking.split()), logo=logo, timeline=args.timeline,
                        provenance=provenance)


def run(args: argparse.Namespace) -> int:
    """Filter the stored events and write the snapshot; exit 2 on a bad option value, 3 when nothing matches."""
    from core.store.filters import apply_filter
    from core.store.reading import load_events
    from core.views.export_formats import FORMATS
    from core.views.exports import export_bytes

    fmt = args.out.suffix.lower().lstrip(".")
    try:
        if fmt not in FORMATS:
            raise UsageError(f"--out must end in .{', .'.join(FORMATS)}, not {args.out.name!r}")
        size = parse_size(args.size)
        events = load_events(args.db)
        event_filter = build_filter(args, events)
        view = apply_filter(events, event_filter)
        options = brief_options(args, view) if fmt in ("png", "pdf") else None
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if view.empty:
        print(f"warning: no event matches the filter ({event_filter.describe()}) among {counted(len(events), 'stored event')}",
              file=sys.stderr)
        if not args.allow_empty:
            print(f"nothing written to {args.out}; pass --allow-empty to write an empty snapshot (exit code {EMPTY})",
                  file=sys.stderr)
            return EMPTY
    data = export_bytes(fmt, view, event_filter, title=args.title, size=size, paper=args.paper, options=options)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"{len(view)} of {counted(len(events), 'event')} ({event_filter.describe()}) -> {args.out}")
    return 0
