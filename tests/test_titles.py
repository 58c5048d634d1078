"""Titles written from the filter: actor and role, tactic, region and dates (issue 13)."""

from __future__ import annotations

from datetime import date

import pytest

from core.store.filters import EventFilter
from core.views.export_formats import default_title
from core.views.titles import brief_title, date_span
from tests.test_snapshot import PLACES, event_record, make_events


@pytest.fixture(scope="module")
def events():
    return make_events([event_record(i, place=p) for i, p in enumerate(PLACES)])


def test_the_issue_example(events):
    f = EventFilter(actors=("Baloch Liberation Army",), admin1=("Balochistan",),
                    since=date(2025, 3, 1), until=date(2025, 6, 30))
    assert brief_title(events, f) == "Attacks by the Baloch Liberation Army in Balochistan, 1 Mar – 30 Jun 2025"
    assert default_title(events, f) == brief_title(events, f)  # the panel and the CLI use the same words


@pytest.mark.parametrize(("role", "start"), [
    ("by", "Attacks by the Police Forces of Pakistan"),
    ("against", "Attacks against the Police Forces of Pakistan"),
    ("either", "Events involving the Police Forces of Pakistan"),
])
def test_the_actor_role_is_in_the_title(events, role, start):
    f = EventFilter(actors=("Police Forces of Pakistan",), actor_role=role, admin1=("Sindh",))
    assert brief_title(events.iloc[0:0], f) == f"{start} in Sindh"


def test_tactics_districts_and_placeholder_actors_read_as_english(events):
    f = EventFilter(tactics=("suicide bombing", "ambush"), admin2=("Kech", "Panjgur"),
                    actors=("Unidentified Armed Group (Pakistan)",))
    title = brief_title(events.iloc[0:0], f)
    assert title == "Suicide bombings and ambushes by unidentified armed groups in Kech and Panjgur districts"


def test_without_a_filter_the_title_names_the_countries_and_the_events_dates(events):
    first, last = sorted(events["event_date"])[0], sorted(events["event_date"])[-1]
    title = brief_title(events, EventFilter())
    assert title.startswith("Conflict events in Pakistan, ")
    assert title.endswith(date_span(date.fromisoformat(first), date.fromisoformat(last)))


@pytest.mark.parametrize(("start", "end", "text"), [
    (date(2025, 3, 1), date(2025, 6, 30), "1 Mar – 30 Jun 2025"),
    (date(2025, 6, 1), date(2025, 6, 30), "1–30 Jun 2025"),
    (date(2024, 12, 1), date(2025, 1, 31), "1 Dec 2024 – 31 Jan 2025"),
    (date(2025, 3, 11), date(2025, 3, 11), "11 Mar 2025"),
    (date(2025, 3, 1), None, "since 1 Mar 2025"),
    (None, date(2025, 6, 30), "until 30 Jun 2025"),
    (None, None, ""),
])
def test_date_spans(start, end, text):
    assert date_span(start, end) == text
