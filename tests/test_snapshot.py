"""Static PNG snapshots: size, content, tactic colours at the projected event positions, labels."""

from __future__ import annotations

import io
from itertools import combinations

import numpy as np
import pytest
from matplotlib import image as mpimg
from matplotlib.colors import to_rgb
from matplotlib.text import Annotation

from core.knowledge.lexicon import load_tactics, tactic_colors
from core.schema import DISORDER_TYPES, events_from_records
from core.store.filters import EventFilter
from core.views.snapshot import (
    SIZES,
    house_style,
    render_png,
    snapshot_figure,
    summarise,
)

# Places in Pakistan, far enough apart that markers do not touch at slide size.
PLACES = [
    ("Quetta", "Balochistan", "Quetta", 30.18, 67.00),
    ("Turbat", "Balochistan", "Kech", 26.00, 63.05),
    ("Khuzdar", "Balochistan", "Khuzdar", 27.81, 66.61),
    ("Peshawar", "Khyber Pakhtunkhwa", "Peshawar", 34.01, 71.58),
    ("Bannu", "Khyber Pakhtunkhwa", "Bannu", 32.99, 70.60),
    ("Zhob", "Balochistan", "Zhob", 31.34, 69.45),
]


def event_record(i: int, *, place: tuple = PLACES[0], tactic: str = "ambush", precision: int | None = 1,
                 located: bool = True, **overrides) -> dict:
    """One valid event; `overrides` replace any field."""
    row = load_tactics().set_index("tactic").loc[tactic]
    location, admin1, admin2, lat, lon = place
    record = {
        "event_id": f"test{i:04d}-01", "event_date": f"2025-{1 + i % 12:02d}-{1 + i % 27:02d}", "time_precision": 1,
        "event_type": row["event_type"], "sub_event_type": row["sub_event_type"],
        "disorder_type": DISORDER_TYPES[row["event_type"]], "tactics": [tactic],
        "actor1": "Baloch Liberation Army", "inter1": 2, "actor2": "Military Forces of Pakistan", "inter2": 1,
        "interaction": 12, "civilian_targeting": False, "country": "Pakistan", "admin1": admin1,
        "admin2": admin2, "location": location, "latitude": lat if located else None,
        "longitude": lon if located else None, "geo_precision": precision if located else None,
        "fatalities": None, "claims": [], "source": {"document_id": f"doc{i % 3}", "title": f"Report {i % 3}",
                                                       "file": f"report_{i % 3}.txt"},
        "source_excerpt": [], "notes": f"Test event {i}.", "confidence": 0.8,
    }
    record["year"] = int(record["event_date"][:4])
    record.update(overrides)
    return record


def make_events(records: list[dict]):
    """A validated event table."""
    return events_from_records(records)


def read_png(data: bytes) -> np.ndarray:
    """RGB floats in 0..1, rows from the top."""
    return mpimg.imread(io.BytesIO(data), format="png")[:, :, :3]


def near(pixels: np.ndarray, hex_color: str, tol: float = 0.1) -> np.ndarray:
    return np.all(np.abs(pixels - np.array(to_rgb(hex_color))) < tol, axis=-1)


def to_pixel(x: float, y: float, height: int) -> tuple[int, int]:
    """Display coordinates (origin bottom left) to (row, column) of the image array."""
    return height - round(float(y)), round(float(x))


def render_with_view(events, size=SIZES["slide"]):
    """The PNG pixels and the map view used to draw them."""
    with house_style():
        fig, view = snapshot_figure(events, EventFilter(), size=size)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=fig.dpi)
    return read_png(buf.getvalue()), view


@pytest.mark.parametrize("name", list(SIZES))
def test_png_has_the_requested_size_and_is_not_blank(name):
    events = make_events([event_record(i, place=p) for i, p in enumerate(PLACES)])
    pixels = read_png(render_png(events, EventFilter(), size=SIZES[name]))
    assert pixels.shape[:2] == (SIZES[name][1], SIZES[name][0])
    not_white = np.any(pixels < 0.95, axis=-1).mean()
    assert not_white > 0.3  # the map, the outlines and the text cover much of the page
    assert len(np.unique((pixels * 255).astype(np.uint8).reshape(-1, 3), axis=0)) > 50


def test_tactic_colour_is_drawn_where_each_event_projects():
    tactics = ["suicide bombing", "air/drone strike", "armed clash", "kidnapping", "IED/remote explosive", "ambush"]
    events = make_events([event_record(i, place=p, tactic=t) for i, (p, t) in enumerate(zip(PLACES, tactics))])
    pixels, view = render_with_view(events)
    height = pixels.shape[0]
    colors = tactic_colors()
    xy = view.to_display(events["longitude"].to_numpy(), events["latitude"].to_numpy())
    for (x, y), tactic in zip(xy, tactics):
        row, col = to_pixel(x, y, height)
        window = pixels[row - 2:row + 3, col - 2:col + 3]
        assert near(window, colors[tactic]).any(), f"{tactic} colour missing at ({col}, {row})"
        others = [c for t, c in colors.items() if t != tactic and t in tactics]
        assert not any(near(pixels[row, col], c) for c in others)
    # Far from every event (the top-left corner of the map), no event colour is drawn.
    corner = view.ax.get_window_extent()
    col, row = int(corner.x0) + 5, height - int(corner.y1) + 5
    assert not any(near(pixels[row, col], colors[t]) for t in tactics)


def test_centroid_events_are_rings_and_exact_events_are_filled():
    events = make_events([event_record(0, place=PLACES[0], tactic="kidnapping", precision=1),
                          event_record(1, place=PLACES[1], tactic="kidnapping", precision=2)])
    pixels, view = render_with_view(events)
    height, color = pixels.shape[0], tactic_colors()["kidnapping"]
    (xe, ye), (xc, yc) = view.to_display(events["longitude"].to_numpy(), events["latitude"].to_numpy())
    assert near(pixels[to_pixel(xe, ye, height)], color)
    row, col = to_pixel(xc, yc, height)
    assert near(pixels[row - 8:row + 9, col - 8:col + 9], color).any()
    assert not near(pixels[row, col], color)


def test_the_map_is_zoomed_to_the_events():
    events = make_events([event_record(i, place=p) for i, p in enumerate(PLACES[:3])])
    _, view = render_with_view(events)
    x, y = view.project(events["longitude"], events["latitude"])
    (x0, x1), (y0, y1) = view.ax.get_xlim(), view.ax.get_ylim()
    assert (x0 < x.min()) and (x.max() < x1) and (y0 < y.min()) and (y.max() < y1)
    assert max((x.max() - x.min()) / (x1 - x0), (y.max() - y.min()) / (y1 - y0)) > 0.6


def test_place_labels_do_not_overlap():
    rng = np.random.default_rng(1)
    records = []
    for i in range(60):
        location, admin1, admin2, lat, lon = PLACES[i % len(PLACES)]
        place = (f"{location} {i % 15}", admin1, admin2, lat + rng.normal(0, 0.4), lon + rng.normal(0, 0.4))
        records.append(event_record(i, place=place))
    _, view = render_with_view(make_events(records))
    renderer = view.ax.figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in view.ax.texts if isinstance(t, Annotation)]
    assert len(boxes) >= 5
    assert not any(a.overlaps(b) for a, b in combinations(boxes, 2))


def test_summary_counts_centroids_and_unmapped_events():
    events = make_events([event_record(0, precision=2), event_record(1, place=PLACES[1], precision=3),
                          event_record(2, place=PLACES[2]), event_record(3, located=False)])
    summary = summarise(events)
    assert (summary.n_events, summary.n_mapped, summary.n_district, summary.n_province) == (4, 3, 1, 1)


def test_an_empty_view_still_renders_the_region():
    events = make_events([event_record(0)]).iloc[0:0]
    pixels = read_png(render_png(events, EventFilter(actors=("Nobody",))))
    assert pixels.shape[:2] == (1000, 1600)
    assert np.any(pixels < 0.95, axis=-1).mean() > 0.3
