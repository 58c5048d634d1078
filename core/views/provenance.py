"""What the store knows about shown events beyond their rows: the reports merged into them and each report's
figures (core.store.merging, core.store.reading.load_figure_ranges), for briefs that cite every source.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from core.store.database import get_engine
from core.store.merging import load_merges
from core.store.reading import event_dicts, load_figure_ranges


@dataclass(frozen=True)
class FigureRange:
    """One count of one event told by several reports (or given as a range): low, best, high and each report's
    own figure as (report event id, value, qualifier)."""

    figure: str
    low: int
    best: int
    high: int
    reports: tuple[tuple[str, int, str | None], ...]


@dataclass(frozen=True)
class Provenance:
    """Merged reports and figure ranges of a set of shown events (empty when the events are not from a store)."""

    merged: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """kept event id -> the ids of the reports merged into it"""
    sources: Mapping[str, dict] = field(default_factory=dict)
    """report event id -> its source (document id, title, outlet, published, url, file)"""
    figures: Mapping[str, tuple[FigureRange, ...]] = field(default_factory=dict)
    """event id -> its counts with a range"""

    def reports_of(self, event_id: str) -> tuple[str, ...]:
        """The ids of the reports merged into an event (not the event itself)."""
        return self.merged.get(event_id, ())


def provenance_from(merges: pd.DataFrame, figures: pd.DataFrame, sources: Mapping[str, dict],
                    event_ids: Iterable[str]) -> Provenance:
    """Provenance of `event_ids` from a merges table (core.store.merging.load_merges), a figure-range table
    (core.store.reading.load_figure_ranges) and the merged reports' sources."""
    ids = set(event_ids)
    active = merges[merges["undone_at"].isna() & merges["kept_id"].isin(ids)] if len(merges) else merges
    merged = {str(k): tuple(g["merged_id"]) for k, g in active.groupby("kept_id")} if len(active) else {}
    ranges: dict[str, list[FigureRange]] = {}
    for row in figures[figures["event_id"].isin(ids)].itertuples() if len(figures) else ():
        reports = tuple((s["event_id"], int(s["value"]), s.get("qualifier")) for s in row.sources)
        ranges.setdefault(row.event_id, []).append(
            FigureRange(row.figure, int(row.low), int(row.best), int(row.high), reports))
    return Provenance(merged=merged, sources=dict(sources), figures={k: tuple(v) for k, v in ranges.items()})


def load_provenance(event_ids: Iterable[str], url: str | None = None) -> Provenance:
    """The merges and figure ranges of `event_ids` from the store at `url` (default: DATABASE_URL)."""
    ids = list(dict.fromkeys(event_ids))
    merges = load_merges(url)
    figures = load_figure_ranges(url)
    members = set(ids) & set(merges["kept_id"]) if len(merges) else set()
    wanted = sorted(set(merges.loc[merges["kept_id"].isin(members) & merges["undone_at"].isna(), "merged_id"])
                    if members else set())
    sources = {}
    if wanted:
        with get_engine(url).connect() as conn:
            sources = {row["event_id"]: row["source"] for row in event_dicts(conn, wanted)}
    return provenance_from(merges, figures, sources, ids)
