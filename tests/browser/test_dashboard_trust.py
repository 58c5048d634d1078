"""What an analyst clicks is what the dashboard shows (issue 12): every map mode draws after a switch, the
card is the clicked marker's, the document chosen opens, counts sort as numbers, a paste reads like an
upload, and the actor filter says which side the actor was on. The page fixture fails on console errors."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from core.store.filters import EventFilter, apply_filter
from core.store.reading import load_events
from core.views.maps import clicked_event_id
from core.views.query_state import filter_to_params
from tests.browser.test_dashboard_browser import MAP_FRAME, MARKERS, map_frame, open_page

REPORT = Path(__file__).resolve().parents[1] / "corpus_realstyle" / "26_khuzdar_grenade_shop.txt"
MODE_LABELS = {"points": "Points", "clusters": "Clusters", "grid": "Grid (counts)", "heatmap": "Heatmap",
               "time": "Time (animated)"}
DRAWN = {"points": MARKERS, "clusters": ".marker-cluster, " + MARKERS, "grid": MARKERS,
         "heatmap": "canvas.leaflet-heatmap-layer", "time": ".ev-time"}
"""What each mode must draw in the map frame."""


def settle(page) -> None:
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)


def test_every_map_mode_draws_after_a_switch(page, app_url, artifacts):
    open_page(page, f"{app_url}/map")
    map_frame(page)
    for mode in ["clusters", "grid", "time", "heatmap", "points"]:
        page.get_by_text(MODE_LABELS[mode], exact=True).first.click()
        page.wait_for_url(f"**mode={mode}*" if mode != "auto" else "**", timeout=30_000)
        settle(page)
        frame = map_frame(page)
        expect(frame.locator(DRAWN[mode]).first).to_be_attached(timeout=30_000)
        expect(frame.locator(".ev-label").first).to_be_attached()  # the offline reference map orients
        if mode != "time":  # the slider leaves with Time mode
            expect(frame.locator(".ev-time")).to_have_count(0)
        page.wait_for_timeout(700)
        page.screenshot(path=str(artifacts / f"map_mode_{mode}.png"))


def test_the_mode_survives_navigation_and_links(page, app_url):
    open_page(page, f"{app_url}/map?mode=heatmap")
    expect(map_frame(page).locator("canvas.leaflet-heatmap-layer")).to_be_attached(timeout=30_000)
    page.get_by_role("link", name="Events").click()
    settle(page)
    page.get_by_role("link", name="Map").click()
    settle(page)
    expect(map_frame(page).locator("canvas.leaflet-heatmap-layer")).to_be_attached(timeout=30_000)


def test_the_offline_map_credits_what_it_draws_and_fits_the_filter(page, app_url, store_url, artifacts):
    events = load_events(store_url)
    district = events["admin2"].dropna().value_counts().index[0]
    open_page(page, f"{app_url}/map?{urlencode(filter_to_params(EventFilter(admin2=(district,))), doseq=True)}")
    frame = map_frame(page)
    attribution = frame.locator(".leaflet-control-attribution")
    expect(attribution).to_contain_text("no tiles offline")
    assert "OpenStreetMap" not in attribution.inner_text()
    zoom_of = ("el => { for (const k in window) { const v = window[k]; "
               "if (v && v._container === el && v.getZoom) return v.getZoom(); } return null; }")
    zoom = None
    for _ in range(60):  # the component applies the fitted view just after drawing (later on a loaded machine)
        zoom = frame.locator("#map_div").evaluate(zoom_of)
        if zoom is not None and zoom >= 8:
            break
        page.wait_for_timeout(500)
    assert zoom is not None and zoom >= 8, "one district's events should fill the map, not a four-country view"
    page.screenshot(path=str(artifacts / "map_fitted_district.png"))


def test_a_filter_change_moves_the_mounted_map_without_a_new_frame(page, app_url, store_url):
    """The base map stays the same while the page does, so Streamlit updates the mounted map (no second load of
    Leaflet), and the map still fits the filtered events."""
    events = load_events(store_url)
    district = events["admin2"].dropna().value_counts().index[0]
    open_page(page, f"{app_url}/map")
    frame = map_frame(page)
    frame.locator(MARKERS).first.wait_for(state="attached", timeout=30_000)
    frame.locator("#map_div").evaluate("el => { window.__mounted_before = true; }")
    zoom_of = ("el => { for (const k in window) { const v = window[k]; "
               "if (v && v._container === el && v.getZoom) return v.getZoom(); } return null; }")
    start = frame.locator("#map_div").evaluate(zoom_of)
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="District")
    box.click()
    page.keyboard.type(district)
    page.locator('[role="option"]').filter(has_text=district).first.click()
    page.keyboard.press("Escape")
    settle(page)
    zoom = start
    for _ in range(60):  # the mounted map takes the new centre and zoom just after the rerun
        zoom = frame.locator("#map_div").evaluate(zoom_of)
        if zoom is not None and zoom >= 8:
            break
        page.wait_for_timeout(500)
    assert zoom is not None and zoom > start and zoom >= 8, "the map should fit the district's events"
    assert page.locator(MAP_FRAME).count() == 1
    assert frame.locator("#map_div").evaluate("el => window.__mounted_before === true"), "the map was mounted anew"


def test_the_card_describes_the_clicked_marker(page, app_url, artifacts):
    open_page(page, f"{app_url}/map?mode=points")
    frame = map_frame(page)
    markers = frame.locator(MARKERS)
    markers.nth(3).wait_for(state="attached", timeout=30_000)
    for i in (1, 3):
        markers.nth(i).click(force=True)
        popup = frame.locator(".leaflet-popup-content").last
        popup.wait_for(timeout=10_000)
        wanted = clicked_event_id(popup.inner_text())
        assert wanted
        expect(page.locator(".event-card .ec-id").first).to_have_text(f"event {wanted}", timeout=30_000)
    page.screenshot(path=str(artifacts / "map_card_clicked.png"))


def test_the_card_describes_the_clicked_marker_where_markers_overlap(page, app_url):
    """Two events at one town: the card is the one whose marker was clicked (the top one), not the one whose
    centre is nearest the click."""
    open_page(page, f"{app_url}/map?mode=points")
    frame = map_frame(page)
    markers = frame.locator(MARKERS)
    markers.nth(3).wait_for(state="attached", timeout=30_000)
    centres = markers.evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [Math.round(r.x + r.width / 2), "
        "Math.round(r.y + r.height / 2), r.width]; })")
    shared = {}
    for i, (x, y, _w) in enumerate(centres):
        shared.setdefault((x, y), []).append(i)
    stacks = [ids for ids in shared.values() if len(ids) > 1]
    assert stacks, "the test store should hold two events at one place"
    top = max(stacks[0])  # drawn last, so on top
    markers.nth(top).click(force=True)
    popup = frame.locator(".leaflet-popup-content").last
    popup.wait_for(timeout=10_000)
    wanted = clicked_event_id(popup.inner_text())
    expect(page.locator(".event-card .ec-id").first).to_have_text(f"event {wanted}", timeout=30_000)


def test_the_chosen_document_opens(page, app_url):
    open_page(page, f"{app_url}/documents")
    heading = page.locator('[data-testid="stMain"] h3').first
    first = heading.inner_text()
    for pick in (2, 4):
        page.locator('[data-testid="stSelectbox"]').filter(has_text="Open document").click()
        options = page.locator('[role="option"]')
        chosen = options.nth(pick).inner_text()
        options.nth(pick).click()
        settle(page)
        expect(heading).to_have_text(chosen.split(" — ", 1)[1], timeout=30_000)
    assert heading.inner_text() != first


def test_sorting_by_fatalities_puts_the_deadliest_first(page, app_url, store_url):
    events = load_events(store_url)
    deadliest = events.sort_values(["fatalities", "event_date"], ascending=[False, False]).iloc[0]
    open_page(page, f"{app_url}/events")
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Sort by").click()
    page.locator('[role="option"]').filter(has_text="Fatalities").first.click()
    settle(page)
    grid = page.locator('[data-testid="stDataFrame"]').first
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)  # the first row's selection box
    settle(page)
    expect(page.locator('[data-testid="stMain"] h3').filter(has_text="Event ")).to_contain_text(
        str(deadliest["event_id"]), timeout=30_000)


def _preview_place(page) -> str:
    frame = map_frame(page)
    marker = frame.locator(MARKERS).first
    marker.wait_for(state="attached", timeout=30_000)
    marker.click(force=True)
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    return popup.inner_text()


@pytest.mark.parametrize("how", ["upload", "paste"])
def test_a_paste_reads_like_an_upload(page, app_url, how, artifacts):
    page.goto(f"{app_url}/add_documents", wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=30_000)
    if how == "upload":
        page.locator('input[type="file"]').set_input_files(str(REPORT))
    else:
        page.get_by_text("…or paste an article").click()
        page.locator("textarea").fill(REPORT.read_text(encoding="utf-8"))
        page.keyboard.press("Control+Enter")
    page.wait_for_timeout(800)
    page.get_by_role("button", name="Extract events").click()
    expect(page.get_by_text("1 event from 1 document")).to_be_visible(timeout=30_000)
    text = _preview_place(page)
    assert "Khuzdar" in text and "event " in text
    page.screenshot(path=str(artifacts / f"add_documents_{how}.png"))


@pytest.mark.parametrize("how", ["upload", "paste"])
def test_a_paste_is_placed_where_it_happened_not_at_its_dateline(page, app_url, how, tmp_path):
    """A wire story datelined ISLAMABAD about a convoy on the way from Quetta: the event is at Noshki."""
    wire = REPORT.with_name("29_noshki_convoy_suicide_bombing.txt").read_text(encoding="utf-8")
    report = tmp_path / "noshki_wire.txt"
    report.write_text(wire.replace("By Saad Hashmi", "By Saad Hashmi\nPublished November 3, 2025", 1),
                      encoding="utf-8")
    page.goto(f"{app_url}/add_documents", wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=30_000)
    if how == "upload":
        page.locator('input[type="file"]').set_input_files(str(report))
    else:
        page.get_by_text("…or paste an article").click()
        page.locator("textarea").fill(report.read_text(encoding="utf-8"))
        page.keyboard.press("Control+Enter")
    page.wait_for_timeout(800)
    page.get_by_role("button", name="Extract events").click()
    expect(page.get_by_text("1 event from 1 document")).to_be_visible(timeout=30_000)
    text = _preview_place(page)
    assert "Nushki" in text or "Noshki" in text, text
    assert "Islamabad" not in text and "Quetta" not in text, text


def test_the_actor_filter_says_which_side(page, app_url, store_url):
    events = load_events(store_url)
    actor = next(a for a in events["actor2"].dropna().value_counts().index
                 if (events["actor1"] == a).any())
    by = apply_filter(events, EventFilter(actors=(actor,)))
    either = apply_filter(events, EventFilter(actors=(actor,), actor_role="either"))
    assert len(by) < len(either)
    params = filter_to_params(EventFilter(actors=(actor,)))
    open_page(page, f"{app_url}/events?{urlencode(params, doseq=True)}")
    expect(page.get_by_text(f"{len(by):,} of {len(events):,} events").first).to_be_visible(timeout=30_000)
    expect(page.get_by_text(f"carried out by: {actor}").first).to_be_visible()
    page.locator('[data-testid="stSidebar"]').get_by_text("Either side", exact=True).click()
    settle(page)
    expect(page.get_by_text(f"{len(either):,} of {len(events):,} events").first).to_be_visible(timeout=30_000)
    page.wait_for_url("**role=either*", timeout=10_000)


def test_the_legend_folds_on_the_overview_map_and_opens_on_the_map_page(page, app_url, artifacts):
    open_page(page, f"{app_url}/")
    legend = map_frame(page).locator(".ev-legend details")
    expect(legend).to_be_attached(timeout=30_000)
    assert legend.evaluate("d => d.open") is False, "a small map's legend should not cover its events"
    legend.locator("summary").click()
    assert legend.evaluate("d => d.open") is True
    page.screenshot(path=str(artifacts / "overview_legend_opened.png"))
    open_page(page, f"{app_url}/map")
    legend = map_frame(page).locator(".ev-legend details")
    expect(legend).to_be_attached(timeout=30_000)
    assert legend.evaluate("d => d.open") is True


def test_the_minimap_opens_with_countries_and_provinces(page, app_url, artifacts):
    open_page(page, f"{app_url}/map")
    frame = map_frame(page)
    toggle = frame.locator(".leaflet-control-minimap-toggle-display")
    expect(toggle).to_be_attached(timeout=30_000)
    toggle.click()
    minimap = frame.locator(".leaflet-control-minimap")
    expect(minimap).to_have_css("width", "160px", timeout=10_000)
    dashed = minimap.locator('path[stroke-dasharray="2 2"]')  # province lines
    expect(dashed.first).to_be_attached(timeout=10_000)
    assert dashed.count() >= 4 and minimap.locator("path").count() > dashed.count()
    page.wait_for_timeout(500)
    minimap.screenshot(path=str(artifacts / "map_minimap.png"))


def _shown(page) -> str:
    """The page's 'N of M events' caption."""
    caption = page.get_by_text(" events · ").first
    caption.wait_for(timeout=30_000)
    return caption.inner_text()


def _back_to(page, path: str) -> None:
    """Press Back until the address is `path` (with its query string). A page navigation may leave one bare
    address in the history, on which the app keeps the filter: at most one extra press."""
    for _ in range(2):
        before = page.url
        page.go_back()
        page.wait_for_function("u => location.href !== u", arg=before, timeout=30_000)
        page.wait_for_timeout(300)
        settle(page)
        if page.url.split("/", 3)[-1] == path:
            return
    raise AssertionError(f"Back did not return to /{path}: at {page.url}")


def test_browser_back_undoes_a_filter_change_and_navigation_keeps_it(page, app_url, store_url):
    events = load_events(store_url)
    targeted = len(apply_filter(events, EventFilter(civilian_targeting=True)))
    assert 0 < targeted < len(events)
    open_page(page, f"{app_url}/events")
    assert _shown(page).startswith(f"{len(events):,} of")
    page.get_by_text("Civilians targeted", exact=True).click()
    page.wait_for_url("**civilians=only*", timeout=30_000)
    settle(page)
    assert _shown(page).startswith(f"{targeted:,} of")
    page.get_by_role("link", name="Timeline").click()  # another page keeps the filter
    page.wait_for_url("**/timeline?civilians=only", timeout=30_000)
    settle(page)
    assert _shown(page).startswith(f"{targeted:,} of")
    _back_to(page, "events?civilians=only")
    assert _shown(page).startswith(f"{targeted:,} of")
    _back_to(page, "events")  # before the filter change
    expect(page.get_by_text(f"{len(events):,} of {len(events):,} events").first).to_be_visible(timeout=30_000)
    expect(page.get_by_role("radio", name="All events")).to_be_checked()


def test_an_edited_place_moves_the_point_when_saved(page, app_url, store_url, artifacts, tmp_path):
    """Correcting the location in the review table re-geocodes it on save: a village the gazetteer does not know,
    in the district the event had, is placed at that district's centre at district precision, never left at the
    old point as exact."""
    from core.knowledge.gazetteer import default_gazetteer

    report = tmp_path / "khuzdar_edit.txt"  # a document of its own, so that no other test finds it stored
    report.write_text(REPORT.read_text(encoding="utf-8") + "\nThis copy was filed for the edit test.\n",
                      encoding="utf-8")
    page.goto(f"{app_url}/add_documents", wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=30_000)
    page.locator('input[type="file"]').set_input_files(str(report))
    page.wait_for_timeout(800)
    page.get_by_role("button", name="Extract events").click()
    expect(page.get_by_text("1 event from 1 document")).to_be_visible(timeout=30_000)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 140, box["y"] + 35 + 17)  # the first row's event id (read-only)
    for _ in ["event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "admin2", "location"]:
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")  # open the location cell's editor
    editor = page.locator("#portal textarea, #portal input").first
    editor.wait_for(timeout=10_000)
    editor.fill("Zzyzxabad")
    page.keyboard.press("Enter")
    page.wait_for_timeout(500)
    page.get_by_label("Your name (recorded with the save)").fill("Test Analyst")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Saved 1 event and 1 document")).to_be_visible(timeout=30_000)
    page.screenshot(path=str(artifacts / "add_documents_edited_place_saved.png"))
    saved = load_events(store_url)
    saved = saved[saved["location"] == "Zzyzxabad"]
    assert len(saved) == 1, "the corrected location is what was stored"
    event_id = saved["event_id"].iloc[0]
    district = next(p for p in default_gazetteer().candidates("Khuzdar") if p.kind == "district")
    row = saved.iloc[0]
    assert row["admin2"] == "Khuzdar" and int(row["geo_precision"]) == 2, event_id
    assert (round(float(row["latitude"]), 3), round(float(row["longitude"]), 3)) == (
        round(district.latitude, 3), round(district.longitude, 3))
