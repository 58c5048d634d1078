"""Shapely geometries as matplotlib collections, one collection per call.

GeoSeries.plot would do the same, but it asks the canvas to redraw after every call; on an off-screen Agg
canvas that is a full render each time, which made a snapshot of 10,000 events draw itself nine times.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PatchCollection
from matplotlib.patches import PathPatch
from matplotlib.path import Path
from shapely.geometry.base import BaseGeometry


def _polygons(geom: BaseGeometry) -> list:
    if geom.is_empty:
        return []
    if geom.geom_type == "Polygon":
        return [geom]
    return [g for part in getattr(geom, "geoms", ()) for g in _polygons(part)]


def _lines(geom: BaseGeometry) -> list[np.ndarray]:
    if geom.is_empty:
        return []
    if geom.geom_type in ("LineString", "LinearRing"):
        return [np.asarray(geom.coords)[:, :2]]
    if geom.geom_type == "Polygon":
        return [np.asarray(r.coords)[:, :2] for r in (geom.exterior, *geom.interiors)]
    return [line for part in getattr(geom, "geoms", ()) for line in _lines(part)]


def polygon_path(polygon: BaseGeometry) -> Path:
    """A polygon with its holes as one matplotlib path."""
    rings = [polygon.exterior, *polygon.interiors]
    return Path.make_compound_path(*(Path(np.asarray(r.coords)[:, :2], closed=True) for r in rings))


def fill_areas(ax: Axes, geoms: Iterable[BaseGeometry], **style) -> PatchCollection | None:
    """Fill polygons and multipolygons (matplotlib patch styles: facecolor, edgecolor, linewidth, zorder)."""
    patches = [PathPatch(polygon_path(p)) for g in geoms for p in _polygons(g)]
    if not patches:
        return None
    collection = PatchCollection(patches, **style)
    ax.add_collection(collection, autolim=False)
    return collection


def draw_lines(ax: Axes, geoms: Iterable[BaseGeometry], **style) -> LineCollection | None:
    """Draw lines, or the rings of polygons (matplotlib line styles: color, linewidth, zorder)."""
    segments = [line for g in geoms for line in _lines(g)]
    if not segments:
        return None
    collection = LineCollection(segments, **style)
    ax.add_collection(collection, autolim=False)
    return collection
