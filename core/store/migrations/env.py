"""Alembic environment: runs on the connection core.store.database hands over, or on the store's URL.

`target_metadata` is core.store.tables, generated from core.schema: `alembic check` (run by the tests)
fails when the migrations and the schema disagree.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from core.store.tables import metadata

config = context.config
target_metadata = metadata


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:  # command-line use
    from core.store.database import database_url

    with create_engine(database_url()).begin() as conn:
        _run(conn)
