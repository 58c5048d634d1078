"""The project's one distance: great-circle kilometres between WGS84 points.

>>> round(float(distance_km(30.18, 66.99, 29.70, 67.45)))  # Quetta to Mashkaf
69
"""

from __future__ import annotations

import numpy as np

EARTH_RADIUS_KM = 6371.0088
"""The mean Earth radius (IUGG)."""


def distance_km(lat1, lon1, lat2, lon2):
    """Haversine distance in km; takes scalars or arrays (NaN where a coordinate is missing)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(np.asarray(lon2, dtype=float) - np.asarray(lon1, dtype=float))
    h = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(h, 1.0)))
