"""Greedy placement of map labels so that no two labels overlap.

Labels are tried in priority order at eight positions around their anchor point. A position is
taken when its box stays inside the axes and clear of every label already placed; among those,
the one covering the fewest event markers wins. A label with no free position is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

# (dx, dy) in units of the offset, with the matching alignment; right and above come first.
_POSITIONS: tuple[tuple[float, float, str, str], ...] = (
    (1, 0.6, "left", "bottom"),
    (1, -0.6, "left", "top"),
    (-1, 0.6, "right", "bottom"),
    (-1, -0.6, "right", "top"),
    (1.2, 0, "left", "center"),
    (-1.2, 0, "right", "center"),
    (0, 1.2, "center", "bottom"),
    (0, -1.2, "center", "top"),
)


@dataclass(frozen=True)
class Label:
    """One label request: text at (x, y) in data coordinates, with matplotlib text properties."""

    x: float
    y: float
    text: str
    style: dict = field(default_factory=dict)


def place_labels(
    ax: Axes,
    labels: list[Label],
    obstacles: np.ndarray | None = None,
    offset_pt: float = 5.0,
    pad_px: float = 2.0,
) -> list[Annotation]:
    """Add the labels to `ax` without overlaps; returns the annotations that were placed.

    `obstacles` are (n, 2) display coordinates of markers that labels should avoid covering.
    """
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    points = np.empty((0, 2)) if obstacles is None else np.asarray(obstacles, dtype=float).reshape(-1, 2)
    taken: list[Bbox] = []
    placed: list[Annotation] = []
    halo = [patheffects.withStroke(linewidth=3, foreground="white", alpha=0.9)]
    for label in labels:
        ann = ax.annotate(label.text, (label.x, label.y), xytext=(0, 0), textcoords="offset points",
                          path_effects=halo, zorder=6, **label.style)
        best: tuple[int, int] | None = None
        for i, (dx, dy, ha, va) in enumerate(_POSITIONS):
            box = _box_at(ann, renderer, (dx * offset_pt, dy * offset_pt), ha, va).padded(pad_px)
            if not _inside(box, frame) or any(box.overlaps(other) for other in taken):
                continue
            covered = int(np.count_nonzero(_in_box(points, box))) if len(points) else 0
            if best is None or covered < best[0]:
                best = (covered, i)
            if covered == 0:
                break
        if best is None:
            ann.remove()
            continue
        dx, dy, ha, va = _POSITIONS[best[1]]
        taken.append(_box_at(ann, renderer, (dx * offset_pt, dy * offset_pt), ha, va).padded(pad_px))
        placed.append(ann)
    return placed


def _box_at(ann: Annotation, renderer, offset: tuple[float, float], ha: str, va: str) -> Bbox:
    ann.xyann = offset
    ann.set_horizontalalignment(ha)
    ann.set_verticalalignment(va)
    return ann.get_window_extent(renderer)


def _inside(box: Bbox, frame: Bbox) -> bool:
    return box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0 and box.y1 <= frame.y1


def _in_box(points: np.ndarray, box: Bbox) -> np.ndarray:
    x, y = points[:, 0], points[:, 1]
    return (x >= box.x0) & (x <= box.x1) & (y >= box.y0) & (y <= box.y1)
