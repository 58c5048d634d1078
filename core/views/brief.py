"""The one-page PDF brief: title from the filter, the reference map with its legend, an optional weekly timeline,
the top events by a stated rule, claims, and numbered citable sources; optional handling line and logo.

What the tables say is decided in core.views.brief_table; this module only lays it out. Text is measured
(core.views.furniture), so nothing runs into the next column or off the page.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from core.store.filters import EventFilter
from core.views.brief_options import BriefOptions
from core.views.brief_table import (
    COUNT_HEADS,
    ClaimLine,
    RankRule,
    SourceBook,
    TableRow,
    claim_lines,
    rank_rule,
    ranked,
    source_book,
    table_rows,
    top_events,
)
from core.views.brief_words import brief_words
from core.views.export_formats import PAPERS
from core.views.furniture import (
    ALERT,
    FAINT,
    MUTED,
    draw_logo,
    draw_marking,
    fit_text,
    house_style,
    text_width_in,
    wrap_text,
)
from core.views.plural import counted
from core.views.provenance import Provenance
from core.views.snapshot import draw_side_panel
from core.views.static_map import draw_event_map
from core.views.timeline_static import draw_timeline
from core.views.titles import brief_title
from core.views.view_summary import SYNTHETIC_WARNING, source_line, summarise

MARGIN_IN = 0.5
MARKING_IN = 0.25
"""The handling line sits in the page's margin, this far from the top and the bottom edge."""
TABLE_SIZE = 7.0
NOTE_SIZE = 6.4
SOURCE_SIZE = 6.8
SOURCE_STEP = SOURCE_SIZE * 1.45 / 72
CLAIM_SIZE = 7.2
CLAIM_STEP = CLAIM_SIZE * 1.4 / 72
MORE_IN = CLAIM_SIZE * 1.5 / 72
"""The '… and N more' line."""
HEADING_IN = 0.15 + 8.5 * 1.35 / 72 + 0.05
"""A section heading with its rule."""
COLUMNS: tuple[tuple[str, float], ...] = (("Date", 0.64), ("Place", 1.3), ("Actor", 1.67), ("Tactic", 1.5),
                                          ("fatalities", 0.6), ("hostages", 0.6), ("injuries", 0.54), ("Src", 0.42))
"""Table columns with their widths in inches on A4 (scaled to the paper's text width); counts by column name."""


MAP_IN: tuple[float, float] = (2.75, 4.4)
"""The map's usual least and largest height in inches: it takes what the header, tables and sources leave."""
MAP_FLOOR_IN = 2.3
"""The map's height when the page is full (a long table and a timeline)."""
MIN_CLAIMS = 2
"""Room is kept for at least this many claims."""
TIMELINE_IN = 1.55
TIMELINE_MIN_IN = 1.2
"""The timeline panel's height with its gaps, and its height when the page is full."""


class _Page:
    """A top-down text cursor on a figure, in inches from the top-left margin. A `dry` page draws nothing: it
    measures how far a section moves the cursor."""

    def __init__(self, fig: Figure, top_in: float, dry: bool = False) -> None:
        self.fig = fig
        self.w, self.h = fig.get_size_inches()
        self.y = top_in
        self.dry = dry

    def text(self, x_in: float, s: str, size: float, **kw) -> None:
        if self.dry:
            return
        self.fig.text(x_in / self.w, 1 - self.y / self.h, s, fontsize=size, va="baseline", parse_math=False, **kw)

    def line(self, s: str, size: float, gap: float = 1.35, x_in: float = MARGIN_IN, **kw) -> None:
        self.y += size * gap / 72
        self.text(x_in, s, size, **kw)

    def heading(self, s: str) -> None:
        self.y += 0.15
        self.line(s.upper(), 8.5, fontweight="bold", color=MUTED)
        self.y += 0.05
        if self.dry:
            return
        y = 1 - self.y / self.h
        self.fig.add_artist(Line2D([MARGIN_IN / self.w, 1 - MARGIN_IN / self.w], [y, y],
                                   transform=self.fig.transFigure, color="#dadce0", linewidth=0.7))

    def room(self, bottom_in: float) -> float:
        return self.h - bottom_in - self.y


@dataclass(frozen=True)
class _Plan:
    """What goes on the page and how tall the map and the timeline are."""

    rows: list[TableRow]
    book: SourceBook
    cited: int
    """The highest source number the table cites: sources up to it are always printed."""
    min_claims: int
    map_h: float
    timeline_h: float


def _plan(fig: Figure, events: pd.DataFrame, top: pd.DataFrame, claims: list[ClaimLine], provenance: Provenance,
          rule: RankRule, room_in: float, timeline: bool) -> _Plan:
    """Fit the page: the map takes what the table, claims and sources leave, between MAP_IN's bounds. When that is
    not enough, the timeline shrinks, then the map to MAP_FLOOR_IN, then fewer claims are promised, and last the
    table loses its lowest-ranked rows (never one the rule always lists)."""
    text_w = fig.get_size_inches()[0] - 2 * MARGIN_IN
    must = int((top["hostages"].astype("Float64").fillna(0) >= rule.always_hostages).sum())
    plan = None
    for n in range(len(top), max(must, 1) - 1, -1):
        book = source_book(top.iloc[:n], events, provenance, claims)
        rows = table_rows(top.iloc[:n], book, provenance, rule.counts)
        cited = max((k for row in rows for k in row.sources), default=0)
        table_h = _measure(fig, lambda p, rows=rows: _table(p, rows, len(events), rule, text_w))
        for min_claims in (MIN_CLAIMS, 1, 0):
            shown = claims[:min_claims]
            printed = max([cited, *(book.numbers.get(c.source, 0) for c in shown)])
            claims_h = HEADING_IN + sum(_claim_height(_claim_layout(c, book, text_w)) for c in shown) + MORE_IN
            fixed = table_h + claims_h + _sources_height(book, printed, text_w)
            for timeline_h, floor in ((TIMELINE_IN, MAP_IN[0]), (TIMELINE_MIN_IN, MAP_IN[0]),
                                      (TIMELINE_MIN_IN, MAP_FLOOR_IN)):
                timeline_h = timeline_h if timeline else 0.0
                map_h = room_in - fixed - timeline_h
                plan = _Plan(rows, book, cited, min_claims, min(max(map_h, floor), MAP_IN[1]), timeline_h)
                if map_h >= floor:
                    return plan
    return plan


def _sources_height(book: SourceBook, upto: int, text_w: float) -> float:
    """The sources section with the first `upto` sources and a '… more' line."""
    return HEADING_IN + SOURCE_STEP * (1 + sum(len(_source_lines(e, text_w)) for e in book.entries()[:upto]))


def _measure(fig: Figure, section) -> float:
    """How far a section moves the cursor (drawn on a dry page)."""
    dry = _Page(fig, 0.0, dry=True)
    section(dry)
    return dry.y


def brief_figure(
    events: pd.DataFrame,
    event_filter: EventFilter,
    *,
    title: str | None = None,
    paper: str = "a4",
    generated_at: datetime | None = None,
    options: BriefOptions | None = None,
) -> Figure:
    """The one-page brief as a matplotlib figure on the chosen paper ('a4' or 'letter')."""
    options = options or BriefOptions()
    provenance = options.provenance or Provenance()
    width, height = PAPERS[paper]
    fig = Figure(figsize=(width, height), facecolor="white")
    FigureCanvasAgg(fig)
    draw_marking(fig, options.marking, MARKING_IN, size=9)
    page = _Page(fig, MARGIN_IN - 0.1)
    summary = summarise(events)
    generated_at = generated_at or datetime.now(UTC)
    text_w = width - 2 * MARGIN_IN
    logo_w = draw_logo(fig, options.logo, MARGIN_IN, MARGIN_IN - 0.05, 0.5)
    head_w = text_w - (logo_w + 0.2 if logo_w else 0)

    for line in title_lines(title or brief_title(events, event_filter), head_w, 16):
        page.line(line, 16, gap=1.2, fontweight="bold")
    for line in wrap_text(f"Filters: {event_filter.describe()}", head_w, 9, max_lines=2):
        page.line(line, 9, gap=1.45)
    page.line(fit_text(f"Event dates: {summary.date_range}  ·  {counted(summary.n_events, 'event')}, {summary.n_mapped:,} "
                       f"mapped  ·  Generated {generated_at:%Y-%m-%d %H:%M} UTC", head_w, 8), 8, gap=1.6, color=MUTED)
    if summary.synthetic:
        page.line(fit_text(SYNTHETIC_WARNING, text_w, 8.5, bold=True), 8.5, gap=1.6, color=ALERT, fontweight="bold")

    footer_in = MARGIN_IN + 0.3
    rule = rank_rule()
    top = top_events(events, rule=rule)
    claims = claim_lines(ranked(events, rule))
    map_top = page.y + 0.12
    plan = _plan(fig, events, top, claims, provenance, rule, height - map_top - footer_in, options.timeline)
    map_w = text_w * 0.73
    ax_map = fig.add_axes((MARGIN_IN / width, 1 - (map_top + plan.map_h) / height, map_w / width, plan.map_h / height))
    ax_side = fig.add_axes(((MARGIN_IN + map_w + 0.18) / width, 1 - (map_top + plan.map_h) / height,
                            (text_w - map_w - 0.18) / width, plan.map_h / height))
    draw_event_map(ax_map, events, scale=0.6, max_labels=10, extent=options.extent, event_filter=event_filter,
                   max_reference=brief_words().number("reference_labels_pdf"))
    draw_side_panel(ax_side, summary, scale=0.6, max_tactics=20, headline=False)
    page.y = map_top + plan.map_h
    if plan.timeline_h:
        top_in, h = page.y + 0.25, plan.timeline_h - 0.45
        ax_time = fig.add_axes(((MARGIN_IN + 0.3) / width, 1 - (top_in + h) / height, (text_w - 0.3) / width,
                                h / height))
        draw_timeline(ax_time, events, scale=0.8)
        page.y = top_in + h + 0.2

    _table(page, plan.rows, len(events), rule, text_w)
    cited = _claims(page, claims, plan.book, text_w, footer_in + _sources_height(plan.book, plan.cited, text_w),
                    plan.cited)
    _sources(page, plan.book, text_w, footer_in, cited)
    foot = wrap_text(source_line(summary, generated_at), text_w, 6.3)
    for i, line in enumerate(reversed(foot)):
        fig.text(MARGIN_IN / width, (MARGIN_IN + i * 0.11) / height, line, fontsize=6.3, color=MUTED)
    return fig


def title_lines(title: str, width_in: float, size: float) -> list[str]:
    """A title on one line, or on two broken before its dates (at the last ', ') when it does not fit."""
    if text_width_in(title, size, bold=True) <= width_in:
        return [title]
    head, sep, tail = title.rpartition(", ")
    if sep and text_width_in(head, size, bold=True) <= width_in:
        return [head + ",", fit_text(tail, width_in, size, bold=True)]
    return wrap_text(title, width_in, size, bold=True, max_lines=2)


def _columns(text_w: float, counts: tuple[str, ...]) -> list[tuple[str, float]]:
    """The table's columns (count columns in the rule's order) scaled to the text width."""
    fixed = [c for c in COLUMNS if c[0] not in COUNT_HEADS]
    chosen = fixed[:4] + [c for name in counts for c in COLUMNS if c[0] == name] + fixed[4:]
    factor = text_w / sum(w for _, w in chosen)
    return [(COUNT_HEADS.get(name, name), w * factor) for name, w in chosen]


def _table(page: _Page, rows: list[TableRow], n_events: int, rule: RankRule, text_w: float) -> None:
    page.heading(f"Top events ({len(rows)} of {n_events:,})")
    columns = _columns(text_w, rule.counts)
    page.y += TABLE_SIZE * 1.5 / 72
    x = MARGIN_IN
    for name, w in columns:
        page.text(x, name, TABLE_SIZE, fontweight="bold")
        x += w
    if not rows:
        page.line("No events match this filter.", TABLE_SIZE, gap=1.6, color=MUTED)
    for row in rows:
        page.y += TABLE_SIZE * 1.55 / 72
        x, top, extra = MARGIN_IN, page.y, 0
        for (_name, w), cell in zip(columns, row.cells):
            colour = FAINT if cell in ("unknown", "—") else None
            for i, line in enumerate(wrap_text(cell, w - 0.07, TABLE_SIZE, max_lines=2)):
                page.y = top + i * TABLE_SIZE * 1.25 / 72
                page.text(x, line, TABLE_SIZE, color=colour)
                extra = max(extra, i)
            x += w
        page.y = top + extra * TABLE_SIZE * 1.25 / 72
        indent = MARGIN_IN + columns[0][1]
        for line in wrap_text(row.note, text_w - columns[0][1], NOTE_SIZE, max_lines=2) if row.note else []:
            page.line(line, NOTE_SIZE, gap=1.4, x_in=indent, color=MUTED)
    page.y += 0.04
    for line in wrap_text(rule.text(), text_w, NOTE_SIZE - 0.3):
        page.line(line, NOTE_SIZE - 0.3, gap=1.4, color=MUTED, fontstyle="italic")


@dataclass(frozen=True)
class _ClaimLayout:
    """A claim as printed: its source number, the bold head, the head's width, and the claim's words on the head's
    line and on at most one more."""

    number: int
    head: str
    head_w: float
    first: str
    more: list[str]


def _claim_layout(claim: ClaimLine, book: SourceBook, text_w: float) -> _ClaimLayout:
    number = book.numbers.get(claim.source, 0)
    head = fit_text(f"{claim.claimant} — {claim.kind} [{number}] ({claim.event}):", text_w * 0.7, CLAIM_SIZE,
                    bold=True)
    head_w = text_width_in(head + " ", CLAIM_SIZE, bold=True)
    disputed = f"Disputed by {', '.join(claim.disputed_by)}. " if claim.disputed_by else ""
    first, rest = _split_line(f"{disputed}“{claim.text}”", text_w - head_w, CLAIM_SIZE)
    more = wrap_text(rest, text_w - 0.15, CLAIM_SIZE, max_lines=1) if rest else []
    return _ClaimLayout(number, head, head_w, first, more)


def _claim_height(layout: _ClaimLayout) -> float:
    return 0.04 + CLAIM_STEP * (1 + len(layout.more))


def _claims(page: _Page, lines: list[ClaimLine], book: SourceBook, text_w: float, keep_in: float,
            cited: int) -> int:
    """Each claim as a short paragraph: who, what kind, its source number and the event (bold), then who disputes
    it and the claim's words, two lines at most. Room is kept for the sources the table and the claims shown cite;
    returns the highest source number cited so far."""
    page.heading("Claims, denials and threats")
    if not lines:
        page.line("No claims of responsibility, denials or threats in these events.", CLAIM_SIZE, gap=1.6, color=MUTED)
        return cited
    shown = 0
    entries = {entry[0]: entry for entry in book.entries()}
    for claim in lines:
        layout = _claim_layout(claim, book, text_w)
        new_sources = sum(len(_source_lines(entries[n], text_w)) for n in range(cited + 1, layout.number + 1)
                          if n in entries)
        if page.room(keep_in + SOURCE_STEP * new_sources) < _claim_height(layout) + MORE_IN - 1e-6:
            break
        keep_in += SOURCE_STEP * new_sources
        cited = max(cited, layout.number)
        page.y += 0.04
        page.line(layout.head, CLAIM_SIZE, gap=1.4, fontweight="bold")
        page.text(MARGIN_IN + layout.head_w, layout.first, CLAIM_SIZE)
        for line in layout.more:
            page.line(line, CLAIM_SIZE, gap=1.4, x_in=MARGIN_IN + 0.15)
        shown += 1
    if shown < len(lines):
        page.line(f"… and {len(lines) - shown} more in the data export (claims column).", CLAIM_SIZE, gap=1.5,
                  color=MUTED)
    return cited


def _split_line(text: str, width_in: float, size: float) -> tuple[str, str]:
    """The words of `text` that fit on `width_in`, and the rest."""
    words = text.split()
    for i in range(len(words), 0, -1):
        if text_width_in(" ".join(words[:i]), size) <= width_in:
            return " ".join(words[:i]), " ".join(words[i:])
    return "", text


def _source_lines(entry: tuple[int, str, int], text_w: float) -> list[str]:
    number, source, n = entry
    return wrap_text(f"[{number}] {source} — {n:,} event{'s' if n != 1 else ''}", text_w, SOURCE_SIZE, max_lines=2)


def _sources(page: _Page, book: SourceBook, text_w: float, keep_in: float, cited: int) -> None:
    """Numbered sources, one a line (two when long); those the table cites come first and are always printed."""
    entries = book.entries()
    page.heading(f"Sources ({len(entries)})")
    shown = 0
    for entry in entries:
        lines = _source_lines(entry, text_w)
        last = shown + 1 == len(entries)
        if page.room(keep_in) < SOURCE_STEP * (len(lines) + (0 if last else 1)) and entry[0] > cited:
            break
        for i, line in enumerate(lines):
            page.line(line, SOURCE_SIZE, gap=1.45, x_in=MARGIN_IN + (0.18 if i else 0))
        shown += 1
    if shown < len(entries):
        page.line(f"… and {len(entries) - shown} more sources in the data export (source columns).", SOURCE_SIZE,
                  gap=1.45, color=MUTED)


def render_pdf(
    events: pd.DataFrame,
    event_filter: EventFilter,
    *,
    title: str | None = None,
    paper: str = "a4",
    generated_at: datetime | None = None,
    options: BriefOptions | None = None,
) -> bytes:
    """The one-page PDF brief of the filtered events."""
    with house_style():
        fig = brief_figure(events, event_filter, title=title, paper=paper, generated_at=generated_at, options=options)
        buf = io.BytesIO()
        fig.savefig(buf, format="pdf", metadata={"Title": title or brief_title(events, event_filter),
                                                 "Creator": "conflict-event dashboard"})
    return buf.getvalue()
