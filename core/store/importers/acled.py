"""ACLED export CSV -> our events. ACLED's names are ours, so most fields carry over unchanged.

ACLED writes 0 fatalities both for "nobody died" and, with a note, for "no figure was
reported" (see /work/shared/reference/codebooks.md). A 0 whose notes say the toll is unknown
becomes null; any other 0 stays 0.
"""

from __future__ import annotations

import re

import pandas as pd

from core.knowledge.lexicon import load_dataset_tactics
from core.schema import ACLED_EVENT_TYPES, DISORDER_TYPES, INTER_CODES, interaction
from core.store.importers.cells import BadCell, Cells
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
ID_COLUMN = "event_id_cnty"
FIELD_COLUMNS = {"event_id": "event_id_cnty", "source": "source"}
"""Our fields whose ACLED column has another name (the rest share names)."""

INTER_LABELS = {"State forces": 1, "Rebel group": 2, "Political militia": 3, "Identity militia": 4, "Rioters": 5,
                "Protesters": 6, "Civilians": 7, "External/Other forces": 8}
"""Recent ACLED exports write inter codes as these labels instead of numbers."""
_UNKNOWN_TOLL = re.compile(
    r"(fatalit|casualt|death|killed|toll)\w*[^.;]{0,40}\b(unknown|unclear|unspecified|not (?:known|reported|specified|clear))"
    r"|\b(unknown|unspecified|undisclosed) (?:number of )?(?:fatalit|casualt|deaths|people killed)", re.IGNORECASE)


DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y")


def parse_dates(values: pd.Series) -> pd.Series:
    """ACLED dates, '12 January 2025' or '2025-01-12', as ISO text; None where a cell is no such date."""
    found = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    for fmt in DATE_FORMATS:
        missing = found.isna() & values.notna()
        if not missing.any():
            break
        found[missing] = pd.to_datetime(values[missing], format=fmt, errors="coerce")
    return found.dt.strftime("%Y-%m-%d").where(found.notna(), None)


def _inters(cells: Cells, column: str, required: bool) -> pd.Series:
    values = cells.text(column, required)
    labelled = values.map(INTER_LABELS)
    numbers = pd.to_numeric(values.where(labelled.isna()), errors="coerce")
    cells.fail(values.notna() & labelled.isna() & (numbers.isna() | (numbers % 1 != 0)), column,
               lambda v: f"{v!r} is not a whole number", values)
    codes = labelled.fillna(numbers).where(values != "0")
    cells.fail(codes.notna() & ~codes.isin(INTER_CODES), column,
               lambda v: f"{v!r} is not an ACLED inter code (1-8)", values)
    return codes.astype("Int64")


def convert_frame(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict[int, tuple[str, str]]]:
    """ACLED rows (a frame of the file's cells) as our event records, column by column, and the bad rows:
    {index: (column, reason)}. The records of bad rows are left in the frame; drop them by index."""
    cells = Cells(frame)
    original_id = cells.text("event_id_cnty", required=True)
    raw_dates = cells.text("event_date", required=True)
    dates = parse_dates(raw_dates)
    cells.fail(raw_dates.notna() & dates.isna(), "event_date",
               lambda v: f"{v!r} is not a date like 2025-01-12 or 12 January 2025", raw_dates)
    years = pd.to_numeric(dates.str[:4], errors="coerce").astype("Int64")
    given_year = cells.integer("year")
    cells.fail(given_year.notna() & years.notna() & (given_year != years).fillna(False), "year",
               lambda i: f"{given_year[i]} does not match event_date {dates[i]}", pd.Series(frame.index, frame.index))
    event_type = cells.text("event_type", required=True)
    cells.fail(event_type.notna() & ~event_type.isin(list(ACLED_EVENT_TYPES)), "event_type",
               lambda v: f"{v!r} is not an ACLED event type", event_type)
    sub_type = cells.text("sub_event_type", required=True)
    pairs = {(t, sub) for t, subs in ACLED_EVENT_TYPES.items() for sub in subs}
    paired = pd.Series([(t, sub) in pairs for t, sub in zip(event_type.tolist(), sub_type.tolist())],
                       index=frame.index)
    index = pd.Series(frame.index, frame.index)
    cells.fail(sub_type.notna() & event_type.isin(list(ACLED_EVENT_TYPES)) & ~paired, "sub_event_type",
               lambda i: f"{sub_type[i]!r} is not a sub-event type of {event_type[i]}", index)
    mapping = load_dataset_tactics()  # sub-event type first; Protests, Riots, Strategic developments by event type
    by_sub = {v: t for (d, f, v), t in mapping.items() if d == "acled" and f == "sub_event_type"}
    by_type = {v: t for (d, f, v), t in mapping.items() if d == "acled" and f == "event_type"}
    tactic = sub_type.map(by_sub).fillna(event_type.map(by_type))
    cells.fail(paired & ~tactic.isin(list(known_tactics())), "sub_event_type",
               lambda t: f"maps to tactic {t!r}, which data/tactics.csv does not list", tactic)
    inter1, inter2 = _inters(cells, "inter1", True), _inters(cells, "inter2", False)
    notes = cells.text("notes").fillna("")
    fatalities = cells.count("fatalities")
    unknown = [f == 0 and bool(_UNKNOWN_TOLL.search(n)) for f, n in zip(fatalities.fillna(-1).tolist(), notes.tolist())]
    fatalities = fatalities.mask(pd.Series(unknown, index=frame.index, dtype=bool))
    latitude, longitude = cells.coordinate("latitude", 90), cells.coordinate("longitude", 180)
    cells.fail(latitude.isna() != longitude.isna(), "longitude",
               lambda v: "latitude and longitude must be given together")
    given_interaction = cells.text("interaction")
    digits = given_interaction.where(given_interaction.fillna("").str.isdigit())
    unstated = digits.isna() & inter1.notna()  # most files state the interaction: work out only the others
    computed = pd.Series([interaction(int(a), None if pd.isna(b) else int(b))
                          for a, b in zip(inter1[unstated].tolist(), inter2[unstated].tolist())],
                         index=frame.index[unstated], dtype="Int64").reindex(frame.index)
    time_precision = cells.choice("time_precision", {"1": 1, "2": 2, "3": 3}, required=False)
    geo_precision = cells.choice("geo_precision", {"1": 1, "2": 2, "3": 3}, required=False)
    source_title = cells.text("source").fillna("")
    records = pd.DataFrame({
        "event_id": "acled:" + original_id.fillna(""),
        "event_date": dates,
        "year": years,
        "time_precision": time_precision.fillna(1),
        "disorder_type": event_type.map(DISORDER_TYPES),
        "event_type": event_type,
        "sub_event_type": sub_type,
        "tactics": [[t] for t in tactic.tolist()],
        "actor1": cells.text("actor1", required=True),
        "assoc_actor_1": cells.text("assoc_actor_1"),
        "inter1": inter1,
        "actor2": cells.text("actor2"),
        "assoc_actor_2": cells.text("assoc_actor_2"),
        "inter2": inter2,
        "interaction": pd.to_numeric(digits, errors="coerce").astype("Int64").fillna(computed),
        "civilian_targeting": cells.text("civilian_targeting").notna(),
        "country": cells.text("country", required=True),
        "admin1": cells.text("admin1"),
        "admin2": cells.text("admin2"),
        "admin3": cells.text("admin3"),
        "location": cells.text("location"),
        "latitude": latitude,
        "longitude": longitude,
        "geo_precision": geo_precision,
        "fatalities": fatalities,
        "claims": [[] for _ in range(len(frame))],
        "source": [{"dataset": DATASET, "original_id": i, "title": t}
                   for i, t in zip(original_id.tolist(), source_title.tolist())],
        "source_excerpt": [[] for _ in range(len(frame))],
        "notes": notes,
        "confidence": 1.0,
    }, index=frame.index)
    return records, cells.errors


def convert(row: dict[str, str]) -> tuple[dict, list[dict]]:
    """One ACLED row as one of our event records, with no ranges (raises BadCell naming the column)."""
    records, errors = convert_frame(pd.DataFrame([row]))
    if errors:
        column, reason = errors[0]
        raise BadCell(column, reason)
    record = records.iloc[0].to_dict()
    return {k: (None if not isinstance(v, list | dict) and pd.isna(v) else v) for k, v in record.items()}, []


def original_id(row: dict[str, str]) -> str:
    """The row's id in ACLED."""
    return (row.get("event_id_cnty") or "").strip()
