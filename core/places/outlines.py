"""Country and province outlines drawn under every map, so that a map shows geography even with no tiles.

The outlines are Natural Earth's, built once into data/outlines/ by core.places.outline_data (see its
docstring for the sources and the point of view). Here they are only read, clipped and simplified.
"""

from __future__ import annotations

import json
from functools import lru_cache

import numpy as np

from core.knowledge.datafiles import Box, LexiconError
from core.places.outline_data import COUNTRIES_FILE, PROVINCES_FILE


class OutlinesUnavailable(LexiconError):
    """data/outlines/ is missing or unreadable (rebuild it with `python -m core outlines`)."""


@lru_cache(maxsize=2)
def _read(path_text: str) -> dict:
    try:
        with open(path_text, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, json.JSONDecodeError) as exc:
        raise OutlinesUnavailable(f"{path_text}: cannot read outlines ({exc})") from None


def _clipped(data: dict, region: Box, tolerance: float) -> dict:
    """Features intersecting `region`, clipped to it and simplified by `tolerance` degrees."""
    from shapely.geometry import box, mapping, shape

    frame = box(*region)
    features = []
    for feature in data["features"]:
        geom = shape(feature["geometry"])
        if not geom.intersects(frame):
            continue
        geom = geom.intersection(frame)
        if tolerance:
            geom = geom.simplify(tolerance, preserve_topology=True)
        if geom.is_empty:
            continue
        features.append({"type": "Feature", "properties": dict(feature["properties"]),
                         "geometry": _rounded(mapping(geom))})
    return {"type": "FeatureCollection", "features": features}


def _rounded(geometry: dict, digits: int = 3) -> dict:
    def walk(coords):
        if len(coords) and isinstance(coords[0], (int, float, np.floating)):
            return [round(float(c), digits) for c in coords]
        return [walk(c) for c in coords]

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


@lru_cache(maxsize=8)
def country_outlines(region: Box, tolerance: float = 0.0) -> dict:
    """Country outlines intersecting `region` (min lon, min lat, max lon, max lat) as GeoJSON with a `name`."""
    return _clipped(_read(str(COUNTRIES_FILE)), region, tolerance)


@lru_cache(maxsize=8)
def province_outlines(region: Box, tolerance: float = 0.0) -> dict:
    """Province outlines (Pakistan, Afghanistan, Sistan and Baluchestan) with `name` and `country`."""
    return _clipped(_read(str(PROVINCES_FILE)), region, tolerance)
