"""The tables of core.store.tables: required fields NOT NULL, search text, side tables, merges written down.

- events: search_text (what free-text search reads) and merged_into (the event a duplicate report was
  folded into); the schema's required fields become NOT NULL.
- event_tactics and event_actors: one row per tactic, and per actor or sub-unit with its role, so
  filters are exact and indexed.
- event_figures: per shown event and count, low/best/high and each report's own figure.
Existing rows are filled in with the code of this revision (search text, side tables, merges).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""


import pandas as pd
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

EVENT_ID = sa.String(200)


def upgrade() -> None:
    """Add the columns and tables, then fill them from the rows already stored."""
    from core.schema import COLUMNS

    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("search_text", sa.Text))
        batch.add_column(sa.Column("merged_into", EVENT_ID))
        batch.create_index("ix_events_merged_into", ["merged_into"])
        for column in COLUMNS:
            if not column.nullable and column.name != "event_id":
                batch.alter_column(column.name, nullable=False)
    op.create_table("event_tactics", sa.Column("event_id", EVENT_ID, primary_key=True),
                    sa.Column("tactic", sa.String(64), primary_key=True))
    op.create_index("ix_event_tactics_tactic", "event_tactics", ["tactic", "event_id"])
    op.create_table("event_actors", sa.Column("event_id", EVENT_ID, primary_key=True),
                    sa.Column("role", sa.String(16), primary_key=True), sa.Column("actor", sa.String(200), primary_key=True))
    op.create_index("ix_event_actors_actor", "event_actors", ["actor", "role", "event_id"])
    op.create_table("event_figures", sa.Column("event_id", EVENT_ID, primary_key=True),
                    sa.Column("figure", sa.String(16), primary_key=True), sa.Column("low", sa.Integer),
                    sa.Column("best", sa.Integer), sa.Column("high", sa.Integer),
                    sa.Column("sources", sa.Text, nullable=False))
    _fill(op.get_bind())


def _fill(conn: sa.Connection) -> None:
    from core.schema import COLUMN_NAMES, parse_json_columns
    from core.store import tables
    from core.store.merging import rematerialise
    from core.store.writing import column_rows, event_rows

    e = tables.events
    # Columns later revisions add (0007: evidence) are not there yet: read what the table has.
    present = [c for c in COLUMN_NAMES if c in {col["name"] for col in sa.inspect(conn).get_columns("events")}]
    rows = conn.execute(sa.select(*(e.c[c] for c in present), e.c.origin)).all()
    if not rows:
        return
    stored = pd.DataFrame([tuple(r) for r in rows], columns=[*present, "origin"]).reindex(columns=[*COLUMN_NAMES, "origin"])
    stored = parse_json_columns(stored)
    for origin, group in stored.groupby("origin"):
        made = event_rows(group.drop(columns="origin"), str(origin))
        for row in made.events:
            conn.execute(sa.update(e).where(e.c.event_id == row["event_id"]).values(search_text=row["search_text"]))
        for table, columns in ((tables.event_tactics, made.tactics), (tables.event_actors, made.actors)):
            side_rows = column_rows(columns)
            if side_rows:
                conn.execute(sa.insert(table), side_rows)
    m = tables.merges
    kept = sorted({r.kept_id for r in conn.execute(sa.select(m.c.kept_id).where(m.c.undone_at.is_(None)))}
                  | set(conn.execute(sa.select(tables.event_ranges.c.event_id).distinct()).scalars()))
    rematerialise(conn, kept)


def downgrade() -> None:
    """Remove what upgrade added (the required columns stay NOT NULL)."""
    op.drop_table("event_figures")
    op.drop_index("ix_event_actors_actor", "event_actors")
    op.drop_table("event_actors")
    op.drop_index("ix_event_tactics_tactic", "event_tactics")
    op.drop_table("event_tactics")
    with op.batch_alter_table("events") as batch:
        batch.drop_index("ix_events_merged_into")
        batch.drop_column("merged_into")
        batch.drop_column("search_text")
