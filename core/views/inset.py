"""The locator inset of static maps: the home country (data/regions.csv `home`) with its provinces, and the main
map's extent marked in red, in the corner of the map that hides the fewest events.

When the main map already shows most of the home country, the inset steps back to the outlines' region (the
country and its neighbours), so the red frame still says where the reader is.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from pyproj import Transformer
from shapely.geometry import Polygon, box

from core.knowledge.datafiles import region
from core.views.furniture import COUNTRY_LINE, FOCUS_LAND, LAND, PROVINCE_LINE, WATER
from core.views.geodraw import draw_lines, fill_areas
from core.views.reference import box_edge, outline_frame

EXTENT_COLOR = "#c00000"
"""The main map's frame in the inset."""
WIDTH = 0.22
"""The inset's width as a share of the map's width."""
MAX_HEIGHT = 0.38
"""The inset's largest height as a share of the map's height."""
MARGIN = 0.012
"""Gap between the inset and the map's frame, as a share of the map's width."""
CORNERS: tuple[str, ...] = ("lower right", "upper left", "lower left", "upper right")
"""Corners tried in this order; the scale bar (lower left) and north arrow (upper right) come last."""


@dataclass(frozen=True)
class Inset:
    """The locator inset's axes and its projection from WGS84."""

    ax: Axes
    transformer: Transformer

    def to_display(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """WGS84 longitude/latitude to display pixels of the inset (origin at the bottom left of the figure)."""
        x, y = self.transformer.transform(np.asarray(lon, float), np.asarray(lat, float))
        return self.ax.transData.transform(np.column_stack([x, y]))


def inset_box(view_box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The WGS84 box the inset shows: the home country (or, when the view fills most of it, the wider region),
    always with the whole view and a margin."""
    home = region("home")
    covers = (view_box[2] - view_box[0]) > 0.6 * (home[2] - home[0]) or \
        (view_box[3] - view_box[1]) > 0.6 * (home[3] - home[1])
    base = region("outlines") if covers else home
    margin = 0.1 * max(view_box[2] - view_box[0], view_box[3] - view_box[1], 2.0)
    return (min(base[0], view_box[0] - margin), min(base[1], view_box[1] - margin),
            max(base[2], view_box[2] + margin), max(base[3], view_box[3] + margin))


def _corner(name: str, w: float, h: float, m_x: float, m_y: float) -> tuple[float, float]:
    x0 = m_x if "left" in name else 1 - m_x - w
    y0 = m_y if "lower" in name else 1 - m_y - h
    return x0, y0


def draw_inset(ax: Axes, view_box: tuple[float, float, float, float], focus: set[str],
               obstacles: np.ndarray | None, scale: float = 1.0) -> Inset:
    """Add the locator inset to the map `ax` (whose WGS84 extent is `view_box`)."""
    shown = inset_box(view_box)
    lon0, lat0 = (shown[0] + shown[2]) / 2, (shown[1] + shown[3]) / 2
    crs = f"+proj=laea +lat_0={lat0:.4f} +lon_0={lon0:.4f} +datum=WGS84 +units=m +no_defs"
    to_inset = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    fx, fy = to_inset.transform(*box_edge(shown))
    x0, x1, y0, y1 = float(fx.min()), float(fx.max()), float(fy.min()), float(fy.max())

    map_w, map_h = ax.get_window_extent().width, ax.get_window_extent().height
    w = WIDTH
    h = w * map_w / map_h * (y1 - y0) / (x1 - x0)
    if h > MAX_HEIGHT:
        w, h = w * MAX_HEIGHT / h, MAX_HEIGHT
    m_x, m_y = MARGIN, MARGIN * map_w / map_h
    corners = {name: _corner(name, w, h, m_x, m_y) for name in CORNERS}
    points = np.empty((0, 2)) if obstacles is None else obstacles

    def hidden(name: str) -> int:
        (px0, py0), (px1, py1) = ax.transAxes.transform([corners[name], (corners[name][0] + w, corners[name][1] + h)])
        return int(np.count_nonzero((points[:, 0] >= px0) & (points[:, 0] <= px1) &
                                    (points[:, 1] >= py0) & (points[:, 1] <= py1)))

    best = min(CORNERS, key=lambda name: (hidden(name), CORNERS.index(name)))
    inset = ax.inset_axes((*corners[best], w, h), zorder=9)
    inset.set_label("locator inset")
    inset.set_facecolor(WATER)
    inset.set_xticks([])
    inset.set_yticks([])
    for spine in inset.spines.values():
        spine.set_color(COUNTRY_LINE)
        spine.set_linewidth(0.9 * scale)

    window = box(shown[0] - 4, shown[1] - 4, shown[2] + 4, shown[3] + 4)  # covers the projected frame's corners
    countries = outline_frame(region("outlines"), tolerance=0.05).clip(window).to_crs(crs)
    provinces = outline_frame(region("outlines"), provinces=True, tolerance=0.05).clip(window).to_crs(crs)
    countries = countries[~countries.is_empty]
    provinces = provinces[~provinces.is_empty & provinces["country"].isin(focus)]
    is_focus = countries["name"].isin(focus)
    for part, fill, width in ((countries.geometry[~is_focus], LAND, 0.4), (countries.geometry[is_focus], FOCUS_LAND, 0.6)):
        fill_areas(inset, part, facecolor=fill, edgecolor=COUNTRY_LINE, linewidth=width * scale)
    draw_lines(inset, provinces.geometry, color=PROVINCE_LINE, linewidth=0.35 * scale)
    _mark_extent(inset, to_inset, view_box, (x0, x1, y0, y1), scale)
    inset.set_xlim(x0, x1)
    inset.set_ylim(y0, y1)
    inset.set_aspect("auto")
    inset.set_xlabel("")
    inset.set_ylabel("")
    return Inset(inset, to_inset)


def _mark_extent(inset: Axes, to_inset: Transformer, view_box: tuple[float, ...], limits: tuple[float, ...],
                 scale: float) -> None:
    """The main map's extent as a red frame; a ring around it too when the frame would be a speck."""
    x, y = to_inset.transform(*box_edge(view_box))
    outline = Polygon(np.column_stack([x, y]))
    inset.plot(*outline.exterior.xy, color=EXTENT_COLOR, linewidth=1.6 * scale, zorder=5, solid_joinstyle="miter")
    x0, x1, _y0, _y1 = limits
    if outline.bounds[2] - outline.bounds[0] < 0.08 * (x1 - x0):
        centre = outline.centroid
        inset.scatter([centre.x], [centre.y], s=160 * scale**2, facecolors="none", edgecolors=EXTENT_COLOR,
                      linewidths=1.2 * scale, zorder=5)
