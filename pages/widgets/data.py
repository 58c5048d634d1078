"""Cached access to the event store, and the current view (filtered events) shared by all pages."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from core.store.database import database_url
from core.store.filters import EventFilter, FilterIndex, apply_filter, build_index
from core.store.reading import load_documents, load_events, load_mentions, store_version
from core.views.vendor import STATIC_URL, local_assets_available


@dataclass(frozen=True)
class Dataset:
    """Everything loaded from the store once: events, their filter index, documents and place mentions."""

    events: pd.DataFrame
    index: FilterIndex
    documents: pd.DataFrame
    mentions: pd.DataFrame


@dataclass(frozen=True)
class View:
    """The events that pass the current filter."""

    data: Dataset
    filter: EventFilter
    events: pd.DataFrame


@st.cache_resource(show_spinner="Loading events…", max_entries=2)
def _load(url: str, version: int) -> Dataset:
    # cache_resource, not cache_data: the tables are read-only and copying a million rows per rerun is slow.
    events = load_events(url)
    return Dataset(events, build_index(events), load_documents(url), load_mentions(url))


def dataset() -> Dataset:
    """The store's events, documents and mentions, loaded again only after a write to the store."""
    url = database_url()
    return _load(url, store_version(url))


def current_view(f: EventFilter) -> View:
    """Apply the filter to the cached events."""
    data = dataset()
    return View(data, f, apply_filter(data.events, f, data.index))


def asset_base() -> str | None:
    """Where maps load Leaflet from: the local copies when installed, else None (CDN)."""
    return STATIC_URL if local_assets_available() else None


def ensure_app_navigation() -> None:
    """For pages without a filtered view (Add documents): make sure app.py's navigation ran once in
    this session, so a first visit straight to the page's URL still shows the app's page list."""
    if "view" not in st.session_state:
        PagesManager.uses_pages_directory = False
        st.rerun()


def page_view() -> View:
    """The view app.py computed for this run.

    A pages/ folder makes Streamlit start in its legacy multipage mode, which runs a page file
    without app.py when the first request (or AppTest's switch_page) names that page. Switch that
    mode off and rerun, so app.py's st.navigation and sidebar run, as on every other request.
    """
    if PagesManager.uses_pages_directory or "view" not in st.session_state:
        PagesManager.uses_pages_directory = False
        st.rerun()
    return st.session_state["view"]
