"""PNG snapshots of the current view: the reference map (core.views.static_map) or the weekly timeline, with a
title from the filter, a legend, the sources line and, when asked, a handling line and a logo.

No browser and no network. Every PNG is laid out on a 16-inch-wide page; the pixel size only changes the dpi,
so 1600×1000 and 3200×2000 look the same. The legend panel (`draw_side_panel`) is shared with the PDF brief.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from core.store.filters import EventFilter
from core.views.brief_options import BriefOptions
from core.views.brief_words import brief_words
from core.views.export_formats import SIZES
from core.views.furniture import (
    ALERT,
    MUTED,
    PROVINCE_LINE,
    draw_logo,
    draw_marking,
    fit_text,
    house_style,
    wrap_text,
)
from core.views.palette import UNKNOWN_COLOR, tactic_colors
from core.views.static_map import MapView, draw_event_map
from core.views.timeline_static import TITLE as TIMELINE_TITLE
from core.views.timeline_static import draw_timeline
from core.views.titles import brief_title
from core.views.view_summary import (
    SYNTHETIC_WARNING,
    ViewSummary,
    placement_notes,
    source_line,
    subtitle,
    summarise,
)

__all__ = ["SIZES", "MapView", "house_style", "render_png", "snapshot_figure", "summarise", "timeline_figure"]

BASE_WIDTH_IN = 16.0
"""Every PNG is laid out on a 16-inch-wide page; the pixel size only changes the dpi."""
MARGIN_IN = 0.48
MARKING_IN = 0.32
ROW_PT = 15.0
"""One legend row, in points at scale 1."""
"""Height of the band the handling line takes at the top and at the bottom."""


# ---- the legend panel ----------------------------------------------------------------------------


def draw_side_panel(ax: Axes, summary: ViewSummary, *, scale: float = 1.0, max_tactics: int = 12,
                    locations: bool = True, headline: bool = True) -> None:
    """Event count (`headline`), tactic legend (dashboard colours), and for maps the location and line symbols and
    the placement notes, top-down; tactics beyond the panel's height are counted as 'other tactics'."""
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    height_pt = ax.get_position().height * ax.figure.get_size_inches()[1] * 72
    width_in = ax.get_position().width * ax.figure.get_size_inches()[0]
    cursor = [1.0]

    def down(pt: float) -> float:
        cursor[0] -= pt / height_pt
        return cursor[0]

    def symbol(y: float, **style) -> None:
        ax.scatter([0.035], [y + 3.5 * scale / height_pt], s=60 * scale**2, clip_on=False, **style)

    if headline:
        ax.text(0, down(26 * scale), f"{summary.n_events:,}", fontsize=26 * scale, fontweight="bold", va="baseline")
        noun = "event" if summary.n_events == 1 else "events"
        ax.text(0, down(16 * scale), f"{noun} in this view", fontsize=10.5 * scale, color=MUTED, va="baseline")
        if locations:
            ax.text(0, down(14 * scale), f"{summary.n_mapped:,} on the map", fontsize=10.5 * scale, color=MUTED,
                    va="baseline")
        down(10 * scale)
    _heading(ax, down(20 * scale), "MAIN TACTIC", scale)
    colors = tactic_colors()
    row = ROW_PT * scale
    kinds = (("Event at a town or site", True), ("Event at a district or province centroid", False))
    kind_lines = [wrap_text(text, width_in * 0.88, 10 * scale, max_lines=2) for text, _ in kinds]
    notes = [wrap_text(note, width_in, 9 * scale) for note in placement_notes(summary)]
    below = (36 + 6) * scale + row * 4 + 12.5 * scale * sum(len(k) - 1 for k in kind_lines) + \
        sum(17.5 * scale * len(n) for n in notes) if locations else 0.0
    fits = int((height_pt * cursor[0] - below) / row)
    if fits < len(summary.tactic_counts):
        max_tactics = min(max_tactics, max(1, fits - 1))
    for tactic, n in summary.tactic_counts[:max_tactics]:
        y = down(row)
        symbol(y, color=colors.get(tactic, UNKNOWN_COLOR), edgecolors="white", linewidths=0.5 * scale)
        ax.text(0.1, y, fit_text(tactic, width_in * 0.72, 10 * scale), fontsize=10 * scale, va="baseline")
        ax.text(1.0, y, f"{n:,}", fontsize=10 * scale, va="baseline", ha="right", color=MUTED)
    rest = sum(n for _, n in summary.tactic_counts[max_tactics:])
    if rest:
        ax.text(0.1, down(row), f"other tactics ({rest:,})", fontsize=10 * scale, va="baseline", color=MUTED)
    if not locations:
        return
    down(10 * scale)
    _heading(ax, down(20 * scale), "ON THE MAP", scale)
    for (_text, filled), lines in zip(kinds, kind_lines):
        y = down(row)
        symbol(y, facecolors=MUTED if filled else "none", edgecolors=MUTED, linewidths=1.8 * scale)
        for i, line in enumerate(lines):
            ax.text(0.1, y if i == 0 else down(12.5 * scale), line, fontsize=10 * scale, va="baseline")
    y = down(row)
    ax.scatter([0.035], [y + 3.5 * scale / height_pt], s=9 * scale**2, marker="s", color=MUTED, clip_on=False)
    ax.text(0.1, y, "City, district HQ or town", fontsize=10 * scale, va="baseline", color=MUTED)
    y = down(row) + 3.5 * scale / height_pt
    ax.add_line(Line2D([0.0, 0.07], [y, y], color=PROVINCE_LINE, linewidth=1.2 * scale))
    ax.text(0.1, y - 3.5 * scale / height_pt, "Province boundary", fontsize=10 * scale, va="baseline", color=MUTED)
    down(6 * scale)
    for lines in notes:
        for line in lines:
            ax.text(0, down(12.5 * scale), line, fontsize=9 * scale, color=MUTED, va="baseline")
        down(5 * scale)


def _heading(ax: Axes, y: float, text: str, scale: float) -> None:
    ax.text(0, y, text, fontsize=9 * scale, fontweight="bold", color=MUTED, va="baseline")
    ax.plot([0, 1], [y - 5 * scale / (ax.get_position().height * ax.figure.get_size_inches()[1] * 72)] * 2,
            color="#dadce0", linewidth=0.8 * scale, clip_on=False)


# ---- the page around the content ----------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """A PNG page: the figure and the band left for content, in inches from the bottom (bottom, top)."""

    fig: Figure
    bottom_in: float
    top_in: float

    def axes(self, left: float, width: float, gap_in: float = 0.0, below_in: float = 0.0) -> Axes:
        """Axes spanning the content band from `left` over `width` (figure fractions), `gap_in` below its top and
        `below_in` above its bottom (room for tick labels)."""
        h = self.fig.get_size_inches()[1]
        bottom = self.bottom_in + below_in
        return self.fig.add_axes((left, bottom / h, width, (self.top_in - bottom - gap_in) / h))


def png_page(size: tuple[int, int], title: str, sub: str, summary: ViewSummary, generated_at: datetime,
             options: BriefOptions, with_map: bool = True) -> Page:
    """The page: handling line, logo, title (two lines when long), subtitle, SYNTHETIC warning, sources line."""
    width_px, height_px = size
    dpi = width_px / BASE_WIDTH_IN
    fig = Figure(figsize=(BASE_WIDTH_IN, height_px / dpi), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    fig_h = height_px / dpi
    band = MARKING_IN if options.marking else 0.0
    draw_marking(fig, options.marking, band / 2 + 0.02, size=11)
    logo_w = draw_logo(fig, options.logo, MARGIN_IN, band + 0.22, 0.8)
    text_w = BASE_WIDTH_IN - 2 * MARGIN_IN - (logo_w + 0.3 if logo_w else 0)

    y = band + 0.1
    lines = wrap_text(title, text_w, 24, bold=True)
    size_pt = 24 if len(lines) == 1 else 20
    for line in wrap_text(title, text_w, size_pt, bold=True, max_lines=2):
        y += size_pt * 1.2 / 72
        fig.text(MARGIN_IN / BASE_WIDTH_IN, 1 - y / fig_h, line, fontsize=size_pt, fontweight="bold",
                 va="baseline", parse_math=False)
    y += 12.5 * 1.7 / 72
    fig.text(MARGIN_IN / BASE_WIDTH_IN, 1 - y / fig_h, fit_text(sub, text_w, 12.5), fontsize=12.5, color=MUTED,
             va="baseline", parse_math=False)
    if summary.synthetic:
        y += 12 * 1.6 / 72
        fig.text(MARGIN_IN / BASE_WIDTH_IN, 1 - y / fig_h, SYNTHETIC_WARNING, fontsize=12, color=ALERT,
                 fontweight="bold", va="baseline")
    foot = wrap_text(source_line(summary, generated_at, with_map), BASE_WIDTH_IN - 2 * MARGIN_IN, 8.5)
    for i, line in enumerate(reversed(foot)):
        fig.text(MARGIN_IN / BASE_WIDTH_IN, (band + 0.2 + i * 0.15) / fig_h, line, fontsize=8.5, color=MUTED,
                 va="baseline")
    return Page(fig, bottom_in=band + 0.42 + 0.15 * len(foot), top_in=fig_h - y - 0.3)


# ---- the map and the timeline ----------------------------------------------------------------------------


def snapshot_figure(
    events: pd.DataFrame,
    event_filter: EventFilter,
    *,
    title: str | None = None,
    size: tuple[int, int] = SIZES["slide"],
    generated_at: datetime | None = None,
    options: BriefOptions | None = None,
) -> tuple[Figure, MapView]:
    """The slide-ready map figure for the filtered `events` and the map view inside it."""
    options = options or BriefOptions()
    summary = summarise(events)
    page = png_page(size, title or brief_title(events, event_filter), subtitle(summary, event_filter), summary,
                    generated_at or datetime.now(UTC), options)
    ax_map = page.axes(MARGIN_IN / BASE_WIDTH_IN, 0.71)
    ax_side = page.axes(0.77, 0.2, gap_in=0.05)
    view = draw_event_map(ax_map, events, extent=options.extent, event_filter=event_filter,
                          max_reference=brief_words().number("reference_labels_png"))
    draw_side_panel(ax_side, summary)
    return page.fig, view


def timeline_figure(
    events: pd.DataFrame,
    event_filter: EventFilter,
    *,
    title: str | None = None,
    size: tuple[int, int] = SIZES["slide"],
    generated_at: datetime | None = None,
    options: BriefOptions | None = None,
) -> tuple[Figure, Axes]:
    """The timeline figure (events per week by main tactic) and its chart's axes."""
    options = options or BriefOptions()
    summary = summarise(events)
    sub = f"{TIMELINE_TITLE}  ·  {subtitle(summary, event_filter)}"
    page = png_page(size, title or brief_title(events, event_filter), sub, summary, generated_at or datetime.now(UTC),
                    options, with_map=False)
    ax = page.axes(0.07, 0.66, gap_in=0.2, below_in=0.35)
    draw_timeline(ax, events, scale=1.3, title=False)
    draw_side_panel(page.axes(0.77, 0.2, gap_in=0.05), summary, max_tactics=20, locations=False)
    return page.fig, ax


def render_png(
    events: pd.DataFrame,
    event_filter: EventFilter,
    *,
    title: str | None = None,
    size: tuple[int, int] = SIZES["slide"],
    generated_at: datetime | None = None,
    options: BriefOptions | None = None,
) -> bytes:
    """A PNG of exactly `size` pixels: the map, or the timeline when `options.timeline` (no browser, no network)."""
    make = timeline_figure if options and options.timeline else snapshot_figure
    with house_style():
        fig, _ = make(events, event_filter, title=title, size=size, generated_at=generated_at, options=options)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=fig.dpi)
    return buf.getvalue()
