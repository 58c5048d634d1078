"""The command line, in-process through main(argv) (tests/test_cli_smoke.py runs each command as a subprocess)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import run_subprocess

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"


def test_extract_prints_json_events(cli):
    out = cli("extract", "--json", str(CORPUS / "06_di_khan_targeted_killing.txt"))
    assert out.returncode == 0, out.stderr
    events = json.loads(out.stdout)
    assert len(events) == 2
    for e in events:
        assert isinstance(e["tactics"], list) and isinstance(e["claims"], list)
        assert "injuries" in e and "hostages" in e
    assert any(e["hostages"] is None for e in events)


def test_extract_bad_file_is_one_line_and_others_still_count(tmp_path, cli):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out = cli("extract", "--json", str(empty), str(CORPUS / "09_khuzdar_bazaar_bomb.txt"))
    assert out.returncode != 0
    errors = [line for line in out.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and "empty.txt" in errors[0] and "empty" in errors[0]
    assert len(json.loads(out.stdout)) == 1


def test_geocode_cli(cli):
    out = cli("geocode", "--json", "Mashkaf, Dhadar, Bolan")
    assert out.returncode == 0
    place = json.loads(out.stdout)
    assert place["admin2"] == "Kachhi" and place["geo_precision"] == 1
    assert set(place) >= {"name", "admin1", "admin2", "latitude", "longitude", "geo_precision"}
    district = json.loads(cli("geocode", "--json", "Kachhi").stdout)
    assert district["geo_precision"] == 2
    missing = cli("geocode", "--json", "Atlantis")
    assert missing.returncode == 1 and "not found" in missing.stderr and len(missing.stderr.splitlines()) == 1


def _rows(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return sorted(conn.execute("select event_id, event_type, actor1 from events").fetchall())


@pytest.fixture()
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name in ("03_noshki_convoy.txt", "11_zhob_bus_hijacking.txt"):
        (folder / name).write_text((CORPUS / name).read_text())
    (folder / "broken.txt").write_bytes(b"\x00\x01binary")
    return folder


def test_build_is_idempotent_and_survives_a_bad_file(tmp_path, seeds, cli):
    db = tmp_path / "events.sqlite"
    url = f"sqlite:///{db}"
    first = cli("build", "--seeds", str(seeds), "--csv", str(tmp_path / "events.csv"), url=url)
    assert first.returncode == 1 and "broken.txt" in first.stderr and "binary" in first.stderr
    rows = _rows(db)
    assert len(rows) == 3
    second = cli("build", "--seeds", str(seeds), "--csv", str(tmp_path / "events.csv"), url=url)
    assert _rows(db) == rows, second.stderr
    header = (tmp_path / "events.csv").read_text().splitlines()[0]
    assert header.startswith("event_id,event_date")


def test_analyst_adds_an_alias_without_touching_code(tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("events.*", "cache"))
    report = tmp_path / "report.txt"
    report.write_text(
        "date 2025-04-02 Quetta: Fighters of the Jeay Baloch Front ambushed a Levies patrol near Kalat "
        "on Tuesday, killing three personnel, officials said.\n"
    )
    before = json.loads(run_subprocess("extract", "--json", str(report), env={"CONFLICT_DATA_DIR": str(data)}).stdout)
    assert before[0]["actor1"] == "Unidentified Armed Group (Pakistan)"
    with (data / "actor_aliases.csv").open("a") as fh:
        fh.write("Jeay Baloch Front,Balochistan Liberation Front,,name,Test: an analyst's new alias\n")
    after = json.loads(run_subprocess("extract", "--json", str(report), env={"CONFLICT_DATA_DIR": str(data)}).stdout)
    assert after[0]["actor1"] == "Balochistan Liberation Front"


def test_lexicon_rows_must_name_their_source(tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("events.*", "cache"))
    with (data / "tactic_triggers.csv").open("a") as fh:
        fh.write("ambush,waylaid,strong,\n")
    out = run_subprocess("extract", "--json", str(CORPUS / "09_khuzdar_bazaar_bomb.txt"), env={"CONFLICT_DATA_DIR": str(data)})
    assert out.returncode != 0 and "source" in out.stderr and "tactic_triggers.csv" in out.stderr
