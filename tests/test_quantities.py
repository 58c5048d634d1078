"""Counts with ACLED's conventions: conservative figures, hedges kept, unknown stays null."""

from __future__ import annotations

import dataclasses

import pytest

from core.extraction.quantities import (
    Count,
    combine,
    figures,
    find_counts,
    parse_number,
    says_no_casualties,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [("26", 26), ("1,200", 1200), ("twenty-six", 26), ("a hundred", 100), ("two hundred and fifty", 250),
     ("dozens", 12), ("tens", 10), ("hundreds", 100), ("seven", 7)],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def _figures(text):
    counts = find_counts(text)
    return {cat: combine([c for c in counts if c.category == cat]) for cat in ("fatalities", "injuries", "hostages")}


def test_hedges_are_kept():
    f = _figures("militants, who have taken over 100 passengers as hostages, and killed at least 12 soldiers")
    assert f["hostages"] == (100, "over")
    assert f["fatalities"] == (12, "at least")


def test_word_numbers_and_vague_counts():
    assert _figures("Twenty-six people lost their lives.")["fatalities"] == (26, None)
    assert _figures("dozens of people were injured")["injuries"] == (12, None)
    assert _figures("tens of militants had been killed")["fatalities"] == (10, None)


def test_groups_add_up_and_subsets_do_not():
    assert _figures("killing four soldiers and injuring six others")["injuries"] == (6, None)
    f = _figures("Four policemen were martyred and two attackers killed.")
    assert f["fatalities"][0] == 6
    assert _figures("Seven people, including three children, were killed.")["fatalities"] == (7, None)


def test_most_conservative_figure_wins_unless_revised():
    counts = find_counts("Nine people were killed.") + find_counts("Twelve people were killed.")
    assert combine([c for c in counts if c.category == "fatalities"]) == (9, None)
    hedged = find_counts("At least nine people were killed.") + find_counts("Twelve people were killed.")
    assert combine([c for c in hedged if c.category == "fatalities"], settle_hedges=False) == (9, "at least")
    revised = find_counts("Nine people were killed.") + find_counts("The death toll rose to 14 on Sunday.")
    assert combine(revised)[0] == 14


def test_no_number_means_null_not_zero():
    assert _figures("A blast damaged a bridge.") == {k: (None, None) for k in ("fatalities", "injuries", "hostages")}


def test_explicit_zero():
    assert says_no_casualties("no casualties were reported")
    assert not says_no_casualties("There was no word on casualties.")


def test_ages_years_and_labels_are_not_counts():
    assert find_counts("a 35-year-old policeman was shot dead")[0].value == 1
    assert not [c for c in find_counts("In 2014 the group killed people in Tunnel No. 8") if c.value in (2014, 8)]
    assert find_counts("No one has claimed responsibility for the killing.") == []


def test_singular_victims():
    f = _figures("A former councillor was shot dead and his nephew wounded.")
    assert f["fatalities"] == (1, None) and f["injuries"] == (1, None)


def test_a_wounded_person_who_dies_later_moves_between_counts():
    f = _across("Two policemen were killed and three others were injured.", "One of the wounded later succumbed to his injuries.")
    assert f["fatalities"] == (3, None) and f["injuries"] == (2, None)
    revised = find_counts("Nine people were killed.") + find_counts(
        "The toll rose to 12 after three of the injured died in hospital.")
    assert combine([c for c in revised if c.category == "fatalities"])[0] == 12


def test_a_person_and_a_companion_taken_away_are_two_hostages():
    assert _figures("Gunmen abducted a tehsildar and his driver near Tank.")["hostages"] == (2, None)
    assert _figures("Armed men drove the revenue officer and his driver off at gunpoint.")["hostages"] == (2, None)
    assert _figures("Gunmen stopped the car and his phone was taken.")["hostages"] == (None, None)


def _across(*sentences: str) -> dict:
    """The figures of consecutive sentences (each at its place in the text, as in a report)."""
    starts = [sum(len(s) + 1 for s in sentences[:i]) for i in range(len(sentences))]
    counts = [c for s, start in zip(sentences, starts) for c in find_counts(s, start)]
    return {k: combine([c for c in counts if c.category == k]) for k in ("fatalities", "injuries", "hostages")}


def test_a_named_soldier_with_his_age_and_home_town_is_one_death():
    f = _across("Troops repelled a raid on the post and killed all four raiders, officials said.",
                "Naik Gul Hassan, 31, a native of Zhob, embraced martyrdom in the exchange.")
    assert f["fatalities"] == (5, None)


def test_raising_the_number_of_the_dead_to_a_figure_is_a_revised_toll():
    f = _across("Two levies men were killed on the spot.",
                "A third guard died in hospital, raising the number of levies personnel killed in the raid to three.")
    assert f["fatalities"] == (3, None)
    # the attackers' revised number already holds the bomber
    f = _across("Three constables were martyred when a bomber blew himself up at the gate.",
                "Both gunmen were also killed, bringing the number of attackers killed to three.")
    assert f["fatalities"] == (6, None)


def test_things_counted_are_not_people():
    f = _figures("The men torched two trucks and took with them five labourers near the quarry.")
    assert f["hostages"] == (5, None)


def test_a_score_mostly_of_one_kind_and_the_bomber_s_remains():
    f = _across("The blast outside the court killed three lawyers.",
                "A score of people, mostly litigants, were hurt.",
                "Police collected the remains of the bomber from the road.")
    assert f["injuries"] == (20, None) and f["fatalities"] == (4, None)


def test_a_part_of_the_attackers_is_not_the_toll_including_them():
    f = _across("Fifteen raiders were killed when troops beat back the assault on the fort.",
                "A soldier and a watchman also embraced martyrdom in the fighting.",
                "The fifteen dead raiders included two commanders, officials said.")
    assert f["fatalities"] == (17, None)


def test_the_number_inside_an_ispr_phrase_counts():
    f = _figures("Security forces sent 11 khwarij to hell in Datta Khel on Sunday, while two soldiers embraced shahadat.")
    assert f["fatalities"] == (13, None)
    assert _figures("Troops sent the terrorists to hell.")["fatalities"] == (None, None)


def test_a_list_of_victims_after_the_verb_counts_each_of_them():
    f = _figures("The bomb exploded during prayers, killing a provincial official, his bodyguard and an elderly "
                 "worshipper, a police spokesman said.")
    assert f["fatalities"] == (3, None)


def test_a_couple_is_two_people():
    assert _figures("Gunmen shot dead a couple outside their home.")["fatalities"] == (2, None)
    assert _figures("Gunmen killed a couple of policemen.")["fatalities"] == (2, None)


def test_a_toll_not_counting_the_bomber_adds_the_bomber():
    f = _figures("The number of dead in Friday's bombing reached 16 on Sunday, not counting the bomber, after four "
                 "of the injured died.")
    assert f["fatalities"] == (17, None)


def test_bodies_count_only_where_nothing_else_does():
    assert _figures("Four of the six workers taken away were released, while the bodies of the remaining two were "
                    "found.") == {"fatalities": (2, None), "injuries": (None, None), "hostages": (6, None)}
    f = _across("Eight fuel transporters were killed when guards opened fire.",
                "The bodies of eight men were handed over at the border.")
    assert f["fatalities"] == (8, None)


def test_a_part_alone_is_a_floor():
    part = Count("fatalities", 2, None, "police", 0, 3, subset=True)
    assert combine([part]) == (2, "at least")
    assert combine([dataclasses.replace(part, reference=True)]) == (2, None)  # "the six workers"
    assert combine([part, Count("fatalities", 5, None, "people", 10, 11)]) == (5, None)


def test_militants_named_inside_a_toll_are_part_of_it():
    f = _across("A total of 11 people, including six militants, were killed when attackers stormed the police lines.",
                "One attacker blew himself up at the main gate.")
    assert f["fatalities"] == (11, None)  # the bomber is among the six militants


def test_a_named_soldier_with_a_long_description_is_one_death():
    f = _across("Troops sent seven khwarij to hell.",
                "Naik Waqas Ahmed, aged 31 and a resident of Mansehra, fought bravely and embraced shahadat.")
    assert f["fatalities"] == (8, None)


def test_injury_wordings():
    assert _figures("Two policemen were martyred on the spot and five others injured.")["injuries"] == (5, None)
    assert _figures("The driver of the coach and his assistant received bullet wounds.")["injuries"] == (2, None)
    assert _figures("A CTD sub-inspector was slightly injured.")["injuries"] == (1, None)
    assert _figures("A local leader of the JUI-F escaped with minor injuries.")["injuries"] == (1, None)
    assert _figures("The driver and two employees were injured.")["injuries"] == (3, None)


def test_the_remaining_injured_after_a_death_is_the_latest_figure():
    f = _across("Two policemen were killed and five others injured on Sunday when a bomb struck their van.",
                "The remaining four injured were out of danger.")
    assert f["injuries"] == (4, None)


def test_ispr_asides_between_a_figure_and_its_verb():
    f = _figures("However, during the intense exchange of fire, nine brave sons of soil, having fought gallantly, "
                 "embraced shahadat.")
    assert f["fatalities"] == (9, None)
    f = _figures("During the operations, thirteen brave sons of soil including nine soldiers and four policemen, having "
                 "fought gallantly, made the ultimate sacrifice and embraced shahadat.")
    assert f["fatalities"] == (13, None)


def test_a_part_named_without_commas_stays_a_part():
    f = _figures("At least seven people including three children were injured in a roadside bomb blast, police said.")
    assert f["injuries"] == (7, "at least")
    assert _figures("Five people including two policemen were killed.")["fatalities"] == (5, None)


def test_more_toll_verbs():
    assert _figures("The death toll in the blast at the rally touched 31, officials said.")["fatalities"] == (31, None)


def test_people_who_die_later_leave_the_injured_when_the_toll_rose():
    counts = [c for s, start in (("At least eight people were killed and 27 others injured in the blast.", 0),
                                 ("The death toll rose to 10 after two of the injured succumbed to their wounds.", 70))
              for c in find_counts(s, start)]
    assert figures(counts) == {"fatalities": (10, None), "injuries": (25, None), "hostages": (None, None)}
    told_after = [c for s, start in (("The bomb killed five people and wounded 14 others.", 0),
                                     ("The toll was first put at three but rose to five after two of the wounded "
                                      "died.", 60)) for c in find_counts(s, start)]
    assert figures(told_after)["injuries"] == (14, None)  # the first figure already counts them


def test_named_and_described_injured():
    f = _figures("Sepoy Dost Muhammad was martyred and Sepoy Nabi Bakhsh was injured in the exchange of fire.")
    assert f["fatalities"] == (1, None) and f["injuries"] == (1, None)
    died = _figures("Constable Abdul Wahab was hit in the chest and died on the way to hospital.")
    assert died["injuries"] == (None, None)
    f = _across("Seven others sustained injuries in the blast.",
                "Three critically injured constables were later referred to the DHQ hospital.")
    assert f["injuries"] == (7, None)  # the three are among the seven


def test_vague_counts_without_of():
    f = _figures("A bomb tore through a bus stand, killing more than a dozen people and wounding scores, officials said.")
    assert f["fatalities"] == (12, "over") and f["injuries"] == (20, None)


def test_one_injured_who_died_later_and_the_latest_injured_figure():
    counts = [c for s, start in (("Four soldiers embraced martyrdom and two others were injured on Monday.", 0),
                                 ("A soldier who was critically injured in Monday's attack succumbed to his wounds on "
                                  "Tuesday, raising the death toll to five.", 80)) for c in find_counts(s, start)]
    assert figures(counts)["fatalities"] == (5, None) and figures(counts)["injuries"] == (1, None)
    f = _across("The toll has climbed to eight after three more of the injured succumbed overnight.",
                "The number of injured now stands at 11, four of them in critical condition.")
    assert f["injuries"] == (11, None)


def test_a_road_number_is_no_count():
    f = _figures("Armed men who hijacked a coach on the N-70 highway shot dead three of the nine passengers.")
    assert f["fatalities"] == (3, None)


def test_more_ways_of_telling_the_dead():
    f = _figures("During the exchange of fire, Naik Zahid Hussain, 33, resident of Chakwal, Lance Naik Abdul Basit, 27, "
                 "resident of Kurram, and Sepoy Shahid Iqbal, 22, having fought gallantly, embraced shahadat.")
    assert f["fatalities"] == (3, None)
    f = _figures("Lance Naik Imdad Ali, 27, was martyred and Sepoy Fida Hussain sustained injuries, a spokesman said.")
    assert f["fatalities"] == (1, None) and f["injuries"] == (1, None)
    assert _figures("Security forces sent half a dozen khwarij to hell.")["fatalities"] == (6, None)
    assert _figures("A dozen and a half people were injured.")["injuries"] == (18, None)
    assert _figures("Three of the attackers were put down in retaliatory fire.")["fatalities"] == (3, None)
    assert _figures("So far three martyrs and 11 wounded have been brought to our hospital.") == {
        "fatalities": (3, None), "injuries": (11, None), "hostages": (None, None)}
    f = _across("A suicide bomber rammed a car into the convoy, killing two soldiers.", "The attacker also died.")
    assert f["fatalities"] == (3, None)


def test_injured_told_by_name_and_description():
    f = _figures("Constable Asfandyar received bullet wounds in his shoulder, while a passer-by, Hazrat Ali, was hit by "
                 "a stray bullet as he was returning home.")
    assert f["injuries"] == (2, None)
    assert _figures("The coach's conductor, Shahid Hussain, was hit in the arm.")["injuries"] == (1, None)
    assert _figures("The team's driver escaped unhurt.")["injuries"] == (None, None)  # one person zeroes nothing
    f = _across("Three policemen were martyred and four others injured when militants attacked the post.",
                "Four constables received bullet wounds.")
    assert f["injuries"] == (4, None)
    f = _across("Two other khwarij were injured in the exchange.", "Three more soldiers sustained injuries.")
    assert f["injuries"] == (5, None)


def test_a_toll_put_at_a_figure_and_a_figure_since_revised():
    f = _across("Three policemen were martyred when militants attacked a checkpost.",
                "Later the police officer put the toll at five: three policemen and two of the attackers.")
    assert f["fatalities"] == (5, None)
    f = _across("Police initially put the death toll at four.", "Hospital officials later said six bodies had been brought in.")
    assert f["fatalities"] == (6, None)
    assert _across("Eight people were killed in the blast.", "Officials had put the toll at five on Friday.")["fatalities"] == (8, None)


def test_an_exact_figure_that_the_hedge_allows_settles_it():
    lead = "A suicide bomber struck a jirga, killing at least 10 people and wounding around 25 others."
    later = "The health officer said the hospital had received 12 bodies and 26 wounded."
    assert _across(lead, later) == {"fatalities": (12, None), "injuries": (26, None), "hostages": (None, None)}
    # a smaller exact figure is a part of the hedged one, not a settlement
    assert _across(lead, "Police said eight bodies had been identified.")["fatalities"] == (10, "at least")
    starts = [0, len(lead) + 1]
    counts = [c for s, start in zip((lead, later), starts) for c in find_counts(s, start)]
    assert figures(counts, settle_hedges=False)["fatalities"] == (10, "at least")


def test_the_body_of_one_hostage_is_one_death_where_nothing_else_is_counted():
    assert _figures("Residents found the bullet-riddled body of one of the abducted men near a stream.")["fatalities"] == (1, None)
    assert _figures("Police took the body of the bomber to the hospital.")["fatalities"] == (None, None)
    f = _across("Gunmen killed three labourers.", "The body of one of them was found in a field.")
    assert f["fatalities"] == (3, None)


def test_others_belong_to_the_group_just_counted_for_another_category():
    f = _across("During the exchange of fire, four terrorists were eliminated, while two others were arrested in "
                "injured condition.", "Sub-Inspector Rashid Mehmood sustained injuries.")
    assert f["injuries"] == (3, None)
    f = _figures("The blast killed four people besides the attacker and wounded 11 others, officials said.")
    assert f["fatalities"] == (5, None) and f["injuries"] == (11, None)


def test_named_people_after_include_and_identified_as():
    f = _figures("The injured include lady health worker Shaheen Bibi, who was hit in the shoulder, and vaccinator "
                 "Irfanullah, who was wounded in the leg, the spokesman said.")
    assert f["injuries"] == (2, "at least")
    f = _across("Gunmen shot dead five policemen at a checkpost.", "The dead included constable Ali Khan and driver Noor Muhammad.")
    assert f["fatalities"] == (5, None)
    assert _figures("The injured were identified as constable Ali Khan and driver Noor Muhammad.")["injuries"] == (2, None)


def test_another_arrested_wounded_is_one_injured_of_the_group_just_counted():
    f = _across("In the clashes three members of the terrorist team were killed and another was arrested wounded.",
                "Another officer was wounded and was taken to hospital.")
    assert f["fatalities"] == (3, None) and f["injuries"] == (2, None)


def test_one_person_hurt_in_a_relative_clause_or_also_hurt():
    f = _across("Three Rangers personnel were injured when a grenade hit their picket.",
                "A passer-by, who suffered a splinter wound in his arm, was treated and discharged.")
    assert f["injuries"] == (4, None)
    f = _across("Two constables were critically wounded.", "A ten-year-old boy selling vegetables nearby was also hurt.")
    assert f["injuries"] == (3, None)


def test_a_wounded_constable_who_succumbed_leaves_the_injured_when_his_groups_toll_rose():
    sentences = (("A police constable who received bullet wounds during the assault succumbed to his injuries on "
                  "Tuesday, raising the number of policemen martyred in the attack to three.", 0),
                 ("Constables Rafiullah and Ihsanullah were martyred on the spot, while three others were wounded.", 200),
                 ("All five attackers were shot dead.", 300))
    counts = [c for s, start in sentences for c in find_counts(s, start)]
    assert figures(counts)["fatalities"] == (8, None) and figures(counts)["injuries"] == (2, None)


def test_described_people_named_between_commas_who_sustained_injuries():
    f = _figures("His guard, Sher Bahadar, and his driver, Niaz Muhammad, sustained injuries and were taken to hospital.")
    assert f["injuries"] == (2, None)


def test_a_place_that_opens_the_sentence_is_not_one_of_the_people_listed():
    f = _figures("In Dera Ismail Khan, a polio worker and the policeman escorting him were shot dead by gunmen.")
    assert f["fatalities"] == (2, None)


def test_an_injured_figure_told_after_the_deaths_is_of_the_living():
    f = _across("A bomb killed seven people at the market.", "Two of the injured later died in hospital.",
                "Doctors said 30 wounded were still under treatment.")
    assert f["fatalities"] == (9, None) and f["injuries"] == (30, None)
    f = _across("A bomb killed seven people and injured 30.", "Two of the injured later died in hospital.")
    assert f["fatalities"] == (9, None) and f["injuries"] == (28, None)


@pytest.mark.parametrize(("text", "dead"), [
    ("The blast claimed the lives of seven people.", 7),
    ("The attack claimed 11 lives.", 11),
    ("The gunmen killed the driver and a passenger.", 2),
    ("The suicide bomber killed himself and six others.", 7),
    ("The bomber was also killed.", 1),
    ("Own troops engaged the khwarij location and as a result, six khwarij were sent to hell.", 6),
    ("Troops raided the khwarij hideout and four khwarij were killed.", 4),
    ("Three soldiers and as many terrorists were killed in an exchange of fire.", 6),
    ("Eight people - five soldiers and three civilians - were killed.", 8),
    ("Eight people (five soldiers and three civilians) were killed.", 8),
    ("Eight people, five soldiers and three civilians, were killed.", 8),
    ("Two soldiers, three policemen and a civilian were killed.", 6),
    ("However, Naik Muhammad Rizwan (age 31, resident of District Chakwal) and Sepoy Fazal Wahab (age 23, resident "
     "of District Swat), having fought gallantly, embraced shahadat.", 2),
    ("Three Frontier Corps (FC) personnel and two labourers were killed.", 5),
])
def test_more_press_wordings_of_the_dead(text, dead):
    assert _figures(text)["fatalities"] == (dead, None)


def test_another_injured_after_a_death():
    assert _figures("A policeman was killed and another injured in the attack.") == {
        "fatalities": (1, None), "injuries": (1, None), "hostages": (None, None)}


def test_as_many_injured_is_the_number_of_the_dead_again():
    assert _figures("Four people were killed and as many injured.") == {
        "fatalities": (4, None), "injuries": (4, None), "hostages": (None, None)}


def test_breathed_their_last():
    assert _figures("Two people breathed their last and five others were wounded.")["fatalities"] == (2, None)
    f = figures([c for s, start in (("Six people were killed and 20 injured.", 0),
                                    ("Three more of the injured breathed their last in hospital.", 40))
                 for c in find_counts(s, start)])
    assert f["fatalities"] == (9, None) and f["injuries"] == (17, None)


def test_a_death_from_wounds_with_no_other_figure_is_the_toll():
    assert _figures("A policeman who was injured in Monday's attack succumbed to his injuries on Tuesday.")[
        "fatalities"] == (1, None)


def test_a_hedged_count_of_the_injured_stays_as_told_when_some_die():
    f = figures([c for s, start in (("Six people were killed and more than 40 wounded.", 0),
                                    ("Two of the injured later died.", 50)) for c in find_counts(s, start)])
    assert f["fatalities"] == (8, None) and f["injuries"] == (40, "over")


@pytest.mark.parametrize("text", [
    "Gunmen killed five soldiers on Tuesday, the latest in a string of attacks that have killed more than 300 "
    "security personnel this year.",
    "Gunmen killed five soldiers on Tuesday, in a province where 300 people have been killed since January.",
])
def test_a_running_total_in_the_sentence_is_not_the_toll(text):
    assert _figures(text)["fatalities"] == (5, None)


def test_members_and_men_belong_to_the_group_named_with_them():
    f = figures([c for s, start in (("Three members of Pakistan's coast guards were killed in the ambush.", 0),
                                    ('"Three of our men were martyred," an official said.', 80))
                 for c in find_counts(s, start)])
    assert f["fatalities"] == (3, None)
    assert [c.group for c in find_counts("Three FC men and two of the labourers died on the spot.")][:1] == ["fc"]


def test_victims_listed_between_semicolons_each_count():
    text = ("The deceased were identified as Syed Ali Raza, 45, a government schoolteacher; Hassan Ali and his brother "
            "Muhammad Abbas; Zawar Hussain, a student; and the driver of the van, Khadim Hussain.")
    assert _figures(text)["fatalities"] == (5, None)


def test_a_description_and_the_name_after_it_are_one_person():
    counts = find_counts("The injured include Syed Mehdi Shah and a 10-year-old boy, Ali Akbar, who were taken to "
                         "hospital.")
    assert [(c.category, c.value) for c in counts] == [("injuries", 2)]


def test_people_who_held_a_meeting_are_not_hostages():
    assert _figures("Elders from both sides held a jirga in Sadda on Friday evening.")["hostages"] == (None, None)
    assert _figures("Two engineers are still being held by the militants.")["hostages"] == (2, None)


def test_one_hit_who_then_died_is_one_more_of_the_dead():
    one = "A shepherd grazing his flock near the post was also hit by a bullet and died on the way to hospital."
    assert _figures(one)["fatalities"] == (1, None) and _figures(one)["injuries"] == (None, None)
    assert _figures("A passer-by was hit by a stray bullet and taken to hospital.")["injuries"] == (1, None)
    f = figures([c for s, start in (('"Two of our men were martyred while defending the post," an official said.', 0),
                                    (one, 80), ("Another sepoy was wounded.", 190))
                 for c in find_counts(s, start)])
    assert f["fatalities"] == (3, None) and f["injuries"] == (1, None)


def test_the_owner_of_a_thing_taken_is_not_a_hostage():
    assert _figures("The attackers also took away a rifle belonging to one of them, the official said.")[
        "hostages"] == (None, None)
    assert _figures("The attackers took away one of the guards.")["hostages"] == (1, None)


def test_a_name_after_while_is_one_of_the_injured():
    f = _figures('"The driver, Dad Karim, was killed on the spot, while Mir Ghulam Jan sustained injuries to his '
                 'legs," the DPO said.')
    assert f["fatalities"] == (1, None) and f["injuries"] == (1, None)
    assert _figures("Two soldiers were martyred while Quetta remained tense.")["injuries"] == (None, None)


def test_a_number_then_its_people_named_is_that_number():
    f = _figures("Two other policemen, Constable Rehmat Shah and Constable Wali Muhammad, were wounded.")
    assert f["injuries"] == (2, None)
    assert _figures("Two policemen, a driver and a guard were wounded.")["injuries"] == (4, None)


def test_a_list_of_both_sides_counts_each_side_once():
    counts = find_counts("A policeman and a militant were killed in an attack on a checkpost.")
    assert sorted((c.group, c.value) for c in counts) == [("attackers", 1), ("security", 1)]
    f = figures([c for s, start in (("A policeman and a militant were killed in an attack on a checkpost.", 0),
                                    ('"One of the attackers was also killed in the retaliatory fire."', 80))
                 for c in find_counts(s, start)])
    assert f["fatalities"] == (2, None)
    assert _figures("The twenty-two dead attackers included three commanders.")["fatalities"] == (22, None)


def test_a_passer_by_who_also_died_and_the_attackers_bodies_left_behind_count():
    assert _figures("A passer-by also died after being hit by a bullet.")["fatalities"] == (1, None)
    counts = find_counts("The attackers fled towards the mountains, leaving behind the bodies of two of their "
                         "comrades, the official said.")
    assert [(c.category, c.value, c.group) for c in counts] == [("fatalities", 2, "attackers")]
    f = figures([c for s, start in (("Three soldiers of the Frontier Corps laid down their lives.", 0),
                                    ("The attackers fled, leaving behind the bodies of two of their comrades.", 70))
                 for c in find_counts(s, start)])
    assert f["fatalities"] == (5, None)
    assert _figures("Police recovered the bodies of two men.")["fatalities"] == (2, None)


def test_a_headline_toll_in_the_present_and_the_injured_one_who_died():
    assert _figures("UPDATE: Toll reaches three as injured vaccinator dies")["fatalities"] == (3, None)
    f = figures([c for s, start in (("Two policemen embraced martyrdom.", 0),
                                    ("A vaccinator and a passer-by were wounded in the attack.", 40),
                                    ("The death toll has reached three after the injured vaccinator, Nasrullah, "
                                     "succumbed to his injuries.", 100))
                 for c in find_counts(s, start)])
    assert f["fatalities"] == (3, None) and f["injuries"] == (1, None)


def test_those_martyred_were_a_list_of_names():
    f = _figures("Those martyred in the attack were Constable Ghulam Abbas, Constable Faisal Nawaz and Elite Force "
                 "driver Muhammad Ramzan, the spokesman said.")
    assert f["fatalities"] == (3, None)
    assert _figures("The victims were taken to Civil Hospital Quetta.")["fatalities"] == (None, None)


def test_a_relative_clause_without_commas_does_not_hide_a_list_of_people():
    f = _figures("A shopkeeper and a schoolboy who were standing at the roadside were wounded and taken to hospital.")
    assert f["injuries"] == (2, None)


def test_a_named_victim_of_a_killing_and_no_one_else_hurt():
    text = ("In a separate incident late on Wednesday, gunmen shot dead Malik Roshan Khan, a member of a village peace "
            "committee, outside his hujra in Kabal tehsil of Swat.")
    assert _figures(text)["fatalities"] == (1, None)
    assert says_no_casualties("No one else was hurt, police said.") == {"injuries"}
    assert says_no_casualties("No one was hurt in the blast.") == {"fatalities", "injuries"}


def test_a_bomber_who_blew_himself_up_besides_the_dead_is_counted_once():
    f = _figures("A suicide bomber blew himself up at a checkpoint, killing five people besides the bomber.")
    assert f["fatalities"] == (6, None)


@pytest.mark.parametrize(("sentence", "dead"), [
    ("Local sources identified the dead as Malik Zarif Khan, the head of the Mamund peace committee, and his "
     "bodyguards Sher Alam and Fazal Wahid.", 3),
    ("The deceased were identified as Ali Khan and Zar Gul, the sons of a local trader.", 2),
    ("Local sources identified the dead as Mawlawi Abdul Hadi, the head of the Taliban's General Directorate of "
     "Intelligence (GDI) office for Sarkano district, and his bodyguards Inayatullah and Sher Agha.", 3),
    ("The deceased were identified as Ali Khan, a teacher, Zar Gul and Sher Dil.", 3),
    ("The martyred were identified as naib risaldar Abdul Ghani, a resident of Buleda, and sepoys Nisar Ahmed and "
     "Jalil Baloch, both residents of Tump.", 3),
])
def test_a_description_after_a_named_victim_is_that_victim(sentence, dead):
    assert _figures(sentence)["fatalities"] == (dead, None)


def test_a_pronoun_at_the_head_of_a_list_of_victims_is_one_person():
    assert _figures("Gunmen opened fire on the car, killing him and two of his guards.")["fatalities"] == (3, None)
    assert _figures("The attackers shot her, killing her and her two children.")["fatalities"] == (3, None)
    assert _figures("The gunmen fired at the family, killing them and a passer-by.")["fatalities"] != (2, None)


def test_victims_named_in_a_list_after_the_verb_are_each_counted():
    f = _figures("Gunmen shot dead a government schoolteacher, Gul Hassan, and his younger brother, Jamshed, outside "
                 "their home.")
    assert f["fatalities"] == (2, None)
    assert _figures("Gunmen shot dead a schoolteacher, Gul Hassan, outside his home.")["fatalities"] == (1, None)


def test_hostages_who_were_killed_are_dead_and_hostages_freed_are_hostages():
    assert _figures("Three hostages, a court clerk, a lawyer and an elderly litigant, were shot dead by the "
                    "militants.")["fatalities"] == (3, None)
    assert _figures("Four hostages were injured in the crossfire.")["injuries"] == (4, None)
    assert _figures("Three hostages were freed on Monday.")["hostages"] == (3, None)


def test_a_hospital_s_count_of_injured_people_is_a_figure_and_a_transfer_is_a_part():
    counts = find_counts("Twenty-six injured people were received at the hospital, according to its superintendent.")
    assert [(c.category, c.value, c.subset) for c in counts] == [("injuries", 26, False)]
    assert all(c.subset for c in find_counts("Three critically injured constables were referred to Peshawar."))


def test_a_name_or_a_clause_set_off_by_commas_does_not_hide_the_one_casualty():
    f = _figures("A shopkeeper, Gul Rahman, who was sitting outside his shop near the spot, was hit in the leg by a "
                 "stray bullet.")
    assert f["injuries"] == (1, None)
    assert _figures("A policeman, Constable Ali Khan, was martyred.")["fatalities"] == (1, None)
