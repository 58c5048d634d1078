"""The current view, answered by the store: pages ask for counts, figures, one page of rows, timelines and map
cells (core.store.queries; the unfiltered view's answers kept in the store, core.store.answers), cached per store
version and filter. The app never holds the whole event table;
only an export the analyst asks for fetches every row of a view.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from core.store import queries
from core.store.answers import answer
from core.store.database import database_url
from core.store.filters import EventFilter
from core.store.reading import load_documents, load_mentions, store_version
from core.views.query_state import filter_from_params, filter_to_params
from core.views.vendor import STATIC_URL, local_assets_available

MAP_ROWS = 20_000
"""Up to this many placed events the map gets their rows; above, counts per grid cell from the store."""


def _key(f: EventFilter) -> str:
    params = filter_to_params(f)
    if f.actor_role != "by":
        params["role"] = f.actor_role
    return json.dumps(params, sort_keys=True)


def _filter(key: str) -> EventFilter:
    return filter_from_params(json.loads(key))


@st.cache_data(show_spinner=False, max_entries=256)
def _count(url: str, version: int, key: str) -> int:
    return answer("count", _filter(key), url, version)


@st.cache_data(show_spinner=False, max_entries=64)
def _figures(url: str, version: int, key: str) -> queries.Figures:
    return answer("figures", _filter(key), url, version)


@st.cache_data(show_spinner=False, max_entries=64)
def _page(url: str, version: int, key: str, sort: str, descending: bool, limit: int, offset: int) -> pd.DataFrame:
    return queries.page(_filter(key), url, sort=sort, descending=descending, limit=limit, offset=offset)


@st.cache_data(show_spinner=False, max_entries=64)
def _timeline(url: str, version: int, key: str, period: str, split_by: str) -> pd.DataFrame:
    return answer("timeline", _filter(key), url, version, period=period, split_by=split_by)


@st.cache_data(show_spinner=False, max_entries=64)
def _extent(url: str, version: int, key: str):
    return answer("extent", _filter(key), url, version)


@st.cache_data(show_spinner="Loading the map…", max_entries=16)
def _placed(url: str, version: int, key: str) -> pd.DataFrame:
    return queries.placed(_filter(key), url)


@st.cache_data(show_spinner="Counting events per area…", max_entries=32)
def _cells(url: str, version: int, key: str, size: float, split_by: str) -> pd.DataFrame:
    return answer("cells", _filter(key), url, version, size=size, split_by=split_by)


@st.cache_data(show_spinner=False, max_entries=32)
def _profiles(url: str, version: int, key: str) -> pd.DataFrame:
    return answer("actor_profiles", _filter(key), url, version)


@st.cache_data(show_spinner="Loading the events…", max_entries=4)
def _events(url: str, version: int, key: str) -> pd.DataFrame:
    return queries.events(_filter(key), url)


@st.cache_data(show_spinner=False, max_entries=32)
def _title_facts(url: str, version: int, key: str) -> pd.DataFrame:
    return answer("title_facts", _filter(key), url, version)


@st.cache_data(show_spinner=False, max_entries=4)
def _options(url: str, version: int) -> dict:
    return answer("options", EventFilter(), url, version)


@st.cache_resource(show_spinner=False, max_entries=2)
def _documents(url: str, version: int) -> pd.DataFrame:
    return load_documents(url)


@st.cache_resource(show_spinner=False, max_entries=2)
def _mentions(url: str, version: int) -> pd.DataFrame:
    return load_mentions(url)


@dataclass(frozen=True)
class View:
    """The events that pass the current filter, as the store answers about them."""

    filter: EventFilter
    url: str
    version: int

    @property
    def key(self) -> str:
        """The filter as a cache key."""
        return _key(self.filter)

    @property
    def count(self) -> int:
        """Events the filter keeps."""
        return _count(self.url, self.version, self.key)

    @property
    def total(self) -> int:
        """Events in the store."""
        return _count(self.url, self.version, _key(EventFilter()))

    def figures(self) -> queries.Figures:
        """Headline figures."""
        return _figures(self.url, self.version, self.key)

    def page(self, sort: str = "event_date", descending: bool = True, limit: int = queries.PAGE_ROWS,
             offset: int = 0) -> pd.DataFrame:
        """One page of rows, sorted in the store."""
        return _page(self.url, self.version, self.key, sort, descending, limit, offset)

    def timeline(self, period: str, split_by: str) -> pd.DataFrame:
        """Events and fatalities per period and group."""
        return _timeline(self.url, self.version, self.key, period, split_by)

    def extent(self):
        """(placed, south, west, north, east) or None."""
        return _extent(self.url, self.version, self.key)

    def placed(self) -> pd.DataFrame:
        """The placed events' rows (only asked when there are at most MAP_ROWS)."""
        return _placed(self.url, self.version, self.key)

    def cells(self, size: float, split_by: str) -> pd.DataFrame:
        """Placed events counted per grid cell or centroid."""
        return _cells(self.url, self.version, self.key, size, split_by)

    def actor_profiles(self) -> pd.DataFrame:
        """Actors of the view with their event counts and dates."""
        return _profiles(self.url, self.version, self.key)

    def title_facts(self) -> pd.DataFrame:
        """The view's dates and countries, enough for a brief's title."""
        return _title_facts(self.url, self.version, self.key)

    @cached_property
    def events(self) -> pd.DataFrame:
        """Every event of the view: fetched only for an export or a small view, never on a page's first draw."""
        return _events(self.url, self.version, self.key)

    def options(self) -> dict:
        """What the filter widgets offer."""
        return _options(self.url, self.version)

    @property
    def documents(self) -> pd.DataFrame:
        """The stored documents."""
        return _documents(self.url, self.version)

    @property
    def mentions(self) -> pd.DataFrame:
        """The stored place mentions."""
        return _mentions(self.url, self.version)


def current_view(f: EventFilter) -> View:
    """The view of the filter on the store in use, at its current version."""
    url = database_url()
    return View(f, url, store_version(url))


def asset_base() -> str | None:
    """Where maps load Leaflet from: the local copies when installed, else None (CDN)."""
    return STATIC_URL if local_assets_available() else None


def ensure_app_navigation() -> None:
    """For pages without a filtered view (Add documents): make sure dashboard.py's navigation ran once in
    this session, so a first visit straight to the page's URL still shows the app's page list."""
    if "view" not in st.session_state:
        PagesManager.uses_pages_directory = False
        st.rerun()


def page_view() -> View:
    """The view dashboard.py computed for this run.

    A pages/ folder makes Streamlit start in its legacy multipage mode, which runs a page file
    without dashboard.py when the first request (or AppTest's switch_page) names that page. Switch that
    mode off and rerun, so dashboard.py's st.navigation and sidebar run, as on every other request.
    """
    if PagesManager.uses_pages_directory or "view" not in st.session_state:
        PagesManager.uses_pages_directory = False
        st.rerun()
    return st.session_state["view"]
