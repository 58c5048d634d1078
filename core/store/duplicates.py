"""Duplicate reports: finding the same incident told by different sources, and combining their figures.

Two events are one incident when all of these hold, and each is written down as a reason:
- their dates are at most one day apart;
- they are in the same district, or within 25 km of each other (points placed at a
  province centroid do not count as near anything);
- their actors are compatible: the same main actor (after aliases), or one report names
  no perpetrator;
- their tactics are compatible: a shared tactic, the same GTD attack type, or the same
  ACLED sub-event type.
Events with the same source key (one document, or one imported dataset) are never merged:
their coders or the extractor already kept them apart.

This module is pure: core.store.database records and undoes merges and calls these functions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from core.knowledge.actors import actor_book
from core.knowledge.distance import distance_km
from core.knowledge.lexicon import load_tactics
from core.schema import COUNT_COLUMNS

MAX_DAYS = 1
MAX_KM = 25.0
POOL_COLUMNS = ("event_id", "event_date", "admin2", "latitude", "longitude", "geo_precision", "actor1",
                "actor2", "tactics", "event_type", "sub_event_type", "source_key")
"""The columns duplicate detection needs from each event."""


@dataclass(frozen=True)
class Merge:
    """One report folded into an earlier one, with the reasons in plain words."""

    kept_id: str
    merged_id: str
    reasons: tuple[str, ...] = field(default_factory=tuple)


@lru_cache(maxsize=1)
def _attack_type_of_tactic() -> dict[str, str]:
    rows = load_tactics()
    return {t: g for t, g in zip(rows["tactic"], rows["gtd_attack_type"]) if g and g != "Unknown"}


def canonical_actor(name: str | None) -> str | None:
    """The actor a name stands for, None when the name says the perpetrator is unknown."""
    book = actor_book()
    if book.is_unidentified(name):
        return None
    return book.resolve(name)


def actor_reason(a: str | None, b: str | None, pair_a: tuple = (), pair_b: tuple = ()) -> str | None:
    """Why two main actors can be the same perpetrator, or None when they cannot.

    `pair_a` and `pair_b` are both sides of each event: datasets that always list the state
    first (UCDP) still match when the two sides are the same.
    """
    sides_a = {canonical_actor(x) for x in pair_a if isinstance(x, str)}
    if len(sides_a) == 2 and sides_a == {canonical_actor(x) for x in pair_b if isinstance(x, str)}:
        return f"same two sides: {' and '.join(sorted(sides_a))}"
    ca, cb = canonical_actor(a), canonical_actor(b)
    if ca is None or cb is None:
        return f"actors compatible: {a if cb is None else b} vs a report naming no perpetrator"
    if ca == cb:
        return f"same actor: {ca}"
    return None


def tactic_reason(a: pd.Series, b: pd.Series) -> str | None:
    """Why two events' tactics describe the same attack, or None."""
    shared = sorted(set(a["tactics"]) & set(b["tactics"]))
    if shared:
        return f"shared tactic: {', '.join(shared)}"
    kinds = _attack_type_of_tactic()
    for ta in a["tactics"]:
        for tb in b["tactics"]:
            if kinds.get(ta) and kinds.get(ta) == kinds.get(tb):
                return f"compatible tactics: {ta} and {tb} are both {kinds[ta]}"
    if (a["event_type"], a["sub_event_type"]) == (b["event_type"], b["sub_event_type"]):
        return f"same sub-event type: {a['sub_event_type']}"
    return None


def _candidate_pairs(new: pd.DataFrame, pool: pd.DataFrame) -> pd.DataFrame:
    """Pairs (new row, pool row) with dates within MAX_DAYS and different source keys."""
    shifted = []
    for offset in range(-MAX_DAYS, MAX_DAYS + 1):
        day = (pd.to_datetime(pool["event_date"]) + pd.Timedelta(days=offset)).dt.strftime("%Y-%m-%d")
        shifted.append(pool.assign(join_day=day))
    pairs = new.merge(pd.concat(shifted, ignore_index=True), left_on="event_date", right_on="join_day",
                      suffixes=("_n", "_p"))
    return pairs[(pairs["source_key_n"] != pairs["source_key_p"]) & (pairs["event_id_n"] != pairs["event_id_p"])]


def _place_reasons(pairs: pd.DataFrame) -> pd.Series:
    """Per pair: the place reason, or None when the places are too far apart or unknown."""
    same = pairs["admin2_n"].notna() & (pairs["admin2_n"].fillna("").str.casefold()
                                        == pairs["admin2_p"].fillna("").str.casefold())
    km = distance_km(pairs["latitude_n"].to_numpy(float), pairs["longitude_n"].to_numpy(float),
                      pairs["latitude_p"].to_numpy(float), pairs["longitude_p"].to_numpy(float))
    precise = (pairs["geo_precision_n"].fillna(1) < 3) & (pairs["geo_precision_p"].fillna(1) < 3)
    near = precise & pd.Series(km <= MAX_KM, index=pairs.index)
    reasons = pd.Series([None] * len(pairs), index=pairs.index, dtype=object)
    reasons[near] = [f"{d:.1f} km apart" for d in km[near.to_numpy()]]
    reasons[same] = "same district: " + pairs.loc[same, "admin2_n"]
    return reasons


def find_duplicates(new: pd.DataFrame, pool: pd.DataFrame, skip_pairs: set[frozenset[str]] = frozenset()) -> list[Merge]:
    """Merges for the events in `new` that duplicate an event in `pool` or an earlier one in `new`.

    Both tables need POOL_COLUMNS. Pool events are kept over new ones; within `new`, the
    earlier row is kept. Pairs in `skip_pairs` (merges an analyst undid) are never proposed.
    """
    if new.empty:
        return []
    new = new.reset_index(drop=True).assign(order=lambda d: d.index)
    pool = pool[~pool["event_id"].isin(new["event_id"])].assign(order=-1)
    candidates = [_candidate_pairs(new, pool)]
    if new["source_key"].nunique() > 1:
        within = _candidate_pairs(new, new)
        candidates.append(within[within["order_p"] < within["order_n"]])
    pairs = pd.concat(candidates, ignore_index=True)
    if pairs.empty:
        return []
    pairs = pairs.assign(place=_place_reasons(pairs)).dropna(subset=["place"])
    pairs = pairs.sort_values(["order_n", "order_p"])
    merges: list[Merge] = []
    absorbed: set[str] = set()
    for _, row in pairs.iterrows():
        kept, dup = row["event_id_p"], row["event_id_n"]
        if dup in absorbed or kept in absorbed or frozenset((kept, dup)) in skip_pairs:
            continue
        actor = actor_reason(row["actor1_n"], row["actor1_p"], (row["actor1_n"], row["actor2_n"]),
                             (row["actor1_p"], row["actor2_p"]))
        tactic = tactic_reason(_side(row, "_n"), _side(row, "_p"))
        if actor and tactic:
            days = abs((pd.Timestamp(row["event_date_n"]) - pd.Timestamp(row["event_date_p"])).days)
            when = f"dates {row['event_date_p']} and {row['event_date_n']} ({days} day{'s' * (days != 1)} apart)"
            merges.append(Merge(kept, dup, (when, row["place"], actor, tactic)))
            absorbed.add(dup)
    return merges


def _side(row: pd.Series, suffix: str) -> pd.Series:
    return pd.Series({k: row[f"{k}{suffix}"] for k in ("tactics", "event_type", "sub_event_type")})


def figure_ranges(reports: pd.DataFrame, ranges: pd.DataFrame) -> pd.DataFrame:
    """Low, best and high of each count for events told by several reports or given as a range.

    `reports` has one row per report: kept_id (the event it belongs to), event_id, source,
    report_date and the count columns; `ranges` has event_id, figure, low, high (from datasets
    such as UCDP GED that give a range themselves). Best is the figure of the most recent
    report (tolls are revised as the injured die); low and high span every report. Unknown
    figures take no part: a report that gives no toll does not pull the low end to 0.
    """
    extra = {(r.event_id, r.figure): (r.low, r.high) for r in ranges.itertuples()}
    out = []
    for kept_id, group in reports.groupby("kept_id", sort=False):
        group = group.assign(first=group["event_id"] == kept_id).sort_values(
            ["report_date", "first"], ascending=[False, False])
        for figure in COUNT_COLUMNS:
            known = group[group[figure].notna()]
            if known.empty or (len(group) == 1 and (kept_id, figure) not in extra):
                continue
            sources = []
            for r in known.itertuples():
                value = int(getattr(r, figure))
                low, high = extra.get((r.event_id, figure), (None, None))
                qualifier = getattr(r, f"{figure}_qualifier")
                sources.append({"event_id": r.event_id, "source": r.source, "value": value,
                                "qualifier": qualifier if isinstance(qualifier, str) else None,
                                "low": _num(low, value), "high": _num(high, value)})
            out.append({"event_id": kept_id, "figure": figure, "best": sources[0]["value"],
                        "low": min(s["low"] for s in sources), "high": max(s["high"] for s in sources),
                        "sources": sources})
    return pd.DataFrame(out, columns=["event_id", "figure", "low", "best", "high", "sources"])


def _num(value: object, default: int) -> int:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return default
    return int(value)
