"""Names the knowledge files lack are kept as written, flagged, and offered spellings the analyst may choose."""

import pandas as pd

from core.extraction.extract import analyse_document
from core.knowledge.actors import actor_book
from core.knowledge.suggestions import actor_suggestions, place_suggestions
from core.places.mentions import document_mentions, unresolved_names
from core.reading.documents import parse_document
from core.views.summaries import unlisted_names


def _records(text: str) -> list[dict]:
    return analyse_document(parse_document(text.encode(), "names.txt")).records


def test_an_unlisted_group_that_claims_the_attack_keeps_its_name():
    records = _records("date 2025-03-02 Quetta: Two policemen were killed in a blast in Quetta on Saturday. "
                       "The Sindhudesh Liberation Army claimed responsibility in a statement.")
    assert [r["actor1"] for r in records] == ["Sindhudesh Liberation Army"]
    assert not actor_book().is_listed("Sindhudesh Liberation Army")
    assert records[0]["inter1"] == 3


def test_a_group_introduced_as_little_known_keeps_its_transliterated_name():
    records = _records("date 2025-03-02 Quetta: Gunmen killed two policemen in Quetta on Saturday. A little-known "
                       "group calling itself Jaish-e-Hind Balochistan claimed responsibility for the attack.")
    assert [r["actor1"] for r in records] == ["Jaish-e-Hind Balochistan"]


def test_a_listed_name_inside_a_capitalised_phrase_is_not_a_new_group():
    records = _records("date 2025-03-02 Quetta: Two soldiers were martyred in a blast in Quetta on Saturday. "
                       "The Pakistan Army said the attackers fled.")
    assert actor_book().is_listed(records[0]["actor1"])


def test_suggestions_are_close_spellings_never_the_name_itself():
    assert place_suggestions("Turbut") == ["Turbat"]
    assert place_suggestions("Turbat") == []
    assert actor_suggestions("Sindhudesh Liberation Army") == ["Sindhudesh Revolutionary Army"]
    assert place_suggestions("Gharib Kalay") == []


def test_unknown_places_and_unlisted_groups_are_listed_with_suggestions():
    document = parse_document(b"date 2025-03-02 Quetta: Two policemen were shot dead in Turbut town on Saturday.", "t.txt")
    missing = unresolved_names(document_mentions(document))
    assert list(missing["name"]) == ["Turbut"]
    assert missing["suggestions"].iloc[0] == "Turbat?"
    table = unlisted_names(pd.Series({"Baloch Liberation Amry": 1, "Baloch Liberation Army": 1}))
    assert list(table["name"]) == ["Baloch Liberation Amry"]
    assert table["suggestions"].iloc[0].startswith("Baloch Liberation Army?")
