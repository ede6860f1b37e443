"""The extractor's parts on text written for these tests: sentences, quantities, places, actors, modality, lexicon."""

from __future__ import annotations

from transforms.events.actors import find_entities
from transforms.events.modality import modality
from transforms.events.places import resolve_place
from transforms.events.quantities import find_quantities
from transforms.events.sentences import split_sentences
from transforms.events.tokens import in_quotation, quote_marks, tokenize


def test_sentences_keep_offsets_and_skip_abbreviations():
    text = "Gen. Ruiz met Mr. Obi in the U.S. capital. They spoke for an hour!\n\nA second paragraph."
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "Gen. Ruiz met Mr. Obi in the U.S. capital.",
        "They spoke for an hour!",
        "A second paragraph.",
    ]
    for s in sents:
        assert text[s.start : s.end] == s.text
    assert sents[0].paragraph == sents[1].paragraph < sents[2].paragraph


def test_only_the_word_before_a_full_stop_decides_an_abbreviation():
    text = "Talks resumed at the headquarters.approx. They ended. (Co. Talks followed.) Hellooo.U.S. Then rain."
    # "headquarters.approx" and "Hellooo.U.S" are long words, not the abbreviations they end with.
    assert [s.text for s in split_sentences(text)] == [
        "Talks resumed at the headquarters.approx.", "They ended.", "(Co. Talks followed.)", "Hellooo.U.S.", "Then rain."]


def test_a_paragraph_break_inside_a_sentence_does_not_split_it():
    (one,) = split_sentences("The envoy gave an interview\n\non Monday evening.")
    assert one.text.endswith("Monday evening.")


def test_a_list_item_after_a_full_stop_and_a_newline_is_a_sentence_of_its_own():
    text = "The crew was taken ashore.\n- In May 2024, a drone struck the tanker Orla.\n* Another item.\n"
    assert [s.text for s in split_sentences(text)] == [
        "The crew was taken ashore.", "- In May 2024, a drone struck the tanker Orla.", "* Another item."]


def test_a_list_items_date_does_not_date_the_item_before_it():
    import datetime
    from transforms.events import extract_events
    text = "The tanker Orla sank after the strike.\nIts crew was evacuated by the navy.\n- In May 2024, a drone struck a ferry."
    (evacuation,) = [e for e in extract_events(text, datetime.date(2026, 3, 13)) if e["trigger"] == "evacuated"]
    assert evacuation["event_date"] != datetime.date(2024, 5, 1)


def quantities(text: str) -> list[str]:
    """The quantity strings of a text."""
    return [q[2] for q in find_quantities(tokenize(text), text, set())]


def test_quantities_need_a_unit():
    assert quantities("Officials counted more than 3,400 ballots and 12 percent turnout.") == [
        "more than 3,400 ballots", "12 percent"]
    assert quantities("The fund holds €2.5 billion.") == ["€2.5 billion"]
    assert quantities("It happened in 2019.") == []
    assert quantities("Nine ministers attended.") == ["Nine ministers"]


def test_places_resolve_cities_countries_and_regions():
    lagos = resolve_place("Lagos")
    assert (lagos.country, lagos.precision) == ("NGA", "city") and lagos.geonameid
    assert resolve_place("Washington").precision == "city"  # the capital, not the state
    chile = resolve_place("Chile")
    assert (chile.country, chile.precision) == ("CHL", "country") and chile.lat is not None
    assert resolve_place("West Bank").precision == "region"
    assert resolve_place("Atlantis Prime") is None


def test_entities_strip_titles_and_map_demonyms():
    toks = tokenize("Brazilian Foreign Minister Ana Lobo met the Peruvian envoy.")
    names = {(e.name, e.code) for e in find_entities(toks, 0, len(toks))}
    assert ("Ana Lobo", "BRA") in names
    assert ("Peruvian envoy", "PER") in names  # a nationality and its institution


def test_modality_reads_the_auxiliary_chain():
    def mod(text: str, word: str, noun: bool = False) -> str:
        toks = tokenize(text)
        i = next(k for k, t in enumerate(toks) if t.lower == word)
        return modality(toks, i, noun, 0, len(toks))

    assert mod("The talks were held.", "talks", True) == "asserted"
    assert mod("They will not sign the pact.", "sign") == "negated"
    assert mod("They might sign the pact.", "sign") == "hypothetical"
    assert mod("They are expected to sign the pact.", "sign") == "future"
    assert mod("The planned summit will open in May.", "summit", True) == "future"
    assert mod("A planned summit was cancelled.", "summit", True) == "negated"
    assert mod("The cabinet decided to ban the rally.", "ban") == "asserted"
    assert mod("The strike was to begin at dawn, causing them to sink.", "sink") == "asserted"
    assert mod("The union would push for a ceasefire.", "ceasefire", True) == "hypothetical"
    assert mod("There was no official response from the ministry.", "response", True) == "negated"


def test_a_full_stop_that_lost_its_space_still_ends_the_sentence():
    from transforms.events.sentences import split_sentences
    from transforms.events.tokens import tokenize

    text = "The court upheld the decision.Yoon Suk Yeol was removed by the U.S. panel on Jan.5 after 3.5 hours."
    assert [t.text for t in tokenize(text)][4:8] == ["decision", ".", "Yoon", "Suk"]
    assert [s.text for s in split_sentences(text)] == [
        "The court upheld the decision.", "Yoon Suk Yeol was removed by the U.S. panel on Jan.5 after 3.5 hours."]


def test_a_lost_space_boundary_keeps_its_offsets_and_needs_two_lower_case_letters_before():
    from transforms.events.sentences import split_sentences

    text = "Talks ended.Leaders left. The U.S.Army stayed. It rained.\nNew line."
    got = [(s.start, s.end, s.text) for s in split_sentences(text)]
    assert got == [(0, 12, "Talks ended."), (12, 25, "Leaders left."), (26, 46, "The U.S.Army stayed."),
                   (47, 57, "It rained."), (58, 67, "New line.")]


def test_a_closing_quote_that_lost_its_space_still_ends_the_sentence():
    from transforms.events.sentences import split_sentences

    text = "The judges called it a 'grave mistake.'The chief judge spoke. He said \"no.\"'Fine' was the reply."
    assert [s.text for s in split_sentences(text)] == [
        "The judges called it a 'grave mistake.'", "The chief judge spoke.", "He said \"no.\"'Fine' was the reply."]


def test_a_sentence_may_open_with_typewriter_quotes():
    from transforms.events.sentences import split_sentences

    text = "They met last week. ``We are back,'' Adams said Sunday."
    assert [s.text for s in split_sentences(text)] == ["They met last week.", "``We are back,'' Adams said Sunday."]


def test_a_toll_belongs_to_the_attack_not_to_the_speech_reporting_it():
    import datetime

    from transforms.events import extract_events

    text = "Gunmen attacked a market in Khartoum on Tuesday, killing 12 people, police said."
    quantities = {e["trigger"]: e["quantities"] for e in extract_events(text, datetime.date(2026, 3, 5))}
    assert quantities == {"attacked": ["12 people"]}  # "police said" only relays the attack: no event of its own


def test_extraction_does_not_depend_on_the_hash_seed():
    import os
    import subprocess
    import sys

    text = ("The court sentenced Ana Ruiz on Thursday. Tomas Vidal was sentenced on March 13.\n"
            "Protesters rallied outside the court.\nMarta Gil received 12 years.")
    code = ("import datetime, json, sys; from transforms.events import extract_events; "
            "print(json.dumps(extract_events(sys.argv[1], datetime.date(2025, 3, 14)), default=str, sort_keys=True))")
    outputs = {subprocess.run([sys.executable, "-c", code, text], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("0", "1", "2", "3")}
    assert len(outputs) == 1


def test_sentence_ends_after_a_closing_quote_with_or_without_a_space():
    # The boundary's branches after one terminal mark: quote then space, quote then a lost space, a lost space
    # after a bare full stop, and a full stop inside a number or an abbreviation that ends nothing.
    text = ("He said “we stay.” Talks resumed. She answered: “no deal!”Rivals left. "
            "It kept the public trust.'The acting leader spoke.Later that day, Mr. Kim paid 3.5 million.")
    assert [s.text for s in split_sentences(text)] == [
        "He said “we stay.”", "Talks resumed.", "She answered: “no deal!”", "Rivals left.",
        "It kept the public trust.'", "The acting leader spoke.", "Later that day, Mr. Kim paid 3.5 million."]


def test_in_quotation_reads_curly_straight_and_doubled_backtick_quotes():
    # One reader of "is this word the speaker's own?" for every module: curly marks by the last one seen,
    # straight quotes by their count, wire copy's ``...'' as one mark each.
    def at(text: str, word: str) -> bool:
        toks = tokenize(text)
        return in_quotation(toks, next(i for i, t in enumerate(toks) if t.text == word))

    assert at("“We will go,” he said.", "go") and not at("“We will go,” he said.", "said")
    assert at('He said: "we will go" and left.', "go") and not at('He said: "we will go" and left.', "left")
    assert at("``We will go,'' he said.", "go") and not at("``We will go,'' he said.", "said")
    assert not at("We will go, he said.", "go")
    toks = tokenize("``We will go,'' he said.")
    assert quote_marks(toks, 0, len(toks)) == ["``", "''"]


def test_the_boundary_pattern_matches_its_branches_written_one_by_one():
    # The boundary opens with one character class so that the regex engine skips to candidates (issue #16); its
    # look-behinds must pick the same branch as the plain alternation: newline runs, terminal marks with quotes,
    # brackets and spaces, and lost spaces after a full stop or a closing quote.
    import random
    import re

    from transforms.events.sentences import _BOUNDARY

    plain = re.compile(r"\n\s*|[.!?](?:[\"'”’)\]]*\s+|(?<=[a-z]{2}\.)(?=[A-Z][a-z])"
                       r"|[\"'”’]+(?<=[a-z]{2}[.!?][\"'”’])(?=[A-Z][a-z]))")
    texts = ["Troops left (at dawn.) Then rain.\n\n  \nNext came?! “Fine.”  Done", "x.Yy ab.Cd ab.'Cd ab!”Ef a?\n",
             "ends here.", "\n", "!!", "mid.point, U.S. and ‘quoted.’ Then"]
    rng = random.Random(7)
    texts += ["".join(rng.choice("ab.!?\n \t\"'”’)]AZc") for _ in range(rng.randint(0, 24))) for _ in range(20000)]
    assert _BOUNDARY.pattern.startswith("[\\n.!?]")
    for text in texts:
        assert [m.span() for m in _BOUNDARY.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_the_word_class_of_the_tokeniser_is_exactly_backslash_w():
    # The tokeniser writes a word character as [0-9A-Za-z_\w] (ASCII tested by bitmap first, issue #16): the same
    # set as \w for every character, so the same tokens as a pattern written with \w.
    import random
    import re

    from transforms.events.tokens import _SPLIT, _W

    word = re.compile(_W)
    assert all(bool(word.fullmatch(chr(c))) == bool(re.fullmatch(r"\w", chr(c))) for c in range(0x30000))
    plain = re.compile(r"(?=\S)(\w++(?:[-'’,]\w++|\.(?!(?<=[a-z]{2}\.)[A-Z][a-z])\w++)*+|[^\w\s])")
    rng = random.Random(11)
    texts = ["The U.S. envoy met al-Burhan's aides on 3.5 days' notice, 2,000 troops.Then Łódź’s café_1 ²½."]
    texts += ["".join(rng.choice("aZ09_.,-'’ \n\"ÉéŁ²½ß—“$U.S") for _ in range(rng.randint(0, 24))) for _ in range(20000)]
    for text in texts:
        assert _SPLIT.split(text) == plain.split(text), text
