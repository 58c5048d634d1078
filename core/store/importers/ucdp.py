"""UCDP GED CSV -> our events. UCDP's low/best/high deaths are kept: best as fatalities, the range beside it.

type_of_violence 1 (state-based) and 2 (non-state) are battles; 3 (one-sided) is violence
against civilians. A blank best is unknown (null), never 0.
"""

from __future__ import annotations

from datetime import date

from core.knowledge.actors import actor_book
from core.knowledge.lexicon import load_dataset_tactics
from core.schema import interaction
from core.store.importers.cells import BadCell, choice, coordinate, count, text
from core.store.importers.mapping import actor_name, event_type_of

DATASET = "UCDP"
REQUIRED = ("id", "type_of_violence", "side_a", "side_b", "country", "date_start", "best")
FIELD_COLUMNS = {"event_id": "id", "event_date": "date_start", "actor1": "side_a", "actor2": "side_b",
                 "admin1": "adm_1", "admin2": "adm_2", "location": "where_coordinates", "geo_precision": "where_prec",
                 "fatalities": "best", "time_precision": "date_prec", "tactics": "type_of_violence"}
TIME_PRECISION = {"1": 1, "2": 2, "3": 2, "4": 3, "5": 3}
"""UCDP date_prec (1 day ... 5 more than a month) -> our time_precision (month is our coarsest)."""
GEO_PRECISION = {"1": 1, "2": 2, "3": 2, "4": 3, "5": 3, "6": 3, "7": 3}


def _date(row: dict[str, str]) -> date:
    value = text(row, "date_start", required=True)
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise BadCell("date_start", f"{value!r} is not a date like 2025-01-12") from None


def convert(row: dict[str, str]) -> tuple[dict, list[dict]]:
    """One GED row as one of our event records plus its low/high range (raises BadCell naming the column)."""
    original_id = text(row, "id", required=True)
    when = _date(row)
    country = text(row, "country", required=True)
    violence = choice(row, "type_of_violence", {"1": "1", "2": "2", "3": "3"})
    tactic = load_dataset_tactics()[("ucdp", "type_of_violence", violence)]
    actor1 = actor_name(text(row, "side_a", required=True), country)
    side_b = text(row, "side_b", required=True)
    book = actor_book()
    actor2 = book.civilians(country) if side_b.casefold() == "civilians" else actor_name(side_b, country)
    inter1, inter2 = book.inter(actor1), book.inter(actor2)
    best, low, high = count(row, "best"), count(row, "low"), count(row, "high")
    if best is not None and low is not None and low > best:
        raise BadCell("low", f"{low} is above best ({best})")
    if best is not None and high is not None and high < best:
        raise BadCell("high", f"{high} is below best ({best})")
    latitude, longitude = coordinate(row, "latitude", 90), coordinate(row, "longitude", 180)
    if (latitude is None) != (longitude is None):
        raise BadCell("longitude", "latitude and longitude must be given together")
    event_id = f"ucdp:{original_id}"
    ranges = [{"event_id": event_id, "figure": "fatalities", "low": low, "high": high}] if (
        best is not None and (low, high) != (best, best) and (low is not None or high is not None)) else []
    record = {
        "event_id": event_id,
        "event_date": when.isoformat(),
        "year": when.year,
        "time_precision": choice(row, "date_prec", TIME_PRECISION, required=False) or 1,
        **event_type_of(tactic, "type_of_violence"),
        "tactics": [tactic],
        "actor1": actor1,
        "inter1": inter1,
        "actor2": actor2,
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": violence == "3",
        "country": country,
        "admin1": text(row, "adm_1"),
        "admin2": text(row, "adm_2"),
        "location": text(row, "where_coordinates"),
        "latitude": latitude,
        "longitude": longitude,
        "geo_precision": choice(row, "where_prec", GEO_PRECISION, required=False) if latitude is not None else None,
        "fatalities": best,
        "claims": [],
        "source": {"dataset": DATASET, "original_id": original_id, "title": text(row, "source_article") or ""},
        "source_excerpt": [],
        "notes": text(row, "source_headline") or text(row, "where_description") or "",
        "confidence": 1.0,
    }
    return record, ranges


def original_id(row: dict[str, str]) -> str:
    """The row's id in UCDP GED."""
    return (row.get("id") or "").strip()
