"""The store's tables, generated from core.schema: one SQLAlchemy MetaData that Alembic checks the migrations against.

`events` has one typed column per schema field (lists and dicts as JSON text), plus provenance and
read helpers:
- origin (build | import | upload) and source_key (the document id, or the dataset: two events with
  the same key are never merged);
- search_text: the case-folded text free-text search looks in (core.store.filters.search_text);
- merged_into: the event a duplicate report was folded into (null for the events shown).
Side tables make filters exact and indexable: event_tactics (one row per tactic) and event_actors (one
row per actor or sub-unit, with its role).
"""

from __future__ import annotations

import sqlalchemy as sa

from core.schema import COLUMNS

metadata = sa.MetaData()

_KINDS = {"str": sa.Text, "int": sa.Integer, "float": sa.Float, "bool": sa.Boolean, "list": sa.Text, "json": sa.Text}
_STAMP = sa.String(40)  # ISO 8601 UTC timestamps, the same text on SQLite and PostgreSQL
EVENT_ID = sa.String(200)
DOC_ID = sa.String(32)


def _event_column(name: str, kind: str, nullable: bool) -> sa.Column:
    kind_type = sa.String(10) if kind == "date" else _KINDS[kind]
    return sa.Column(name, kind_type, nullable=nullable)


SUMMARY_COLUMNS = ("event_date", "merged_into", "fatalities", "hostages", "geo_precision", "latitude", "longitude",
                   "actor1", "admin1", "admin2", "tactics", "event_id")

events = sa.Table(
    "events", metadata,
    sa.Column("event_id", EVENT_ID, primary_key=True),
    *(_event_column(c.name, c.kind, c.nullable) for c in COLUMNS if c.name != "event_id"),
    sa.Column("origin", sa.String(16), nullable=False, server_default="build"),
    sa.Column("source_key", sa.String(200)),
    sa.Column("search_text", sa.Text),
    sa.Column("merged_into", EVENT_ID),
    # Dates first, then every column the dashboard's counts, timelines and map cells read: SQLite answers
    # them from the index alone instead of reading the wide rows (a million-event timeline: 1.8 s -> 0.7 s).
    sa.Index("ix_events_summary", *SUMMARY_COLUMNS),
    # A province filter, the commonest, answered from the index alone as well
    sa.Index("ix_events_admin1_summary", "admin1", *(c for c in SUMMARY_COLUMNS if c not in ("admin1", "event_id")),
             "country", "event_id"),
    sa.Index("ix_events_admin2_date", "admin2", "event_date"),
    sa.Index("ix_events_event_type_date", "event_type", "event_date"),
    sa.Index("ix_events_actor1_date", "actor1", "event_date"),
    sa.Index("ix_events_source_key", "source_key"),
    # Only merged reports: "merged_into IS NULL" must never pick this index (it scanned a million rows).
    sa.Index("ix_events_merged_into", "merged_into", sqlite_where=sa.text("merged_into IS NOT NULL"),
             postgresql_where=sa.text("merged_into IS NOT NULL")),
)

event_tactics = sa.Table(
    "event_tactics", metadata,
    sa.Column("event_id", EVENT_ID, primary_key=True),
    sa.Column("tactic", sa.String(64), primary_key=True),
    sa.Index("ix_event_tactics_tactic", "tactic", "event_id"),
)

event_actors = sa.Table(
    "event_actors", metadata,
    sa.Column("event_id", EVENT_ID, primary_key=True),
    sa.Column("role", sa.String(16), primary_key=True),  # actor1 | assoc_actor_1 | actor2 | assoc_actor_2
    sa.Column("actor", sa.String(200), primary_key=True),
    sa.Index("ix_event_actors_actor", "actor", "role", "event_id"),
)

documents = sa.Table(
    "documents", metadata,
    sa.Column("doc_id", DOC_ID, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("dateline_place", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("origin", sa.String(16), nullable=False, server_default="build"),
    sa.Column("date_source", sa.String(24)),
    sa.Column("updated", sa.Date),
    sa.Column("outlet", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("author", sa.Text),
    sa.Column("kind", sa.String(16)),
    sa.Column("note", sa.Text),
    sa.Column("blocks", sa.Text),
    sa.Index("ix_documents_url", "url"),
)

imports = sa.Table(
    "imports", metadata,
    sa.Column("import_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("dataset", sa.String(16), nullable=False),
    sa.Column("file_name", sa.Text, nullable=False),
    sa.Column("file_sha256", sa.String(64), nullable=False),
    sa.Column("row_count", sa.Integer, nullable=False),
    sa.Column("imported_at", _STAMP, nullable=False),
    sa.Column("imported_by", sa.Text, nullable=False),
    sa.Column("columns", sa.Text),  # the file's header as a JSON list (null for imports before revision 0011)
)

import_rows = sa.Table(
    "import_rows", metadata,
    sa.Column("event_id", EVENT_ID, primary_key=True),
    sa.Column("import_id", sa.Integer, nullable=False),
    sa.Column("dataset", sa.String(16), nullable=False),
    sa.Column("original_id", sa.Text, nullable=False),
    sa.Column("row_number", sa.Integer, nullable=False),
    sa.Column("raw", sa.Text, nullable=False),  # the row's cells: a JSON list in imports.columns' order (or an object)
)

event_ranges = sa.Table(
    "event_ranges", metadata,
    sa.Column("event_id", EVENT_ID, primary_key=True),
    sa.Column("figure", sa.String(16), primary_key=True),
    sa.Column("low", sa.Integer),
    sa.Column("high", sa.Integer),
)
"""Low and high figures a source gives beside its best figure (UCDP GED), per report."""

event_figures = sa.Table(
    "event_figures", metadata,
    sa.Column("event_id", EVENT_ID, primary_key=True),
    sa.Column("figure", sa.String(16), primary_key=True),
    sa.Column("low", sa.Integer),
    sa.Column("best", sa.Integer),
    sa.Column("high", sa.Integer),
    sa.Column("sources", sa.Text, nullable=False),
)
"""Per shown event and count: low, best and high over its reports, and each report's figure (JSON).
Written when reports are merged or a source gives a range; the event row carries the best figure."""

merges = sa.Table(
    "merges", metadata,
    sa.Column("merge_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kept_id", EVENT_ID, nullable=False, index=True),
    sa.Column("merged_id", EVENT_ID, nullable=False, index=True),
    sa.Column("reasons", sa.Text, nullable=False),
    sa.Column("merged_at", _STAMP, nullable=False),
    sa.Column("merged_by", sa.Text, nullable=False),
    sa.Column("undone_at", _STAMP),
    sa.Column("undone_by", sa.Text),
)

event_originals = sa.Table(
    "event_originals", metadata,
    sa.Column("event_id", EVENT_ID, primary_key=True),
    sa.Column("original", sa.Text, nullable=False),
    sa.Column("saved_at", _STAMP, nullable=False),
)

audit = sa.Table(
    "audit", metadata,
    sa.Column("audit_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", _STAMP, nullable=False),
    sa.Column("who", sa.Text, nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("event_id", EVENT_ID, index=True),
    sa.Column("detail", sa.Text, nullable=False),
)

mentions = sa.Table(
    "mentions", metadata,
    sa.Column("document_id", DOC_ID, primary_key=True),
    sa.Column("start", sa.Integer, primary_key=True),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("surface", sa.Text, nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("resolved", sa.Boolean, nullable=False),
    sa.Column("place_id", sa.Text),
    sa.Column("name", sa.Text),
    sa.Column("kind", sa.String(16)),
    sa.Column("admin1", sa.Text),
    sa.Column("admin2", sa.Text),
    sa.Column("latitude", sa.Float),
    sa.Column("longitude", sa.Float),
    sa.Column("geo_precision", sa.Integer),
    sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("sentence_start", sa.Integer, nullable=False),
    sa.Column("sentence_end", sa.Integer, nullable=False),
    sa.Index("ix_mentions_place", "place_id"),
)

store_state = sa.Table(
    "store_state", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("generation", sa.Integer, nullable=False),
)
"""One row: the store's generation, which every write transaction raises (core.store.database.writing)."""

answers = sa.Table(
    "answers", metadata,
    sa.Column("name", sa.String(200), primary_key=True),
    sa.Column("generation", sa.Integer, nullable=False),
    sa.Column("code", sa.String(64), nullable=False),
    sa.Column("value", sa.Text, nullable=False),
)
"""Answers about the whole store (core.store.answers), each with the generation and code it was computed by."""
