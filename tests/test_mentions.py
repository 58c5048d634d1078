"""Place mentions: every place a document names, with its role, kept apart from events."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from core.extraction.extract import analyse_document
from core.places.mentions import document_mentions
from core.reading.documents import parse_document, read_document
from core.store.pipeline import build_events
from core.store.reading import load_mentions
from core.store.writing import save_build

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_9b593a7e0cd27293.txt"


@pytest.fixture(scope="module")
def seed():
    document = read_document(SEED)
    analysis = analyse_document(document)
    return analysis, document_mentions(document, analysis)


def _roles(mentions) -> dict[str, set[str]]:
    roles: dict[str, set[str]] = {}
    for surface, role in zip(mentions["surface"], mentions["role"]):
        roles.setdefault(surface, set()).add(role)
    return roles


def test_seed_roles(seed):
    _, mentions = seed
    roles = _roles(mentions)
    for place in ("Mashkaf", "Dhadar", "Bolan"):
        assert roles[place] == {"event location"}
    for place in ("Balochistan", "Khyber Pakhtunkhwa (KP)", "Punjab", "Afghanistan"):
        assert roles[place] == {"context"}
    assert roles["Islamabad"] == {"dateline"}


def test_provinces_and_abbreviations(seed):
    _, mentions = seed
    sentence = mentions[mentions["sentence"].str.contains("most volatile")]
    provinces = sentence[sentence["geo_precision"] == 3]
    assert sorted(provinces["name"]) == ["Balochistan", "Khyber Pakhtunkhwa"]
    kp = provinces[provinces["name"] == "Khyber Pakhtunkhwa"].iloc[0]
    assert kp["surface"] == "Khyber Pakhtunkhwa (KP)"
    countries = mentions[mentions["surface"] == "Afghanistan"]
    assert (countries["kind"] == "country").all() and (countries["geo_precision"] == 4).all()


def test_context_mentions_never_become_events(seed):
    analysis, mentions = seed
    context = set(mentions.loc[mentions["role"] == "context", "name"].dropna())
    for event in analysis.records:
        assert event["location"] not in context
        assert event["admin2"] not in context


def test_offsets_point_at_the_surface_form(seed):
    analysis, mentions = seed
    text = analysis.document.text
    for _, m in mentions.iterrows():
        assert text[m["start"] : m["end"]].replace("(", "").replace(")", "") == m["surface"].replace("(", "").replace(")", "")
        assert text[m["sentence_start"] : m["sentence_end"]] == m["sentence"]


REPORT = (
    "date 2025-07-02 Bannu: Gunmen shot dead a shopkeeper in Shahbaz Kalay, a village near Mir Ali, on Tuesday, "
    "police said. His brother was later taken to a hospital in Peshawar.\n\n"
    "Separately, a bomb exploded near the Nurzai Khel bazaar in Tank district, wounding two passers-by.\n\n"
    "Officials in Islamabad say militants in Khyber Pakhtunkhwa receive support from across the border in Afghanistan.\n"
)


@pytest.fixture(scope="module")
def own():
    document = parse_document(REPORT.encode(), "own.txt")
    return document_mentions(document)


def test_unknown_names_are_kept_unresolved(own):
    rows = own.set_index("surface")
    for name in ("Shahbaz Kalay", "Nurzai Khel"):
        assert name in rows.index
        assert not rows.loc[name, "resolved"] and pd.isna(rows.loc[name, "latitude"])
        assert rows.loc[name, "role"] == "event location"


def test_places_that_are_not_event_locations(own):
    roles = _roles(own)
    assert roles["Mir Ali"] == {"event location"} and roles["Tank"] == {"event location"}
    assert roles["Peshawar"] == {"context"}  # where a victim was taken
    assert roles["Bannu"] == {"dateline"}
    assert roles["Islamabad"] == {"context"} and roles["Afghanistan"] == {"context"}


def test_cli_prints_a_json_array(cli):
    out = cli("mentions", "--json", str(SEED))
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert isinstance(rows, list) and {"surface", "role", "latitude", "geo_precision", "sentence"} <= set(rows[0])


def test_build_stores_mentions_beside_events(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    result = build_events([SEED, ROOT / "tests" / "corpus" / "07_mir_ali_village_operation.txt"])
    save_build(result.events, result.documents, url, mentions=result.mentions)
    save_build(result.events, result.documents, url, mentions=result.mentions)  # idempotent
    stored = load_mentions(url)
    assert len(stored) == len(result.mentions) > 0
    assert set(stored["document_id"]) == {d.doc_id for d in result.documents}
    unresolved = stored[~stored["resolved"].astype(bool)]
    assert "Gharib Kalay" in set(unresolved["surface"])


def test_places_count_documents_and_follow_the_region_filter():
    from core.places.mentions import unresolved_names
    from core.store.filters import EventFilter
    from core.views.summaries import mention_places

    corpus = ROOT / "tests" / "corpus"
    result = build_events([corpus / "02_bajaur_jirga_blast.txt", corpus / "14_bajaur_jirga_blast_followup.txt",
                           corpus / "07_mir_ali_village_operation.txt"])
    places = mention_places(result.mentions)
    bajaur = places[places["name"] == "Bajaur"].iloc[0]
    assert bajaur["documents"] == 2 and bajaur["mentions"] >= 2
    assert places["place_id"].is_unique
    only_kp = mention_places(result.mentions, EventFilter(admin1=("Khyber Pakhtunkhwa",)))
    assert set(only_kp["admin1"]) == {"Khyber Pakhtunkhwa"}
    assert "Afghanistan" not in set(only_kp["name"])
    assert "Gharib Kalay" in set(unresolved_names(result.mentions)["name"])


def test_documents_added_in_the_browser_keep_their_mentions(tmp_path):
    from core.store.ingest import editor_table, preview, save

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    batch = preview([parse_document(REPORT.encode(), "upload.txt")])
    save(batch, editor_table(batch.events), who="Analyst A", url=url)
    stored = load_mentions(url)
    assert set(stored["surface"]) >= {"Shahbaz Kalay", "Mir Ali", "Tank", "Afghanistan"}
    assert len(stored) == len(batch.mentions)
