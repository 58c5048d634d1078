"""What an analyst clicks is what the dashboard shows (issue 12): every map mode draws after a switch, the
card is the clicked marker's, the document chosen opens, counts sort as numbers, a paste reads like an
upload, and the actor filter says which side the actor was on. The page fixture fails on console errors."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

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
    # Two events at one town: the card is the one whose marker was clicked (the top one), not the one whose
    # centre is nearest the click.
    centres = markers.evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [Math.round(r.x + r.width / 2), "
        "Math.round(r.y + r.height / 2)]; })")
    shared = {}
    for i, (x, y) in enumerate(centres):
        shared.setdefault((x, y), []).append(i)
    stacks = [ids for ids in shared.values() if len(ids) > 1]
    assert stacks, "the test store should hold two events at one place"
    frame.locator(".leaflet-popup-close-button").last.click()
    markers.nth(max(stacks[0])).click(force=True)  # drawn last, so on top
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


OVERLAPS = """() => { const shown = [...document.querySelectorAll('.ev-label span')].filter(s => {
  const st = getComputedStyle(s); return st.display !== 'none' && st.visibility !== 'hidden' && s.getBoundingClientRect().width; });
  const boxes = shown.map(s => s.getBoundingClientRect()); let n = 0;
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) n++; }
  return [shown.length, n]; }"""
"""JavaScript: how many place labels show, and how many pairs of them overlap."""


def test_the_offline_map_orients_without_hiding_the_events(page, app_url, artifacts):
    """The legend folds on the Overview's small map and stands open on the Map page; the minimap draws countries
    and provinces; place labels never overlap, before and after a zoom."""
    open_page(page, f"{app_url}/")
    legend = map_frame(page).locator(".ev-legend details")
    expect(legend).to_be_attached(timeout=30_000)
    assert legend.evaluate("d => d.open") is False, "a small map's legend should not cover its events"
    legend.locator("summary").click()
    assert legend.evaluate("d => d.open") is True
    page.screenshot(path=str(artifacts / "overview_legend_opened.png"))
    open_page(page, f"{app_url}/map")
    frame = map_frame(page)
    legend = frame.locator(".ev-legend details")
    expect(legend).to_be_attached(timeout=30_000)
    assert legend.evaluate("d => d.open") is True
    expect(frame.locator(".ev-label").first).to_be_attached(timeout=30_000)
    page.wait_for_timeout(500)
    shown, overlapping = frame.locator("#map_div").evaluate(f"el => ({OVERLAPS})()")
    assert shown >= 8 and overlapping == 0, (shown, overlapping)
    frame.locator(".leaflet-control-zoom-in").click()
    page.wait_for_timeout(900)
    shown, overlapping = frame.locator("#map_div").evaluate(f"el => ({OVERLAPS})()")
    assert shown >= 8 and overlapping == 0, (shown, overlapping)
    page.screenshot(path=str(artifacts / "map_labels_zoomed_in.png"))
    frame.locator(".leaflet-control-minimap-toggle-display").click()
    minimap = frame.locator(".leaflet-control-minimap")
    expect(minimap).to_have_css("width", "160px", timeout=10_000)
    dashed = minimap.locator('path[stroke-dasharray="2 2"]')  # province lines
    expect(dashed.first).to_be_attached(timeout=10_000)
    assert dashed.count() >= 4 and minimap.locator("path").count() > dashed.count()
    minimap.screenshot(path=str(artifacts / "map_minimap.png"))
