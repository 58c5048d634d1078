"""The static reference map of PNG snapshots and PDF briefs: matplotlib + geopandas over offline outlines.

No browser and no network. Country and province outlines come from core.places.outlines (Natural Earth), place
names from the gazetteer (core.views.reference), and the projection is a Lambert azimuthal equal-area centred on
the extent. Drawn in this order: water, land, province lines, country borders, events, the locator inset, scale
bar and north arrow, then labels: event places first, then area names, then cities, district headquarters and
towns, none overlapping another label or the map's furniture.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle
from matplotlib.transforms import Bbox
from pyproj import Transformer
from shapely.geometry import box

from core.knowledge.datafiles import region, setting
from core.store.filters import EventFilter
from core.views.brief_options import Extent
from core.views.furniture import (
    BORDER,
    COUNTRY_LINE,
    FAINT,
    FOCUS_LAND,
    INK,
    LAND,
    MUTED,
    NEIGHBOUR_PROVINCE_LINE,
    PROVINCE_LINE,
    WATER,
)
from core.views.geodraw import draw_lines, fill_areas
from core.views.inset import Inset, draw_inset
from core.views.labels import Label, place_labels
from core.views.palette import color_for, primary_tactics, tactic_colors
from core.views.reference import box_edge, outline_frame, places_in

MIN_SPAN_M = 160_000.0
"""The map never zooms closer than this many metres across, so a single event keeps its context."""
SPACING_PT = 40.0
"""Reference places closer than this to one already named are left out (a city's suburbs stay unnamed)."""
DENSE = 500
"""Above this many mapped events, reference names may sit over markers (their halo keeps them legible)."""


@dataclass
class MapView:
    """What draw_event_map drew: the axes, the projection from WGS84 to its data coordinates, the events, the
    locator inset and the WGS84 box of the view."""

    ax: Axes
    transformer: Transformer
    points: pd.DataFrame
    inset: Inset | None = None
    lonlat_box: tuple[float, float, float, float] | None = None

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


def _region_for(lonlat: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The outlines' default region when it holds the view, else the view rounded out to whole degrees."""
    home = region("outlines")
    inside = home[0] <= lonlat[0] and home[1] <= lonlat[1] and lonlat[2] <= home[2] and lonlat[3] <= home[3]
    if inside:
        return home
    return (float(math.floor(lonlat[0])), float(math.floor(lonlat[1])),
            float(math.ceil(lonlat[2])), float(math.ceil(lonlat[3])))


# ---- extent -----------------------------------------------------------------------------------------------


def province_box(events: pd.DataFrame, event_filter: EventFilter | None) -> tuple[float, ...] | None:
    """The WGS84 box of the filter's provinces (else of the events' provinces); None when none is known."""
    names = set(event_filter.admin1) if event_filter and event_filter.admin1 else set(events["admin1"].dropna())
    provinces = outline_frame(None, provinces=True)
    chosen = provinces[provinces["name"].isin(names)]
    return tuple(float(v) for v in chosen.total_bounds) if len(chosen) else None


def _target_box(events: pd.DataFrame, points: pd.DataFrame, extent: Extent,
                event_filter: EventFilter | None) -> tuple[tuple[float, ...] | None, float]:
    """The WGS84 box to show and its padding: a given box, the provinces, or the events (None: home country)."""
    if isinstance(extent, tuple):
        return extent, 0.0
    if extent == "province":
        found = province_box(events, event_filter)
        if found:
            return found, 0.04
    if len(points):
        return (float(points["lon"].min()), float(points["lat"].min()),
                float(points["lon"].max()), float(points["lat"].max())), 0.12
    return None, 0.04


def _set_extent(ax: Axes, x: np.ndarray, y: np.ndarray, pad: float) -> None:
    """Fit x and y with `pad` padding each side, at least MIN_SPAN_M across, to the axes' aspect ratio."""
    xmin, xmax, ymin, ymax = float(np.min(x)), float(np.max(x)), float(np.min(y)), float(np.max(y))
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    w = max((xmax - xmin) * (1 + 2 * pad), MIN_SPAN_M)
    h = max((ymax - ymin) * (1 + 2 * pad), MIN_SPAN_M)
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
    ax.set_xticks([])
    ax.set_yticks([])


def _view_lonlat_box(ax: Axes, transformer: Transformer, margin: float = 0.0) -> tuple[float, float, float, float]:
    """The WGS84 bounding box of the axes' extent (edges sampled), widened by `margin` degrees."""
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    t = np.linspace(0, 1, 25)
    xs = np.concatenate([x0 + (x1 - x0) * t, np.full_like(t, x1), x1 - (x1 - x0) * t, np.full_like(t, x0)])
    ys = np.concatenate([np.full_like(t, y0), y0 + (y1 - y0) * t, np.full_like(t, y1), y1 - (y1 - y0) * t])
    lon, lat = transformer.transform(xs, ys, direction="INVERSE")
    return (max(float(np.min(lon)) - margin, -180), max(float(np.min(lat)) - margin, -90),
            min(float(np.max(lon)) + margin, 180), min(float(np.max(lat)) + margin, 90))


# ---- the map ------------------------------------------------------------------------------------------------


def draw_event_map(ax: Axes, events: pd.DataFrame, *, scale: float = 1.0, max_labels: int = 12,
                   max_reference: int = 28, extent: Extent = "events", event_filter: EventFilter | None = None,
                   inset: bool = True) -> MapView:
    """Draw outlines, events, the locator inset, scale bar, north arrow and labels on `ax`.

    `extent`: 'events' (fitted to the events), 'province' (the filter's provinces, else the events') or a
    (west, south, east, north) box. With no events and no box, the map shows the home country.
    """
    points = event_points(events)
    focus = set(events["country"].dropna()) or {setting("default_country")}
    target, pad = _target_box(events, points, extent, event_filter)
    if target is None:
        home = outline_frame()
        target = tuple(float(v) for v in home[home["name"].isin(focus)].total_bounds) if len(home) else region("home")
    lon0, lat0 = (target[0] + target[2]) / 2, (target[1] + target[3]) / 2
    crs = f"+proj=laea +lat_0={lat0:.4f} +lon_0={lon0:.4f} +datum=WGS84 +units=m +no_defs"
    transformer = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    view = MapView(ax=ax, transformer=transformer, points=points)
    edge_x, edge_y = view.project(*box_edge(target))
    _set_extent(ax, edge_x, edge_y, pad)
    view.lonlat_box = _view_lonlat_box(ax, transformer)
    x, y = view.project(points["lon"], points["lat"]) if len(points) else (np.empty(0), np.empty(0))

    areas = _draw_outlines(view, focus, crs, scale)
    _draw_points(ax, points, x, y, scale)
    reserved = [_draw_scale_bar(ax, scale), _draw_north_arrow(ax, scale)]
    obstacles = ax.transData.transform(np.column_stack([x, y])) if len(points) else None
    if inset:
        view.inset = draw_inset(ax, view.lonlat_box, focus, obstacles, scale)
        reserved.append(view.inset.ax.get_window_extent())
    _draw_labels(view, points, x, y, scale, max_labels, max_reference, areas, reserved)
    return view


def _draw_outlines(view: MapView, focus: set[str], crs: str, scale: float) -> list[Label]:
    """Land, province lines and country borders; returns labels for the areas in view (provinces, countries)."""
    ax = view.ax
    lonlat = _view_lonlat_box(ax, view.transformer, margin=1.0)
    keep = ax.get_xlim(), ax.get_ylim()
    window = box(*lonlat)
    countries = outline_frame(_region_for(lonlat)).clip(window)
    countries = countries[~countries.is_empty].to_crs(crs)
    provinces = outline_frame(_region_for(lonlat), provinces=True).clip(window)
    provinces = provinces[~provinces.is_empty].to_crs(crs)
    is_focus = countries["name"].isin(focus)
    home_provinces = provinces["country"].isin(focus)
    fill_areas(ax, countries.geometry[~is_focus], facecolor=LAND, edgecolor="none", zorder=1)
    fill_areas(ax, countries.geometry[is_focus], facecolor=FOCUS_LAND, edgecolor="none", zorder=1)
    draw_lines(ax, provinces.geometry[~home_provinces], color=NEIGHBOUR_PROVINCE_LINE, linewidth=0.6 * scale,
               zorder=1.5)
    draw_lines(ax, provinces.geometry[home_provinces], color=PROVINCE_LINE, linewidth=0.9 * scale, zorder=1.6)
    draw_lines(ax, countries.geometry, color=COUNTRY_LINE, linewidth=1.0 * scale, zorder=2)
    ax.set_xlim(*keep[0])
    ax.set_ylim(*keep[1])
    ax.set_xlabel("")
    ax.set_ylabel("")
    for spine in ax.spines.values():
        spine.set_linewidth(0.8 * scale)
        spine.set_color(BORDER)
    return _area_labels(keep, countries[~is_focus], provinces[home_provinces], provinces[~home_provinces], scale)


def _area_labels(keep: tuple, countries: gpd.GeoDataFrame, provinces: gpd.GeoDataFrame,
                 neighbours: gpd.GeoDataFrame, scale: float) -> list[Label]:
    """Names of the home country's provinces, the neighbouring countries and the neighbours' provinces that fill a
    good part of the view, in that order and largest first."""
    (x0, x1), (y0, y1) = keep
    frame = box(x0, y0, x1, y1)
    view_area = (x1 - x0) * (y1 - y0)
    out = []
    for areas, share, style in (
        (provinces, 0.02, {"fontsize": 8.5 * scale, "color": PROVINCE_LINE, "fontweight": "bold"}),
        (countries, 0.04, {"fontsize": 10 * scale, "color": FAINT, "fontstyle": "italic"}),
        (neighbours, 0.04, {"fontsize": 7.5 * scale, "color": FAINT}),
    ):
        visible = areas.clip(frame)
        visible = visible[~visible.is_empty]
        visible = visible.assign(_area=visible.area).sort_values("_area", ascending=False)
        for name, geom, size in zip(visible["name"], visible.geometry, visible["_area"]):
            if size < share * view_area:
                continue
            point = geom.representative_point()
            out.append(Label(point.x, point.y, _spaced(str(name).upper()), style, centred=True))
    return out


def _spaced(text: str) -> str:
    """Area names letter-spaced, as atlases print them ('B A L O C H I S T A N' is too much: thin spaces)."""
    return "\u2009".join(text)


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


def _draw_labels(view: MapView, points: pd.DataFrame, x: np.ndarray, y: np.ndarray, scale: float,
                 max_labels: int, max_reference: int, areas: list[Label], reserved: list[Bbox]) -> None:
    """Event places (bold, most events first), then area names, then reference places (grey, with a dot)."""
    ax = view.ax
    labels: list[Label] = []
    named = set()
    if len(points):
        frame = pd.DataFrame({"location": points["location"], "x": x, "y": y}).dropna(subset=["location"])
        top = frame.groupby("location").agg(n=("x", "size"), x=("x", "first"), y=("y", "first"))
        top = top.sort_values("n", ascending=False).head(max_labels)
        for name, row in top.iterrows():
            count = f" ({int(row['n']):,} events)" if 1 < row["n"] and len(points) <= DENSE else ""
            labels.append(Label(row["x"], row["y"], f"{name}{count}",
                                {"fontsize": 10.5 * scale, "fontweight": "bold", "color": INK}))
            named.add(str(name).casefold())
    cover = None if len(points) > DENSE else 0
    labels += [Label(a.x, a.y, a.text, a.style, centred=True, max_cover=cover) for a in areas]
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    towns = places_in(view.lonlat_box)
    towns = towns[~towns["name"].str.casefold().isin(named)]
    tx, ty = view.project(towns["lon"], towns["lat"])
    inside = (tx > x0) & (tx < x1) & (ty > y0) & (ty < y1)
    towns, tx, ty = towns[inside], tx[inside], ty[inside]
    reference = [Label(px, py, name, {"fontsize": (9.5 if kind == "city" else 8.5) * scale, "color": MUTED,
                                      "fontweight": "bold" if kind == "city" else "normal"}, max_cover=cover)
                 for name, kind, px, py in zip(towns["name"], towns["kind"], tx, ty)]
    obstacles = ax.transData.transform(np.column_stack([x, y])) if len(points) else None
    options = {"obstacles": obstacles, "offset_pt": 5 * scale, "pad_px": 2 * scale}
    first = place_labels(ax, labels, reserved=reserved, **options)
    renderer = ax.figure.canvas.get_renderer()
    reserved = reserved + [ann.get_window_extent(renderer) for _lab, ann in first]
    placed = place_labels(ax, reference, reserved=reserved, limit=max_reference,
                          spacing_px=SPACING_PT * scale * ax.figure.dpi / 72, **options)
    if placed:
        ax.scatter([lab.x for lab, _ann in placed], [lab.y for lab, _ann in placed], s=9 * scale**2, marker="s",
                   color=MUTED, zorder=3)


def _nice_length(target_m: float) -> float:
    exp = 10 ** math.floor(math.log10(target_m))
    return max(m * exp for m in (1, 2, 5) if m * exp <= target_m)


def _draw_scale_bar(ax: Axes, scale: float) -> Bbox:
    """A scale bar at the bottom left; returns its box in display pixels."""
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    length = _nice_length((x1 - x0) * 0.2)
    left, bottom = x0 + (x1 - x0) * 0.035, y0 + (y1 - y0) * 0.05
    height = (y1 - y0) * 0.009
    backing = Rectangle((left - (x1 - x0) * 0.012, bottom - (y1 - y0) * 0.018), length + (x1 - x0) * 0.045,
                        (y1 - y0) * 0.062, facecolor="white", alpha=0.85, edgecolor="none", zorder=7)
    ax.add_patch(backing)
    for i in range(4):
        ax.add_patch(Rectangle((left + i * length / 4, bottom), length / 4, height, zorder=8,
                               facecolor=INK if i % 2 == 0 else "white", edgecolor=INK, linewidth=0.6 * scale))
    km = length / 1000
    style = {"fontsize": 8.5 * scale, "color": INK, "ha": "center", "va": "bottom", "zorder": 8}
    ax.text(left, bottom + height * 1.6, "0", **style)
    ax.text(left + length / 2, bottom + height * 1.6, f"{km / 2:g}", **style)
    ax.text(left + length, bottom + height * 1.6, f"{km:g} km", **style)
    return backing.get_window_extent()


def _draw_north_arrow(ax: Axes, scale: float) -> Bbox:
    """A north arrow at the top right; returns its box in display pixels."""
    x, y = 0.965, 0.965
    ax.annotate("", xy=(x, y - 0.045), xytext=(x, y - 0.12), xycoords="axes fraction", zorder=8,
                arrowprops={"facecolor": INK, "edgecolor": INK, "width": 1.6 * scale,
                            "headwidth": 9 * scale, "headlength": 11 * scale})
    ax.text(x, y - 0.04, "N", transform=ax.transAxes, ha="center", va="bottom", fontsize=11 * scale,
            fontweight="bold", color=INK, zorder=8)
    corner = ax.transAxes.transform([(x - 0.03, y - 0.13), (x + 0.03, y + 0.01)])
    return Bbox(corner)
