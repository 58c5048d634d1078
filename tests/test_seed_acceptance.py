"""Acceptance criteria for the first source document (the March 2025 Jaffar Express report)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.extraction.extract import extract_records
from core.knowledge.distance import distance_km
from core.reading.documents import read_document

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_9b593a7e0cd27293.txt"


@pytest.fixture(scope="module")
def seed():
    document = read_document(SEED)
    return document, extract_records(document)


def _one(events, event_type, sub_event_type):
    found = [e for e in events if (e["event_type"], e["sub_event_type"]) == (event_type, sub_event_type)]
    assert len(found) == 1, [(e["event_type"], e["sub_event_type"]) for e in events]
    return found[0]


def test_hijacking_event(seed):
    _, events = seed
    e = _one(events, "Violence against civilians", "Abduction/forced disappearance")
    assert e["event_date"] == "2025-03-11"
    assert e["actor1"] == "Baloch Liberation Army"
    assert set(e["assoc_actor_1"].split("; ")) == {"Majeed Brigade", "STOS", "Fateh Squad", "Zarb Unit"}
    assert {"hijacking", "hostage-taking"} <= set(e["tactics"])
    assert e["target"] == "Jaffar Express passenger train"
    assert e["target_type"] == "Transportation"
    assert (e["hostages"], e["hostages_qualifier"]) == (100, "over")
    assert e["fatalities"] is None and e["fatalities_qualifier"] is None
    assert e["civilian_targeting"] is True


def test_rescue_attempts_and_clashes(seed):
    _, events = seed
    e = _one(events, "Battles", "Armed clash")
    assert e["actor1"] == "Military Forces of Pakistan"
    assert e["actor2"] == "Baloch Liberation Army"
    assert "rescue operation" in e["tactics"] and "armed clash" in e["tactics"]


def test_air_and_drone_strikes(seed):
    _, events = seed
    e = _one(events, "Explosions/Remote violence", "Air/drone strike")
    assert e["actor1"] == "Military Forces of Pakistan"
    assert e["tactics"] == ["air/drone strike"]


def test_every_event_is_in_kachhi_near_the_bolan_pass(seed):
    _, events = seed
    assert len(events) == 3
    for e in events:
        assert (e["admin1"], e["admin2"]) == ("Balochistan", "Kachhi")
        assert distance_km(29.70, 67.45, e["latitude"], e["longitude"]) < 40


def _claims(event, claimant):
    return [c for c in event["claims"] if c["claimant"] == claimant]


def test_bla_claims_are_attached_with_their_claimant(seed):
    _, events = seed
    hijack = _one(events, "Violence against civilians", "Abduction/forced disappearance")
    bla = " | ".join(c["claim"] for c in _claims(hijack, "Baloch Liberation Army"))
    assert "military officials and personnel hostage" in bla
    assert "released women and children" in bla
    assert "executing the hostages" in bla
    assert hijack["claimed_by"] == "Baloch Liberation Army"


def test_counter_claims_dispute_the_bla(seed):
    _, events = seed
    hijack = _one(events, "Violence against civilians", "Abduction/forced disappearance")
    counter = [c for c in hijack["claims"] if c["claimant"] in ("Government of Pakistan", "Military Forces of Pakistan")]
    text = " | ".join(c["claim"] for c in counter)
    assert "carrying civilians and families" in text
    assert "rejected" in text
    assert any(c["kind"] == "denial" for c in counter)
    disputed = [c for c in _claims(hijack, "Baloch Liberation Army") if c["disputed_by"]]
    assert disputed and all("Military Forces of Pakistan" in c["disputed_by"] for c in disputed if c["kind"] == "claim")
    assert hijack["competing_claims"] is True


def test_threat_concerns_the_air_strikes_too(seed):
    _, events = seed
    strikes = _one(events, "Explosions/Remote violence", "Air/drone strike")
    assert any("executing the hostages" in c["claim"] and c["kind"] == "threat" for c in strikes["claims"])


def test_no_event_comes_from_the_last_three_paragraphs(seed):
    document, events = seed
    paragraphs = [p for p in document.text.split("\n\n") if p.strip()]
    background_start = document.text.index(paragraphs[-3].strip())
    for e in events:
        for span in e["source_excerpt"]:
            assert span["end"] <= background_start
        for claim in e["claims"]:
            assert claim["end"] <= background_start


def test_excerpts_point_into_the_document(seed):
    document, events = seed
    for e in events:
        assert e["source"]["document_id"] == document.doc_id
        for span in e["source_excerpt"]:
            assert document.text[span["start"] : span["end"]] == span["text"]
        for claim in e["claims"]:
            assert document.text[claim["start"] : claim["end"]] == claim["claim"]
