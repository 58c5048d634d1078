"""Export panel: download the current view as PNG, PDF, HTML, CSV, GeoJSON or GeoPackage.

A thin widget: every file is made by core.views.exports, the same code the `snapshot` CLI uses. Files are
built only when their button is clicked (callable data), so the panel costs nothing on a rerun.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from core.store.filters import EventFilter
from core.views.export_formats import FORMATS, SIZES, default_title, file_name

LABELS = {"png": "PNG image", "pdf": "PDF brief", "html": "HTML map", "csv": "CSV (ACLED columns)",
          "geojson": "GeoJSON", "gpkg": "GeoPackage"}


def _export(*args, **kwargs) -> bytes:
    """Make the file only when its button is clicked: matplotlib and geopandas load then, not on every page."""
    from core.views.exports import export_bytes

    return export_bytes(*args, **kwargs)


def render_export_panel(events: pd.DataFrame, event_filter: EventFilter) -> None:
    """Download buttons for the filtered `events`; `event_filter` is what produced them."""
    with st.expander(f"Export this view ({len(events):,} events)"):
        title = st.text_input("Title", value=default_title(events, event_filter), key="export_title")
        left, right = st.columns(2)
        size_name = left.radio("PNG size", list(SIZES), key="export_png_size", horizontal=True,
                               format_func=lambda k: f"{k} ({SIZES[k][0]}×{SIZES[k][1]})")
        paper = right.radio("PDF paper", ["a4", "letter"], key="export_paper", horizontal=True,
                            format_func=str.upper)
        columns = st.columns(3)
        for i, fmt in enumerate(FORMATS):
            make = partial(_export, fmt, events, event_filter, title=title or None,
                           size=SIZES[size_name], paper=paper)
            columns[i % 3].download_button(LABELS[fmt], data=make, file_name=file_name(fmt, event_filter),
                                           mime=FORMATS[fmt], key=f"export_{fmt}", on_click="ignore",
                                           width="stretch")
        st.caption("PNG and PDF work without internet. Text cells in the CSV that start with =, +, - or @ "
                   "are prefixed with ' so spreadsheets do not run them.")
