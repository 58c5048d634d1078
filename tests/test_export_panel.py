"""The Map page's export panel (issue 13): the title from the filter, the brief's options, the timeline PNG, and
files that cite the store's merged reports."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from core.store.filters import EventFilter, apply_filter
from core.store.queries import title_facts
from core.store.reading import load_events
from core.views.brief_options import BriefOptions
from core.views.export_formats import SIZES
from core.views.titles import brief_title
from pages.widgets.data import current_view
from pages.widgets.export_panel import _export
from tests.dashboard_data import corpus_store

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    return corpus_store(tmp_path_factory.mktemp("panel_store"))


@pytest.fixture
def map_page(store, monkeypatch) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", store)
    monkeypatch.delenv("BOUNDARY_FILE", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    return at.switch_page("pages/map.py").run()


def test_the_panel_offers_the_filter_title_the_options_and_a_timeline_png(map_page, store):
    at = map_page
    assert not at.exception
    events = load_events(store)
    assert at.text_input(key="export_title").value == brief_title(events, EventFilter())
    keys = {b.key for b in at.get("download_button")}
    assert {"export_png", "export_pdf", "export_html", "export_timeline_png"} <= keys
    assert at.text_input(key="export_marking").value == ""  # no handling line unless asked


def test_a_malformed_box_is_refused_with_a_message(map_page):
    at = map_page
    at.radio(key="export_extent").set_value("box").run()
    at.text_input(key="export_box").set_value("70,27,66,31").run()
    assert any("W < E" in e.value.replace("\\", "") for e in at.error)  # escaped for Markdown
    assert not [b for b in at.get("download_button") if b.key == "export_pdf"]


def test_the_panel_s_pdf_cites_every_merged_report(store, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", store)
    view = current_view(EventFilter())
    assert len(view.events) == len(load_events(store))
    data = _export("pdf", view, BriefOptions(), title=None, size=SIZES["slide"], paper="a4")
    text = " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
    assert "2 reports merged" in text
    empty = _export("png", current_view(EventFilter(actors=("Nobody at all",))), BriefOptions(), title=None,
                    size=SIZES["slide"], paper="a4")
    assert empty.startswith(b"\x89PNG")


def test_the_title_from_the_store_s_facts_is_the_title_of_the_events(store):
    events = load_events(store)
    for f in (EventFilter(), EventFilter(admin1=("Balochistan",)), EventFilter(actors=("Nobody at all",)),
              EventFilter(until=date(2025, 3, 31))):
        assert brief_title(title_facts(f, store), f) == brief_title(apply_filter(events, f), f)
