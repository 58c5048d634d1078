"""Conflict-event dashboard: `streamlit run app.py` serves dashboard.py (pages in pages/, rules in core/).

The server imports the libraries the pages draw with, and reads the gazetteer and outlines every map draws, while
it starts, before it answers its first request, so that the first visitor does not wait for them (about 1.3 s on a
2-core machine).
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

PRELOADED = ("core.store.answers", "core.views.maps", "core.views.charts", "core.views.summaries",
             "core.places.boundaries", "core.views.export_formats", "core.views.brief_options")
"""Modules the first page needs (pandas, SQLAlchemy, folium, Altair, geopandas come with them). Only core/, which
never imports Streamlit: a Streamlit component imported before any session is never served."""


@asynccontextmanager
async def preload(_app: st.App) -> AsyncIterator[None]:
    """Import PRELOADED once, at server start, and read what every base map draws."""
    for name in PRELOADED:
        importlib.import_module(name)
    importlib.import_module("core.views.maps").prepare_base_map()
    # What start-up made lives as long as the server: out of the collector's way, so that the full collection
    # Streamlit runs after every script run (holding the GIL while the page's files are served) skips it
    gc.collect()
    gc.freeze()
    yield


# dashboard.py declares its pages with st.navigation. Beside a pages/ folder Streamlit would otherwise start in
# its legacy mode, run a first request's page file on its own, and only then rerun through dashboard.py
# (pages.widgets.data.page_view): every cold page paid for two script runs.
PagesManager.uses_pages_directory = False
app = st.App(str(Path(__file__).with_name("dashboard.py")), lifespan=preload)
