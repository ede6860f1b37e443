"""Trigger words and phrases -> event type (read from `transforms/data/lexicon/<type>.txt`), with PLOVER and CAMEO."""

from __future__ import annotations

import csv
from typing import NamedTuple

from transforms.events.event_types import LEXICON, lexicon_files, registry

Form = tuple[str, "str | None"]  # (event type, CAMEO root of the form or None for the type's own)


def _read_lexicon() -> tuple[dict[str, Form], dict[tuple[str, ...], Form]]:
    """Single-word and multi-word triggers of every type: the per-type lexicon files, then the CAMEO table."""
    words: dict[str, Form] = {}
    phrases: dict[tuple[str, ...], Form] = {}
    hand = ((path.name, form, etype, cameo) for etype, path in lexicon_files().items() for form, cameo in _forms(path))
    generated = (("cameo.csv", form, etype, cameo) for form, etype, cameo in _generated_forms(LEXICON / "cameo.csv"))
    for source, form, etype, cameo in (*hand, *generated):
        table = phrases if " " in form else words
        key = tuple(form.split()) if " " in form else form
        if key in table:  # a form has one type; the CAMEO table is built without the hand files' forms
            rebuild = ": rebuild it with tools/cameo_lexicon.py" if source == "cameo.csv" else ""
            raise ValueError(f"{source}: {form!r} is already a trigger of type {table[key][0]!r}{rebuild}")
        table[key] = (etype, cameo)
    return words, phrases


def _generated_forms(path) -> list[tuple[str, str, str | None]]:
    """(form, type, CAMEO root or None) of the table built from the CAMEO verb dictionary (tools/cameo_lexicon.py)."""
    with path.open(encoding="utf-8") as fh:
        return [(row["form"], row["type"], row["cameo"] or None) for row in csv.DictReader(fh)]


def _forms(path) -> list[tuple[str, str | None]]:
    """(form, CAMEO root or None) of each line of a lexicon file; '#' starts a comment."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            form, _, cameo = line.partition("=")
            out.append((" ".join(form.lower().split()), cameo.strip() or None))
    return out


WORDS, PHRASES = _read_lexicon()
# First word of each phrase -> phrases starting with it, longest first.
PHRASE_HEADS: dict[str, list[tuple[tuple[str, ...], Form]]] = {}
for _key, _val in sorted(PHRASES.items(), key=lambda kv: -len(kv[0])):
    PHRASE_HEADS.setdefault(_key[0], []).append((_key, _val))


class Condition(NamedTuple):
    """A trigger form that counts only, or changes type, with one of `words` within `window` tokens of it."""

    side: str  # before | after | near
    words: frozenset[str]
    window: int
    then: str  # "keep", or the event type the form takes when the words are there
    pairs: frozenset[tuple[str, str]] = frozenset()  # two words in a row, written "its+plan" in the file


def _read_conditions() -> dict[str, list[Condition]]:
    """Form (a word, or a phrase's words joined by spaces) -> its conditions, in file order."""
    out: dict[str, list[Condition]] = {}
    with (LEXICON / "conditions.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            words = row["words"].split()
            cond = Condition(row["side"], frozenset(w for w in words if "+" not in w), int(row["window"]), row["then"],
                             frozenset(tuple(w.split("+", 1)) for w in words if "+" in w))
            for form in _condition_forms(row["forms"]):
                out.setdefault(form, []).append(cond)
    return out


def _condition_forms(forms: str) -> list[str]:
    """The forms of a conditions row: single words, or one phrase when they are a known phrase."""
    if tuple(forms.split()) in PHRASES:
        return [forms]
    return forms.split()


CONDITIONS = _read_conditions()
# Trigger words of events nobody does (transforms/data/lexicon/agentless.txt): "the earthquake" has no agent.
AGENTLESS = frozenset(form for form, _ in _forms(LEXICON / "agentless.txt"))
# Simple past forms that do not end in -ed ("met", "began", "withdrew"): with -ed, how a verb is read as past.
IRREGULAR_PAST = frozenset("""met said told sent won took held fought struck sank shot led began spoke gave made hit
    left quit withdrew froze broke rose fell drove flew brought bought sought caught ran overran stood swore sworn
    chose underwent upheld saw went came became fled lost""".split())
# Nouns of unnamed speakers (transforms/data/lexicon/anonymous.txt): "an official said" is an anonymous source.
ANONYMOUS = frozenset(form for form, _ in _forms(LEXICON / "anonymous.txt"))
# Words that end a vote the electorate casts (transforms/data/lexicon/electorate.txt): "a presidential election".
BY_VOTERS = frozenset(tuple(form.split()) for form, _ in _forms(LEXICON / "electorate.txt"))
# Appointment triggers of leaving an office (transforms/data/lexicon/leaving_office.txt): the body is a party too.
LEAVING_OFFICE = frozenset(form for form, _ in _forms(LEXICON / "leaving_office.txt"))


def cameo_and_plover(event_type: str, cameo: str | None) -> tuple[str | None, str | None]:
    """The (PLOVER type, CAMEO root) of an event type, with a trigger's own CAMEO root if it has one."""
    kind = registry()[event_type]
    return kind.plover, cameo or kind.cameo_root


DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her", "our"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we"})
# Verbs that make the next word part of a finite verb phrase ("had passed", "was named").
AUXILIARIES = frozenset({"had", "has", "have", "was", "were", "is", "are", "been", "be"})
# Words that make a count approximate ("nearly a decade ago", "some 40 people"): dating and quantities share them.
APPROXIMATORS = frozenset({"about", "around", "nearly", "almost", "some", "roughly", "approximately", "over"})
