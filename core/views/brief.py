"""The one-page PDF brief of the current view: map, filter summary, top events, claims, sources.

Laid out with matplotlib on an A4 or Letter page, so it needs no browser and no network. Text is
embedded as real text, so the PDF is searchable and its content can be checked by tests.
"""

from __future__ import annotations

import io
import math
import textwrap
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from core.store.filters import EventFilter
from core.views.cards import citation, count_text
from core.views.export_formats import PAPERS
from core.views.snapshot import (
    FAINT,
    MUTED,
    default_title,
    draw_event_map,
    draw_side_panel,
    house_style,
    source_line,
    summarise,
)

MARGIN_IN = 0.5
MAX_SOURCE_LINES = 24
SOURCE_SIZE = 6.8
SOURCE_STEP_IN = SOURCE_SIZE * 1.45 / 72
TOP_EVENTS = 10
CLAIM_KINDS = {"responsibility": "claimed responsibility", "claim": "claim", "denial": "counter-claim / denial",
               "threat": "threat"}
"""Claim kinds that the brief lists, with their label; plain statements are left to the data export."""

COLUMNS: tuple[tuple[str, float], ...] = (("Date", 0.78), ("Place", 1.85), ("Actor", 1.95), ("Tactic", 1.55),
                                          ("Fatalities", 0.8), ("Src", 0.34))
"""Table columns with their widths in inches."""


def place_of(row: pd.Series) -> str:
    """Most specific place with its province: 'Turbat, Balochistan'; 'unknown place' when none."""
    parts = [p for p in (row.get("location"), row.get("admin2"), row.get("admin1")) if isinstance(p, str) and p]
    unique = list(dict.fromkeys(parts))
    if not unique:
        return "unknown place"
    return unique[0] if len(unique) == 1 else f"{unique[0]}, {unique[-1]}"


def top_events(events: pd.DataFrame, n: int = TOP_EVENTS) -> pd.DataFrame:
    """The n events with most fatalities (unknown last), newest first among equals."""
    order = events.assign(_known=events["fatalities"].notna(), _f=events["fatalities"].fillna(-1).astype(int))
    order = order.sort_values(["_known", "_f", "event_date", "event_id"], ascending=[False, False, False, True])
    return events.loc[order.index[:n]]


def table_rows(events: pd.DataFrame, source_numbers: dict[str, int]) -> list[tuple[str, ...]]:
    """Cells of the top-events table: date, place, actor, tactic, fatalities and source number."""
    return [(row["event_date"], place_of(row), row["actor1"], ", ".join(row["tactics"]) or "unknown",
             count_text(row["fatalities"], row["fatalities_qualifier"]),
             f"[{source_numbers[source_key(row['source'])]}]" if source_key(row["source"]) in source_numbers else "")
            for _, row in events.iterrows()]


@dataclass(frozen=True)
class ClaimLine:
    """One claim or counter-claim, with its claimant and the event it is about."""

    claimant: str
    kind: str
    text: str
    disputed_by: tuple[str, ...]
    event: str


def claim_lines(events: pd.DataFrame) -> list[ClaimLine]:
    """Claims of responsibility, claims, denials and threats, and any disputed claim.

    Events with a counter-claim or a disputed claim come first; otherwise the events' order is kept.
    """
    lines = []
    for _, row in events.iterrows():
        for claim in row["claims"] or []:
            disputed = tuple(claim.get("disputed_by") or ())
            if claim.get("kind") not in CLAIM_KINDS and not disputed:
                continue
            lines.append(ClaimLine(claimant=claim.get("claimant") or "unnamed claimant",
                                   kind=CLAIM_KINDS.get(claim.get("kind"), "statement"),
                                   text=" ".join(str(claim.get("claim", "")).split()),
                                   disputed_by=disputed, event=f"{row['event_date']}, {place_of(row)}"))
    contested = {line.event for line in lines if line.disputed_by or line.kind == CLAIM_KINDS["denial"]}
    return sorted(lines, key=lambda line: line.event not in contested)


def source_key(source: object) -> str:
    """How the brief names a source: as a reader cites it ('Dawn, 12 Mar 2025, https://…')."""
    return citation(source if isinstance(source, dict) else None)


def source_list(events: pd.DataFrame, first: pd.DataFrame | None = None) -> list[tuple[str, int]]:
    """Each source with the number of events it supports: sources of `first` (in order), then by count."""
    counts = events["source"].map(source_key).value_counts()
    lead = [] if first is None else list(dict.fromkeys(first["source"].map(source_key)))
    rest = sorted((k for k in counts.index if k not in lead), key=lambda k: (-counts[k], k))
    return [(k, int(counts.get(k, 0))) for k in [*lead, *rest]]


class _Page:
    """A top-down text cursor on a figure, in inches from the top-left margin."""

    def __init__(self, fig: Figure) -> None:
        self.fig = fig
        self.w, self.h = fig.get_size_inches()
        self.y = MARGIN_IN

    def text(self, x_in: float, s: str, size: float, **kw) -> None:
        self.fig.text(x_in / self.w, 1 - self.y / self.h, s, fontsize=size, va="baseline", **kw)

    def line(self, s: str, size: float, gap: float = 1.35, x_in: float = MARGIN_IN, **kw) -> None:
        self.y += size * gap / 72
        self.text(x_in, s, size, **kw)

    def heading(self, s: str) -> None:
        self.y += 0.16
        self.line(s.upper(), 8.5, fontweight="bold", color=MUTED)
        self.y += 0.05
        y = 1 - self.y / self.h
        self.fig.add_artist(_rule(self.fig, y, self.w))

    def room(self, bottom_in: float) -> float:
        return self.h - bottom_in - self.y


def _rule(fig: Figure, y: float, width_in: float):
    from matplotlib.lines import Line2D

    return Line2D([MARGIN_IN / width_in, 1 - MARGIN_IN / width_in], [y, y], transform=fig.transFigure,
                  color="#dadce0", linewidth=0.7)


def _wrap(s: str, width_in: float, size: float) -> list[str]:
    """Wrap to an approximate width: about 0.5 em per character in a sans-serif font."""
    return textwrap.wrap(s, max(8, int(width_in * 72 / (size * 0.5))))


def _fit(s: str, width_in: float, size: float) -> str:
    return textwrap.shorten(s, max(8, int(width_in * 72 / (size * 0.52))), placeholder="…")


def brief_figure(
    events: pd.DataFrame,
    event_filter: EventFilter,
    *,
    title: str | None = None,
    paper: str = "a4",
    generated_at: datetime | None = None,
) -> Figure:
    """The one-page brief as a matplotlib figure on the chosen paper ('a4' or 'letter')."""
    width, height = PAPERS[paper]
    fig = Figure(figsize=(width, height), facecolor="white")
    FigureCanvasAgg(fig)
    page = _Page(fig)
    summary = summarise(events)
    generated_at = generated_at or datetime.now(UTC)
    text_w = width - 2 * MARGIN_IN

    page.line(title or default_title(events, event_filter), 17, gap=1.0, fontweight="bold")
    for line in _wrap(f"Filters: {event_filter.describe()}", text_w, 9.5):
        page.line(line, 9.5, gap=1.5)
    page.line(f"Event dates: {summary.date_range}  ·  {summary.n_events:,} events, {summary.n_mapped:,} mapped  ·  "
              f"Generated {generated_at:%Y-%m-%d %H:%M} UTC", 8.5, gap=1.6, color=MUTED)

    map_top, map_h = page.y + 0.15, 3.5
    map_w = text_w * 0.72
    ax_map = fig.add_axes((MARGIN_IN / width, 1 - (map_top + map_h) / height, map_w / width, map_h / height))
    ax_side = fig.add_axes(((MARGIN_IN + map_w + 0.2) / width, 1 - (map_top + map_h) / height,
                            (text_w - map_w - 0.2) / width, map_h / height))
    draw_event_map(ax_map, events, scale=0.6, max_labels=10)
    draw_side_panel(ax_side, summary, scale=0.62, max_tactics=10)
    page.y = map_top + map_h

    footer_in = MARGIN_IN + 0.35
    top = top_events(events)
    sources = source_list(events, top)
    _table(page, top, {key: i for i, (key, _) in enumerate(sources, start=1)})
    source_rows = math.ceil(min(len(sources), MAX_SOURCE_LINES) / 2)
    _claims(page, claim_lines(top_events(events, len(events))), text_w,
            footer_in + 0.45 + source_rows * SOURCE_STEP_IN)
    _sources(page, sources, text_w, footer_in)
    foot = source_line(summary, generated_at)
    for i, line in enumerate(reversed(_wrap(foot, text_w, 6.5))):
        fig.text(MARGIN_IN / width, (MARGIN_IN + i * 0.12) / height, line, fontsize=6.5, color=MUTED)
    return fig


def _table(page: _Page, top: pd.DataFrame, source_numbers: dict[str, int]) -> None:
    page.heading(f"Top events by fatalities ({len(top)} shown)")
    size = 8
    x = MARGIN_IN
    page.y += size * 1.5 / 72
    for name, w in COLUMNS:
        page.text(x, name, size, fontweight="bold")
        x += w
    if top.empty:
        page.line("No events match this filter.", size, gap=1.6, color=MUTED)
    for cells in table_rows(top, source_numbers):
        page.y += size * 1.55 / 72
        x = MARGIN_IN
        for (_name, w), cell in zip(COLUMNS, cells):
            colour = FAINT if cell == "unknown" else None
            page.text(x, _fit(str(cell), w - 0.08, size), size, color=colour)
            x += w


def _claims(page: _Page, lines: list[ClaimLine], text_w: float, keep_in: float) -> None:
    page.heading("Claims and counter-claims")
    size = 7.5
    if not lines:
        page.line("No claims of responsibility or counter-claims in these events.", size, gap=1.6, color=MUTED)
        return
    shown = 0
    for claim in lines:
        head = f"{claim.claimant} — {claim.kind} ({claim.event})"
        body = f"“{_fit(claim.text, text_w * 2 - 0.6, size)}”"
        if claim.disputed_by:
            body += f"  Disputed by: {', '.join(claim.disputed_by)}."
        wrapped = _wrap(body, text_w - 0.15, size)[:2]
        if page.room(keep_in) < (len(wrapped) + 1) * size * 1.45 / 72 + 0.1:
            break
        page.line(head, size, gap=1.6, fontweight="bold")
        for line in wrapped:
            page.line(line, size, gap=1.35, x_in=MARGIN_IN + 0.15)
        shown += 1
    if shown < len(lines):
        page.line(f"… and {len(lines) - shown} more in the data export.", size, gap=1.5, color=MUTED)


def _sources(page: _Page, sources: list[tuple[str, int]], text_w: float, keep_in: float) -> None:
    """Numbered sources in two columns; the table's Src column points here."""
    page.heading(f"Sources ({len(sources)})")
    size, step = SOURCE_SIZE, SOURCE_STEP_IN
    rows = max(1, int(page.room(keep_in) / step))
    capacity = 2 * rows
    shown = sources if len(sources) <= capacity else sources[:capacity - 1]
    col_w = text_w / 2
    top = page.y
    for i, (source, n) in enumerate(shown):
        page.y = top + (i % rows + 1) * step
        entry = f"[{i + 1}] {source} — {n} event{'s' if n != 1 else ''}"
        page.text(MARGIN_IN + (i // rows) * col_w, _fit(entry, col_w - 0.12, size), size)
    page.y = top + min(rows, len(shown)) * step
    if len(shown) < len(sources):
        page.text(MARGIN_IN + col_w, f"… and {len(sources) - len(shown)} more sources in the data export.",
                  size, color=MUTED)


def render_pdf(
    events: pd.DataFrame,
    event_filter: EventFilter,
    *,
    title: str | None = None,
    paper: str = "a4",
    generated_at: datetime | None = None,
) -> bytes:
    """The one-page PDF brief of the filtered events."""
    with house_style():
        fig = brief_figure(events, event_filter, title=title, paper=paper, generated_at=generated_at)
        buf = io.BytesIO()
        fig.savefig(buf, format="pdf", metadata={"Title": title or default_title(events, event_filter),
                                                 "Creator": "conflict-event dashboard"})
    return buf.getvalue()
