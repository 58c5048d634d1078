"""Why each extracted event exists: the rule that made it an incident of its own and its trigger sentence.

Events stored earlier have no evidence (null), like events imported from other datasets.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the nullable evidence column (JSON text)."""
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("evidence", sa.Text))


def downgrade() -> None:
    """Drop the evidence column."""
    with op.batch_alter_table("events") as batch:
        batch.drop_column("evidence")
