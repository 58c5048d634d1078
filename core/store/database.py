"""The store's database: an SQLite file in data/ by default, or the database named by DATABASE_URL.

One module on SQLAlchemy for both SQLite (WAL mode, the default) and PostgreSQL (teams). The layout is
core.store.tables, versioned with Alembic (core/store/migrations); opening a store upgrades it in place.

Every write is one transaction (`writing`): a build, an import or a save lands whole or not at all,
even when the process is killed. Writers are serialised (SQLite: BEGIN IMMEDIATE; PostgreSQL: a
transaction-level advisory lock), so two analysts saving at once both keep their changes. Every
statement is parameterised; no value is ever formatted into SQL text.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, Table, create_engine, delete, event, insert, select, text, update
from sqlalchemy.engine import make_url

from core.knowledge.datafiles import database_url, setting
from core.store import tables

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
CHUNK = 5000
"""Rows per INSERT batch (and per progress report)."""
IN_CHUNK = 900
"""Values per IN (...) list, below SQLite's parameter limit."""
_PG_WRITE_LOCK = 4_021_711

Progress = Callable[[int, int], None]


class StoreError(RuntimeError):
    """A store operation was refused; the message is one line saying why."""


class EditConflict(StoreError):
    """Someone else changed the same field since the analyst loaded the event."""


def lock_timeout() -> float:
    """Seconds a writer waits for another (data/settings.csv lock_timeout_seconds; CONFLICT_LOCK_TIMEOUT)."""
    return float(os.environ.get("CONFLICT_LOCK_TIMEOUT") or setting("lock_timeout_seconds"))


def require_store(given: str, create: bool = False) -> str:
    """The database URL for a --db value (a URL or a path to a SQLite file). A SQLite file that does not exist
    is refused unless `create`, and its folder must exist either way (StoreError, one line)."""
    url = given if "://" in given else f"sqlite:///{Path(given).expanduser().resolve()}"
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return url
    path = Path(parsed.database)
    if not path.parent.is_dir():
        raise StoreError(f"{path.parent} is not a folder: check the --db path")
    if not path.exists() and not create:
        raise StoreError(f"{path} does not exist: check the --db path, or pass --create to make a new store there")
    return url


def shown_url(url: str | None = None) -> str:
    """The store's URL as it may be printed or shown: the password masked.

    >>> shown_url("postgresql://analyst:s3cret@db.example:5432/events")
    'postgresql://analyst:***@db.example:5432/events'
    """
    return make_url(database_url(url)).render_as_string(hide_password=True)


def masked(text: str, url: str | None = None) -> str:
    """`text` (an error message, a log line) with the store's password replaced by ***."""
    password = make_url(database_url(url)).password
    return text.replace(password, "***") if password else text


@lru_cache(maxsize=32)
def raw_engine(url: str) -> Engine:
    """An engine on the URL, without upgrading its schema (migrations and checks use it)."""
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    wait = lock_timeout()
    engine = create_engine(url, connect_args={"timeout": wait})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy's begin event below issues BEGIN
        # a 32 MB page cache: imports update several indexes per row, and the default 2 MB thrashes
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", f"busy_timeout={int(wait * 1000)}",
                       "cache_size=-32768"):
            dbapi_connection.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("writer") else "BEGIN")

    return engine


@lru_cache(maxsize=32)
def _migrated_engine(url: str) -> Engine:
    engine = raw_engine(url)
    upgrade(url)
    return engine


def get_engine(url: str | None = None) -> Engine:
    """An engine for the store, its schema upgraded to the latest revision; SQLite files run in WAL mode."""
    return _migrated_engine(database_url(url))


@contextmanager
def writing(url: str | None = None, engine: Engine | None = None, *, changes: bool = True) -> Iterator[Connection]:
    """One write transaction; writers queue behind each other instead of failing.

    A transaction that `changes` the store raises its generation (tables.store_state), in the same transaction:
    whatever a reader kept about an older generation (core.store.answers, the app's caches) is then out of date.
    Schema upgrades and planner statistics change no data and pass changes=False.
    """
    engine = engine or get_engine(url)
    with engine.connect() as conn:
        conn.execution_options(writer=True)
        with conn.begin():
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_WRITE_LOCK})
            if changes:
                state = tables.store_state
                conn.execute(update(state).values(generation=state.c.generation + 1))
            yield conn


def alembic_config() -> Config:
    """Alembic's configuration for the store's migrations (no ini file needed)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def schema_revision(url: str | None = None) -> str | None:
    """The database's current Alembic revision (None for an empty database)."""
    with raw_engine(database_url(url)).connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    """The newest schema revision that this version of the code knows."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def upgrade(url: str | None = None, revision: str = "head") -> None:
    """Upgrade the database in place to `revision`, in one transaction (a no-op when already there)."""
    url = database_url(url)
    cfg = alembic_config()
    target = head_revision() if revision == "head" else revision
    if schema_revision(url) == target:
        return
    with writing(engine=raw_engine(url), changes=False) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def now() -> str:
    """The current UTC time as ISO 8601 text (the store's timestamps)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def chunks(items: Sequence, size: int = IN_CHUNK) -> Iterator[Sequence]:
    """Consecutive slices of at most `size` items."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def plain(value: Any) -> Any:
    """A value the database drivers accept: None for every kind of missing, Python scalars."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


_DRIVER_TYPES = (sa.Text, sa.String, sa.Integer, sa.Float, sa.Boolean)
"""Column types whose Python values both drivers take as they are (no SQLAlchemy conversion needed)."""


def insert_rows(conn: Connection, table: Table, rows: list[dict], progress: Progress | None = None) -> None:
    """Insert rows (dicts with the same keys) in batches of CHUNK, reporting progress after each batch."""
    if rows:
        insert_columns(conn, table, {k: [r[k] for r in rows] for k in rows[0]}, progress)


def insert_columns(conn: Connection, table: Table, columns: dict[str, list], progress: Progress | None = None) -> None:
    """Insert rows given column by column (lists of one length), in batches of CHUNK.

    When every column is plain text or a number, the statement is compiled once and the rows, zipped from the
    columns, go straight to the driver's executemany: SQLAlchemy's per-row parameter handling cost more than
    SQLite's own insert.
    """
    total = len(next(iter(columns.values()))) if columns else 0
    if not total:
        return
    # A column with no value and no default is left to be NULL: binding 100,000 Nones per column cost more
    # than inserting them (an ACLED file leaves 14 of the events table's 44 columns empty).
    names = [n for n, values in columns.items() if table.c[n].server_default is not None
             or table.c[n].default is not None or any(v is not None for v in values)] or list(columns)[:1]
    direct = all(isinstance(table.c[n].type, _DRIVER_TYPES) for n in names)
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=names)
    sql, order = str(compiled), compiled.positiontup  # positiontup: SQLite's qmark style wants tuples
    for start in range(0, total, CHUNK):
        end = min(start + CHUNK, total)
        if direct and order:
            conn.exec_driver_sql(sql, list(zip(*(columns[k][start:end] for k in order))))
        else:
            part = [dict(zip(names, values)) for values in zip(*(columns[k][start:end] for k in names))]
            if direct:
                conn.exec_driver_sql(sql, part)
            else:
                conn.execute(insert(table), part)
        if progress:
            progress(end, total)


def existing_ids(conn: Connection, table: Table, ids: Sequence[str], column: str = "event_id") -> set[str]:
    """Which of `ids` the table already holds."""
    col = table.c[column]
    found: set[str] = set()
    for part in chunks(list(ids)):
        found.update(conn.execute(select(col).where(col.in_(part))).scalars())
    return found


def delete_ids(conn: Connection, table: Table, ids: Sequence[str], column: str = "event_id") -> None:
    """Delete the rows whose `column` is in `ids`."""
    for part in chunks(list(ids)):
        conn.execute(delete(table).where(table.c[column].in_(part)))


def audit(conn: Connection, who: str, action: str, detail: Any, event_id: str | None = None) -> None:
    """Record who did what, when, in the audit log."""
    conn.execute(insert(tables.audit), {"at": now(), "who": who, "action": action, "event_id": event_id,
                                        "detail": json.dumps(detail, ensure_ascii=False, default=str)})


def require_who(who: str) -> str:
    """The analyst's name, or StoreError when it is empty (every save records who made it)."""
    who = (who or "").strip()
    if not who:
        raise StoreError("say who is saving: the name field is empty")
    return who


ANALYZE_FROM = 5000
"""After writing this many rows, refresh the query planner's statistics."""


def refresh_statistics(engine: Engine, written: int) -> None:
    """Let the database plan filtered queries with up-to-date statistics (sampled on SQLite)."""
    if written < ANALYZE_FROM:
        return
    with writing(engine=engine, changes=False) as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA analysis_limit=1000")
            conn.exec_driver_sql("ANALYZE")
        else:
            conn.exec_driver_sql("ANALYZE events")
            conn.exec_driver_sql("ANALYZE event_actors")
            conn.exec_driver_sql("ANALYZE event_tactics")
