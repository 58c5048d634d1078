"""The offline gazetteer exposed through geopy's Geocoder interface."""

from __future__ import annotations

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from core.knowledge.gazetteer import Gazetteer, Place, default_gazetteer


def place_to_location(place: Place) -> Location:
    """A geopy Location whose `raw` carries the admin hierarchy and geo_precision."""
    raw = {
        "place_id": place.place_id,
        "name": place.name,
        "kind": place.kind,
        "country": place.country,
        "admin1": place.admin1 or None,
        "admin2": place.admin2 or None,
        "admin3": place.admin3 or None,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "geo_precision": place.geo_precision,
        "source": place.source,
    }
    return Location(place.address, (place.latitude, place.longitude), raw)


class OfflineGazetteer(Geocoder):
    """Geocoder over data/gazetteer/places.csv and GeoNames towns; needs no network.

    A query is a chain of names, most specific first: ``"Mashkaf, Dhadar, Bolan"``.
    """

    def __init__(self, gazetteer: Gazetteer | None = None):
        super().__init__()
        self.gazetteer = gazetteer or default_gazetteer()

    def geocode(self, query: str, *, exactly_one: bool = True) -> Location | list[Location] | None:
        """Resolve a place chain. With exactly_one=False, every reading of the first name."""
        names = [n.strip() for n in str(query).split(",") if n.strip()]
        if not names:
            return None
        if exactly_one:
            place = self.gazetteer.resolve_chain(names, foreign_towns_need_support=False)
            return place_to_location(place) if place else None
        found = [place_to_location(p) for p in self.gazetteer.candidates(names[0])]
        return found or None
