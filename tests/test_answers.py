"""Answers kept in the store for the unfiltered view: read back exactly, used only while current, and out of date
after every kind of write (build, import, save, edit, merge undo), on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import func, select

from bench.synthetic import synthetic_events
from core.store import answers, merging, queries, reading, tables, writing
from core.store.answers import QUESTIONS, answer
from core.store.database import get_engine
from core.store.filters import EventFilter
from core.store.importers import import_file
from core.views.warm import warm_answers

DATA = Path(__file__).parent / "data"
EVERYTHING = EventFilter()
PARAMS = {"cells": {"size": 0.5, "split_by": "tactic"}, "timeline": {"period": "month", "split_by": "actor"}}


def kept_names(url: str) -> list[str]:
    with get_engine(url).connect() as conn:
        return sorted(conn.execute(select(tables.answers.c.name)).scalars())


def refuse(monkeypatch) -> None:
    """Make every question about the whole store fail if it reaches the events: its answers must then come from
    the kept ones. Questions about a filtered view still reach the events."""
    def refusing(ask):
        def asked(*args, **kwargs):
            if not args or not isinstance(args[0], EventFilter) or args[0] == EVERYTHING:
                raise AssertionError(f"asked the events about the whole store ({ask.__name__})")
            return ask(*args, **kwargs)
        return asked

    for name in ("count", "figures", "extent", "title_facts", "options", "map_cells", "timeline", "actor_profiles"):
        monkeypatch.setattr(queries, name, refusing(getattr(queries, name)))


@pytest.fixture
def stored(store_url):
    writing.save_build(synthetic_events(400, seed=3), [], store_url)
    return store_url


def same(a, b) -> None:
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b)
    else:
        assert a == b


@pytest.mark.parametrize("question", sorted(QUESTIONS))
def test_a_kept_answer_reads_back_exactly_and_spares_the_events(stored, question, monkeypatch):
    fresh = answer(question, EVERYTHING, stored, **PARAMS.get(question, {}))
    assert len(kept_names(stored)) == 1
    refuse(monkeypatch)
    same(answer(question, EVERYTHING, stored, **PARAMS.get(question, {})), fresh)


def test_a_filtered_view_is_asked_afresh_and_never_kept(stored):
    province = queries.options(stored)["admin1"][0]
    f = EventFilter(admin1=(province,))
    assert answer("count", f, stored) == queries.count(f, stored) < queries.count(EVERYTHING, stored)
    assert kept_names(stored) == []


def test_every_write_makes_the_kept_answers_out_of_date(store_url):
    import_file(DATA / "acled_sample.csv", url=store_url)
    counts = [answer("count", EVERYTHING, store_url)]

    writing.save_build(synthetic_events(50, seed=8), [], store_url)
    counts.append(answer("count", EVERYTHING, store_url))
    assert counts[-1] == counts[0] + 50

    districts = answer("figures", EVERYTHING, store_url).districts
    shown = queries.page(EVERYTHING, store_url, limit=1).iloc[0]
    writing.update_event_fields(shown["event_id"], {"admin2": (shown["admin2"], "A district nobody else has")},
                                "alice", store_url)
    assert answer("figures", EVERYTHING, store_url).districts in (districts, districts + 1)
    assert "A district nobody else has" in answer("options", EVERYTHING, store_url)["all_admin2"]

    merges = merging.load_merges(store_url)
    if len(merges):
        merging.undo_merge(int(merges.iloc[0]["merge_id"]), "alice", store_url)
        assert answer("count", EVERYTHING, store_url) == counts[-1] + 1


def test_a_save_of_documents_alone_moves_the_store_on(store_url):
    from tests.dashboard_data import corpus_build

    built = corpus_build()
    before = reading.store_version(store_url)
    writing.save_documents(built.documents[:1], built.events.head(0), who="alice", originals={}, changes={},
                           url=store_url)
    assert reading.store_version(store_url) > before


def test_an_answer_for_a_generation_the_store_has_left_is_not_kept(stored):
    generation = reading.store_version(stored)
    answer("count", EVERYTHING, stored, generation - 1)  # computed by a reader who began before the last write
    assert kept_names(stored) == []
    answer("count", EVERYTHING, stored, generation)
    assert kept_names(stored) == ["count{}"]


def test_new_code_does_not_trust_answers_kept_by_the_old(stored, monkeypatch):
    answer("count", EVERYTHING, stored)
    with get_engine(stored).begin() as conn:
        conn.execute(tables.answers.update().values(value="12345"))
    assert answer("count", EVERYTHING, stored) == 12345  # the kept answer is used, even a doctored one
    monkeypatch.setattr(answers, "code_fingerprint", lambda: "another version of the code")
    assert answer("count", EVERYTHING, stored) == queries.count(EVERYTHING, stored)


def test_warming_keeps_what_the_first_pages_ask(stored, monkeypatch):
    """After a build or an import, the Map, Timeline and Actors pages of a fresh server ask the events nothing
    about the whole store (the map drawn from cells, as for a store above MAP_ROWS)."""
    from streamlit.testing.v1 import AppTest

    import pages.widgets.event_map as event_map

    warm_answers(stored)
    with get_engine(stored).connect() as conn:
        assert conn.execute(select(func.count()).select_from(tables.answers)).scalar_one() == 8
    refuse(monkeypatch)
    monkeypatch.setattr(event_map, "MAP_ROWS", 10)
    monkeypatch.setenv("DATABASE_URL", stored)
    monkeypatch.delenv("BOUNDARY_FILE", raising=False)
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "dashboard.py"), default_timeout=60)
    at.run()
    for page in ("pages/map.py", "pages/timeline.py", "pages/actors.py"):
        at.switch_page(page).run()
        assert not at.exception, (page, [e.message for e in at.exception])
