"""Static map snapshots of the current view: matplotlib + geopandas over offline country outlines.

No browser and no network: the outlines come from core.places.outlines, the reference place names from the
gazetteer, and the projection is a Lambert azimuthal equal-area centred on the events.
The map panel (`draw_event_map`) and the legend panel (`draw_side_panel`) are shared with the
one-page PDF brief in core.views.brief.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

import geopandas as gpd
import matplotlib
import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from pyproj import Transformer
from shapely.geometry import box

from core.knowledge.datafiles import region, setting
from core.places.outlines import country_outlines
from core.store.filters import EventFilter
from core.views.export_formats import SIZES, default_title
from core.views.labels import Label, place_labels
from core.views.palette import UNKNOWN_COLOR, color_for, primary_tactics, tactic_colors

BASE_WIDTH_IN = 16.0
"""Every PNG is laid out on a 16-inch-wide page; the pixel size only changes the dpi."""


TOLERANCE = 0.01
"""Outline simplification for snapshots in degrees (about 1 km)."""

MIN_SPAN_M = 160_000.0
"""The map never zooms closer than this many metres across, so a single event keeps its context."""

OUTLINES_ATTRIBUTION = "Country outlines: Natural Earth (public domain)"
PLACE_NAMES_ATTRIBUTION = "Place names: GeoNames (CC BY 4.0)"
CENTROID_NOTE = "events with district-level precision are shown at the district centroid"
PROVINCE_NOTE = "events with province-level precision are shown at the province centroid"
INK, MUTED, FAINT = "#1a1a1a", "#5f6368", "#9aa0a6"
WATER, LAND, FOCUS_LAND, BORDER = "#dfe9f0", "#ece9e2", "#fbfaf7", "#8c8c8c"


@dataclass(frozen=True)
class ViewSummary:
    """Counts and ranges that titles, legends and briefs report about a set of events."""

    n_events: int
    n_mapped: int
    n_district: int
    n_province: int
    date_min: str | None
    date_max: str | None
    tactic_counts: tuple[tuple[str, int], ...]
    n_sources: int

    @property
    def date_range(self) -> str:
        """'YYYY-MM-DD to YYYY-MM-DD', or 'no dates' for an empty view."""
        if not self.date_min:
            return "no dates"
        return self.date_min if self.date_min == self.date_max else f"{self.date_min} to {self.date_max}"


@dataclass
class MapView:
    """What draw_event_map drew: the axes and the projection from WGS84 to its data coordinates."""

    ax: Axes
    transformer: Transformer
    points: pd.DataFrame

    def project(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """WGS84 longitude/latitude to the map's data coordinates (metres)."""
        return self.transformer.transform(np.asarray(lon, float), np.asarray(lat, float))

    def to_display(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """WGS84 longitude/latitude to display pixels (origin at the bottom left of the figure)."""
        x, y = self.project(lon, lat)
        return self.ax.transData.transform(np.column_stack([x, y]))


def event_points(events: pd.DataFrame) -> pd.DataFrame:
    """The mappable events: lon, lat, tactic, color, precision (1 exact, 2 district, 3 province), location."""
    located = events[events["latitude"].notna() & events["longitude"].notna()]
    colors = tactic_colors()
    tactic = primary_tactics(located)
    return pd.DataFrame({
        "lon": located["longitude"].astype(float).to_numpy(),
        "lat": located["latitude"].astype(float).to_numpy(),
        "tactic": tactic.to_numpy(),
        "color": tactic.map(lambda t: color_for(t, colors)).to_numpy(),
        "precision": located["geo_precision"].fillna(1).astype(int).to_numpy(),
        "location": located["location"].to_numpy(),
    })


def summarise(events: pd.DataFrame) -> ViewSummary:
    """Counts of events, mapped events, centroid placements, tactics and sources."""
    located = events["latitude"].notna()
    precision = events["geo_precision"]
    counts = primary_tactics(events).value_counts()
    ordered = tuple(sorted(((str(t), int(n)) for t, n in counts.items()), key=lambda tn: (-tn[1], tn[0])))
    dates = events["event_date"].dropna()
    sources = {s.get("document_id") or s.get("title") for s in events["source"] if isinstance(s, dict)}
    return ViewSummary(
        n_events=len(events),
        n_mapped=int(located.sum()),
        n_district=int((located & (precision == 2)).sum()),
        n_province=int((located & (precision == 3)).sum()),
        date_min=str(dates.min()) if len(dates) else None,
        date_max=str(dates.max()) if len(dates) else None,
        tactic_counts=ordered,
        n_sources=len(sources - {None}),
    )


def subtitle(summary: ViewSummary, event_filter: EventFilter) -> str:
    """The active filters and the date range of the events shown."""
    return f"Filters: {event_filter.describe()}  ·  Event dates: {summary.date_range}"


def source_line(summary: ViewSummary, generated_at: datetime) -> str:
    """Source and attribution line with the generation time (UTC)."""
    return (f"Source: events extracted automatically from {summary.n_sources} news report"
            f"{'s' if summary.n_sources != 1 else ''}; check the sources before citing.  "
            f"{OUTLINES_ATTRIBUTION}. {PLACE_NAMES_ATTRIBUTION}.  Generated {generated_at:%Y-%m-%d %H:%M} UTC")


@lru_cache(maxsize=1)
def font_family() -> str:
    """A clean sans-serif that is installed: Liberation Sans when present, else matplotlib's DejaVu Sans."""
    names = {f.name for f in font_manager.fontManager.ttflist}
    return "Liberation Sans" if "Liberation Sans" in names else "DejaVu Sans"


@contextmanager
def house_style() -> Iterator[None]:
    """Typography shared by snapshots and briefs (fonts embedded as text so PDFs stay searchable)."""
    with matplotlib.rc_context({"font.family": font_family(), "pdf.fonttype": 42, "text.color": INK,
                                "axes.edgecolor": BORDER, "savefig.facecolor": "white"}):
        yield


# ---- the map panel -------------------------------------------------------------------------------

@lru_cache(maxsize=8)
def outline_frame(area: tuple[float, float, float, float] | None = None) -> gpd.GeoDataFrame:
    """core.places.outlines' country outlines for `region` (WGS84 box) as a GeoDataFrame with a name column."""
    data = country_outlines(area or region("outlines"), TOLERANCE)
    frame = gpd.GeoDataFrame.from_features(data["features"], crs="EPSG:4326")
    return frame[~frame.is_empty & frame.geometry.notna()].reset_index(drop=True)


def _region_for(lonlat: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The outlines' default region when it holds the view, else the view rounded out to whole degrees."""
    home = region("outlines")
    inside = home[0] <= lonlat[0] and home[1] <= lonlat[1] and lonlat[2] <= home[2] and lonlat[3] <= home[3]
    if inside:
        return home
    return (float(math.floor(lonlat[0])), float(math.floor(lonlat[1])),
            float(math.ceil(lonlat[2])), float(math.ceil(lonlat[3])))


def draw_event_map(ax: Axes, events: pd.DataFrame, *, scale: float = 1.0, max_labels: int = 12) -> MapView:
    """Draw outlines, events, place labels, a scale bar and a north arrow on `ax`, zoomed to the events."""
    points = event_points(events)
    focus = set(events["country"].dropna()) or {setting("default_country")}  # nothing placed: the home country
    if len(points):
        lon0 = (points["lon"].min() + points["lon"].max()) / 2
        lat0 = (points["lat"].min() + points["lat"].max()) / 2
    else:
        home = outline_frame()
        minx, miny, maxx, maxy = home[home["name"].isin(focus)].total_bounds
        lon0, lat0 = (minx + maxx) / 2, (miny + maxy) / 2
    crs = f"+proj=laea +lat_0={lat0:.4f} +lon_0={lon0:.4f} +datum=WGS84 +units=m +no_defs"
    transformer = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    view = MapView(ax=ax, transformer=transformer, points=points)

    if len(points):
        x, y = view.project(points["lon"], points["lat"])
    else:
        home = outline_frame()
        minx, miny, maxx, maxy = home[home["name"].isin(focus)].to_crs(crs).total_bounds
        x, y = np.array([minx, maxx]), np.array([miny, maxy])
    _set_extent(ax, x, y, scale)
    _draw_outlines(ax, focus, crs, transformer, scale)
    _draw_points(ax, points, x, y, scale)
    _draw_labels(view, points, x, y, scale, max_labels)
    _draw_scale_bar(ax, scale)
    _draw_north_arrow(ax, scale)
    return view


def _set_extent(ax: Axes, x: np.ndarray, y: np.ndarray, scale: float) -> None:
    """Fit the points with 12% padding, at least MIN_SPAN_M across, to the axes' aspect ratio."""
    xmin, xmax, ymin, ymax = float(np.min(x)), float(np.max(x)), float(np.min(y)), float(np.max(y))
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    w = max((xmax - xmin) * 1.24, MIN_SPAN_M)
    h = max((ymax - ymin) * 1.24, MIN_SPAN_M)
    frame = ax.get_position()
    fig_w, fig_h = ax.figure.get_size_inches()
    aspect = (frame.width * fig_w) / (frame.height * fig_h)
    if w / h < aspect:
        w = h * aspect
    else:
        h = w / aspect
    ax.set_xlim(cx - w / 2, cx + w / 2)
    ax.set_ylim(cy - h / 2, cy + h / 2)
    ax.set_aspect("equal", adjustable="datalim")
    ax.set_facecolor(WATER)
    for spine in ax.spines.values():
        spine.set_linewidth(0.8 * scale)
        spine.set_color(BORDER)


def _view_lonlat_box(ax: Axes, transformer: Transformer) -> tuple[float, float, float, float]:
    """The WGS84 bounding box of the axes' extent (edges sampled, with a margin)."""
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    t = np.linspace(0, 1, 25)
    xs = np.concatenate([x0 + (x1 - x0) * t, np.full_like(t, x1), x1 - (x1 - x0) * t, np.full_like(t, x0)])
    ys = np.concatenate([np.full_like(t, y0), y0 + (y1 - y0) * t, np.full_like(t, y1), y1 - (y1 - y0) * t])
    lon, lat = transformer.transform(xs, ys, direction="INVERSE")
    m = 1.0
    return (max(float(np.min(lon)) - m, -180), max(float(np.min(lat)) - m, -90),
            min(float(np.max(lon)) + m, 180), min(float(np.max(lat)) + m, 90))


def _draw_outlines(ax: Axes, focus: set[str], crs: str, transformer: Transformer, scale: float) -> None:
    lonlat = _view_lonlat_box(ax, transformer)
    clipped = outline_frame(_region_for(lonlat)).clip(box(*lonlat))
    clipped = clipped[~clipped.is_empty]
    if clipped.empty:
        return
    projected = clipped.to_crs(crs)
    is_focus = projected["name"].isin(focus)
    keep = ax.get_xlim(), ax.get_ylim()
    projected[~is_focus].plot(ax=ax, facecolor=LAND, edgecolor=BORDER, linewidth=0.6 * scale, zorder=1)
    projected[is_focus].plot(ax=ax, facecolor=FOCUS_LAND, edgecolor="#555555", linewidth=0.9 * scale, zorder=1)
    ax.set_xlim(*keep[0])
    ax.set_ylim(*keep[1])
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    # Neighbouring countries are named where a good part of them is in view.
    (x0, x1), (y0, y1) = keep
    visible = projected[~is_focus].clip(box(x0, y0, x1, y1))
    big = visible[visible.area > 0.04 * (x1 - x0) * (y1 - y0)]
    for name, point in zip(big["name"], big.representative_point()):
        ax.text(point.x, point.y, str(name).upper(), ha="center", va="center", color=FAINT,
                fontsize=10 * scale, fontstyle="italic", zorder=2, clip_on=True)


def _marker_size(n: int, scale: float) -> float:
    base = 70 if n <= 200 else 36 if n <= 2000 else 14
    return base * scale**2


def _draw_points(ax: Axes, points: pd.DataFrame, x: np.ndarray, y: np.ndarray, scale: float) -> None:
    if not len(points):
        return
    size = _marker_size(len(points), scale)
    alpha = 1.0 if len(points) <= 500 else 0.75
    approx = points["precision"].to_numpy() >= 2
    colors = points["color"].to_numpy()
    if approx.any():
        ax.scatter(x[approx], y[approx], s=size, facecolors="none", edgecolors=colors[approx],
                   linewidths=2.0 * scale, alpha=alpha, zorder=4)
    if (~approx).any():
        ax.scatter(x[~approx], y[~approx], s=size, c=colors[~approx], edgecolors="white",
                   linewidths=0.6 * scale, alpha=alpha, zorder=5)


def _draw_labels(view: MapView, points: pd.DataFrame, x: np.ndarray, y: np.ndarray,
                 scale: float, max_labels: int) -> None:
    """Label the places with most events (bold), then large reference cities in view (grey)."""
    ax = view.ax
    labels: list[Label] = []
    named = set()
    if len(points):
        frame = pd.DataFrame({"location": points["location"], "x": x, "y": y}).dropna(subset=["location"])
        top = frame.groupby("location").agg(n=("x", "size"), x=("x", "first"), y=("y", "first"))
        top = top.sort_values("n", ascending=False).head(max_labels)
        for name, row in top.iterrows():
            labels.append(Label(row["x"], row["y"], str(name),
                                {"fontsize": 10.5 * scale, "fontweight": "bold", "color": INK}))
            named.add(str(name).casefold())
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    cities = reference_cities()
    cx, cy = view.project(cities["lon"], cities["lat"])
    inside = (cx > x0) & (cx < x1) & (cy > y0) & (cy < y1) & ~cities["name"].str.casefold().isin(named).to_numpy()
    chosen = cities[inside].head(8)
    ccx, ccy = cx[inside][:8], cy[inside][:8]
    ax.scatter(ccx, ccy, s=10 * scale**2, marker="s", color=MUTED, zorder=3)
    for name, px, py in zip(chosen["name"], ccx, ccy):
        labels.append(Label(px, py, name, {"fontsize": 9.5 * scale, "color": MUTED}))
    obstacles = ax.transData.transform(np.column_stack([x, y])) if len(points) else None
    place_labels(ax, labels, obstacles=obstacles, offset_pt=5 * scale, pad_px=2 * scale)


@lru_cache(maxsize=1)
def reference_cities(min_population: int = 250_000) -> pd.DataFrame:
    """Large towns of the gazetteer (GeoNames populations), largest first: name, lon, lat, population."""
    from core.knowledge.gazetteer import default_gazetteer

    rows = [(p.name, p.longitude, p.latitude, p.population)
            for p in default_gazetteer().places.values() if p.kind == "town" and p.population >= min_population]
    df = pd.DataFrame(rows, columns=["name", "lon", "lat", "population"])
    return df.sort_values("population", ascending=False).drop_duplicates("name").reset_index(drop=True)


def _nice_length(target_m: float) -> float:
    exp = 10 ** math.floor(math.log10(target_m))
    return max(m * exp for m in (1, 2, 5) if m * exp <= target_m)


def _draw_scale_bar(ax: Axes, scale: float) -> None:
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    length = _nice_length((x1 - x0) * 0.2)
    left, bottom = x0 + (x1 - x0) * 0.035, y0 + (y1 - y0) * 0.05
    height = (y1 - y0) * 0.009
    ax.add_patch(Rectangle((left - (x1 - x0) * 0.012, bottom - (y1 - y0) * 0.018), length + (x1 - x0) * 0.045,
                           (y1 - y0) * 0.062, facecolor="white", alpha=0.85, edgecolor="none", zorder=7))
    for i in range(4):
        ax.add_patch(Rectangle((left + i * length / 4, bottom), length / 4, height, zorder=8,
                               facecolor=INK if i % 2 == 0 else "white", edgecolor=INK, linewidth=0.6 * scale))
    km = length / 1000
    style = {"fontsize": 8.5 * scale, "color": INK, "ha": "center", "va": "bottom", "zorder": 8}
    ax.text(left, bottom + height * 1.6, "0", **style)
    ax.text(left + length / 2, bottom + height * 1.6, f"{km / 2:g}", **style)
    ax.text(left + length, bottom + height * 1.6, f"{km:g} km", **style)


def _draw_north_arrow(ax: Axes, scale: float) -> None:
    x, y = 0.965, 0.965
    ax.annotate("", xy=(x, y - 0.045), xytext=(x, y - 0.12), xycoords="axes fraction", zorder=8,
                arrowprops={"facecolor": INK, "edgecolor": INK, "width": 1.6 * scale,
                            "headwidth": 9 * scale, "headlength": 11 * scale})
    ax.text(x, y - 0.04, "N", transform=ax.transAxes, ha="center", va="bottom", fontsize=11 * scale,
            fontweight="bold", color=INK, zorder=8)


# ---- the legend panel ----------------------------------------------------------------------------

def draw_side_panel(ax: Axes, summary: ViewSummary, *, scale: float = 1.0, max_tactics: int = 12) -> None:
    """Event count, tactic legend (dashboard colours), precision symbols and placement notes, top-down."""
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    height_pt = ax.get_position().height * ax.figure.get_size_inches()[1] * 72
    cursor = [1.0]

    def down(pt: float) -> float:
        cursor[0] -= pt / height_pt
        return cursor[0]

    ax.text(0, down(26 * scale), f"{summary.n_events:,}", fontsize=26 * scale, fontweight="bold", va="baseline")
    noun = "event" if summary.n_events == 1 else "events"
    ax.text(0, down(16 * scale), f"{noun} in this view", fontsize=10.5 * scale, color=MUTED, va="baseline")
    ax.text(0, down(14 * scale), f"{summary.n_mapped:,} on the map", fontsize=10.5 * scale, color=MUTED,
            va="baseline")
    down(10 * scale)
    _heading(ax, down(20 * scale), "TACTIC", scale)
    colors = tactic_colors()
    shown = summary.tactic_counts[:max_tactics]
    for tactic, n in shown:
        y = down(16 * scale)
        ax.scatter([0.035], [y + 3.5 * scale / height_pt], s=60 * scale**2, color=colors.get(tactic, UNKNOWN_COLOR),
                   edgecolors="white", linewidths=0.5 * scale, clip_on=False)
        ax.text(0.1, y, tactic, fontsize=10 * scale, va="baseline")
        ax.text(1.0, y, f"{n:,}", fontsize=10 * scale, va="baseline", ha="right", color=MUTED)
    rest = sum(n for _, n in summary.tactic_counts[max_tactics:])
    if rest:
        ax.text(0.1, down(16 * scale), f"other tactics ({rest:,})", fontsize=10 * scale, va="baseline", color=MUTED)
    down(10 * scale)
    _heading(ax, down(20 * scale), "LOCATION", scale)
    for filled, text in ((True, "Town or site"), (False, "District or province centroid")):
        y = down(16 * scale)
        ax.scatter([0.035], [y + 3.5 * scale / height_pt], s=60 * scale**2, clip_on=False,
                   facecolors=MUTED if filled else "none", edgecolors=MUTED, linewidths=1.8 * scale)
        ax.text(0.1, y, text, fontsize=10 * scale, va="baseline")
    notes = placement_notes(summary)
    down(6 * scale)
    for note in notes:
        for line in textwrap.wrap(note, 44):
            ax.text(0, down(12.5 * scale), line, fontsize=9 * scale, color=MUTED, va="baseline")
        down(5 * scale)


def placement_notes(summary: ViewSummary) -> list[str]:
    """Sentences on centroid placements and unmapped events, for legends and briefs."""
    notes = [f"{note[0].upper()}{note[1:]} ({n:,})." for n, note in
             ((summary.n_district, CENTROID_NOTE), (summary.n_province, PROVINCE_NOTE)) if n]
    unmapped = summary.n_events - summary.n_mapped
    if unmapped:
        notes.append(f"Events without a known location are not mapped ({unmapped:,}).")
    return notes


def _heading(ax: Axes, y: float, text: str, scale: float) -> None:
    ax.text(0, y, text, fontsize=9 * scale, fontweight="bold", color=MUTED, va="baseline")
    ax.plot([0, 1], [y - 5 * scale / (ax.get_position().height * ax.figure.get_size_inches()[1] * 72)] * 2,
            color="#dadce0", linewidth=0.8 * scale, clip_on=False)


# ---- the PNG snapshot ----------------------------------------------------------------------------

def snapshot_figure(
    events: pd.DataFrame,
    event_filter: EventFilter,
    *,
    title: str | None = None,
    size: tuple[int, int] = SIZES["slide"],
    generated_at: datetime | None = None,
) -> tuple[Figure, MapView]:
    """The slide-ready figure for the filtered `events` and the map view inside it."""
    width_px, height_px = size
    dpi = width_px / BASE_WIDTH_IN
    fig = Figure(figsize=(BASE_WIDTH_IN, height_px / dpi), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    fig_h = height_px / dpi
    summary = summarise(events)
    generated_at = generated_at or datetime.now(UTC)
    top_in, bottom_in = 1.25, 0.55  # header and footer bands, in inches
    ax_map = fig.add_axes((0.03, bottom_in / fig_h, 0.71, 1 - (top_in + bottom_in) / fig_h))
    ax_side = fig.add_axes((0.77, bottom_in / fig_h, 0.2, 1 - (top_in + bottom_in + 0.05) / fig_h))
    fig.text(0.03, 1 - 0.42 / fig_h, title or default_title(events, event_filter), fontsize=24,
             fontweight="bold", va="baseline")
    sub = textwrap.shorten(subtitle(summary, event_filter), 170, placeholder=" …")
    fig.text(0.03, 1 - 0.8 / fig_h, sub, fontsize=12.5, color=MUTED, va="baseline")
    view = draw_event_map(ax_map, events)
    draw_side_panel(ax_side, summary)
    fig.text(0.03, 0.22 / fig_h, source_line(summary, generated_at), fontsize=8.5, color=MUTED, va="baseline")
    return fig, view


def render_png(
    events: pd.DataFrame,
    event_filter: EventFilter,
    *,
    title: str | None = None,
    size: tuple[int, int] = SIZES["slide"],
    generated_at: datetime | None = None,
) -> bytes:
    """A PNG of exactly `size` pixels showing the filtered events (no browser, no network)."""
    with house_style():
        fig, _ = snapshot_figure(events, event_filter, title=title, size=size, generated_at=generated_at)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=fig.dpi)
    return buf.getvalue()
