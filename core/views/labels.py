"""Greedy placement of map labels so that no two labels overlap.

Labels are tried in priority order. A point label is tried at eight positions around its anchor, an area label
(`centred`) on its anchor and then a little above, below or beside it. A position is taken when its box stays
inside the axes, clear of every label already placed and of the `reserved` boxes (inset, scale bar, north arrow);
among those, the one covering the fewest event markers wins, and a label with `max_cover` set refuses positions
covering more markers than that. A label with no free position is left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

# (dx, dy) in units of the offset, with the matching alignment; right and above come first.
_AROUND: tuple[tuple[float, float, str, str], ...] = (
    (1, 0.6, "left", "bottom"),
    (1, -0.6, "left", "top"),
    (-1, 0.6, "right", "bottom"),
    (-1, -0.6, "right", "top"),
    (1.2, 0, "left", "center"),
    (-1.2, 0, "right", "center"),
    (0, 1.2, "center", "bottom"),
    (0, -1.2, "center", "top"),
)
_CENTRED: tuple[tuple[float, float, str, str], ...] = (
    (0, 0, "center", "center"),
    (0, 2.5, "center", "center"),
    (0, -2.5, "center", "center"),
    (4, 0, "center", "center"),
    (-4, 0, "center", "center"),
)


@dataclass(frozen=True)
class Label:
    """One label request: text at (x, y) in data coordinates, with matplotlib text properties.

    `centred` labels name areas (provinces, countries); `max_cover` limits how many event markers the label may
    hide (None: no limit, the fewest still win).
    """

    x: float
    y: float
    text: str
    style: dict = field(default_factory=dict)
    centred: bool = False
    max_cover: int | None = None


def place_labels(
    ax: Axes,
    labels: Sequence[Label],
    obstacles: np.ndarray | None = None,
    offset_pt: float = 5.0,
    pad_px: float = 2.0,
    reserved: Sequence[Bbox] = (),
    limit: int | None = None,
    spacing_px: float = 0.0,
) -> list[tuple[Label, Annotation]]:
    """Add the labels to `ax` without overlaps, at most `limit` of them, none anchored within `spacing_px` of a
    label placed before it in this call; returns each placed label with its annotation.

    `obstacles` are (n, 2) display coordinates of markers that labels should avoid covering.
    """
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    points = np.empty((0, 2)) if obstacles is None else np.asarray(obstacles, dtype=float).reshape(-1, 2)
    taken = np.array([[b.x0, b.y0, b.x1, b.y1] for b in reserved], dtype=float).reshape(-1, 4)
    offset_px = offset_pt * ax.figure.dpi / 72
    halo = [patheffects.withStroke(linewidth=3, foreground="white", alpha=0.9)]
    placed = []
    anchors = np.empty((0, 2))
    for label in labels:
        if limit is not None and len(placed) >= limit:
            break
        anchor = ax.transData.transform((label.x, label.y))
        if spacing_px and len(anchors) and np.min(np.hypot(*(anchors - anchor).T)) < spacing_px:
            continue
        ann = ax.annotate(label.text, (label.x, label.y), xytext=(0, 0), textcoords="offset points",
                          path_effects=halo, zorder=6, ha="left", va="bottom", parse_math=False, **label.style)
        size = ann.get_window_extent(renderer)
        best: tuple[int, int, np.ndarray] | None = None
        positions = _CENTRED if label.centred else _AROUND
        for i, (dx, dy, ha, va) in enumerate(positions):
            box = _box(anchor, size.width, size.height, dx * offset_px, dy * offset_px, ha, va, pad_px)
            if not _inside(box, frame) or _overlaps(box, taken):
                continue
            covered = int(np.count_nonzero(_in_box(points, box))) if len(points) else 0
            if label.max_cover is not None and covered > label.max_cover:
                continue
            if best is None or covered < best[0]:
                best = (covered, i, box)
            if covered == 0:
                break
        if best is None:
            ann.remove()
            continue
        dx, dy, ha, va = positions[best[1]]
        ann.xyann = (dx * offset_pt, dy * offset_pt)
        ann.set_horizontalalignment(ha)
        ann.set_verticalalignment(va)
        taken = np.vstack([taken, best[2]])
        anchors = np.vstack([anchors, anchor])
        placed.append((label, ann))
    return placed


def _box(anchor: np.ndarray, width: float, height: float, dx: float, dy: float, ha: str, va: str,
         pad: float) -> np.ndarray:
    """[x0, y0, x1, y1] of a text box of the given size, aligned at anchor + (dx, dy), padded."""
    x = anchor[0] + dx - {"left": 0.0, "center": width / 2, "right": width}[ha]
    y = anchor[1] + dy - {"bottom": 0.0, "center": height / 2, "top": height}[va]
    return np.array([x - pad, y - pad, x + width + pad, y + height + pad])


def _inside(box: np.ndarray, frame: Bbox) -> bool:
    return box[0] >= frame.x0 and box[2] <= frame.x1 and box[1] >= frame.y0 and box[3] <= frame.y1


def _overlaps(box: np.ndarray, taken: np.ndarray) -> bool:
    if not len(taken):
        return False
    return bool(np.any((taken[:, 0] < box[2]) & (box[0] < taken[:, 2]) & (taken[:, 1] < box[3]) & (box[1] < taken[:, 3])))


def _in_box(points: np.ndarray, box: np.ndarray) -> np.ndarray:
    x, y = points[:, 0], points[:, 1]
    return (x >= box[0]) & (x <= box[2]) & (y >= box[1]) & (y <= box[3])
