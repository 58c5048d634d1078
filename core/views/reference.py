"""Reference geography for static maps: outlines as GeoDataFrames, and large cities, district headquarters and
towns ranked for labelling.

The gazetteer gives each district at its headquarters (data/gazetteer/places.csv follows ACLED and uses the
district capital), so a district's headquarters is the gazetteer town at that point, within `hq_match_km`
(data/briefs.csv); a district without such a town is named after itself. Area names (countries, provinces) are
placed from the outlines, not from gazetteer points, which stand for capitals.
"""

from __future__ import annotations

from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd

from core.knowledge.datafiles import region
from core.knowledge.distance import distance_km
from core.knowledge.gazetteer import default_gazetteer
from core.places.outlines import OutlinesUnavailable, country_outlines, province_outlines
from core.views.brief_words import brief_words
from core.views.maps import LARGE_CITY, SMALL_TOWN

TOLERANCE = 0.01
"""Outline simplification for static maps in degrees (about 1 km)."""
RANKS: dict[str, int] = {"city": 1, "hq": 2, "town": 3, "small town": 4}
"""Label priority by kind of place (lower first): large cities, district headquarters, curated towns, others."""


@lru_cache(maxsize=1)
def reference_places() -> pd.DataFrame:
    """name, lon, lat, kind, rank and population of every place worth a label, best first, one row per name."""
    places = list(default_gazetteer().places.values())
    towns = [p for p in places if p.kind == "town"]
    rows = []
    for p in towns:
        curated = not p.place_id.startswith("geonames-")
        if p.population >= LARGE_CITY:
            kind = "city"
        elif curated:
            kind = "town"
        elif p.population >= SMALL_TOWN:
            kind = "small town"
        else:
            continue
        rows.append((p.name, p.longitude, p.latitude, kind, p.population))
    rows += _headquarters([p for p in places if p.kind == "district"], towns)
    frame = pd.DataFrame(rows, columns=["name", "lon", "lat", "kind", "population"])
    frame["rank"] = frame["kind"].map(RANKS)
    frame = frame.sort_values(["rank", "population"], ascending=[True, False], kind="stable")
    frame = frame[~frame["name"].str.casefold().duplicated()]
    return frame.reset_index(drop=True)


def _headquarters(districts: list, towns: list) -> list[tuple]:
    """Each district's headquarters: the nearest town within hq_match_km of its point, else the district's name."""
    if not districts or not towns:
        return []
    limit = brief_words().number("hq_match_km")
    t_lat = np.array([t.latitude for t in towns])
    t_lon = np.array([t.longitude for t in towns])
    rows = []
    for d in districts:
        km = distance_km(d.latitude, d.longitude, t_lat, t_lon)
        nearest = int(np.nanargmin(km))
        town = towns[nearest] if km[nearest] <= limit else None
        name = town.name if town else d.name
        population = town.population if town else 0
        kind = "city" if population >= LARGE_CITY else "hq"
        rows.append((name, town.longitude if town else d.longitude, town.latitude if town else d.latitude, kind,
                     population))
    return rows


def places_in(box: tuple[float, float, float, float]) -> pd.DataFrame:
    """The reference places inside a (west, south, east, north) box, best first."""
    frame = reference_places()
    west, south, east, north = box
    inside = frame["lon"].between(west, east) & frame["lat"].between(south, north)
    return frame[inside]


@lru_cache(maxsize=8)
def outline_frame(area: tuple[float, float, float, float] | None = None, provinces: bool = False,
                  tolerance: float = TOLERANCE) -> gpd.GeoDataFrame:
    """Country (or province) outlines inside a WGS84 box as a GeoDataFrame with name (and country) columns."""
    read = province_outlines if provinces else country_outlines
    try:
        data = read(area or region("outlines"), tolerance)
    except OutlinesUnavailable:
        data = {"type": "FeatureCollection", "features": []}
    if not data["features"]:
        return gpd.GeoDataFrame({"name": [], "country": []}, geometry=[], crs="EPSG:4326")
    frame = gpd.GeoDataFrame.from_features(data["features"], crs="EPSG:4326")
    return frame[~frame.is_empty & frame.geometry.notna()].reset_index(drop=True)


def box_edge(lonlat: tuple[float, ...], n: int = 16) -> tuple[np.ndarray, np.ndarray]:
    """Longitudes and latitudes along the edge of a (west, south, east, north) box, `n` points a side."""
    w, s, e, nn = lonlat
    t = np.linspace(0, 1, n)
    lon = np.concatenate([w + (e - w) * t, np.full(n, e), e - (e - w) * t, np.full(n, w)])
    lat = np.concatenate([np.full(n, s), s + (nn - s) * t, np.full(n, nn), nn - (nn - s) * t])
    return lon, lat
