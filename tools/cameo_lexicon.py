"""Build transforms/data/lexicon/cameo.csv, trigger verbs of the CAMEO verb dictionary mapped to Dateline's types.

Source: openeventdata/petrarch2 (commit 676801c), petrarch2/data/dictionaries/CAMEO.verbpatterns.150430.txt, MIT
licence (LICENSES.md).
Only the verbs and their inflections are used, as data: a verb's CAMEO code (its own, else its block's) gives its
root, the root gives the type (the registry's cameo_root column, and the guide's "PLOVER / CAMEO" column for the
roots the registry leaves to it), and the filters below drop what is no unambiguous news trigger of that type.
Forms the hand-written lexicon files already hold are left to them.

    python -m tools.cameo_lexicon [--dictionary FILE] [--check]

Without --dictionary the file is read with git from the petrarch2 snapshot (DEFAULT_REPO); --check only says
whether the committed table is what the dictionary gives.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

from transforms.events.event_types import LEXICON, lexicon_files, registry

DEFAULT_REPO = "/work/.mirror/openeventdata+petrarch2/repo/.git"
DICTIONARY_PATH = "petrarch2/data/dictionaries/CAMEO.verbpatterns.150430.txt"
OUTPUT = LEXICON / "cameo.csv"
COLUMNS = ("form", "type", "cameo", "verb")

# Roots the registry's cameo_root column does not name, typed by the guide's "PLOVER / CAMEO" column
# (agreement 05-06, attack 18-20) and by PLOVER, whose REQUEST holds CAMEO's appeals (02) with its demands (10).
GUIDE_ROOTS = {"02": "request", "06": "agreement", "18": "attack", "20": "attack"}

# CAMEO codes (longest prefix wins) whose verbs are no trigger of the root's type under the guide: None drops them.
CODE_TYPES: dict[str, str | None] = {
    "01": None,    # public statements: guide rules 1-2, the content decides; left to the speech rules
    "05": None,    # diplomatic cooperation: praise, endorse, cooperate are statements or no event, not agreements
    "06": None,    # material cooperation: managing, boosting, funding, granting are no event of a guide type
    "09": None,    # investigate: no guide type
    "110": None,   # disapprove, unspecified: opposing, disputing, mourning blame no one of a wrong
    "114": None,   # complain: a statement
    "120": None,   # delay, hinder, postpone: no refusal
    "128": None,   # breach: no refusal
    "140": None,   # annoy, disturb, provoke: no demonstration
    "160": None,   # disrupt, betray, spy: no sanction of the guide's list
    "161": None,   # secede: no sanction
    "180": None,   # hurt, damage, injure: the harm an attack does, not the attack
}

# Verbs whose type the guide sets apart from their CAMEO root's.
VERB_TYPES = {
    "travel": "other", "journey": "other", "depart": "other", "tour": "other",  # guide rule 6: travel is other
    "fine": "sanction",  # guide rule 10: a regulator's fine is a sanction
    "veto": "rejection",  # the registry's rejection: vetoing
    "oust": "appointment",  # guide: being removed from an office
    "scuffle": "attack", "rampage": "attack",  # clashes (CAMEO 180 otherwise holds harm, not attacks)
    "walk out": "rejection",  # the registry's rejection: walking out
    "vote down": "vote",  # guide rule 7: a bill voted down is a vote
    "blacklist": "sanction",  # the registry's sanction: bans on companies
}

# Light verbs and verbs whose event reading is rare in news ("hit a record", "fired the chief executive",
# "took the lead"): a bare form of them would add more spurious rows than events.
LIGHT_OR_POLYSEMOUS = frozenset("""
    take catch grab snatch pull pluck extract get make hold keep contain enclose cage withhold force compel impel
    pressure reinforce enforce bill levy tax block restrict exclude bar shun segregate moderate constrain curb
    restrain subdue appropriate subvert overturn revolutionize revolutionise steal pirate remove
    hit strike fire blow beat crush break ruin smash shatter bust pound thump hammer clobber pummel ram flatten trample
    ring circle encircle surround aim target engage match pit struggle conflict battle combat duel quarrel altercate
    grapple dominate overshadow overcome surmount master best overpower overtake overwhelm defeat desolate
    destroy annihilate decimate devastate obliterate eradicate ravage ravish plunder despoil reave foray pillage
    explode blast die hang stone storm siege repel repulse disarm shoot assail lash whip crack tear rip spoil
    square_off blitz
    communicate debate encounter confront face brave contact interact assemble converge gather congregate cluster
    amass conglomerate huddle constellate flock unite join conjoin converse talk speak utter verbalize verbalise
    depart go embark leave egress consider ponder muse reason ruminate contemplate meditate mull excogitate speculate
    think weigh reconsider summon notify apprize apprise promulgate introduce acquaint innovate insert invite elicit
    reinvite arrive come approach hear learn cable call attend visit
    suggest advise counsel advocate recommend hint wonder query question grill interrogate interview enquire inquire
    require ask
    intend plan mean offer proffer volunteer comply revive resuscitate resurrect signal certify subscribe ensure
    assure guarantee
    contribute stabilise stabilize intervene interfere
    abandon compromise conciliate resolve negotiate mediate intercede intermediate arbitrate yield forswear
    succumb bow submit abide bide include absolve abstain loosen relax tease disentangle untie undo detach disconnect
    retire recede retract allow permit consent approve authorize authorise verify clear enable empower countenance
    tolerate pass legislate accede acquiesce obey satify fill resettle settle concede concession unblock
    declassify
    need necessitate want bid press push campaign crusade clamor clamour entreat exhort adjure decree
    caution endanger risk
    muster garner marshal rally rallied parade patrol overfly
    punish penalize impose inflict reimpose
    outlaw censor criminalize criminalise illegalize illegalise proscribe interdict disallow forbid sentence
    banish exile evict expel
    charge fault implicate brand mock jeer scoff savage crucify flog lecture slander malign impugn belittle denigrate
    reprobate disparage deride scorn ridicule snub deplore abhor chasten
    mistreat abuse terrorize occupy inhabit reside infest
    annex beef_up blackmail blockade boot_out kick_out confine demolish nationalise nationalize ostracise ostracize
    usurp wrest suppress bomb dishonor dishonour fight intrude_on stamp_out string_up subjugate pelt butcher wipe_out
    broker find_out run_into give_notice send_word touring journey vouch loot plead conform_to draw_back drop_out
    emancipate exculpate give_in give_up hash_out liberate unloose vindicate waive dress_down remonstrate step_in
    drum_up free
""".split())

# Finite forms whose other part of speech dominates in news ("safari tours", "mobile phones"): the verb's other
# forms stay.
FORM_DENY = frozenset({"tours", "phones"})

# Nouns the dictionary lists as verbs: kept as they are, not inflected ("crackdown", not "crackdowned").
UNINFLECTED = frozenset({"crackdown"})

# Multi-word entries the dictionary built from patterns, not verbs ("killed and", "shot and").
_PATTERN_WORDS = re.compile(r"(^|_)(AND|OR)(_|$)|^RE_$")


class Verb(NamedTuple):
    """One verb line of the dictionary: its words, its explicit inflections (empty: regular), its CAMEO code."""

    words: str
    inflections: tuple[str, ...]
    code: str


def read_dictionary(path: str | None) -> str:
    """The dictionary's text, from a file or with git from the petrarch2 snapshot."""
    if path:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    return subprocess.run(["git", "-C", DEFAULT_REPO, "show", f"HEAD:{DICTIONARY_PATH}"], check=True,
                          capture_output=True, text=True).stdout


def parse_verbs(text: str) -> list[Verb]:
    """The verb lines of the verb-pattern section, each with its own code or its block's ('' for none)."""
    verbs: list[Verb] = []
    block_code = ""
    in_verbs = False
    for line in text.splitlines():
        if line.startswith("####### VERB PATTERNS"):
            in_verbs = True
        elif not in_verbs:
            continue
        elif line.startswith("---"):
            block_code = _code(re.search(r"\[([^\]]*)\]", line))
        elif line.strip() and not line.startswith(("-", "#")):
            verb = _verb_line(line.split("#", 1)[0].strip(), block_code)
            if verb:
                verbs.append(verb)
    return verbs


def _code(match: re.Match | None) -> str:
    """A CAMEO code from '[190]' or '[040:040]' (the source's), '' for '[---]' or none."""
    code = match.group(1).split(":")[0].strip() if match else ""
    return code if code.isdigit() else ""


def _verb_line(line: str, block_code: str) -> Verb | None:
    """One 'VERB [code] {FORMS}' line ('+' opens a multi-word verb whose words '_' joins)."""
    m = re.match(r"^\+?([A-Z][A-Z_'\-]*)\s*(\[[^\]]*\])?\s*(?:\{([^}]*)\})?", line)
    if not m or _PATTERN_WORDS.search(m.group(1)):
        return None
    code = _code(re.search(r"\[([^\]]*)\]", m.group(2))) if m.group(2) else block_code
    forms = tuple(f.lstrip("+").replace("_", " ").lower() for f in (m.group(3) or "").split())
    return Verb(m.group(1).replace("_", " ").lower(), forms, code)


def type_of(verb: Verb, root_types: dict[str, str]) -> str | None:
    """Dateline's type of a verb (None: not kept), from its code under CODE_TYPES and the roots."""
    head = verb.words.replace(" ", "_")
    if not verb.code or head in LIGHT_OR_POLYSEMOUS or verb.words.split()[0] in LIGHT_OR_POLYSEMOUS:
        return None
    if verb.words in VERB_TYPES:
        return VERB_TYPES[verb.words]
    for k in range(len(verb.code), 1, -1):
        if verb.code[:k] in CODE_TYPES:
            return CODE_TYPES[verb.code[:k]]
    return root_types.get(verb.code[:2])


def root_types() -> dict[str, str]:
    """CAMEO root -> type: the registry's cameo_root column, then GUIDE_ROOTS."""
    roots = {t.cameo_root: t.name for t in registry().values() if t.cameo_root}
    return roots | GUIDE_ROOTS


def inflect(words: str) -> list[str]:
    """Third person and past forms of a verb (of its first word when it has several)."""
    head, _, rest = words.partition(" ")
    tail = f" {rest}" if rest else ""
    return [f + tail for f in (_third_person(head), _past(head))]


def _doubles(verb: str) -> bool:
    """True when a one-syllable verb ending consonant-vowel-consonant doubles it ("nab" -> "nabbed")."""
    return bool(re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", verb))


def _third_person(verb: str) -> str:
    """'attacks', 'pledges', 'carries', 'pushes'."""
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    return verb + ("es" if re.search(r"(s|sh|ch|x|z|o)$", verb) else "s")


def _past(verb: str) -> str:
    """'attacked', 'pledged', 'carried', 'nabbed'."""
    if verb.endswith("e"):
        return verb + "d"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ied"
    return verb + (verb[-1] if _doubles(verb) else "") + "ed"


def hand_forms() -> dict[str, str]:
    """Every form of the hand-written lexicon files -> its type (they win over the dictionary)."""
    forms = {}
    for etype, path in lexicon_files().items():
        for line in path.read_text(encoding="utf-8").splitlines():
            form = line.split("#", 1)[0].partition("=")[0].strip().lower()
            if form:
                forms[" ".join(form.split())] = etype
    return forms


def _own_root(root: str, etype: str, roots: dict[str, str]) -> str:
    """The CAMEO root a form keeps: its verb's, when that root is of its type and not the registry's own
    root of the type ("18" for an assault); '' otherwise (the type's own root applies)."""
    return root if roots.get(root) == etype and registry()[etype].cameo_root != root else ""


def verb_forms(verb: Verb) -> list[str]:
    """The finite forms of a verb that tell an event: third person and past (the dictionary's own irregular ones
    where it lists them). The base form and the -ing form are left out: in news they are mostly a purpose or an
    attribute ("met to discuss", "failed to quell", "the withdrawing troops"), not the event; the nouns among
    them are the hand files' to choose."""
    if verb.words in UNINFLECTED:
        return [verb.words]
    if verb.words.split()[0].endswith("ing"):
        return []
    forms = verb.inflections or tuple(inflect(verb.words))
    return [f for f in dict.fromkeys(forms) if not f.split()[0].endswith("ing")]


def paradigm(verb: Verb) -> list[str]:
    """Every form of a verb, base and -ing too: what the hand files are searched for to find the verb's type."""
    head, _, rest = verb.words.partition(" ")
    tail = f" {rest}" if rest else ""
    gerund = (head[:-1] if head.endswith("e") and not head.endswith("ee") else head + head[-1] * _doubles(head)) + "ing"
    return [verb.words, *verb.inflections, *inflect(verb.words), gerund + tail]


def build_rows(text: str) -> list[dict[str, str]]:
    """The table's rows: one per form, sorted by type and form; a form two kept verbs type apart is dropped.
    A verb with a form in the hand-written files takes that form's type: the hand files decide a verb's type."""
    roots = root_types()
    taken = hand_forms()
    rows: dict[str, dict[str, str]] = {}
    clashing: set[str] = set()
    for verb in parse_verbs(text):
        etype = type_of(verb, roots)
        if etype is None:
            continue
        forms = verb_forms(verb)
        etype = next((taken[f] for f in paradigm(verb) if f in taken), etype)
        cameo = _own_root(verb.code[:2], etype, roots)
        for form in forms:
            if form in taken or form in FORM_DENY:
                continue
            row = {"form": form, "type": etype, "cameo": cameo, "verb": verb.words}
            if form in rows and rows[form]["type"] != etype:
                clashing.add(form)  # one form, two types: no unambiguous trigger
            rows.setdefault(form, row)
    return sorted((r for f, r in rows.items() if f not in clashing), key=lambda r: (r["type"], r["form"]))


def render(rows: list[dict[str, str]]) -> str:
    """The CSV text of the table."""
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check compare) the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     epilog="example: python tools/cameo_lexicon.py --dictionary CAMEO.verbpatterns.150430.txt --check")
    parser.add_argument("--dictionary", help="the CAMEO verb dictionary file (default: read from the snapshot)")
    parser.add_argument("--check", action="store_true", help="exit 1 when the committed table differs")
    args = parser.parse_args(argv)
    try:
        text = render(build_rows(read_dictionary(args.dictionary)))
    except OSError as exc:  # a missing or unreadable dictionary: one line, no traceback
        print(f"cameo_lexicon: {exc.filename or args.dictionary}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    if args.check:
        same = OUTPUT.exists() and OUTPUT.read_text(encoding="utf-8") == text
        print("cameo.csv is up to date" if same else "cameo.csv differs: rebuild it", file=sys.stderr)
        return 0 if same else 1
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"{OUTPUT}: {text.count(chr(10)) - 1} forms", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
