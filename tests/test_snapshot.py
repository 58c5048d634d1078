"""Static PNG snapshots: size, content, tactic colours at the projected event positions, labels; the reference map
(province outlines, locator inset, place names, extent), handling line, logo and the timeline PNG (issue 13)."""

from __future__ import annotations

import io
from itertools import combinations

import numpy as np
import pytest
from matplotlib import image as mpimg
from matplotlib.colors import to_rgb
from matplotlib.text import Annotation, Text
from PIL import Image

from core.knowledge.lexicon import load_tactics, tactic_colors
from core.schema import DISORDER_TYPES, events_from_records
from core.store.filters import EventFilter
from core.views.brief_options import BriefOptions
from core.views.furniture import MUTED, PROVINCE_LINE
from core.views.inset import EXTENT_COLOR
from core.views.reference import outline_frame
from core.views.snapshot import (
    SIZES,
    house_style,
    render_png,
    snapshot_figure,
    summarise,
    timeline_figure,
)
from core.views.timeline_static import weekly_counts

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


# ---- the reference map of issue 13: outlines, inset, labels, extent, furniture ----------------------------------

def render_figure(fig):
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=fig.dpi)
    return read_png(buf.getvalue())


def snapshot(events, event_filter=None, size=SIZES["slide"], **options):
    """Pixels and map view of a snapshot drawn with BriefOptions(**options)."""
    with house_style():
        fig, view = snapshot_figure(events, event_filter or EventFilter(), size=size, options=BriefOptions(**options))
        return render_figure(fig), view, fig


def window(pixels: np.ndarray, row: int, col: int, r: int = 2) -> np.ndarray:
    return pixels[max(row - r, 0):row + r + 1, max(col - r, 0):col + r + 1]


def test_province_boundaries_are_drawn_where_the_provinces_meet():
    from shapely.geometry import Point

    events = make_events([event_record(i, place=p) for i, p in enumerate(
        [PLACES[0], PLACES[2], ("Sukkur", "Sindh", "Sukkur", 27.70, 68.86), ("Larkana", "Sindh", "Larkana", 27.56, 68.21)])])
    pixels, view, _ = snapshot(events, size=SIZES["print"])
    height = pixels.shape[0]
    provinces = outline_frame(None, provinces=True).set_index("name").geometry
    west, south, east, north = view.lonlat_box
    border = provinces["Sindh"].boundary.intersection(provinces["Balochistan"].buffer(0.03))
    samples = [border.interpolate(d, normalized=True) for d in np.linspace(0.05, 0.95, 40)]
    samples = [p for p in samples if west + 0.3 < p.x < east - 0.3 and south + 0.3 < p.y < north - 0.3]
    assert len(samples) >= 15
    xy = view.to_display([p.x for p in samples], [p.y for p in samples])
    hits = [near(window(pixels, *to_pixel(x, y, height)), PROVINCE_LINE, 0.15).any() for x, y in xy]
    assert np.mean(hits) > 0.8, f"province line found at {sum(hits)} of {len(hits)} points on the Sindh border"
    # Away from every province line (inside Balochistan, far from its edges), no province line is drawn.
    inner = provinces["Balochistan"].buffer(-0.6)
    far = [Point(x, y) for x in np.linspace(west, east, 25) for y in np.linspace(south, north, 25)
           if inner.contains(Point(x, y))]
    assert len(far) > 10
    xy = view.to_display([p.x for p in far], [p.y for p in far])
    stray = [near(window(pixels, *to_pixel(x, y, height), r=1), PROVINCE_LINE, 0.1).any() for x, y in xy]
    assert np.mean(stray) < 0.1


def test_the_locator_inset_marks_the_map_extent():
    events = make_events([event_record(i, place=p) for i, p in enumerate(PLACES[:3])])
    pixels, view, _ = snapshot(events)
    height = pixels.shape[0]
    assert view.inset is not None
    inset, frame = view.inset.ax.get_window_extent(), view.ax.get_window_extent()
    assert frame.x0 <= inset.x0 and inset.x1 <= frame.x1 and frame.y0 <= inset.y0 and inset.y1 <= frame.y1
    assert inset.width < 0.3 * frame.width
    red = near(pixels, EXTENT_COLOR, 0.08)
    rows, cols = np.nonzero(red)
    assert len(rows) > 50
    # Every red frame pixel is in the inset, and the frame surrounds the projected centre of the map's extent.
    assert rows.min() >= height - inset.y1 - 1 and rows.max() <= height - inset.y0 + 1
    assert cols.min() >= inset.x0 - 1 and cols.max() <= inset.x1 + 1
    west, south, east, north = view.lonlat_box
    (cx, cy), = view.inset.to_display([(west + east) / 2], [(south + north) / 2])
    crow, ccol = to_pixel(cx, cy, height)
    assert rows.min() < crow < rows.max() and cols.min() < ccol < cols.max()


def test_reference_names_never_touch_event_labels_or_markers():
    # Events right at district headquarters, named otherwise: the headquarters' names compete for the same spots.
    places = [("Mastung bazaar", "Balochistan", "Mastung", 29.80, 66.85), ("Sibi road", "Balochistan", "Sibi", 29.54, 67.88),
              ("Kalat fort", "Balochistan", "Kalat", 29.03, 66.59), ("Nushki bypass", "Balochistan", "Nushki", 29.55, 66.02),
              ("Pishin town", "Balochistan", "Pishin", 30.58, 67.0)]
    events = make_events([event_record(i, place=p) for i, p in enumerate(places)])
    _, view, fig = snapshot(events)
    renderer = fig.canvas.get_renderer()
    names = [t for t in view.ax.texts if isinstance(t, Annotation)]
    event_labels = [t.get_window_extent(renderer) for t in names if t.get_text() in set(events["location"])]
    reference = [t for t in names if t.get_color() == MUTED]
    assert len(event_labels) == len(places)
    assert len(reference) >= 5, "the map names towns and district headquarters around the events"
    assert {"Quetta", "Mastung", "Sibi", "Kalat"} & {t.get_text() for t in reference}
    markers = view.to_display(events["longitude"], events["latitude"])
    for text in reference:
        box = text.get_window_extent(renderer)
        assert not any(box.overlaps(e) for e in event_labels), text.get_text()
        assert not any(box.contains(x, y) for x, y in markers), text.get_text()


def test_a_box_extent_is_shown_as_asked():
    events = make_events([event_record(0, place=PLACES[0])])
    _, view, _ = snapshot(events, extent=(66.0, 27.0, 70.0, 31.0))
    west, south, east, north = view.lonlat_box
    assert west <= 66.0 and south <= 27.0 and east >= 70.0 and north >= 31.0
    (x0, x1), (y0, y1) = view.ax.get_xlim(), view.ax.get_ylim()
    bx, by = view.project([66.0, 70.0, 68.0, 68.0], [29.0, 29.0, 27.0, 31.0])
    fills = max((bx[1] - bx[0]) / (x1 - x0), (by[3] - by[2]) / (y1 - y0))
    assert fills == pytest.approx(1.0, abs=0.03)


def test_a_province_extent_shows_the_whole_province():
    events = make_events([event_record(0, place=PLACES[0])])
    _, fitted, _ = snapshot(events)
    _, view, _ = snapshot(events, EventFilter(admin1=("Balochistan",)), extent="province")
    bounds = outline_frame(None, provinces=True).set_index("name").geometry["Balochistan"].bounds
    west, south, east, north = view.lonlat_box
    assert west <= bounds[0] and south <= bounds[1] and east >= bounds[2] and north >= bounds[3]
    assert (fitted.lonlat_box[2] - fitted.lonlat_box[0]) < (east - west) / 2  # one event alone: zoomed in


def test_handling_line_and_logo_are_drawn_only_when_asked():
    events = make_events([event_record(0)])
    logo = io.BytesIO()
    Image.new("RGB", (60, 30), (255, 0, 255)).save(logo, format="PNG")
    pixels, _, fig = snapshot(events, marking="OFFICIAL SENSITIVE", logo=logo.getvalue())
    texts = [t.get_text() for t in fig.findobj(Text)]
    assert texts.count("OFFICIAL SENSITIVE") == 2
    magenta = near(pixels, "#ff00ff", 0.05)
    rows, cols = np.nonzero(magenta)
    assert len(rows) > 500 and rows.max() < 150 and cols.min() > 1200  # in the header, at the top right
    plain, _, fig = snapshot(events)
    assert "OFFICIAL SENSITIVE" not in [t.get_text() for t in fig.findobj(Text)]
    assert not near(plain, "#ff00ff", 0.05).any()


def test_a_dollar_sign_prints_as_itself():
    place = ("Cash $5 Market", "Balochistan", "Quetta", 30.18, 67.0)
    events = make_events([event_record(0, place=place, actor1="A$AP Brigade")])
    f = EventFilter(text="$5")
    title = "Costs of $5 and $10 in Quetta"
    _, view, fig = snapshot(events, f)
    texts = [t for t in fig.findobj(Text) if t.get_text()]
    assert len(texts) > 20 and all(not t.get_parse_math() for t in texts)
    assert "Cash $5 Market" in [t.get_text() for t in view.ax.texts]
    with house_style():
        fig, _ = snapshot_figure(events, f, title=title)
    assert title in [t.get_text() for t in fig.findobj(Text)]


def test_the_timeline_png_counts_events_per_week_in_tactic_colours():
    records = [event_record(i, place=PLACES[i % 3], tactic="kidnapping" if i % 2 else "ambush",
                            event_date=f"2025-03-{1 + i:02d}") for i in range(20)]
    events = make_events(records)
    with house_style():
        fig, ax = timeline_figure(events, EventFilter(), size=SIZES["slide"])
        pixels = render_figure(fig)
    assert pixels.shape[:2] == (1000, 1600)
    assert weekly_counts(events).to_numpy().sum() == len(events)
    assert ax.get_ylim()[1] >= weekly_counts(events).sum(axis=1).max()
    colors = tactic_colors()
    box = ax.get_window_extent()
    inside = pixels[1000 - int(box.y1):1000 - int(box.y0), int(box.x0):int(box.x1)]
    assert near(inside, colors["kidnapping"]).sum() > 200 and near(inside, colors["ambush"]).sum() > 200
    png = read_png(render_png(events, EventFilter(), options=BriefOptions(timeline=True)))
    assert png.shape[:2] == (1000, 1600)


def test_synthetic_events_carry_a_warning():
    from bench.synthetic import synthetic_events

    _, _, fig = snapshot(synthetic_events(30, seed=1))
    assert any("SYNTHETIC DATA" in t.get_text() for t in fig.findobj(Text))
    _, _, fig = snapshot(make_events([event_record(0)]))
    assert not any("SYNTHETIC" in t.get_text() for t in fig.findobj(Text))
