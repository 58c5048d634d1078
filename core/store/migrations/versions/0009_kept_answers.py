"""The store's generation and the answers kept for the unfiltered view.

- store_state holds one row, the generation: every write transaction raises it, so it names the state of the
  store (the audit log's last id missed writes that log nothing, such as a save of documents without events).
  It starts at the audit log's last id, so that the version readers saw before does not go back.
- answers holds what the dashboard asks of the whole store (core.store.answers), each with the generation
  and the code fingerprint it was computed by.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create store_state (its one row at the audit log's last id) and answers."""
    state = op.create_table(
        "store_state",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("generation", sa.Integer, nullable=False),
    )
    op.create_table(
        "answers",
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("generation", sa.Integer, nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
    )
    audit = sa.table("audit", sa.column("audit_id", sa.Integer))
    last = sa.select(sa.func.coalesce(sa.func.max(audit.c.audit_id), 0)).scalar_subquery()
    op.execute(state.insert().from_select(["id", "generation"], sa.select(sa.literal(1), last)))


def downgrade() -> None:
    """The tables of revision 0008."""
    op.drop_table("answers")
    op.drop_table("store_state")
