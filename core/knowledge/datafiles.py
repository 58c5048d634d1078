"""Reading the knowledge files in data/: plain CSV that an analyst edits in a spreadsheet.

Every row carries a `source` column, and the readers check that it is filled. CONFLICT_DATA_DIR
points at another copy of the folder (an analyst's edited lexicon, or a test's).
"""

from __future__ import annotations

import csv
import os
from functools import cache
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
"""The project's checkout."""
DATA_DIR = Path(os.environ.get("CONFLICT_DATA_DIR") or ROOT / "data")
"""The knowledge files."""


class LexiconError(ValueError):
    """A data file is malformed; the message names the file, the row and the field."""


DEFAULT_DB = DATA_DIR / "events.sqlite"
"""The event store when DATABASE_URL names none."""


def database_url(url: str | None = None) -> str:
    """The store's URL in use: the argument, else DATABASE_URL, else the SQLite file in data/."""
    url = url or os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_DB}"
    return "postgresql://" + url.removeprefix("postgres://") if url.startswith("postgres://") else url


def read_rows(name: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """The rows of data/<name> as stripped strings, checking its columns and that every row names its source.

    Columns in `required` must be filled on every row; columns in `optional` must exist.
    """
    path = DATA_DIR / name
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except FileNotFoundError:
        raise LexiconError(f"{path}: missing knowledge file") from None
    if not rows:
        raise LexiconError(f"{path}: no rows")
    missing = [c for c in (*required, *optional, "source") if c not in rows[0]]
    if missing:
        raise LexiconError(f"{path}: missing columns {missing}")
    out = []
    for i, row in enumerate(rows, start=2):
        clean = {k: (v or "").strip() for k, v in row.items() if k is not None}
        for col in (*required, "source"):
            if not clean.get(col):
                raise LexiconError(f"{path}, line {i}: field '{col}' is empty")
        out.append(clean)
    return out


def read_data_csv(name: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> pd.DataFrame:
    """data/<name> as a table of strings (see read_rows)."""
    return pd.DataFrame(read_rows(name, required, optional))


@cache
def load_settings() -> dict[str, str]:
    """data/settings.csv: the project's defaults (the country of interest, actor naming patterns, ...)."""
    return {row["key"]: row["value"] for row in read_rows("settings.csv", ("key", "value"))}


def setting(key: str) -> str:
    """One value of data/settings.csv; LexiconError naming the key when it is missing."""
    try:
        return load_settings()[key]
    except KeyError:
        raise LexiconError(f"{DATA_DIR / 'settings.csv'}: no setting {key!r}") from None


Box = tuple[float, float, float, float]
"""min lon, min lat, max lon, max lat (WGS84)."""


@cache
def load_regions() -> dict[str, Box]:
    """data/regions.csv: named boxes (the map's frame, the outlines' extent, ...)."""
    rows = read_rows("regions.csv", ("region", "min_lon", "min_lat", "max_lon", "max_lat"))
    out = {}
    for row in rows:
        try:
            box = tuple(float(row[k]) for k in ("min_lon", "min_lat", "max_lon", "max_lat"))
        except ValueError:
            raise LexiconError(f"{DATA_DIR / 'regions.csv'}: region {row['region']!r} has a non-numeric bound") from None
        out[row["region"]] = box
    return out


def region(name: str) -> Box:
    """One named box from data/regions.csv."""
    try:
        return load_regions()[name]
    except KeyError:
        raise LexiconError(f"{DATA_DIR / 'regions.csv'}: no region {name!r}") from None
