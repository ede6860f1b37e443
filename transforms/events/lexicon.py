"""Trigger words and phrases -> event type, with the PLOVER type and CAMEO root of each type."""

from __future__ import annotations

# event type -> (PLOVER type or None when PLOVER has none, default CAMEO root or None)
EVENT_TYPES: dict[str, tuple[str | None, str | None]] = {
    "meeting": ("CONSULT", "04"),
    "statement": (None, "01"),
    "announcement": (None, "01"),
    "pledge": (None, "03"),
    "agreement": ("AGREE", "05"),
    "appointment": (None, None),
    "deployment": ("MOBILIZE", "15"),
    "attack": ("ASSAULT", "19"),
    "protest": ("PROTEST", "14"),
    "request": ("REQUEST", "02"),
    "rejection": ("REJECT", "12"),
    "accusation": ("ACCUSE", "11"),
    "threat": ("THREATEN", "13"),
    "aid": ("AID", "07"),
    "sanction": ("SANCTION", "16"),
    "arrest": ("COERCE", "17"),
    "retreat": ("RETREAT", "08"),
    "vote": (None, None),
    "other": (None, None),
}

# Single-word triggers: "type[:cameo] form form ...". Verbs and nouns alike; a CAMEO override
# refines the root where a type spans several (demands are 10, appeals 02; assaults 18, fighting 19).
# "form:type" files a form under another type; "form:skip" records a word deliberately left out.
_WORDS = """
meeting meeting meet meets met meetings summit summits talks negotiations negotiation negotiated negotiating
  consultations consulted conferred discussions discussion discussed hosted hosts visited:other
meeting phoned telephoned talked convened hosting
statement said says say stated statement statements told remarks spokesperson:skip signaled signalled
  declared confirmed confirms reiterated insisted stressed emphasized emphasised noted added wrote tweeted
  posted praised hailed welcomed welcomes commented explained briefed speech address claimed claims claim
  argued acknowledged admitted responded replied response interview reported hailing praising
  welcoming
announcement announced announces announcement announcements unveiled revealed reveals disclosed
pledge pledged pledges pledge vowed vows vow promised promises promise committed commits commitment
  commitments
agreement agreed agrees agreement agreements deal deals accord accords treaty signed signs signing
  ratified ratifies ratification endorsed endorses initialed initialled initialing accepted accepts sealed inked
  approved approves adopted memorandum
appointment appointed appoints appointment named nominated nominates nomination sworn inaugurated
  tapped
  inauguration elected reappointed installed
deployment deployed deploys deploy deployment deployments dispatched dispatch sent mobilized mobilised
  mobilization reinforcements stationed
attack:18 attacked attacks attack assaulted assault killed killing killings kills assassinated
  assassination stabbed stabbing bombing bombings bombed ambush ambushed kidnapped abducted abduction
  massacre massacres torched ransacked stormed vandalised vandalized arson hijacked
attack:19 airstrike airstrikes strike strikes struck shelling shelled shelled fighting fought clashes
  clashed clash offensive invasion invaded raid raids raided rocket rockets mortar shells artillery
  incursion gunmen bombardment bombarded bombard shot shooting
  fired fire gunfire missile missiles drone drones sank sunk sink sinking seized captured overran overrun war
  siege besieged hit hits targeted targeting battle battles occupied
protest protest protests protested protesting demonstration demonstrations
  rally rallies rallied marched march riots rioting boycott walkout demonstrated sit-in
request:02 urged urges appealed appeals appeal requested requests request asked asks proposal proposed
  proposes invited invitation sought seeks
request:10 demanded demands demand insisted:skip
rejection rejected rejects rejection refused refuses dismissed denied denies vetoed vetoes snubbed
accusation accused accuses accusation accusations blamed blames alleged condemned condemns condemnation
  criticized criticised criticizes criticises
threat threatened threatens threat threats warned warns warning warnings ultimatum
aid aid assistance donated donation donations relief delivered supplies humanitarian:skip
sanction sanctions sanctioned sanction embargo embargoes blacklisted tariffs tariff
arrest arrested arrests arrest detained detains detention jailed imprisoned sentenced convicted
  indicted charged custody extradited apprehended detaining
retreat withdrew withdrawn withdraw withdraws withdrawal pullout ceasefire cease-fire truce truces
  released releases release freed retreated evacuated:other
vote vote votes voted voting election elections ballot ballots referendum runoff run-off polls
  by-election primaries reelection re-election
other resigned resigns resignation resignations quit founded established establishing
  earthquake quake aftershock aftershocks flood floods curfew curfews ban banned bans lifted
  recruitment rescued rescue evacuated evacuation arrived arrive arrives arriving arrival visited visit
  visits closed
  dissolved died collapsed explosion blast crashed crash born exploded landslide landslides cyclone typhoon
  hurricane wildfire wildfires flooding eruption tsunami outbreak
"""

# Multi-word triggers (lower-case token tuples) -> "type[:cameo]"; tried before single words.
_PHRASES = {
    "called for": "request:02",
    "called on": "request:02",
    "calls for": "request:02",
    "asked for": "request:02",
    "phone call": "meeting",
    "phone conversation": "meeting",
    "spoke with": "meeting",
    "spoke to": "meeting",
    "spoken with": "meeting",
    "held talks": "meeting",
    "press conference": "statement",
    "resignation letter": "statement",
    "news conference": "statement",
    "set fire": "attack:18",
    "opened fire": "attack:19",
    "came under fire": "attack:19",
    "took office": "other",
    "take office": "other",
    "takes office": "other",
    "taking office": "other",
    "assuming office": "other",
    "in power": "appointment",
    "stepped down": "other",
    "step down": "other",
    "stepping down": "other",
    "stop firing": "retreat",
    "cessation of hostilities": "retreat",
    "cease hostilities": "retreat",
    "informed the press": "statement",
    "told reporters": "statement",
    "sent a message": "request:02",
    "steps down": "other",
    "took over": "attack:19",
    "struck a deal": "agreement",
    "strike a deal": "agreement",
    "reached a deal": "agreement",
    "air strike": "attack:19",
    "air strikes": "attack:19",
    "drone strike": "attack:19",
    "drone strikes": "attack:19",
    "pulled out": "retreat",
    "pull out": "retreat",
    "turned down": "rejection",
    "sworn in": "appointment",
    "assumed office": "other",
    "taken into custody": "arrest",
    "rounded up": "arrest",
    "handed over": "retreat",
    "set up": "other",
    "imposed sanctions": "sanction",
    "froze assets": "sanction",
    "took power": "other",
    "cease fire": "retreat",
    "took effect": "retreat",
    "martial law": "other",
    "state of emergency": "other",
    "peace talks": "meeting",
    "joint statement": "statement",
    "claimed responsibility": "statement",
}


def _parse() -> tuple[dict[str, tuple[str, str | None]], dict[tuple[str, ...], tuple[str, str | None]]]:
    """Build the word and phrase tables from the compact listings above."""
    words: dict[str, tuple[str, str | None]] = {}
    for line in _WORDS.strip().splitlines():
        parts = line.split()
        if not line.startswith(" "):
            head, parts = parts[0], parts[1:]
            etype, _, cameo = head.partition(":")
        for form in parts:
            form, _, flag = form.partition(":")
            if flag == "skip":
                continue
            if flag:  # a form listed under one type but meaning another
                words.setdefault(form, (flag, None))
                continue
            words.setdefault(form, (etype, cameo or None))
    phrases = {}
    for text, spec in _PHRASES.items():
        etype, _, cameo = spec.partition(":")
        phrases[tuple(text.split())] = (etype, cameo or None)
    return words, phrases


WORDS, PHRASES = _parse()
# First word of each phrase -> phrases starting with it, longest first.
PHRASE_HEADS: dict[str, list[tuple[tuple[str, ...], tuple[str, str | None]]]] = {}
for _key, _val in sorted(PHRASES.items(), key=lambda kv: -len(kv[0])):
    PHRASE_HEADS.setdefault(_key[0], []).append((_key, _val))


def cameo_and_plover(event_type: str, cameo: str | None) -> tuple[str | None, str | None]:
    """The (PLOVER type, CAMEO root) of an event type, with a trigger's own CAMEO root if it has one."""
    plover, default = EVENT_TYPES[event_type]
    return plover, cameo or default


# Speech acts take only a time expression with no other event between ("X said Y met on Tuesday").
SPEECH_TYPES = frozenset({"statement", "announcement"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her", "our"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we"})
