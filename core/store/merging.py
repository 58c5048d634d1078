"""Duplicate reports in the store: recording merges, undoing them, and keeping each incident's figures.

When reports merge, the result is written down at once, so that reading is a plain query:
- the absorbed report's row gets `merged_into` (the event shown instead of it);
- the kept event's row carries the best figure of all its reports, and `event_figures` keeps low, best,
  high and every report's own figure (the kept report's own figure included, so an undo restores it).
Detection itself is core.store.duplicates (pure functions).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
from sqlalchemy import Connection, and_, false, func, or_, select, update

from core.schema import COUNT_COLUMNS
from core.store import tables
from core.store.database import (
    StoreError,
    audit,
    chunks,
    delete_ids,
    get_engine,
    insert_rows,
    now,
    require_who,
    writing,
)
from core.store.duplicates import POOL_COLUMNS, figure_ranges, find_duplicates

FIGURE_FIELDS = frozenset({*COUNT_COLUMNS, *(f"{c}_qualifier" for c in COUNT_COLUMNS)})
"""The event fields a merge recomputes."""
_REPORT_COLUMNS = ("event_id", "event_date", "source", *FIGURE_FIELDS)


def _pool(conn: Connection, clauses: Iterable) -> pd.DataFrame:
    e = tables.events
    q = select(*(e.c[c] for c in POOL_COLUMNS)).where(e.c.merged_into.is_(None), *clauses)
    pool = pd.DataFrame(conn.execute(q).mappings().all(), columns=list(POOL_COLUMNS))
    pool["tactics"] = pool["tactics"].map(json.loads)
    return pool


FEW_OTHERS = 20_000
"""Up to this many events of other sources, the pool is read through the source-key index."""


def _other_sources_pool(conn: Connection, key: str, since: str, until: str) -> pd.DataFrame:
    """The pool for events that all share one source key: the stored events of other sources in the dates.

    The planner cannot tell how few events other sources hold, and scanned the dates of a million events of the
    same dataset (3.5 s per imported chunk); when the source-key index finds few others, the dates are a filter
    only (`|| ''` keeps them off the index), and when it finds none there is nothing to read.
    """
    e = tables.events
    others = or_(e.c.source_key < key, e.c.source_key > key)
    few = conn.execute(select(func.count()).select_from(
        select(e.c.source_key).where(others).limit(FEW_OTHERS).subquery())).scalar_one()
    if not few:
        return _pool(conn, [false()])
    if few < FEW_OTHERS:
        return _pool(conn, [others, e.c.event_date.concat("") >= since, e.c.event_date.concat("") <= until])
    return _pool(conn, [others, e.c.event_date >= since, e.c.event_date <= until])


def merge_new(conn: Connection, new_events: pd.DataFrame, who: str, ranged: Sequence[str] = ()) -> int:
    """Record merges for newly stored events that duplicate stored ones, and bring every affected incident's
    figures up to date (also for `ranged` events, whose source gives a range); returns how many merges."""
    if new_events.empty:
        return 0
    m, e = tables.merges, tables.events
    merges = conn.execute(select(m.c.kept_id, m.c.merged_id, m.c.undone_at)).all()
    absorbed = {r.merged_id for r in merges if r.undone_at is None}
    skip = {frozenset((r.kept_id, r.merged_id)) for r in merges if r.undone_at is not None}
    ids = set(new_events["event_id"])
    # Reports stored again (a rebuild, a re-import) take their earlier merges back before anything new is sought.
    rematerialise(conn, sorted({r.kept_id for r in merges if r.undone_at is None
                                and (r.kept_id in ids or r.merged_id in ids)}))
    new = new_events[~new_events["event_id"].isin(absorbed)].copy()
    new["source_key"] = [str(s.get("dataset") or s.get("document_id") or "") for s in new["source"]]
    new = new[list(POOL_COLUMNS)]
    found = []
    if len(new):
        days = pd.to_datetime(new["event_date"])
        since = (days.min() - pd.Timedelta(days=1)).strftime("%Y-%m-%d")
        until = (days.max() + pd.Timedelta(days=1)).strftime("%Y-%m-%d")
        keys = new["source_key"].unique().tolist()
        pool = _pool(conn, [e.c.event_date >= since, e.c.event_date <= until]) if len(keys) > 1 else (
            _other_sources_pool(conn, keys[0], since, until))
        found = find_duplicates(new, pool, skip)
        stamp = now()
        insert_rows(conn, m, [{"kept_id": f.kept_id, "merged_id": f.merged_id, "reasons": json.dumps(list(f.reasons)),
                               "merged_at": stamp, "merged_by": who} for f in found])
    rematerialise(conn, sorted({f.kept_id for f in found} | set(ranged)))
    return len(found)


def own_figures(conn: Connection, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Each report's own figures: from event_figures where its row carries an incident's best, else its row."""
    e, fig = tables.events, tables.event_figures
    out: dict[str, dict[str, Any]] = {}
    for part in chunks(list(ids)):
        for row in conn.execute(select(*(e.c[c] for c in _REPORT_COLUMNS)).where(e.c.event_id.in_(part))).mappings():
            out[row["event_id"]] = dict(row)
        for row in conn.execute(select(fig.c.event_id, fig.c.figure, fig.c.sources).where(fig.c.event_id.in_(part))):
            mine = next((s for s in json.loads(row.sources) if s["event_id"] == row.event_id), None)
            if row.event_id in out:
                out[row.event_id][row.figure] = mine["value"] if mine else None
                out[row.event_id][f"{row.figure}_qualifier"] = mine["qualifier"] if mine else None
    return out


def rematerialise(conn: Connection, kept_ids: Sequence[str],
                  own_changes: Mapping[str, Mapping[str, Any]] | None = None) -> None:
    """Recompute `merged_into`, `event_figures` and the shown figures of incidents `kept_ids`.

    `own_changes` overrides a report's own figures first (an analyst's correction).
    """
    if not kept_ids:
        return
    m, e, fig, d = tables.merges, tables.events, tables.event_figures, tables.documents
    active = pd.DataFrame(conn.execute(select(m.c.kept_id, m.c.merged_id).where(
        m.c.undone_at.is_(None), or_(*(m.c.kept_id.in_(p) for p in chunks(list(kept_ids)))))).all(),
        columns=["kept_id", "merged_id"])
    members = list(active["merged_id"])
    reports = own_figures(conn, [*kept_ids, *members])
    for event_id, change in (own_changes or {}).items():
        if event_id in reports:
            reports[event_id].update({k: v for k, v in change.items() if k in FIGURE_FIELDS})
    for report in reports.values():
        report["source"] = json.loads(report["source"]) if isinstance(report["source"], str) else report["source"]
    ranges = pd.DataFrame(conn.execute(select(tables.event_ranges).where(
        tables.event_ranges.c.event_id.in_(list(reports)))).all(), columns=["event_id", "figure", "low", "high"])
    docs = sorted({r["source"].get("document_id") for r in reports.values()} - {None})
    doc_dates = dict(conn.execute(select(d.c.doc_id, d.c.date).where(d.c.doc_id.in_(docs))).all()) if docs else {}
    rows = []
    for kept in kept_ids:
        if kept not in reports:
            continue
        group = [kept, *active.loc[active["kept_id"] == kept, "merged_id"]]
        rows += [{**reports[i], "kept_id": kept} for i in group if i in reports]
        for i in group[1:]:
            conn.execute(update(e).where(e.c.event_id == i).values(merged_into=kept))
    frame = pd.DataFrame(rows, columns=[*_REPORT_COLUMNS, "kept_id"])
    frame["report_date"] = [str(doc_dates.get(s.get("document_id"), dt)) for s, dt in zip(frame["source"], frame["event_date"])]
    frame["source"] = [s.get("title") or s.get("dataset") or s.get("document_id") for s in frame["source"]]
    computed = figure_ranges(frame, ranges)
    delete_ids(conn, fig, list(kept_ids))
    insert_rows(conn, fig, [{"event_id": r.event_id, "figure": r.figure, "low": r.low, "best": r.best, "high": r.high,
                             "sources": json.dumps(r.sources, ensure_ascii=False)} for r in computed.itertuples()])
    best = {(r.event_id, r.figure): (r.best, r.sources[0]["qualifier"]) for r in computed.itertuples()}
    for kept in kept_ids:
        if kept not in reports:
            continue
        values = {}
        for figure in COUNT_COLUMNS:
            value, qualifier = best.get((kept, figure), (reports[kept][figure], reports[kept][f"{figure}_qualifier"]))
            values[figure], values[f"{figure}_qualifier"] = value, qualifier
        conn.execute(update(e).where(e.c.event_id == kept).values(values))


def undo_merge(merge_id: int, who: str, url: str | None = None) -> None:
    """Split a merged report back into its own event; the pair is never merged automatically again."""
    who = require_who(who)
    m, e = tables.merges, tables.events
    with writing(url) as conn:
        row = conn.execute(select(m).where(m.c.merge_id == merge_id)).mappings().first()
        if row is None or row["undone_at"] is not None:
            raise StoreError(f"merge {merge_id} does not exist or was already undone")
        conn.execute(update(m).where(m.c.merge_id == merge_id).values(undone_at=now(), undone_by=who))
        conn.execute(update(e).where(and_(e.c.event_id == row["merged_id"], e.c.merged_into == row["kept_id"]))
                     .values(merged_into=None))
        rematerialise(conn, [row["kept_id"]])
        audit(conn, who, "undo-merge", {"merge_id": merge_id, "kept_id": row["kept_id"]}, row["merged_id"])


def load_merges(url: str | None = None) -> pd.DataFrame:
    """Every merge: merge_id, kept_id, merged_id, reasons (list), merged_at/by, undone_at/by."""
    m = tables.merges
    with get_engine(url).connect() as conn:
        df = pd.DataFrame(conn.execute(select(m).order_by(m.c.merge_id)).mappings().all(), columns=[c.name for c in m.columns])
    df["reasons"] = df["reasons"].map(json.loads)
    return df
