"""One filter, two paths: the SQL the store runs and the in-memory mask give the same rows.

Hypothesis draws filters from every filterable column's own values (actors and sub-units in each role,
provinces, districts, tactics, event types, dates, the civilian flag, drawn rectangles) and search terms cut
from every search column, on a real SQLite file and a real PostgreSQL server.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.synthetic import synthetic_events
from core.knowledge.lexicon import tactic_names
from core.store import reading, writing
from core.store.filters import ACTOR_ROLES, SEARCH_COLUMNS, EventFilter, apply_filter
from core.store.pipeline import build_events
from tests.pg_server import new_database

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    """The corpus's real events (real names, notes and places) and SYNTHETIC ones for volume."""
    built = build_events(sorted(CORPUS.glob("*.txt")))
    assert not built.errors
    return pd.concat([built.events, synthetic_events(400, seed=7)], ignore_index=True)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def stored(request, table, tmp_path_factory) -> tuple[str, pd.DataFrame]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('filters') / 'events.sqlite'}"
    else:
        url = new_database(request.getfixturevalue("postgres_server"))
    writing.save_build(table, [], url)
    return url, reading.load_events(url)


def _values(events: pd.DataFrame, column: str) -> list[str]:
    return sorted(set(events[column].dropna().astype(str)))


@st.composite
def filters(draw, events: pd.DataFrame) -> EventFilter:
    names = sorted({n for c in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
                    for v in events[c].dropna() for n in str(v).split("; ")} | {"Nobody Listed"})
    texts = [str(v) for c in SEARCH_COLUMNS for v in events[c].dropna()]
    first, last = date.fromisoformat(events["event_date"].min()), date.fromisoformat(events["event_date"].max())
    day = st.integers(0, (last - first).days + 2).map(lambda n: first + timedelta(days=n - 1))

    def some(values: list[str]) -> st.SearchStrategy:
        return st.lists(st.sampled_from(values), max_size=3, unique=True).map(tuple)

    cut = st.tuples(st.sampled_from(texts), st.integers(0, 200), st.integers(1, 14)).map(
        lambda t: t[0][t[1] % max(len(t[0]), 1):][: t[2]])
    text = st.one_of(st.just(""), cut, cut.map(str.upper), st.sampled_from(["%", "_", "'; --", "100%_", "ß", " "]))
    lat, lon = st.floats(24, 37), st.floats(61, 77)
    box = st.tuples(lat, lat, lon, lon).map(lambda b: {"type": "Polygon", "coordinates": [[
        [min(b[2:]), min(b[:2])], [max(b[2:]), min(b[:2])], [max(b[2:]), max(b[:2])], [min(b[2:]), max(b[:2])],
        [min(b[2:]), min(b[:2])]]]})
    def maybe(strategy: st.SearchStrategy, default=None):
        """Each field is set in about a quarter of the filters, so that most filters keep some rows."""
        return draw(strategy) if draw(st.integers(0, 3)) == 0 else default

    return EventFilter(
        since=maybe(day), until=maybe(day),
        actors=maybe(some(names), ()), actor_role=draw(st.sampled_from(sorted(ACTOR_ROLES))),
        admin1=maybe(some(_values(events, "admin1")), ()), admin2=maybe(some(_values(events, "admin2")), ()),
        tactics=maybe(some(list(tactic_names())), ()), event_types=maybe(some(_values(events, "event_type")), ()),
        civilian_targeting=maybe(st.booleans()), text=maybe(text, ""), area=maybe(box),
    )


def test_sql_and_memory_give_the_same_rows(stored):
    url, events = stored

    kept_some = []

    @settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
    @given(filters(events))
    def check(f: EventFilter) -> None:
        in_sql = sorted(reading.query_events(f, url)["event_id"])
        in_memory = sorted(apply_filter(events, f)["event_id"])
        assert in_sql == in_memory, f.describe()
        kept_some.append(0 < len(in_sql) < len(events))

    check()
    assert sum(kept_some) >= len(kept_some) // 3  # the filters drawn were not all trivially empty or full


def test_every_word_of_every_search_column_finds_the_same_rows(stored):
    url, events = stored
    words = sorted({w for c in SEARCH_COLUMNS for v in events[c].dropna().head(60) for w in str(v).split()[:6]})
    assert len(words) > 64
    for word in words:
        f = EventFilter(text=word)
        assert sorted(reading.query_events(f, url)["event_id"]) == sorted(apply_filter(events, f)["event_id"]), word
