"""The analyst's filter: one value object, applied the same way by every page, export and CLI."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

import pandas as pd

from core.lexicon import load_actor_aliases


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


def subunits_of(actor: str) -> tuple[str, ...]:
    """Sub-units that belong to an actor in data/actor_aliases.csv (BLA -> Majeed Brigade, ...)."""
    rows = load_actor_aliases()
    return tuple(sorted(set(rows.loc[(rows["actor"] == actor) & (rows["subunit"] != ""), "subunit"])))


def apply_filter(events: pd.DataFrame, f: EventFilter) -> pd.DataFrame:
    """The rows of `events` that pass the filter, in their original order."""
    mask = pd.Series(True, index=events.index)
    if f.since or f.until:
        dates = events["event_date"]
        if f.since:
            mask &= dates >= f.since.isoformat()
        if f.until:
            mask &= dates <= f.until.isoformat()
    if f.actors:
        wanted = set(f.actors)
        units = {u for a in f.actors for u in subunits_of(a)}
        hit = events["actor1"].isin(wanted) | events["actor2"].isin(wanted)
        for col in ("assoc_actor_1", "assoc_actor_2"):
            hit |= events[col].fillna("").map(lambda s: bool(units & set(s.split("; "))) or bool(wanted & set(s.split("; "))))
        mask &= hit
    if f.admin1:
        mask &= events["admin1"].isin(f.admin1)
    if f.admin2:
        mask &= events["admin2"].isin(f.admin2)
    if f.tactics:
        wanted_tactics = set(f.tactics)
        mask &= events["tactics"].map(lambda ts: not wanted_tactics.isdisjoint(ts))
    if f.event_types:
        mask &= events["event_type"].isin(f.event_types)
    if f.civilian_targeting is not None:
        mask &= events["civilian_targeting"].fillna(False) == f.civilian_targeting
    if f.text:
        needle = f.text.casefold()
        hay = events["notes"].fillna("") + " " + events["actor1"].fillna("") + " " + events["location"].fillna("")
        mask &= hay.str.casefold().str.contains(needle, regex=False)
    if f.area:
        from shapely.geometry import shape
        from shapely import contains_xy

        geom = shape(f.area)
        lat, lon = events["latitude"].to_numpy(), events["longitude"].to_numpy()
        inside = pd.Series(contains_xy(geom, lon, lat), index=events.index) & events["latitude"].notna()
        mask &= inside
    return events[mask]
