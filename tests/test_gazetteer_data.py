"""Validation of the curated offline gazetteer, data/gazetteer/places.csv.

These tests read the CSV only (no project code), so they can run on their own.
Every failure message names the offending row (place_id) and field.
"""

from __future__ import annotations

import csv
import math
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from core.knowledge.distance import distance_km

CSV_PATH = Path(__file__).resolve().parents[1] / "data" / "gazetteer" / "places.csv"

COLUMNS = [
    "place_id",
    "name",
    "kind",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "latitude",
    "longitude",
    "aliases",
    "source",
]
KINDS = {"country", "province", "district", "tehsil", "town", "site"}
PROVINCES = {
    "Balochistan",
    "Khyber Pakhtunkhwa",
    "Punjab",
    "Sindh",
    "Islamabad Capital Territory",
    "Gilgit-Baltistan",
    "Azad Jammu and Kashmir",
}
SUB_DISTRICT_KINDS = {"tehsil", "town", "site"}
# Rough bounding box of Pakistan (including Gilgit-Baltistan and AJK).
PK_LAT = (23.5, 37.2)
PK_LON = (60.8, 77.9)
# A district must lie within this distance of its province's row. 350 km suits the
# compact provinces; Balochistan (over 1,000 km from Jiwani to Sherani) and Punjab
# (about 680 km from Rahim Yar Khan to Murree) cannot fit in 350 km of any single point.
DEFAULT_PROVINCE_RADIUS_KM = 350.0
PROVINCE_RADIUS_KM = {"Balochistan": 600.0, "Punjab": 450.0}
MASHKAF_REF = (29.70, 67.45)
MASHKAF_MAX_KM = 40.0


def _load() -> tuple[list[str], list[dict[str, str]]]:
    with CSV_PATH.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = list(reader.fieldnames or [])
        rows = list(reader)
    return header, rows


@pytest.fixture(scope="module")
def data() -> tuple[list[str], list[dict[str, str]]]:
    assert CSV_PATH.is_file(), f"missing gazetteer file {CSV_PATH}"
    return _load()


@pytest.fixture(scope="module")
def rows(data) -> list[dict[str, str]]:
    return data[1]


def _aliases(row: dict[str, str]) -> list[str]:
    return [a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()]


def _coords(row: dict[str, str]) -> tuple[float, float]:
    return float(row["latitude"]), float(row["longitude"])


def _districts(rows) -> list[dict[str, str]]:
    return [r for r in rows if r["kind"] == "district"]


def _find(rows, kind: str, name: str, admin1: str | None = None) -> dict[str, str]:
    hits = [
        r
        for r in rows
        if r["kind"] == kind
        and r["name"] == name
        and (admin1 is None or r["admin1"] == admin1)
    ]
    assert len(hits) == 1, (
        f"expected exactly one {kind} row named {name!r}, found {len(hits)}"
    )
    return hits[0]


# --------------------------------------------------------------------------- structure


def test_columns_exact(data):
    header, _ = data
    assert header == COLUMNS, f"columns are {header}, expected {COLUMNS}"


def test_no_ragged_rows(rows):
    for r in rows:
        assert None not in r, (
            f"{r.get('place_id')}: row has more fields than the header"
        )
        for col in COLUMNS:
            assert r[col] is not None, f"{r.get('place_id')}: field {col} missing"


def test_place_id_unique_and_non_empty(rows):
    ids = [r["place_id"] for r in rows]
    assert all(i.strip() for i in ids), "a row has an empty place_id"
    dupes = [i for i, n in Counter(ids).items() if n > 1]
    assert not dupes, f"duplicate place_id values: {dupes}"


def test_place_id_is_slug(rows):
    for r in rows:
        pid = r["place_id"]
        assert pid == pid.lower() and " " not in pid, (
            f"{pid}: place_id is not a lowercase slug"
        )
        assert all(c.isalnum() or c == "-" for c in pid), (
            f"{pid}: place_id has odd characters"
        )


def test_kind_allowed(rows):
    for r in rows:
        assert r["kind"] in KINDS, (
            f"{r['place_id']}: kind {r['kind']!r} not in {sorted(KINDS)}"
        )


def test_name_present(rows):
    for r in rows:
        assert r["name"].strip(), f"{r['place_id']}: empty name"
        assert r["name"] == r["name"].strip(), (
            f"{r['place_id']}: name has stray whitespace"
        )


def test_every_row_has_source(rows):
    for r in rows:
        assert r["source"].strip(), f"{r['place_id']}: empty source"


def test_country_field(rows):
    for r in rows:
        assert r["country"].strip(), f"{r['place_id']}: empty country"
        if r["kind"] != "country":
            assert r["country"] == "Pakistan", (
                f"{r['place_id']}: country {r['country']!r}"
            )
        else:
            assert r["country"] == r["name"], (
                f"{r['place_id']}: country row's country != name"
            )
            assert not r["admin1"], f"{r['place_id']}: country row has admin1"


# --------------------------------------------------------------------------- coordinates


def test_coordinates_numeric_and_four_decimals(rows):
    for r in rows:
        for col, lo, hi in (("latitude", -90, 90), ("longitude", -180, 180)):
            raw = r[col]
            try:
                val = float(raw)
            except ValueError:
                pytest.fail(f"{r['place_id']}: {col} {raw!r} is not numeric")
            assert math.isfinite(val), f"{r['place_id']}: {col} is not finite"
            assert lo <= val <= hi, f"{r['place_id']}: {col} {val} out of range"
            assert "." in raw and len(raw.split(".")[1]) == 4, (
                f"{r['place_id']}: {col} {raw!r} is not written with 4 decimals"
            )


def test_pakistani_rows_inside_pakistan_bbox(rows):
    for r in rows:
        if r["country"] != "Pakistan":
            continue
        lat, lon = _coords(r)
        assert PK_LAT[0] <= lat <= PK_LAT[1], (
            f"{r['place_id']}: latitude {lat} outside Pakistan"
        )
        assert PK_LON[0] <= lon <= PK_LON[1], (
            f"{r['place_id']}: longitude {lon} outside Pakistan"
        )


# --------------------------------------------------------------------------- hierarchy


def test_admin1_is_known_province(rows):
    for r in rows:
        if r["kind"] == "country":
            continue
        assert r["admin1"] in PROVINCES, (
            f"{r['place_id']}: admin1 {r['admin1']!r} is not a province"
        )


def test_each_province_has_one_row(rows):
    provs = [r for r in rows if r["kind"] == "province"]
    names = Counter(r["name"] for r in provs)
    assert set(names) == PROVINCES, (
        f"province rows {sorted(names)} != {sorted(PROVINCES)}"
    )
    for name, n in names.items():
        assert n == 1, f"province {name!r} appears {n} times"
    for r in provs:
        assert r["admin1"] == r["name"], f"{r['place_id']}: province admin1 != name"
        assert not r["admin2"], f"{r['place_id']}: province row has admin2"
        assert not r["admin3"], f"{r['place_id']}: province row has admin3"


def test_country_rows_present(rows):
    countries = {r["name"] for r in rows if r["kind"] == "country"}
    for c in ("Pakistan", "Afghanistan", "Iran", "India", "China"):
        assert c in countries, f"country row {c!r} missing"


def test_district_admin2_equals_name(rows):
    for r in _districts(rows):
        assert r["admin2"] == r["name"], (
            f"{r['place_id']}: admin2 {r['admin2']!r} != name {r['name']!r}"
        )
        assert not r["admin3"], f"{r['place_id']}: district row has admin3"


def test_district_names_unique_within_province(rows):
    seen = Counter((r["admin1"], r["name"]) for r in _districts(rows))
    dupes = [k for k, n in seen.items() if n > 1]
    assert not dupes, f"duplicate districts: {dupes}"


def test_sub_district_rows_point_to_existing_district(rows):
    districts = {(r["admin1"], r["name"]) for r in _districts(rows)}
    for r in rows:
        if r["kind"] not in SUB_DISTRICT_KINDS:
            continue
        assert r["admin1"], f"{r['place_id']}: admin1 empty"
        assert r["admin2"], f"{r['place_id']}: admin2 empty"
        assert (r["admin1"], r["admin2"]) in districts, (
            f"{r['place_id']}: admin2 {r['admin2']!r} is not a district row of {r['admin1']!r}"
        )


def test_districts_near_their_province(rows):
    prov = {r["name"]: r for r in rows if r["kind"] == "province"}
    for r in _districts(rows):
        p = prov[r["admin1"]]
        dist = distance_km(*_coords(r), *_coords(p))
        limit = PROVINCE_RADIUS_KM.get(r["admin1"], DEFAULT_PROVINCE_RADIUS_KM)
        assert dist <= limit, (
            f"{r['place_id']}: latitude/longitude {dist:.0f} km from {p['place_id']} "
            f"(limit {limit:.0f} km) - swapped or wrong coordinates?"
        )


def test_sub_district_rows_near_their_district(rows):
    dist_rows = {(r["admin1"], r["name"]): r for r in _districts(rows)}
    for r in rows:
        if r["kind"] not in SUB_DISTRICT_KINDS:
            continue
        d = dist_rows[(r["admin1"], r["admin2"])]
        km = distance_km(*_coords(r), *_coords(d))
        assert km <= 350, (
            f"{r['place_id']}: latitude/longitude {km:.0f} km from its district row {d['place_id']}"
        )


# --------------------------------------------------------------------------- aliases


def test_aliases_clean(rows):
    for r in rows:
        raw = r["aliases"]
        if not raw:
            continue
        parts = raw.split(";")
        assert all(p.strip() for p in parts), (
            f"{r['place_id']}: aliases has an empty item"
        )
        assert all(p == p.strip() for p in parts), (
            f"{r['place_id']}: aliases has stray spaces"
        )
        lowered = [p.lower() for p in parts]
        assert len(lowered) == len(set(lowered)), (
            f"{r['place_id']}: aliases repeat an item"
        )
        assert r["name"].lower() not in lowered, (
            f"{r['place_id']}: aliases repeat the canonical name"
        )


def test_alias_not_shared_within_kind(rows):
    owners: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in rows:
        for a in _aliases(r):
            owners[(r["kind"], a.lower())].append(r["place_id"])
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert not clashes, "aliases shared by rows of the same kind: " + "; ".join(
        f"{alias!r} ({kind}) in {ids}" for (kind, alias), ids in sorted(clashes.items())
    )


def test_alias_not_another_rows_name_within_kind(rows):
    names: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in rows:
        names[(r["kind"], r["name"].lower())].append(r["place_id"])
    for r in rows:
        for a in _aliases(r):
            others = [
                pid
                for pid in names.get((r["kind"], a.lower()), [])
                if pid != r["place_id"]
            ]
            assert not others, (
                f"{r['place_id']}: alias {a!r} is the canonical name of {others} (kind {r['kind']})"
            )


# --------------------------------------------------------------------------- coverage


def test_district_count(rows):
    n = len(_districts(rows))
    assert n >= 150, f"only {n} district rows, expected at least 150"


@pytest.mark.parametrize(
    "province,minimum",
    [
        ("Balochistan", 30),
        ("Khyber Pakhtunkhwa", 30),
        ("Punjab", 36),
        ("Sindh", 29),
        ("Islamabad Capital Territory", 1),
        ("Gilgit-Baltistan", 10),
        ("Azad Jammu and Kashmir", 10),
    ],
)
def test_districts_per_province(rows, province, minimum):
    n = sum(1 for r in _districts(rows) if r["admin1"] == province)
    assert n >= minimum, f"{province}: {n} district rows, expected at least {minimum}"


@pytest.mark.parametrize(
    "province,district",
    [
        ("Balochistan", "Hub"),
        ("Balochistan", "Chaman"),
        ("Balochistan", "Usta Muhammad"),
        ("Balochistan", "Sohbatpur"),
        ("Balochistan", "Duki"),
        ("Balochistan", "Surab"),
        ("Khyber Pakhtunkhwa", "Bajaur"),
        ("Khyber Pakhtunkhwa", "Mohmand"),
        ("Khyber Pakhtunkhwa", "Khyber"),
        ("Khyber Pakhtunkhwa", "Kurram"),
        ("Khyber Pakhtunkhwa", "Orakzai"),
        ("Khyber Pakhtunkhwa", "North Waziristan"),
        ("Khyber Pakhtunkhwa", "Upper South Waziristan"),
        ("Khyber Pakhtunkhwa", "Lower South Waziristan"),
        ("Khyber Pakhtunkhwa", "Lower Chitral"),
        ("Khyber Pakhtunkhwa", "Upper Chitral"),
        ("Khyber Pakhtunkhwa", "Lower Dir"),
        ("Khyber Pakhtunkhwa", "Upper Dir"),
        ("Khyber Pakhtunkhwa", "Upper Kohistan"),
        ("Khyber Pakhtunkhwa", "Lower Kohistan"),
        ("Khyber Pakhtunkhwa", "Kolai-Palas"),
    ],
)
def test_named_districts_present(rows, province, district):
    _find(rows, "district", district, province)


def _has_alias(row: dict[str, str], alias: str) -> bool:
    return alias.lower() in {a.lower() for a in _aliases(row)}


def test_kachhi_has_alias_bolan(rows):
    r = _find(rows, "district", "Kachhi", "Balochistan")
    assert _has_alias(r, "Bolan"), f"{r['place_id']}: aliases lack 'Bolan'"


def test_dera_ismail_khan_has_alias_di_khan(rows):
    r = _find(rows, "district", "Dera Ismail Khan", "Khyber Pakhtunkhwa")
    assert _has_alias(r, "D.I. Khan"), f"{r['place_id']}: aliases lack 'D.I. Khan'"


def test_khyber_pakhtunkhwa_has_alias_kp(rows):
    r = _find(rows, "province", "Khyber Pakhtunkhwa")
    assert _has_alias(r, "KP"), f"{r['place_id']}: aliases lack 'KP'"


def test_old_south_waziristan_name_kept_once(rows):
    holders = [
        r["place_id"] for r in _districts(rows) if _has_alias(r, "South Waziristan")
    ]
    assert len(holders) == 1, (
        f"alias 'South Waziristan' held by {holders}, expected one district"
    )


def test_mashkaf_tunnel(rows):
    hits = [
        r
        for r in rows
        if r["kind"] == "site"
        and ("mashkaf" in r["name"].lower() or _has_alias(r, "Mashkaf"))
    ]
    assert len(hits) == 1, (
        f"expected one Mashkaf tunnel site row, found {[r['place_id'] for r in hits]}"
    )
    r = hits[0]
    assert r["admin1"] == "Balochistan", f"{r['place_id']}: admin1 {r['admin1']!r}"
    assert r["admin2"] == "Kachhi", f"{r['place_id']}: admin2 {r['admin2']!r}"
    km = distance_km(*_coords(r), *MASHKAF_REF)
    assert km <= MASHKAF_MAX_KM, (
        f"{r['place_id']}: latitude/longitude {km:.1f} km from {MASHKAF_REF}, limit {MASHKAF_MAX_KM}"
    )
