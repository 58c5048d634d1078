"""Drop the single-column indexes that a composite index already starts with.

(admin1), (admin2), (event_type) and (actor1) are prefixes of the (column, event_date) indexes, which answer
the same lookups; each extra index cost every imported row another B-tree insert.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

PREFIXES = ("admin1", "admin2", "event_type", "actor1")


def upgrade() -> None:
    """Drop ix_events_<column> for each prefix column."""
    for column in PREFIXES:
        op.drop_index(f"ix_events_{column}", table_name="events")


def downgrade() -> None:
    """Recreate the single-column indexes."""
    for column in PREFIXES:
        op.create_index(f"ix_events_{column}", "events", [column])
