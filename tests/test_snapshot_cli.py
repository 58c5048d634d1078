"""`python -m core snapshot`: the same filter as the dashboard, checked names, and each output format."""

from __future__ import annotations

import io

import pytest
from matplotlib import image as mpimg
from PIL import Image
from pypdf import PdfReader

from core.cli.commands.snapshot import EMPTY
from core.cli.main import main
from core.store.writing import save_build
from tests.map_script import shown_event_ids
from tests.test_snapshot import PLACES, event_record, make_events


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    records = [event_record(i, place=p, actor1="Baloch Liberation Army" if i % 2 else "Tehreek-e-Taliban Pakistan",
                            inter1=2) for i, p in enumerate(PLACES)]
    records.append(event_record(30, place=PLACES[0], actor1="Police Forces of Pakistan", inter1=1,
                                actor2="Balochistan Liberation Front", inter2=2))
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'events.sqlite'}"
    save_build(make_events(records), [], url)
    return url, make_events(records)


def run(db_url: str, *args: str) -> int:
    return main(["snapshot", "--db", db_url, *args])


@pytest.mark.parametrize("spelling", ["Baloch Liberation Army", "BLA", "Balochistan Liberation Army", "bla"])
def test_actor_names_short_names_and_aliases_select_the_same_events(db, tmp_path, spelling):
    url, events = db
    out = tmp_path / "view.html"
    assert run(url, "--actor", spelling, "--out", str(out)) == 0
    page = out.read_text()
    expected = set(events.loc[events["actor1"] == "Baloch Liberation Army", "event_id"])
    assert expected
    assert shown_event_ids(page) == expected


def test_region_and_date_filters(db, tmp_path):
    url, events = db
    out = tmp_path / "view.html"
    assert run(url, "--admin1", "khyber pakhtunkhwa", "--since", "2025-01-01", "--out", str(out)) == 0
    page = out.read_text()
    kp = set(events.loc[events["admin1"] == "Khyber Pakhtunkhwa", "event_id"])
    assert kp and shown_event_ids(page) == kp


@pytest.mark.parametrize(("option", "value", "listed"), [
    ("--actor", "Nobody Brigade", "Tehreek-e-Taliban Pakistan"),
    ("--admin1", "Atlantis", "Balochistan"),
    ("--admin2", "Nowhere", "Kech"),
    ("--tactic", "teleportation", "suicide bombing"),
])
def test_unknown_values_fail_and_list_the_valid_ones(db, tmp_path, capsys, option, value, listed):
    url, _ = db
    out = tmp_path / "x.png"
    assert run(url, option, value, "--out", str(out)) != 0
    err = capsys.readouterr().err
    assert value in err and listed in err and "valid values" in err
    assert not out.exists()


def test_png_print_size_and_pdf_page(db, tmp_path):
    url, _ = db
    png, pdf = tmp_path / "map.png", tmp_path / "brief.pdf"
    assert run(url, "--size", "print", "--title", "Batch", "--out", str(png)) == 0
    assert mpimg.imread(io.BytesIO(png.read_bytes()), format="png").shape[:2] == (2000, 3200)
    assert run(url, "--tactic", "ambush", "--paper", "letter", "--out", str(pdf)) == 0
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    assert "tactic: ambush" in " ".join(reader.pages[0].extract_text().split())


def test_bad_output_suffix_is_refused(db, tmp_path, capsys):
    url, _ = db
    assert run(url, "--out", str(tmp_path / "x.docx")) != 0
    assert ".png" in capsys.readouterr().err


# ---- issue 13: honesty when nothing matches, the actor's role, the brief's options, offline HTML ----------------


@pytest.mark.parametrize("suffix", ["png", "pdf", "html", "csv"])
def test_nothing_matching_warns_and_exits_3_without_writing(db, tmp_path, capsys, suffix):
    url, _ = db
    out = tmp_path / f"empty.{suffix}"
    assert run(url, "--actor", "BLA", "--admin1", "Sindh", "--out", str(out)) == EMPTY == 3
    err = capsys.readouterr().err
    assert "warning: no event matches the filter" in err and "--allow-empty" in err
    assert not out.exists()


def test_allow_empty_writes_the_empty_snapshot_with_the_warning(db, tmp_path, capsys):
    url, _ = db
    out = tmp_path / "empty.png"
    assert run(url, "--actor", "BLA", "--admin1", "Sindh", "--allow-empty", "--out", str(out)) == 0
    assert "warning: no event matches" in capsys.readouterr().err
    assert mpimg.imread(io.BytesIO(out.read_bytes()), format="png").shape[:2] == (1000, 1600)


def test_the_role_option_selects_the_targeted_actor_and_titles_the_brief(db, tmp_path):
    url, events = db
    out = tmp_path / "against.pdf"
    assert run(url, "--actor", "BLF", "--role", "against", "--out", str(out)) == 0
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "Attacks against the Balochistan Liberation Front in Pakistan" in text
    assert "actor targeting: Balochistan Liberation Front" in text
    assert "Police Forces of Pakistan" in text  # the one event where the BLF was attacked
    by_default = tmp_path / "by.pdf"
    assert run(url, "--actor", "BLF", "--out", str(by_default)) == EMPTY  # nobody records the BLF attacking


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--extent", "66,27,70", "W,S,E,N"),
    ("--extent", "70,27,66,31", "W < E"),
    ("--logo", "/nonexistent/logo.png", "--logo"),
    ("--logo", __file__, "not a PNG or JPEG"),
])
def test_bad_brief_options_fail_with_a_reason(db, tmp_path, capsys, option, value, message):
    url, _ = db
    out = tmp_path / "x.pdf"
    assert run(url, option, value, "--out", str(out)) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_marking_logo_extent_and_timeline_reach_the_files(db, tmp_path):
    url, _ = db
    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 20), (0, 120, 60)).save(logo)
    pdf = tmp_path / "brief.pdf"
    assert run(url, "--marking", "OFFICIAL", "--logo", str(logo), "--timeline", "--extent", "province",
               "--paper", "letter", "--out", str(pdf)) == 0
    page = PdfReader(pdf).pages[0]
    text = page.extract_text()
    assert text.count("OFFICIAL") == 2 and "Events per week by main tactic" in text
    assert len(page.images) == 1  # the logo: everything else is vector
    timeline = tmp_path / "weekly.png"
    assert run(url, "--timeline", "--size", "print", "--out", str(timeline)) == 0
    assert mpimg.imread(io.BytesIO(timeline.read_bytes()), format="png").shape[:2] == (2000, 3200)


def test_the_standalone_html_keeps_only_offline_controls(db, tmp_path):
    url, _ = db
    out = tmp_path / "map.html"
    assert run(url, "--out", str(out)) == 0
    page = out.read_text()
    assert "L.Control.Draw" not in page and "leaflet.draw" not in page and "draw:created" not in page
    for control in ("L.control.layers(", "L.control.fullscreen(", "new L.Control.Measure("):
        assert control in page
