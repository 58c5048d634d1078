"""Each source of false events on real news, shown gone on reports of our own written the way outlets write.

The reports are tests/corpus_realstyle (written for this project in the style of real outlets, annotated
by hand). For every source the issue lists, the reports that carry it must give exactly their incidents:
the sentences that once made events of their own (reactions, aftermath, headlines, captions, background,
claims) create none, and the places that are not where anything happened keep their roles.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from bench.extraction_quality import analysed
from core.places.mentions import document_mentions
from tests.corpus_expectations import match_events

HERE = Path(__file__).parent / "corpus_realstyle"

SOURCES: dict[str, tuple[str, ...]] = {
    "reaction sentences": ("01_bannu_police_station_reactions",),
    "aftermath sentences": ("02_kech_levies_aftermath",),
    "page furniture (headlines, captions, 'Also read')": ("03_dikhan_ied_page_furniture",),
    "background and statistics": ("04_north_waziristan_ispr_background", "21_annual_security_report_no_incident",
                                  "20_apex_committee_no_incident"),
    "claims, denials and rumours": ("05_zhob_claims_rumours", "17_bajaur_claim_and_denial", "18_swat_disputed_claim"),
    "the dateline city": ("11_quetta_blast_initial", "29_noshki_convoy_suicide_bombing"),
    "officials' titles": ("24_wana_targeted_killing_titles",),
    "victims' home towns": ("06_kalat_bus_passengers_places", "27_kulachi_labourers_abducted"),
    "a train's or bus's route": ("23_mastung_train_derailment_route",),
    "attacks outside Pakistan": ("07_kunar_blast_peshawar_dateline", "08_saravan_iran_quetta_dateline"),
    "two incidents merged (roundups)": ("09_balochistan_roundup_three_districts", "10_kp_roundup_mixed_totals"),
    "one incident split (follow-up with a revised toll)": ("12_quetta_blast_toll_rises",),
}
FIELDS = ("event_date", "country", "admin1", "admin2", "coordinates", "fatalities", "event_count")
NOT_WHERE = ("dateline", "title", "home town", "route", "reaction")


@cache
def _case(name: str):
    return analysed(HERE / f"{name}.expected.json")


CASES = [(source, name) for source, names in SOURCES.items() for name in names]


@pytest.mark.parametrize(("source", "name"), CASES, ids=[f"{s}: {n}" for s, n in CASES])
def test_the_source_makes_no_event_of_its_own(source, name):
    annotation, _, analysis = _case(name)
    events = analysis.records
    triggers = [e["evidence"]["trigger"]["text"] for e in events]
    assert len(events) == annotation["event_count"], triggers
    for phrase in annotation.get("not_in_any_event", []):
        assert not any(phrase in t for t in triggers), f"{phrase!r} made an event"


@pytest.mark.parametrize(("source", "name"), CASES, ids=[f"{s}: {n}" for s, n in CASES])
def test_each_incident_is_dated_placed_and_counted_right(source, name):
    annotation, document, analysis = _case(name)
    problems = [issue for _, _, issues in match_events(annotation, analysis.records, document.text)
                for issue in issues if issue.split(":")[0] in FIELDS]
    assert not problems


@pytest.mark.parametrize(("source", "name"), CASES, ids=[f"{s}: {n}" for s, n in CASES])
def test_places_that_are_not_the_incident_keep_their_roles(source, name):
    annotation, document, analysis = _case(name)
    found = document_mentions(document, analysis)
    roles: dict[str, set[str]] = {}
    for surface, role in zip(found["surface"], found["role"]):
        roles.setdefault(surface.lower(), set()).add(role)
    # A dateline city can also be where the incident happened (a Quetta blast reported from Quetta).
    incident_places = {str(x.get(k) or "").lower() for x in annotation["events"]
                       for k in ("location_contains", "admin2", "admin1")}
    locations = {str(e["location"]).lower() for e in analysis.records}
    checked = [m for m in annotation.get("mentions", []) if m["role"] in NOT_WHERE
               and m["surface"].lower() not in incident_places]
    for m in checked:
        assert m["surface"].lower() not in locations, f"{m['surface']} ({m['role']}) is an event location"
        # "South Waziristan" is also read inside "Lower South Waziristan".
        seen = set().union(*(r for surface, r in roles.items() if f" {m['surface'].lower()} " in f" {surface} "))
        if m["role"] != "reaction" and seen:
            assert m["role"] in seen, (m, seen)



def test_a_year_s_running_total_of_operations_adds_nothing_to_an_incident():
    from core.extraction.extract import extract_records
    from core.reading.documents import parse_document

    text = ("Published: 2025-06-04\n\nMULTAN: Three militants were killed in an exchange of fire with the "
            "Counter Terrorism Department near Multan on Tuesday night, a spokesperson said.\n\n"
            "He said the department had mounted over 900 intelligence-based operations this year, arresting 280 "
            "suspects and killing 35 terrorists in encounters.")
    [event] = extract_records(parse_document(text.encode(), "running_total.txt"))
    assert event["fatalities"] == 3
