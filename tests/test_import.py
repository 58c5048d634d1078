"""Importing ACLED, GTD and UCDP files; the CLI; export back to ACLED; all-or-nothing, even under kill -9."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.bench_store import write_acled_csv
from core.schema import to_records
from core.store import database, reading, writing
from core.store.importers import detect_format, import_file, parse_file
from core.store.importers.cells import ImportFailed, read_table

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


def _rows(path: Path) -> dict[str, dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {r["event_id_cnty"]: r for r in csv.DictReader(fh)}


@pytest.mark.parametrize("name, fmt", [("acled_sample.csv", "acled"), ("gtd_sample.csv", "gtd"),
                                       ("gtd_sample.xlsx", "gtd"), ("ucdp_sample.csv", "ucdp")])
def test_format_is_detected(name, fmt):
    assert detect_format(read_table(DATA / name)[0]) == fmt


def test_each_format_imports_with_provenance_and_unknown_tolls(store_url):
    for name in ("acled_sample.csv", "gtd_sample.csv", "ucdp_sample.csv"):
        import_file(DATA / name, url=store_url)
    stored = reading.load_import_rows(store_url)
    assert sorted(stored["dataset"].value_counts().items()) == [("ACLED", 4), ("GTD", 3), ("UCDP", 3)]
    assert set(stored["original_id"]) >= {"PAK90001", "202508020001", "550003"}
    events = {r["event_id"]: r for r in reading.load_events(store_url).to_dict("records")}
    raw = {r["event_id"]: r for r in to_records(reading.load_reports(store_url))}
    assert raw["acled:PAK90002"]["source"]["original_id"] == "PAK90002"
    assert raw["acled:PAK90004"]["fatalities"] == 0  # ACLED 0 without a note stays 0
    assert raw["gtd:202508020001"]["fatalities"] is None  # -9
    assert raw["gtd:202501250002"]["injuries"] is None  # -99
    assert raw["gtd:202501250002"]["time_precision"] == 3  # day 0: month precision
    assert raw["gtd:202503090003"]["event_type"] == "Battles"  # an attack on police is a battle
    assert raw["ucdp:550003"]["fatalities"] is None  # blank best is unknown, not 0
    assert raw["acled:PAK90003"]["notes"].startswith("=HYPERLINK")  # the exporter's apostrophe is removed
    nushki = reading.load_figure_ranges(store_url).set_index("event_id").loc["acled:PAK90002"]
    assert (nushki["low"], nushki["best"], nushki["high"]) == (6, 7, 9)  # ACLED's unknown toll + UCDP's range
    assert events["acled:PAK90002"]["fatalities"] == 7


def test_xlsx_and_csv_give_the_same_events(tmp_path):
    a, b = f"sqlite:///{tmp_path / 'a.sqlite'}", f"sqlite:///{tmp_path / 'b.sqlite'}"
    import_file(DATA / "gtd_sample.csv", url=a)
    import_file(DATA / "gtd_sample.xlsx", url=b)
    assert reading.load_events(a).to_json() == reading.load_events(b).to_json()


@pytest.mark.parametrize("name, expected", [
    ("acled_bad.csv", ["row 3, column fatalities:", "row 4, column latitude:"]),
    ("gtd_bad.csv", ["row 3, column imonth:", "row 4, column attacktype1_txt:"]),
    ("ucdp_bad.csv", ["row 3, column type_of_violence:", "row 4, column low:"]),
])
def test_bad_rows_are_reported_and_nothing_is_imported(store_url, name, expected):
    import_file(DATA / "acled_sample.csv", url=store_url)
    with pytest.raises(ImportFailed) as failure:
        import_file(DATA / name, url=store_url)
    report = failure.value.lines
    assert "nothing was imported" in report[0]
    assert [line.split(":")[0] + ":" for line in report[1:]] == expected
    assert reading.count_events(store_url) == 4


@pytest.mark.parametrize("content, message", [(b"", "empty"), (b"\x00\x01\x02binary", "binary"),
                                              (b"a,b\n1,2\n", "cannot tell the format"),
                                              ("caf\xe9".encode("latin-1") + b",x\n", "cannot tell the format")])
def test_unusable_files_get_one_line(tmp_path, content, message):
    path = tmp_path / "upload.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFailed, match=message):
        parse_file(path)


def test_formula_cell_is_refused(tmp_path):
    rows = (DATA / "acled_sample.csv").read_text().splitlines()
    rows[1] = rows[1].replace("Dawn; Express Tribune", '"=cmd|\' /C calc\'!A0"')
    (tmp_path / "f.csv").write_text("\n".join(rows) + "\n")
    parsed = parse_file(tmp_path / "f.csv")
    assert [(e.row, e.column) for e in parsed.errors] == [(2, "source")]


def test_cli_import_export_round_trip_keeps_every_field(store_url, tmp_path, cli):
    done = cli("import", str(DATA / "acled_sample.csv"), url=store_url)
    assert done.returncode == 0, done.stderr
    assert "imported 4 rows" in done.stdout and "merged 0" in done.stdout
    out = tmp_path / "out.csv"
    assert cli("export", "--format", "acled", "--out", str(out), url=store_url).returncode == 0
    assert _rows(out) == _rows(DATA / "acled_sample.csv")
    again = f"sqlite:///{tmp_path / 'again.sqlite'}"
    import_file(out, url=again)
    assert reading.load_events(again).to_json() == reading.load_events(store_url).to_json()


def test_export_reflects_an_analyst_correction(tmp_path, cli):
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    import_file(DATA / "acled_sample.csv", url=url)
    writing.update_event_fields("acled:PAK90001", {"fatalities": (14, 16)}, "alice", url)
    out = tmp_path / "out.csv"
    assert cli("export", "--format", "acled", "--out", str(out), url=url).returncode == 0
    row = _rows(out)["PAK90001"]
    assert row["fatalities"] == "16" and row["event_date"] == "02 August 2025" and row["timestamp"] == "1754400000"


def test_cli_bad_file_exits_nonzero_with_report(tmp_path, cli):
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    done = cli("import", str(DATA / "gtd_bad.csv"), "--format", "gtd", url=url)
    assert done.returncode == 1
    assert "row 3, column imonth" in done.stderr and "row 4, column attacktype1_txt" in done.stderr
    assert reading.count_events(url) == 0


def test_cli_exports_csv_and_geojson(tmp_path, cli):
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    import_file(DATA / "acled_sample.csv", url=url)
    for fmt in ("csv", "geojson"):
        assert cli("export", "--format", fmt, "--out", str(tmp_path / f"o.{fmt}"), url=url).returncode == 0
    collection = json.loads((tmp_path / "o.geojson").read_text())
    assert len(collection["features"]) == 4
    assert collection["features"][0]["geometry"]["type"] == "Point"
    text = (tmp_path / "o.csv").read_text()
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text  # formulas neutralised in CSV


def test_kill_9_mid_import_leaves_store_as_before(store_url, tmp_path):
    import_file(DATA / "acled_sample.csv", url=store_url)
    before = reading.load_events(store_url).to_json()
    big = write_acled_csv(tmp_path / "big.csv", 60_000)
    proc = subprocess.Popen([sys.executable, "-m", "core", "import", str(big)], cwd=ROOT, stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, env={**os.environ, "DATABASE_URL": store_url}, text=True)
    deadline = time.monotonic() + 120
    line = ""
    while time.monotonic() < deadline and not line.startswith("stored 10000/"):
        line = proc.stderr.readline()
        assert line or proc.poll() is None, "the import ended before it could be killed"
    assert proc.poll() is None, "the import finished before the kill"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    assert reading.load_events(store_url).to_json() == before
    assert reading.count_events(store_url) == 4
    if store_url.startswith("sqlite"):
        with database.get_engine(store_url).connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_two_processes_importing_at_once_both_land(tmp_path):
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    database.get_engine(url)
    a = write_acled_csv(tmp_path / "a.csv", 3000, seed=1)
    b = tmp_path / "b.csv"
    b.write_text(a.read_text().replace("\nACL", "\nB"))
    procs = [subprocess.Popen([sys.executable, "-m", "core", "import", str(p)], cwd=ROOT,
                              env={**os.environ, "DATABASE_URL": url}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for p in (a, b)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    assert reading.count_events(url) == 6000


@pytest.mark.parametrize("change, expected", [
    ({}, None),
    ({"event_date": "12 January 2025"}, None),
    ({"inter1": "Rebel group"}, None),
    ({"event_date": "2025-13-01"}, "column event_date: '2025-13-01' is not a date like 2025-01-12 or 12 January 2025"),
    ({"year": "2024"}, "column year: 2024 does not match event_date 2025-01-12"),
    ({"sub_event_type": "Suicide bomb"}, "column sub_event_type: 'Suicide bomb' is not a sub-event type of Battles"),
    ({"inter1": "9"}, "column inter1: '9' is not an ACLED inter code (1-8)"),
    ({"fatalities": "1.5"}, "column fatalities: '1.5' is not a whole number"),
    ({"fatalities": "-1"}, "column fatalities: -1 is negative"),
    ({"latitude": "95"}, "column latitude: 95.0 is out of range [-90, 90]"),
    ({"longitude": ""}, "column longitude: latitude and longitude must be given together"),
    ({"geo_precision": "5"}, "column geo_precision: '5' is not one of 1, 2, 3"),
    ({"actor1": "=HYPERLINK(1)"}, "column actor1: '=HYPERLINK(1)' is a spreadsheet formula, not a value"),
    ({"actor1": " "}, "column actor1: is empty (the field is required)"),
])
def test_each_acled_cell_is_checked_column_by_column(tmp_path, change, expected):
    """The column-wise ACLED reader names the row, the column and the reason, as the row-wise readers do."""
    path = write_acled_csv(tmp_path / "one.csv", 2)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows[1].update({"event_date": "2025-01-12", "year": "2025", "event_type": "Battles", "sub_event_type": "Armed clash",
                    "latitude": "30.1", "longitude": "67.0", **change})
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    parsed = parse_file(path)
    if expected is None:
        assert not parsed.errors and len(parsed.records) == 2
        assert parsed.records["event_date"].iloc[1] == "2025-01-12"
    else:
        assert [str(e) for e in parsed.errors] == [f"row 3, {expected}"] and len(parsed.records) == 1
