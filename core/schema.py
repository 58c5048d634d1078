"""The event table's one schema: column names, types, allowed values and validation.

Every other module imports its column lists and vocabularies from here. Names follow
ACLED's codebook where ACLED has a name for the field; the rest are documented below.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from core.knowledge.lexicon import tactic_names

ACLED_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

DISORDER_TYPES: dict[str, str] = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}

GTD_TARGET_TYPES: tuple[str, ...] = (
    "Business",
    "Government (General)",
    "Police",
    "Military",
    "Abortion Related",
    "Airports & Aircraft",
    "Government (Diplomatic)",
    "Educational Institution",
    "Food or Water Supply",
    "Journalists & Media",
    "Maritime",
    "NGO",
    "Other",
    "Private Citizens & Property",
    "Religious Figures/Institutions",
    "Telecommunication",
    "Terrorists/Non-State Militia",
    "Tourists",
    "Transportation",
    "Unknown",
    "Utilities",
    "Violent Political Party",
)

QUALIFIERS: tuple[str, ...] = ("at least", "over", "about", "up to")
CLAIM_KINDS: tuple[str, ...] = ("responsibility", "denial", "threat", "claim", "statement")
"""Kinds of claims in the `claims` field; when one claimant's clause has several verbs, the first kind here names it."""
INTER_CODES: tuple[int, ...] = (1, 2, 3, 4, 5, 6, 7, 8)


class SchemaError(ValueError):
    """Raised when event data breaks the schema; the message names the row and the field."""


@dataclass(frozen=True)
class Column:
    """One column of the event table."""

    name: str
    kind: str  # str | int | float | bool | date | list | json
    nullable: bool
    doc: str
    acled: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("event_id", "str", False, "Stable id: document id plus the event's ordinal in the document", True),
    Column("event_date", "date", False, "ISO date of the event", True),
    Column("year", "int", False, "Year of event_date", True),
    Column("time_precision", "int", False, "1 = day, 2 = week, 3 = month", True),
    Column("disorder_type", "str", False, "ACLED disorder type, derived from event_type", True),
    Column("event_type", "str", False, "One of ACLED's six event types", True),
    Column("sub_event_type", "str", False, "One of ACLED's 25 sub-event types, under event_type", True),
    Column("tactics", "list", False, "Tactics from data/tactics.csv (hijacking, hostage-taking, ...)"),
    Column("actor1", "str", False, "Main actor (ACLED naming)", True),
    Column("assoc_actor_1", "str", True, "Sub-units and associates of actor1, '; '-separated", True),
    Column("inter1", "int", False, "ACLED interaction code of actor1", True),
    Column("actor2", "str", True, "Second actor", True),
    Column("assoc_actor_2", "str", True, "Sub-units and associates of actor2, '; '-separated", True),
    Column("inter2", "int", True, "ACLED interaction code of actor2", True),
    Column("interaction", "int", False, "The two inter codes joined, lower first", True),
    Column("civilian_targeting", "bool", False, "True when civilians are the main target", True),
    Column("target", "str", True, "What was attacked, as the text names it"),
    Column("target_type", "str", True, "GTD target type"),
    Column("country", "str", False, "Country", True),
    Column("admin1", "str", True, "Province or territory", True),
    Column("admin2", "str", True, "District (current name)", True),
    Column("admin3", "str", True, "Tehsil", True),
    Column("location", "str", True, "Most specific named place", True),
    Column("latitude", "float", True, "WGS84 latitude", True),
    Column("longitude", "float", True, "WGS84 longitude", True),
    Column("geo_precision", "int", True, "1 = site or town, 2 = district or near, 3 = province", True),
    Column("fatalities", "int", True, "Deaths; null when the text gives none", True),
    Column("fatalities_qualifier", "str", True, "Hedge on fatalities: at least, over, about, up to"),
    Column("injuries", "int", True, "Injured; null when the text gives none"),
    Column("injuries_qualifier", "str", True, "Hedge on injuries"),
    Column("hostages", "int", True, "People held or abducted; null when the text gives none"),
    Column("hostages_qualifier", "str", True, "Hedge on hostages"),
    Column("claims", "json", False, "List of {claimant, claim, kind, disputed_by, start, end}"),
    Column("claimed_by", "str", True, "Who claimed responsibility, '; '-separated"),
    Column("competing_claims", "bool", True, "Claims conflict (GTD compclaim); null when there are no claims"),
    Column("source", "json", False, "{document_id, title}", True),
    Column("source_excerpt", "json", False, "List of {start, end, text}: the sentences the event came from"),
    Column("evidence", "json", True, "Why the extractor made this an event of its own: {reason, trigger: {start, end, "
           "text}}; null for imported events"),
    Column("notes", "str", False, "One-line summary", True),
    Column("confidence", "float", False, "0..1: how sure the extractor is"),
)

COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
JSON_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.kind in ("list", "json"))
COUNT_COLUMNS: tuple[str, ...] = ("fatalities", "injuries", "hostages")

_PANDAS_DTYPES = {"str": "object", "int": "Int64", "float": "float64", "bool": "boolean", "date": "object"}


def interaction(inter1: int, inter2: int | None) -> int:
    """ACLED's interaction code: both inter codes, lower first; a lone actor's code followed by 0."""
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def empty_events() -> pd.DataFrame:
    """An event table with every column and no rows."""
    return coerce_events(pd.DataFrame({name: [] for name in COLUMN_NAMES}))


def coerce_events(df: pd.DataFrame, names: Sequence[str] = COLUMN_NAMES) -> pd.DataFrame:
    """Return df with the schema's columns `names` (all of them by default), in order, and their pandas dtypes.

    Raises SchemaError naming the row and field when a value cannot be converted.
    """
    missing = [c for c in names if c not in df.columns]
    if missing:
        raise SchemaError(f"event table is missing columns: {', '.join(missing)}")
    out = df.loc[:, list(names)].copy()
    wanted = set(names)
    for col in (c for c in COLUMNS if c.name in wanted):
        dtype = _PANDAS_DTYPES.get(col.kind, "object")
        if dtype == "object":
            values = out[col.name].astype(object)
            out[col.name] = values.where(values.notna(), None)
            continue
        try:
            if col.kind == "int":
                out[col.name] = pd.to_numeric(out[col.name], errors="raise").astype("Int64")
            elif col.kind == "float":
                out[col.name] = pd.to_numeric(out[col.name], errors="raise").astype("float64")
            elif col.kind == "bool":
                out[col.name] = out[col.name].astype("boolean")
        except (ValueError, TypeError) as exc:
            row = _first_bad_row(out, col.name, col.kind)
            raise SchemaError(f"{row}, field '{col.name}': expected {col.kind} ({exc})") from None
    return out


def _first_bad_row(df: pd.DataFrame, name: str, kind: str) -> str:
    for i, value in enumerate(df[name]):
        if _is_null(value):
            continue
        try:
            if kind == "int":
                if float(value) != int(float(value)):
                    raise ValueError
            elif kind == "float":
                float(value)
            elif kind == "bool" and not isinstance(value, bool):
                raise ValueError
        except (ValueError, TypeError):
            return _row_label(df, i)
    return "a row"


def _row_label(df: pd.DataFrame, i: int) -> str:
    event_id = df["event_id"].iloc[i] if "event_id" in df.columns else None
    return f"row {i} (event_id {event_id})" if not _is_null(event_id) else f"row {i}"


def _is_null(value: Any) -> bool:
    if value is None or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def validate_events(df: pd.DataFrame) -> pd.DataFrame:
    """Check every row against the schema and return the coerced table.

    Raises SchemaError with a message like "row 3 (event_id X), field 'latitude': 95.0 is out of range".
    Checks are vectorised so that a million rows validate in seconds.
    """
    out = coerce_events(df)
    if out.empty:
        return out

    def fail(mask: pd.Series, name: str, reason: str) -> None:
        if mask.any():
            i = int(mask.to_numpy().nonzero()[0][0])
            value = out[name].iloc[i]
            raise SchemaError(f"{_row_label(out, i)}, field '{name}': {value!r} {reason}")

    for col in COLUMNS:
        series = out[col.name]
        if not col.nullable:
            fail(series.isna(), col.name, "is missing (the field is required)")
        if col.kind in ("str", "date") and pd.api.types.infer_dtype(series, skipna=True) not in ("string", "empty"):
            # (the whole column in one C pass; only a column holding something else is read value by value)
            fail(series.notna() & ~series.map(lambda v: isinstance(v, str)), col.name, "is not text")
        if col.kind in ("list", "json"):
            expected = list if col.kind == "list" or col.name in ("claims", "source_excerpt") else dict
            wrong = series.map(lambda v, e=expected, n=col.nullable: not isinstance(v, e) and not (n and v is None))
            fail(wrong, col.name, f"is not a {expected.__name__}")

    fail(~out["event_type"].isin(ACLED_EVENT_TYPES), "event_type", "is not an ACLED event type")
    allowed_pairs = {(t, s) for t, subs in ACLED_EVENT_TYPES.items() for s in subs}
    pairs = pd.Series(list(zip(out["event_type"], out["sub_event_type"])), index=out.index)
    fail(~pairs.isin(allowed_pairs), "sub_event_type", "is not an ACLED sub-event type of its event_type")
    fail(out["disorder_type"] != out["event_type"].map(DISORDER_TYPES), "disorder_type", "does not match event_type")
    dates = pd.to_datetime(out["event_date"], format="%Y-%m-%d", errors="coerce")
    fail(dates.isna(), "event_date", "is not an ISO date (YYYY-MM-DD)")
    fail(out["year"] != dates.dt.year, "year", "does not match event_date")
    fail(~out["time_precision"].isin([1, 2, 3]), "time_precision", "is not 1, 2 or 3")
    fail(out["geo_precision"].notna() & ~out["geo_precision"].isin([1, 2, 3]), "geo_precision", "is not 1, 2 or 3")
    fail(out["latitude"].notna() & ~out["latitude"].between(-90, 90), "latitude", "is out of range [-90, 90]")
    fail(out["longitude"].notna() & ~out["longitude"].between(-180, 180), "longitude", "is out of range [-180, 180]")
    fail(out["latitude"].isna() != out["longitude"].isna(), "longitude", "must be given together with latitude")
    fail(~out["inter1"].isin(INTER_CODES), "inter1", "is not an ACLED inter code")
    fail(out["inter2"].notna() & ~out["inter2"].isin(INTER_CODES), "inter2", "is not an ACLED inter code")
    fail(out["target_type"].notna() & ~out["target_type"].isin(GTD_TARGET_TYPES), "target_type", "is not a GTD target type")
    fail(~out["confidence"].between(0, 1), "confidence", "is not between 0 and 1")
    for name in COUNT_COLUMNS:
        fail(out[name].notna() & (out[name] < 0), name, "is negative")
        qual = out[f"{name}_qualifier"]
        fail(qual.notna() & ~qual.isin(QUALIFIERS), f"{name}_qualifier", f"is not one of {QUALIFIERS}")
        fail(qual.notna() & out[name].isna(), f"{name}_qualifier", f"is given but {name} is null")
    known = set(tactic_names())
    fail(out["tactics"].map(lambda ts: not ts or not set(ts) <= known), "tactics", "has a tactic outside data/tactics.csv")
    fail(out["event_id"].duplicated(), "event_id", "is not unique")
    return out


def to_records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain dicts for JSON: nulls become None, numpy scalars become Python values."""
    records = []
    for row in df.to_dict(orient="records"):
        records.append({k: _plain(v) for k, v in row.items()})
    return records


def _plain(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return value
    if _is_null(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def _json_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return _json_strings(tuple(value))  # tactic lists repeat over thousands of rows
    return json.dumps(value, ensure_ascii=False)


@lru_cache(maxsize=4096)
def _json_strings(values: tuple[str, ...]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def serialise_json_columns(df: pd.DataFrame) -> pd.DataFrame:
    """Copy of df with list/dict columns as JSON text, for CSV and SQL."""
    out = df.copy()
    for name in JSON_COLUMNS:
        if name in out.columns:
            out[name] = out[name].map(_json_text)
    return out


def parse_json_columns(df: pd.DataFrame) -> pd.DataFrame:
    """Inverse of serialise_json_columns; raises SchemaError naming the row on bad JSON.

    Each distinct text is parsed once ("[]" and a dataset's source repeat over thousands of rows),
    so rows may share list and dict objects: treat loaded tables as read-only values.
    """
    out = df.copy()
    for name in JSON_COLUMNS:
        if name not in out.columns:
            continue
        parsed: dict[str, Any] = {}
        values = []
        for i, text in enumerate(out[name]):
            if not isinstance(text, str):
                values.append(text)
                continue
            if text not in parsed:
                try:
                    parsed[text] = json.loads(text)
                except json.JSONDecodeError as exc:
                    raise SchemaError(f"row {i}, field '{name}': not valid JSON ({exc.msg})") from None
            values.append(parsed[text])
        out[name] = values
    return out


def events_from_records(records: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Build a validated event table from dicts (missing optional fields become null)."""
    rows = list(records)
    if not rows:
        return empty_events()
    df = pd.DataFrame(rows)
    for name in COLUMN_NAMES:
        if name not in df.columns:
            df[name] = None
    return validate_events(df)
