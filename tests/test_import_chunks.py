"""Imports read, check and store a file in chunks: the same events, reports and provenance as one piece."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import text

from bench.bench_store import write_acled_csv
from core.store import database, reading
from core.store.importers import cells, import_file, parse_file
from core.store.importers.cells import ImportFailed, read_table

DATA = Path(__file__).parent / "data"


@pytest.fixture()
def small_chunks(monkeypatch):
    """Chunks of 7 rows, so that small files span several."""
    monkeypatch.setattr("core.store.importers.CHUNK_ROWS", 7)


def _rewrite(path: Path, change) -> Path:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_chunks_store_what_one_piece_stores(tmp_path, monkeypatch):
    path = write_acled_csv(tmp_path / "f.csv", 40)
    whole, chunked = f"sqlite:///{tmp_path / 'whole.sqlite'}", f"sqlite:///{tmp_path / 'chunked.sqlite'}"
    import_file(path, url=whole)
    monkeypatch.setattr("core.store.importers.CHUNK_ROWS", 7)
    outcome = import_file(path, url=chunked)
    assert (outcome.imported, outcome.new) == (40, 40)
    assert reading.load_events(chunked).to_json() == reading.load_events(whole).to_json()
    assert reading.load_import_rows(chunked).to_json() == reading.load_import_rows(whole).to_json()
    with database.get_engine(chunked).connect() as conn:
        assert conn.execute(text("SELECT row_count FROM imports")).scalar_one() == 40


def test_raw_rows_keep_the_files_cells_and_header_once(store_url):
    import_file(DATA / "acled_sample.csv", url=store_url)
    with (DATA / "acled_sample.csv").open(encoding="utf-8", newline="") as fh:
        expected = {r["event_id_cnty"]: r for r in csv.DictReader(fh)}
    stored = reading.load_import_rows(store_url)
    assert {r["original_id"]: r["raw"] for r in stored.to_dict("records")} == expected
    with database.get_engine(store_url).connect() as conn:
        raw, columns = conn.execute(text("SELECT r.raw, i.columns FROM import_rows r JOIN imports i "
                                         "ON i.import_id = r.import_id")).first()
    assert isinstance(json.loads(raw), list) and json.loads(columns) == list(next(iter(expected.values())))


@pytest.mark.usefixtures("small_chunks")
def test_a_repeat_in_a_later_chunk_names_the_first_row(tmp_path):
    path = _rewrite(write_acled_csv(tmp_path / "f.csv", 30), lambda rows: rows[25].__setitem__(0, "ACL3"))
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    with pytest.raises(ImportFailed) as failure:
        import_file(path, url=url)
    assert failure.value.lines[1:] == ["row 26, column event_id_cnty: 'ACL3' repeats row 4"]
    assert reading.count_events(url) == 0
    assert [str(e) for e in parse_file(path).errors] == failure.value.lines[1:]


@pytest.mark.usefixtures("small_chunks")
def test_a_repeat_of_a_bad_row_in_an_earlier_chunk_is_reported(tmp_path):
    def change(rows):
        rows[2][rows[0].index("fatalities")] = "-1"
        rows[20][0] = rows[2][0]
    path = _rewrite(write_acled_csv(tmp_path / "f.csv", 30), change)
    assert [str(e) for e in parse_file(path).errors] == [
        "row 3, column fatalities: -1 is negative", "row 21, column event_id_cnty: 'ACL2' repeats row 3"]


@pytest.mark.usefixtures("small_chunks")
def test_a_bad_row_in_the_last_chunk_rolls_back_every_chunk(store_url, tmp_path):
    import_file(DATA / "acled_sample.csv", url=store_url)
    before = reading.load_events(store_url).to_json()
    path = _rewrite(write_acled_csv(tmp_path / "f.csv", 30),
                    lambda rows: rows[29].__setitem__(rows[0].index("latitude"), "95"))
    with pytest.raises(ImportFailed) as failure:
        import_file(path, url=store_url)
    assert failure.value.lines == ["f.csv: 1 bad row(s); nothing was imported",
                                   "row 30, column latitude: 95.0 is out of range [-90, 90]"]
    assert reading.load_events(store_url).to_json() == before
    assert len(reading.load_import_rows(store_url)) == 4


@pytest.mark.usefixtures("small_chunks")
def test_gtd_rows_are_checked_across_chunks(tmp_path):
    path = tmp_path / "gtd.csv"
    with (DATA / "gtd_sample.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    body = [list(r) for r in rows[1:]]
    copies = [[f"{r[0]}{n}", *r[1:]] for n in range(4) for r in body]
    copies.append(list(copies[1]))
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([rows[0], *copies])
    assert [str(e) for e in parse_file(path).errors] == [
        f"row {len(copies) + 1}, column eventid: {copies[1][0]!r} repeats row 3"]


def test_utf8_files_are_read_as_a_stream(tmp_path, monkeypatch):
    utf8 = tmp_path / "u.csv"
    utf8.write_text("event_id_cnty,notes\nA1,Peshāwar\n", encoding="utf-8")
    cp1252 = tmp_path / "w.csv"
    cp1252.write_bytes("event_id_cnty,notes\nA1,caf\xe9\n".encode("cp1252"))
    read_whole = []
    monkeypatch.setattr(cells, "decode", lambda data, name: read_whole.append(name) or data.decode("cp1252"))
    assert [r for _, r in read_table(utf8, as_lists=True)[1]] == [["A1", "Peshāwar"]]
    assert [r for _, r in read_table(cp1252, as_lists=True)[1]] == [["A1", "café"]]
    assert read_whole == ["w.csv"]
