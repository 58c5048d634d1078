"""The event store: an SQLite file in data/ by default, or the database named by DATABASE_URL.

One module on SQLAlchemy for both SQLite (WAL mode, the default) and PostgreSQL (teams).
The layout is versioned with Alembic (core/migrations); opening a store upgrades it in place.

Every write is one transaction: a build, an import or a save lands whole or not at all, even
when the process is killed. Writers are serialised (SQLite: BEGIN IMMEDIATE; PostgreSQL: a
transaction-level advisory lock), so two analysts saving at once both keep their changes.
Every statement is parameterised; no value is ever formatted into SQL text.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import (
    Connection,
    Engine,
    MetaData,
    Table,
    create_engine,
    delete,
    event,
    func,
    insert,
    or_,
    select,
    text,
    update,
)

from core.knowledge.datafiles import DATA_DIR
from core.reading.documents import Document
from core.schema import (
    COLUMN_NAMES,
    SchemaError,
    coerce_events,
    empty_events,
    events_from_records,
    parse_json_columns,
    serialise_json_columns,
    to_records,
    validate_events,
)
from core.store.duplicates import POOL_COLUMNS, figure_ranges, find_duplicates
from core.store.filters import EventFilter, apply_filter

DEFAULT_DB = DATA_DIR / "events.sqlite"
CSV_COPY = DATA_DIR / "events.csv"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
TABLES = ("documents", "events", "imports", "import_rows", "event_ranges", "merges", "event_originals", "audit",
          "mentions")
CHUNK = 5000
"""Rows per INSERT batch (and per progress report)."""
_IN_CHUNK = 900
_PG_WRITE_LOCK = 4_021_711

Progress = Callable[[int, int], None]


class StoreError(RuntimeError):
    """A store operation was refused; the message is one line saying why."""


class EditConflict(StoreError):
    """Someone else changed the same field since the analyst loaded the event."""


# --------------------------------------------------------------------------- engine and schema


def database_url(url: str | None = None) -> str:
    """The URL in use: the argument, else DATABASE_URL, else the SQLite file in data/."""
    url = url or os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_DB}"
    return "postgresql://" + url.removeprefix("postgres://") if url.startswith("postgres://") else url


@lru_cache(maxsize=32)
def _raw_engine(url: str) -> Engine:
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": 60})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy's begin event below issues BEGIN
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "busy_timeout=60000"):
            dbapi_connection.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("writer") else "BEGIN")

    return engine


@lru_cache(maxsize=32)
def _migrated_engine(url: str) -> Engine:
    engine = _raw_engine(url)
    upgrade(url)
    return engine


def get_engine(url: str | None = None) -> Engine:
    """An engine for the store, its schema upgraded to the latest revision; SQLite files run in WAL mode."""
    return _migrated_engine(database_url(url))


@contextmanager
def _writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction; writers queue behind each other instead of failing."""
    with engine.connect() as conn:
        conn.execution_options(writer=True)
        with conn.begin():
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_WRITE_LOCK})
            yield conn


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def schema_revision(url: str | None = None) -> str | None:
    """The database's current Alembic revision (None for an empty database)."""
    with _raw_engine(database_url(url)).connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    """The newest schema revision that this version of the code knows."""
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def upgrade(url: str | None = None, revision: str = "head") -> None:
    """Upgrade the database in place to `revision`, in one transaction (a no-op when already there)."""
    url = database_url(url)
    cfg = _alembic_config()
    target = head_revision() if revision == "head" else revision
    if schema_revision(url) == target:
        return
    with _writing(_raw_engine(url)) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    _tables.cache_clear()


@lru_cache(maxsize=32)
def _tables(url: str) -> dict[str, Table]:
    metadata = MetaData()
    metadata.reflect(get_engine(url), only=TABLES)
    return dict(metadata.tables)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _chunks(items: Sequence, size: int = _IN_CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


# --------------------------------------------------------------------------- writing


def _event_rows(events: pd.DataFrame, origin: str) -> list[dict[str, Any]]:
    """Validated events as rows for the events table, with provenance columns."""
    flat = serialise_json_columns(events)
    columns = {name: [_plain(v) for v in flat[name].tolist()] for name in flat.columns}
    rows = [dict(zip(columns, values)) for values in zip(*columns.values())]
    for row, source in zip(rows, events["source"]):
        row["origin"] = origin
        row["source_key"] = str(source.get("dataset") or source.get("document_id") or "")
    return rows


def _plain(value: Any) -> Any:
    """A value the database drivers accept: None for every kind of missing, Python scalars."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _insert(conn: Connection, table: Table, rows: list[dict], progress: Progress | None = None) -> None:
    for start in range(0, len(rows), CHUNK):
        conn.execute(insert(table), rows[start:start + CHUNK])
        if progress:
            progress(min(start + CHUNK, len(rows)), len(rows))


def _existing_ids(conn: Connection, table: Table, ids: Sequence[str], column: str = "event_id") -> set[str]:
    col = table.c[column]
    found: set[str] = set()
    for part in _chunks(list(ids)):
        found.update(conn.execute(select(col).where(col.in_(part))).scalars())
    return found


def _delete_ids(conn: Connection, table: Table, ids: Sequence[str]) -> None:
    for part in _chunks(list(ids)):
        conn.execute(delete(table).where(table.c.event_id.in_(part)))


def _audit(conn: Connection, t: dict[str, Table], who: str, action: str, detail: Any,
           event_id: str | None = None) -> None:
    conn.execute(insert(t["audit"]),
                 {"at": _now(), "who": who, "action": action, "event_id": event_id,
                  "detail": json.dumps(detail, ensure_ascii=False, default=str)})


def _require_who(who: str) -> str:
    who = (who or "").strip()
    if not who:
        raise StoreError("say who is saving: the name field is empty")
    return who


def save_build(events: pd.DataFrame, documents: list[Document], url: str | None = None, *,
               mentions: pd.DataFrame | None = None, progress: Progress | None = None) -> None:
    """Replace the events, documents and place mentions of the previous build, in one transaction.

    Imported and uploaded events are left alone; an event or document that already came in
    another way is not stored twice. Duplicate reports are merged. Rebuilding is idempotent.
    """
    events = validate_events(events)
    engine = get_engine(url)
    t = _tables(database_url(url))
    with _writing(engine) as conn:
        built = select(t["documents"].c.doc_id).where(t["documents"].c.origin == "build")
        conn.execute(delete(t["mentions"]).where(t["mentions"].c.document_id.in_(built)))
        conn.execute(delete(t["documents"]).where(t["documents"].c.origin == "build"))
        conn.execute(delete(t["events"]).where(t["events"].c.origin == "build"))
        taken_docs = _existing_ids(conn, t["documents"], [d.doc_id for d in documents], "doc_id")
        _insert(conn, t["documents"], [_document_row(d, "build") for d in documents if d.doc_id not in taken_docs])
        _insert_mentions(conn, t, mentions, [d.doc_id for d in documents if d.doc_id not in taken_docs])
        taken = _existing_ids(conn, t["events"], list(events["event_id"]))
        fresh = events[~events["event_id"].isin(taken)]
        _insert(conn, t["events"], _event_rows(fresh, "build"), progress)
        merged = _merge_new(conn, t, fresh, "build")
        _audit(conn, t, "build", "build", {"events": len(fresh), "documents": len(documents), "merged": merged})
    _refresh_statistics(engine, len(fresh))


def _insert_mentions(conn: Connection, t: dict[str, Table], mentions: pd.DataFrame | None, doc_ids: list[str]) -> None:
    """Store the place mentions of the documents just stored."""
    if mentions is None or mentions.empty:
        return
    rows = mentions[mentions["document_id"].isin(doc_ids)]
    _insert(conn, t["mentions"], [{k: _plain(v) for k, v in r.items()} for r in rows.to_dict(orient="records")])


def _document_row(d: Document, origin: str) -> dict[str, Any]:
    return {"doc_id": d.doc_id, "name": d.name, "title": d.title, "date": d.date,
            "dateline_place": d.dateline_place, "text": d.text, "origin": origin}


ANALYZE_FROM = 5000
"""After writing this many rows, refresh the query planner's statistics."""


def _refresh_statistics(engine: Engine, written: int) -> None:
    """Let the database plan filtered queries with up-to-date statistics (sampled on SQLite)."""
    if written < ANALYZE_FROM:
        return
    with _writing(engine) as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA analysis_limit=1000")
            conn.exec_driver_sql("ANALYZE")
        else:
            conn.exec_driver_sql("ANALYZE events")


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did: rows stored (new or replacing an earlier import of them) and merges made."""

    imported: int
    new: int
    updated: int
    merged: int


def save_import(events: pd.DataFrame, raw_rows: list[dict], ranges: list[dict], *, dataset: str, file_name: str,
                file_sha256: str, who: str = "import", url: str | None = None,
                progress: Progress | None = None) -> ImportOutcome:
    """Store one imported file whole, in one transaction.

    `raw_rows` holds, per event, original_id, row_number and raw (the file's row as a dict);
    `ranges` holds event_id, figure, low, high. Rows imported before (same ids) are replaced.
    """
    events = validate_events(events)
    engine = get_engine(url)
    t = _tables(database_url(url))
    ids = list(events["event_id"])
    with _writing(engine) as conn:
        before = _existing_ids(conn, t["events"], ids)
        for name in ("events", "import_rows", "event_ranges"):
            _delete_ids(conn, t[name], list(before))
        import_id = conn.execute(insert(t["imports"]), {
            "dataset": dataset, "file_name": file_name, "file_sha256": file_sha256, "row_count": len(ids),
            "imported_at": _now(), "imported_by": who}).inserted_primary_key[0]
        _insert(conn, t["events"], _event_rows(events, "import"), progress)
        _insert(conn, t["import_rows"], [
            {**r, "event_id": e, "import_id": import_id, "dataset": dataset, "raw": json.dumps(r["raw"], ensure_ascii=False)}
            for e, r in zip(ids, raw_rows)])
        _insert(conn, t["event_ranges"], ranges)
        merged = _merge_new(conn, t, events, who)
        _audit(conn, t, who, "import", {"file": file_name, "dataset": dataset, "rows": len(ids), "merged": merged})
    _refresh_statistics(engine, len(ids))
    return ImportOutcome(len(ids), len(ids) - len(before), len(before), merged)


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
    who = _require_who(who)
    events = validate_events(events)
    engine = get_engine(url)
    t = _tables(database_url(url))
    with _writing(engine) as conn:
        taken_docs = _existing_ids(conn, t["documents"], [d.doc_id for d in documents], "doc_id")
        _insert(conn, t["documents"], [_document_row(d, "upload") for d in documents if d.doc_id not in taken_docs])
        _insert_mentions(conn, t, mentions, [d.doc_id for d in documents if d.doc_id not in taken_docs])
        taken = _existing_ids(conn, t["events"], list(events["event_id"]))
        fresh = events[~events["event_id"].isin(taken)]
        _insert(conn, t["events"], _event_rows(fresh, "upload"))
        stamp = _now()
        _insert(conn, t["event_originals"], [
            {"event_id": e, "original": json.dumps(originals[e], ensure_ascii=False, default=str), "saved_at": stamp}
            for e in fresh["event_id"] if e in originals])
        for event_id, source in zip(fresh["event_id"], fresh["source"]):
            _audit(conn, t, who, "add", {"document_id": source.get("document_id"), "changes": changes.get(event_id, [])},
                   event_id)
        for event_id in discarded:
            _audit(conn, t, who, "discard", {"original": originals.get(event_id)}, event_id)
        merged = _merge_new(conn, t, fresh, who)
    return SaveOutcome(len(fresh), len(documents) - len(taken_docs), merged, tuple(sorted(taken)))


def update_event_fields(event_id: str, changes: Mapping[str, tuple[Any, Any]], who: str,
                        url: str | None = None) -> None:
    """Apply an analyst's corrections {field: (value they saw, new value)} to one stored event.

    Only the changed fields are written, so two analysts correcting different fields at the
    same moment both keep their changes. A field someone else changed meanwhile raises
    EditConflict. The version before the first edit is kept in event_originals.
    """
    who = _require_who(who)
    bad = [f for f in changes if f not in COLUMN_NAMES or f == "event_id"]
    if bad:
        raise StoreError(f"cannot edit field(s) {', '.join(bad)}")
    engine = get_engine(url)
    t = _tables(database_url(url))
    with _writing(engine) as conn:
        current = _event_dicts(conn, t, [event_id])
        if not current:
            raise StoreError(f"event {event_id} is not in the store")
        row = current[0]
        clashes = [f for f, (seen, new) in changes.items() if row[f] != seen and row[f] != new]
        if clashes:
            raise EditConflict(f"event {event_id}: {', '.join(clashes)} changed since you loaded it; reload and retry")
        edited = {**row, **{f: new for f, (_, new) in changes.items()}}
        try:
            flat = _event_rows(events_from_records([edited]), "")[0]
        except SchemaError as exc:
            raise StoreError(f"event {event_id}: {exc}") from None
        if not _existing_ids(conn, t["event_originals"], [event_id]):
            conn.execute(insert(t["event_originals"]), {
                "event_id": event_id, "original": json.dumps(row, ensure_ascii=False, default=str), "saved_at": _now()})
        conn.execute(update(t["events"]).where(t["events"].c.event_id == event_id).values(
            {f: flat[f] for f in changes}))
        _audit(conn, t, who, "edit", {"changes": [{"field": f, "before": row[f], "after": new}
                                               for f, (_, new) in changes.items()]}, event_id)


# --------------------------------------------------------------------------- duplicates


def _pool(conn: Connection, t: dict[str, Table], clauses: Iterable) -> pd.DataFrame:
    e, m = t["events"], t["merges"]
    absorbed = select(m.c.merged_id).where(m.c.undone_at.is_(None))
    q = select(*(e.c[c] for c in POOL_COLUMNS)).where(e.c.event_id.not_in(absorbed), *clauses)
    pool = pd.DataFrame(conn.execute(q).mappings().all(), columns=list(POOL_COLUMNS))
    pool["tactics"] = pool["tactics"].map(json.loads)
    return pool


def _merge_new(conn: Connection, t: dict[str, Table], new_events: pd.DataFrame, who: str) -> int:
    """Record merges for newly stored events that duplicate stored ones; returns how many."""
    if new_events.empty:
        return 0
    m, e = t["merges"], t["events"]
    merges = conn.execute(select(m.c.kept_id, m.c.merged_id, m.c.undone_at)).all()
    absorbed = {r.merged_id for r in merges if r.undone_at is None}
    skip = {frozenset((r.kept_id, r.merged_id)) for r in merges if r.undone_at is not None}
    new = new_events[~new_events["event_id"].isin(absorbed)].copy()
    new["source_key"] = [str(s.get("dataset") or s.get("document_id") or "") for s in new["source"]]
    new = new[list(POOL_COLUMNS)]
    days = pd.to_datetime(new["event_date"])
    window = [e.c.event_date >= (days.min() - pd.Timedelta(days=1)).strftime("%Y-%m-%d"),
              e.c.event_date <= (days.max() + pd.Timedelta(days=1)).strftime("%Y-%m-%d")]
    keys = new["source_key"].unique().tolist()
    if len(keys) == 1:
        window.append(e.c.source_key != keys[0])
    found = find_duplicates(new, _pool(conn, t, window), skip)
    stamp = _now()
    _insert(conn, m, [{"kept_id": f.kept_id, "merged_id": f.merged_id, "reasons": json.dumps(list(f.reasons)),
                       "merged_at": stamp, "merged_by": who} for f in found])
    return len(found)


def undo_merge(merge_id: int, who: str, url: str | None = None) -> None:
    """Split a merged report back into its own event; the pair is never merged automatically again."""
    who = _require_who(who)
    t = _tables(database_url(url))
    m = t["merges"]
    with _writing(get_engine(url)) as conn:
        row = conn.execute(select(m).where(m.c.merge_id == merge_id)).mappings().first()
        if row is None or row["undone_at"] is not None:
            raise StoreError(f"merge {merge_id} does not exist or was already undone")
        conn.execute(update(m).where(m.c.merge_id == merge_id).values(undone_at=_now(), undone_by=who))
        _audit(conn, t, who, "undo-merge", {"merge_id": merge_id, "kept_id": row["kept_id"]}, row["merged_id"])


def load_merges(url: str | None = None) -> pd.DataFrame:
    """Every merge: merge_id, kept_id, merged_id, reasons (list), merged_at/by, undone_at/by."""
    t = _tables(database_url(url))
    with get_engine(url).connect() as conn:
        df = pd.DataFrame(conn.execute(select(t["merges"]).order_by(t["merges"].c.merge_id)).mappings().all(),
                          columns=[c.name for c in t["merges"].columns])
    df["reasons"] = df["reasons"].map(json.loads)
    return df


# --------------------------------------------------------------------------- reading


def _frame(rows: list, validate: bool) -> pd.DataFrame:
    if not rows:
        return empty_events()
    # Plain tuples: pandas probes SQLAlchemy rows for attributes, which costs two exceptions per row.
    plain = [tuple(r[c] for c in COLUMN_NAMES) if isinstance(r, Mapping) else tuple(r) for r in rows]
    df = parse_json_columns(pd.DataFrame(plain, columns=list(COLUMN_NAMES)))
    return validate_events(df) if validate else coerce_events(df)


def _event_dicts(conn: Connection, t: dict[str, Table], ids: Sequence[str]) -> list[dict[str, Any]]:
    e = t["events"]
    rows = []
    for part in _chunks(list(ids)):
        rows += conn.execute(select(*(e.c[c] for c in COLUMN_NAMES)).where(e.c.event_id.in_(part))).mappings().all()
    return to_records(_frame(rows, validate=False))


def _read(clauses: list, url: str | None, validate: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Visible events matching SQL clauses (duplicates folded in), and their figure ranges."""
    t = _tables(database_url(url))
    e, m, r, d = t["events"], t["merges"], t["event_ranges"], t["documents"]
    absorbed = select(m.c.merged_id).where(m.c.undone_at.is_(None))
    where = [e.c.event_id.not_in(absorbed), *clauses]
    with get_engine(url).connect() as conn:
        rows = conn.execute(select(*(e.c[c] for c in COLUMN_NAMES)).where(*where)
                            .order_by(e.c.event_date, e.c.event_id)).all()
        events = _frame(rows, validate)
        merges = pd.DataFrame(conn.execute(select(m.c.kept_id, m.c.merged_id).where(m.c.undone_at.is_(None))).all(),
                              columns=["kept_id", "merged_id"])
        merges = merges[merges["kept_id"].isin(events["event_id"])]
        any_ranges = conn.execute(select(r.c.event_id).limit(1)).first() is not None
        ranged = pd.DataFrame(conn.execute(select(r).join(e, r.c.event_id == e.c.event_id).where(*where)).all()
                              if any_ranges else [], columns=["event_id", "figure", "low", "high"])
        members = _frame([x for part in _chunks(list(merges["merged_id"])) for x in conn.execute(
            select(*(e.c[c] for c in COLUMN_NAMES)).where(e.c.event_id.in_(part))).all()], validate=False)
        if not members.empty:
            ranged = pd.concat([ranged, pd.DataFrame(conn.execute(select(r).where(r.c.event_id.in_(
                list(members["event_id"])))).all(), columns=ranged.columns)], ignore_index=True)
        keys = [s.get("document_id") for s in pd.concat([events["source"], members["source"]])]
        dates = dict(conn.execute(select(d.c.doc_id, d.c.date).where(d.c.doc_id.in_(
            [k for k in set(keys) if k][:_IN_CHUNK * 50]))).all()) if len(merges) else {}
    return _fold(events, members, merges, ranged, dates)


def _fold(events: pd.DataFrame, members: pd.DataFrame, merges: pd.DataFrame, ranged: pd.DataFrame,
          doc_dates: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Give each merged event the best figures of its reports; return the events and the ranges."""
    grouped = set(merges["kept_id"]) | set(ranged["event_id"])
    if not grouped:
        return events, figure_ranges(events.iloc[:0].assign(kept_id=[], source=[], report_date=[]), ranged)
    heads = events[events["event_id"].isin(grouped)].assign(kept_id=lambda x: x["event_id"])
    tails = members.merge(merges, left_on="event_id", right_on="merged_id").drop(columns="merged_id")
    reports = pd.concat([heads, tails], ignore_index=True)
    reports["report_date"] = [str(doc_dates.get(s.get("document_id"), dt)) for s, dt in
                              zip(reports["source"], reports["event_date"])]
    reports["source"] = [s.get("title") or s.get("dataset") or s.get("document_id") for s in reports["source"]]
    ranges = figure_ranges(reports, ranged)
    events = events.set_index("event_id", drop=False)
    for row in ranges.itertuples():
        events.loc[row.event_id, row.figure] = row.best
        events.loc[row.event_id, f"{row.figure}_qualifier"] = row.sources[0]["qualifier"]
    return events.reset_index(drop=True), ranges


def load_events(url: str | None = None) -> pd.DataFrame:
    """Every stored event as a validated table, one row per incident (duplicate reports folded in)."""
    return _read([], url, validate=True)[0]


def load_reports(url: str | None = None) -> pd.DataFrame:
    """Every stored event row as stored, including reports a merge folded into another event."""
    e = _tables(database_url(url))["events"]
    with get_engine(url).connect() as conn:
        return _frame(conn.execute(select(*(e.c[c] for c in COLUMN_NAMES)).order_by(e.c.event_date, e.c.event_id))
                      .all(), validate=True)


def load_figure_ranges(url: str | None = None) -> pd.DataFrame:
    """Per event and count: low, best, high and the sources giving each figure (for merged or ranged events)."""
    return _read([], url, validate=False)[1]


def _filter_clauses(f: EventFilter, e: Table) -> list:
    """SQL conditions that keep at least every row the filter keeps (apply_filter then decides exactly)."""
    clauses: list = []
    if f.since:
        clauses.append(e.c.event_date >= f.since.isoformat())
    if f.until:
        clauses.append(e.c.event_date <= f.until.isoformat())
    for name, values in (("admin1", f.admin1), ("admin2", f.admin2), ("event_type", f.event_types)):
        if values:
            clauses.append(e.c[name].in_(list(values)))
    if f.actors:
        wanted = list(f.actors)
        likes = [e.c[col].like(f"%{_escape_like(a)}%", escape="\\") for col in ("assoc_actor_1", "assoc_actor_2")
                 for a in wanted]
        clauses.append(or_(e.c.actor1.in_(wanted), e.c.actor2.in_(wanted), *likes))
    if f.tactics:
        clauses.append(or_(*(e.c.tactics.like(f"%{_escape_like(json.dumps(x))}%", escape="\\") for x in f.tactics)))
    if f.civilian_targeting is not None:
        clauses.append(e.c.civilian_targeting.is_(True) if f.civilian_targeting
                       else or_(e.c.civilian_targeting.is_(False), e.c.civilian_targeting.is_(None)))
    if f.text:
        needle = f"%{_escape_like(f.text.casefold())}%"
        clauses.append(or_(*(func.lower(e.c[c]).like(needle, escape="\\") for c in ("notes", "actor1", "location"))))
    return clauses


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def query_events(f: EventFilter, url: str | None = None) -> pd.DataFrame:
    """The stored events passing the analyst's filter, selected in the database (fast on large stores)."""
    e = _tables(database_url(url))["events"]
    events = _read(_filter_clauses(f, e), url, validate=False)[0]
    return apply_filter(events, f).reset_index(drop=True)


def load_documents(url: str | None = None) -> pd.DataFrame:
    """Every stored source document: doc_id, name, title, date, dateline_place, text."""
    d = _tables(database_url(url))["documents"]
    columns = ["doc_id", "name", "title", "date", "dateline_place", "text"]
    with get_engine(url).connect() as conn:
        rows = conn.execute(select(*(d.c[c] for c in columns)).order_by(d.c.date, d.c.doc_id)).all()
    return pd.DataFrame(rows, columns=columns)


def load_mentions(url: str | None = None) -> pd.DataFrame:
    """Every stored place mention, in document and text order."""
    engine = get_engine(url)
    t = _tables(database_url(url))
    m = t["mentions"]
    with engine.connect() as conn:
        rows = conn.execute(select(m).order_by(m.c.document_id, m.c.start)).mappings().all()
    return pd.DataFrame(rows, columns=[c.name for c in m.columns])


def load_original(event_id: str, url: str | None = None) -> dict | None:
    """The machine-extracted version of an event kept beside the analyst's edit, if any."""
    o = _tables(database_url(url))["event_originals"]
    with get_engine(url).connect() as conn:
        found = conn.execute(select(o.c.original).where(o.c.event_id == event_id)).scalar()
    return json.loads(found) if found else None


def load_audit(url: str | None = None, event_id: str | None = None) -> pd.DataFrame:
    """The audit log (who, when, action, event_id, detail), oldest first, optionally for one event."""
    a = _tables(database_url(url))["audit"]
    q = select(a).order_by(a.c.audit_id)
    if event_id:
        q = q.where(a.c.event_id == event_id)
    with get_engine(url).connect() as conn:
        df = pd.DataFrame(conn.execute(q).mappings().all(), columns=[c.name for c in a.columns])
    df["detail"] = df["detail"].map(json.loads)
    return df


def load_import_rows(url: str | None = None, dataset: str | None = None) -> pd.DataFrame:
    """Imported rows' provenance: event_id, dataset, original_id, row_number and the raw row (dict)."""
    i = _tables(database_url(url))["import_rows"]
    q = select(i.c.event_id, i.c.dataset, i.c.original_id, i.c.row_number, i.c.raw)
    if dataset:
        q = q.where(i.c.dataset == dataset)
    with get_engine(url).connect() as conn:
        df = pd.DataFrame(conn.execute(q).all(), columns=["event_id", "dataset", "original_id", "row_number", "raw"])
    df["raw"] = df["raw"].map(json.loads)
    return df


def store_version(url: str | None = None) -> int:
    """A number that grows with every write (build, import, save, edit, merge undo): a cache key for readers.

    Use it rather than the SQLite file's modification time, which WAL mode leaves unchanged until a checkpoint.
    """
    a = _tables(database_url(url))["audit"]
    with get_engine(url).connect() as conn:
        return int(conn.execute(select(func.coalesce(func.max(a.c.audit_id), 0))).scalar_one())


def count_events(url: str | None = None) -> int:
    """How many rows the events table holds (reports, before duplicates are folded)."""
    e = _tables(database_url(url))["events"]
    with get_engine(url).connect() as conn:
        return int(conn.execute(select(func.count()).select_from(e)).scalar_one())


def write_csv_copy(events: pd.DataFrame, path: Path = CSV_COPY) -> None:
    """The CSV copy beside the store, with list and dict fields as JSON text."""
    serialise_json_columns(events).to_csv(path, index=False)

