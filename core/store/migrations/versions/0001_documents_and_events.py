"""Documents and events: the event table with one typed column per schema field.

A database written before migrations existed (events created by pandas, no primary key) is
adopted: its rows are copied into the typed table.

The column list is frozen here on purpose: a migration describes the database as it was at
that revision. Later schema fields arrive in later revisions (tests check that head matches
core.schema.COLUMNS).

Revision ID: 0001
Revises:
Create Date: 2025-11-20
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_TEXT, _INT, _FLOAT, _BOOL = sa.Text, sa.Integer, sa.Float, sa.Boolean
EVENT_COLUMNS = (
    ("event_date", sa.String(10)), ("year", _INT), ("time_precision", _INT), ("disorder_type", _TEXT),
    ("event_type", _TEXT), ("sub_event_type", _TEXT), ("tactics", _TEXT), ("actor1", _TEXT),
    ("assoc_actor_1", _TEXT), ("inter1", _INT), ("actor2", _TEXT), ("assoc_actor_2", _TEXT),
    ("inter2", _INT), ("interaction", _INT), ("civilian_targeting", _BOOL), ("target", _TEXT),
    ("target_type", _TEXT), ("country", _TEXT), ("admin1", _TEXT), ("admin2", _TEXT), ("admin3", _TEXT),
    ("location", _TEXT), ("latitude", _FLOAT), ("longitude", _FLOAT), ("geo_precision", _INT),
    ("fatalities", _INT), ("fatalities_qualifier", _TEXT), ("injuries", _INT), ("injuries_qualifier", _TEXT),
    ("hostages", _INT), ("hostages_qualifier", _TEXT), ("claims", _TEXT), ("claimed_by", _TEXT),
    ("competing_claims", _BOOL), ("source", _TEXT), ("source_excerpt", _TEXT), ("notes", _TEXT),
    ("confidence", _FLOAT),
)
INDEXED = ("event_date", "admin1", "admin2", "event_type", "actor1")


def upgrade() -> None:
    """Create documents and events; adopt tables left by the pre-migration store."""
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    if "documents" not in existing:
        op.create_table(
            "documents",
            sa.Column("doc_id", sa.String(32), primary_key=True),
            sa.Column("name", sa.Text, nullable=False),
            sa.Column("title", sa.Text, nullable=False),
            sa.Column("date", sa.Date, nullable=False),
            sa.Column("dateline_place", sa.Text),
            sa.Column("text", sa.Text, nullable=False),
        )
    if "events" in existing:
        op.rename_table("events", "events_legacy")
    op.create_table(
        "events",
        sa.Column("event_id", sa.String(200), primary_key=True),
        *(sa.Column(name, kind) for name, kind in EVENT_COLUMNS),
    )
    for name in INDEXED:
        op.create_index(f"ix_events_{name}", "events", [name])
    if "events" in existing:
        legacy = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("events_legacy")}
        names = ["event_id", *(n for n, _ in EVENT_COLUMNS if n in legacy)]
        cols = ", ".join(f'"{n}"' for n in names)
        op.execute(f"INSERT INTO events ({cols}) SELECT {cols} FROM events_legacy")
        op.drop_table("events_legacy")


def downgrade() -> None:
    """Drop both tables."""
    op.drop_table("events")
    op.drop_table("documents")
