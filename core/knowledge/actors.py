"""The one actor-knowledge module: canonical actors, their aliases and sub-units, sides and ACLED inter codes.

Everything comes from data/actors.csv, data/actor_aliases.csv, data/target_types.csv and the naming
patterns in data/settings.csv, so an analyst adds an actor or an alias without a programmer.

>>> book = actor_book()
>>> book.canonical("BLA"), book.inter("BLA")
('Baloch Liberation Army', 2)
>>> book.unidentified("Afghanistan")
'Unidentified Armed Group (Afghanistan)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from core.knowledge.datafiles import LexiconError, read_rows, setting

SIDES = ("state", "nonstate", "civilian", "external")
"""What data/actors.csv may say of an actor's side."""
_PERIOD = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)$")
"""ACLED's period suffix on a government's name: 'Government of Afghanistan (2021-)'."""
_HEX_COLOR = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True)
class Actor:
    """One row of data/actors.csv."""

    name: str
    short: str
    inter: int
    side: str
    country: str
    target_type: str
    color: str
    """The colour the actor is drawn in on maps, charts and legends ('' lets the palette choose)."""


@dataclass(frozen=True)
class Alias:
    """One row of data/actor_aliases.csv: a way a report names an actor (kind name, unidentified or generic)."""

    alias: str
    actor: str
    subunit: str
    kind: str


class ActorBook:
    """Lookups over the actor files: built once per process by `actor_book()`."""

    def __init__(self, actors: list[Actor], aliases: list[Alias], target_types: dict[str, tuple[str, str]]):
        self.actors = {a.name: a for a in actors}
        self.aliases = tuple(aliases)
        self.target_types = target_types
        self._names: dict[str, str] = {}
        for a in actors:
            self._names.setdefault(a.name.casefold(), a.name)
            self._names.setdefault(a.short.casefold(), a.name)
        for al in aliases:
            if al.actor:
                self._names.setdefault(al.alias.casefold(), al.actor)
        self._subunits: dict[str, tuple[str, ...]] = {}
        for al in aliases:
            if al.subunit and al.actor:
                units = self._subunits.setdefault(al.actor, ())
                if al.subunit not in units:
                    self._subunits[al.actor] = (*units, al.subunit)

    # -- names
    def canonical(self, name: str | None) -> str | None:
        """The listed actor a name, short name or alias stands for (case-insensitive), or None."""
        if not name:
            return None
        return self._names.get(name.strip().casefold()) or self._names.get(_PERIOD.sub("", name.strip()).casefold())

    def resolve(self, name: str) -> str:
        """The listed actor a name stands for, else the name as written (an unlisted group keeps its name)."""
        return self.canonical(name) or name.strip()

    def names(self) -> dict[str, str]:
        """Every accepted spelling (case-folded) -> canonical actor."""
        return dict(self._names)

    def subunits(self, actor: str) -> tuple[str, ...]:
        """Sub-units of an actor (BLA -> Majeed Brigade, STOS, ...), in data/actor_aliases.csv order."""
        return tuple(sorted(self._subunits.get(actor, ())))

    # -- the naming patterns of data/settings.csv
    def default_country(self) -> str:
        """The country events are placed in when a report names no other."""
        return setting("default_country")

    def unidentified(self, country: str | None = None) -> str:
        """'Unidentified Armed Group (Pakistan)'."""
        return setting("unidentified_actor").format(country=country or self.default_country())

    def civilians(self, country: str | None = None) -> str:
        """'Civilians (Pakistan)'."""
        return setting("civilians_actor").format(country=country or self.default_country())

    def military(self, country: str | None = None) -> str:
        """'Military Forces of Pakistan'."""
        return setting("military_actor").format(country=country or self.default_country())

    def government(self, country: str | None = None) -> str:
        """'Government of Pakistan'."""
        return setting("government_actor").format(country=country or self.default_country())

    def is_listed(self, name: str | None) -> bool:
        """True for a name data/actors.csv or data/actor_aliases.csv knows, or one the naming patterns of
        data/settings.csv make ('Military Forces of Iran', 'Unidentified Armed Group (Afghanistan)')."""
        return bool(name) and (self.canonical(name) is not None or bool(self._pattern_kind(name.strip())))

    def is_unidentified(self, name: str | None) -> bool:
        """True for an unidentified or unknown perpetrator ('Unidentified Armed Group (X)', 'Unknown')."""
        if not name:
            return True
        prefix = setting("unidentified_actor").split("{", 1)[0].strip().casefold()
        return name.casefold().startswith((prefix, "unidentified", "unknown"))

    # -- sides and codes
    def side(self, name: str | None) -> str:
        """state, nonstate, civilian or external; unlisted names are read from the naming patterns."""
        listed = self.actors.get(self.canonical(name) or "")
        if listed:
            return listed.side
        if not name:
            return "nonstate"
        kind = self._pattern_kind(name)
        return {"military": "state", "police": "state", "government": "state", "civilians": "civilian"}.get(kind, "nonstate")

    def inter(self, name: str) -> int:
        """ACLED inter code: the listed actor's, else by naming pattern, else the one fallback for unlisted groups."""
        listed = self.actors.get(self.canonical(name) or "")
        if listed:
            return listed.inter
        kind = self._pattern_kind(name)
        if kind in ("military", "police", "government"):
            return 1
        if kind == "civilians":
            return 7
        return int(setting("unlisted_actor_inter"))

    def target_type(self, name: str | None) -> str | None:
        """GTD target type of an actor when it is attacked (Police Forces -> Police)."""
        listed = self.actors.get(self.canonical(name) or "")
        if listed and listed.target_type:
            return listed.target_type
        kind = self._pattern_kind(name or "")
        return {"military": "Military", "police": "Police", "civilians": "Private Citizens & Property"}.get(
            kind, "Terrorists/Non-State Militia" if self.side(name) == "nonstate" else None)

    def actor_of_target_type(self, target_type: str | None, country: str | None = None) -> str | None:
        """The actor ACLED would code as the side attacked, from a GTD target type (Police -> Police Forces of X)."""
        template = self.target_types.get(target_type or "", ("", ""))[1]
        return template.format(country=country or self.default_country()) if template else None

    def target_side(self, target_type: str | None) -> str:
        """civilian, state, nonstate or other, for a GTD target type (data/target_types.csv)."""
        return self.target_types.get(target_type or "", ("other", ""))[0]

    def _pattern_kind(self, name: str) -> str:
        for key in ("military", "police", "government", "civilians", "unidentified"):
            prefix, _, suffix = setting(f"{key}_actor").partition("{country}")
            if name.startswith(prefix) and name.endswith(suffix) and len(name) > len(prefix) + len(suffix):
                return key
        return ""


@cache
def actor_book() -> ActorBook:
    """The actor knowledge, read once per process."""
    actors = []
    for i, row in enumerate(read_rows("actors.csv", ("actor", "short", "inter", "side", "country"),
                                      ("target_type", "color")), start=2):
        if row["side"] not in SIDES:
            raise LexiconError(f"data/actors.csv, line {i}: side {row['side']!r} is not one of {SIDES}")
        try:
            inter = int(row["inter"])
        except ValueError:
            raise LexiconError(f"data/actors.csv, line {i}: inter {row['inter']!r} is not a number") from None
        if row["color"] and not _HEX_COLOR.fullmatch(row["color"]):
            raise LexiconError(f"data/actors.csv, line {i}: color {row['color']!r} is not a #rrggbb colour")
        actors.append(Actor(row["actor"], row["short"], inter, row["side"], row["country"], row["target_type"],
                            row["color"].lower()))
    known = {a.name for a in actors}
    aliases = []
    for i, row in enumerate(read_rows("actor_aliases.csv", ("alias", "kind"), ("actor", "subunit")), start=2):
        if row["kind"] != "generic" and row["actor"] not in known:
            raise LexiconError(f"data/actor_aliases.csv, line {i}: actor {row['actor']!r} is not in actors.csv")
        aliases.append(Alias(row["alias"], row["actor"], row["subunit"], row["kind"]))
    targets = {row["target_type"]: (row["side"], row["actor"])
               for row in read_rows("target_types.csv", ("target_type", "side"), ("actor",))}
    return ActorBook(actors, aliases, targets)
