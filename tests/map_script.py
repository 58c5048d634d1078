"""Read the event rows back out of a rendered map script (the payloads of core.views.maps.EventLayer)."""

from __future__ import annotations

import json
import re

PAYLOAD = re.compile(r"var data = (\{.*?\});\n")


def payloads(script: str) -> list[dict]:
    """Every EventLayer payload in a map's JavaScript."""
    return [json.loads(m.group(1).replace("<\\/", "</")) for m in PAYLOAD.finditer(script)]


def marker_count(script: str) -> int:
    """How many markers (events or aggregate cells) the script draws."""
    return sum(len(p["rows"]) for p in payloads(script))


def event_ids(script: str) -> set[str]:
    """The ids of the events the script draws one by one (a row's last field; cells carry none)."""
    return {row[10] for p in payloads(script) if not p.get("cells") for row in p["rows"]}


def shown_event_ids(page: str) -> set[str]:
    """The events a map page holds: drawn one by one, or listed among those without coordinates."""
    return event_ids(page) | set(re.findall(r" · event ([^<\s]+)</li>", page))
