"""What the exports offer, without the cost of making them: formats, sizes, paper, file names and titles.

The dashboard's export panel renders from this module alone; core.views.exports (matplotlib, geopandas)
is imported only when a file is asked for.
"""

from __future__ import annotations

import re

import pandas as pd

from core.store.filters import EventFilter

FORMATS: dict[str, str] = {
    "png": "image/png", "pdf": "application/pdf", "html": "text/html", "csv": "text/csv",
    "geojson": "application/geo+json", "gpkg": "application/geopackage+sqlite3",
}
"""Export formats (by file suffix) and their MIME types."""

SIZES: dict[str, tuple[int, int]] = {"slide": (1600, 1000), "print": (3200, 2000)}
"""Named PNG sizes in pixels: slides and print."""
PAPERS: dict[str, tuple[float, float]] = {"a4": (8.27, 11.69), "letter": (8.5, 11.0)}
"""PDF page sizes in inches, portrait."""


def file_name(fmt: str, event_filter: EventFilter) -> str:
    """A descriptive download name, e.g. 'events_balochistan_2025-01-01_2025-06-30.png'."""
    parts = ["events", *event_filter.admin2, *event_filter.admin1, *event_filter.actors]
    if event_filter.since or event_filter.until:
        parts += [str(event_filter.since or "start"), str(event_filter.until or "latest")]
    stem = re.sub(r"[^a-z0-9._-]+", "-", "_".join(parts).lower()).strip("-")[:80]
    return f"{stem}.{fmt}"


def default_title(events: pd.DataFrame, event_filter: EventFilter) -> str:
    """The title the filter implies: 'Attacks by the Baloch Liberation Army in Balochistan, 1 Mar – 30 Jun 2025'
    (core.views.titles)."""
    from core.views.titles import brief_title

    return brief_title(events, event_filter)
