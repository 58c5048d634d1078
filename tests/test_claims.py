"""Claims and counter-claims keep their claimant, their kind and who disputes them."""

from __future__ import annotations

from core.extraction.extract import extract_records
from core.reading.documents import parse_document


def _events(text: str) -> list[dict]:
    return extract_records(parse_document(text.encode(), "claims.txt"))


def _claims(event: dict, claimant: str) -> list[dict]:
    return [c for c in event["claims"] if c["claimant"] == claimant]


def test_responsibility_and_a_disputed_figure():
    events = _events(
        "date 2025-04-06 Quetta: Militants ambushed a Frontier Corps patrol near Kalat on Saturday, killing three "
        "soldiers, officials said.\n\nThe Balochistan Liberation Front claimed responsibility for the ambush, saying "
        "its fighters had killed eleven soldiers. Security officials rejected the figure as exaggerated.\n"
    )
    assert len(events) == 1
    e = events[0]
    assert e["actor1"] == "Balochistan Liberation Front" and e["claimed_by"] == "Balochistan Liberation Front"
    blf = _claims(e, "Balochistan Liberation Front")
    assert blf and blf[0]["kind"] == "responsibility" and "eleven soldiers" in blf[0]["claim"]
    assert any(c["kind"] == "denial" for c in e["claims"] if c["claimant"] != "Balochistan Liberation Front")
    assert blf[0]["disputed_by"] and e["competing_claims"] is True
    assert e["fatalities"] == 3  # the group's own figure stays in its claim


def test_while_one_side_claims_the_other_side_disputes():
    events = _events(
        "date 2025-05-02 Peshawar: Militants abducted four engineers in Bajaur on Thursday.\n\n"
        "While the TTP claims that the engineers were spies, the police said they were building a school.\n"
    )
    e = events[0]
    ttp = _claims(e, "Tehreek-e-Taliban Pakistan")
    police = _claims(e, "Police Forces of Pakistan")
    assert ttp and police
    assert "Police Forces of Pakistan" in ttp[0]["disputed_by"]
    assert "building a school" in police[0]["claim"] and "spies" not in police[0]["claim"]


def test_a_denial_is_not_a_claim_of_responsibility():
    events = _events(
        "date 2025-06-10 Peshawar: Unknown gunmen shot dead a polio worker in Mohmand on Monday, police said.\n\n"
        "The TTP denied any involvement in the killing.\n"
    )
    e = events[0]
    assert e["actor1"] == "Unidentified Armed Group (Pakistan)" and e["claimed_by"] is None
    assert [c["kind"] for c in _claims(e, "Tehreek-e-Taliban Pakistan")] == ["denial"]


def test_a_threat_is_kept_as_a_claim_and_is_no_event():
    events = _events(
        "date 2025-07-01 Quetta: Gunmen kidnapped six labourers in Kech on Monday.\n\n"
        "The BLF warned that it would kill the hostages unless its demands were met.\n"
    )
    assert len(events) == 1
    threat = _claims(events[0], "Balochistan Liberation Front")
    assert threat and threat[0]["kind"] == "threat" and "kill the hostages" in threat[0]["claim"]


def test_quoted_statement_is_attributed_to_the_speaker_after_the_quote():
    events = _events(
        'date 2025-08-03 Bannu: Militants stormed a police post in Bannu on Saturday night, police said.\n\n'
        '"The attackers came from three sides and fought for two hours," said a police spokesman.\n'
    )
    police = _claims(events[0], "Police Forces of Pakistan")
    assert any("came from three sides" in c["claim"] and not c["claim"].startswith('"') for c in police)


def test_a_suspected_group_is_not_the_actor():
    events = _events(
        "date 2025-09-02 Quetta: A bomb planted on a motorcycle exploded in a bazaar in Khuzdar on Monday, killing "
        "five people. Police suspected the BLA was behind the blast.\n"
    )
    assert events[0]["actor1"] == "Unidentified Armed Group (Pakistan)"
    assert events[0]["claimed_by"] is None


def test_the_group_in_an_apposition_is_not_the_claimant():
    events = _events(
        "date 2025-09-14 PESHAWAR: A suicide bomber struck a police checkpost in Bara on Saturday, killing two "
        "constables, police said.\n\nHizbul Ahrar, a splinter faction of the banned TTP, claimed responsibility for "
        "the attack in a statement.\n")
    assert len(events) == 1 and events[0]["actor1"] == "Hizbul Ahrar"


def test_no_group_had_claimed_is_nobody_s_claim():
    events = _events(
        "date 2025-12-06 HYDERABAD: Two men on a motorcycle hurled a hand grenade at a Rangers picket on Friday night, "
        "injuring three personnel.\n\nPolice said they suspected a separatist group, but no group had claimed "
        "responsibility until Saturday afternoon.\n")
    assert len(events) == 1
    assert events[0]["actor1"] == "Unidentified Armed Group (Pakistan)" and not events[0]["claimed_by"]
