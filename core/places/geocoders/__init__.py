"""geopy geocoders: the offline gazetteer (default) and an optional, cached Nominatim.

The online geocoder is off unless the setting CONFLICT_GEOCODER=nominatim is given; it is
never used by the tests.
"""

from __future__ import annotations

import os

from geopy.geocoders.base import Geocoder

from core.places.geocoders.offline import OfflineGazetteer

GEOCODER_SETTING = "CONFLICT_GEOCODER"


def get_geocoder(name: str | None = None) -> Geocoder:
    """The geocoder named by `name` or by the CONFLICT_GEOCODER setting (default: offline)."""
    choice = (name or os.environ.get(GEOCODER_SETTING) or "offline").lower()
    if choice == "offline":
        return OfflineGazetteer()
    if choice == "nominatim":
        from core.places.geocoders.online import CachedNominatim

        return CachedNominatim()
    raise ValueError(f"unknown geocoder {choice!r}: use 'offline' or 'nominatim'")
