"""An analyst's boundary file: read in three formats, counted into a choropleth, districts checked."""

import geopandas as gpd
import pytest
from shapely.geometry import box

from bench.synthetic import synthetic_events
from core.places.boundaries import (
    BoundaryError,
    check_admin2,
    count_events_per_area,
    load_boundaries,
)
from core.views.maps import build_event_map


@pytest.fixture
def events():
    ev = synthetic_events(6, seed=1).reset_index(drop=True)
    ev["latitude"] = [29.5, 29.6, 30.5, 30.6, 31.5, 40.0]
    ev["longitude"] = [66.5, 66.6, 67.5, 67.6, 66.5, 60.0]
    ev["admin2"] = ["West", "West", "East", "West", "North", "Nowhere"]
    return ev


@pytest.fixture
def raw_areas():
    return gpd.GeoDataFrame({"district": ["West", "East"]}, geometry=[box(66, 29, 67, 30), box(67, 30, 68, 31)], crs=4326)


@pytest.fixture
def areas(tmp_path, raw_areas):
    raw_areas.to_file(tmp_path / "areas.geojson", driver="GeoJSON")
    return load_boundaries(tmp_path / "areas.geojson")


@pytest.mark.parametrize("suffix,driver", [(".geojson", "GeoJSON"), (".gpkg", "GPKG"), (".shp", "ESRI Shapefile")])
def test_reads_each_format_and_finds_the_name_column(tmp_path, raw_areas, suffix, driver):
    path = tmp_path / f"districts{suffix}"
    raw_areas.to_file(path, driver=driver)
    loaded = load_boundaries(path)
    assert list(loaded["name"]) == ["West", "East"]
    assert loaded.crs.to_epsg() == 4326


def test_counts_events_per_polygon(events, areas):
    counted = count_events_per_area(events, areas)
    assert dict(zip(counted["name"], counted["events"])) == {"West": 2, "East": 2}


def test_flags_events_whose_district_differs_or_that_fall_outside(events, areas):
    problems = check_admin2(events, areas)
    by_id = dict(zip(problems["event_id"], problems["problem"]))
    ids = list(events["event_id"])
    assert ids[0] not in by_id and ids[1] not in by_id and ids[2] not in by_id
    assert by_id[ids[3]] == "district differs from the polygon"
    assert by_id[ids[4]] == by_id[ids[5]] == "outside every polygon"


def test_choropleth_layer_on_the_map(events, areas):
    html = build_event_map(events, choropleth=count_events_per_area(events, areas)).get_root().render()
    assert "Events per area" in html and "West" in html


def test_missing_or_unreadable_file_is_a_clear_error(tmp_path):
    with pytest.raises(BoundaryError, match="not found"):
        load_boundaries(tmp_path / "nope.geojson")
    bad = tmp_path / "bad.geojson"
    bad.write_text("not json")
    with pytest.raises(BoundaryError):
        load_boundaries(bad)
