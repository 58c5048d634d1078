"""Composite indexes for the dashboard's usual filters (a place or type or actor, within dates).

Revision ID: 0003
Revises: 0002
Create Date: 2025-11-26
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

PAIRS = ("admin1", "admin2", "event_type", "actor1")


def upgrade() -> None:
    """Index (column, event_date) for each filter column."""
    for name in PAIRS:
        op.create_index(f"ix_events_{name}_date", "events", [name, "event_date"])


def downgrade() -> None:
    """Drop the indexes."""
    for name in PAIRS:
        op.drop_index(f"ix_events_{name}_date", "events")
