"""Titles of exports, written from the filter: who did what to whom, where and when.

'Attacks by the Baloch Liberation Army in Balochistan, 1 Mar – 30 Jun 2025'. The words come from
data/briefs.csv (core.views.brief_words); the filter's role decides 'by', 'against' or 'involving'.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd

from core.store.filters import EventFilter
from core.views.brief_words import brief_words

MAX_LISTED = 3
"""Up to this many actors, places, tactics or event types are named; more are counted."""


def listing(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def day_text(day: date) -> str:
    """'1 Mar 2025'."""
    return f"{day.day} {day:%b %Y}"


def date_span(start: date | None, end: date | None) -> str:
    """'1 Mar – 30 Jun 2025', '1–30 Jun 2025', '11 Mar 2025', 'since 1 Mar 2025', 'until 30 Jun 2025' or ''."""
    if start and end:
        if start == end:
            return day_text(start)
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{day_text(end)}"
        if start.year == end.year:
            return f"{start.day} {start:%b} – {day_text(end)}"
        return f"{day_text(start)} – {day_text(end)}"
    if start:
        return f"since {day_text(start)}"
    return f"until {day_text(end)}" if end else ""


def _dates(events: pd.DataFrame) -> tuple[date | None, date | None]:
    days = events["event_date"].dropna().astype(str) if len(events) else pd.Series(dtype=str)
    if days.empty:
        return None, None
    return date.fromisoformat(days.min()), date.fromisoformat(days.max())


def period(events: pd.DataFrame, event_filter: EventFilter) -> tuple[date | None, date | None]:
    """The filter's dates, each missing end taken from the events shown."""
    first, last = _dates(events)
    return event_filter.since or first, event_filter.until or last


def _named(items: Sequence[str], one: str, many: str) -> str:
    if len(items) > MAX_LISTED:
        return f"{len(items)} {many}"
    return listing(items) + (f" {one if len(items) == 1 else many}" if one else "")


def place_phrase(events: pd.DataFrame, event_filter: EventFilter) -> str:
    """'Kech district', 'Balochistan', 'Balochistan and Sindh', 'Pakistan' (the events' countries) or ''."""
    if event_filter.admin2:
        return _named(event_filter.admin2, "district", "districts")
    if event_filter.admin1:
        return _named(event_filter.admin1, "", "provinces")
    countries = sorted(set(events["country"].dropna())) if len(events) else []
    return _named(countries, "", "countries") if countries else ""


def what_phrase(event_filter: EventFilter) -> str:
    """The title's noun with its actors: 'Attacks by the Baloch Liberation Army', 'Suicide bombings against the
    Police Forces of Pakistan', 'Conflict events'."""
    words = brief_words()
    role = event_filter.actor_role
    if event_filter.tactics and len(event_filter.tactics) <= MAX_LISTED:
        noun = listing([words.tactic_plural(t) for t in event_filter.tactics])
    elif event_filter.event_types and len(event_filter.event_types) <= MAX_LISTED:
        noun = listing(event_filter.event_types)
    else:
        noun = words.title_nouns.get(role if event_filter.actors else "none", "Events")
    if event_filter.actors:
        actors = (f"{len(event_filter.actors)} actors" if len(event_filter.actors) > MAX_LISTED
                  else listing([words.actor_title(a) for a in event_filter.actors]))
        noun = f"{noun} {words.role_words.get(role, role)} {actors}"
    return noun[:1].upper() + noun[1:]


def brief_title(events: pd.DataFrame, event_filter: EventFilter) -> str:
    """'Attacks by the Baloch Liberation Army in Balochistan, 1 Mar – 30 Jun 2025'."""
    title = what_phrase(event_filter)
    place = place_phrase(events, event_filter)
    if place:
        title += f" in {place}"
    span = date_span(*period(events, event_filter))
    return f"{title}, {span}" if span else title
