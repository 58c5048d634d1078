"""An optional boundary file of provinces or districts supplied by the analyst.

Any format geopandas reads works (GeoJSON, GeoPackage, shapefile or a zip of one). The map draws
the outlines with a choropleth of events per area, and `check_admin2` compares each event's
district with the polygon its coordinates fall in.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from sqlalchemy.engine import make_url

from core.knowledge.datafiles import database_url

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


BOUNDARY_SUFFIXES = (".geojson", ".json", ".gpkg", ".zip")
"""What a boundary file may be: GeoJSON, GeoPackage, or a zipped shapefile."""
DIR_VAR = "BOUNDARY_DIR"
"""The server's folder of boundary files a visitor may pick from (set by whoever runs the app)."""


def boundary_choices() -> list[Path]:
    """The boundary files in the BOUNDARY_DIR folder and the BOUNDARY_FILE (none when neither is set): the only
    server files a visitor can open, chosen from a list, never typed; never the event store."""
    folder = os.environ.get(DIR_VAR)
    found = sorted(p for p in Path(folder).iterdir() if p.is_file()) if folder and Path(folder).is_dir() else []
    default = default_boundary_path()
    found += [default] if default is not None and default.is_file() and default not in found else []
    return [p for p in found if p.suffix.lower() in BOUNDARY_SUFFIXES and not _is_store_file(p)]


def boundaries_from_upload(data: bytes, name: str, limit_bytes: int) -> gpd.GeoDataFrame:
    """Read an uploaded boundary file from a private temporary folder: nothing typed names a server path."""
    suffix = Path(name).suffix.lower()
    if suffix not in BOUNDARY_SUFFIXES:
        raise BoundaryError(f"{Path(name).name}: a boundary file is .geojson, .gpkg or a zipped shapefile (.zip)")
    if len(data) > limit_bytes:
        raise BoundaryError(f"{Path(name).name}: {len(data) / 1e6:.1f} MB is over the {limit_bytes // 2**20} MB limit")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"boundaries{suffix}"
        path.write_bytes(data)
        return load_boundaries(path)


def _is_store_file(path: Path) -> bool:
    """The event store or its journal files: GDAL must never open them (it would remove -wal and -shm)."""
    store = make_url(database_url())
    if store.get_backend_name() != "sqlite" or not store.database:
        return False
    db = Path(store.database).resolve()
    return path.resolve() in {db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"),
                              db.with_name(db.name + "-journal")}


def load_boundaries(path: str | Path, name_field: str | None = None) -> gpd.GeoDataFrame:
    """Polygons in WGS84 with a `name` column (from `name_field` or the first likely column)."""
    path = Path(path)
    if _is_store_file(path):
        raise BoundaryError(f"{path.name} is the event store, not a boundary file")
    if not path.exists():
        raise BoundaryError(f"boundary file not found: {path.name}")
    try:
        shapes = gpd.read_file(path)
    except (OSError, ValueError, RuntimeError) as exc:  # pyogrio's errors derive from these
        reason = str(exc).splitlines()[0].replace(str(path.parent), "…")[:200]  # never the server's folders
        raise BoundaryError(f"cannot read {path.name}: {reason}") from None
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
