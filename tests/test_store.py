"""The store against a real SQLite file and a real PostgreSQL server: builds, merges, migrations, edits, queries."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import create_engine, inspect, text

from core.schema import COLUMN_NAMES, serialise_json_columns, to_records
from core.store import database, merging, reading, writing
from core.store.filters import EventFilter, apply_filter
from core.store.importers import import_file
from core.store.pipeline import build_events

CORPUS = Path(__file__).parent / "corpus"
DATA = Path(__file__).parent / "data"
PAIRS = ("02_bajaur_jirga_blast", "14_bajaur_jirga_blast_followup", "03_noshki_convoy", "15_noshki_convoy_followup",
         "01_bannu_checkpost")


@pytest.fixture(scope="module")
def built():
    """Five corpus reports, two pairs of which tell the same incident (extracted once per module)."""
    result = build_events(CORPUS / f"{name}.txt" for name in PAIRS)
    assert not result.errors
    return result


def test_build_merges_duplicates_and_rebuild_is_idempotent(store_url, built):
    writing.save_build(built.events, built.documents, store_url)
    merges = merging.load_merges(store_url)
    events = reading.load_events(store_url)
    assert reading.count_events(store_url) == len(built.events)
    assert len(events) == len(built.events) - len(merges)
    by_doc = {e: s["document_id"] for e, s in zip(built.events["event_id"], built.events["source"])}
    merged_docs = {frozenset((by_doc[k], by_doc[m])) for k, m in zip(merges["kept_id"], merges["merged_id"])}
    ids = {p: d.doc_id for p, d in zip(PAIRS, built.documents)}
    assert frozenset((ids[PAIRS[0]], ids[PAIRS[1]])) in merged_docs
    assert frozenset((ids[PAIRS[2]], ids[PAIRS[3]])) in merged_docs
    assert all(any(r.startswith("dates") for r in reasons) and len(reasons) == 4 for reasons in merges["reasons"])
    before = (events.to_json(), len(merges), len(reading.load_documents(store_url)))
    writing.save_build(built.events, built.documents, store_url)
    after = (reading.load_events(store_url).to_json(), len(merging.load_merges(store_url)),
             len(reading.load_documents(store_url)))
    assert after == before


def test_merge_can_be_undone_and_stays_undone(store_url, built):
    writing.save_build(built.events, built.documents, store_url)
    merges = merging.load_merges(store_url)
    first = merges.iloc[0]
    merging.undo_merge(int(first["merge_id"]), "alice", store_url)
    visible = set(reading.load_events(store_url)["event_id"])
    assert {first["kept_id"], first["merged_id"]} <= visible
    writing.save_build(built.events, built.documents, store_url)  # a rebuild does not merge the pair again
    assert first["merged_id"] in set(reading.load_events(store_url)["event_id"])
    assert reading.load_audit(store_url)["action"].tolist().count("undo-merge") == 1
    with pytest.raises(database.StoreError):
        merging.undo_merge(int(first["merge_id"]), "alice", store_url)


def test_disagreeing_figures_kept_as_range_with_sources(store_url, built):
    writing.save_build(built.events, built.documents, store_url)
    ranges = reading.load_figure_ranges(store_url)
    events = reading.load_events(store_url).set_index("event_id")
    for row in ranges.itertuples():
        values = [s["value"] for s in row.sources]
        assert row.low == min(values) and row.high == max(values) and row.best in values
        assert all(s["source"] for s in row.sources)
        assert events.loc[row.event_id, row.figure] == row.best


def _columns_then(conn) -> list[str]:
    """The event columns an older revision's table has (later revisions add some)."""
    return [c["name"] for c in inspect(conn).get_columns("events") if c["name"] in COLUMN_NAMES]


def test_upgrade_in_place_keeps_rows(store_url):
    database.upgrade(store_url, "0001")
    engine = create_engine(store_url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO documents (doc_id, name, title, date, text) VALUES (:i, :n, :t, :d, :x)"),
                     {"i": "d1", "n": "a.txt", "t": "A", "d": date(2025, 1, 2), "x": "date 2025-01-02 Quetta: text"})
        flat = serialise_json_columns(pd.read_json(DATA / "stored_event.json", orient="records", dtype=False))
        then = _columns_then(conn)
        assert "evidence" not in then  # a column a later revision adds
        conn.execute(text(f"INSERT INTO events ({', '.join(then)}) VALUES "
                          f"({', '.join(':' + c for c in then)})"), to_records(flat[then]))
    engine.dispose()
    assert database.schema_revision(store_url) == "0001"
    events = reading.load_events(store_url)  # opening the store upgrades it
    assert database.schema_revision(store_url) == database.head_revision() != "0001"
    assert list(events["event_id"]) == ["d1-01"] and events.loc[0, "tactics"] == ["ambush"]
    assert list(reading.load_documents(store_url)["doc_id"]) == ["d1"]
    # The rows stored before 0005 are found by the side tables and the search text it fills in.
    assert list(reading.query_events(EventFilter(tactics=("ambush",)), store_url)["event_id"]) == ["d1-01"]
    actor = events.loc[0, "actor1"]
    assert list(reading.query_events(EventFilter(actors=(actor,)), store_url)["event_id"]) == ["d1-01"]
    assert list(reading.query_events(EventFilter(text=actor.upper()), store_url)["event_id"]) == ["d1-01"]


def test_pre_migration_database_is_adopted(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    legacy = serialise_json_columns(pd.read_json(DATA / "stored_event.json", orient="records", dtype=False))
    with create_engine(url).begin() as conn:  # the layout the first store wrote with pandas
        legacy.to_sql("events", conn, index=False)
    assert list(reading.load_events(url)["event_id"]) == ["d1-01"]


def test_head_schema_has_every_event_column(store_url):
    columns = {c["name"] for c in inspect(database.get_engine(store_url)).get_columns("events")}
    missing = set(COLUMN_NAMES) - columns
    assert not missing, f"core/schema.py has columns without a migration: {missing}"


def test_two_analysts_editing_at_once_both_keep_their_changes(store_url):
    import_file(DATA / "acled_sample.csv", url=store_url)
    target = "acled:PAK90001"
    barrier = threading.Barrier(2)
    failures: list[Exception] = []

    def edit(field: str, before, after, who: str) -> None:
        barrier.wait()
        try:
            writing.update_event_fields(target, {field: (before, after)}, who, store_url)
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=edit, args=("fatalities", 14, 15, "alice")),
               threading.Thread(target=edit, args=("admin3", "Mamund", "Khar", "bob"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures
    row = reading.load_events(store_url).set_index("event_id").loc[target]
    assert (row["fatalities"], row["admin3"]) == (15, "Khar")
    assert reading.load_original(target, store_url)["fatalities"] == 14
    edits = reading.load_audit(store_url, target)
    assert sorted(edits["who"]) == ["alice", "bob"]
    with pytest.raises(database.EditConflict):
        writing.update_event_fields(target, {"fatalities": (14, 20)}, "carol", store_url)


def test_filtered_query_matches_filtering_in_memory(store_url):
    import_file(DATA / "acled_sample.csv", url=store_url)
    import_file(DATA / "gtd_sample.csv", url=store_url)
    everything = reading.load_events(store_url)
    for f in (EventFilter(admin1=("Khyber Pakhtunkhwa",)), EventFilter(since=date(2025, 5, 1)),
              EventFilter(tactics=("kidnapping",)), EventFilter(text="bajaur"), EventFilter(civilian_targeting=False),
              EventFilter(actors=("Tehreek-e-Taliban Pakistan",)), EventFilter(text="'; DROP TABLE events; --"),
              EventFilter(text="100%_")):
        expected = apply_filter(everything, f)["event_id"].tolist()
        assert reading.query_events(f, store_url)["event_id"].tolist() == expected
    assert reading.count_events(store_url) == 7  # the injection attempt was only a search string


def test_save_build_refuses_invalid_events_and_changes_nothing(store_url, built):
    writing.save_build(built.events, built.documents, store_url)
    bad = built.events.copy()
    bad.loc[0, "latitude"] = 95.0
    with pytest.raises(ValueError, match="latitude"):
        writing.save_build(bad, built.documents, store_url)
    assert reading.count_events(store_url) == len(built.events)


def test_store_version_grows_with_every_write(store_url):
    start = reading.store_version(store_url)
    import_file(DATA / "acled_sample.csv", url=store_url)
    after_import = reading.store_version(store_url)
    writing.update_event_fields("acled:PAK90001", {"admin3": ("Mamund", "Khar")}, "alice", store_url)
    assert start < after_import < reading.store_version(store_url)


def test_migrations_build_exactly_the_schema_tables(store_url):
    """`alembic check`: the database the migrations make is the one core.store.tables describes."""
    from alembic import command

    database.get_engine(store_url)
    cfg = database.alembic_config()
    with database.raw_engine(store_url).connect() as conn:
        cfg.attributes["connection"] = conn
        command.check(cfg)


def test_merges_made_before_0005_are_written_down_by_the_upgrade(store_url, built):
    database.upgrade(store_url, "0004")
    pair = built.events[built.events["source"].map(lambda s: s["document_id"]).isin(
        [built.documents[0].doc_id, built.documents[1].doc_id])]
    doc_of = pair["source"].map(lambda s: s["document_id"])
    kept = pair.loc[doc_of == built.documents[0].doc_id, "event_id"].iloc[0]
    merged = pair.loc[doc_of == built.documents[1].doc_id, "event_id"].iloc[0]
    flat = serialise_json_columns(pair)
    engine = create_engine(store_url)
    with engine.begin() as conn:
        then = _columns_then(conn)
        conn.execute(text(f"INSERT INTO events ({', '.join(then)}, origin, source_key) VALUES "
                          f"({', '.join(':' + c for c in then)}, 'build', :key)"),
                     [{**r, "key": r["event_id"][:16]} for r in to_records(flat[then])])
        conn.execute(text("INSERT INTO merges (kept_id, merged_id, reasons, merged_at, merged_by) "
                          "VALUES (:k, :m, '[]', '2025-01-01T00:00:00', 'test')"), {"k": kept, "m": merged})
    engine.dispose()
    shown = reading.load_events(store_url)
    assert merged not in set(shown["event_id"]) and kept in set(shown["event_id"])
    ranges = reading.load_figure_ranges(store_url)
    assert set(ranges["event_id"]) <= {kept}
