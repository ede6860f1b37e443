"""The guide's decision rules (shared/eval/events-guide.md), each on sentences we wrote: the content decides the type."""

from __future__ import annotations

import datetime

import pytest

from transforms.events import extract_distinct, extract_events

PUBLISHED = datetime.date(2025, 3, 14)  # a Friday


def types(text: str) -> list[tuple[str, str]]:
    """(trigger, type) of each event of a text."""
    return [(e["trigger"], e["event_type"]) for e in extract_events(text, PUBLISHED)]


@pytest.mark.parametrize("text, expected", [
    # Rule 10, business: a market move is an event only when a market moved.
    ("Shares of Acme Foods rose 5 percent on Tuesday.", [("rose", "other")]),
    ("The death toll rose to 40 on Tuesday.", []),
    # Retreat: lifting a ban, curfew or sanction; lifting anything else is no event.
    ("The government lifted the curfew on Monday.", [("lifted", "retreat")]),
    ("Workers lifted the crates onto the truck.", []),
    # Rule 10: a deal blocked by a government or regulator is a rejection; a blocked road is not.
    ("The regulator blocked the takeover of Beta Corp on Monday.", [("blocked", "rejection")]),
    ("Farmers blocked the main road with tractors.", []),
    # Rule 7: a bill passed is a vote.
    ("Parliament passed the budget bill on Friday.", [("passed", "vote")]),
    ("Time passed slowly in the village.", []),
    # Bans on speech, platforms or assembly are coercion; bans on companies a sanction.
    ("The government banned protests in the capital.", [("banned", "arrest")]),
    ("The regulator banned Gamma Trading from the market.", [("banned", "sanction")]),
    # Seizing power is a coup (other), seizing goods is coercion, seizing a town an attack.
    ("The army seized power in 2021.", [("seized", "other")]),
    ("Customs officers seized a shipment of weapons.", [("seized", "arrest")]),
    ("Rebels seized the town of Ardo.", [("seized", "attack")]),
    # Rule 2: a forecast is a statement, a warning aimed at an opponent a threat.
    ("The agency warned that the death toll could rise.", [("warned", "statement")]),
    ("The minister warned the rebels of severe consequences.", [("warned", "threat")]),
    ("At a briefing in Oslo on Tuesday, the envoy warned of a surge in cholera cases.", [("warned", "statement")]),
    ("The relief agency warned of a spike in casualty numbers.", [("warned", "statement")]),
    ("He vowed to retaliate against the rebels.", [("vowed", "threat")]),
    # Courts: a prison term received is a sentence.
    ("The general received 20 years in prison.", [("received", "arrest")]),
    ("The office received many letters.", []),
    # Resigning from an office is an appointment (rule 10: a CEO stepping down).
    ("The chief executive resigned on Sunday.", [("resigned", "appointment")]),
    ("The chairman stepped down last week.", [("stepped down", "appointment")]),
    # Rule 10: accepting a resignation is the office change itself, no agreement; accepting a plan is one.
    ("President Ana Ruiz on Monday accepted Prime Minister Tomas Vidal's resignation.", [("resignation", "appointment")]),
    ("The rebels accepted the plan on Tuesday.", [("accepted", "agreement")]),
    # Rule 2: a speech that tells of a party's unlawful act blames it (an accusation); a plain report does not.
    ("The rights group said in a statement on Monday that 12 activists had been illegally detained by police.",
     [("said in a statement", "accusation"), ("detained", "arrest")]),
    ("The rights group said on Monday that the eviction of the families was unlawful.", [("said", "accusation")]),
    ("The rights group said on Monday that the families had moved to a new camp.", [("said", "statement")]),
    ("The rebels said the army had moved into the valley in breach of the truce.", [("said", "accusation")]),
    # Courts and regulators: a person charged is coerced (arrest); charges against a company accuse it of a wrong.
    ("Police charged the driver with manslaughter on Monday.", [("charged", "arrest")]),
    ("The regulator has charged the firm with market manipulation.", [("charged", "accusation")]),
    # Rule 10: a lawsuit filed is an accusation.
    ("Acme sued Beta Corp on Monday.", [("sued", "accusation")]),
])
def test_the_content_decides_the_type(text, expected):
    assert types(text) == expected


@pytest.mark.parametrize("text, expected", [
    # Rule 5: declaring or announcing a ceasefire is an agreement; the ceasefire noun is no second event.
    ("The junta announced a temporary ceasefire on Wednesday.", [("announced", "agreement")]),
    # Rule 5 with "cessation of hostilities": announcing one is an agreement, and the noun that is agreed to,
    # announced or discussed is no retreat of its own; taking effect is the retreat.
    ("Both armies announced a cessation of hostilities on Monday.", [("announced", "agreement")]),
    ("The sides agreed to a cessation of hostilities on Monday.", [("agreed", "agreement")]),
    ("A cessation of hostilities took effect on Monday.", [("took effect", "retreat")]),
    # Rule 1: results and figures made public are an announcement; a decision declared too.
    ("The ministry said the death toll had passed 1,400 on Tuesday.", [("said", "announcement")]),
    ("The WHO declared the outbreak a global health emergency on Wednesday.", [("declared", "announcement")]),
    # A dismissal or a new cabinet is an appointment.
    ("The court removed the president from office on Friday.", [("removed", "appointment")]),
    # Rule 6: travel is other.
    ("The minister will travel to Bangkok on Thursday.", [("travel", "other")]),
])
def test_speech_takes_the_type_of_what_it_makes_public(text, expected):
    assert types(text) == expected


def test_a_line_opening_date_stamp_dates_no_event():
    text = "Steel groups sue over blocked deal\nJanuary 7, 2025 - The companies sued the government on Monday."
    (sued,) = [e for e in extract_events(text, datetime.date(2025, 1, 7)) if e["trigger"] == "sued"]
    assert sued["event_date"] == datetime.date(2025, 1, 6) and sued["time_text"] == "Monday"


def test_a_description_inside_reported_speech_keeps_no_date():
    text = "The rebels said on Thursday they accepted the truce proposed by the mediators."
    events = {e["trigger"]: e for e in extract_events(text, PUBLISHED)}
    assert events["accepted"]["event_date"] == datetime.date(2025, 3, 13)
    assert events["proposed"]["date_basis"] == "publication"


def test_a_headline_gives_no_row_of_its_own():
    text = "Rebels Seize Ardo After Night Raid\nRebels seized the town of Ardo on Monday."
    events = extract_events(text, PUBLISHED)
    assert [e["trigger"] for e in events] == ["seized"] and events[0]["evidence"].startswith("Rebels seized the town")


def test_what_is_asked_for_or_promised_is_no_event_of_its_own():
    assert types("The embassy demanded their immediate release on Monday.") == [("demanded", "request")]
    assert types("A video released by the group was widely shared.") == []


def test_aid_is_an_event_when_delivered_not_when_named_in_passing():
    assert types("The agency delivered aid to Herat on Monday.") == [("aid", "aid")]
    assert types("The country grapples with severe cuts to aid.") == []


def test_a_decision_told_in_parts_dates_each_part():
    text = ("The court sentenced Ana Ruiz to 20 years in prison on Thursday.\n"
            "Her deputy, Tomas Vidal, received 12 years.\nVidal had denied the charges for months.")
    events = {e["trigger"]: e for e in extract_events(text, PUBLISHED)}
    assert events["received"]["event_date"] == datetime.date(2025, 3, 13)
    assert events["received"]["event_type"] == "arrest"
    assert events["denied"]["date_basis"] == "publication"  # a pluperfect is no part of the verdict


def test_a_partys_future_commitment_is_a_pledge_spanning_the_promise():
    events = extract_events("Japan will provide relief supplies to the survivors.", PUBLISHED)
    assert [(e["trigger"], e["event_type"], e["modality"]) for e in events] == [("will provide", "pledge", "asserted")]
    (said,) = extract_events("Malaysia said it would send a rescue team on Friday.", PUBLISHED)
    assert (said["trigger"], said["event_type"]) == ("said it would send", "pledge")


def test_a_possessive_date_dates_its_own_noun_not_the_sentences_other_events():
    text = "An aftershock, close to the epicentre of Sunday's earthquake, rattled the area on Tuesday."
    events = {e["trigger"]: e for e in extract_events(text, PUBLISHED)}
    assert events["aftershock"]["time_text"] == "Tuesday"
    assert events["earthquake"]["event_date"] == datetime.date(2025, 3, 9)


def test_a_claim_made_in_a_dated_message_takes_the_messages_day():
    (ev,) = extract_events("The rebels claimed the raid in a video message on Sunday.", PUBLISHED)
    assert (ev["trigger"], ev["event_date"]) == ("claimed", datetime.date(2025, 3, 9))


def test_a_sentence_goes_on_about_the_dated_occasion_only_for_its_parties():
    text = ("The Northern Front seized Ardo on Monday.\nThe Front killed two guards.\n"
            "Norway delivered aid to the region.")
    events = {e["trigger"]: e for e in extract_events(text, PUBLISHED)}
    assert events["killed"]["event_date"] == datetime.date(2025, 3, 10)  # the same party goes on
    assert events["delivered"]["date_basis"] == "publication"  # other people's act: no date of its own


def test_a_date_inside_an_apposition_describes_the_name_not_the_verb():
    text = ("The court sentenced Ana Ruiz on Thursday.\n"
            "Tomas Vidal, her deputy and running mate in 2022, received 12 years.")
    (received,) = [e for e in extract_events(text, PUBLISHED) if e["trigger"] == "received"]
    assert received["event_date"] == datetime.date(2025, 3, 13)


def test_two_defendants_sentences_stay_two_rows():
    text = "The court sentenced the ministers on Thursday. Ana Ruiz received 21 years and Tomas Vidal got 19 years."
    events = extract_distinct(text, PUBLISHED)
    assert [(e["trigger"], e["recipient"]) for e in events if e["trigger"] in ("received", "got")] == [
        ("received", ["Ana Ruiz"]), ("got", ["Tomas Vidal"])]


def test_an_attacks_means_and_toll_are_no_attacks_of_their_own():
    text = "Rebels attacked the convoy with missiles on Monday, killing four soldiers."
    assert [(e["trigger"], e["event_type"]) for e in extract_events(text, PUBLISHED)] == [("attacked", "attack")]


@pytest.mark.parametrize("text, expected", [
    # "What is an event": plain sourcing that only relays a fact already annotated is no event of its own.
    ("The missile hit the tanker Orla on Saturday, the security firm Ambrey said.", [("hit", "attack")]),
    ("Two people are reported missing after the storm.", []),
    ("The BBC also reported that rescue teams were working in Mandalay.", []),  # a news outlet is a source
    # The speaker's own act, or a dated speech, stays a statement beside it.
    ("The Northern Front said on Monday it had agreed to a truce.",
     [("said", "statement"), ("agreed", "agreement")]),
])
def test_plain_sourcing_is_no_event(text, expected):
    assert types(text) == expected


@pytest.mark.parametrize("text, expected", [
    # A natural hazard is one event of type other; its toll and the places it hit are not attacks.
    ("The disaster killed 2,056 people in Myanmar on Monday.", []),
    ("Forty people were killed after the earthquake struck on Friday.", [("earthquake", "other")]),
    ("In Bangkok, the death toll has hit 19.", []),
    ("Gunmen killed 12 people in Khartoum on Tuesday.", [("killed", "attack")]),
    # H2: a place hit by a hazard named with its strength is no attack either; a missile hitting is one.
    ("Kunar is one of several areas hit by the 6.0 magnitude quake on August 31.", [("quake", "other")]),
    ("Towns hit by the powerful 7.7-magnitude earthquake on Friday lay in ruins.", [("earthquake", "other")]),
    ("A missile hit the port on Monday, days after the earthquake.", [("hit", "attack"), ("earthquake", "other")]),
])
def test_a_hazards_toll_is_no_attack(text, expected):
    assert types(text) == expected


@pytest.mark.parametrize("follow_up", [
    "The president appealed for international aid.",
    "The army deployed troops to the villages.",
])
def test_a_hazard_dates_no_act_told_after_it(follow_up):
    # D8: rescue, aid and appeals told after a natural hazard happen on days of their own; the hazard nobody did is
    # no occasion the next sentence goes on about. The story's news is Monday's, read on Friday, so the undated
    # act is not the publication day's news either: the guide's unknown, bounded by the report (dates4).
    events = extract_events("A powerful earthquake struck the valley on Monday. " + follow_up, PUBLISHED)
    quake, act = events
    assert (quake["event_type"], quake["event_date"]) == ("other", datetime.date(2025, 3, 10))
    assert (act["date_basis"], act["event_date"], act["on_or_before"]) == ("publication", None, PUBLISHED)
    (act,) = extract_events(follow_up, PUBLISHED)  # the same act as the day's news keeps its day
    assert (act["date_basis"], act["event_date"]) == ("publication", PUBLISHED)


def test_an_attack_still_dates_the_act_told_after_it():
    # The occasion rule itself stays for acts somebody did: the sentence after an attack goes on about its day.
    events = extract_events("Rebels attacked the town of Ardo on Monday. They seized the bridge.", PUBLISHED)
    assert [(e["trigger"], e["event_date"]) for e in events] == [
        ("attacked", datetime.date(2025, 3, 10)), ("seized", datetime.date(2025, 3, 10))]


def test_an_announced_resignation_is_the_resigners_appointment_event():
    # Rule 10: a CEO stepping down is an appointment; the company that makes it public did not resign.
    text = "Acme chief executive Jane Doe resigned abruptly. The company announced the resignation on Sunday."
    rows = [(e["trigger"], e["event_type"], e["actors"], e["event_date"]) for e in extract_events(text, PUBLISHED)]
    assert ("resignation", "appointment", ["Jane Doe"], datetime.date(2025, 3, 9)) in rows
    assert not [r for r in rows if r[1] == "announcement"]


def test_a_folded_event_keeps_its_first_mention_with_its_own_day():
    # "What is an event": the row uses the mention that carries the time expression; a weekday carries one as
    # much as a calendar date does, so the first of them stands for the event.
    text = ("Acme chief executive Jane Doe resigned after a row with the board. The company announced the "
            "resignation on Sunday. The board accepted the resignation of Jane Doe on 9 March 2025.")
    (row,) = [e for e in extract_distinct(text, PUBLISHED) if e["event_type"] == "appointment"]
    assert row["trigger"] == "resignation" and row["time_text"] == "Sunday" and row["mention_count"] == 3


def test_a_day_inside_a_mentions_week_is_the_same_event():
    # "What is an event": one row per distinct event; "last week's earthquake" and "struck last Friday" are one,
    # and the row keeps the mention that names its day.
    text = ("Rescue teams reached villages days after last week's earthquake. "
            "The earthquake struck last Friday, killing 300 people.")
    rows = [e for e in extract_distinct(text, PUBLISHED) if e["trigger"] == "earthquake"]
    assert [(r["event_date"], r["date_precision"], r["mention_count"]) for r in rows] == [
        (datetime.date(2025, 3, 7), "day", 2)]


def test_the_quake_is_the_earthquake():
    text = ("The quake on March 2 flattened homes in the valley. "
            "Officials said the number of people killed by the powerful earthquake had risen to 40.")
    rows = [e for e in extract_distinct(text, PUBLISHED) if e["event_type"] == "other"]
    assert [(r["trigger"], r["mention_count"]) for r in rows] == [("quake", 2)]


@pytest.mark.parametrize("text, expected", [
    # "What is an event": ranking an event in a series is a generic use, no event of its own.
    ("It is the third strong earthquake in the region since 2015.", []),
    ("This was the deadliest attack on the city in a decade.", []),
    ("The earthquake struck the region on Monday.", [("earthquake", "other")]),
    ("Rebels launched a third attack on the city on Monday.", [("attack", "attack")]),
])
def test_a_ranked_series_is_no_event(text, expected):
    assert types(text) == expected


@pytest.mark.parametrize("text, expected", [
    # An attack's means (also conjoined weapons) and the fire it started are parts of it, no attacks of their own.
    # (Unnamed "officials" are anonymous sources, whose saying is no row: class REAL-ANON.)
    ("Officials said the tanker had been targeted with both drones and rockets.", [("targeted", "attack")]),
    ("The navy said the tanker had been targeted with both drones and rockets.",
     [("said", "statement"), ("targeted", "attack")]),
    ("A shell hit the depot on Monday, starting a fire that burned for hours.", [("hit", "attack")]),
    ("Troops opened fire on the crowd on Monday.", [("opened fire", "attack")]),
])
def test_an_attacks_conjoined_means_and_the_fire_it_started_are_part_of_it(text, expected):
    assert types(text) == expected


def test_a_verb_and_its_noun_name_one_event():
    # One row per distinct event: "proposed" and "their proposal" (and "declared"/"declaration") are one act.
    text = "Mediators proposed a truce on Monday. Their proposal was discussed on Monday by both sides."
    rows = [e for e in extract_distinct(text, PUBLISHED) if e["event_type"] == "request"]
    assert [(r["trigger"], r["mention_count"]) for r in rows] == [("proposed", 2)]


def test_a_person_named_with_and_without_a_title_is_one_party_when_folding():
    text = "Acme CEO Jane Doe resigned on Monday. Jane Doe resigned because of ill health, her lawyer said."
    rows = [e for e in extract_distinct(text, PUBLISHED) if e["event_type"] == "appointment"]
    assert [r["mention_count"] for r in rows] == [2]


def test_a_subhead_gives_no_rows_but_informs_the_body():
    # A short unpunctuated line in sentence case is a subhead: the body tells its events again.
    text = ("The minister spoke to reporters on Monday.\n"
            "Three ministers resign\n"
            "Three ministers resigned on Tuesday over the crackdown.")
    assert [e["trigger"] for e in extract_events(text, PUBLISHED) if e["event_type"] == "appointment"] == ["resigned"]


def test_a_definite_undated_event_noun_folds_into_the_event_told_before():
    # One row per distinct event: "the brief inauguration", with no date or party of its own, is the swearing-in.
    text = ("Ana Ruiz was sworn in as president on Wednesday. She had won the 2024 election by a wide margin. "
            "The brief inauguration was attended by foreign envoys.")
    rows = [e for e in extract_distinct(text, PUBLISHED) if e["event_type"] == "appointment"]
    assert [(r["trigger"], r["mention_count"]) for r in rows] == [("sworn in", 2)]


@pytest.mark.parametrize("text, expected", [
    # "What is an event": titles and names are none; a participle that qualifies an office is part of a title.
    ("Vetland's impeached President Ana Moro was removed from office on Friday.",
     [("removed from office", "appointment")]),
    ("The country stays divided by impeached former President Ana Moro.", []),
    ("Ousted Prime Minister Ana Moro met Rui Costa on Friday.", [("met", "meeting")]),
    # The act told as a verb stays an event, and so does a verb before a title.
    ("Ana Moro was impeached by the parliament on March 3.", [("impeached", "vote")]),
    ("Protesters stormed and ransacked President Moro's house on Tuesday.", [("ransacked", "attack")]),
    ("Rebels kidnapped President Moro's aide on Tuesday.", [("kidnapped", "arrest")]),
])
def test_a_participle_in_a_title_is_no_event(text, expected):
    assert types(text) == expected


@pytest.mark.parametrize("text, expected", [
    # "What is an event": generic or habitual uses are none; an adverb of frequency makes the verb a habit.
    ("Moro frequently visits the Yasukuni Shrine.", []),
    ("The council regularly meets in Geneva.", []),
    ("Acme, which has always denied any wrongdoing, will appeal.", [("appeal", "request")]),
    # One occasion stays an event, also one of a series the text pins down.
    ("Moro visited the shrine on Friday.", [("visited", "other")]),
    ("Acme denied any wrongdoing on Friday.", [("denied", "statement")]),
    ("Ana Moro has repeatedly stressed, most recently this week, that peace is near.", [("stressed", "statement")]),
])
def test_a_habit_is_no_event(text, expected):
    assert types(text) == expected


@pytest.mark.parametrize("text, expected", [
    # "What is an event": background states are none; a participle before a noun names a state of the thing.
    ("The army demanded the group's withdrawal from occupied cities on Monday.",
     [("demanded", "request")]),  # the withdrawal asked for is no row either (class P3-N7)
    ("Violations along their closed and heavily militarized border surged.", []),
    # The act told as a verb stays an event.
    ("Rebels occupied three cities on Monday.", [("occupied", "attack")]),
    ("The border was closed on Monday.", [("closed", "other")]),
])
def test_a_participle_before_a_noun_is_a_state_not_an_event(text, expected):
    assert types(text) == expected


@pytest.mark.parametrize("text, expected", [
    # B3: "groups fighting the military" names the groups by their war, a background state; their act is the verb.
    ("Rebel groups fighting the military declared a ceasefire on Monday.", [("declared", "agreement")]),
    ("Armed militias fighting the army agreed to a truce on Monday.", [("agreed", "agreement")]),
    # Fighting told as what a party does, or as what broke out, stays an attack.
    ("The Houthis have been fighting a Saudi-led coalition since 2015.", [("fighting", "attack")]),
    ("Fighting broke out in Ardo on Monday.", [("Fighting", "attack")]),
])
def test_groups_named_by_their_war_are_no_attack(text, expected):
    assert types(text) == expected


@pytest.mark.parametrize("text, expected", [
    # The request type is a call on someone to act: the act asked for is no event of its own.
    ("The embassy urged the rebels to release the crew on Monday.", [("urged", "request")]),
    ("The union called for Moro to step down on Monday.", [("called for", "request")]),
    ("The firm has requested the regulator to lift the curbs.", [("requested", "request")]),
    # An act agreed to, or one done after the request, stays an event.
    ("The rebels agreed to release the crew on Monday.", [("agreed", "agreement"), ("release", "retreat")]),
    ("Moro asked for aid and flew to Rome to meet the pope.", [("asked for", "request"), ("meet", "meeting")]),
])
def test_the_act_a_request_asks_for_is_no_event(text, expected):
    assert types(text) == expected


@pytest.mark.parametrize("text, expected", [
    # O1: appointment covers being dismissed from an office: its holder removed, sacked, fired or dismissed.
    ("Parliament removed the prime minister on Friday.", [("removed", "appointment")]),
    ("The president sacked the defence minister on Monday.", [("sacked", "appointment")]),
    ("The president dismissed the army chief on Monday.", [("dismissed", "appointment")]),
    ("The board fired its chief executive on Monday.", [("fired", "appointment")]),
    # The same verbs with no office holder keep their other senses.
    ("Police fired live bullets at the crowd on Monday.", [("fired", "attack")]),
    ("Troops fired at the minister's convoy on Monday.", [("fired", "attack")]),
    ("The ministry dismissed the claims on Monday.", [("dismissed", "rejection")]),
    ("Workers removed the rubble on Monday.", []),
])
def test_an_office_holder_removed_or_fired_is_an_appointment(text, expected):
    assert types(text) == expected


@pytest.mark.parametrize("text, expected", [
    # H3: an outbreak's toll is no attack, like a natural hazard's: the outbreak is the event (other).
    ("An outbreak of Ebola killed 12 people in the province on Monday.", [("outbreak", "other")]),
    ("Twelve people were killed by the cholera outbreak on Monday.", [("outbreak", "other")]),
    ("Gunmen killed 12 people in the province on Monday.", [("killed", "attack")]),
])
def test_an_outbreaks_toll_is_no_attack(text, expected):
    assert types(text) == expected


@pytest.mark.parametrize("text, expected", [
    # C1: "an appeals court" names a court; the conviction it upheld is the row. An appeal for calm is a request.
    ("An appeals court upheld the conviction of Moro on Monday.", [("conviction", "arrest")]),
    ("The family made an appeal for calm on Monday.", [("appeal", "request")]),
])
def test_an_appeals_court_is_no_request(text, expected):
    assert types(text) == expected


@pytest.mark.parametrize("text, expected", [
    # O2: taking over as an office holder is an appointment; taking over a city stays an attack.
    ("Jane Doe took over as chief executive of Acme on Monday.", [("took over as", "appointment")]),
    ("Jane Doe will take over as chief executive in April.", [("take over as", "appointment")]),
    ("Rebels took over the city of Ardo on Monday.", [("took over", "attack")]),
    # C2: found guilty is a conviction (arrest); guilty in a charge's wording is not.
    ("The court found Moro guilty of corruption on Monday.", [("guilty", "arrest")]),
    ("Moro was found guilty of fraud on Monday.", [("guilty", "arrest")]),
    ("Moro says he is not guilty of anything.", [("says", "statement")]),
    # H4: a storm's landfall and a volcano's eruption are hazards (other); protests that erupted are no hazard.
    ("A tropical storm made landfall near Ardo on Monday.", [("landfall", "other")]),
    ("The volcano erupted on Monday.", [("erupted", "other")]),
    ("Protests erupted in Ardo on Monday.", [("Protests", "protest")]),
])
def test_office_takeovers_convictions_and_hazards_of_the_guide(text, expected):
    assert types(text) == expected


@pytest.mark.parametrize("text, expected", [
    # N1, rule 10: a board, company or body naming a person to an office is an appointment.
    ("The board named Jane Doe its new chief executive.", [("named", "appointment", ["board"])]),
    ("The company named Omar Haddad as chief financial officer on Monday.",
     [("named", "appointment", ["company"])]),
    ("The party named Tom Ruiz the new leader of its parliamentary group.", [("named", "appointment", ["party"])]),
    # A name given to someone or something is no appointment.
    ("A man named Peter Vance was arrested at the border.", [("arrested", "arrest", [])]),
    ("The police found a dog named Rex near the river.", []),
])
def test_a_body_naming_a_person_to_an_office_is_an_appointment(text, expected):
    found = [(e["trigger"], e["event_type"], e["actors"]) for e in extract_events(text, PUBLISHED)]
    assert found == expected


@pytest.mark.parametrize("text, expected", [
    # Class S-ADJ (rules 2 and 3): the announced event replaces the speech act across its adjectives too.
    ("The two governments announced a mutual agreement on Saturday.", [("agreement", "agreement")]),
    ("The chief executive announced his sudden resignation on Sunday.", [("resignation", "appointment")]),
    # A speech followed by a clause, not by the event noun as its object, stays a speech act.
    ("The minister announced on Saturday that the plant would close.", [("announced", "announcement")]),
])
def test_an_announced_event_with_adjectives_replaces_the_speech(text, expected):
    assert types(text) == expected


@pytest.mark.parametrize("text, expected", [
    # Class A-OWN (rule 1): the speaker's own plan or process made public is an announcement ...
    ("The carmaker said its process to appoint a new chief is well under way.",
     [("said", "announcement"), ("appoint", "appointment")]),
    ("The ministry said their plans for the summit were final.", [("said", "announcement"), ("summit", "meeting")]),
    # ... a plan or process only described is an assessment: a statement.
    ("The envoy said the concept of a joint plan is one of its main elements.", [("said", "statement")]),
    ("The minister said the peace process was driven by the president.", [("said", "statement")]),
    # A decision or schedule made public stays an announcement whoever's it is.
    ("The ministry said on Monday the summit was postponed.", [("said", "announcement"), ("summit", "meeting")]),
])
def test_a_plan_made_public_is_an_announcement_only_when_it_is_the_speakers(text, expected):
    assert types(text) == expected


@pytest.mark.parametrize("text, expected", [
    # CROWD: a crowd of protesters or supporters cheering, weeping, chanting or gathering is a demonstration.
    ("Supporters of the senator cheered outside the courthouse on Tuesday.", [("cheered", "protest", ["Supporters"])]),
    ("Protesters near the ministry erupted into applause when the ruling was read on Thursday.",
     [("erupted", "protest", ["Protesters"])]),
    ("Protesters gathered outside parliament on Monday.", [("gathered", "protest", ["Protesters"])]),
    # One person's tears, fans or officials gathering and a volcano erupting are no demonstration.
    ("The minister wept as she left the building.", []),
    ("Supporters of the club gathered at the stadium on Saturday.", []),
    ("Officials gathered evidence on Monday.", []),
    ("A volcano erupted on Monday.", [("erupted", "other", [])]),
])
def test_a_crowds_behaviour_at_a_demonstration_is_a_protest(text, expected):
    found = [(e["trigger"], e["event_type"], e["actors"]) for e in extract_events(text, PUBLISHED)]
    assert found == expected


def test_the_crowds_reactions_in_one_clause_are_one_protest():
    events = extract_events("Outside the court, hundreds of demonstrators chanted and danced on Tuesday.", PUBLISHED)
    assert [(e["event_type"], e["event_date"]) for e in events] == [("protest", datetime.date(2025, 3, 11))]


@pytest.mark.parametrize("text, expected", [
    # MARKET, rule 10: a market's move told by its comparative ("opened 1.5 percent higher") is other.
    ("The benchmark index opened 1.5 percent higher on Tuesday.", [("higher", "other")]),
    ("Shares of Acme closed 3 percent lower on Wednesday.", [("lower", "other")]),
    # A comparative with no market moving is no event.
    ("The central bank will lower interest rates.", []),
    ("Costs were higher than expected, the company said.", [("said", "statement")]),
    ("The index is higher than a year ago.", []),
])
def test_a_market_move_told_by_a_comparative_is_other(text, expected):
    assert types(text) == expected


def rows(text: str) -> list[tuple[str, str, list[str]]]:
    """(type, modality, agents) of each event of a text."""
    return [(e["event_type"], e["modality"], e["actors"]) for e in extract_events(text, PUBLISHED)]


@pytest.mark.parametrize("text, expected", [
    # Q-PLEDGE, rules 2 and 4: the speaker's own promise quoted is the speaker's pledge, and no statement beside it.
    ("“We will rebuild every school,” the governor said on Tuesday.", [("pledge", "asserted", ["governor"])]),
    ("Mayor Ana Costa said: “We’ll reopen the bridge within a week.”", [("pledge", "asserted", ["Ana Costa"])]),
    # Q-BLAME, rule 2: a quotation naming a party the perpetrators of crimes is the speaker's accusation.
    ("“These are war crimes,” Foreign Minister Ivan Petrov said on Monday.",
     [("accusation", "asserted", ["Ivan Petrov"])]),
    # Both in one quotation: two rows, each the speaker's.
    ("“Those officers are the perpetrators of these crimes and we will bring them to justice,” said Maria Lopez, "
     "head of the bar association, on Monday.",
     [("pledge", "asserted", ["Maria Lopez"]), ("accusation", "asserted", ["Maria Lopez"])]),
    # A future that promises no act, or a promise outside the speech's quotation, leaves the statement.
    ("“We will absolutely not be intimidated,” the leader said on Tuesday.", [("statement", "asserted", ["leader"])]),
    ("“We will see what happens,” the minister said.", [("statement", "asserted", ["minister"])]),
    ("“The cuts are painful,” said Maria Lopez. \"We will cut costs.\"", [("statement", "asserted", ["Maria Lopez"])]),
])
def test_quoted_speech_takes_the_type_of_its_content(text, expected):
    assert rows(text) == expected


def test_a_quoted_promise_takes_the_day_of_its_speech():
    events = extract_events("“We will rebuild every school,” the governor said on Tuesday.", PUBLISHED)
    assert [(e["trigger"], e["event_date"]) for e in events] == [("We will rebuild", datetime.date(2025, 3, 11))]


def test_a_quoted_prediction_is_no_pledge():
    assert rows("“We will win,” said Lena Ortiz on Monday.") == [("statement", "asserted", ["Lena Ortiz"])]


@pytest.mark.parametrize("text, expected", [
    # Protest: people taking to the streets demonstrate.
    ("Thousands of people took to the streets on Sunday.", [("took to the streets", "protest")]),
    # Rejection: a court voiding a result or a law, as "struck down" and "overturned" do.
    ("The court annulled the election results on Friday.", [("annulled", "rejection")]),
    # CHAMBER-OUST, rule 7: an office holder ousted by a parliament is its vote; ousted by an army a dismissal.
    ("The parliament ousted the prime minister on Monday.", [("ousted", "vote")]),
    ("Two premiers were ousted by the legislative chamber.", [("ousted", "vote")]),
    ("The army ousted the president on Monday.", [("ousted", "appointment")]),
    # CALLED-AS, rule 1: calling a thing a name is an assessment (statement); calling a meeting or a name is not.
    ("Senator Ana Ruiz called the ruling a disgrace on Monday.", [("called", "statement")]),
    ("The virus, formerly called monkeypox, spread on Monday.", []),
    ("She called it a day on Monday.", []),
    ("The agency called a meeting of experts on Monday.", [("meeting", "meeting")]),
])
def test_politics_and_law_acts_of_the_guide(text, expected):
    assert types(text) == expected


@pytest.mark.parametrize("text, expected", [
    # E-VOTERS: a popular election or a referendum that names no agent is the electorate's.
    ("A snap presidential election will be held on June 3.", [("election", "vote", ["voters"])]),
    ("The referendum took place on Sunday.", [("referendum", "vote", ["voters"])]),
    # A bare election may be a body's own: no voters made up.
    ("After a long election on Monday, the board named Ana Ruiz its chair.",
     [("election", "vote", []), ("named", "appointment", ["board"])]),
])
def test_a_popular_vote_with_no_agent_is_the_electorates(text, expected):
    found = [(e["trigger"], e["event_type"], e["actors"]) for e in extract_events(text, PUBLISHED)]
    assert found == expected


def test_an_act_told_as_the_means_is_no_object_of_the_verb_before_it():
    # "by consulting the unions" is how the compromise was sought: the consultations are a meeting of their own.
    assert types("The minister sought a compromise by consulting the unions on Monday.") == [
        ("sought", "request"), ("consulting", "meeting")]
    # What is demanded stays the demand's object, no event of its own.
    assert types("The rebels demanded the release of prisoners on Monday.") == [("demanded", "request")]


@pytest.mark.parametrize("text, expected", [
    # A quoted promise of force against an opponent is a threat (rule 2), as "vowed to retaliate" is.
    ("“We will punish the attackers,” President Ana Ruiz said on Monday.", [("threat", "asserted", ["Ana Ruiz"])]),
    # A promised act of a type of its own is that act, told as future, beside the statement.
    ("“I will resign tomorrow,” the minister said on Monday.",
     [("appointment", "future", []), ("statement", "asserted", ["minister"])]),
])
def test_a_quoted_promise_of_force_or_of_a_typed_act_is_no_pledge(text, expected):
    assert rows(text) == expected
