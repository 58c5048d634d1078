"""Colours shared by the map, the timeline, the snapshots and their legends: one rule for all of them.

Tactic colours come from data/tactics.csv. An event with several tactics is drawn in the colour
of its highest-ranked tactic (the `rank` column), so one event never has two colours.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from core.knowledge.actors import actor_book
from core.knowledge.lexicon import NO_ACTOR, NO_TACTIC, load_tactics, primary_tactic, tactic_colors

UNKNOWN_COLOR = "#6b6b6b"
COLOR_BY: tuple[str, ...] = ("tactic", "actor")
EXTRA_ACTOR_PALETTE: tuple[str, ...] = (
    "#694b00", "#f06978", "#a569d2", "#1e3c69", "#2d4b3c", "#b4a5a5", "#96962d", "#2d782d", "#c30fff",
    "#876996", "#5ab4c3", "#96003c",
)
"""Colours for actors data/actors.csv does not list, chosen to stay apart from the listed actors' colours
(and from UNKNOWN_COLOR) with normal vision and with red-green colour blindness."""


def primary_tactics(events: pd.DataFrame) -> pd.Series:
    """Each event's primary tactic (NO_TACTIC when it has none), computed once per distinct tactic list."""
    keys = events["tactics"].map(lambda ts: "|".join(ts) if isinstance(ts, (list, tuple)) else "")
    codes, uniques = pd.factorize(keys)
    primaries = np.array([primary_tactic(k.split("|") if k else []) or NO_TACTIC for k in uniques] or [NO_TACTIC],
                         dtype=object)
    return pd.Series(primaries[codes] if len(codes) else [], index=events.index, dtype=object)


def ordered_tactics() -> list[str]:
    """Every tactic, highest rank first (the legend order)."""
    df = load_tactics().sort_values("rank", ascending=False)
    return list(df["tactic"])


def actor_colors(actors: Iterable[str]) -> dict[str, str]:
    """Actor -> colour. Actors listed in data/actors.csv have their `color` whatever the filter; others
    take the extra colours in name order (cycling when there are more of them than colours)."""
    colors = {name: a.color for name, a in actor_book().actors.items() if a.color}
    colors[NO_ACTOR] = UNKNOWN_COLOR
    extra = sorted({a for a in actors if a and a not in colors})
    colors.update((a, EXTRA_ACTOR_PALETTE[i % len(EXTRA_ACTOR_PALETTE)]) for i, a in enumerate(extra))
    return colors


def group_colors(events: pd.DataFrame, color_by: str) -> tuple[pd.Series, dict[str, str]]:
    """Each event's colour group (primary tactic or actor1) and the palette for the groups."""
    if color_by == "tactic":
        return primary_tactics(events), tactic_colors()
    if color_by == "actor":
        actors = events["actor1"].fillna(NO_ACTOR).astype(object)
        return actors, actor_colors(actors.unique())
    raise ValueError(f"unknown colour scheme {color_by!r}; choose one of {', '.join(COLOR_BY)}")


def color_for(value: str | None, palette: dict[str, str]) -> str:
    """The colour of a tactic or actor, grey for an unknown one."""
    return palette.get(value or "", UNKNOWN_COLOR)
