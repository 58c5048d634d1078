"""Indexes for a million events: a covering summary index, a partial index of merged reports, no prefixes.

- ix_events_summary (event_date, then every column the dashboard's counts, timelines, map cells and widget
  options read, and event_id for the subqueries)
  replaces ix_events_event_date: SQLite answers those from the index without reading the wide rows.
- ix_events_merged_into holds only merged reports, so that "merged_into IS NULL" (every query) never
  picks it over a selective index.
- (admin1), (admin2), (event_type) and (actor1) are dropped: the (column, event_date) indexes start with
  them, and each extra index cost every imported row another B-tree insert.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

PREFIXES = ("admin1", "admin2", "event_type", "actor1")
SUMMARY = ("event_date", "merged_into", "fatalities", "hostages", "geo_precision", "latitude", "longitude",
           "actor1", "admin1", "admin2", "tactics", "event_id")
MERGED = sa.text("merged_into IS NOT NULL")


def upgrade() -> None:
    """Drop the prefix indexes, add the summary index, make the merged index partial."""
    for column in PREFIXES:
        op.drop_index(f"ix_events_{column}", table_name="events")
    op.drop_index("ix_events_event_date", table_name="events")
    op.create_index("ix_events_summary", "events", list(SUMMARY))
    op.drop_index("ix_events_merged_into", table_name="events")
    op.create_index("ix_events_merged_into", "events", ["merged_into"], sqlite_where=MERGED, postgresql_where=MERGED)


def downgrade() -> None:
    """The indexes of revision 0007."""
    op.drop_index("ix_events_merged_into", table_name="events")
    op.create_index("ix_events_merged_into", "events", ["merged_into"])
    op.drop_index("ix_events_summary", table_name="events")
    op.create_index("ix_events_event_date", "events", ["event_date"])
    for column in PREFIXES:
        op.create_index(f"ix_events_{column}", "events", [column])
