"""Words that name no event of their own, or another type than their form suggests, under the guide ("What is an
event", its types, rule 2), on sentences we wrote."""

import datetime

from transforms.events import extract_distinct

PUBLISHED = datetime.date(2026, 3, 6)  # a Friday


def _types(text: str) -> list[str]:
    """The event types of a text's folded rows, in text order."""
    return [e["event_type"] for e in extract_distinct(text, PUBLISHED)]


def test_the_act_an_accusation_blames_is_no_row_of_its_own():
    """Class P3-N1: "accused the militia of kidnapping" is one accusation; the kidnapping is its content."""
    assert _types("The ministry accused the militia of kidnapping two aid workers on Sunday.") == ["accusation"]
    assert _types("Officials accused the army of shelling the village.") == ["accusation"]


def test_the_same_act_told_as_done_is_an_event():
    """Class P3-N1 drops only the accused act: a kidnapping told as done is an arrest row."""
    assert _types("The militia kidnapped two aid workers on Sunday.") == ["arrest"]


def _triggers(text: str) -> list[str]:
    """The triggers of a text's folded rows, lowercased, in text order."""
    return [e["trigger"].lower() for e in extract_distinct(text, PUBLISHED)]


def test_rescue_naming_a_team_or_an_effort_is_no_event():
    """Class P3-N2: "a rescue force", "rescue and medical teams", "rescue and relief efforts" name people or
    efforts, not a rescue that took place."""
    assert "rescue" not in _triggers("A civilian rescue force left the port at dawn on Sunday.")
    assert "rescue" not in _triggers("Rescue and medical teams are working in the city.")
    assert "rescue" not in _triggers("Landslides are hampering rescue and relief efforts.")


def test_a_rescue_that_took_place_is_an_event():
    """Class P3-N2 keeps the rescue itself, as a verb or as a noun with its object."""
    assert _triggers("Coast guards rescued 12 fishermen on Sunday.") == ["rescued"]
    assert _triggers("The rescue of the miners took two days.") == ["rescue"]


def _rows(text: str) -> list[tuple[str, str, datetime.date | None]]:
    """(type, trigger, date) of a text's folded rows, in text order."""
    return [(e["event_type"], e["trigger"], e["event_date"]) for e in extract_distinct(text, PUBLISHED)]


def test_an_announcer_announcing_its_own_act_gives_the_act_only():
    """Class P3-N3: "announced on Monday it had released" is the militia's release, dated by the
    announcement; no second row for the announcement, nor for "the announcement" referring back to it."""
    monday = datetime.date(2026, 3, 2)
    assert _rows("The militia announced on Monday it had released 40 prisoners.") == [
        ("retreat", "released", monday)]
    rows = _rows("The army announced on Monday that it had withdrawn from the town. "
                 "Residents welcomed the announcement.")
    assert [r[0] for r in rows] == ["retreat", "statement"] and rows[0][2] == monday


def test_an_announcement_of_another_partys_act_is_its_own_row():
    """Class P3-N3 keeps the guide's rule 3: announcing another party's act is an announcement, and the act
    gets its own row."""
    assert [r[0] for r in _rows("The ministry announced on Monday that the rebels had released 40 prisoners.")] == [
        "announcement", "retreat"]


def test_a_speaker_saying_it_will_act_gives_the_commitment_only():
    """Class P3-N5 (guide rules 3 and 4): "said on Wednesday that it will contribute" is the company's pledge,
    dated by the speech; no statement row beside it."""
    assert _rows("The company said on Wednesday that it will contribute 5 million dollars to the relief fund.") == [
        ("pledge", "will contribute", datetime.date(2026, 3, 4))]


def test_a_speaker_telling_a_past_act_or_another_partys_commitment_keeps_its_statement():
    """Class P3-N5 is for the speaker's own commitment only: "said it had agreed" and "said the rebels would
    release" keep the statement beside the act."""
    assert [r[0] for r in _rows("The company said on Wednesday that it had agreed to the merger.")] == [
        "statement", "agreement"]
    assert [r[0] for r in _rows("The ministry said on Wednesday that the rebels would release the hostages.")] == [
        "statement", "pledge"]


def test_a_toll_that_claimed_lives_is_no_statement():
    """Class P3-N6: "the floods claimed at least 40 lives" counts a toll, nobody spoke: the floods are the row."""
    assert _rows("The floods claimed at least 40 lives in the north on Sunday.") == [
        ("other", "floods", datetime.date(2026, 3, 1))]


def test_a_claim_made_by_a_speaker_stays_a_statement():
    """Class P3-N6 keeps claims that someone makes."""
    assert [r[:2] for r in _rows("The rebels claimed responsibility for the bombing on Sunday.")] == [
        ("statement", "claimed responsibility")]
    rows = [r[:2] for r in _rows("The ministry claimed on Sunday that the vote was rigged.")]
    assert ("statement", "claimed") in rows


def test_a_weapon_launched_is_an_attack_and_a_product_launched_is_other():
    """Class P3-T1: "a missile that was launched towards the port" is fired (attack); a phone launched is other."""
    rows = [r[:2] for r in _rows("A ballistic missile that was launched towards the port on Sunday hit a fuel depot.")]
    assert ("attack", "launched") in rows and ("other", "launched") not in rows
    assert [r[:2] for r in _rows("The company launched a new phone on Monday.")] == [("other", "launched")]


def test_a_weapon_launched_as_the_means_of_a_named_attack_is_no_second_row():
    """Class P3-T1: "came under fire from grenades launched from small boats" is one attack, the fire."""
    assert [r[:2] for r in _rows("The ship came under fire on Monday from grenades launched from small boats.")] == [
        ("attack", "came under fire")]


def test_a_withdrawal_demanded_is_no_retreat():
    """Class P3-N7 (R1 with an owner before the noun): "demanded the militia's withdrawal" is the demand only; a
    withdrawal told as done stays a retreat."""
    assert [r[:2] for r in _rows("The government demanded the militia's withdrawal from the city on Monday.")] == [
        ("request", "demanded")]
    assert [r[:2] for r in _rows("The militia completed its withdrawal from the city on Monday.")] == [
        ("retreat", "withdrawal")]


def test_accepting_a_ruling_or_advice_is_no_agreement():
    """Class P3-N8: accepting a ruling or advice agrees to no deal, ceasefire, plan or proposal; accepting a
    proposal stays an agreement."""
    assert "agreement" not in _types("The opposition accepted the court's ruling on Monday.")
    assert "agreement" not in _types("The minister said on Monday he had accepted the panel's advice.")
    assert ("agreement", "accepted") in [r[:2] for r in _rows("The rebels accepted the ceasefire proposal on Monday.")]


def test_aid_that_is_only_pledged_is_the_pledge_not_aid():
    """Class P4-N1 (guide rule 4): aid promised is the pledge's content; aid delivered stays an aid row."""
    assert "aid" not in _types("The government pledged emergency aid to the region on Monday.")
    assert "aid" not in _types("As of Monday no aid had been pledged by the neighbouring states.")
    assert "aid" in _types("The agency delivered aid to the region on Monday.")


def test_in_power_is_an_event_only_with_the_start_of_the_tenure():
    """Class P4-N2: "in power since 2019" dates a tenure's start (an appointment); "remain in power" with no start
    is a background state, no event."""
    assert "appointment" not in _types("It is not acceptable for me to remain in power without answers, she said.")
    assert ("appointment", "in power") in [r[:2] for r in _rows("Ortiz, who has been in power since 2019, spoke.")]


def test_an_act_a_speaker_denies_is_no_row_of_its_own():
    """Class P4-N3: "denied shooting at the convoy" is the denial's content, not an attack told as done; the same
    shooting told as done stays an attack."""
    assert "attack" not in _types("The army denied shooting at the aid convoy on Monday.")
    assert "attack" in _types("Soldiers fired at the aid convoy on Monday.")


def test_a_press_release_is_no_release_of_prisoners():
    """Class P4-N4: "press releases" (and the misspelt "a press released") are documents, no retreat; prisoners
    released stay a retreat."""
    assert "retreat" not in _types("Acme issued two press releases on Monday about its results.")
    assert "retreat" not in _types("The board accepted her resignation, according to a press released on Monday.")
    assert "retreat" in _types("The rebels released 20 hostages on Monday.")


def test_a_question_put_to_someone_is_no_request():
    """Class P4-N5: "when asked about the talks" and "asked whether" put a question, calling on no one to act; "asked
    for international help" stays a request."""
    assert "request" not in _types("When asked about the talks on Monday, the minister declined to comment.")
    assert "request" not in _types("Reporters asked whether the border would reopen on Monday.")
    assert "request" in _types("The general asked for international help on Monday.")


def test_a_prize_nomination_is_no_appointment():
    """Class P4-T1: nominating someone for a prize fills no office, so it is `other`; a nomination to an office
    stays an appointment."""
    assert [r[:2] for r in _rows("The president nominated the two leaders for the Nobel Peace Prize on Monday.")] == [
        ("other", "nominated")]
    assert ("appointment", "nominated") in [r[:2] for r in _rows("The president nominated Lena Ortiz as defence "
                                                                  "minister on Monday.")]


def test_a_count_reported_is_an_announcement():
    """Class P4-T2 (guide rules 1 and 10: figures made public): "the latest count ... was reported by the
    authorities" makes a figure public, like a toll; "said the count had been checked" is an assessment."""
    assert _types("The latest count is 2,200, which was reported by the health ministry on Monday.") == [
        "announcement"]
    assert _types("The premier said on Monday the count had been checked by observers.") == ["statement"]


def test_sanctions_held_out_as_an_option_are_a_threat():
    """Class P4-T3: sanctions an actor will "consider" among its options are threatened, not imposed; sanctions
    imposed stay a sanction."""
    types = _types("The ministers said on Monday they would consider all options, including financial sanctions.")
    assert "threat" in types and "sanction" not in types
    assert "sanction" in _types("The ministers imposed financial sanctions on the firm on Monday.")


def test_a_price_per_share_a_buyer_will_pay_is_the_acquisition_agreed():
    """Class P4-T4 (guide rule 10): "will pay 40 dollars per share" gives the deal's terms, an agreement; a party
    that will pay for something else still pledges."""
    assert [r[:2] for r in _rows("Acme said on Monday that it will pay 40 dollars per share in cash for Beta.")] == [
        ("agreement", "will pay")]
    assert "pledge" in _types("Japan will pay for the rebuilding of the bridge, the minister said on Monday.")


def test_an_act_a_party_is_ready_or_open_to_do_is_no_row_of_its_own():
    """Class N-INT: "looks forward to starting talks", "is open to negotiations", "expressed its readiness to
    ... begin discussions": the act is the content of the party's statement or pledge (guide rule 2)."""
    assert "talks" not in _triggers("The union said on Monday it looks forward to starting talks with the firm.")
    assert "negotiations" not in _triggers("The rebels agreed to the plan on Monday and are open to negotiations.")
    assert "discussions" not in _triggers(
        "In a statement, the party expressed its readiness to sign the accord and begin formal discussions.")
    assert "discussions" not in _triggers("The ministry is willing to hold discussions with the unions.")


def test_talks_held_or_planned_without_a_stance_are_events():
    """Class N-INT drops only the act under a stance: talks held, or set for a day, stay rows."""
    assert "talks" in _triggers("The union began talks with the firm on Monday.")
    assert "discussions" in _triggers("The two sides will hold discussions in Geneva next week.")
    assert "held talks" in _triggers("Ready for a deal, the two sides held talks on Monday.")


def test_a_deal_named_with_the_is_no_agreement_of_its_own():
    """Class D-DEAL: "the deal", "the embattled acquisition" name a deal told before or known; the agreeing is
    told by a verb (guide rules 5 and 10), so the noun alone gives no agreement row."""
    assert _types("The deal is expected to close in the first half of next year.") == []
    assert "agreement" not in _types("The firms asked a judge to speed up the review of the embattled merger.")
    assert "acquisition" not in _triggers("The regulator barred the company from completing the acquisition.")


def test_a_deal_agreed_or_struck_is_an_agreement():
    """Class D-DEAL keeps the agreeing: a verb of agreeing, a deal struck, and an indefinite deal told as new."""
    assert _types("The two firms agreed on Monday to merge.") == ["agreement"]
    assert _types("The rivals struck a deal on Tuesday.") == ["agreement"]
    assert _types("The two companies signed the deal on Monday.") == ["agreement"]


def test_in_protest_over_gives_a_motive_not_a_protest():
    """Class P-MOT: "resigned in protest over the law" is one resignation; "in protest" tells why."""
    assert _types("The minister resigned on Monday in protest over the new law.") == ["appointment"]
    assert _types("The group has attacked ships for a year in protest at the war.") == ["attack"]


def test_a_protest_told_as_held_is_a_protest():
    """Class P-MOT keeps protests held: a protest staged, or people marching in protest."""
    assert _types("Thousands of workers staged a protest in the capital on Monday.") == ["protest"]
    assert _types("Students marched in protest on Monday.") == ["protest"]


def test_an_attribution_to_an_unnamed_speaker_beside_the_fact_it_reports_is_no_row():
    """Class SRC-U (guide: plain sourcing attributions are no events): "X accepted the resignation, the palace
    said" is the acceptance only, even when the speaker is no party the extractor names."""
    assert _types("The king accepted the resignation of the prime minister, the palace said.") == ["appointment"]


def test_an_unnamed_speakers_own_remarks_or_dated_speech_stay_statements():
    """Class SRC-U keeps a speech with nothing else told beside it, and a speech dated to its own day."""
    assert _types("The plan is fair and balanced, the palace said.") == ["statement"]
    assert _types("The king accepted the resignation of the prime minister, the palace said on Monday.") == [
        "appointment", "statement"]


def test_an_analysts_comment_is_no_statement():
    """Guide, What is an event: analysts' commentary is no event, however the analyst is introduced."""
    assert _types("\"Margins will stay thin,\" said Ines Rocha, an analyst at Banco Azul.") == []
    assert _types("Ines Rocha, a senior retail analyst with Banco Azul, said margins would stay thin.") == []


def test_a_named_officials_comment_is_a_statement():
    assert _types("\"Margins will stay thin,\" said Ines Rocha, the chief executive of Banco Azul.") == ["statement"]
