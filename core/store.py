"""The event store: an SQLite file in data/ by default, or the database named by DATABASE_URL.

Events and their source documents are written in one transaction, so a build either lands
whole or leaves the store as it was.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pandas as pd
from sqlalchemy import Column, Date, Engine, MetaData, String, Table, Text, create_engine, event, insert, select

from core.documents import Document
from core.lexicon import DATA_DIR
from core.schema import COLUMN_NAMES, parse_json_columns, serialise_json_columns, validate_events

DEFAULT_DB = DATA_DIR / "events.sqlite"
CSV_COPY = DATA_DIR / "events.csv"

metadata = MetaData()
documents_table = Table(
    "documents",
    metadata,
    Column("doc_id", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("date", Date, nullable=False),
    Column("dateline_place", Text),
    Column("text", Text, nullable=False),
)


def database_url(url: str | None = None) -> str:
    """The URL in use: the argument, else DATABASE_URL, else the SQLite file in data/."""
    return url or os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_DB}"


@lru_cache(maxsize=8)
def get_engine(url: str | None = None) -> Engine:
    """An engine for the store; SQLite files run in WAL mode."""
    url = database_url(url)
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _wal(dbapi_connection, _record) -> None:  # pragma: no cover - trivial
            dbapi_connection.execute("PRAGMA journal_mode=WAL")

    return engine


def save_build(events: pd.DataFrame, documents: list[Document], url: str | None = None) -> None:
    """Replace the stored events and documents with these, in one transaction."""
    events = validate_events(events)
    engine = get_engine(url)
    metadata.create_all(engine)
    flat = serialise_json_columns(events)
    with engine.begin() as conn:
        conn.execute(documents_table.delete())
        if documents:
            conn.execute(
                insert(documents_table),
                [
                    {"doc_id": d.doc_id, "name": d.name, "title": d.title, "date": d.date,
                     "dateline_place": d.dateline_place, "text": d.text}
                    for d in documents
                ],
            )
        flat.to_sql("events", conn, if_exists="replace", index=False)


def load_events(url: str | None = None) -> pd.DataFrame:
    """Every stored event as a validated table (empty when nothing was built yet)."""
    engine = get_engine(url)
    metadata.create_all(engine)
    with engine.connect() as conn:
        if not engine.dialect.has_table(conn, "events"):
            from core.schema import empty_events

            return empty_events()
        flat = pd.read_sql_table("events", conn)
    return validate_events(parse_json_columns(flat)[list(COLUMN_NAMES)])


def load_documents(url: str | None = None) -> pd.DataFrame:
    """Every stored source document: doc_id, name, title, date, dateline_place, text."""
    engine = get_engine(url)
    metadata.create_all(engine)
    with engine.connect() as conn:
        rows = conn.execute(select(documents_table).order_by(documents_table.c.date)).mappings().all()
    return pd.DataFrame(rows, columns=[c.name for c in documents_table.columns])


def write_csv_copy(events: pd.DataFrame, path: Path = CSV_COPY) -> None:
    """The CSV copy beside the store, with list and dict fields as JSON text."""
    serialise_json_columns(events).to_csv(path, index=False)
