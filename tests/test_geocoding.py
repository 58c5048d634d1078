"""The offline gazetteer behind geopy's Geocoder interface."""

from __future__ import annotations

import math

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from core.knowledge.gazetteer import default_gazetteer
from core.places.geocoders import get_geocoder
from core.places.geocoders.offline import OfflineGazetteer


def test_default_geocoder_is_offline_and_a_geopy_geocoder(monkeypatch):
    monkeypatch.delenv("CONFLICT_GEOCODER", raising=False)
    geocoder = get_geocoder()
    assert isinstance(geocoder, OfflineGazetteer) and isinstance(geocoder, Geocoder)


def test_chain_resolves_to_the_site():
    loc = OfflineGazetteer().geocode("Mashkaf, Dhadar, Bolan")
    assert isinstance(loc, Location)
    assert loc.raw["geo_precision"] == 1 and loc.raw["admin2"] == "Kachhi"
    assert "Mashkaf" in loc.raw["name"]


def test_district_alone_has_district_precision():
    loc = OfflineGazetteer().geocode("Kachhi")
    assert (loc.raw["kind"], loc.raw["geo_precision"]) == ("district", 2)


def test_aliases_and_former_names():
    geo = OfflineGazetteer()
    assert geo.geocode("Bolan").raw["admin2"] == "Kachhi"
    assert geo.geocode("D.I. Khan").raw["admin2"] == "Dera Ismail Khan"
    assert geo.geocode("KP").raw["name"] == "Khyber Pakhtunkhwa"
    assert geo.geocode("Turbat").raw["admin2"] == "Kech"


def test_chain_prefers_the_reading_inside_the_broader_place():
    gaz = default_gazetteer()
    # "Khairpur" names towns in several districts; the broader place decides which one is meant.
    readings = {p.admin2 for p in gaz.candidates("Khairpur")}
    assert len(readings) >= 3
    for district in readings:
        assert gaz.resolve_chain(["Khairpur", district]).admin2 == district


def test_unknown_place():
    assert OfflineGazetteer().geocode("Atlantis, Nowhere") is None


def test_province_and_country_precision():
    gaz = default_gazetteer()
    assert gaz.lookup("Balochistan").geo_precision == 3
    assert gaz.lookup("Afghanistan").geo_precision == 4


def test_towns_from_geonames_are_assigned_a_district():
    place = default_gazetteer().lookup("Mach")
    assert place.admin1 == "Balochistan" and place.admin2
    district = default_gazetteer().lookup(place.admin2)
    dist = math.dist((place.latitude, place.longitude), (district.latitude, district.longitude))
    assert dist < 2.0  # within about 200 km of its district's headquarters


def test_online_geocoder_is_off_by_default_and_answers_from_its_cache(tmp_path, monkeypatch):
    """Nominatim is only used when switched on, and a cached answer needs no network at all."""
    import json

    from core.places.geocoders.online import CachedNominatim

    cache = tmp_path / "nominatim.json"
    cache.write_text(json.dumps({"Pir Koh, Dera Bugti": ["Pir Koh, Dera Bugti, Pakistan", 29.0, 69.1, {"osm": 1}]}))
    geocoder = CachedNominatim(cache_file=cache)

    def no_network(*args, **kwargs):
        raise AssertionError("the network must not be used for a cached query")

    monkeypatch.setattr(geocoder, "_geocode", no_network)
    found = geocoder.geocode("Pir Koh, Dera Bugti")
    assert (found.latitude, found.longitude) == (29.0, 69.1)
    monkeypatch.setenv("CONFLICT_GEOCODER", "nominatim")
    assert isinstance(get_geocoder(), CachedNominatim)
    monkeypatch.setenv("CONFLICT_GEOCODER", "offline")
    assert isinstance(get_geocoder(), OfflineGazetteer)
