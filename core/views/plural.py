"""Counts in running text: '1 event', '2 events'."""

from __future__ import annotations


def counted(n: int, noun: str) -> str:
    """A count with its noun, singular for one: counted(1, "event") is '1 event', counted(1200, "event") '1,200 events'.

    >>> counted(1, "event"), counted(0, "document"), counted(1200, "event")
    ('1 event', '0 documents', '1,200 events')
    """
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"
