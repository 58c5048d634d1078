"""Every map mode draws on a store of 5,000 SYNTHETIC events, where the map aggregates (issue 12: a heatmap that
drew on 40 reports stayed blank on 5,000 events, and the tests on the small store did not notice)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from bench.live_app import AppDidNotStart, serve
from bench.synthetic import synthetic_events
from core.store.writing import save_build
from core.views.warm import warm_answers
from tests.browser.test_dashboard_browser import map_frame, open_page
from tests.browser.test_dashboard_trust import DRAWN

EVENTS = 5_000

HEAT_PIXELS = """() => { const c = document.querySelector('canvas.leaflet-heatmap-layer');
  if (!c) return 0; const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n; }"""
"""JavaScript: how many pixels of the heat layer's canvas are painted."""


@pytest.fixture(scope="module")
def big_app(tmp_path_factory: pytest.TempPathFactory, app_url: str) -> Iterator[str]:
    """The dashboard on a store of EVENTS synthetic events (app_url: the session's own app and browser)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('big_store') / 'events.sqlite'}"
    save_build(synthetic_events(EVENTS, seed=7), [], url)
    warm_answers(url)
    try:
        with serve(url) as (base, _process):
            yield base
    except AppDidNotStart as exc:
        pytest.fail(str(exc))


@pytest.mark.parametrize("mode", ["heatmap", "grid"])
def test_every_map_mode_draws_on_a_big_store(page, big_app, artifacts, mode):
    open_page(page, f"{big_app}/map?mode={mode}")
    frame = map_frame(page)
    expect(frame.locator(DRAWN[mode]).first).to_be_attached(timeout=60_000)
    if mode == "heatmap":
        painted = 0
        for _ in range(40):  # the heat layer paints after the map has its size
            painted = frame.locator("#map_div").evaluate(f"el => ({HEAT_PIXELS})()")
            if painted:
                break
            page.wait_for_timeout(250)
        assert painted > 500, f"the heatmap painted {painted} pixels"
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / f"big_store_map_{mode}.png"))
