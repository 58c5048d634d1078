"""How a report's sentences become incidents: one per incident, each with its own place, date and toll."""

from __future__ import annotations

from core.extraction.extract import extract_records
from core.extraction.quantities import combine, find_counts
from core.reading.documents import parse_document


def _events(text: str) -> list[dict]:
    return extract_records(parse_document(text.encode(), "incidents.txt"))


ISPR = (
    "date 2026-02-10 RAWALPINDI: Security forces killed seven khwarij in two engagements in Khyber Pakhtunkhwa, "
    "the ISPR said on Tuesday.\n\n"
    "The first operation was conducted on February 8 in the Tirah area of Khyber district. Troops engaged the "
    "khwarij and, after an intense exchange of fire, four khwarij were sent to hell.\n\n"
    "In another engagement on February 9 in the Jani Khel area of Bannu district, troops came under fire while "
    "searching a compound. In the ensuing exchange, three khwarij were killed, the statement said. "
    "During the exchange of fire, Sepoy Amir Zaman, 27, embraced shahadat.\n"
)


def test_a_separation_cue_before_the_trigger_starts_the_incident():
    events = _events(ISPR)
    assert [(e["admin2"], e["event_date"], e["fatalities"]) for e in events] == [
        ("Khyber", "2026-02-08", 4), ("Bannu", "2026-02-09", 4)]


def test_a_time_phrase_in_a_sentence_without_a_trigger_separates_nothing():
    events = _events(
        "date 2025-08-28 KARACHI: A police constable was shot dead when gunmen opened fire on a police mobile in "
        "Orangi Town on Wednesday night, police said.\n\n"
        "He was taken to hospital, where he breathed his last two hours later.\n\n"
        "Another constable escaped unhurt because he had gone to a nearby shop when the attack took place.\n")
    assert len(events) == 1 and events[0]["fatalities"] == 1


def test_the_incident_day_wins_over_the_day_of_the_statement():
    events = _events(
        "date 2025-10-23 PESHAWAR: Pakistani troops killed 22 militants trying to cross from Afghanistan, the military "
        "said Thursday, in fighting that also left four soldiers dead.\n\n"
        "The clash began late Wednesday when the militants were spotted near Ghulam Khan in North Waziristan.\n")
    assert len(events) == 1
    assert events[0]["event_date"] == "2025-10-22" and events[0]["admin2"] == "North Waziristan"


def test_a_report_that_opens_on_no_incident_tells_of_attacks_only_in_passing():
    events = _events(
        "date 2026-04-02 ISLAMABAD: A research centre said militant violence claimed 402 lives in the first three "
        "months of the year, according to the report released on Wednesday.\n\n"
        "The dead included 120 security personnel, 95 civilians and 187 militants who were killed while carrying out "
        "attacks or in operations.\n\n"
        "Khyber Pakhtunkhwa was the worst-affected province, where bombings and gun attacks killed 251 people.\n")
    assert events == []


def test_a_verdict_about_an_old_bombing_is_no_incident_but_a_roundup_still_is():
    assert _events(
        "date 2026-05-20 QUETTA: An anti-terrorism court sentenced two men to death for their role in a 2021 "
        "bombing.\n\nAccording to the prosecution, the convicts planted the bomb that killed nine passengers of a "
        "van on the Hazarganji road.\n") == []
    roundup = _events(
        "date 2026-05-20 PESHAWAR: Four people were killed in two separate attacks in Khyber Pakhtunkhwa, officials "
        "said.\n\nIn Bannu, gunmen shot dead two policemen at a checkpoint.\n\n"
        "In Tank, a roadside bomb killed two labourers.\n")
    assert [(e["admin2"], e["fatalities"]) for e in roundup] == [("Bannu", 2), ("Tank", 2)]


def test_places_told_the_way_reports_tell_them():
    wire = _events(
        "Islamabad, Feb 19, 2025 (PTI) Unidentified gunmen killed at least seven passengers of a bus on Wednesday "
        "in Pakistan's Balochistan province, officials said.\n\n"
        "The gunmen targeted the bus in the Barkhan area of the province when it was travelling to Punjab.\n")
    assert [(e["admin1"], e["admin2"]) for e in wire] == [("Balochistan", "Barkhan")]
    possessive = _events(
        "date 2026-01-12 PESHAWAR: A suicide bomber blew himself up at a police checkpost in Dera Ismail Khan's "
        "Kulachi tehsil on Sunday, killing four policemen.\n")
    assert [e["location"] for e in possessive] == ["Kulachi"]
    compound = _events(
        "date 2024-11-17 RAWALPINDI: Seven soldiers were martyred when terrorists attacked a check post in general "
        "area Shah-e-Mardan of Kalat District on Friday night, the ISPR said.\n")
    assert [e["admin2"] for e in compound] == ["Kalat"]
    dateline = _events(
        "DERA MURAD JAMALI, Pakistan, March 6, 2026 (Global Dispatch) - A bomb tore through a crowded bus stand in "
        "southwestern Pakistan on Friday, killing 13 people, officials said.\n\n"
        "The terminal serves coaches travelling between Balochistan and Sindh.\n")
    assert [e["location"] for e in dateline] == ["Dera Murad Jamali"]


def test_it_may_be_recalled_introduces_earlier_news():
    events = _events(
        "date 2024-11-17 RAWALPINDI: Security forces killed six terrorists in an intelligence-based operation in "
        "Kalat district on Friday night, the ISPR said.\n\nIt may be recalled that attacks in the border areas have risen in recent days. Security forces "
        "killed four terrorists during an operation in Kech district on November 13.\n")
    assert [e["admin2"] for e in events] == ["Kalat"]


def test_months_and_ranks_are_not_places():
    from core.knowledge.gazetteer import default_gazetteer

    assert default_gazetteer().candidates("March") == [] and default_gazetteer().candidates("Naik") == []
    assert default_gazetteer().candidates("Kulachi")


def test_bodies_found_later_belong_to_the_incident_before():
    events = _events(
        "date 2026-01-09 BARKHAN: Armed men stopped a passenger coach near Rakhni on Wednesday night and abducted "
        "nine passengers, officials said.\n\n"
        "On Thursday morning, Levies personnel searching the area found three bodies with bullet wounds near a "
        "stream.\n")
    assert len(events) == 1 and events[0]["hostages"] == 9


def test_attacks_named_in_general_are_no_incident():
    events = _events(
        "date 2025-06-17 BANNU: A quadcopter dropped an explosive on a house in Mir Ali on Monday, killing a girl, "
        "officials said.\n\nElders held a sit-in on Monday evening, demanding that the government stop the "
        "quadcopter attacks.\n")
    assert len(events) == 1


def test_a_casualty_box_is_the_report_s_figure():
    events = _events(
        "date 2026-03-21 QUETTA: A bomb went off next to a police van on Airport Road on Saturday morning, leaving "
        "several people dead and injured, police said.\n\nKilled: 4 (3 police, 1 civilian)\n\nInjured: 11\n\n"
        "Related\n- Two Levies men martyred in Kachhi checkpost attack\n")
    assert [(e["fatalities"], e["injuries"]) for e in events] == [(4, 11)]


def test_one_more_attacker_killed_in_the_pursuit_is_the_same_incident():
    events = _events(
        "date 2026-01-21 HARNAI: Four Levies personnel embraced martyrdom when terrorists attacked a Levies post in "
        "the Shahrag area late on Tuesday night.\n\nThree of the attackers were put down in the exchange of fire, the "
        "spokesman said.\n\nA fourth attacker was gunned down by FC personnel who chased the fleeing group in the "
        "early hours of Wednesday.\n\nThe Baloch Liberation Army claimed responsibility, saying it had killed "
        "\"12 personnel\".\n")
    assert [(e["fatalities"], e["actor1"]) for e in events] == [(8, "Baloch Liberation Army")]


def test_a_fresh_incident_with_its_toll_is_news_whatever_its_trailing_clause_says():
    events = _events(
        "date 2026-10-14 PESHAWAR: Three policemen were martyred and four others injured when militants attacked a "
        "police checkpost in Lower Dir late on Tuesday night, officials said, the latest in a wave of attacks on "
        "police in the region.\n")
    assert [(e["admin2"], e["fatalities"], e["injuries"]) for e in events] == [("Lower Dir", 3, 4)]


def test_a_dated_introduction_that_counts_incidents_opens_a_roundup():
    events = _events(
        "date 2023-01-08 BANNU: There is no respite in attacks on police in the southern districts as two more "
        "incidents were reported on Saturday.\n\n"
        "In the first incident, a head constable was martyred and another policeman sustained injuries when "
        "motorcyclists attacked a police vehicle with a hand grenade in Bannu district.\n\n"
        "In Lakki Marwat, the police and locals repulsed an attack on a police post in Serai Naurang tehsil.\n")
    assert [(e["admin2"], e["event_date"]) for e in events][:1] == [("Bannu", "2023-01-07")]
    assert events[0]["fatalities"] == 1 and events[0]["injuries"] == 1


def test_the_forces_own_account_of_a_separate_operation_is_an_incident():
    events = _events(
        "date 2023-01-08 LAKKI MARWAT: A police constable was martyred when militants attacked a police patrol in "
        "Bannu on Friday night, officials said.\n\n"
        "Separately, the Counter Terrorism Department claimed to have killed four alleged militants during an "
        "intelligence-based operation in Sarband area on the outskirts of Peshawar on Saturday.\n")
    assert [(e["admin2"], e["actor1"], e["fatalities"]) for e in events] == [
        ("Bannu", "Unidentified Armed Group (Pakistan)", 1), ("Peshawar", "Police Forces of Pakistan", 4)]


def test_simultaneous_attacks_are_these_attacks():
    events = _events(
        "date 2024-04-05 QUETTA: Jaish al-Adl on Thursday launched simultaneous attacks against military posts in "
        "Chabahar and Rask in southeastern Iran, which left at least 11 security personnel dead.\n")
    assert len(events) == 1 and events[0]["admin1"] == "Sistan and Baluchestan"


def test_a_follow_up_with_a_revised_toll_keeps_the_day_of_the_attack():
    events = _events(
        "date 2023-09-30 QUETTA: Seven more people injured in the suicide blast in Mastung succumbed to their "
        "injuries, taking the death toll of the tragedy to 59, a hospital spokesperson said on Saturday.\n\n"
        "A suicide bomber on Friday targeted people gathering for a procession near a mosque in Mastung.\n\n"
        "At least 52 people were killed initially, and at least 58 people were injured.\n")
    # ("at least 58 injured" is hedged: it stays as told when seven of them die)
    assert [(e["event_date"], e["fatalities"], e["injuries"]) for e in events] == [("2023-09-29", 59, 58)]


def test_the_number_of_fatalities_reached_is_a_toll():
    f = combine([c for c in find_counts("The number of fatalities in the Mastung attack reached 60 after another injured man "
                            "succumbed to his wounds.") if c.category == "fatalities"])
    assert f == (60, None)


def test_sources_that_were_not_reconciled_keep_the_conservative_figure():
    text = ("date 2025-02-18 PISHIN: A bomb exploded beside a police van in a bazaar in Pishin on Tuesday, killing at "
            "least five people, police said.\n\nA doctor at the district hospital said seven bodies had been brought in. "
            "{}\n")
    assert [e["fatalities"] for e in _events(text.format("The agency could not immediately reconcile the two figures."))] == [5]
    assert [e["fatalities"] for e in _events(text.format(""))] == [7]


def test_a_toll_that_names_the_bomber_among_its_bodies_already_counts_him():
    text = ("date 2026-04-21 WANA: A suicide bomber blew himself up at a jirga in Wana on Monday, killing at least 10 "
            "people.\n\n\"We have received 12 bodies, one of which is believed to be the bomber's,\" the health officer "
            "said.\n\nPolice collected the remains of the bomber.\n")
    assert [e["fatalities"] for e in _events(text)] == [12]


def test_a_clash_the_forces_went_into_is_their_security_operation():
    events = _events("date 2025-12-22 LAHORE: The Counter Terrorism Department killed five terrorists in an exchange of "
                     "fire near Rakhi Gaj in Dera Ghazi Khan late on Sunday night, a spokesperson said.\n")
    assert len(events) == 1 and {"armed clash", "security operation"} <= set(events[0]["tactics"])
    events = _events("date 2025-12-22 QUETTA: Militants attacked a Levies post in Kalat on Sunday night and exchanged "
                     "fire with the personnel for two hours, officials said.\n")
    assert len(events) == 1 and "security operation" not in events[0]["tactics"]


def test_a_figure_the_outlet_could_not_verify_counts_only_when_nothing_else_is_told():
    text = ("date 2026-03-03 PESHAWAR: Three Pakistani soldiers were killed when Afghan forces "
            "opened fire on a border post in Bajaur district on Tuesday, officials said.\n\n"
            "Pakistani officials said more than 30 Afghan fighters had been killed in the retaliation. {}\n")
    assert [e["fatalities"] for e in _events(text.format("Reuters could not verify the figures."))] == [3]
    assert [e["fatalities"] for e in _events(text.format(""))] == [33]
    alone = ("date 2026-03-03 PESHAWAR: Afghan forces opened fire on a border post in Bajaur district on "
             "Tuesday. Officials said 12 attackers were killed; the figure could not be independently verified.\n")
    assert [(e["fatalities"], e["fatalities_qualifier"]) for e in _events(alone)] == [(12, None)]


def test_one_of_our_border_forces_is_a_soldier_of_the_side_that_speaks():
    events = _events("date 2026-03-02 PESHAWAR: Two Pakistani soldiers and an Afghan border guard were killed in an "
                     "exchange of fire across the border in Kurram overnight, officials said.\n\n\"One of our border "
                     "forces was martyred,\" a Taliban spokesman said.\n")
    assert [e["fatalities"] for e in events] == [3]


def test_the_headline_s_figure_stands_where_the_story_gives_none():
    story = "Published March 3, 2026\n\nQUETTA: A blast ripped through a market in Quetta on Tuesday, {} police said.\n"
    headline = "Five killed in Quetta blast\n\n"
    assert [e["fatalities"] for e in _events(headline + story.format("killing several people,"))] == [5]
    assert [e["fatalities"] for e in _events(headline + story.format("killing four people,"))] == [4]
    assert [e["fatalities"] for e in _events("Blast in Quetta market\n\n" + story.format("killing several people,"))] == [None]
    claimed = "BLA claims 22 soldiers killed in Quetta blast\n\n" + story.format("")
    assert [e["fatalities"] for e in _events(claimed)] == [None]


def test_each_engagement_of_a_release_is_an_incident():
    events = _events("date 2026-03-03 RAWALPINDI: Security forces killed seven terrorists in two separate engagements "
                     "in Khyber Pakhtunkhwa, the ISPR said on Tuesday. In the first engagement in Tirah valley of Khyber "
                     "district, four terrorists were killed. In the second engagement, in Datta Khel area of North "
                     "Waziristan, three terrorists were killed.\n")
    assert [(e["admin2"], e["fatalities"]) for e in events] == [("Khyber", 4), ("North Waziristan", 3)]


def test_a_disputed_claim_of_the_other_side_s_losses_is_not_the_toll():
    text = ("date 2026-03-03 CHAMAN: Four civilians were killed when mortar shells fired from across the border landed "
            "in a residential area of Chaman on Tuesday, officials said.\n\nThe Afghan Taliban's spokesman claimed "
            "their forces had killed 15 Pakistani soldiers{}\n")
    assert [e["fatalities"] for e in _events(text.format(", a claim the military rejected as baseless."))] == [4]
    assert [e["fatalities"] for e in _events(text.format(". The military dismissed the claim as propaganda."))] == [4]


def test_air_strikes_with_their_own_dead_are_an_incident_not_strikes_in_general():
    for lead in ("Air strikes killed seven militants in Kech on Tuesday, officials said.",
                 "Seven civilians were killed in Pakistani air strikes in Paktika province on Tuesday, a Taliban "
                 "spokesman said."):
        events = _events(f"date 2026-03-03 QUETTA: {lead}\n")
        assert [(e["fatalities"], e["tactics"]) for e in events] == [(7, ["air/drone strike"])], lead
    general = _events("date 2026-03-03 QUETTA: The families of those who lose their lives in air strikes get no "
                      "compensation, the minister said.\n")
    assert general == []


def test_a_toll_told_in_a_clause_about_the_claimed_attack_is_the_report_s():
    text = ("date 2026-03-03 MIRANSHAH: Terrorists attacked a police station in North Waziristan on Tuesday night. "
            "The TTP claimed responsibility for the attack, {} five policemen, officials said.\n")
    assert [e["fatalities"] for e in _events(text.format("which killed"))] == [5]
    assert [e["fatalities"] for e in _events(text.format("saying its fighters had killed"))] == [None]


def test_a_figure_belongs_to_the_incident_told_just_before_it():
    events = _events(
        "date 2025-02-13 QUETTA: Violence was reported across Balochistan, officials said on Wednesday.\n\n"
        "Separately, armed men stopped a passenger coach near Turbat on Wednesday and took away four passengers.\n\n"
        "Meanwhile in Pasni, a hand grenade was hurled at the house of a councillor late on Tuesday. No loss of life "
        "was reported, police said.\n\n"
        "The spokesman said security had been tightened after the abduction near Turbat.\n")
    assert [(e["location"], e["fatalities"]) for e in events] == [("Turbat", None), ("Pasni", 0)]


def test_militants_killed_is_an_attack_even_with_no_weapon_named():
    events = _events("date 2026-03-03 PESHAWAR: Militants killed three policemen in northwest Pakistan on Tuesday, "
                     "police said. The Pakistani Taliban have stepped up attacks since 2022, killing hundreds of "
                     "security personnel.\n")
    assert [(e["fatalities"], e["tactics"]) for e in events] == [(3, ["armed assault"])]


def test_a_toll_revised_down_keeps_the_attack_s_day_and_drops_the_withdrawn_figure():
    events = _events("date 2026-08-12 TURBAT: The district administration on Tuesday revised the toll from Monday's "
                     "attack on labourers in Turbat, saying one worker had been killed and three injured, and not two "
                     "killed and two injured as officials had said on Monday night.\n")
    assert [(e["event_date"], e["fatalities"], e["injuries"]) for e in events] == [("2026-08-10", 1, 3)]


def test_a_roundup_lead_gives_each_incident_its_own_toll_and_the_sum_to_none():
    events = _events(
        "date 2026-12-04 PESHAWAR: A policeman and a militant were killed in an attack on a checkpost in Bannu "
        "district, while a roadside bomb killed a tribal elder and his driver in Lakki Marwat on Thursday, police "
        "said.\n\n"
        "Militants attacked the Jani Khel police checkpost in Bannu district from two sides at about 7pm. Constable "
        "Saeedullah embraced martyrdom in the exchange of fire. Two other policemen, Constable Rehmat Shah and "
        "Constable Wali Muhammad, were wounded. One of the attackers was also killed in the retaliatory fire.\n\n"
        "Earlier on Thursday, a remote-controlled bomb exploded as a car carrying a tribal elder passed through "
        "Serai Naurang in Lakki Marwat district. The elder and his driver died on the spot, police said. Three "
        "passers-by were injured.\n\n"
        "In all, four people were killed and five injured across the province on Thursday, according to police.\n")
    assert [(e["admin2"], e["fatalities"], e["injuries"]) for e in events] == [("Bannu", 2, 2), ("Lakki Marwat", 2, 3)]
    assert "IED/remote explosive" not in events[0]["tactics"]


def test_the_forces_claim_of_their_own_fight_is_the_incident_but_an_accusation_is_not():
    events = _events(
        "date 2026-08-18 LAHORE: The Counter Terrorism Department (CTD) Punjab has claimed to have eliminated four "
        "terrorists in an exchange of fire near Darya Khan in Bhakkar district, while two of its personnel sustained "
        "injuries.\n\nThe bodies were shifted to the hospital for post-mortem examination.\n")
    assert [(e["admin2"], e["fatalities"], e["injuries"]) for e in events] == [("Bhakkar", 4, 2)]
    assert events[0]["actor1"] == "Police Forces of Pakistan"


def test_a_think_tank_s_monthly_figures_are_no_incident():
    assert _events(
        "date 2026-10-02 ISLAMABAD: Militant attacks in Pakistan fell for the second month running in September, "
        "the figures released this week by a think tank show.\n\nThese attacks killed 96 people, among them 49 "
        "security personnel, while 128 people were injured. Security forces killed 142 militants in operations "
        "during the month, the report says.\n") == []


def test_an_ispr_release_of_two_operations_gives_two_incidents_with_their_own_tolls():
    events = _events(
        "date 2026-10-20 RAWALPINDI: Security forces killed nine terrorists in two separate engagements in Zhob and "
        "Kech districts of Balochistan, the ISPR said.\n\n"
        "According to the ISPR, on the night of 18/19 October, security forces picked up the movement of a group of "
        "khwarij who were trying to infiltrate through the Pakistan-Afghanistan border in the general area of "
        "Sambaza, Zhob district. \"Own troops effectively engaged and thwarted their attempt. Resultantly, six "
        "khwarij were sent to hell,\" the statement said.\n\n"
        "In a separate intelligence-based operation on 19 October, security forces raided a hideout of terrorists "
        "in the general area of Buleda, Kech district. During the intense exchange of fire, three terrorists were "
        "killed. Sepoy Muhammad Waseem embraced shahadat, and two other soldiers were injured.\n")
    assert [(e["admin2"], e["event_date"], e["fatalities"], e["injuries"]) for e in events] == [
        ("Zhob", "2026-10-18", 6, None), ("Kech", "2026-10-19", 4, 2)]


def test_a_correction_note_quoting_an_earlier_headline_is_no_incident():
    events = _events(
        "date 2026-09-22 DERA ISMAIL KHAN: The three construction workers whose bodies were brought to Tank on Sunday "
        "were killed when gunmen opened fire on their vehicle late on Saturday night on the Kulachi road, police "
        "said.\n\n"
        "Our report on Monday, \"Three labourers gunned down in Mullazai\", was based on information from the Tank "
        "police. We regret the error.\n")
    assert len(events) == 1 and events[0]["fatalities"] == 3


def test_a_year_s_tally_at_the_end_of_a_report_adds_nothing_to_its_toll():
    events = _events(
        "date 2026-01-27 PESHAWAR: A suicide bomber blew himself up at a police checkpoint in Darra Adam Khel on "
        "Tuesday, killing five people besides the bomber, police said.\n\n"
        "Provincial police figures show 148 police officers were killed in Khyber Pakhtunkhwa in 2025, the highest "
        "number in a decade.\n")
    assert len(events) == 1 and events[0]["fatalities"] == 6


def test_a_lead_counting_the_attacks_of_a_roundup_is_no_incident_of_its_own():
    events = _events(
        "date 2026-03-13 QUETTA/PESHAWAR: Militants carried out three separate attacks in Balochistan and Khyber "
        "Pakhtunkhwa on Thursday, targeting a police post, a police van and a schoolteacher, officials said.\n\n"
        "In Awaran, gunmen attacked a police post in Jhao tehsil, killing two constables.\n\n"
        "In Khyber district, a roadside bomb went off as a police van was patrolling the Bara bazaar area. "
        "An assistant sub-inspector was martyred.\n\n"
        "In Orakzai, gunmen shot dead a government schoolteacher outside his home in Kalaya.\n")
    assert [e["admin2"] for e in events] == ["Awaran", "Khyber", "Orakzai"]


def test_a_vehicle_rigged_with_explosives_that_went_off_is_a_bombing():
    events = _events(
        "date 2025-01-14 BANNU: Nine people were killed and 17 others injured on Monday evening when explosives packed "
        "into a parked motorcycle went off near a police checkpoint in the main bazaar of Mir Ali, police said.\n")
    assert len(events) == 1 and events[0]["fatalities"] == 9 and "IED/remote explosive" in events[0]["tactics"]


def test_another_place_s_revised_toll_is_that_incident_s_not_the_lead_s():
    events = _events(
        "date 2026-02-11 QUETTA: Two policemen were shot dead when gunmen riding a motorcycle opened fire on them on "
        "Quetta's Sariab Road on Tuesday, police said.\n\n"
        "Meanwhile, the toll from Monday's bomb blast in Chaman now stands at 14 after two of the injured died.\n\n"
        "The bomb, fitted to a motorcycle parked outside a market in the border town, went off on Monday, killing 12.\n")
    assert [(e["admin2"], e["fatalities"]) for e in events] == [("Quetta", 2), ("Chaman", 14)]


def test_victims_seized_last_month_and_found_dead_on_sunday_are_news():
    events = _events(
        "date 2026-06-08\n\nPanjgur (AMI) - The bodies of two engineers abducted last month from a road construction "
        "site were found on Sunday in a dry riverbed on the outskirts of Panjgur, police said.\n")
    assert len(events) == 1 and events[0]["fatalities"] == 2 and events[0]["event_date"] == "2026-06-07"


def test_troops_killing_attackers_in_the_exchange_of_fire_is_the_attack_s_clash_not_an_operation():
    events = _events(
        "date 2025-04-22 QUETTA: Four soldiers of the Frontier Corps embraced martyrdom when terrorists attacked a "
        "check post in the Shahrag area of Harnai district on Monday night, officials said. The attackers opened fire "
        "on the post from two sides at around 11pm.\n\n"
        "Troops killed nine terrorists in the exchange of fire, according to the official, who said the bodies of "
        "six of them had been recovered from the slopes around the post by Tuesday morning.\n")
    assert [(e["event_date"], e["admin2"], e["actor1"], e["fatalities"]) for e in events] == [
        ("2025-04-21", "Harnai", "Unidentified Armed Group (Pakistan)", 13)]
