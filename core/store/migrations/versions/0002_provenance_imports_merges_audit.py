"""Provenance, imports, duplicate merges, figure ranges, machine originals and the audit log.

- events.origin (build | import | upload) and events.source_key (the document id, or the
  dataset for imported rows: two events with the same key are never merged).
- documents.origin, so a rebuild replaces only the seed documents.
- imports and import_rows: each imported file, and each row's original id and raw fields.
- event_ranges: low/high figures a source gives beside its best figure (UCDP GED).
- merges: duplicate reports folded into one event, with reasons; undone merges stay recorded.
- event_originals: the machine-extracted version of an event saved after analyst edits.
- audit: who did what, when, and what changed.

Revision ID: 0002
Revises: 0001
Create Date: 2025-11-20
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_STAMP = sa.String(40)  # ISO 8601 UTC timestamps, the same text on SQLite and PostgreSQL


def upgrade() -> None:
    """Add the provenance columns and the new tables."""
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("origin", sa.String(16), nullable=False, server_default="build"))
        batch.add_column(sa.Column("source_key", sa.String(200)))
    op.execute("UPDATE events SET source_key = substr(event_id, 1, 16) WHERE source_key IS NULL")
    op.create_index("ix_events_source_key", "events", ["source_key"])
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("origin", sa.String(16), nullable=False, server_default="build"))
    op.create_table(
        "imports",
        sa.Column("import_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("dataset", sa.String(16), nullable=False),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("row_count", sa.Integer, nullable=False),
        sa.Column("imported_at", _STAMP, nullable=False),
        sa.Column("imported_by", sa.Text, nullable=False),
    )
    op.create_table(
        "import_rows",
        sa.Column("event_id", sa.String(200), primary_key=True),
        sa.Column("import_id", sa.Integer, nullable=False),
        sa.Column("dataset", sa.String(16), nullable=False),
        sa.Column("original_id", sa.Text, nullable=False),
        sa.Column("row_number", sa.Integer, nullable=False),
        sa.Column("raw", sa.Text, nullable=False),
    )
    op.create_table(
        "event_ranges",
        sa.Column("event_id", sa.String(200), primary_key=True),
        sa.Column("figure", sa.String(16), primary_key=True),
        sa.Column("low", sa.Integer),
        sa.Column("high", sa.Integer),
    )
    op.create_table(
        "merges",
        sa.Column("merge_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kept_id", sa.String(200), nullable=False, index=True),
        sa.Column("merged_id", sa.String(200), nullable=False, index=True),
        sa.Column("reasons", sa.Text, nullable=False),
        sa.Column("merged_at", _STAMP, nullable=False),
        sa.Column("merged_by", sa.Text, nullable=False),
        sa.Column("undone_at", _STAMP),
        sa.Column("undone_by", sa.Text),
    )
    op.create_table(
        "event_originals",
        sa.Column("event_id", sa.String(200), primary_key=True),
        sa.Column("original", sa.Text, nullable=False),
        sa.Column("saved_at", _STAMP, nullable=False),
    )
    op.create_table(
        "audit",
        sa.Column("audit_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", _STAMP, nullable=False),
        sa.Column("who", sa.Text, nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("event_id", sa.String(200), index=True),
        sa.Column("detail", sa.Text, nullable=False),
    )


def downgrade() -> None:
    """Remove what upgrade added."""
    for table in ("audit", "event_originals", "merges", "event_ranges", "import_rows", "imports"):
        op.drop_table(table)
    op.drop_index("ix_events_source_key", "events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("source_key")
        batch.drop_column("origin")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("origin")
