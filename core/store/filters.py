"""The analyst's filter: one value object, applied the same way by every page, export and CLI.

`apply_filter` is vectorised over a `FilterIndex` (integer codes, tactic bit masks, a lower-cased
search text) so that filtering a million events stays well under a second. The index is built
once per event table and remembered while that table is alive; treat event tables as read-only.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from core.knowledge.actors import actor_book
from core.knowledge.lexicon import tactic_names

SEARCH_COLUMNS: tuple[str, ...] = (
    "notes", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "location",
    "admin1", "admin2", "admin3", "target", "claimed_by",
)
"""Columns that free-text search looks in."""


@dataclass(frozen=True)
class EventFilter:
    """Which events to show. Empty tuples and None mean 'no restriction'."""

    since: date | None = None
    until: date | None = None
    actors: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    admin2: tuple[str, ...] = ()
    tactics: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    civilian_targeting: bool | None = None
    text: str = ""
    area: dict | None = field(default=None, compare=False)  # a GeoJSON geometry drawn on the map

    def describe(self) -> str:
        """Plain-language summary of the active filters, for titles and briefs."""
        parts = []
        if self.since or self.until:
            parts.append(f"{self.since or 'start'} to {self.until or 'latest'}")
        for label, values in (("actor", self.actors), ("province", self.admin1), ("district", self.admin2),
                              ("tactic", self.tactics), ("event type", self.event_types)):
            if values:
                parts.append(f"{label}: {', '.join(values)}")
        if self.civilian_targeting is not None:
            parts.append("civilian targeting only" if self.civilian_targeting else "excluding civilian targeting")
        if self.text:
            parts.append(f"text: “{self.text}”")
        if self.area:
            parts.append("drawn area")
        return "; ".join(parts) or "all events"

    def without_area(self) -> EventFilter:
        """The same filter without the drawn area."""
        return replace(self, area=None)

    def is_empty(self) -> bool:
        """True when the filter lets every event through."""
        return self == EventFilter() and not self.area


@dataclass(frozen=True)
class _Codes:
    """A text column as integer codes into its distinct values (-1 for null)."""

    codes: np.ndarray
    values: pd.Index

    @classmethod
    def of(cls, column: pd.Series) -> _Codes:
        codes, values = pd.factorize(column.astype(object), use_na_sentinel=True)
        return cls(np.asarray(codes), pd.Index(values))

    def isin(self, wanted: tuple[str, ...] | set[str]) -> np.ndarray:
        hits = self.values.get_indexer(list(wanted))
        return np.isin(self.codes, hits[hits >= 0])


@dataclass(frozen=True)
class FilterIndex:
    """Precomputed, vectorisable views of an event table's filterable columns."""

    size: int
    first_id: str | None
    days: np.ndarray  # ISO date strings as datetime64[D]
    actor1: _Codes
    actor2: _Codes
    associates: pd.Series  # row position -> one associate name, for rows that have associates
    admin1: _Codes
    admin2: _Codes
    event_type: _Codes
    tactic_bits: np.ndarray  # uint64: bit i set when the event has tactic i
    tactic_bit: dict[str, int]
    civilian: np.ndarray  # bool, null -> False
    text: pa.DictionaryArray  # lower-cased search text, each distinct text stored once
    lat: np.ndarray
    lon: np.ndarray

    def matches(self, events: pd.DataFrame) -> bool:
        """Whether this index was built for `events` (same length and first id)."""
        first = events["event_id"].iloc[0] if len(events) else None
        return self.size == len(events) and self.first_id == first


def build_index(events: pd.DataFrame) -> FilterIndex:
    """Index an event table for fast filtering (about a second per million events)."""
    tactic_bit = {t: i for i, t in enumerate(tactic_names())}
    bits = _tactic_bits(events["tactics"], tactic_bit)
    assoc = pd.concat([events["assoc_actor_1"], events["assoc_actor_2"]])
    assoc = pd.Series(assoc.to_numpy(), index=np.tile(np.arange(len(events)), 2)).dropna()
    assoc = assoc[assoc != ""].str.split("; ").explode()
    search = None
    for col in SEARCH_COLUMNS:
        part = pa.array(events[col].astype(object).to_numpy(), type=pa.string(), from_pandas=True)
        part = pc.fill_null(part, "")
        search = part if search is None else pc.binary_join_element_wise(search, part, " ")
    text = pc.utf8_lower(search) if search is not None else pa.array([], pa.string())
    text = pc.dictionary_encode(text)  # search each distinct text once
    return FilterIndex(
        size=len(events),
        first_id=events["event_id"].iloc[0] if len(events) else None,
        days=pd.to_datetime(events["event_date"], format="%Y-%m-%d", errors="coerce").to_numpy("datetime64[D]"),
        actor1=_Codes.of(events["actor1"]),
        actor2=_Codes.of(events["actor2"]),
        associates=assoc,
        admin1=_Codes.of(events["admin1"]),
        admin2=_Codes.of(events["admin2"]),
        event_type=_Codes.of(events["event_type"]),
        tactic_bits=bits,
        tactic_bit=tactic_bit,
        civilian=events["civilian_targeting"].fillna(False).to_numpy(dtype=bool),
        text=text,
        lat=events["latitude"].to_numpy(dtype=float, na_value=np.nan),
        lon=events["longitude"].to_numpy(dtype=float, na_value=np.nan),
    )


def _tactic_bits(tactics: pd.Series, tactic_bit: dict[str, int]) -> np.ndarray:
    """One uint64 per event with a bit per tactic (distinct tactic lists are few, so map them once)."""
    keys = tactics.map(lambda ts: "|".join(ts) if isinstance(ts, list) else "")
    codes, uniques = pd.factorize(keys)
    masks = np.zeros(len(uniques), dtype=np.uint64)
    for i, key in enumerate(uniques):
        for t in key.split("|") if key else ():
            if t in tactic_bit:
                masks[i] |= np.uint64(1) << np.uint64(tactic_bit[t])
    return masks[codes] if len(codes) else np.zeros(0, dtype=np.uint64)


_INDEXES: dict[int, tuple[weakref.ref, FilterIndex]] = {}


def index_for(events: pd.DataFrame) -> FilterIndex:
    """The index of `events`, built on first use and kept while the table is alive."""
    key = id(events)
    cached = _INDEXES.get(key)
    if cached and cached[0]() is events and cached[1].matches(events):
        return cached[1]
    index = build_index(events)
    _INDEXES[key] = (weakref.ref(events, lambda _ref, k=key: _INDEXES.pop(k, None)), index)
    return index


def filter_mask(events: pd.DataFrame, f: EventFilter, index: FilterIndex | None = None) -> np.ndarray:
    """A boolean array: which rows of `events` pass the filter."""
    ix = index if index is not None and index.matches(events) else index_for(events)
    mask = np.ones(ix.size, dtype=bool)
    if f.since:
        mask &= ix.days >= np.datetime64(f.since, "D")
    if f.until:
        mask &= ix.days <= np.datetime64(f.until, "D")
    if f.actors:
        mask &= _actor_mask(ix, f.actors)
    if f.admin1:
        mask &= ix.admin1.isin(f.admin1)
    if f.admin2:
        mask &= ix.admin2.isin(f.admin2)
    if f.tactics:
        wanted = np.uint64(0)
        for t in f.tactics:
            if t in ix.tactic_bit:
                wanted |= np.uint64(1) << np.uint64(ix.tactic_bit[t])
        mask &= (ix.tactic_bits & wanted) != 0
    if f.event_types:
        mask &= ix.event_type.isin(f.event_types)
    if f.civilian_targeting is not None:
        mask &= ix.civilian == f.civilian_targeting
    if f.text.strip():
        distinct = pc.match_substring(ix.text.dictionary, f.text.strip().casefold()).to_numpy(zero_copy_only=False)
        mask &= np.asarray(distinct, dtype=bool)[ix.text.indices.to_numpy(zero_copy_only=False)]
    if f.area:
        mask &= _area_mask(ix, f.area, mask)
    return mask


def _actor_mask(ix: FilterIndex, actors: tuple[str, ...]) -> np.ndarray:
    """Events where a chosen actor is actor1 or actor2, or one of its sub-units is an associate."""
    wanted = set(actors)
    names = wanted | {u for a in actors for u in actor_book().subunits(a)}
    hit = ix.actor1.isin(wanted) | ix.actor2.isin(wanted)
    if len(ix.associates):
        rows = ix.associates.index[ix.associates.isin(names)]
        hit[np.asarray(rows, dtype=np.int64)] = True
    return hit


def _area_mask(ix: FilterIndex, area: dict, candidates: np.ndarray) -> np.ndarray:
    """Events inside a drawn GeoJSON geometry (checked only for rows still in play)."""
    from shapely import contains_xy, prepare
    from shapely.geometry import shape

    geom = shape(area)
    prepare(geom)
    minx, miny, maxx, maxy = geom.bounds
    rows = np.flatnonzero(candidates & (ix.lon >= minx) & (ix.lon <= maxx) & (ix.lat >= miny) & (ix.lat <= maxy))
    inside = np.zeros(ix.size, dtype=bool)
    inside[rows] = contains_xy(geom, ix.lon[rows], ix.lat[rows])
    return inside


def apply_filter(events: pd.DataFrame, f: EventFilter, index: FilterIndex | None = None) -> pd.DataFrame:
    """The rows of `events` that pass the filter, in their original order."""
    mask = filter_mask(events, f, index)
    if mask.all():
        return events
    return events.iloc[np.flatnonzero(mask)]
