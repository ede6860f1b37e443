"""The CAMEO table's build: the dictionary's verb lines, their codes, the guide's types and the filters, on a
small dictionary written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools import cameo_lexicon as cl

SAMPLE = """\
# a header the reader skips
&SYNONYMS
+WORD

####### VERB PATTERNS #######

--- INVADE_PLACE [192] ---
INVADE
OVERRUN {OVERRUNS OVERRAN OVERRUNNING}
- * + BORDER [192]  # a pattern line, not a verb
+GUN_DOWN
+KILLED_AND

--- HIT_THINGS [190] ---
HIT

--- PRAISE_SOMEONE [051] ---
EXTOL

--- NO_CODE [---] ---
SCRIBBLE
NAB [173]

--- PLEAD [020] ---
IMPLORE
ATTACK
"""


def test_verb_lines_take_their_own_code_or_their_blocks():
    verbs = {v.words: v for v in cl.parse_verbs(SAMPLE)}
    assert verbs["invade"].code == "192" and verbs["nab"].code == "173" and verbs["scribble"].code == ""
    assert verbs["overrun"].inflections == ("overruns", "overran", "overrunning")
    assert "gun down" in verbs and "killed and" not in verbs and "word" not in verbs


def test_roots_take_the_registry_type_then_the_guides():
    roots = cl.root_types()
    assert roots["19"] == "attack" and roots["18"] == "attack" and roots["17"] == "arrest" and roots["02"] == "request"
    verbs = {v.words: v for v in cl.parse_verbs(SAMPLE)}
    assert cl.type_of(verbs["invade"], roots) == "attack"
    assert cl.type_of(verbs["extol"], roots) is None  # praise: a statement under the guide, not an agreement
    assert cl.type_of(verbs["hit"], roots) is None  # "hit a record": light or polysemous
    assert cl.type_of(verbs["scribble"], roots) is None  # no code


def test_the_table_holds_finite_forms_and_leaves_hand_forms_to_the_hand_files():
    rows = {r["form"]: r for r in cl.build_rows(SAMPLE)}
    assert rows["invades"]["type"] == "attack" and rows["invades"]["cameo"] == ""  # 19 is attack's own root
    assert "invaded" not in rows  # the hand file holds it
    assert "invade" not in rows and "invading" not in rows  # base and -ing: purposes and attributes
    assert rows["overruns"]["type"] == "attack" and "overrunning" not in rows  # the listed forms, finite ones
    assert rows["nabbed"]["type"] == "arrest" and rows["implores"]["cameo"] == "02"
    assert "attacked" not in rows and "attacks" not in rows  # the hand files hold them
    assert rows["guns down"]["type"] == "attack"


def test_a_verb_the_hand_files_type_keeps_their_type():
    # ATTACK sits in an appeal block here; its hand forms are attacks, so any new form would be too.
    assert all(r["type"] == "attack" for r in cl.build_rows(SAMPLE) if r["verb"] == "attack")


def test_inflections():
    assert cl.inflect("carry") == ["carries", "carried"]
    assert cl.inflect("nab") == ["nabs", "nabbed"]
    assert cl.inflect("push back") == ["pushes back", "pushed back"]
    assert cl.inflect("raze") == ["razes", "razed"]


@pytest.mark.skipif(not Path(cl.DEFAULT_REPO).exists(), reason="the petrarch2 snapshot is not on this machine")
def test_the_committed_table_is_what_the_dictionary_gives():
    assert cl.main(["--check"]) == 0


def test_a_missing_dictionary_gives_one_line_and_exit_2(tmp_path, capsys):
    assert cl.main(["--dictionary", str(tmp_path / "none.txt")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "none.txt" in err and "No such file" in err
