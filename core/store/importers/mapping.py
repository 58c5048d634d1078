"""Shared mapping from other datasets' vocabularies to ours: actors, inter codes, tactics, event types."""

from __future__ import annotations

import re
from functools import lru_cache

from core.knowledge.lexicon import load_actor_aliases, load_actors, load_tactics
from core.schema import DISORDER_TYPES, tactic_names
from core.store.importers.cells import BadCell

STATE_TARGETS = {"Police": "Police Forces of {country}", "Military": "Military Forces of {country}"}
CIVILIAN_TARGETS = frozenset({
    "Business", "Educational Institution", "Food or Water Supply", "Journalists & Media", "NGO",
    "Private Citizens & Property", "Religious Figures/Institutions", "Tourists", "Transportation",
    "Abortion Related", "Airports & Aircraft", "Maritime", "Telecommunication", "Utilities"})
"""GTD target types whose victims ACLED would code as civilians."""
UNIDENTIFIED = "Unidentified Armed Group ({country})"
DEFAULT_NONSTATE_INTER = 2
UNIDENTIFIED_INTER = 3


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    rows = load_actor_aliases()
    named = rows[rows["actor"] != ""]
    return {a.casefold(): b for a, b in zip(named["alias"], named["actor"])}


@lru_cache(maxsize=1)
def _inter_codes() -> dict[str, int]:
    rows = load_actors()
    return dict(zip(rows["actor"], rows["inter"]))


def actor_name(name: str, country: str) -> str:
    """Our (ACLED-style) name for another dataset's perpetrator name; unknown perpetrators are unidentified."""
    if name.casefold() in ("unknown", "unidentified", ""):
        return UNIDENTIFIED.format(country=country)
    government = re.fullmatch(r"Government of (.+)", name)
    if government:
        return f"Military Forces of {government.group(1)}"
    aliases = _aliases()
    acronym = re.search(r"\(([^)]+)\)\s*$", name)
    plain = re.sub(r"\s*\([^)]*\)\s*$", "", name)
    for candidate in (name, plain, acronym.group(1) if acronym else ""):
        if candidate.casefold() in aliases:
            return aliases[candidate.casefold()]
    return name


def inter_code(actor: str) -> int:
    """ACLED inter code of one of our actor names."""
    if actor.startswith(("Military Forces of", "Police Forces of")):
        return 1
    if actor.startswith("Civilians"):
        return 7
    if actor.startswith("Unidentified"):
        return _inter_codes().get(actor, UNIDENTIFIED_INTER)
    return _inter_codes().get(actor, DEFAULT_NONSTATE_INTER)


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
