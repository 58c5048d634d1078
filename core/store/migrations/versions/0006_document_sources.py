"""Where each document comes from: outlet, URL, author, update date, how its date was read, its page furniture.

documents.date stays the publication date; date_source says how it was read (machine dateline, metadata,
published line, written dateline, user). blocks is the JSON list of page-furniture spans. Documents stored
earlier came from the project's own reports, dated by their machine dateline.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

COLUMNS = (("date_source", sa.String(24)), ("updated", sa.Date), ("outlet", sa.Text), ("url", sa.Text),
           ("author", sa.Text), ("kind", sa.String(16)), ("note", sa.Text), ("blocks", sa.Text))


def upgrade() -> None:
    """Add the source columns (null where unknown) and index the URL, by which documents are recognised."""
    with op.batch_alter_table("documents") as batch:
        for name, kind in COLUMNS:
            batch.add_column(sa.Column(name, kind))
        batch.create_index("ix_documents_url", ["url"])
    op.execute("UPDATE documents SET date_source = 'machine dateline', kind = 'text', blocks = '[]'")


def downgrade() -> None:
    """Drop the source columns."""
    with op.batch_alter_table("documents") as batch:
        batch.drop_index("ix_documents_url")
        for name, _ in COLUMNS:
            batch.drop_column(name)
