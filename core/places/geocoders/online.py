"""Optional online geocoding: geopy's Nominatim behind RateLimiter, with an on-disk cache.

Off by default (see core.places.geocoders.get_geocoder). Only the dashboard's settings switch it on.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from core.knowledge.datafiles import DATA_DIR

CACHE_FILE = DATA_DIR / "cache" / "nominatim.json"


class CachedNominatim(Geocoder):
    """Nominatim restricted to Pakistan, one request per second, answers cached on disk."""

    def __init__(self, user_agent: str | None = None, cache_file: Path = CACHE_FILE):
        super().__init__()
        agent = user_agent or os.environ.get("CONFLICT_GEOCODER_USER_AGENT", "conflict-event-dashboard")
        self._nominatim = Nominatim(user_agent=agent)
        self._geocode = RateLimiter(self._nominatim.geocode, min_delay_seconds=1.0, max_retries=2)
        self.cache_file = cache_file
        self._cache: dict[str, list | None] = json.loads(cache_file.read_text()) if cache_file.exists() else {}

    def geocode(self, query: str, *, exactly_one: bool = True) -> Location | None:
        """Look the query up, from the cache when it was asked before."""
        if query not in self._cache:
            found = self._geocode(query, exactly_one=True, country_codes="pk")
            self._cache[query] = [found.address, found.latitude, found.longitude, found.raw] if found else None
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            self.cache_file.write_text(json.dumps(self._cache))
        hit = self._cache[query]
        return Location(hit[0], (hit[1], hit[2]), hit[3]) if hit else None
