"""Place mentions: every place each document names, with its role and resolved location.

Revision ID: 0004
Revises: 0003
Create Date: 2025-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the mentions table (one row per mention; unknown names have null locations)."""
    op.create_table(
        "mentions",
        sa.Column("document_id", sa.String(32), primary_key=True),
        sa.Column("start", sa.Integer, primary_key=True),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("surface", sa.Text, nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("resolved", sa.Boolean, nullable=False),
        sa.Column("place_id", sa.Text),
        sa.Column("name", sa.Text),
        sa.Column("kind", sa.String(16)),
        sa.Column("admin1", sa.Text),
        sa.Column("admin2", sa.Text),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("geo_precision", sa.Integer),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("sentence_start", sa.Integer, nullable=False),
        sa.Column("sentence_end", sa.Integer, nullable=False),
    )
    op.create_index("ix_mentions_place", "mentions", ["place_id"])


def downgrade() -> None:
    """Drop the mentions table."""
    op.drop_index("ix_mentions_place", "mentions")
    op.drop_table("mentions")
