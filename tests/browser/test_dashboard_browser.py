"""The dashboard in a real browser: pages load, markers match the filter, cards open, links restore views."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlparse

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import expect

from bench.live_app import wait_until_ready
from core.store.filters import EventFilter, apply_filter
from core.store.reading import load_events
from core.views.maps import placed_events
from core.views.query_state import filter_to_params

PAGES = ["", "map", "timeline", "events", "actors", "documents"]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
MARKERS = "#map_div > .leaflet-map-pane > .leaflet-overlay-pane path.leaflet-interactive"
"""Clickable vector markers of the main map (not the mini-map's view rectangle)."""


def open_page(page, url: str) -> None:
    """Go to a URL and wait until Streamlit has finished running the script."""
    page.goto(url, wait_until="domcontentloaded")
    wait_until_ready(page, 30_000)


def map_frame(page):
    """The map iframe's content, once Leaflet has drawn."""
    page.wait_for_selector(MAP_FRAME, timeout=30_000)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("#map_div.leaflet-container").wait_for(timeout=30_000)
    return frame


def interactive_markers(frame, expected: int) -> int:
    """Number of clickable circle markers, after waiting for the expected number to appear."""
    markers = frame.locator(MARKERS)
    if expected:
        markers.nth(expected - 1).wait_for(state="attached", timeout=30_000)
    return markers.count()


@pytest.mark.parametrize("path", PAGES)
def test_every_page_loads_without_an_error_box(page, app_url, artifacts, path):
    open_page(page, f"{app_url}/{path}")
    if path in ("", "map"):
        map_frame(page)
    page.wait_for_timeout(800)  # let canvases (tables, charts) paint before the screenshot
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    page.screenshot(path=str(artifacts / f"page_{path or 'overview'}.png"))


def test_map_shows_one_marker_per_placed_event_of_the_filter(page, app_url, store_url, artifacts):
    events = load_events(store_url)
    province = events["admin1"].dropna().value_counts().index[0]
    f = EventFilter(admin1=(province,))
    expected = len(placed_events(apply_filter(events, f)))
    assert 0 < expected < len(placed_events(events)), "the filter should keep some, not all, placed events"
    open_page(page, f"{app_url}/map?{urlencode(filter_to_params(f), doseq=True)}")
    assert interactive_markers(map_frame(page), expected) == expected
    page.screenshot(path=str(artifacts / "map_filtered.png"))


def test_a_link_with_filter_parameters_opens_the_filtered_view(page, app_url, store_url, artifacts):
    events = load_events(store_url)
    actor = events["actor1"].value_counts().index[0]
    f = EventFilter(actors=(actor,))
    expected = len(apply_filter(events, f))
    assert expected < len(events)
    open_page(page, f"{app_url}/events?{urlencode(filter_to_params(f), doseq=True)}")
    caption = page.get_by_text(f"{expected:,} of {len(events):,} events").first
    caption.wait_for(timeout=30_000)
    actor_widget = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Actor")
    expect(actor_widget).to_contain_text(actor[:12], timeout=10_000)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=10_000)
    page.wait_for_timeout(800)
    page.screenshot(path=str(artifacts / "events_from_link.png"))


def test_brushing_the_timeline_sets_the_date_filter(page, app_url, artifacts):
    open_page(page, f"{app_url}/timeline")
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.wait_for(timeout=30_000)
    page.wait_for_timeout(800)
    # each period's known toll is a bar standing on the axis, not a dash at its value
    fatalities = page.locator('[data-testid="stVegaLiteChart"]').filter(has_text="Fatalities per").first
    shot = artifacts / "timeline_fatalities.png"
    fatalities.screenshot(path=str(shot))
    pixels = np.asarray(Image.open(shot).convert("RGB")).astype(int)
    bar = (np.abs(pixels - np.array([0x7a, 0x1f, 0x1f])).sum(axis=-1) < 60)  # the chart's bar colour
    tallest = max(max((len(run) for run in "".join("1" if v else "0" for v in column).split("0")), default=0)
                  for column in bar.T)
    assert tallest >= 20, f"the tallest fatalities bar is {tallest} px high"
    box = chart.bounding_box()
    y = box["y"] + 80
    page.mouse.move(box["x"] + box["width"] * 0.3, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.55, y, steps=10)
    page.mouse.up()
    page.wait_for_url("**until=*", timeout=30_000)
    query = parse_qs(urlparse(page.url).query)
    since, until = query["since"][0], query["until"][0]
    assert since < until
    dates = page.locator('[data-testid="stSidebar"] input[type="date"]')
    expect(dates.nth(0)).to_have_value(since, timeout=10_000)
    expect(dates.nth(1)).to_have_value(until, timeout=10_000)
    page.screenshot(path=str(artifacts / "timeline_brushed.png"))


def test_documents_page_highlights_place_mentions(page, app_url, artifacts):
    open_page(page, f"{app_url}/documents")
    page.get_by_text("Place mentions", exact=True).click()
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    marks = page.locator("mark.place-event")
    expect(marks.first).to_be_visible(timeout=30_000)
    assert marks.count() >= 1
    page.wait_for_timeout(800)
    page.screenshot(path=str(artifacts / "documents_mentions.png"))


def test_places_mentioned_layer_draws_its_squares(page, app_url, artifacts):
    open_page(page, f"{app_url}/map")
    assert map_frame(page).locator(".ev-mention").count() == 0
    page.get_by_text("Places mentioned", exact=True).click()
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    squares = map_frame(page).locator(".ev-mention")
    expect(squares.first).to_be_attached(timeout=30_000)
    assert squares.count() > 1
    page.wait_for_timeout(800)
    page.screenshot(path=str(artifacts / "map_mentions.png"))


def test_add_documents_previews_the_events_on_an_offline_map(page, app_url, artifacts):
    from pathlib import Path

    report = Path(__file__).resolve().parents[1] / "corpus_realstyle" / "26_khuzdar_grenade_shop.txt"
    page.goto(f"{app_url}/add_documents", wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=30_000)
    page.locator('input[type="file"]').set_input_files(str(report))
    page.wait_for_timeout(800)
    page.screenshot(path=str(artifacts / "add_documents_upload.png"))
    page.get_by_role("button", name="Extract events").click()
    frame = map_frame(page)
    expect(frame.locator(MARKERS)).to_have_count(1, timeout=30_000)
    expect(page.get_by_text("1 event from 1 document")).to_be_visible()
    page.wait_for_timeout(800)
    page.screenshot(path=str(artifacts / "add_documents_preview.png"))
