"""What an analyst does beyond the map (issue 12): a paste reads like an upload and is placed where the incident
happened, an edited place is re-geocoded on save, and the browser's Back button undoes a filter change. The page
fixture fails on console errors."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from core.store.filters import EventFilter, apply_filter
from core.store.reading import load_events
from tests.browser.test_dashboard_browser import MARKERS, map_frame, open_page
from tests.browser.test_dashboard_trust import REPORT, settle


def _preview_place(page) -> str:
    frame = map_frame(page)
    marker = frame.locator(MARKERS).first
    marker.wait_for(state="attached", timeout=30_000)
    marker.click(force=True)
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    return popup.inner_text()


@pytest.mark.parametrize("how", ["upload", "paste"])
def test_a_paste_reads_like_an_upload_and_is_placed_where_it_happened(page, app_url, how, tmp_path, artifacts):
    """A paste and an upload of the same wire story, datelined ISLAMABAD, about a convoy on its way from Quetta:
    both give the one event, at Noshki (the paste path once placed it at its dateline city)."""
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
    page.screenshot(path=str(artifacts / f"add_documents_{how}.png"))


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
    page.mouse.click(box["x"] + 140, box["y"] + 35 + 17)  # a cell of the first row, near its left end
    page.wait_for_timeout(300)  # the grid takes the focus: a key pressed before is lost, and the edit lands a cell short
    # From the leftmost column (the keep box), whichever cell the click landed in (column widths vary with the
    # event id): an edit that landed in admin2 had the old location replaced by the district's.
    for _ in range(4):
        page.keyboard.press("ArrowLeft")
    for _ in ["event_id", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "admin2", "location"]:
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
