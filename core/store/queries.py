"""The store answers the dashboard's questions in SQL: counts, figures, one page of rows, timelines, map cells
and actor profiles, on SQLite and PostgreSQL alike, so that the app never holds the whole event table.

Every query takes the one filter specification (core.store.filters.sql_conditions): the SQL and in-memory
paths cannot drift. A drawn area is selected by its bounding box in SQL and then by the exact polygon on the
ids and coordinates only.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy import Connection, func, select

from core.knowledge.lexicon import NO_ACTOR, NO_TACTIC, hostage_tactics, primary_tactic
from core.schema import COLUMN_NAMES, coerce_events, parse_json_columns
from core.store import tables
from core.store.database import chunks, get_engine
from core.store.filters import EventFilter, area_mask, sql_conditions
from core.store.reading import frame

PAGE_ROWS = 500
"""Rows fetched for one page of the events table."""
SORTABLE = ("event_date", "fatalities", "injuries", "hostages", "actor1", "admin1", "admin2", "event_type",
            "sub_event_type", "location", "event_id")
"""Columns a page may be sorted by (the table's own columns: nothing typed reaches the SQL)."""


def _where(conn: Connection, f: EventFilter) -> list:
    """The SQL conditions of the filter; a drawn area narrows to the ids inside the polygon itself."""
    e = tables.events
    conditions = [e.c.merged_into.is_(None), *sql_conditions(f, e, tables.event_tactics, tables.event_actors)]
    if f.area:
        rows = conn.execute(select(e.c.event_id, e.c.latitude, e.c.longitude).where(*conditions)).all()
        if rows:
            ids = np.array([r[0] for r in rows], dtype=object)
            lat = np.array([r[1] for r in rows], dtype=float)
            lon = np.array([r[2] for r in rows], dtype=float)
            inside = ids[area_mask(lat, lon, f.area)].tolist()
        else:
            inside = []
        conditions.append(e.c.event_id.in_(inside) if len(inside) < 30_000 else sa.true())
    return conditions


def _shown(conn: Connection, f: EventFilter, column: sa.ColumnElement, where: list | None = None) -> sa.ColumnElement:
    """`column` (a side table's event_id) among the events the filter keeps. Without a filter that is every
    event but the few merged ones: excluding those (partial index) beats listing a million ids (2.3 s)."""
    e = tables.events
    if f.is_empty():  # (== would ignore a drawn area, which takes no part in comparisons)
        return column.not_in(select(e.c.event_id).where(e.c.merged_into.is_not(None)))
    return column.in_(select(e.c.event_id).where(*(_where(conn, f) if where is None else where)))


def count(f: EventFilter, url: str | None = None) -> int:
    """How many events the filter keeps."""
    e = tables.events
    with get_engine(url).connect() as conn:
        return int(conn.execute(select(func.count()).select_from(e).where(*_where(conn, f))).scalar_one())


@dataclass(frozen=True)
class Figures:
    """The headline figures of a view. Unknown counts are counted apart, never as 0; hostages are asked only
    of events in which people were taken."""

    events: int
    fatalities: int
    fatalities_unknown: int
    hostages: int
    hostages_unknown: int
    hostage_events: int
    actors: int
    districts: int


def figures(f: EventFilter, url: str | None = None) -> Figures:
    """Events, known fatalities and hostages with the events where they are unknown, actors, districts.

    One pass over the view's events answers all but the actors: an event takes hostages when its tactics text
    holds a hostage-taking tactic (the same list event_tactics is written from), which the covering indexes
    hold, instead of looking up every hostage-taking event of the store by id (about 300 ms at 1M). The whole
    store's actors and districts are counted by stepping through their indexes (_distinct_count).
    """
    e, a = tables.events, tables.event_actors
    whole = f.is_empty()
    with get_engine(url).connect() as conn:
        where = _where(conn, f)
        taking = sa.or_(*(_holds(conn, e.c.tactics, json.dumps(t, ensure_ascii=False))
                          for t in sorted(hostage_tactics())))
        known = sa.and_(e.c.hostages.is_not(None), taking)  # the tactics are read only where a toll is known
        row = conn.execute(select(
            func.count(), func.coalesce(func.sum(e.c.fatalities), 0),
            func.sum(sa.case((e.c.fatalities.is_(None), 1), else_=0)),
            func.sum(sa.case((taking, 1), else_=0)), func.coalesce(func.sum(sa.case((known, e.c.hostages))), 0),
            func.sum(sa.case((known, 1), else_=0)),
            *(() if whole else (func.count(sa.distinct(e.c.admin2)),)),
        ).where(*where)).one()
        if whole:
            report = e.alias("report")  # correlated: a NOT IN list here was built again for every actor (100 ms)
            actors = _distinct_count(conn, a.c.actor, lambda x, name: sa.and_(
                x.c.actor == name, x.c.role.in_(["actor1", "actor2"]),
                ~sa.exists().where(report.c.event_id == x.c.event_id, report.c.merged_into.is_not(None))))
            districts = _distinct_count(conn, e.c.admin2, lambda x, name: sa.and_(
                x.c.admin2 == name, x.c.merged_into.is_(None)))
        else:
            districts = row[6]
            actors = conn.execute(select(func.count(sa.distinct(a.c.actor))).where(
                a.c.role.in_(["actor1", "actor2"]), _shown(conn, f, a.c.event_id, where))).scalar_one()
    hostage_events = int(row[3] or 0)
    return Figures(int(row[0]), int(row[1]), int(row[2] or 0), int(row[4]), hostage_events - int(row[5] or 0),
                   hostage_events, int(actors), int(districts))


def _holds(conn: Connection, column: sa.ColumnElement, part: str) -> sa.ColumnElement:
    """Whether the text `column` holds `part`, case-sensitively (LIKE ignores case on SQLite)."""
    return (func.strpos if conn.dialect.name == "postgresql" else func.instr)(column, part) > 0


def _distinct_count(conn: Connection, column: sa.Column,
                    kept: Callable[[sa.Table, sa.ColumnElement], sa.ColumnElement]) -> int:
    """How many distinct values of an indexed column some row `kept(table alias, value)` holds.

    The values are stepped through in the index, one lookup each (a recursive query), instead of reading every
    row: the whole store's 2 million actor rows took 320 ms to count, the index walk under 100 ms.
    """
    table, name = column.table, column.name
    values = select(func.min(column).label("value")).cte("value_walk", recursive=True)
    after = table.alias("after")
    values = values.union_all(select(select(func.min(after.c[name])).where(after.c[name] > values.c.value)
                                     .scalar_subquery()).where(values.c.value.is_not(None)))
    held = table.alias("held")
    return int(conn.execute(select(func.count()).select_from(values).where(
        values.c.value.is_not(None), sa.exists().where(kept(held, values.c.value)))).scalar_one())


def page(f: EventFilter, url: str | None = None, *, sort: str = "event_date", descending: bool = True,
         limit: int = PAGE_ROWS, offset: int = 0) -> pd.DataFrame:
    """One page of the events the filter keeps, as an event table, sorted (unknown values last either way)."""
    if sort not in SORTABLE:
        raise ValueError(f"cannot sort by {sort!r}; choose one of {', '.join(SORTABLE)}")
    e = tables.events
    column = e.c[sort]
    order = [column.desc() if descending else column.asc(), e.c.event_id]
    if column.nullable:  # unknown last; a required column skips the term, so an index can give the order
        order.insert(0, column.is_(None))
    with get_engine(url).connect() as conn:
        rows = conn.execute(select(*(e.c[c] for c in COLUMN_NAMES)).where(*_where(conn, f))
                            .order_by(*order).limit(limit).offset(offset)).all()
    return frame(rows)


def events(f: EventFilter, url: str | None = None, limit: int | None = None) -> pd.DataFrame:
    """Every event the filter keeps (for an export the analyst asked for), newest last; `limit` caps it."""
    e = tables.events
    with get_engine(url).connect() as conn:
        query = select(*(e.c[c] for c in COLUMN_NAMES)).where(*_where(conn, f)).order_by(e.c.event_date, e.c.event_id)
        rows = conn.execute(query.limit(limit) if limit else query).all()
    return frame(rows)


def title_facts(f: EventFilter, url: str | None = None) -> pd.DataFrame:
    """The view's first and last day per country, as `event_date` and `country` columns: what a brief's title
    reads from the events (core.views.titles), in at most two rows per country."""
    e = tables.events
    with get_engine(url).connect() as conn:
        rows = conn.execute(select(e.c.country, func.min(e.c.event_date), func.max(e.c.event_date))
                            .where(*_where(conn, f)).group_by(e.c.country)).all()
    days = [(first, country) for country, first, _ in rows] + [(last, country) for country, _, last in rows]
    return pd.DataFrame(days, columns=["event_date", "country"])


def by_ids(ids: Sequence[str], url: str | None = None) -> pd.DataFrame:
    """The shown events with these ids (the clicked marker's, a document's)."""
    e = tables.events
    with get_engine(url).connect() as conn:
        rows = []
        for part in chunks(list(ids)):
            rows += conn.execute(select(*(e.c[c] for c in COLUMN_NAMES)).where(e.c.event_id.in_(part))).all()
    return frame(rows)


def of_document(doc_id: str, url: str | None = None) -> pd.DataFrame:
    """The shown events that came from one document."""
    e = tables.events
    key = f'%"document_id": "{doc_id}"%'
    with get_engine(url).connect() as conn:
        rows = conn.execute(select(*(e.c[c] for c in COLUMN_NAMES)).where(
            e.c.merged_into.is_(None), e.c.source_key == doc_id).order_by(e.c.event_id)).all()
        if not rows:  # events stored before source_key was written
            rows = conn.execute(select(*(e.c[c] for c in COLUMN_NAMES)).where(
                e.c.merged_into.is_(None), e.c.source.like(key)).order_by(e.c.event_id)).all()
    return frame(rows)


def _bucket(conn: Connection, period: str):
    """The first day of each event's period, as ISO text, in the dialect of the store."""
    d = tables.events.c.event_date
    if conn.dialect.name == "postgresql":
        unit = {"day": "day", "week": "week", "month": "month"}[period]
        return func.to_char(func.date_trunc(unit, sa.cast(d, sa.Date)), "YYYY-MM-DD")
    if period == "day":
        return d
    if period == "week":  # weeks start on Monday
        return func.date(d, "-6 days", "weekday 1")
    return func.strftime("%Y-%m-01", d)


def _tactic_groups(keys: pd.Series) -> list[str]:
    """The colour group (main tactic) of each stored tactics text, worked out once per distinct text."""
    group = {k: primary_tactic(json.loads(k) if k else []) or NO_TACTIC for k in set(keys.tolist())}
    return [group[k] for k in keys.tolist()]


def timeline(f: EventFilter, period: str, split_by: str, url: str | None = None) -> pd.DataFrame:
    """Events per period and colour group (main tactic or actor1), plus known fatalities and the events whose
    toll is unknown: columns start, group, events, fatalities, unknown."""
    e = tables.events
    key = e.c.tactics if split_by == "tactic" else e.c.actor1
    with get_engine(url).connect() as conn:
        bucket = _bucket(conn, period).label("start")
        rows = conn.execute(select(
            bucket, key.label("key"), func.count().label("events"),
            func.coalesce(func.sum(e.c.fatalities), 0).label("fatalities"),
            func.sum(sa.case((e.c.fatalities.is_(None), 1), else_=0)).label("unknown"),
        ).where(*_where(conn, f)).group_by(bucket, key)).all()
    out = pd.DataFrame(rows, columns=["start", "key", "events", "fatalities", "unknown"])
    if split_by == "tactic":
        out["group"] = _tactic_groups(out["key"])
    else:
        out["group"] = out["key"].fillna(NO_ACTOR)
    out["start"] = pd.to_datetime(out["start"])
    return (out.groupby(["start", "group"], as_index=False)[["events", "fatalities", "unknown"]].sum()
            .astype({"events": int, "fatalities": float, "unknown": int}))


def extent(f: EventFilter, url: str | None = None) -> tuple[int, float, float, float, float] | None:
    """(placed events, south, west, north, east) of the events the filter keeps, or None when none is placed."""
    e = tables.events
    with get_engine(url).connect() as conn:
        row = conn.execute(select(func.count(), func.min(e.c.latitude), func.min(e.c.longitude),
                                  func.max(e.c.latitude), func.max(e.c.longitude))
                           .where(*_where(conn, f), e.c.latitude.is_not(None), e.c.longitude.is_not(None))).one()
    return None if not row[0] else (int(row[0]), *(float(v) for v in row[1:]))


MAP_COLUMNS = ("event_id", "event_date", "tactics", "actor1", "actor2", "country", "admin1", "admin2", "admin3",
               "location", "latitude", "longitude", "geo_precision", "fatalities", "fatalities_qualifier", "injuries",
               "injuries_qualifier", "hostages", "hostages_qualifier")
"""What a map reads of each event (place, colour, size, time, popup) and what the boundary checks read."""


def placed(f: EventFilter, url: str | None = None) -> pd.DataFrame:
    """The placed events the filter keeps, for maps of up to a few tens of thousands: the MAP_COLUMNS of an
    event table, with the schema's types (a card fetches its events whole, `by_ids`)."""
    e = tables.events
    with get_engine(url).connect() as conn:
        rows = conn.execute(select(*(e.c[c] for c in MAP_COLUMNS)).where(
            *_where(conn, f), e.c.latitude.is_not(None), e.c.longitude.is_not(None))
            .order_by(e.c.event_date, e.c.event_id)).all()
    # Plain tuples: pandas probes SQLAlchemy rows for attributes, which costs two exceptions per row.
    table = pd.DataFrame([tuple(r) for r in rows], columns=list(MAP_COLUMNS))
    return coerce_events(parse_json_columns(table), MAP_COLUMNS)


def map_cells(f: EventFilter, size: float, split_by: str, url: str | None = None) -> pd.DataFrame:
    """Placed events counted per grid cell of `size` degrees (exact events) or per centroid (district and
    province centroids, precision 2-3, never merged with exact ones), in SQL.

    Columns: approx, lat, lon, events, fatalities (known sum), unknown, group (most frequent colour group).
    """
    e = tables.events
    key = e.c.tactics if split_by == "tactic" else e.c.actor1
    with get_engine(url).connect() as conn:
        # PostgreSQL rounds to places only numerics, not floats
        exact = (lambda c: c) if conn.dialect.name == "sqlite" else (lambda c: sa.cast(c, sa.Numeric))
        approx = (e.c.geo_precision >= 2).label("approx")
        cell_lat = sa.case((e.c.geo_precision >= 2, func.round(exact(e.c.latitude), 4)),
                           else_=func.floor(e.c.latitude / size)).label("cy")
        cell_lon = sa.case((e.c.geo_precision >= 2, func.round(exact(e.c.longitude), 4)),
                           else_=func.floor(e.c.longitude / size)).label("cx")
        rows = conn.execute(select(
            approx, cell_lat, cell_lon, key.label("key"), func.count().label("events"),
            func.avg(e.c.latitude).label("lat"), func.avg(e.c.longitude).label("lon"),
            func.coalesce(func.sum(e.c.fatalities), 0).label("fatalities"),
            func.sum(sa.case((e.c.fatalities.is_(None), 1), else_=0)).label("unknown"),
        ).where(*_where(conn, f), e.c.latitude.is_not(None), e.c.longitude.is_not(None))
            .group_by(approx, cell_lat, cell_lon, key)).all()
    parts = pd.DataFrame(rows, columns=["approx", "cy", "cx", "key", "events", "lat", "lon", "fatalities", "unknown"])
    if parts.empty:
        return pd.DataFrame(columns=["approx", "lat", "lon", "events", "fatalities", "unknown", "group"])
    if split_by == "tactic":
        parts["group"] = _tactic_groups(parts["key"])
    else:
        parts["group"] = parts["key"].fillna(NO_ACTOR)
    parts["wlat"] = parts["lat"].astype(float) * parts["events"]
    parts["wlon"] = parts["lon"].astype(float) * parts["events"]
    cells = parts.groupby(["approx", "cy", "cx"], as_index=False).agg(
        events=("events", "sum"), wlat=("wlat", "sum"), wlon=("wlon", "sum"),
        fatalities=("fatalities", "sum"), unknown=("unknown", "sum"))
    top = (parts.groupby(["approx", "cy", "cx", "group"], as_index=False)["events"].sum()
           .sort_values("events", ascending=False).drop_duplicates(["approx", "cy", "cx"]))
    cells = cells.merge(top[["approx", "cy", "cx", "group"]], on=["approx", "cy", "cx"])
    cells["lat"], cells["lon"] = cells["wlat"] / cells["events"], cells["wlon"] / cells["events"]
    cells["approx"] = cells["approx"].astype(bool)
    return cells[["approx", "lat", "lon", "events", "fatalities", "unknown", "group"]].reset_index(drop=True)


def actor_profiles(f: EventFilter, url: str | None = None) -> pd.DataFrame:
    """One row per actor on either side: events, events as main actor, first and last seen."""
    e, a = tables.events, tables.event_actors
    with get_engine(url).connect() as conn:
        rows = conn.execute(select(
            a.c.actor, func.count(sa.distinct(a.c.event_id)),
            func.count(sa.distinct(sa.case((a.c.role == "actor1", a.c.event_id)))),
            func.min(e.c.event_date), func.max(e.c.event_date),
        ).join(e, e.c.event_id == a.c.event_id).where(a.c.role.in_(["actor1", "actor2"]), _shown(conn, f, a.c.event_id))
            .group_by(a.c.actor)).all()
    out = pd.DataFrame(rows, columns=["Actor", "Events", "As main actor", "First seen", "Last seen"])
    return out.sort_values(["Events", "Actor"], ascending=[False, True], kind="stable").reset_index(drop=True)


def options(url: str | None = None) -> dict[str, list]:
    """What the filter widgets offer: actors, provinces, districts per province, tactics, event types and the
    first and last event dates."""
    e, a, t = tables.events, tables.event_actors, tables.event_tactics
    shown = e.c.merged_into.is_(None)
    with get_engine(url).connect() as conn:
        actors = sorted(conn.execute(select(a.c.actor).where(a.c.role.in_(["actor1", "actor2"])).distinct()).scalars())
        places = conn.execute(select(e.c.admin1, e.c.admin2).where(shown).distinct()).all()
        tactics = sorted(conn.execute(select(t.c.tactic).distinct()).scalars())
        types = sorted(conn.execute(select(e.c.event_type).where(shown).distinct()).scalars())
        first, last = conn.execute(select(func.min(e.c.event_date), func.max(e.c.event_date)).where(shown)).one()
    districts: dict[str, list[str]] = {}
    for admin1, admin2 in places:
        if admin1 and admin2:
            districts.setdefault(admin1, []).append(admin2)
    return {"actors": actors, "admin1": sorted({p for p, _ in places if p}),
            "admin2": {k: sorted(set(v)) for k, v in districts.items()},
            "all_admin2": sorted({d for _, d in places if d}), "tactics": tactics, "event_types": types,
            "first": first, "last": last}


def has_source(document_id: str, url: str | None = None) -> bool:
    """True when some event came from this document (e.g. the SYNTHETIC generator's)."""
    e = tables.events
    with get_engine(url).connect() as conn:
        return conn.execute(select(e.c.event_id).where(e.c.source_key == document_id).limit(1)).first() is not None


def actor_details(f: EventFilter, actor: str, url: str | None = None) -> dict[str, pd.Series]:
    """For one actor of the view: events per tactic it used as the main actor, per province it was involved
    in, and per sub-unit named (counts, largest first)."""
    e, a, t = tables.events, tables.event_actors, tables.event_tactics
    with get_engine(url).connect() as conn:
        shown = select(e.c.event_id).where(*_where(conn, f))
        involved = select(a.c.event_id).where(a.c.actor == actor, a.c.role.in_(["actor1", "actor2"]),
                                              a.c.event_id.in_(shown))
        led = select(a.c.event_id).where(a.c.actor == actor, a.c.role == "actor1", a.c.event_id.in_(shown))
        tactics = conn.execute(select(t.c.tactic, func.count()).where(t.c.event_id.in_(led))
                               .group_by(t.c.tactic)).all()
        provinces = conn.execute(select(e.c.admin1, func.count()).where(e.c.event_id.in_(involved), e.c.admin1.is_not(None))
                                 .group_by(e.c.admin1)).all()
        units = conn.execute(select(a.c.actor, func.count()).where(
            a.c.role.in_(["assoc_actor_1", "assoc_actor_2"]), a.c.event_id.in_(involved),
            a.c.event_id.in_(select(a.c.event_id).where(a.c.actor == actor))).group_by(a.c.actor)).all()

    def series(rows) -> pd.Series:
        return pd.Series({k: int(v) for k, v in rows}, dtype=int).sort_values(ascending=False)

    return {"tactics": series(tactics), "provinces": series(provinces), "units": series(units)}


def events_per_document(f: EventFilter, url: str | None = None) -> pd.Series:
    """Document id -> how many of the view's events came from it."""
    e = tables.events
    with get_engine(url).connect() as conn:
        rows = conn.execute(select(e.c.source_key, func.count()).where(*_where(conn, f)).group_by(e.c.source_key)).all()
    return pd.Series({k: int(v) for k, v in rows if k}, dtype=int)
