"""The Map page's boundary file: uploaded or picked from the server's folder, never a typed path; the event
store and its journal are never handed to GDAL; errors name no server path."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import box
from streamlit.testing.v1 import AppTest

from core.places.boundaries import BoundaryError, boundaries_from_upload, boundary_choices, load_boundaries
from tests.dashboard_data import corpus_store

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")


def _geojson(tmp_path: Path) -> bytes:
    areas = gpd.GeoDataFrame({"district": ["Quetta"]}, geometry=[box(66.8, 30.0, 67.2, 30.4)], crs=4326)
    path = tmp_path / "areas.geojson"
    areas.to_file(path, driver="GeoJSON")
    return path.read_bytes()


def test_an_upload_is_read_from_a_private_copy(tmp_path):
    areas = boundaries_from_upload(_geojson(tmp_path), "../../etc/areas.geojson", 2**20)
    assert list(areas["name"]) == ["Quetta"]
    with pytest.raises(BoundaryError, match="over the 0 MB limit"):
        boundaries_from_upload(_geojson(tmp_path), "areas.geojson", 10)
    with pytest.raises(BoundaryError, match="zipped shapefile"):
        boundaries_from_upload(b"x", "passwd", 2**20)


def test_the_store_and_its_journal_are_never_opened(tmp_path, monkeypatch):
    store = tmp_path / "events.sqlite"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{store}")
    with sqlite3.connect(store) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE t (x)")
        conn.execute("INSERT INTO t VALUES (1)")
        wal = store.with_name(store.name + "-wal")
        for path in (store, wal):
            with pytest.raises(BoundaryError, match="is the event store"):
                load_boundaries(path)
        assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 1
    monkeypatch.setenv("BOUNDARY_DIR", str(tmp_path))
    (tmp_path / "areas.geojson").write_bytes(_geojson(tmp_path))
    assert [p.name for p in boundary_choices()] == ["areas.geojson"]


def test_an_unreadable_file_names_no_server_folder(tmp_path):
    bad = tmp_path / "secret-folder" / "areas.geojson"
    bad.parent.mkdir()
    bad.write_text("{not json")
    with pytest.raises(BoundaryError) as err:
        load_boundaries(bad)
    assert "secret-folder" not in str(err.value)


def test_the_map_page_has_no_path_field(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", corpus_store(tmp_path))
    monkeypatch.delenv("BOUNDARY_FILE", raising=False)
    monkeypatch.delenv("BOUNDARY_DIR", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/map.py").run()
    assert not at.exception
    assert not [t for t in at.text_input if "path" in (t.label or "").lower()]
    assert at.selectbox(key="boundary_pick").disabled
