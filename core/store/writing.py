"""Writing to the store: builds, imports, analysts' saves and corrections, each one transaction with its audit.

Every event row is written through `event_rows`, which also fills the search text and the side tables
(event_tactics, event_actors), so that the filters find every event the same way however it came in.
Duplicate reports are merged as they arrive (core.store.merging).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import Connection, delete, insert, select, update

from core.knowledge.datafiles import DATA_DIR
from core.reading.documents import Document
from core.schema import COLUMN_NAMES, SchemaError, events_from_records, serialise_json_columns, validate_events
from core.store import tables
from core.store.database import (
    EditConflict,
    Progress,
    StoreError,
    audit,
    chunks,
    delete_ids,
    existing_ids,
    get_engine,
    insert_columns,
    insert_rows,
    now,
    plain,
    refresh_statistics,
    require_who,
    writing,
)
from core.store.filters import search_text
from core.store.merging import FIGURE_FIELDS, merge_new, rematerialise
from core.store.reading import event_dicts

CSV_COPY = DATA_DIR / "events.csv"
ROLES = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")


@dataclass(frozen=True)
class EventRows:
    """Validated events as columns of the events table and of its side tables (name -> one list per column)."""

    columns: dict[str, list[Any]]
    tactics: dict[str, list[str]]
    actors: dict[str, list[str]]

    @property
    def events(self) -> list[dict[str, Any]]:
        """The events table's rows, one dict per event."""
        return column_rows(self.columns)


def column_rows(columns: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """Columns (name -> values) as rows (one dict per row)."""
    return [dict(zip(columns, values)) for values in zip(*columns.values())]


def _plain_column(values: pd.Series) -> list:
    """A column as the drivers take it: Python scalars, None for every kind of missing (plain(), column-wise;
    validate_events has given every number column a number dtype, so object columns hold text)."""
    return values.astype(object).where(values.notna(), None).tolist()


def event_rows(events: pd.DataFrame, origin: str) -> EventRows:
    """Columns for the events table (with provenance and search text) and rows for event_tactics and event_actors."""
    flat = serialise_json_columns(events)
    flat["search_text"] = search_text(events).to_numpy()
    columns = {name: _plain_column(flat[name]) for name in flat.columns}
    columns["origin"] = [origin] * len(flat)
    columns["source_key"] = [str(s.get("dataset") or s.get("document_id") or "") for s in events["source"]]
    tactic_pairs = [(event_id, t) for event_id, tactics in zip(columns["event_id"], events["tactics"])
                    for t in dict.fromkeys(tactics)]
    actor_triples = []
    for role in ROLES:
        for event_id, value in zip(columns["event_id"], columns[role]):
            names = value.split("; ") if value and role.startswith("assoc") else [value] if value else []
            actor_triples += [(event_id, role, n) for n in dict.fromkeys(names) if n]
    return EventRows(columns, _columns_of(("event_id", "tactic"), tactic_pairs),
                     _columns_of(("event_id", "role", "actor"), actor_triples))


def _columns_of(names: tuple[str, ...], rows: list[tuple]) -> dict[str, list]:
    values = list(zip(*rows)) if rows else [() for _ in names]
    return {name: list(v) for name, v in zip(names, values)}


def insert_events(conn: Connection, events: pd.DataFrame, origin: str, progress: Progress | None = None) -> None:
    """Insert validated events and their side-table rows."""
    rows = event_rows(events, origin)
    insert_columns(conn, tables.events, rows.columns, progress)
    insert_columns(conn, tables.event_tactics, rows.tactics)
    insert_columns(conn, tables.event_actors, rows.actors)


def delete_events(conn: Connection, ids: Sequence[str]) -> None:
    """Delete events and everything that hangs on them (side tables, ranges, figures)."""
    for table in (tables.event_tactics, tables.event_actors, tables.event_ranges, tables.event_figures,
                  tables.events):
        delete_ids(conn, table, ids)


def _document_row(d: Document, origin: str) -> dict[str, Any]:
    return {"doc_id": d.doc_id, "name": d.name, "title": d.title, "date": d.date,
            "dateline_place": d.dateline_place, "text": d.text, "origin": origin, "date_source": d.date_source,
            "updated": d.updated, "outlet": d.outlet, "url": d.url, "author": d.author, "kind": d.kind,
            "note": d.note or None, "blocks": json.dumps([[b.start, b.end, b.kind] for b in d.blocks])}


def _insert_documents(conn: Connection, documents: list[Document], mentions: pd.DataFrame | None,
                      origin: str) -> list[str]:
    """Store documents not stored yet, and their place mentions; returns the ids stored."""
    taken = existing_ids(conn, tables.documents, [d.doc_id for d in documents], "doc_id")
    fresh = [d for d in documents if d.doc_id not in taken]
    insert_rows(conn, tables.documents, [_document_row(d, origin) for d in fresh])
    ids = [d.doc_id for d in fresh]
    if mentions is not None and not mentions.empty:
        rows = mentions[mentions["document_id"].isin(ids)]
        insert_rows(conn, tables.mentions, [{k: plain(v) for k, v in r.items()} for r in rows.to_dict(orient="records")])
    return ids


def save_build(events: pd.DataFrame, documents: list[Document], url: str | None = None, *,
               mentions: pd.DataFrame | None = None, progress: Progress | None = None) -> None:
    """Replace the events, documents and place mentions of the previous build, in one transaction.

    Imported and uploaded events are left alone; an event or document that already came in
    another way is not stored twice. Duplicate reports are merged. Rebuilding is idempotent.
    """
    events = validate_events(events)
    engine = get_engine(url)
    e, d, m = tables.events, tables.documents, tables.mentions
    with writing(engine=engine) as conn:
        built_docs = select(d.c.doc_id).where(d.c.origin == "build")
        conn.execute(delete(m).where(m.c.document_id.in_(built_docs)))
        conn.execute(delete(d).where(d.c.origin == "build"))
        delete_events(conn, list(conn.execute(select(e.c.event_id).where(e.c.origin == "build")).scalars()))
        _insert_documents(conn, documents, mentions, "build")
        taken = existing_ids(conn, e, list(events["event_id"]))
        fresh = events[~events["event_id"].isin(taken)]
        insert_events(conn, fresh, "build", progress)
        merged = merge_new(conn, fresh, "build")
        audit(conn, "build", "build", {"events": len(fresh), "documents": len(documents), "merged": merged})
    refresh_statistics(engine, len(fresh))


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did: rows stored (new or replacing an earlier import of them) and merges made."""

    imported: int
    new: int
    updated: int
    merged: int


class ImportWriter:
    """Stores one imported file chunk by chunk, inside the import's transaction (see importing())."""

    def __init__(self, conn: Connection, import_id: int, dataset: str, who: str, total: int,
                 progress: Progress | None) -> None:
        self.conn, self.import_id, self.dataset, self.who = conn, import_id, dataset, who
        self.total, self.progress = total, progress
        self.stored = self.updated = self.merged = 0

    @property
    def outcome(self) -> ImportOutcome:
        """What the import stored so far."""
        return ImportOutcome(self.stored, self.stored - self.updated, self.updated, self.merged)

    def first_rows(self, event_ids: list[str]) -> dict[str, int]:
        """The rows of this import already stored among `event_ids`: {event id: row number in the file}."""
        i = tables.import_rows
        found: dict[str, int] = {}
        for part in chunks(event_ids):
            found.update(self.conn.execute(select(i.c.event_id, i.c.row_number).where(
                i.c.import_id == self.import_id, i.c.event_id.in_(part))).all())
        return found

    def store(self, events: pd.DataFrame, raw_rows: list[dict], ranges: list[dict]) -> None:
        """Validate and store one chunk of events (raises SchemaError before writing any of it).

        `raw_rows` holds, per event, original_id, row_number and raw (the file's row as JSON text);
        `ranges` holds event_id, figure, low, high. Rows imported before (same ids) are replaced.
        """
        if events.empty:
            return
        events = validate_events(events)
        conn, ids = self.conn, list(events["event_id"])
        before = existing_ids(conn, tables.events, ids)
        delete_events(conn, list(before))
        delete_ids(conn, tables.import_rows, list(before))
        done, total = self.stored, max(self.total, self.stored + len(ids))
        insert_events(conn, events, "import", self.progress and (lambda n, _: self.progress(done + n, total)))
        insert_columns(conn, tables.import_rows, {
            "event_id": ids, "import_id": [self.import_id] * len(ids), "dataset": [self.dataset] * len(ids),
            **{k: [r[k] for r in raw_rows] for k in ("original_id", "row_number", "raw")}})
        insert_rows(conn, tables.event_ranges, ranges)
        self.merged += merge_new(conn, events, self.who, ranged=sorted({r["event_id"] for r in ranges}))
        self.stored += len(ids)
        self.updated += len(before)


@contextmanager
def importing(*, dataset: str, file_name: str, file_sha256: str, columns: list[str], who: str = "import",
              url: str | None = None, total: int = 0, progress: Progress | None = None) -> Iterator[ImportWriter]:
    """One imported file's transaction: the writer stores it chunk by chunk; an exception rolls all of it back.

    The file's header is kept once in `imports.columns`, and each row's cells as a JSON list in its order.
    `total` is about how many rows will be stored (for `progress`).
    """
    engine = get_engine(url)
    with writing(engine=engine) as conn:
        import_id = conn.execute(insert(tables.imports), {
            "dataset": dataset, "file_name": file_name, "file_sha256": file_sha256, "row_count": 0,
            "imported_at": now(), "imported_by": who,
            "columns": json.dumps(columns, ensure_ascii=False)}).inserted_primary_key[0]
        writer = ImportWriter(conn, import_id, dataset, who, total, progress)
        yield writer
        conn.execute(update(tables.imports).where(tables.imports.c.import_id == import_id)
                     .values(row_count=writer.stored))
        audit(conn, who, "import", {"file": file_name, "dataset": dataset, "rows": writer.stored,
                                    "merged": writer.merged})
    refresh_statistics(engine, writer.stored)


@dataclass(frozen=True)
class SaveOutcome:
    """What an analyst's save stored."""

    events: int
    documents: int
    merged: int
    already_stored: tuple[str, ...]


def save_documents(documents: list[Document], events: pd.DataFrame, *, who: str, originals: Mapping[str, dict],
                   changes: Mapping[str, list[dict]], discarded: Sequence[str] = (),
                   mentions: pd.DataFrame | None = None, url: str | None = None) -> SaveOutcome:
    """Store analyst-checked documents and events in one transaction, with the audit trail.

    `originals` maps each event id to the machine-extracted event (kept beside the edit);
    `changes` maps event ids to [{field, before, after}]; `discarded` lists machine events
    the analyst chose not to keep. Events already in the store are not stored twice.
    """
    who = require_who(who)
    events = validate_events(events)
    with writing(url) as conn:
        stored_docs = _insert_documents(conn, documents, mentions, "upload")
        taken = existing_ids(conn, tables.events, list(events["event_id"]))
        fresh = events[~events["event_id"].isin(taken)]
        insert_events(conn, fresh, "upload")
        stamp = now()
        insert_rows(conn, tables.event_originals, [
            {"event_id": e, "original": json.dumps(originals[e], ensure_ascii=False, default=str), "saved_at": stamp}
            for e in fresh["event_id"] if e in originals])
        for event_id, source in zip(fresh["event_id"], fresh["source"]):
            audit(conn, who, "add", {"document_id": source.get("document_id"), "changes": changes.get(event_id, [])},
                  event_id)
        for event_id in discarded:
            audit(conn, who, "discard", {"original": originals.get(event_id)}, event_id)
        merged = merge_new(conn, fresh, who)
    return SaveOutcome(len(fresh), len(stored_docs), merged, tuple(sorted(taken)))


def update_event_fields(event_id: str, changes: Mapping[str, tuple[Any, Any]], who: str,
                        url: str | None = None) -> None:
    """Apply an analyst's corrections {field: (value they saw, new value)} to one stored event.

    Only the changed fields are written, so two analysts correcting different fields at the
    same moment both keep their changes. A field someone else changed meanwhile raises
    EditConflict. The version before the first edit is kept in event_originals.
    """
    who = require_who(who)
    bad = [f for f in changes if f not in COLUMN_NAMES or f == "event_id"]
    if bad:
        raise StoreError(f"cannot edit field(s) {', '.join(bad)}")
    with writing(url) as conn:
        current = event_dicts(conn, [event_id])
        if not current:
            raise StoreError(f"event {event_id} is not in the store")
        row = current[0]
        clashes = [f for f, (seen, new) in changes.items() if row[f] != seen and row[f] != new]
        if clashes:
            raise EditConflict(f"event {event_id}: {', '.join(clashes)} changed since you loaded it; reload and retry")
        edited = {**row, **{f: new for f, (_, new) in changes.items()}}
        try:
            rows = event_rows(events_from_records([edited]), "")
        except SchemaError as exc:
            raise StoreError(f"event {event_id}: {exc}") from None
        if not existing_ids(conn, tables.event_originals, [event_id]):
            conn.execute(insert(tables.event_originals), {
                "event_id": event_id, "original": json.dumps(row, ensure_ascii=False, default=str), "saved_at": now()})
        flat = rows.events[0]
        conn.execute(update(tables.events).where(tables.events.c.event_id == event_id).values(
            {**{f: flat[f] for f in changes}, "search_text": flat["search_text"]}))
        for table, new_rows in ((tables.event_tactics, rows.tactics), (tables.event_actors, rows.actors)):
            delete_ids(conn, table, [event_id])
            insert_columns(conn, table, new_rows)
        if set(changes) & FIGURE_FIELDS:
            # The analyst's figure becomes this report's own figure; a merged incident's best is worked out again.
            rematerialise(conn, [event_id], own_changes={event_id: {f: new for f, (_, new) in changes.items()}})
        audit(conn, who, "edit", {"changes": [{"field": f, "before": row[f], "after": new}
                                              for f, (_, new) in changes.items()]}, event_id)


def write_csv_copy(events: pd.DataFrame, path: Path = CSV_COPY) -> None:
    """The CSV copy beside the store, with list and dict fields as JSON text, written atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            serialise_json_columns(events).to_csv(fh, index=False)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
