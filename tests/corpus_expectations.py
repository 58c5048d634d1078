"""Compare extracted events with the hand annotations in tests/corpus/*.expected.json."""

from __future__ import annotations

import json
from pathlib import Path

from core.knowledge.distance import distance_km

CORPUS = Path(__file__).parent / "corpus"

_DIRECT = (
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "admin2",
    "fatalities", "fatalities_qualifier", "injuries", "hostages", "civilian_targeting",
)


def expectation_files() -> list[Path]:
    """Every annotation file of the corpus."""
    return sorted(CORPUS.glob("*.expected.json"))


def load(path: Path) -> dict:
    """One annotation."""
    return json.loads(path.read_text(encoding="utf-8"))


def within_km(near: dict, lat: float | None, lon: float | None) -> bool:
    """Whether a point lies within the annotation's tolerance {lat, lon, km}."""
    return lat is not None and lon is not None and float(distance_km(near["lat"], near["lon"], lat, lon)) <= near["km"]


def mismatches(expected: dict, event: dict, text: str) -> list[str]:
    """Every way `event` differs from one expected event (empty when it matches)."""
    out = []
    for key in _DIRECT:
        if key in expected and expected[key] != event.get(key):
            out.append(f"{key}: expected {expected[key]!r}, got {event.get(key)!r}")
    if "tactics_include" in expected and not set(expected["tactics_include"]) <= set(event["tactics"]):
        out.append(f"tactics: expected to include {expected['tactics_include']}, got {event['tactics']}")
    for n in ("1", "2"):
        key = f"assoc_actor_{n}_include"
        if key in expected:
            got = set(filter(None, (event.get(f"assoc_actor_{n}") or "").split("; ")))
            if not set(expected[key]) <= got:
                out.append(f"assoc_actor_{n}: expected to include {expected[key]}, got {sorted(got)}")
    if "claimed_by" in expected:
        got = sorted(filter(None, (event.get("claimed_by") or "").split("; ")))
        if sorted(expected["claimed_by"]) != got:
            out.append(f"claimed_by: expected {expected['claimed_by']}, got {got}")
    if "location_contains" in expected:
        where = " ".join(str(event.get(k) or "") for k in ("location", "admin3", "admin2"))
        if expected["location_contains"].lower() not in where.lower():
            out.append(f"location: expected to contain {expected['location_contains']!r}, got {where!r}")
    if "near" in expected:
        near = expected["near"]
        if not within_km(near, event.get("latitude"), event.get("longitude")):
            out.append(f"coordinates: expected within {near['km']} km of {near['lat']}, {near['lon']}")
    if "sentence_contains" in expected:
        excerpts = " ".join(x["text"] for x in event["source_excerpt"])
        if expected["sentence_contains"] not in excerpts:
            out.append(f"source_excerpt: expected to contain {expected['sentence_contains']!r}")
    return out


def match_events(annotation: dict, events: list[dict], text: str) -> list[tuple[dict, dict | None, list[str]]]:
    """Pair each expected event with the extracted event that differs least from it."""
    free = list(range(len(events)))
    pairs = []
    for exp in annotation["events"]:
        scored = sorted(free, key=lambda i: len(mismatches(exp, events[i], text)))
        if not scored:
            pairs.append((exp, None, ["no extracted event left to match"]))
            continue
        best = scored[0]
        free.remove(best)
        pairs.append((exp, events[best], mismatches(exp, events[best], text)))
    return pairs
