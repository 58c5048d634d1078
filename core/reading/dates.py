"""Dates in reports: explicit dates, weekdays and relative words, resolved against the publication date.

Month and weekday names come from data/calendar_words.csv, relative phrases ("yesterday", "the next
day") from data/date_phrases.csv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache

from core.knowledge.lexicon import cue_words, load_calendar, load_date_phrases


@dataclass(frozen=True)
class FoundDate:
    """A date found in text: the resolved value, ACLED time precision, and its span."""

    value: date
    precision: int
    start: int
    end: int
    reported: bool = False  # "the military said Thursday": the day of a statement, not of what it tells


def _alternation(words, *, capitalise: bool = False) -> str:
    forms = sorted({w.capitalize() if capitalise else w for w in words}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(part) for part in f.split()) for f in forms)


@dataclass(frozen=True)
class _Patterns:
    explicit: tuple[re.Pattern, ...]
    weekday: re.Pattern
    relative: tuple[tuple[re.Pattern, int, int], ...]
    following: tuple[tuple[re.Pattern, int, int], ...]
    statement_before: re.Pattern
    follow_up_after: re.Pattern


@cache
def _patterns() -> _Patterns:
    calendar = load_calendar()
    # Month names must be capitalised, so that "5 may have died" is not read as 5 May.
    month = r"(?P<month>" + _alternation(calendar.months, capitalise=True) + r")\.?"
    # ("on the night of 18/19 October": the night begins on the 18th, the day ACLED codes)
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*/\s*[0-3]?\d(?:st|nd|rd|th)?)?"
    year = r"(?P<year>(?:19|20)\d\d)"
    explicit = (
        re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
        re.compile(rf"\b{day}\s+(?:of\s+)?{month}(?:,?\s+{year})?\b"),
        re.compile(rf"\b{month}\s+{day}(?:,?\s+{year})?\b"),
    )
    weekday = re.compile(r"\b(?:on\s+|late\s+|early\s+|last\s+)?(?P<wd>" + _alternation(calendar.weekdays)
                         + r")(?:'s|’s)?\b", re.IGNORECASE)
    relative, following = [], []
    for p in load_date_phrases():
        entry = (re.compile(r"\b" + _alternation([p.phrase]) + r"\b", re.IGNORECASE), p.offset_days, p.precision)
        (following if p.anchor == "previous" else relative).append(entry)
    statement_before = re.compile(r"\b(?:" + _alternation(cue_words("statement")) + r")\s*$", re.IGNORECASE)
    follow_up_after = re.compile(r"(?:\s+(?:morning|afternoon|evening|night))?\s+(?:" + _alternation(cue_words("follow_up_verb"))
                                 + r")\b", re.IGNORECASE)
    return _Patterns(explicit, weekday, tuple(relative), tuple(following), statement_before, follow_up_after)


def month_number(text: str) -> int | None:
    """1..12 for a month name or abbreviation ('Sept.'), or for a number; None otherwise."""
    if text.isdigit():
        return int(text)
    return load_calendar().months.get(text.lower().rstrip("."))


def is_date_word(word: str) -> bool:
    """True for a month or weekday name."""
    calendar = load_calendar()
    return word.lower() in calendar.months or word.lower() in calendar.weekdays


def find_explicit_date(text: str, anchor: date | None) -> FoundDate | None:
    """First calendar date written out in text. Without a year, the most recent one on or before anchor."""
    best: FoundDate | None = None
    for pattern in _patterns().explicit:
        for m in pattern.finditer(text):
            try:
                month = month_number(m.group("month"))
                day = int(m.group("day"))
                if month is None:
                    continue
                if m.group("year"):
                    value = date(int(m.group("year")), month, day)
                elif anchor is not None:
                    value = date(anchor.year, month, day)
                    if value > anchor:
                        value = date(anchor.year - 1, month, day)
                else:
                    continue
            except ValueError:
                continue
            if best is None or m.start() < best.start:
                best = FoundDate(value, 1, m.start(), m.end())
            break
    return best


def find_date(text: str, anchor: date, previous: date | None = None) -> FoundDate | None:
    """The date a sentence gives for what it describes, resolved against the publication date `anchor`.

    Handles explicit dates, weekdays ("Tuesday's attack" is the Tuesday on or before the
    anchor), "yesterday", "last night", "this week" and, given the previous event's date,
    "the next day". Returns None when the sentence gives no date. The first date written wins, unless it is
    the day of a follow-up and the sentence gives another: "Police on Tuesday recovered eight of the workers
    abducted on Monday" is Monday's abduction.
    """
    patterns = _patterns()
    found = [f for f in (find_explicit_date(text, anchor), *_weekdays(text, anchor)) if f]
    for pattern, offset, precision in patterns.relative:
        m = pattern.search(text)
        if m:
            found.append(FoundDate(anchor + timedelta(days=offset), precision, m.start(), m.end()))
    if previous is not None:
        for pattern, offset, precision in patterns.following:
            m = pattern.search(text)
            if m:
                found.append(FoundDate(previous + timedelta(days=offset), precision, m.start(), m.end()))
    if not found:
        return None
    incident = [f for f in found if not patterns.follow_up_after.match(text, f.end)]
    if incident and len({f.value for f in found}) > 1:
        found = incident
    first = min(found, key=lambda f: f.start)
    return replace(first, reported=bool(_patterns().statement_before.search(text[: first.start])))


def _weekdays(text: str, anchor: date) -> list[FoundDate]:
    return [_weekday_at(m, anchor) for m in _patterns().weekday.finditer(text)]


def _weekday_at(m: re.Match, anchor: date) -> FoundDate:
    wanted = load_calendar().weekdays.index(m.group("wd").lower())
    back = (anchor.weekday() - wanted) % 7
    return FoundDate(anchor - timedelta(days=back), 1, m.start(), m.end())
