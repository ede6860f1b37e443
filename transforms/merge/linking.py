"""Linking mentions into events: the three passes (anchors, vague mentions, leftovers) over a union-find."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict

from transforms.merge.features import Mention, evidence_words, similarity
from transforms.merge.minhash import Bands, band_keys

MAX_POSTINGS = 40  # each mention is compared with at most this many earlier holders of a key
# Evidence similarity: cosine of content-word sets; MinHash bands only propose candidates.
LINK_SIMILARITY = 0.35  # cosine of content words: enough on its own when actors and place do not conflict
OVERRIDE_SIMILARITY = 0.7  # near-identical wording links even when extracted actors disagree


def _conflict(a: frozenset | str | None, b: frozenset | str | None) -> bool:
    """Both sides known and nothing in common."""
    if not a or not b:
        return False
    if isinstance(a, str):
        return a != b
    return not (a & b)


def linkable(a: Mention, b: Mention, sim: float, strict: bool = False) -> bool:
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


class UnionFind:
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


def index_keys(m: Mention, bands: list[int]) -> list:
    """The index keys of a mention: its actor keys (strings), its evidence bands (integers) and its place (a pair).

    The three kinds never compare equal (a string, an int, a tuple), so no tag is needed on the many actor and
    band keys: building and hashing a tuple per key was a tenth of the window merge.
    """
    keys: list = [*m.actors, *bands]
    if m.place:
        keys.append(("p", m.place))
    return keys


def link_block(members: list[int], items: list[Mention], bands: Bands, sets: UnionFind,
               strict: bool) -> dict[object, list[int]]:
    """Link the mentions of one block through shared keys (inverted index, bounded postings); return the index
    (each key's members, in order: anchor_index's, for a caller that needs both)."""
    postings: dict[object, list[int]] = defaultdict(list)
    for i in members:
        m = items[i]
        keys = index_keys(m, bands[i])
        seen: set[int] = set()
        for key in keys:
            plist = postings[key]
            for j in plist[-MAX_POSTINGS:]:
                if j in seen or sets.find(i) == sets.find(j):
                    continue
                seen.add(j)
                if linkable(m, items[j], similarity(m.words, items[j].words), strict):
                    sets.union(i, j)
            plist.append(i)
    return postings


def cluster(rows: list[dict]) -> list[list[dict]]:
    """Group mentions into events; each group is in canonical order, groups ordered by first mention."""
    cache: dict[str, frozenset[str]] = {}  # mentions of one sentence share its words
    items = []
    for i, r in enumerate(rows):
        text = r.get("evidence") or ""
        words = cache.get(text)
        if words is None:
            words = cache[text] = evidence_words(text)
        items.append(Mention(i, r, words))
    return [[rows[i] for i in group] for _root, group in cluster_mentions(items)]


def cluster_mentions(items: list[Mention]) -> list[tuple[tuple, list[int]]]:
    """The events of some mentions: (the key of the event's root mention, the `index` of its members in
    canonical order), in the order of the roots. The root is the canonically first anchor of an event (a
    vague mention that joined it may come earlier), else its first mention."""
    items.sort(key=lambda m: m.key)
    bands = band_keys(items)
    sets = UnionFind(len(items))
    # Pass 1: anchors, blocked by type group and day.
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, m in enumerate(items):
        if m.anchor:
            blocks[(m.group, m.day)].append(i)
    for members in blocks.values():
        link_block(members, items, bands, sets, strict=False)
    # Pass 2: vague and undated mentions join the best anchor event inside their period. One group at a time:
    # no mention looks outside its group, and only that group's index is held in memory.
    vague: dict[object, list[int]] = defaultdict(list)
    for i, m in enumerate(items):
        if not m.anchor and m.lo is not None:
            vague[m.group].append(i)
    leftovers: dict[tuple, list[int]] = defaultdict(list)
    for group, members in vague.items():
        days = sorted(day for g, day in blocks if g == group)
        anchor_days = [AnchorDay(day, anchor_index(blocks[(group, day)], items, bands), items, sets.find)
                       for day in days]
        for i in members:
            m = items[i]
            found = best_anchor(m, index_keys(m, bands[i]), anchor_days[bisect_left(days, m.lo) : bisect_right(days, m.hi)])
            if found is not None:
                attach_to_anchor(sets, i, found[1])
            elif m.day is not None:  # an undated mention that joined no anchor stays an event of its own
                leftovers[(m.group, m.lo, m.hi, m.by_publication)].append(i)
    # Pass 3: the rest merge among themselves within the same period.
    for (_group, _lo, _hi, by_publication), members in leftovers.items():
        link_block(members, items, bands, sets, strict=by_publication)
    groups: dict[int, list[int]] = defaultdict(list)
    for i, m in enumerate(items):
        groups[sets.find(i)].append(m.index)
    return [(items[root].key, groups[root]) for root in sorted(groups)]


def anchor_index(members: list[int], items: list[Mention], bands: Bands) -> dict[object, list[int]]:
    """The anchors of one (type group, day) block by index key."""
    index: dict[object, list[int]] = defaultdict(list)
    for i in members:
        for key in index_keys(items[i], bands[i]):
            index[key].append(i)
    return index


def attach_to_anchor(sets: UnionFind, i: int, target: int) -> None:
    """Put vague mention i into the event of anchor `target` (its root stays the event's first anchor)."""
    sets.parent[sets.find(i)] = sets.find(target)


class AnchorDay:
    """The anchors of one (type group, day) block as pass 2 sees them."""

    __slots__ = ("day", "index", "anchors", "root")

    def __init__(self, day: dt.date, index: dict[object, list[int]], anchors, root):
        self.day = day
        self.index = index  # index key -> positions in `anchors`, canonical order
        self.anchors = anchors  # position -> Mention
        self.root = root  # position -> its event's root, ordered like the roots' canonical keys


def best_anchor(m: Mention, keys: list, anchor_days) -> tuple[AnchorDay, int] | None:
    """The anchor whose event a vague mention fits best, as (its AnchorDay, its position), or None.

    `anchor_days`: the AnchorDay blocks of the mention's type group whose day lies in its period.
    """
    return best_posted(m, ((block, block.index[key]) for block in anchor_days for key in keys if key in block.index))


def best_posted(m: Mention, postings) -> tuple[AnchorDay, int] | None:
    """best_anchor over the postings that hold one of the mention's keys, as (AnchorDay, its positions for that key)
    pairs of the mention's period and type group, in any order: the best rank is unique up to anchors of one event."""
    strict = m.by_publication
    best: tuple | None = None
    seen: set[tuple] = set()  # (day, position): an anchor holding several of the keys is scored once
    for block, positions in postings:
        day = block.day
        for j in positions[:MAX_POSTINGS]:
            if (day, j) in seen:
                continue
            seen.add((day, j))
            other = block.anchors[j]
            sim = similarity(m.words, other.words)
            if not linkable(m, other, sim, strict):
                continue
            shared = len(m.actors & other.actors) + (m.place is not None and m.place == other.place)
            # Prefer wording, then shared actors/place, then the nearest day, then canonical order.
            rank = (-sim, -shared, (m.hi - day).days, block.root(j))
            if best is None or rank < best[0]:
                best = (rank, block, j)
    return best[1:] if best else None
