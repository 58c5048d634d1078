"""Fetching web pages, only when asked: the dashboard works offline, and fetching is an option that is off.

`python -m core add --online` (or CONFLICT_ONLINE=1) lets the reader fetch article URLs: one request
at a time per host, at most one a second (POLITE_DELAY), each with a timeout and a size cap.
"""

from __future__ import annotations

import os
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from core.reading.documents import DocumentError, max_bytes

ONLINE_SETTING = "CONFLICT_ONLINE"
TIMEOUT = 15.0
POLITE_DELAY = 1.0
"""Seconds between two requests to the same host."""
USER_AGENT = "conflict-event-dashboard (offline-first analyst tool; fetches one page at a time)"

_last: dict[str, float] = {}
_lock = threading.Lock()


def online_allowed(flag: bool = False) -> bool:
    """True when the user allowed fetching: the --online flag or CONFLICT_ONLINE=1."""
    return flag or os.environ.get(ONLINE_SETTING, "") in ("1", "true", "yes")


def _wait_turn(host: str) -> None:
    with _lock:
        wait = _last.get(host, 0.0) + POLITE_DELAY - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        _last[host] = time.monotonic()


def fetch(url: str) -> bytes:
    """The bytes at an http(s) URL; DocumentError with a one-line reason when it cannot be fetched."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise DocumentError(f"{url}: not a web address (http or https)")
    _wait_turn(parts.netloc)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    limit = max_bytes()
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - http(s) checked above
            data = response.read(limit + 1)
    except urllib.error.HTTPError as exc:
        raise DocumentError(f"{url}: the server answered {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DocumentError(f"{url}: unreachable ({reason})") from None
    if len(data) > limit:
        raise DocumentError(f"{url}: the page is over the {limit // 2**20} MB limit")
    return data
