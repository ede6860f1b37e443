"""Merge event mentions from many articles into real-world events (pure, near-linear).

Three passes over the mentions in a canonical order, so that the result depends only on the set
of mentions, never on the order they arrived in:

1. *Anchors* (mentions dated to a day by a time expression) are blocked by (type group, day).
   Inside a block, candidate pairs come from an inverted index over actor keys, the place and
   MinHash bands of the evidence words (never all pairs); a pair is linked when modality, actors,
   place and evidence agree (`_linkable`). Linked anchors form events (union-find components).
2. *Vague* mentions (week/month/quarter precision, or dated only by the publication day, i.e.
   "on or before" it) join the best matching anchor event whose day lies inside their period.
   This is how merging sharpens dates: the event keeps the day another article states.
3. Vague mentions that joined nothing merge among themselves (same period, same rules).

Event ids are derived from the canonically first mention of each event. Mentions that already
carry an `event_id` (read back from the lake) pass it on: when an event gains mentions, it keeps
the id of its earliest known mention, so ids stay stable across incremental runs, and a rebuild
from scratch yields the same events (for articles ingested in publication order).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import zlib
from bisect import bisect_left, bisect_right
from collections import defaultdict

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from transforms.articles import derived_id
from transforms.collector import collector_paused
from transforms.events.event_types import MERGE_GROUP as _TYPE_GROUP  # types naming one act merge as one group
from transforms.frames import to_arrow, with_column

_MODALITY_RANK = {"asserted": 0, "future": 1, "hypothetical": 2, "negated": 3}
_BASIS_RANK = {"explicit": 0, "anchored": 1, "relative": 2, "publication": 3, "unknown": 4}
_PRECISION_DAYS = {"day": 1, "week": 7, "month": 31, "quarter": 92}
PUBLICATION_WINDOW = 7  # a mention dated only by its article may describe any of the days before it
# The longest period a dated mention may stand for, in days after its first one (a quarter): a vague
# mention never looks further than this from its event_date, which bounds a windowed merge.
MAX_SPAN_DAYS = max(max(_PRECISION_DAYS.values()) - 1, PUBLICATION_WINDOW)
MAX_POSTINGS = 40  # each mention is compared with at most this many earlier holders of a key
_ANCHOR_BASES = frozenset({"explicit", "relative", "anchored"})

# Evidence similarity: cosine of content-word sets; MinHash bands only propose candidates.
LINK_SIMILARITY = 0.35  # cosine of content words: enough on its own when actors and place do not conflict
OVERRIDE_SIMILARITY = 0.7  # near-identical wording links even when extracted actors disagree
_BANDS, _ROWS = 12, 2  # a pair sharing a quarter of its words is proposed with p ~ 0.54, half with p ~ 0.97
_CHUNK = 20000
_PRIME = (1 << 31) - 1
_RNG = np.random.default_rng(20260220)
_PERM_A = _RNG.integers(1, _PRIME, size=_BANDS * _ROWS, dtype=np.int64)
_PERM_B = _RNG.integers(0, _PRIME, size=_BANDS * _ROWS, dtype=np.int64)
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "the a an and or of to in on at for by with from as that this these those is are was were be been has have "
    "had will would could should may might can its it his her their they he she we our said says say also after "
    "before about over into than then there which who whom what when where while not but more most some any all "
    "one two new last first next week day month year monday tuesday wednesday thursday friday saturday sunday "
    "told according officials official".split()
)
# Last words of organisation names: "peace council" and "security council" are different actors.
_GENERIC = frozenset(
    "council union forces force ministry government party commission bank army police court committee "
    "assembly agency department office organization organisation alliance movement front group nations "
    "states state minister president secretary spokesman spokeswoman general mission board service "
    "fund programme program coalition authority authorities parliament congress senate officials official "
    "leader leaders chief spokesperson diplomats delegates envoy envoys troops soldiers rebels protesters "
    "foreign prime interior defence defense monday tuesday wednesday thursday friday saturday sunday "
    "today yesterday".split()
)


class _Mention:
    """The facts merging needs about one mention, computed once; `index` is its position in the input."""

    __slots__ = ("index", "key", "group", "day", "lo", "hi", "anchor", "negated", "by_publication", "actors", "place",
                 "words")

    def __init__(self, index: int, row: dict, words: frozenset[str]):
        self.index = index
        self.key = _canonical_key(row)
        self.group = _TYPE_GROUP.get(row.get("event_type"), row.get("event_type"))
        self.day = row.get("event_date")
        self.lo, self.hi = date_interval(row)
        self.anchor = row.get("date_precision") == "day" and row.get("date_basis") in _ANCHOR_BASES
        self.negated = row.get("modality") == "negated"
        self.by_publication = row.get("date_basis") == "publication"
        self.actors = actor_keys(row)
        self.place = place_key(row)
        self.words = words


def _canonical_key(row: dict) -> tuple:
    """Canonical order: earliest publication first, then article, offset and id."""
    published = row.get("published_at") or dt.date.max
    return (published, row.get("article_id") or "", row.get("trigger_start") or 0, row["mention_id"])


def date_interval(row: dict) -> tuple[dt.date | None, dt.date | None]:
    """The days a mention's date may stand for: one day, a week, a month, or up to its publication."""
    day, precision = row.get("event_date"), row.get("date_precision")
    if day is None:
        return None, None
    if row.get("date_basis") == "publication":  # no time expression: some day up to the article's
        return day - dt.timedelta(days=PUBLICATION_WINDOW), day
    if precision == "month":
        nxt = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return day, nxt - dt.timedelta(days=1)
    span = _PRECISION_DAYS.get(precision)
    if span is None:  # year or unknown: too vague to place on a day
        return None, None
    return day, day + dt.timedelta(days=span - 1)


def _norm_name(name: str) -> str:
    """Lower-case an actor or place name and drop possessives, dots and a leading article."""
    name = name.lower().replace("\u2019", "'").strip()
    if name.endswith("'s"):
        name = name[:-2]
    name = name.replace(".", "").strip()
    return name[4:] if name.startswith("the ") else name


def actor_keys(row: dict) -> frozenset[str]:
    """Keys that identify a mention's actors: full names, their last word, and country codes."""
    keys = set()
    for actor in row.get("actors") or []:
        name = _norm_name(actor)
        if "'s " in name:  # "sudan's rapid support forces" names the same group as "rapid support forces"
            keys.add(_norm_name(name.split("'s ", 1)[1]))
        words = name.split()
        if not words or all(w in _GENERIC for w in words):
            continue  # "the president", "police": a role names no one in particular
        keys.add(name)
        if 1 < len(words) <= 3 and words[-1] not in _GENERIC and len(words[-1]) > 2:
            keys.add(words[-1])  # a surname: "moammar gadhafi" is also "gadhafi"
    keys.update(f"#{c}" for c in row.get("actor_codes") or [])
    return frozenset(keys)


def place_key(row: dict) -> str | None:
    """The place as one comparable key (gazetteer id when known)."""
    if row.get("location_geonameid"):
        return f"g{row['location_geonameid']}"
    return _norm_name(row["location"]) if row.get("location") else None


def evidence_words(text: str | None) -> frozenset[str]:
    """Content words of an evidence sentence.

    Not cached across calls: a process-wide cache of sentences grows with the lake (tens of MB
    before it is full); callers share the words of one sentence among its mentions instead.
    """
    if not text:
        return frozenset()
    return frozenset(sys.intern(w) for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in _STOP)


def jaccard(a: frozenset, b: frozenset) -> float:
    """Share of words two sets have in common (of all their words)."""
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def similarity(a: frozenset, b: frozenset) -> float:
    """Cosine of two word sets: fair to a short sentence that retells part of a long one."""
    if not a or not b:
        return 0.0
    return len(a & b) / (len(a) * len(b)) ** 0.5


class Bands:
    """MinHash LSH band keys of each mention, one row per distinct sentence in a compact int64 array."""

    def __init__(self, table: np.ndarray, row_of: np.ndarray):
        self.table = table  # distinct sentences x bands
        self.row_of = row_of  # mention -> row of table, -1 for a mention with no words

    def __getitem__(self, i: int) -> list[int]:
        """The band keys of mention i."""
        row = self.row_of[i]
        return self.table[row].tolist() if row >= 0 else []

    def __len__(self) -> int:
        """The number of mentions."""
        return len(self.row_of)


def band_keys(mentions: list[_Mention]) -> Bands:
    """MinHash LSH band keys of every mention's evidence words, computed in one vectorised pass."""
    unique: dict[frozenset, int] = {}  # mentions of one sentence share one word set
    for m in mentions:
        if m.words:
            unique.setdefault(m.words, len(unique))
    row_of = np.array([unique[m.words] if m.words else -1 for m in mentions], dtype=np.int32)
    table = np.zeros((len(unique), _BANDS), dtype=np.int64)
    ids: list[int] = []
    starts: list[int] = []
    cache: dict[str, int] = {}
    for words in unique:
        starts.append(len(ids))
        for w in words:
            h = cache.get(w)
            if h is None:
                h = cache[w] = zlib.crc32(w.encode("utf-8"))
            ids.append(h)
    starts.append(len(ids))
    token_ids = np.array(ids, dtype=np.int64)
    for lo in range(0, len(starts) - 1, _CHUNK):  # bounded memory: a chunk of sentences at a time
        hi = min(lo + _CHUNK, len(starts) - 1)
        first, last = starts[lo], starts[hi]
        hashes = (token_ids[first:last, None] * _PERM_A + _PERM_B) % _PRIME
        mins = np.minimum.reduceat(hashes, np.array(starts[lo:hi], dtype=np.int64) - first, axis=0)
        # One integer per band: the band's two minima side by side, tagged with the band number.
        table[lo:hi] = (mins[:, 0::2] << 31 | mins[:, 1::2]) * _BANDS + np.arange(_BANDS, dtype=np.int64)
    return Bands(table, row_of)


def _conflict(a: frozenset | str | None, b: frozenset | str | None) -> bool:
    """Both sides known and nothing in common."""
    if not a or not b:
        return False
    if isinstance(a, str):
        return a != b
    return not (a & b)


def _linkable(a: _Mention, b: _Mention, sim: float, strict: bool = False) -> bool:
    """Whether two mentions of compatible type and date describe the same event."""
    if a.negated != b.negated or a.group != b.group:
        return False
    if sim >= OVERRIDE_SIMILARITY:
        return True
    if _conflict(a.actors, b.actors) or _conflict(a.place, b.place):
        return False
    shared = bool(a.actors & b.actors) or (a.place is not None and a.place == b.place)
    if strict:  # a mention dated only by its article needs both a shared actor or place and wording
        return sim >= LINK_SIMILARITY or (shared and sim >= LINK_SIMILARITY / 2)
    return shared or sim >= LINK_SIMILARITY


class _Sets:
    """Union-find over mention indexes; the root is always the canonically first member."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        """The root of i's set, compressing the path."""
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, i: int, j: int) -> None:
        """Join the sets of i and j under the smaller (canonically earlier) root."""
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def _keys(m: _Mention, bands: list[int]) -> list[tuple]:
    """The index keys of a mention: its actor keys, its place and its evidence bands."""
    keys: list[tuple] = [("a", k) for k in m.actors] + [("b", k) for k in bands]
    if m.place:
        keys.append(("p", m.place))
    return keys


def _link_block(members: list[int], items: list[_Mention], bands: Bands, sets: _Sets, strict: bool) -> None:
    """Link the mentions of one block through shared keys (inverted index, bounded postings)."""
    postings: dict[object, list[int]] = defaultdict(list)
    for i in members:
        m = items[i]
        keys = _keys(m, bands[i])
        seen: set[int] = set()
        for key in keys:
            plist = postings[key]
            for j in plist[-MAX_POSTINGS:]:
                if j in seen or sets.find(i) == sets.find(j):
                    continue
                seen.add(j)
                if _linkable(m, items[j], similarity(m.words, items[j].words), strict):
                    sets.union(i, j)
            plist.append(i)


def cluster(rows: list[dict]) -> list[list[dict]]:
    """Group mentions into events; each group is in canonical order, groups ordered by first mention."""
    cache: dict[str, frozenset[str]] = {}  # mentions of one sentence share its words
    items = []
    for i, r in enumerate(rows):
        text = r.get("evidence") or ""
        words = cache.get(text)
        if words is None:
            words = cache[text] = evidence_words(text)
        items.append(_Mention(i, r, words))
    return [[rows[i] for i in group] for _root, group in _cluster(items)]


def _cluster(items: list[_Mention]) -> list[tuple[tuple, list[int]]]:
    """The events of some mentions: (the key of the event's root mention, the `index` of its members in
    canonical order), in the order of the roots. The root is the canonically first anchor of an event (a
    vague mention that joined it may come earlier), else its first mention."""
    items.sort(key=lambda m: m.key)
    bands = band_keys(items)
    sets = _Sets(len(items))
    # Pass 1: anchors, blocked by type group and day.
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, m in enumerate(items):
        if m.anchor:
            blocks[(m.group, m.day)].append(i)
    for members in blocks.values():
        _link_block(members, items, bands, sets, strict=False)
    # Pass 2: vague mentions join the best anchor event inside their period. One type group at a time:
    # no mention looks outside its group, and only that group's index is held in memory.
    vague: dict[object, list[int]] = defaultdict(list)
    for i, m in enumerate(items):
        if not m.anchor and m.lo is not None:
            vague[m.group].append(i)
    leftovers: dict[tuple, list[int]] = defaultdict(list)
    for group, members in vague.items():
        days = sorted(day for g, day in blocks if g == group)
        anchor_days = [_AnchorDay(day, _anchor_index(blocks[(group, day)], items, bands), items, sets.find)
                       for day in days]
        for i in members:
            m = items[i]
            found = _best_anchor(m, _keys(m, bands[i]), anchor_days[bisect_left(days, m.lo) : bisect_right(days, m.hi)])
            if found is not None:
                _attach(sets, i, found[1])
            else:
                m = items[i]
                leftovers[(m.group, m.lo, m.hi, m.by_publication)].append(i)
    # Pass 3: the rest merge among themselves within the same period.
    for (_group, _lo, _hi, by_publication), members in leftovers.items():
        _link_block(members, items, bands, sets, strict=by_publication)
    groups: dict[int, list[int]] = defaultdict(list)
    for i, m in enumerate(items):
        groups[sets.find(i)].append(m.index)
    return [(items[root].key, groups[root]) for root in sorted(groups)]


def _anchor_index(members: list[int], items: list[_Mention], bands: Bands) -> dict[object, list[int]]:
    """The anchors of one (type group, day) block by index key."""
    index: dict[object, list[int]] = defaultdict(list)
    for i in members:
        for key in _keys(items[i], bands[i]):
            index[key].append(i)
    return index


def _attach(sets: _Sets, i: int, target: int) -> None:
    """Put vague mention i into the event of anchor `target` (its root stays the event's first anchor)."""
    sets.parent[sets.find(i)] = sets.find(target)


class _AnchorDay:
    """The anchors of one (type group, day) block as pass 2 sees them."""

    __slots__ = ("day", "index", "anchors", "root")

    def __init__(self, day: dt.date, index: dict[object, list[int]], anchors, root):
        self.day = day
        self.index = index  # index key -> positions in `anchors`, canonical order
        self.anchors = anchors  # position -> _Mention
        self.root = root  # position -> its event's root, ordered like the roots' canonical keys


def _best_anchor(m: _Mention, keys: list[tuple], anchor_days) -> tuple[_AnchorDay, int] | None:
    """The anchor whose event a vague mention fits best, as (its _AnchorDay, its position), or None.

    `anchor_days`: the _AnchorDay blocks of the mention's type group whose day lies in its period.
    """
    strict = m.by_publication
    best: tuple | None = None
    for block in anchor_days:
        index, anchors, day = block.index, block.anchors, block.day
        if index:
            seen: set[int] = set()
            for key in keys:
                for j in index.get(key, ())[:MAX_POSTINGS]:
                    if j in seen:
                        continue
                    seen.add(j)
                    other = anchors[j]
                    sim = similarity(m.words, other.words)
                    if not _linkable(m, other, sim, strict):
                        continue
                    shared = len(m.actors & other.actors) + (m.place is not None and m.place == other.place)
                    # Prefer wording, then shared actors/place, then the nearest day, then canonical order.
                    rank = (-sim, -shared, (m.hi - day).days, block.root(j))
                    if best is None or rank < best[0]:
                        best = (rank, block, j)
    return best[1:] if best else None


def merge_mentions(mentions: list[dict]) -> tuple[dict[str, str], list[dict]]:
    """Group mentions into events; return mention_id -> event_id and one events row per event.

    Mentions that carry an `event_id` from an earlier run hand it on to the event they land in.
    """
    with collector_paused():
        return _merge(mentions)


def _merge(mentions: list[dict]) -> tuple[dict[str, str], list[dict]]:
    """merge_mentions without the collector switch."""
    groups = cluster(mentions)
    ids = event_ids([[(m["mention_id"], m.get("event_id")) for m in group] for group in groups])
    assignment: dict[str, str] = {}
    events: list[dict] = []
    for event_id, group in zip(ids, groups):
        for m in group:
            assignment[m["mention_id"]] = event_id
        events.append(event_row(event_id, group))
    return assignment, events


# The columns clustering reads; the others are only needed for the events rows.
CLUSTER_COLUMNS = ("mention_id", "event_id", "article_id", "published_at", "trigger_start", "event_type", "event_date",
                   "date_precision", "date_basis", "modality", "actors", "actor_codes", "location", "location_geonameid")
EVENT_ROWS_CHUNK = 20000  # mentions turned back into dicts at a time to build the events rows


def merge_table(mentions: pa.Table) -> tuple[pa.Table, pa.Table]:
    """merge_mentions over an Arrow table of mentions: the mentions with their `event_id` set, and the events.

    The same events as merge_mentions on the table's rows, with far less memory: clustering reads a few
    columns, sentences are split into words once each, and rows live as dicts only a chunk at a time.
    """
    with collector_paused():
        return _merge_table(mentions)


def _merge_table(mentions: pa.Table) -> tuple[pa.Table, pa.Table]:
    """merge_table without the collector switch."""
    n = mentions.num_rows
    if n == 0:
        return mentions, to_arrow("events", [])
    # Mentions of different type groups never merge: cluster one group at a time, so that only the
    # largest group's clustering state is in memory at once, then order all events by their root mention.
    keyed: list[tuple[tuple, list[int]]] = []
    for rows in _type_group_rows(mentions.column("event_type")):
        keyed += _cluster_rows(mentions.take(rows), rows.tolist())
    keyed.sort(key=lambda kg: kg[0])
    groups = [group for _key, group in keyed]
    del keyed
    mention_ids = mentions.column("mention_id").to_pylist()
    old_ids = _shared_values(mentions.column("event_id"))
    ids = event_ids([[(mention_ids[i], old_ids[i]) for i in group] for group in groups])
    del mention_ids, old_ids
    assigned: list[str] = [""] * n
    events: list[pa.Table] = [to_arrow("events", [])]
    start = 0
    while start < len(groups):  # rows back as dicts, a chunk of events at a time
        stop, size = start, 0
        while stop < len(groups) and (size == 0 or size + len(groups[stop]) <= EVENT_ROWS_CHUNK):
            size += len(groups[stop])
            stop += 1
        flat = [i for group in groups[start:stop] for i in group]
        rows = iter(mentions.take(pa.array(flat, pa.int64())).to_pylist())
        chunk = []
        for event_id, group in zip(ids[start:stop], groups[start:stop]):
            members = [next(rows) for _ in group]
            for i in group:
                assigned[i] = event_id
            chunk.append(event_row(event_id, members))
        events.append(to_arrow("events", chunk))
        start = stop
    return with_column(mentions, "event_id", assigned), pa.concat_tables(events)


def _type_group_rows(types: pa.ChunkedArray) -> list[np.ndarray]:
    """Row numbers of each type group (types that merge as one, and missing types, share a group)."""
    encoded = pc.dictionary_encode(types).combine_chunks()
    codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False)
    group_of = [_TYPE_GROUP.get(t, t) for t in encoded.dictionary.to_pylist()]
    by_group: dict[object, list[int]] = defaultdict(list)
    for code, group in enumerate(group_of):
        by_group[group].append(code)
    out = [np.flatnonzero(np.isin(codes, found)) for found in by_group.values()]
    missing = np.flatnonzero(codes == -1)
    return [rows for rows in out + [missing] if len(rows)]


def _cluster_rows(part: pa.Table, rows: list[int]) -> list[tuple[tuple, list[int]]]:
    """The events of some mentions (`part`, rows `rows` of the whole table): (its root's key, its rows)."""
    return _cluster(mention_items(part, rows))


def mention_items(part: pa.Table, indexes: list, make=_Mention) -> list:
    """One `make(index, row, words)` (a _Mention) per row of an Arrow table, reading only the clustering columns."""
    cols = {c: _shared_values(part.column(c)) for c in CLUSTER_COLUMNS}
    sentences = pc.dictionary_encode(part.column("evidence")).combine_chunks()
    words = [evidence_words(t) for t in sentences.dictionary.to_pylist()]
    empty: frozenset[str] = frozenset()
    items = []
    for i, k in enumerate(sentences.indices.to_pylist()):
        items.append(make(indexes[i], {c: cols[c][i] for c in CLUSTER_COLUMNS}, words[k] if k is not None else empty))
    return items


def _shared_values(column: pa.ChunkedArray) -> list:
    """A column as Python values, one object per distinct value (types, dates, article ids repeat a lot)."""
    if pa.types.is_list(column.type) or pa.types.is_large_list(column.type):
        return column.to_pylist()
    encoded = pc.dictionary_encode(column).combine_chunks()
    values = encoded.dictionary.to_pylist()
    return [None if k is None else values[k] for k in encoded.indices.to_pylist()]


def event_ids(groups: list[list[tuple[str, str | None]]]) -> list[str]:
    """One distinct id per group of (mention id, earlier event id or None) pairs, in canonical order.

    An earlier run's id is kept where the group's mentions carry one, else a new id is derived. When
    mentions of one old event end up in two groups, the id stays with the group holding the mention it
    was derived from (else the one holding most of its mentions); the other gets a new id.
    """
    claims: dict[str, tuple[tuple, int]] = {}
    for gi, group in enumerate(groups):
        for old, (named, n) in claim_votes(group).items():
            key = (named, n, -gi)
            if old not in claims or key > claims[old][0]:
                claims[old] = (key, gi)
    owned: dict[int, set[str]] = defaultdict(set)
    for old, (_key, gi) in claims.items():
        owned[gi].add(old)
    return [group_id(group, owned.get(gi), claims.__contains__) for gi, group in enumerate(groups)]


def claim_votes(group: list[tuple[str, str | None]]) -> dict[str, tuple[bool, int]]:
    """Each earlier event id a group carries: (whether a carrier is the mention it was derived from, carriers)."""
    votes: dict[str, int] = defaultdict(int)
    for _mention, old in group:
        if old:
            votes[old] += 1
    return {old: (any(derived_id("event", mention) == old for mention, carried in group if carried == old), n)
            for old, n in votes.items()}


def group_id(group: list[tuple[str, str | None]], mine: set[str] | None, claimed) -> str:
    """A group's id: the earlier id it won (its first carrier's), else one derived from a member and not `claimed`."""
    if mine:  # the id its canonically first carrier had
        return next(carried for _mention, carried in group if carried in mine)
    fresh = (derived_id("event", mention) for mention, _old in group)
    return next((i for i in fresh if not claimed(i)), derived_id("event", "split", group[0][0]))


def _representative(group: list[dict]) -> dict:
    """The mention whose evidence shares most words with the others, preferring asserted, exact dates."""
    if len(group) == 1:
        return group[0]
    sample = group[:30]
    by_text: dict[str, frozenset[str]] = {}  # mentions of one sentence share its words
    for m in sample:
        text = m.get("evidence") or ""
        if text not in by_text:
            by_text[text] = evidence_words(text)
    words = [by_text[m.get("evidence") or ""] for m in sample]

    def rank(k: int) -> tuple:
        """Sort key: asserted, exactly dated, central, confident, first."""
        m = sample[k]
        centrality = sum(jaccard(words[k], w) for j, w in enumerate(words) if j != k)
        return (
            _MODALITY_RANK.get(m.get("modality"), 9) > 0,
            m.get("date_precision") != "day" or m.get("date_basis") not in _ANCHOR_BASES,
            -round(centrality, 6),
            -(m.get("confidence") or 0),
            k,
        )

    return sample[min(range(len(sample)), key=rank)]


def _dating(group: list[dict]) -> dict:
    """The mention that dates the event best: a day from a time expression, explicit first."""

    def rank(m: dict) -> tuple:
        """Sort key: dated, narrowest period, best basis."""
        precise = _PRECISION_DAYS.get(m.get("date_precision"), 999)
        return (m.get("event_date") is None, precise, _BASIS_RANK.get(m.get("date_basis"), 9))

    return min(group, key=rank)


def _union_list(group: list[dict], field: str) -> list[str]:
    """The values of a list field over all mentions, first-seen order, no repeats."""
    out: list[str] = []
    seen: set[str] = set()
    for m in group:
        for v in m.get(field) or []:
            if v not in seen:
                seen.add(v)
                out.append(v)
    return out


def event_row(event_id: str, group: list[dict]) -> dict:
    """One events row summarising a group of mentions (in canonical order)."""
    best = _representative(group)
    dating = _dating(group)
    types = defaultdict(int)
    for m in group:
        types[m["event_type"]] += 1
    event_type = max(types, key=lambda t: (types[t], t == best["event_type"], t))
    modality = min((m.get("modality") or "asserted" for m in group), key=lambda x: _MODALITY_RANK.get(x, 9))
    published = [m["published_at"] for m in group if m.get("published_at")]
    located = next((m for m in group if m.get("location")), best)
    typed = next(m for m in group if m["event_type"] == event_type)
    event_date = dating.get("event_date")
    return {
        "event_id": event_id,
        "event_type": event_type,
        "plover_type": typed.get("plover_type"),
        "cameo_root": typed.get("cameo_root"),
        "event_date": event_date,
        "date_precision": dating.get("date_precision"),
        "date_basis": dating.get("date_basis"),
        "time_value": dating.get("time_value"),
        "actors": _union_list(group, "actors"),
        "actor_codes": sorted({c for m in group for c in (m.get("actor_codes") or [])}),
        "recipient": _union_list(group, "recipient"),
        "location": located.get("location"),
        "location_geonameid": located.get("location_geonameid"),
        "location_country": located.get("location_country"),
        "location_lat": located.get("location_lat"),
        "location_lon": located.get("location_lon"),
        "location_precision": located.get("location_precision"),
        "quantities": _union_list(group, "quantities"),
        "modality": modality,
        "trigger": best.get("trigger"),
        "evidence": best.get("evidence"),
        "article_id": best.get("article_id"),
        "url": best.get("url"),
        "source": best.get("source"),
        "confidence": max((m.get("confidence") or 0.0) for m in group),
        "first_seen": min(published) if published else None,
        "last_seen": max(published) if published else None,
        "num_mentions": len(group),
        "num_articles": len({m["article_id"] for m in group}),
        "num_sources": len({m.get("source") or m["article_id"] for m in group}),
        "mention_ids": [m["mention_id"] for m in group],
        "event_month": event_date.strftime("%Y-%m") if event_date else "unknown",
    }
