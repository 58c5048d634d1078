"""Colours shared by the map, the timeline, the snapshots and their legends: one rule for all of them.

Tactic colours come from data/tactics.csv. An event with several tactics is drawn in the colour
of its highest-ranked tactic (the `rank` column), so one event never has two colours.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from core.knowledge.actors import actor_book
from core.knowledge.lexicon import NO_TACTIC, load_tactics, primary_tactic, tactic_colors

UNKNOWN_COLOR = "#6b6b6b"
COLOR_BY: tuple[str, ...] = ("tactic", "actor")
ACTOR_PALETTE: tuple[str, ...] = (
    "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#1f78b4",
    "#b2df8a", "#fb9a99", "#cab2d6", "#ff7f00", "#6a3d9a", "#b15928", "#33a02c",
    "#e41a1c", "#377eb8", "#984ea3", "#a65628", "#f781bf", "#999999", "#8dd3c7", "#bebada",
    "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5", "#bc80bd", "#ccebc5", "#ffed6f",
    "#17becf", "#9edae5",
)
"""Categorical palette for actors (ColorBrewer Dark2, Paired, Set1 and Set3): one colour for each listed actor."""


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
    """Actor -> colour. Actors listed in data/actors.csv keep their colour whatever the filter."""
    known = list(actor_book().actors)
    colors = {a: ACTOR_PALETTE[i % len(ACTOR_PALETTE)] for i, a in enumerate(known)}
    extra = sorted({a for a in actors if a and a not in colors})
    for i, a in enumerate(extra, start=len(known)):
        colors[a] = ACTOR_PALETTE[i % len(ACTOR_PALETTE)]
    return colors


def group_colors(events: pd.DataFrame, color_by: str) -> tuple[pd.Series, dict[str, str]]:
    """Each event's colour group (primary tactic or actor1) and the palette for the groups."""
    if color_by == "tactic":
        return primary_tactics(events), tactic_colors()
    if color_by == "actor":
        actors = events["actor1"].fillna("unknown actor").astype(object)
        return actors, actor_colors(actors.unique())
    raise ValueError(f"unknown colour scheme {color_by!r}; choose one of {', '.join(COLOR_BY)}")


def color_for(value: str | None, palette: dict[str, str]) -> str:
    """The colour of a tactic or actor, grey for an unknown one."""
    return palette.get(value or "", UNKNOWN_COLOR)
