"""ACLED export CSV -> our events. ACLED's names are ours, so most fields carry over unchanged.

ACLED writes 0 fatalities both for "nobody died" and, with a note, for "no figure was
reported" (see /work/shared/reference/codebooks.md). A 0 whose notes say the toll is unknown
becomes null; any other 0 stays 0.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from core.knowledge.lexicon import load_dataset_tactics
from core.schema import ACLED_EVENT_TYPES, DISORDER_TYPES, INTER_CODES, interaction
from core.store.importers.cells import BadCell, choice, coordinate, count, integer, text
from core.store.importers.mapping import known_tactics

DATASET = "ACLED"
COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
"""ACLED's export layout since March 2023, in order."""
REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "inter1", "country",
            "latitude", "longitude", "fatalities")
FIELD_COLUMNS = {"event_id": "event_id_cnty", "source": "source"}
"""Our fields whose ACLED column has another name (the rest share names)."""

INTER_LABELS = {"State forces": 1, "Rebel group": 2, "Political militia": 3, "Identity militia": 4, "Rioters": 5,
                "Protesters": 6, "Civilians": 7, "External/Other forces": 8}
"""Recent ACLED exports write inter codes as these labels instead of numbers."""
_UNKNOWN_TOLL = re.compile(
    r"(fatalit|casualt|death|killed|toll)\w*[^.;]{0,40}\b(unknown|unclear|unspecified|not (?:known|reported|specified|clear))"
    r"|\b(unknown|unspecified|undisclosed) (?:number of )?(?:fatalit|casualt|deaths|people killed)", re.IGNORECASE)


def parse_date(value: str, column: str = "event_date") -> date:
    """ACLED dates: '12 January 2025' or '2025-01-12'."""
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise BadCell(column, f"{value!r} is not a date like 2025-01-12 or 12 January 2025")


def _inter(row: dict[str, str], column: str, required: bool) -> int | None:
    value = text(row, column, required)
    if value is None or value == "0":
        return None
    if value in INTER_LABELS:
        return INTER_LABELS[value]
    code = integer(row, column)
    if code not in INTER_CODES:
        raise BadCell(column, f"{value!r} is not an ACLED inter code (1-8)")
    return code


def convert(row: dict[str, str]) -> tuple[dict, list[dict]]:
    """One ACLED row as one of our event records, with no ranges (raises BadCell naming the column)."""
    original_id = text(row, "event_id_cnty", required=True)
    when = parse_date(text(row, "event_date", required=True))
    year = integer(row, "year")
    if year is not None and year != when.year:
        raise BadCell("year", f"{year} does not match event_date {when.isoformat()}")
    event_type = text(row, "event_type", required=True)
    if event_type not in ACLED_EVENT_TYPES:
        raise BadCell("event_type", f"{event_type!r} is not an ACLED event type")
    sub_type = text(row, "sub_event_type", required=True)
    if sub_type not in ACLED_EVENT_TYPES[event_type]:
        raise BadCell("sub_event_type", f"{sub_type!r} is not a sub-event type of {event_type}")
    mapping = load_dataset_tactics()  # sub-event type first; Protests, Riots, Strategic developments by event type
    tactic = mapping.get(("acled", "sub_event_type", sub_type)) or mapping.get(("acled", "event_type", event_type))
    if tactic not in known_tactics():
        raise BadCell("sub_event_type", f"maps to tactic {tactic!r}, which data/tactics.csv does not list")
    inter1, inter2 = _inter(row, "inter1", True), _inter(row, "inter2", False)
    notes = text(row, "notes") or ""
    fatalities = count(row, "fatalities")
    if fatalities == 0 and _UNKNOWN_TOLL.search(notes):
        fatalities = None
    latitude, longitude = coordinate(row, "latitude", 90), coordinate(row, "longitude", 180)
    if (latitude is None) != (longitude is None):
        raise BadCell("longitude", "latitude and longitude must be given together")
    given_interaction = text(row, "interaction")
    return {
        "event_id": f"acled:{original_id}",
        "event_date": when.isoformat(),
        "year": when.year,
        "time_precision": choice(row, "time_precision", {"1": 1, "2": 2, "3": 3}, required=False) or 1,
        "disorder_type": DISORDER_TYPES[event_type],
        "event_type": event_type,
        "sub_event_type": sub_type,
        "tactics": [tactic],
        "actor1": text(row, "actor1", required=True),
        "assoc_actor_1": text(row, "assoc_actor_1"),
        "inter1": inter1,
        "actor2": text(row, "actor2"),
        "assoc_actor_2": text(row, "assoc_actor_2"),
        "inter2": inter2,
        "interaction": int(given_interaction) if given_interaction and given_interaction.isdigit()
        else interaction(inter1, inter2),
        "civilian_targeting": bool(text(row, "civilian_targeting")),
        "country": text(row, "country", required=True),
        "admin1": text(row, "admin1"),
        "admin2": text(row, "admin2"),
        "admin3": text(row, "admin3"),
        "location": text(row, "location"),
        "latitude": latitude,
        "longitude": longitude,
        "geo_precision": choice(row, "geo_precision", {"1": 1, "2": 2, "3": 3}, required=False),
        "fatalities": fatalities,
        "claims": [],
        "source": {"dataset": DATASET, "original_id": original_id, "title": text(row, "source") or ""},
        "source_excerpt": [],
        "notes": notes,
        "confidence": 1.0,
    }, []


def original_id(row: dict[str, str]) -> str:
    """The row's id in ACLED."""
    return (row.get("event_id_cnty") or "").strip()
