"""GTD (Global Terrorism Database) CSV or XLSX, main columns -> our events.

Attack types become tactics (and through data/tactics.csv, ACLED event types); attacks on
police or military count as battles, as ACLED codes them. nkill, nwound and nhostkid of -9,
-99 or blank are unknown (null), never 0. A day of 0 means the day is unknown (month
precision); a month of 0 cannot be placed and is reported as a bad row.
"""

from __future__ import annotations

from datetime import date

from core.knowledge.actors import actor_book
from core.knowledge.lexicon import load_dataset_tactics
from core.schema import GTD_TARGET_TYPES, interaction
from core.store.importers.cells import BadCell, choice, coordinate, count, integer, text
from core.store.importers.mapping import actor_name, event_type_of

DATASET = "GTD"
REQUIRED = ("eventid", "iyear", "imonth", "iday", "country_txt", "gname")
UNKNOWN = ("-9", "-99")
FIELD_COLUMNS = {"event_id": "eventid", "event_date": "iday", "country": "country_txt", "admin1": "provstate",
                 "location": "city", "geo_precision": "specificity", "fatalities": "nkill", "injuries": "nwound",
                 "hostages": "nhostkid", "actor1": "gname", "target_type": "targtype1_txt", "target": "target1",
                 "notes": "summary", "tactics": "attacktype1_txt"}
ATTACK_TYPES = {"1": "Assassination", "2": "Armed Assault", "3": "Bombing/Explosion", "4": "Hijacking",
                "5": "Hostage Taking (Barricade Incident)", "6": "Hostage Taking (Kidnapping)",
                "7": "Facility/Infrastructure Attack", "8": "Unarmed Assault", "9": "Unknown"}
NOTED_ATTACKS = ("Facility/Infrastructure Attack", "Unarmed Assault", "Unknown")
GEO_PRECISION = {"1": 1, "2": 2, "3": 2, "4": 3, "5": None}
"""GTD specificity -> our geo_precision (5 = no coordinates)."""
TARGET_TYPES = {str(i): name for i, name in enumerate(GTD_TARGET_TYPES, start=1)}


def _date(row: dict[str, str]) -> tuple[date, int]:
    year, month, day = (integer(row, c, required=True) for c in ("iyear", "imonth", "iday"))
    if month == 0:
        raise BadCell("imonth", "0 (month unknown): the event cannot be placed in a month")
    try:
        return date(year, month, day or 1), 1 if day else 3
    except ValueError:
        raise BadCell("iday", f"{year}-{month}-{day} is not a real date") from None


def _coded(row: dict[str, str], name_column: str, code_column: str, codes: dict[str, str]) -> str | None:
    name = text(row, name_column)
    if name is None and row.get(code_column, "").strip():
        name = choice(row, code_column, codes)
    if name is not None and name not in codes.values():
        raise BadCell(name_column, f"{name!r} is not a GTD value ({', '.join(codes.values())})")
    return name


def convert(row: dict[str, str]) -> tuple[dict, list[dict]]:
    """One GTD row as one of our event records, with no ranges (raises BadCell naming the column)."""
    original_id = text(row, "eventid", required=True)
    when, precision = _date(row)
    country = text(row, "country_txt", required=True)
    attack = _coded(row, "attacktype1_txt", "attacktype1", ATTACK_TYPES) or "Unknown"
    target_type = _coded(row, "targtype1_txt", "targtype1", TARGET_TYPES)
    tactic = load_dataset_tactics()[("gtd", "attacktype1_txt", attack)]
    if attack == "Bombing/Explosion" and text(row, "suicide") == "1":
        tactic = "suicide bombing"
    actor1 = actor_name(text(row, "gname", required=True), country)
    book = actor_book()
    actor2 = book.actor_of_target_type(target_type, country)
    inter1, inter2 = book.inter(actor1), book.inter(actor2) if actor2 else None
    claimed = text(row, "claimed") == "1"
    latitude, longitude = coordinate(row, "latitude", 90), coordinate(row, "longitude", 180)
    geo = choice(row, "specificity", GEO_PRECISION, required=False)
    if geo is None:
        latitude = longitude = None
    notes = text(row, "summary") or ""
    if attack in NOTED_ATTACKS:
        notes = f"{notes} [GTD attack type: {attack}]".strip()
    hostages = count(row, "nhostkid", UNKNOWN) if text(row, "ishostkid") == "1" else None
    return {
        "event_id": f"gtd:{original_id}",
        "event_date": when.isoformat(),
        "year": when.year,
        "time_precision": precision,
        **event_type_of(tactic, "attacktype1_txt", against_state=actor2 is not None and book.side(actor2) == "state"),
        "tactics": [tactic],
        "actor1": actor1,
        "inter1": inter1,
        "actor2": actor2,
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": book.target_side(target_type) == "civilian",
        "target": text(row, "target1"),
        "target_type": target_type,
        "country": country,
        "admin1": text(row, "provstate"),
        "location": text(row, "city"),
        "latitude": latitude if latitude is not None and longitude is not None else None,
        "longitude": longitude if latitude is not None and longitude is not None else None,
        "geo_precision": geo if latitude is not None and longitude is not None else None,
        "fatalities": count(row, "nkill", UNKNOWN),
        "injuries": count(row, "nwound", UNKNOWN),
        "hostages": hostages,
        "claims": [{"claimant": actor1, "claim": "claimed responsibility (GTD)", "kind": "responsibility",
                    "disputed_by": [], "start": None, "end": None}] if claimed else [],
        "claimed_by": actor1 if claimed else None,
        "competing_claims": {"1": True, "0": False}.get(text(row, "compclaim") or "") if claimed else None,
        "source": {"dataset": DATASET, "original_id": original_id,
                   "title": text(row, "scite1") or text(row, "dbsource") or ""},
        "source_excerpt": [],
        "notes": notes,
        "confidence": 1.0,
    }, []


def original_id(row: dict[str, str]) -> str:
    """The row's id in the GTD."""
    return (row.get("eventid") or "").strip()
