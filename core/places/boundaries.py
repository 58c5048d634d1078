"""An optional boundary file of provinces or districts supplied by the analyst.

Any format geopandas reads works (GeoJSON, GeoPackage, shapefile or a zip of one). The map draws
the outlines with a choropleth of events per area, and `check_admin2` compares each event's
district with the polygon its coordinates fall in.
"""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

ENV_VAR = "BOUNDARY_FILE"
NAME_CANDIDATES: tuple[str, ...] = (
    "admin2", "ADM2_EN", "district", "District", "DISTRICT", "shapeName", "NAME_2",
    "admin1", "ADM1_EN", "province", "Province", "PROVINCE", "NAME_1", "name", "NAME",
)
"""Columns tried, in order, for the area's name when the caller does not name one."""


class BoundaryError(ValueError):
    """The boundary file cannot be read or has no usable polygons; the message says why."""


def default_boundary_path() -> Path | None:
    """The file named by the BOUNDARY_FILE environment variable, if any."""
    value = os.environ.get(ENV_VAR, "").strip()
    return Path(value) if value else None


def load_boundaries(path: str | Path, name_field: str | None = None) -> gpd.GeoDataFrame:
    """Polygons in WGS84 with a `name` column (from `name_field` or the first likely column)."""
    path = Path(path)
    if not path.exists():
        raise BoundaryError(f"boundary file not found: {path}")
    try:
        shapes = gpd.read_file(path)
    except (OSError, ValueError, RuntimeError) as exc:  # pyogrio's errors derive from these
        raise BoundaryError(f"cannot read {path.name}: {exc}") from None
    shapes = shapes[shapes.geometry.notna() & shapes.geom_type.isin(["Polygon", "MultiPolygon"])]
    if shapes.empty:
        raise BoundaryError(f"{path.name} has no polygons")
    if shapes.crs is None:
        shapes = shapes.set_crs(4326)
    field = name_field or next((c for c in NAME_CANDIDATES if c in shapes.columns), None)
    if field is None:
        text_columns = [c for c in shapes.columns if c != "geometry" and shapes[c].dtype == object]
        field = text_columns[0] if text_columns else None
    names = shapes[field].astype(str) if field else pd.Series([f"area {i + 1}" for i in range(len(shapes))])
    return gpd.GeoDataFrame({"name": names.to_numpy()}, geometry=shapes.to_crs(4326).geometry.to_numpy(), crs=4326)


def _located(events: pd.DataFrame) -> gpd.GeoDataFrame:
    placed = events[events["latitude"].notna() & events["longitude"].notna()]
    points = gpd.points_from_xy(placed["longitude"].astype(float), placed["latitude"].astype(float))
    return gpd.GeoDataFrame(placed[["event_id", "admin2"]].reset_index(drop=True), geometry=points, crs=4326)


def area_of_events(events: pd.DataFrame, areas: gpd.GeoDataFrame) -> pd.DataFrame:
    """event_id, admin2 and `area` (the name of the polygon each placed event falls in, or None)."""
    joined = gpd.sjoin(_located(events), areas[["name", "geometry"]], how="left", predicate="within")
    joined = joined[~joined.index.duplicated(keep="first")]
    out = joined[["event_id", "admin2", "name"]].rename(columns={"name": "area"})
    return out.astype({"area": object}).where(out.notna(), None).reset_index(drop=True)


def count_events_per_area(events: pd.DataFrame, areas: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The areas with an `events` column: how many placed events fall in each."""
    located = area_of_events(events, areas)
    counts = located["area"].value_counts()
    out = areas.copy()
    out["events"] = out["name"].map(counts).fillna(0).astype(int).to_numpy()
    return out


def check_admin2(events: pd.DataFrame, areas: gpd.GeoDataFrame) -> pd.DataFrame:
    """Events whose district differs from the polygon they fall in (or that fall in none).

    Names are compared case-insensitively. Columns: event_id, admin2, area, problem.
    """
    located = area_of_events(events, areas)
    given = located["admin2"].fillna("").str.casefold().str.strip()
    found = located["area"].fillna("").str.casefold().str.strip()
    outside = located["area"].isna()
    differs = ~outside & located["admin2"].notna() & (given != found)
    problem = np.where(outside, "outside every polygon", "district differs from the polygon")
    out = located.assign(problem=problem)[outside | differs]
    return out.reset_index(drop=True)
