"""Dates resolved against the dateline."""

from __future__ import annotations

from datetime import date

import pytest

from core.reading.dates import find_date, find_explicit_date

TUESDAY = date(2025, 3, 11)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("Tuesday’s attack was the biggest", date(2025, 3, 11), 1),
        ("on Sunday night militants stormed", date(2025, 3, 9), 1),
        ("late Wednesday", date(2025, 3, 5), 1),
        ("yesterday gunmen opened fire", date(2025, 3, 10), 1),
        ("the day before yesterday", date(2025, 3, 9), 1),
        ("last night a blast", date(2025, 3, 10), 1),
        ("on March 9 a convoy", date(2025, 3, 9), 1),
        ("on 12 December a bomb", date(2024, 12, 12), 1),
        ("on 2 January 2024", date(2024, 1, 2), 1),
        ("earlier this week", date(2025, 3, 11), 2),
        ("earlier this month", date(2025, 3, 11), 3),
    ],
)
def test_relative_and_explicit_dates(text, expected, precision):
    found = find_date(text, TUESDAY)
    assert found is not None and (found.value, found.precision) == (expected, precision)


def test_next_day_needs_the_previous_event():
    assert find_date("The next day troops raided", TUESDAY) is None
    assert find_date("The next day troops raided", TUESDAY, previous=date(2025, 3, 7)).value == date(2025, 3, 8)


def test_lowercase_may_is_not_a_month():
    assert find_explicit_date("as many as 5 may have died", TUESDAY) is None


def test_no_date():
    assert find_date("Gunmen escaped into the hills.", TUESDAY) is None


def test_the_day_of_a_statement_is_marked_as_reported():
    anchor = date(2025, 10, 23)  # a Thursday
    said = find_date("Troops killed two dozen militants, the military said Thursday, in fighting near the border.", anchor)
    assert said is not None and said.value == date(2025, 10, 23) and said.reported
    began = find_date("The clash began late Wednesday near Ghulam Khan.", anchor)
    assert began is not None and began.value == date(2025, 10, 22) and not began.reported


def test_the_day_of_a_follow_up_gives_way_to_the_incidents():
    text = ("Police on Tuesday recovered eight of the 11 labourers who were abducted from a camp in Tank district "
            "on Monday evening.")
    assert find_date(text, date(2026, 6, 9)).value == date(2026, 6, 8)
    assert find_date("Militants attacked the post on Monday, police said on Tuesday.", date(2026, 6, 9)).value == \
        date(2026, 6, 8)
    assert find_date("Police on Tuesday recovered the bodies.", date(2026, 6, 9)).value == date(2026, 6, 9)


def test_a_night_across_two_dates_is_the_first():
    found = find_date("On the night of 18/19 October, troops engaged the khwarij.", date(2026, 10, 20))
    assert found.value == date(2026, 10, 18)
