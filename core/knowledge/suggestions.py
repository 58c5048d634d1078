"""Spelling suggestions for names the knowledge files do not hold ("Turbut" -> "Turbat?").

Suggestions are shown to the analyst next to the unknown name; they are never applied by themselves.

>>> place_suggestions("Turbut")
['Turbat']
>>> actor_suggestions("Baloch Liberation Amry")[0]
'Baloch Liberation Army'
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz, process, utils

from core.knowledge.actors import actor_book
from core.knowledge.gazetteer import default_gazetteer

CUTOFF = 75
"""The least similarity (0-100, rapidfuzz's ratio, the whole name against the whole name) a suggestion needs."""


def suggestions(name: str, choices: tuple[str, ...], limit: int = 3) -> list[str]:
    """The choices most like `name`, best first, without `name` itself."""
    found = process.extract(name, choices, scorer=fuzz.ratio, processor=utils.default_process,
                            score_cutoff=CUTOFF, limit=limit + 1)
    out = []
    for choice, _, _ in found:
        if choice.casefold() != name.casefold() and choice not in out:
            out.append(choice)
    return out[:limit]


def place_suggestions(name: str, limit: int = 3) -> list[str]:
    """Gazetteer names that look like a place name the gazetteer does not know."""
    return suggestions(name, _place_names(), limit)


def actor_suggestions(name: str, limit: int = 3) -> list[str]:
    """Listed actor names that look like a group name data/actors.csv does not list."""
    return suggestions(name, _actor_names(), limit)


@lru_cache(maxsize=1)
def _place_names() -> tuple[str, ...]:
    return tuple(sorted(default_gazetteer().surface_forms))


@lru_cache(maxsize=1)
def _actor_names() -> tuple[str, ...]:
    book = actor_book()
    return tuple(sorted({a.alias for a in book.aliases} | set(book.actors)))
