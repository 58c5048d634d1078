"""An imported file's header is kept once: imports.columns, and each raw row as a JSON list of its cells.

Writing every row's raw fields as an object repeated the header's 31 names in each of them: 1 KB of an ACLED
row's 1.3 KB in import_rows, the largest table of an import. Rows stored before keep their objects
(core.store.reading.load_import_rows reads both).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add imports.columns."""
    with op.batch_alter_table("imports") as batch:
        batch.add_column(sa.Column("columns", sa.Text))


def downgrade() -> None:
    """Raw rows as objects again, then drop imports.columns."""
    conn = op.get_bind()
    found = conn.execute(sa.text("SELECT r.event_id, r.raw, i.columns FROM import_rows r JOIN imports i "
                                 "ON i.import_id = r.import_id WHERE i.columns IS NOT NULL")).all()
    for event_id, raw, columns in found:
        conn.execute(sa.text("UPDATE import_rows SET raw = :raw WHERE event_id = :id"), {
            "id": event_id, "raw": json.dumps(dict(zip(json.loads(columns), json.loads(raw))), ensure_ascii=False)})
    with op.batch_alter_table("imports") as batch:
        batch.drop_column("columns")
