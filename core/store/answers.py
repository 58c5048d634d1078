"""Answers kept in the store: what the dashboard asks about the whole store (its unfiltered view, the first page
of every session) is computed once per state of the store and kept beside the events, so that a freshly started
server does not read a million rows before its first page.

An answer is kept with the store's generation (core.store.database.writing raises it in every write transaction)
and with a fingerprint of the code and knowledge files that compute it (CODE): it is used only while both match,
so a build, import, save, edit or merge undo, or a new version of the code, makes it be computed again. An answer
computed while a write was committing is not kept: the answer is stored only when the store is still at the
generation it was computed for. Keeping is best effort: when another writer holds the store, the answer is
returned without being kept, and the reader never waits.

Any other filter is asked of the store afresh (the app caches those per process).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import delete, insert, select

from core.knowledge.datafiles import DATA_DIR
from core.store import queries, tables
from core.store.database import get_engine, lock_timeout
from core.store.filters import EventFilter
from core.store.reading import store_version

CORE = Path(__file__).resolve().parents[1]


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the code (core/) and the knowledge files (data/*.csv) that answers depend on."""
    digest = hashlib.sha256()
    for path in sorted([*CORE.rglob("*.py"), *DATA_DIR.glob("*.csv")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def frame_to_json(frame: pd.DataFrame) -> dict:
    """A table as JSON-ready columns, dtypes and rows (dates as ISO text, missing values as null)."""
    rows = frame.astype(object).where(frame.notna(), None).to_numpy().tolist()
    return {"columns": list(frame.columns), "dtypes": [str(d) for d in frame.dtypes], "rows": rows}


def frame_from_json(kept: dict) -> pd.DataFrame:
    """The table `frame_to_json` described, with its dtypes."""
    frame = pd.DataFrame(kept["rows"], columns=kept["columns"])
    for column, dtype in zip(kept["columns"], kept["dtypes"]):
        frame[column] = pd.to_datetime(frame[column]).astype(dtype) if dtype.startswith("datetime") \
            else frame[column].astype(dtype)
    return frame


@dataclass(frozen=True)
class Question:
    """One of the dashboard's questions to the store, and how its answer is written as JSON and read back."""

    ask: Callable[..., Any]  # (filter, url, **params) -> answer
    encode: Callable[[Any], Any] = lambda value: value
    decode: Callable[[Any], Any] = lambda value: value


def _json_default(value: object) -> object:
    return value.isoformat() if hasattr(value, "isoformat") else value.item()


QUESTIONS: dict[str, Question] = {
    "count": Question(lambda f, url: queries.count(f, url)),
    "figures": Question(lambda f, url: queries.figures(f, url), asdict, lambda kept: queries.Figures(**kept)),
    "extent": Question(lambda f, url: queries.extent(f, url), decode=lambda kept: tuple(kept) if kept else None),
    "title_facts": Question(lambda f, url: queries.title_facts(f, url), frame_to_json, frame_from_json),
    "options": Question(lambda f, url: queries.options(url)),
    "cells": Question(lambda f, url, size, split_by: queries.map_cells(f, size, split_by, url), frame_to_json,
                      frame_from_json),
    "timeline": Question(lambda f, url, period, split_by: queries.timeline(f, period, split_by, url), frame_to_json,
                         frame_from_json),
    "actor_profiles": Question(lambda f, url: queries.actor_profiles(f, url), frame_to_json, frame_from_json),
}
"""The questions whose answers about the whole store are kept (`params` name a map's cell size, a period...)."""


def answer(question: str, f: EventFilter, url: str | None = None, generation: int | None = None,
           **params: Any) -> Any:
    """The store's answer to `question` about the events `f` keeps: for the unfiltered view, the answer kept in
    the store when it is current (else computed and kept); for any other filter, asked afresh.

    `generation` is the store's generation the caller saw (None: read it now).
    """
    q = QUESTIONS[question]
    if f != EventFilter():
        return q.ask(f, url, **params)
    name = question + json.dumps(params, sort_keys=True, default=_json_default)
    generation = store_version(url) if generation is None else generation
    a, code = tables.answers, code_fingerprint()
    with get_engine(url).connect() as conn:
        found = conn.execute(select(a.c.value).where(a.c.name == name, a.c.generation == generation,
                                                     a.c.code == code)).scalar()
    if found is not None:
        return q.decode(json.loads(found))
    value = q.ask(f, url, **params)
    _keep(url, name, generation, json.dumps(q.encode(value), default=_json_default))
    return value


def _keep(url: str | None, name: str, generation: int, value: str) -> None:
    """Store an answer for `generation`, unless the store has moved past it or another writer holds it."""
    a, state = tables.answers, tables.store_state
    engine = get_engine(url)
    with engine.connect() as conn:
        # Never queue behind an import: keeping an answer is not worth a wait. (On the driver's connection, which
        # SQLAlchemy's transaction does not see.)
        driver = conn.connection.driver_connection if engine.dialect.name == "sqlite" else None
        if driver:
            driver.execute("PRAGMA busy_timeout=0")
        try:
            with conn.begin():
                conn.execute(delete(a).where(a.c.name == name))
                current = select(sa.literal(name), sa.literal(generation), sa.literal(code_fingerprint()),
                                 sa.literal(value)).where(state.c.generation == generation)
                conn.execute(insert(a).from_select(["name", "generation", "code", "value"], current))
        except sa.exc.DBAPIError:  # busy, or another reader kept the same answer first
            pass
        finally:
            if driver:
                driver.execute(f"PRAGMA busy_timeout={int(lock_timeout() * 1000)}")
