"""Dates in reports: explicit dates, weekdays and relative words, resolved against the dateline."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Month names must be capitalised, so that "5 may have died" is not read as 5 May.
_MONTH = r"(?P<month>" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_EXPLICIT = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b"),
]
_WEEKDAY = re.compile(r"\b(?:on\s+|late\s+|early\s+|last\s+)?(?P<wd>" + "|".join(WEEKDAYS) + r")(?:'s|’s)?\b", re.IGNORECASE)
_RELATIVE = [
    (re.compile(r"\bthe day before yesterday\b", re.IGNORECASE), -2, 1),
    (re.compile(r"\byesterday\b", re.IGNORECASE), -1, 1),
    (re.compile(r"\blast night\b|\blate last night\b|\bovernight\b", re.IGNORECASE), -1, 1),
    (re.compile(r"\b(?:earlier )?today\b|\bthis (?:morning|afternoon|evening)\b|\btonight\b", re.IGNORECASE), 0, 1),
    (re.compile(r"\b(?:earlier )?this week\b", re.IGNORECASE), 0, 2),
    (re.compile(r"\blast week\b", re.IGNORECASE), -7, 2),
    (re.compile(r"\b(?:earlier )?this month\b", re.IGNORECASE), 0, 3),
]
_FOLLOWING = re.compile(
    r"\b(?:the (?:next|following) (?:day|morning|evening)|a day later|the day after)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class FoundDate:
    """A date found in text: the resolved value, ACLED time precision, and its span."""

    value: date
    precision: int
    start: int
    end: int


def _month_number(text: str) -> int:
    return int(text) if text.isdigit() else MONTHS[text.lower().rstrip(".")]


def find_explicit_date(text: str, anchor: date | None) -> FoundDate | None:
    """First calendar date written out in text. Without a year, the most recent one on or before anchor."""
    best: FoundDate | None = None
    for pattern in _EXPLICIT:
        for m in pattern.finditer(text):
            try:
                month = _month_number(m.group("month"))
                day = int(m.group("day"))
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
    """The date a sentence gives for what it describes, resolved against the dateline `anchor`.

    Handles explicit dates, weekdays ("Tuesday's attack" is the Tuesday on or before the
    dateline), "yesterday", "last night", "this week" and, given the previous event's date,
    "the next day". Returns None when the sentence gives no date.
    """
    found = [f for f in (find_explicit_date(text, anchor), _weekday(text, anchor)) if f]
    for pattern, offset, precision in _RELATIVE:
        m = pattern.search(text)
        if m:
            found.append(FoundDate(anchor + timedelta(days=offset), precision, m.start(), m.end()))
    if previous is not None:
        m = _FOLLOWING.search(text)
        if m:
            found.append(FoundDate(previous + timedelta(days=1), 1, m.start(), m.end()))
    return min(found, key=lambda f: f.start) if found else None


def _weekday(text: str, anchor: date) -> FoundDate | None:
    m = _WEEKDAY.search(text)
    if not m:
        return None
    wanted = WEEKDAYS.index(m.group("wd").lower())
    back = (anchor.weekday() - wanted) % 7
    return FoundDate(anchor - timedelta(days=back), 1, m.start(), m.end())
