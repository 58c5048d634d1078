"""Reading from the store: the events shown (one row per incident), filtered in SQL, and their provenance.

Merges are written down when they happen (core.store.merging), so reading is a plain query: the events
whose `merged_into` is null, with the best figures already on their rows.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Connection, func, select

from core.schema import COLUMN_NAMES, coerce_events, empty_events, parse_json_columns, to_records, validate_events
from core.store import tables
from core.store.database import chunks, get_engine
from core.store.filters import EventFilter, area_mask, sql_conditions
from core.store.merging import own_figures


def frame(rows: list, validate: bool = False) -> pd.DataFrame:
    """Database rows (in COLUMN_NAMES order, or mappings) as an event table."""
    if not rows:
        return empty_events()
    # Plain tuples: pandas probes SQLAlchemy rows for attributes, which costs two exceptions per row.
    values = [tuple(r[c] for c in COLUMN_NAMES) if isinstance(r, Mapping) else tuple(r) for r in rows]
    df = parse_json_columns(pd.DataFrame(values, columns=list(COLUMN_NAMES)))
    return validate_events(df) if validate else coerce_events(df)


def event_dicts(conn: Connection, ids: Sequence[str]) -> list[dict[str, Any]]:
    """Stored events as plain dicts, by id."""
    e = tables.events
    rows = []
    for part in chunks(list(ids)):
        rows += conn.execute(select(*(e.c[c] for c in COLUMN_NAMES)).where(e.c.event_id.in_(part))).mappings().all()
    return to_records(frame(rows))


def _shown(conditions: list, url: str | None, validate: bool) -> pd.DataFrame:
    e = tables.events
    query = (select(*(e.c[c] for c in COLUMN_NAMES)).where(e.c.merged_into.is_(None), *conditions)
             .order_by(e.c.event_date, e.c.event_id))
    with get_engine(url).connect() as conn:
        return frame(conn.execute(query).all(), validate)


def load_events(url: str | None = None) -> pd.DataFrame:
    """Every stored event as a validated table, one row per incident (duplicate reports folded in)."""
    return _shown([], url, validate=True)


def query_events(f: EventFilter, url: str | None = None) -> pd.DataFrame:
    """The stored events passing the analyst's filter, selected in the database."""
    events = _shown(sql_conditions(f, tables.events, tables.event_tactics, tables.event_actors), url, validate=False)
    if f.area and len(events):
        lat = events["latitude"].to_numpy(dtype=float, na_value=np.nan)
        lon = events["longitude"].to_numpy(dtype=float, na_value=np.nan)
        events = events[area_mask(lat, lon, f.area)]
    return events.reset_index(drop=True)


def load_reports(url: str | None = None) -> pd.DataFrame:
    """Every stored report as it was told, including those folded into another event (own figures, not the best)."""
    e = tables.events
    with get_engine(url).connect() as conn:
        reports = frame(conn.execute(select(*(e.c[c] for c in COLUMN_NAMES)).order_by(e.c.event_date, e.c.event_id))
                        .all(), validate=True)
        kept = list(conn.execute(select(tables.event_figures.c.event_id).distinct()).scalars())
        own = own_figures(conn, kept)
    reports = reports.set_index("event_id", drop=False)
    for event_id, figures in own.items():
        for name, value in figures.items():
            if name in reports.columns and name not in ("event_id", "event_date", "source"):
                reports.loc[event_id, name] = value
    return reports.reset_index(drop=True)


def load_figure_ranges(url: str | None = None) -> pd.DataFrame:
    """Per event and count: low, best, high and the sources giving each figure (for merged or ranged events)."""
    fig = tables.event_figures
    with get_engine(url).connect() as conn:
        rows = conn.execute(select(fig).order_by(fig.c.event_id, fig.c.figure)).mappings().all()
    out = pd.DataFrame(rows, columns=["event_id", "figure", "low", "best", "high", "sources"])
    out["sources"] = out["sources"].map(json.loads)
    return out[["event_id", "figure", "low", "best", "high", "sources"]]


DOCUMENT_COLUMNS = ("doc_id", "name", "title", "date", "dateline_place", "text", "date_source", "updated", "outlet",
                    "url", "author", "kind", "note", "blocks")


def load_documents(url: str | None = None) -> pd.DataFrame:
    """Every stored source document: id, file name, title, publication date, dateline, text, and where it came
    from (date_source, updated, outlet, url, author, kind, note) and its furniture blocks ([start, end, kind])."""
    d = tables.documents
    columns = list(DOCUMENT_COLUMNS)
    with get_engine(url).connect() as conn:
        rows = conn.execute(select(*(d.c[c] for c in columns)).order_by(d.c.date, d.c.doc_id)).all()
    out = pd.DataFrame(rows, columns=columns)
    out["blocks"] = out["blocks"].map(lambda v: json.loads(v) if isinstance(v, str) else [])
    return out


def known_documents(ids: Sequence[str], urls: Sequence[str], url: str | None = None) -> tuple[set[str], set[str]]:
    """Which document ids and which canonical URLs the store already holds (re-adding a feed adds only new items)."""
    d = tables.documents
    with get_engine(url).connect() as conn:
        found_ids = {i for part in chunks(list(ids)) for i in conn.execute(select(d.c.doc_id).where(
            d.c.doc_id.in_(part))).scalars()}
        found_urls = {u for part in chunks([u for u in urls if u]) for u in conn.execute(select(d.c.url).where(
            d.c.url.in_(part))).scalars()}
    return found_ids, found_urls


def load_mentions(url: str | None = None) -> pd.DataFrame:
    """Every stored place mention, in document and text order."""
    m = tables.mentions
    with get_engine(url).connect() as conn:
        rows = conn.execute(select(m).order_by(m.c.document_id, m.c.start)).mappings().all()
    return pd.DataFrame(rows, columns=[c.name for c in m.columns])


def load_original(event_id: str, url: str | None = None) -> dict | None:
    """The machine-extracted version of an event kept beside the analyst's edit, if any."""
    o = tables.event_originals
    with get_engine(url).connect() as conn:
        found = conn.execute(select(o.c.original).where(o.c.event_id == event_id)).scalar()
    return json.loads(found) if found else None


def load_audit(url: str | None = None, event_id: str | None = None) -> pd.DataFrame:
    """The audit log (who, when, action, event_id, detail), oldest first, optionally for one event."""
    a = tables.audit
    q = select(a).order_by(a.c.audit_id)
    if event_id:
        q = q.where(a.c.event_id == event_id)
    with get_engine(url).connect() as conn:
        df = pd.DataFrame(conn.execute(q).mappings().all(), columns=[c.name for c in a.columns])
    df["detail"] = df["detail"].map(json.loads)
    return df


def load_import_rows(url: str | None = None, dataset: str | None = None) -> pd.DataFrame:
    """Imported rows' provenance: event_id, dataset, original_id, row_number and the raw row (dict)."""
    i, imp = tables.import_rows, tables.imports
    q = select(i.c.event_id, i.c.dataset, i.c.original_id, i.c.row_number, i.c.raw, imp.c.columns).join(
        imp, imp.c.import_id == i.c.import_id, isouter=True)
    if dataset:
        q = q.where(i.c.dataset == dataset)
    with get_engine(url).connect() as conn:
        df = pd.DataFrame(conn.execute(q).all(),
                          columns=["event_id", "dataset", "original_id", "row_number", "raw", "columns"])
    headers = {c: json.loads(c) for c in df["columns"].dropna().unique()}
    df["raw"] = [_raw_row(json.loads(r), headers.get(c)) for r, c in zip(df["raw"], df["columns"])]
    return df.drop(columns="columns")


def _raw_row(raw: list | dict, header: list[str] | None) -> dict:
    """A stored raw row as {column: cell}: rows since revision 0011 keep their cells as a list in the header's
    order, earlier ones an object."""
    return dict(zip(header, raw)) if isinstance(raw, list) and header is not None else raw


def store_version(url: str | None = None) -> int:
    """The store's generation, which grows with every write transaction (build, import, save, edit, merge undo):
    a cache key for readers.

    Use it rather than the SQLite file's modification time, which WAL mode leaves unchanged until a checkpoint.
    """
    state = tables.store_state
    with get_engine(url).connect() as conn:
        return int(conn.execute(select(state.c.generation)).scalar_one())


def count_events(url: str | None = None) -> int:
    """How many rows the events table holds (reports, before duplicates are folded)."""
    e = tables.events
    with get_engine(url).connect() as conn:
        return int(conn.execute(select(func.count()).select_from(e)).scalar_one())
