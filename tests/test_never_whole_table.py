"""A large store never reaches the app as a whole table: every page draws from counts, one page of rows and
map cells that the store computes. The test counts the event rows each page fetches (not the time)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bench.synthetic import synthetic_events
from core.store import reading
from core.store.writing import save_build
from pages.widgets.data import MAP_ROWS

APP = str(Path(__file__).resolve().parents[1] / "dashboard.py")
EVENTS = 60_000
"""Three times MAP_ROWS: enough that any whole-table read shows up, small enough to build in a test."""
PAGES = ["pages/overview.py", "pages/map.py", "pages/timeline.py", "pages/events.py", "pages/actors.py",
         "pages/documents.py"]


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('big') / 'events.sqlite'}"
    save_build(synthetic_events(EVENTS, seed=9), [], url)
    return url


@pytest.mark.parametrize("page", PAGES)
def test_no_page_fetches_the_whole_table(big_store, page, monkeypatch):
    import streamlit as st

    st.cache_data.clear()  # every page fetches afresh, not from an earlier page's cache
    st.cache_resource.clear()
    fetched: list[int] = []
    original = reading.frame

    def counting(rows, validate=False):
        fetched.append(len(rows))
        return original(rows, validate)

    monkeypatch.setattr(reading, "frame", counting)
    import core.store.queries as queries

    monkeypatch.setattr(queries, "frame", counting)
    monkeypatch.setenv("DATABASE_URL", big_store)
    monkeypatch.delenv("BOUNDARY_FILE", raising=False)
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    assert max(fetched, default=0) <= MAP_ROWS < EVENTS
    assert sum(fetched) < EVENTS // 2
