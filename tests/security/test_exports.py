"""Formula injection: no export hands a spreadsheet a cell it would run (OWASP: = + - @ tab CR), in any column,
ACLED's own layout included, while safe cells come back from an ACLED round trip unchanged."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from core.store import reading
from core.store.importers import import_file
from core.store.importers.acled_export import write_acled_csv
from core.store.importers.cells import PROTECT
from core.views.exports import to_csv, to_geojson

DATA = Path(__file__).resolve().parents[1] / "data"
HOSTILE = {
    "actor1": "+cmd|' /C calc'!A0",
    "location": "@SUM(1+1)*cmd|' /C calc'!A0",
    "notes": "-1+1 then the rest",
    "tags": "=HYPERLINK(\"http://example.invalid\",\"x\")",
    "region": "\tSouthern Asia",
    "source_scale": "\rNational",
    "timestamp": "=1+1",
}


def _hostile_acled(tmp_path: Path) -> Path:
    """The sample ACLED file with hostile text in columns the importer reads and in columns it does not."""
    with (DATA / "acled_sample.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    fields = list(rows[0])
    rows[0].update(HOSTILE)
    path = tmp_path / "hostile.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _dangerous(cell: str) -> bool:
    return cell.startswith(PROTECT) and not cell.lstrip("-+").replace(".", "", 1).isdigit()


@pytest.fixture()
def imported(tmp_path):
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    import_file(_hostile_acled(tmp_path), url=url)
    return url


def test_acled_layout_protects_every_column_read_or_not(imported, tmp_path):
    out = tmp_path / "back.csv"
    write_acled_csv(reading.load_events(imported), reading.load_import_rows(imported), out)
    with out.open(encoding="utf-8", newline="") as fh:
        cells = [c for row in csv.reader(fh) for c in row]
    assert not [c for c in cells if _dangerous(c)]
    assert "'=HYPERLINK(\"http://example.invalid\",\"x\")" in cells and "'=1+1" in cells
    assert "'+cmd|' /C calc'!A0" in cells


def test_safe_cells_of_an_acled_round_trip_are_unchanged(tmp_path):
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    import_file(DATA / "acled_sample.csv", url=url)
    out = tmp_path / "back.csv"
    write_acled_csv(reading.load_events(url), reading.load_import_rows(url), out)
    with (DATA / "acled_sample.csv").open(encoding="utf-8", newline="") as a, out.open(encoding="utf-8") as b:
        original = {r["event_id_cnty"]: r for r in csv.DictReader(a)}
        back = {r["event_id_cnty"]: r for r in csv.DictReader(b)}
    for event_id, row in original.items():
        for column, cell in row.items():
            if not _dangerous(cell):
                assert back[event_id][column] == cell, (event_id, column)


def test_dashboard_exports_protect_text_but_not_numbers(imported):
    events = reading.load_events(imported)
    cells = [c for row in csv.reader(to_csv(events).decode("utf-8-sig").splitlines()) for c in row]
    assert not [c for c in cells if _dangerous(c)]
    assert any(c.startswith("-") and c[1:2].isdigit() for c in cells) or (events["longitude"] > 0).all()
    geojson = to_geojson(events).decode("utf-8")
    assert '"+cmd' not in geojson and "\"'+cmd" in geojson
