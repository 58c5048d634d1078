"""Writing events in ACLED's CSV layout, so that an imported ACLED file comes back field for field.

For an event imported from ACLED, each cell is the file's own text whenever our stored value
still equals what that text converts to (so date styles, inter labels, iso, region, tags and
timestamps survive); a field an analyst corrected is written from our value. Events from
other sources are written from our fields; ACLED-only columns stay empty, and an unknown
death toll is an empty cell, not 0. Text cells that a spreadsheet would run as a formula
get a leading apostrophe, which the importer removes again.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pandas as pd

from core.schema import to_records
from core.store.importers import acled
from core.store.importers.cells import BadCell, protect

_SHARED = tuple(c for c in acled.COLUMNS if c not in ("event_id_cnty", "iso", "region", "source", "source_scale",
                                                        "tags", "timestamp"))


def _ours(event: dict[str, Any], column: str) -> str:
    if column == "event_id_cnty":
        return str(event["source"].get("original_id") or event["event_id"])
    if column == "source":
        return str(event["source"].get("title") or "")
    if column == "civilian_targeting":
        return "Civilian targeting" if event["civilian_targeting"] else ""
    if column not in _SHARED:
        return ""
    value = event[column]
    return "" if value is None else str(value)


def acled_rows(events: pd.DataFrame, import_rows: pd.DataFrame) -> list[list[str]]:
    """One row of cells per event, in ACLED's column order (header not included)."""
    raw_of = {e: r for e, r, d in zip(import_rows["event_id"], import_rows["raw"], import_rows["dataset"])
              if d == acled.DATASET}
    out = []
    for event in to_records(events):
        raw = raw_of.get(event["event_id"])
        try:
            parsed = acled.convert(raw)[0] if raw else None
        except BadCell:
            parsed = None
        row = []
        for column in acled.COLUMNS:
            field = acled.FIELD_COLUMNS.get(column, column)
            same = parsed is not None and (field not in parsed or parsed[field] == event.get(field)
                                           or column == "disorder_type" and parsed["event_type"] == event["event_type"])
            # The file's own text comes back too, but never as a formula (any column, read or not).
            row.append(protect(raw.get(column, "")) if same else protect(_ours(event, column)))
        out.append(row)
    return out


def write_acled_csv(events: pd.DataFrame, import_rows: pd.DataFrame, path: Path) -> int:
    """Write the events to `path` in ACLED's layout; returns the number of rows."""
    rows = acled_rows(events, import_rows)
    with Path(path).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(acled.COLUMNS)
        writer.writerows(rows)
    return len(rows)
