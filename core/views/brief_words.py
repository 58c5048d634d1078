"""The words and settings of briefs, read from data/briefs.csv: title nouns, plural tactics, how actors read in
running text, which claim kinds a brief lists, and the top-events rule's settings.

Nothing here imports matplotlib, so the dashboard's export panel can build titles cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from core.knowledge.datafiles import DATA_DIR, LexiconError, read_rows

FILE = "briefs.csv"
KINDS: tuple[str, ...] = (
    "setting", "title_noun", "role_word", "tactic_plural", "actor_title", "claim_kind", "place_short")
"""The kinds of row data/briefs.csv may hold."""
DEFAULT_ACTOR = "*"
"""The actor_title key of the default pattern ('the {actor}')."""


@dataclass(frozen=True)
class BriefWords:
    """data/briefs.csv, one mapping per kind of row."""

    settings: dict[str, str]
    title_nouns: dict[str, str]
    role_words: dict[str, str]
    tactic_plurals: dict[str, str]
    actor_titles: dict[str, str]
    claim_kinds: dict[str, str]
    place_shorts: dict[str, str]

    def number(self, key: str) -> int:
        """An integer setting; LexiconError naming the key when it is missing or not a number."""
        try:
            return int(self.settings[key])
        except (KeyError, ValueError):
            raise LexiconError(f"{DATA_DIR / FILE}: setting {key!r} must be a whole number") from None

    def actor_title(self, actor: str) -> str:
        """How an actor reads in a title: 'the Baloch Liberation Army', 'unidentified armed groups'."""
        pattern = self.actor_titles.get(actor) or self.actor_titles.get(DEFAULT_ACTOR, "{actor}")
        return pattern.replace("{actor}", actor)

    def tactic_plural(self, tactic: str) -> str:
        """'ambush' -> 'ambushes'; a tactic without a row keeps its name."""
        return self.tactic_plurals.get(tactic, tactic)

    @property
    def rank_counts(self) -> tuple[str, ...]:
        """The counts that rank top events, most important first."""
        return tuple(part.strip() for part in self.settings.get("rank_counts", "").split("|") if part.strip())


@cache
def brief_words() -> BriefWords:
    """data/briefs.csv read once; LexiconError for an unknown kind of row."""
    tables: dict[str, dict[str, str]] = {kind: {} for kind in KINDS}
    for i, row in enumerate(read_rows(FILE, ("kind", "key", "value")), start=2):
        if row["kind"] not in tables:
            raise LexiconError(f"{DATA_DIR / FILE}, line {i}: kind {row['kind']!r} is not one of {', '.join(KINDS)}")
        tables[row["kind"]][row["key"]] = row["value"]
    return BriefWords(settings=tables["setting"], title_nouns=tables["title_noun"], role_words=tables["role_word"],
                      tactic_plurals=tables["tactic_plural"], actor_titles=tables["actor_title"],
                      claim_kinds=tables["claim_kind"], place_shorts=tables["place_short"])
