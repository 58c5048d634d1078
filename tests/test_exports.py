"""Data downloads (CSV, GeoJSON, GeoPackage) and the standalone HTML map."""

from __future__ import annotations

import csv
import io
import json

import geopandas as gpd
import pytest

from core.store.filters import EventFilter, apply_filter
from core.views import vendor
from core.views.exports import (
    ACLED_COLUMNS,
    export_bytes,
    render_html,
    to_csv,
    to_geojson,
    to_geopackage,
)
from tests.map_script import event_ids, shown_event_ids
from tests.test_snapshot import PLACES, event_record, make_events

XSS = '<script>alert(1)</script><img src=x onerror="alert(2)">'


@pytest.fixture(scope="module")
def events():
    records = [event_record(i, place=p, fatalities=i or None) for i, p in enumerate(PLACES)]
    records.append(event_record(20, located=False))
    records.append(event_record(21, place=("Lima", None, None, -12.05, -77.04), country="Peru",
                                notes="=HYPERLINK(\"http://x\")", target="+92 300", actor2=None, inter2=None,
                                interaction=20, assoc_actor_1="@attacker", tactics=["armed clash"],
                                event_type="Battles", sub_event_type="Armed clash", disorder_type="Political violence"))
    records.append(event_record(22, place=(XSS, "Balochistan", "Quetta", 30.2, 67.1), notes=XSS))
    return make_events(records)


def read_csv(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_uses_acled_names_in_acled_order(events):
    header = next(csv.reader(io.StringIO(to_csv(events).decode("utf-8-sig"))))
    acled = [c for c in header if c in ACLED_COLUMNS]
    assert acled == [c for c in ACLED_COLUMNS if c in acled]
    assert header[:len(acled)] == acled
    assert header[0] == "event_id_cnty" and "event_id" not in header
    assert {"event_date", "actor1", "latitude", "fatalities", "notes", "tactics"} <= set(header)


def test_csv_neutralises_formula_cells_but_not_negative_numbers(events):
    rows = {r["event_id_cnty"]: r for r in read_csv(to_csv(events))}
    lima = rows["test0021-01"]
    assert lima["notes"].startswith("'=HYPERLINK")
    assert lima["target"] == "'+92 300"
    assert lima["assoc_actor_1"] == "'@attacker"
    assert lima["longitude"] == "-77.04" and lima["latitude"] == "-12.05"
    assert all(not v.startswith(("=", "+", "@")) for r in rows.values() for v in r.values())


def test_csv_keeps_unknown_fatalities_empty(events):
    rows = {r["event_id_cnty"]: r for r in read_csv(to_csv(events))}
    assert rows["test0000-01"]["fatalities"] == ""
    assert rows["test0002-01"]["fatalities"] == "2"


@pytest.mark.parametrize(("writer", "suffix"), [(to_geojson, "geojson"), (to_geopackage, "gpkg")])
def test_geo_formats_round_trip_rows_and_coordinates(events, writer, suffix, tmp_path):
    path = tmp_path / f"events.{suffix}"
    path.write_bytes(writer(events))
    back = gpd.read_file(path)
    assert len(back) == len(events)
    assert list(back["event_id_cnty"]) == list(events["event_id"])
    for (_, ev), geom in zip(events.iterrows(), back.geometry):
        if ev["latitude"] != ev["latitude"]:  # NaN: an event without coordinates keeps a null geometry
            assert geom is None or geom.is_empty
        else:
            assert (geom.x, geom.y) == pytest.approx((ev["longitude"], ev["latitude"]))


def test_html_holds_every_filtered_event_and_no_other(events):
    f = EventFilter(admin1=("Balochistan",))
    view = apply_filter(events, f)
    page = render_html(view, f)
    assert 0 < len(view) < len(events)
    placed = view["latitude"].notna() & view["longitude"].notna()
    assert event_ids(page) == set(view.loc[placed, "event_id"]) and not placed.all()
    assert shown_event_ids(page) == set(view["event_id"])


def test_html_escapes_event_text(events):
    page = render_html(events, EventFilter(text="<script>"))
    assert "<script>alert(1)" not in page
    assert "<img src=x onerror" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;script&gt;" in page  # the filter text in the title is escaped too


def test_html_inlines_local_leaflet_files(events, tmp_path):
    for name, rel in vendor.LOCAL_FILES.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        body = f"/* local {name} */ .x {{ background: url(img/dot.png) }}" if rel.endswith(".css") else \
            f"/* local {name} */ var s = '</script>';"
        path.write_text(body)
    (tmp_path / "leaflet/dist/img").mkdir(parents=True)
    (tmp_path / "leaflet/dist/img/dot.png").write_bytes(b"\x89PNG fake")
    (tmp_path / vendor.MANIFEST).write_text(json.dumps({"files": vendor.LOCAL_FILES}))
    (tmp_path / vendor.BUNDLE).write_text("/* the live map's bundle, unused here */")
    page = render_html(events, EventFilter(), vendor_dir=tmp_path)
    assert "/* local leaflet */" in page and "/* local leaflet_css */" in page
    assert "inline-asset:" not in page
    assert 'src="http' not in page and "leaflet.js\"" not in page
    assert "url(data:image/png;base64," in page
    assert "var s = '<\\/script>'" in page  # a closing tag inside a script cannot end it early


def test_export_bytes_rejects_unknown_formats(events):
    with pytest.raises(ValueError, match="unknown export format"):
        export_bytes("docx", events, EventFilter())


def test_html_counts_read_as_english(events):
    one = events[events["event_id"] == events["event_id"].iloc[0]]
    unmapped = events[events["latitude"].isna()]
    assert len(one) == 1 and len(unmapped) == 1
    assert "· 1 event</span>" in render_html(one, EventFilter())
    page = render_html(events, EventFilter())
    assert f"· {len(events)} events" in page and "1 event without a known location" in page
    assert "1 events" not in page
