"""Dashboard benchmarks on SYNTHETIC events: filter time, map HTML size, map build and browser-ready time.

Run with `python -m bench` (or `make bench`); `--sizes 1000 10000` to choose sizes, `--no-browser`
to skip Chromium. Prints a Markdown table for bench/README.md.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

from bench.synthetic import synthetic_events
from core.store.filters import EventFilter, apply_filter, build_index
from core.views.maps import build_event_map, placed_events, plan_map
from core.views.vendor import VENDOR_DIR, local_assets_available, localise_map

SIZES = (1_000, 10_000, 100_000, 1_000_000)
FILTER = EventFilter(since=date(2024, 1, 1), until=date(2025, 6, 30), actors=("Baloch Liberation Army",),
                     tactics=("ambush", "suicide bombing", "IED/remote explosive"))
TEXT_FILTER = EventFilter(text="majeed")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
READY = "() => document.querySelectorAll('path.leaflet-interactive, .marker-cluster, canvas.leaflet-heatmap-layer').length > 0"


def timed(fn, repeat: int = 5) -> tuple[float, object]:
    """Median wall time in ms of `fn()` over `repeat` runs, and its last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


class _Server:
    """A quiet static file server for one folder, on a free local port."""

    def __init__(self, folder: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def browser_ready_ms(page, url: str, ready: str = READY) -> float:
    """Milliseconds from navigation until Leaflet has drawn markers, clusters or heat."""
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_function(ready, timeout=120_000)
    return (time.perf_counter() - start) * 1000


def peer_map_html(events) -> str:
    """The naive peer of issue 14: a folium map with one FastMarkerCluster of every placed event."""
    import folium
    from folium.plugins import FastMarkerCluster

    placed = placed_events(events)
    m = folium.Map(location=[30, 69], zoom_start=5, tiles=None)
    m.options["max_zoom"] = 18  # clusters need it; folium sets it only on a tile layer
    # Leaflet's own marker: folium's default callback needs Font Awesome icons from a CDN
    FastMarkerCluster(placed[["latitude", "longitude"]].to_numpy().tolist(),
                      callback="function (row) { return L.marker(new L.LatLng(row[0], row[1])); }").add_to(m)
    localise_map(m, "vendor")
    return m.get_root().render()


PEER_READY = "() => document.querySelectorAll('.marker-cluster, .leaflet-marker-icon').length > 0"


def run(sizes: tuple[int, ...], browser: bool) -> list[dict]:
    """Measure every size; returns one dict per size."""
    rows = []
    work = Path(tempfile.mkdtemp(prefix="bench_maps_"))
    (work / "vendor").symlink_to(VENDOR_DIR)
    server = _Server(work)
    playwright = chromium = page = None
    if browser and Path(CHROMIUM).exists() and local_assets_available():
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = chromium.new_page(viewport={"width": 1200, "height": 800})
    try:
        for n in sizes:
            events = synthetic_events(n, seed=n)
            start = time.perf_counter()
            index = build_index(events)
            index_ms = (time.perf_counter() - start) * 1000
            filter_ms, kept = timed(lambda e=events, i=index: apply_filter(e, FILTER, i))
            text_ms, _ = timed(lambda e=events, i=index: apply_filter(e, TEXT_FILTER, i))
            map_ms, html = timed(lambda e=events: build_event_map(e, asset_base="vendor").get_root().render(), repeat=1)
            path = work / f"map_{n}.html"
            path.write_text(html, encoding="utf-8")
            ready = browser_ready_ms(page, f"{server.url}/{path.name}") if page else None
            peer_ready = None
            if page:  # the peer is built and opened in the same run, so both see the same machine
                peer_start = time.perf_counter()
                peer = work / f"peer_{n}.html"
                peer.write_text(peer_map_html(events), encoding="utf-8")
                peer_build = (time.perf_counter() - peer_start) * 1000
                peer_ready = peer_build + browser_ready_ms(page, f"{server.url}/{peer.name}", PEER_READY)
            rows.append({"n": n, "index_ms": index_ms, "filter_ms": filter_ms, "kept": len(kept), "text_ms": text_ms,
                         "mode": plan_map(len(placed_events(events))).mode, "map_ms": map_ms,
                         "html_mb": len(html.encode()) / 1e6, "ready_ms": ready,
                         "total_ms": map_ms + ready if ready is not None else None, "peer_ms": peer_ready})
            print(_row(rows[-1]), flush=True)
    finally:
        server.close()
        if chromium:
            chromium.close()
            playwright.stop()
    return rows


HEADER = ("| events | index build | filter (target <200 ms at 1M) | text search | map mode | map build (Python) "
          "| map HTML (target <5 MB at 100k) | map ready in Chromium (target <3 s at 100k) "
          "| build + ready | FastMarkerCluster peer: build + ready |\n"
          "|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|")


def _row(r: dict) -> str:
    def seconds(ms):
        return f"{ms / 1000:.2f} s" if ms is not None else "not measured"

    return (f"| {r['n']:,} | {r['index_ms']:.0f} ms | {r['filter_ms']:.1f} ms ({r['kept']:,} kept) | {r['text_ms']:.1f} ms "
            f"| {r['mode']} | {r['map_ms'] / 1000:.2f} s | {r['html_mb']:.2f} MB | {seconds(r['ready_ms'])} "
            f"| {seconds(r['total_ms'])} | {seconds(r['peer_ms'])} |")


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run, print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurement")
    args = parser.parse_args(argv)
    print(HEADER)
    run(tuple(args.sizes), browser=not args.no_browser)
    return 0
