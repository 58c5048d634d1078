"""The filter as URL query parameters and back, so that a link opens the same view.

Parameters: `since`, `until` (ISO dates), `actor`, `admin1`, `admin2`, `tactic`, `event_type`
(repeated for several values), `role` (what the actors did: `by`, the default, `against` or `either`),
`civilians` (`only` or `exclude`), `q` (search text) and `area`
(a drawn polygon as `lon lat,lon lat,...`). Unknown or malformed values are ignored, never raised.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date

from core.store.filters import ACTOR_ROLES, EventFilter

LIST_PARAMS: dict[str, str] = {
    "actor": "actors",
    "admin1": "admin1",
    "admin2": "admin2",
    "tactic": "tactics",
    "event_type": "event_types",
}
"""URL parameter -> EventFilter field, for fields that hold several values."""

FILTER_PARAMS: tuple[str, ...] = ("since", "until", *LIST_PARAMS, "role", "civilians", "q", "area")
"""Every parameter this module reads or writes; other parameters (page state) are left alone."""

_CIVILIANS = {"only": True, "exclude": False}


def filter_to_params(f: EventFilter) -> dict[str, str | list[str]]:
    """The filter as query parameters; parameters for unrestricted fields are left out."""
    params: dict[str, str | list[str]] = {}
    if f.since:
        params["since"] = f.since.isoformat()
    if f.until:
        params["until"] = f.until.isoformat()
    for param, attr in LIST_PARAMS.items():
        values = list(getattr(f, attr))
        if values:
            params[param] = values
    if f.actors and f.actor_role != "by":
        params["role"] = f.actor_role
    if f.civilian_targeting is not None:
        params["civilians"] = "only" if f.civilian_targeting else "exclude"
    if f.text.strip():
        params["q"] = f.text.strip()
    area = area_to_param(f.area)
    if area:
        params["area"] = area
    return params


def filter_from_params(params: Mapping[str, str | list[str]]) -> EventFilter:
    """Read a filter from query parameters (values may be single strings or lists)."""

    def values(name: str) -> list[str]:
        raw = params.get(name)
        if raw is None:
            return []
        items = [raw] if isinstance(raw, str) else list(raw)
        return [v for v in (str(i).strip() for i in items) if v]

    def one(name: str) -> str:
        found = values(name)
        return found[-1] if found else ""

    return EventFilter(
        since=_parse_date(one("since")),
        until=_parse_date(one("until")),
        **{attr: tuple(dict.fromkeys(values(param))) for param, attr in LIST_PARAMS.items()},
        actor_role=one("role") if one("role") in ACTOR_ROLES else "by",
        civilian_targeting=_CIVILIANS.get(one("civilians")),
        text=one("q"),
        area=area_from_param(one("area")),
    )


def _parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def area_to_param(area: dict | None) -> str:
    """A drawn polygon as `lon lat,lon lat,...` (outer ring, 5 decimals); '' for none or other shapes."""
    if not area or area.get("type") != "Polygon" or not area.get("coordinates"):
        return ""
    ring = area["coordinates"][0]
    return ",".join(f"{lon:.5f} {lat:.5f}" for lon, lat in ring)


def area_from_param(text: str) -> dict | None:
    """Inverse of area_to_param; None when the text is not a ring of at least three points."""
    try:
        ring = [[float(x) for x in pair.split()] for pair in text.split(",") if pair.strip()]
    except ValueError:
        return None
    if len(ring) < 3 or any(len(p) != 2 for p in ring):
        return None
    # "?area=nan 0,…" or a point off the globe: no area, never an error on every page
    if not all(math.isfinite(x) and math.isfinite(y) and -180 <= x <= 180 and -90 <= y <= 90 for x, y in ring):
        return None
    if ring[0] != ring[-1]:
        ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [ring]}
