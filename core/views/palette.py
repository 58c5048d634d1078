"""Colours shared by the map, the timeline and their legends.

Tactic colours come from data/tactics.csv. An event with several tactics is drawn in the colour
of its highest-ranked tactic (the `rank` column), so one event never has two colours.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from core.knowledge.lexicon import load_actors, load_tactics, tactic_colors

UNKNOWN_COLOR = "#6b6b6b"
ACTOR_PALETTE: tuple[str, ...] = (
    "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#1f78b4",
    "#b2df8a", "#fb9a99", "#cab2d6", "#ff7f00", "#6a3d9a", "#b15928", "#33a02c",
)
"""Categorical palette for actors (colour-blind-aware ColorBrewer Dark2 + Paired)."""


def tactic_rank() -> dict[str, int]:
    """Tactic -> rank from data/tactics.csv (higher is more specific)."""
    df = load_tactics()
    return dict(zip(df["tactic"], df["rank"]))


def primary_tactic(tactics: Sequence[str] | None) -> str | None:
    """The highest-ranked tactic of an event, or None when it has none."""
    ranks = tactic_rank()
    known = [t for t in (tactics or ()) if t in ranks]
    return max(known, key=lambda t: ranks[t]) if known else None


def ordered_tactics() -> list[str]:
    """Every tactic, highest rank first (the legend order)."""
    df = load_tactics().sort_values("rank", ascending=False)
    return list(df["tactic"])


def actor_colors(actors: Iterable[str]) -> dict[str, str]:
    """Actor -> colour. Actors listed in data/actors.csv keep their colour whatever the filter."""
    known = list(load_actors()["actor"])
    colors = {a: ACTOR_PALETTE[i % len(ACTOR_PALETTE)] for i, a in enumerate(known)}
    extra = sorted({a for a in actors if a and a not in colors})
    for i, a in enumerate(extra, start=len(known)):
        colors[a] = ACTOR_PALETTE[i % len(ACTOR_PALETTE)]
    return colors


def color_for(value: str | None, palette: dict[str, str]) -> str:
    """The colour of a tactic or actor, grey for an unknown one."""
    return palette.get(value or "", UNKNOWN_COLOR)


__all__ = ["actor_colors", "color_for", "ordered_tactics", "primary_tactic", "tactic_colors", "tactic_rank"]
