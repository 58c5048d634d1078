"""The offline gazetteer: curated places (data/gazetteer/places.csv and neighbours.csv) plus GeoNames towns
(data/gazetteer/geonames.csv, extracted once by `python -m core geonames`).

Names resolve to `Place` values with an honest ACLED geo_precision. A chain of names such as
"Mashkaf, Dhadar, Bolan" is resolved to its most specific member that agrees with the others.
"""

from __future__ import annotations

import csv
import itertools
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from core.knowledge.datafiles import DATA_DIR, read_rows, setting
from core.knowledge.distance import distance_km

GAZETTEER_DIR = DATA_DIR / "gazetteer"
PLACES_FILE = GAZETTEER_DIR / "places.csv"
"""Curated places in Pakistan: provinces, every district, tehsils, towns and named sites."""
NEIGHBOURS_FILE = GAZETTEER_DIR / "neighbours.csv"
"""Curated places across the border: Afghanistan's provinces and border districts, Iran's Sistan and Baluchestan."""
GEONAMES_FILE = GAZETTEER_DIR / "geonames.csv"
"""GeoNames towns of Pakistan and its neighbours' border regions, pre-extracted (see core.places.geonames)."""

PRECISION_BY_KIND = {"site": 1, "town": 1, "tehsil": 2, "district": 2, "province": 3, "country": 4}
"""ACLED geo_precision: 1 the named town or site, 2 a district or 'near', 3 a province. 4 marks a country
(used for place mentions only; events placed no better than a country are left unmapped)."""

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

    def distance_to(self, other: Place) -> float:
        """Great-circle km to another place (core.knowledge.distance)."""
        return float(distance_km(self.latitude, self.longitude, other.latitude, other.longitude))

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


def ascii_fold(name: str) -> str:
    """'Jalālābād' -> 'Jalalabad': the spelling English reports use."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def normalise(name: str) -> str:
    """Key for lookups: case-folded, accent-free, punctuation-light, single-spaced."""
    folded = ascii_fold(name).casefold().replace(".", " ").replace("’", "'").replace("-", " ")
    return " ".join(folded.split())




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

    def readable(self, name: str, context: list[str] = ()) -> bool:
        """True when the name has a reading the chain rule accepts, given the other names of its chain."""
        others = [p for other in context for p in self.candidates(other)]
        return any(_home_or_supported(p, others) for p in self.candidates(name))

    def resolve_chain(self, names: list[str], kinds: list[str] | None = None, *,
                      foreign_towns_need_support: bool = True) -> Place | None:
        """Resolve names that describe one location, e.g. ["Mashkaf", "Dhadar", "Bolan"].

        Picks, among all readings of the names, the one where most names agree (one contains or
        lies near the other), and returns its most specific member. Unknown names are ignored.
        `kinds` may name the kind the text gives for each name ("Bannu district" -> "district").
        A GeoNames village across the border is read only when another name of the chain is in
        that country ("Jani Khel" alone is the Bannu village, not its namesake in Paktika).
        """
        kinds = kinds or [""] * len(names)
        options = []
        for name, kind in zip(names, kinds):
            found = _readings(self.candidates(name))
            options.append(([p for p in found if p.kind == kind] or found)[:6] if kind else found[:6])
        if foreign_towns_need_support:
            options = [[p for p in o if _home_or_supported(p, [q for other in options if other is not o for q in other])]
                       for o in options]
        options = [o for o in options if o]
        if not options:
            return None
        best: tuple[int, int, int] | None = None
        best_place = None
        for combo in itertools.islice(itertools.product(*options), 5000):
            agree = sum(_agree(a, b) for a, b in itertools.combinations(combo, 2))
            # ("Dera Ismail Khan's Kulachi tehsil": the district that holds Kulachi, before the town near it)
            nested = sum(a.contains(b) or b.contains(a) for a, b in itertools.combinations(combo, 2))
            curated = sum(not p.place_id.startswith("geonames-") for p in combo)
            specific = min(combo, key=lambda p: (p.geo_precision, p.place_id.startswith("geonames-")))
            score = (agree, nested, -specific.geo_precision, curated)
            if best is None or score > best:
                best, best_place = score, specific
        return best_place


def _home_or_supported(place: Place, others: list[Place]) -> bool:
    """A curated place, or one in the home country, or a GeoNames town whose country another name supports."""
    if not place.place_id.startswith("geonames-") or place.country == setting("default_country"):
        return True
    return any(q.country == place.country for q in others)


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
        if p.kind != "town" or not any(d.admin2 == p.admin2 and d.distance_to(p) > 10 for d in districts)
    ]
    home = setting("default_country")
    return sorted(
        places,
        key=lambda p: (
            p.country != home,
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
        return a.admin2 == b.admin2 or a.distance_to(b) < 30
    return a.admin2 == b.admin2 and a.admin1 == b.admin1 and bool(a.admin2)


def load_places(path: Path) -> tuple[list[Place], dict[str, list[str]]]:
    """Read one gazetteer CSV (curated or GeoNames; the population column is optional)."""
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
                population=int(row.get("population") or 0),
            )
            places.append(place)
            names = [a.strip() for a in row["aliases"].split(";") if a.strip()]
            folded = ascii_fold(place.name)
            aliases[place.place_id] = names + ([folded] if folded != place.name else [])
    return places, aliases


def curated_places() -> tuple[list[Place], dict[str, list[str]]]:
    """The curated rows: places.csv, and neighbours.csv where present."""
    places, aliases = load_places(PLACES_FILE)
    if NEIGHBOURS_FILE.exists():
        more, more_aliases = load_places(NEIGHBOURS_FILE)
        places, aliases = places + more, aliases | more_aliases
    return places, aliases


MERGE_KM = 30
"""A GeoNames town within this distance of a curated place of the same name and province is that place."""


def with_geonames(curated: list[Place], aliases: dict[str, list[str]], towns: list[Place],
                  town_aliases: dict[str, list[str]]) -> tuple[list[Place], dict[str, list[str]]]:
    """Curated places plus GeoNames towns; a town that is already curated gives its population and spellings
    to the curated row instead of standing beside it."""
    by_name: dict[tuple[str, str], list[int]] = {}
    for i, p in enumerate(curated):
        if p.kind in ("town", "site", "tehsil", "district"):
            by_name.setdefault((normalise(p.name), p.admin1), []).append(i)
    places, merged = list(curated), dict(aliases)
    ordinary = _ordinary_words()  # "March" (a hamlet in Badakhshan) is the month in a dateline
    towns = [t for t in towns if normalise(t.name) not in ordinary]
    town_aliases = {k: [a for a in v if normalise(a) not in ordinary] for k, v in town_aliases.items()}
    for town in towns:
        same = [i for i in by_name.get((normalise(town.name), town.admin1), ())
                if places[i].distance_to(town) <= MERGE_KM and places[i].kind != "district"]
        if same:
            i = same[0]
            places[i] = replace(places[i], population=max(places[i].population, town.population))
            merged[places[i].place_id] = list(dict.fromkeys([*merged.get(places[i].place_id, []),
                                                             *town_aliases.get(town.place_id, [])]))
            continue
        places.append(town)
        merged[town.place_id] = town_aliases.get(town.place_id, [])
    return places, merged


@lru_cache(maxsize=1)
def _ordinary_words() -> frozenset[str]:
    """Words of the text that GeoNames also spells as a place: months, weekdays, ranks ("Naik", a Bamyan
    village's other name) and data/cues.csv's not_place_name list. Curated places are never dropped."""
    words = {normalise(r["word"]) for r in read_rows("calendar_words.csv", ("word",))}
    words |= {normalise(r["phrase"]) for r in read_rows("cues.csv", ("cue", "phrase"))
              if r["cue"] in ("rank", "not_place_name")}
    return frozenset(words)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The curated gazetteer plus the pre-extracted GeoNames towns, built once per process."""
    places, aliases = curated_places()
    if GEONAMES_FILE.exists():
        places, aliases = with_geonames(places, aliases, *load_places(GEONAMES_FILE))
    return Gazetteer(places, aliases)
