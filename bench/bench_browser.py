"""The dashboard in Chromium on a store of SYNTHETIC events: cold first page, a filter change to a redrawn
map, and page navigation, each from the click to the rendered result.

Run: python -m bench.bench_browser [--events 100000] [--runs 3]
Targets (issue 12): filter change < 1 s, navigation < 1 s, cold first page < 3 s.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench.live_app import CHROMIUM, CHROMIUM_ARGS, SCRIPT_IDLE, serve, wait_until_ready
from bench.synthetic import synthetic_events
from core.store.writing import save_build
from core.views.warm import warm_answers

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
DRAWN = "#map_div path.leaflet-interactive, #map_div .marker-cluster"


def _store(folder: Path, n: int) -> str:
    """A store of `n` SYNTHETIC events in `folder`, built unless an earlier run left it there, and its answers
    warmed as `core build` and `core import` leave them."""
    path = folder / f"events-{n}.sqlite"
    url = f"sqlite:///{path}"
    if not path.exists():
        began = time.perf_counter()
        save_build(synthetic_events(n, seed=5), [], url)
        print(f"built a store of {n:,} SYNTHETIC events in {time.perf_counter() - began:.0f} s", flush=True)
    began = time.perf_counter()
    warm_answers(url)
    print(f"answers warmed in {time.perf_counter() - began:.1f} s", flush=True)
    return url


_MAP_DOCUMENT = (f"(() => {{ const frames = document.querySelectorAll('{MAP_FRAME}');"
                 " const frame = frames[frames.length - 1];"  # a remounted map replaces its frame
                 " return frame && frame.contentDocument; })()")
"""JavaScript: the document of the page's last map frame (served from the app's origin), or a falsy value."""


def _map_drawn(page, timeout_ms: int = 60_000) -> None:
    """Wait until the map frame shows a drawn layer (an event marker, cluster or cell)."""
    page.wait_for_function(f"() => !!{_MAP_DOCUMENT}?.querySelector('{DRAWN}')", timeout=timeout_ms)


def _layer_names(page) -> str:
    """The map's layer list, whose names carry the layers' event counts."""
    return page.evaluate(f"() => {_MAP_DOCUMENT}?.querySelector('.leaflet-control-layers-overlays')?.textContent ?? ''")


def _map_redrawn(page, before: str, timeout_ms: int = 60_000) -> None:
    """Wait until the map's layers are no longer those it had (`before`, from `_layer_names`) and have drawn."""
    page.wait_for_function(
        f"""before => {{ const d = {_MAP_DOCUMENT}; const names = d?.querySelector('.leaflet-control-layers-overlays');
        return !!names && names.textContent !== before && !!d.querySelector('{DRAWN}'); }}""",
        arg=before, timeout=timeout_ms)


def _shown(page, selector: str, timeout_ms: int = 60_000) -> None:
    """Wait until an element matching `selector` is in the page."""
    page.wait_for_function(f"() => !!document.querySelector('{selector}')", timeout=timeout_ms)


def _settled(page) -> None:
    page.wait_for_function(f"() => {SCRIPT_IDLE}", timeout=60_000)


def _peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(n: int, runs: int, folder: Path | None = None, pause: float = 1.0) -> dict[str, list[float]]:
    """Seconds for each step, `runs` times, on a fresh server per run; `pause` seconds (not timed) before each
    step after the first, as an analyst looks at a page before the next click, so that what a page still does
    after its result is there is not charged to the next step."""
    from playwright.sync_api import sync_playwright

    out: dict[str, list[float]] = {"cold first page (Map)": [], "filter change to redrawn map": [],
                                   "navigation Map -> Events": [], "navigation Events -> Map": [],
                                   "navigation Map -> Timeline": [], "server peak RSS (MB)": []}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        url = _store(folder or Path(tmp), n)
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for _ in range(runs):
            with serve(url) as (base, _process):
                page = browser.new_page(viewport={"width": 1500, "height": 1200})
                start = time.perf_counter()
                page.goto(f"{base}/map", wait_until="domcontentloaded")
                wait_until_ready(page)
                _map_drawn(page)
                out["cold first page (Map)"].append(time.perf_counter() - start)

                page.wait_for_timeout(pause * 1000)
                page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
                    has_text="Province").click()
                # the first province (the list starts with "Select all", which would choose every province)
                option = page.locator('[role="option"]').filter(has_not_text="Select all").first
                # The click itself at the option's place, once the opening list is still: Playwright's own checks
                # before a click (scrolled into view, stable over two frames, hit) took 0.05-0.1 s of the step.
                option.hover()
                box = option.bounding_box()
                before = _layer_names(page)
                start = time.perf_counter()
                page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
                page.keyboard.press("Escape")
                _settled(page)
                _map_redrawn(page, before)
                out["filter change to redrawn map"].append(time.perf_counter() - start)

                page.wait_for_timeout(pause * 1000)
                start = time.perf_counter()
                page.get_by_role("link", name="Events").click()
                _shown(page, '[data-testid="stDataFrame"]')
                _settled(page)
                out["navigation Map -> Events"].append(time.perf_counter() - start)

                page.wait_for_timeout(pause * 1000)
                start = time.perf_counter()
                page.get_by_role("link", name="Map").click()
                _settled(page)
                _map_drawn(page)
                out["navigation Events -> Map"].append(time.perf_counter() - start)

                page.wait_for_timeout(pause * 1000)
                start = time.perf_counter()
                page.get_by_role("link", name="Timeline").click()
                _shown(page, '[data-testid="stVegaLiteChart"], [data-testid="stArrowVegaLiteChart"]')
                _settled(page)
                out["navigation Map -> Timeline"].append(time.perf_counter() - start)
                out["server peak RSS (MB)"].append(_peak_rss_mb(_process.pid))
                page.close()
        browser.close()
    return out


TARGETS = {"cold first page (Map)": 3.0, "filter change to redrawn map": 1.0, "navigation Map -> Events": 1.0,
           "navigation Events -> Map": 1.0, "navigation Map -> Timeline": 1.0, "server peak RSS (MB)": 1024}
"""Issue 12's targets at 100,000 events; issue 14's at 1,000,000 are 5 s for the cold Map page, 1 s for the rest."""


def main(argv: list[str] | None = None) -> int:
    """Print a Markdown table of medians; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", type=Path, help="keep the store here for the next run")
    parser.add_argument("--pause", type=float, default=1.0, help="seconds between steps (not timed)")
    args = parser.parse_args(argv)
    figures = measure(args.events, args.runs, args.dir, args.pause)
    print(f"| step ({args.events:,} SYNTHETIC events, median of {args.runs}, {args.pause:g} s between steps) | seconds (MB for RSS) | runs | target |")
    print("|---|---:|---|---:|")
    ok = True
    for step, times in figures.items():
        median = statistics.median(times)
        ok &= median < TARGETS[step]
        print(f"| {step} | {median:.2f} | {' '.join(f'{t:.2f}' for t in times)} | < {TARGETS[step]:g} |")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
