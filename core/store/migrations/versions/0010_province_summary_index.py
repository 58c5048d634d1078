"""A province filter answered from an index: (admin1, event_date) grows into a covering index.

ix_events_admin1_summary starts like ix_events_admin1_date, which it replaces, and then holds every column that
counts, figures, timelines, map cells and titles read (the summary index's, and country): SQLite answers a
province's questions without reading the wide rows (a province of 59,000 of 1,000,000 events: count 0.17 s ->
0.01 s, map cells 0.47 s -> 0.26 s, headline figures 0.68 s -> 0.37 s).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

COLUMNS = ("admin1", "event_date", "merged_into", "fatalities", "hostages", "geo_precision", "latitude", "longitude",
           "actor1", "admin2", "tactics", "country", "event_id")


def upgrade() -> None:
    """Replace the (admin1, event_date) index with the covering one."""
    op.drop_index("ix_events_admin1_date", table_name="events")
    op.create_index("ix_events_admin1_summary", "events", list(COLUMNS))


def downgrade() -> None:
    """The index of revision 0009."""
    op.drop_index("ix_events_admin1_summary", table_name="events")
    op.create_index("ix_events_admin1_date", "events", ["admin1", "event_date"])
