"""Shared mapping from other datasets' vocabularies to ours: actors, inter codes, tactics, event types."""

from __future__ import annotations

import re
from functools import lru_cache

from core.knowledge.actors import actor_book
from core.knowledge.lexicon import load_tactics, tactic_names
from core.schema import DISORDER_TYPES
from core.store.importers.cells import BadCell


def actor_name(name: str, country: str) -> str:
    """Our (ACLED-style) name for another dataset's perpetrator name; unknown perpetrators are unidentified."""
    book = actor_book()
    if name.casefold() in ("unknown", "unidentified", ""):
        return book.unidentified(country)
    government = re.fullmatch(r"Government of (.+)", name)
    if government:
        return book.military(government.group(1))
    acronym = re.search(r"\(([^)]+)\)\s*$", name)
    plain = re.sub(r"\s*\([^)]*\)\s*$", "", name)
    for candidate in (name, plain, acronym.group(1) if acronym else ""):
        found = book.canonical(candidate)
        if found:
            return found
    return name


@lru_cache(maxsize=1)
def known_tactics() -> frozenset[str]:
    """The tactics data/tactics.csv lists (read once)."""
    return frozenset(tactic_names())


def event_type_of(tactic: str, column: str, against_state: bool = False) -> dict[str, str]:
    """ACLED event type, sub-event type and disorder type of one of our tactics (data/tactics.csv)."""
    if tactic not in known_tactics():
        raise BadCell(column, f"maps to tactic {tactic!r}, which data/tactics.csv does not list")
    row = load_tactics().set_index("tactic").loc[tactic]
    event_type, sub_type = row["event_type"], row["sub_event_type"]
    if against_state and row["event_type_vs_state"]:
        event_type, sub_type = row["event_type_vs_state"], row["sub_event_type_vs_state"]
    return {"event_type": event_type, "sub_event_type": sub_type, "disorder_type": DISORDER_TYPES[event_type]}
