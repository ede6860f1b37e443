"""Mark duplicate articles: exact (same content or canonical URL) and near (syndicated copies) (pure).

Near-duplicates are found with MinHash signatures (datasketch) of word 5-grams in an LSH index (band
keys from transforms.lsh, the helper merging shares), then confirmed on the real 5-gram sets: copies of
one wire story differ by an outlet's credit line, a trimmed last paragraph or a changed headline, so they
share most 5-grams while two stories on the same topic share few.
"""

from __future__ import annotations

import zlib
from itertools import accumulate, repeat

import numpy as np

from transforms import lsh
from transforms.articles import derived_id

SHINGLE = 5  # words per shingle
NUM_PERM = 64  # MinHash permutations: enough for a 0.5 LSH threshold, cheap to compute
LSH_THRESHOLD = 0.5  # candidate recall: lower than the confirmation thresholds below
MIN_JACCARD = 0.6  # confirmed when the two 5-gram sets overlap this much ...
MIN_CONTAINMENT = 0.85  # ... or the shorter text is almost wholly inside the longer (a trimmed copy)
MIN_WORDS = 40  # shorter texts are only compared exactly: a few shared phrases are not a copy
KNOWN_RANK = 1 << 40  # lake originals get ranks below every run row's rank
_STRIP = ".,;:!?\"'()[]{}«»“”‘’—–-"


def shingles(text: str) -> np.ndarray:
    """The set of lower-cased word 5-grams (punctuation stripped from word ends), as sorted crc32 hashes.

    Hashes, not strings: the index keeps one set per original for the whole run, and 400 strings
    cost about 60 kB where 400 hashes cost 1.6 kB.
    """
    words = [w for w in map(str.strip, text.lower().split(), repeat(_STRIP)) if w]
    count = len(words) - SHINGLE + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint32)
    # Each 5-gram is a slice of the words joined once, hashed as it is: repeats go after sorting, so no set
    # of joined strings is built (that, and a string per gram, were two thirds of this function).
    joined = " ".join(words).encode("utf-8")
    sizes = map(len, words) if text.isascii() else (len(w.encode("utf-8")) for w in words)
    starts = list(accumulate(sizes, lambda at, size: at + size + 1, initial=0))  # byte offset of each word, and the end + 1
    grams = map(joined.__getitem__, map(slice, starts[:count], [at - 1 for at in starts[SHINGLE:]]))
    hashes = np.sort(np.fromiter(map(zlib.crc32, grams), dtype=np.uint32, count=count))
    return hashes[np.concatenate(([True], hashes[1:] != hashes[:-1]))]  # np.unique's result, without its overhead


def similar(a: np.ndarray, b: np.ndarray) -> bool:
    """True when two shingle sets are copies of one text (Jaccard or containment of the shorter)."""
    if not len(a) or not len(b):
        return False
    common = np.intersect1d(a, b, assume_unique=True).size
    return common / (len(a) + len(b) - common) >= MIN_JACCARD or common / min(len(a), len(b)) >= MIN_CONTAINMENT


# LSH banding for LSH_THRESHOLD and NUM_PERM: datasketch's optimal (bands, rows) for them, pinned so the
# index needs no MinHashLSH (whose dict-of-sets storage costs about 5 kB per original; this one ~0.3 kB).
BANDS, ROWS = 14, 4
COMPACT_EVERY = 4096  # originals kept in the dict of recent band keys before they move into a sorted run


def band_keys(hashvalues: np.ndarray) -> np.ndarray:
    """One 64-bit key per LSH band of a MinHash signature (the band's number is part of the key)."""
    return lsh.band_keys(hashvalues[None, :], BANDS, ROWS)[0]


class BandIndex:
    """Slots by LSH band key: sorted runs of (key, slot) arrays, plus a dict of the most recent keys.

    Runs merge like a binary counter (a run absorbs the ones no bigger than itself), so adding n
    originals costs O(n log n) and a lookup searches O(log n) runs.
    """

    def __init__(self) -> None:
        self._recent: dict[int, list[int]] = {}
        self._pending = 0
        self._runs: list[tuple[np.ndarray, np.ndarray]] = []

    def add(self, keys: np.ndarray, slot: int) -> None:
        """File a slot under each of its band keys."""
        for key in keys.tolist():
            self._recent.setdefault(key, []).append(slot)
        self._pending += 1
        if self._pending >= COMPACT_EVERY:
            self._compact()

    def query(self, keys: np.ndarray) -> set[int]:
        """Every slot filed under at least one of the keys."""
        found: set[int] = set()
        for key in keys.tolist():
            found.update(self._recent.get(key, ()))
        for run_keys, run_slots in self._runs:
            starts, stops = np.searchsorted(run_keys, keys, "left"), np.searchsorted(run_keys, keys, "right")
            for start, stop in zip(starts.tolist(), stops.tolist()):
                if start < stop:
                    found.update(run_slots[start:stop].tolist())
        return found

    def _compact(self) -> None:
        """Move the recent keys into a sorted run; merge runs no bigger than it."""
        pairs = [(key, slot) for key, slots in self._recent.items() for slot in slots]
        keys = np.fromiter((k for k, _ in pairs), dtype=np.uint64, count=len(pairs))
        slots = np.fromiter((s for _, s in pairs), dtype=np.int64, count=len(pairs))
        self._recent, self._pending = {}, 0
        while self._runs and len(self._runs[-1][0]) <= len(keys):
            older_keys, older_slots = self._runs.pop()
            keys, slots = np.concatenate([older_keys, keys]), np.concatenate([older_slots, slots])
        order = np.argsort(keys, kind="stable")
        self._runs.append((keys[order], slots[order]))


class ShingleSets:
    """The shingle sets of indexed originals by slot, in memory (flows keep them in a file instead)."""

    def __init__(self) -> None:
        self._sets: dict[int, np.ndarray] = {}

    def put(self, slot: int, grams: np.ndarray) -> None:
        """Keep the set of a slot."""
        self._sets[slot] = grams

    def get(self, slot: int) -> np.ndarray:
        """The set of a slot."""
        return self._sets[slot]

    def drop(self, slot: int) -> None:
        """Forget the set of a slot."""
        self._sets.pop(slot, None)

    def close(self) -> None:
        """Forget every set."""
        self._sets.clear()


class NearIndex:
    """An LSH index of the originals seen so far, in the order they were added.

    Each original gets a slot: its band keys go to a BandIndex, its shingle set to `sets` (any object
    with put/get/drop), its id and rank to plain lists.
    """

    def __init__(self, sets: ShingleSets | None = None) -> None:
        self.permutations = None
        self.scheme = None
        self.sets = sets if sets is not None else ShingleSets()
        self.bands = BandIndex()
        self.slot_of: dict[str, int] = {}
        self.keys: list[str | None] = []  # slot -> id (None once removed)
        self.ranks: list[int] = []  # slot -> rank: lower wins
        self._known = 0  # originals from the lake added so far: they rank before every row of the run

    def signature(self, grams: np.ndarray) -> np.ndarray:
        """The MinHash values of a shingle set; its crc32 hashes are the values (stable, far cheaper than sha1)."""
        from datasketch import MinHash

        if self.permutations is None:  # drawn once, not per signature (datasketch is slow to import: lazily)
            first = MinHash(num_perm=NUM_PERM)
            self.permutations, self.scheme = first.permutations, first.scheme
        m = MinHash(num_perm=NUM_PERM, hashfunc=int, permutations=self.permutations, scheme=self.scheme)
        m.update_batch(grams.tolist())
        return m.hashvalues

    def find(self, grams: np.ndarray):
        """The first-added original this set copies, or None; also returns the band keys for `add`."""
        if len(grams) < MIN_WORDS - SHINGLE + 1:
            return None, None
        keys = band_keys(self.signature(grams))
        live = [s for s in self.bands.query(keys) if self.keys[s] is not None]
        matches = [s for s in sorted(live) if similar(grams, self.sets.get(s))]
        return (self.keys[min(matches, key=self.ranks.__getitem__)] if matches else None), keys

    def add(self, key: str, grams: np.ndarray, keys: np.ndarray | None = None, known: bool = False) -> None:
        """Index an original; a `known` one (already in the lake) ranks before the run's own rows."""
        if len(grams) < MIN_WORDS - SHINGLE + 1 or key in self.slot_of:
            return
        slot = len(self.keys)
        if known:
            self._known += 1
        # Lake originals come first whichever chunk of the run added them, as when all were added at once.
        self.ranks.append(self._known - KNOWN_RANK if known else len(self.slot_of))
        self.keys.append(key)
        self.slot_of[key] = slot
        self.sets.put(slot, grams)
        self.bands.add(keys if keys is not None else band_keys(self.signature(grams)), slot)

    def remove(self, key: str) -> None:
        """Forget an original (its row is being replaced)."""
        slot = self.slot_of.pop(key, None)
        if slot is not None:
            self.keys[slot] = None
            self.sets.drop(slot)

    def __contains__(self, key: str) -> bool:
        """True when an original is indexed."""
        return key in self.slot_of


class Deduplicator:
    """What a run has seen so far (ids, canonical URLs, the near-duplicate index), kept across chunks.

    Marking the rows of a run chunk by chunk gives the same verdicts as marking them all at once:
    a copy in a later chunk still finds its original in an earlier one.
    """

    def __init__(
        self, known_ids: set[str], known_urls: dict[str, str], near: bool = True, sets: ShingleSets | None = None
    ) -> None:
        self.seen_ids = set(known_ids)
        self.seen_urls = dict(known_urls)
        self.index = NearIndex(sets) if near else None
        self.known_ids = known_ids  # the lake's ids (not copied)
        self.known_originals: set[str] = set()  # lake ids some row was marked a copy of

    def add_known(self, texts: dict[str, str]) -> None:
        """Index originals already in the lake (id -> text) that new rows may be near copies of."""
        if self.index is not None:
            for key, text in texts.items():
                if key not in self.index:
                    self.index.add(key, shingles(text), known=True)

    def forget(self, ids: set[str]) -> None:
        """Drop originals whose rows are being replaced: nothing may be marked a copy of them any more."""
        self.seen_ids -= ids
        for url in [u for u, a in self.seen_urls.items() if a in ids]:
            del self.seen_urls[url]
        if self.index is not None:
            for key in ids:
                self.index.remove(key)

    def mark(self, rows: list[dict]) -> list[dict]:
        """Set `duplicate_of`/`duplicate_kind` on rows repeating a known or earlier article; ids stay unique."""
        seen_ids, seen_urls, index = self.seen_ids, self.seen_urls, self.index
        for row in rows:
            original, kind, grams, bands = None, None, None, None
            if row["article_id"] in seen_ids:
                original, kind = row["article_id"], "exact"
            elif row.get("canonical_url") and row["canonical_url"] in seen_urls:
                original, kind = seen_urls[row["canonical_url"]], "url"
            elif index is not None:
                grams = shingles(row["text"])
                match, bands = index.find(grams)
                if match is not None:
                    original, kind = match, "near"
            if original is not None:
                if original in self.known_ids:
                    self.known_originals.add(original)
                row["duplicate_of"] = original
                row["duplicate_kind"] = kind
                row["article_id"] = derived_id(original, row["input"])
                continue
            seen_ids.add(row["article_id"])
            if row.get("canonical_url"):
                seen_urls[row["canonical_url"]] = row["article_id"]
            if index is not None:
                index.add(row["article_id"], grams if grams is not None else shingles(row["text"]), bands)
        return rows


def mark_duplicates(
    rows: list[dict],
    known_ids: set[str],
    known_urls: dict[str, str],
    known_texts: dict[str, str] | None = None,
    near: bool = True,
) -> list[dict]:
    """Set `duplicate_of`/`duplicate_kind` on rows repeating a known or earlier article; ids stay unique.

    A duplicate keeps its own row (nothing is lost) with an id derived from the original id and its
    input, so the articles table has one row per input and `article_id` stays a key. `known_texts`
    holds originals already in the lake (id -> text) that a new row may be a near copy of.
    """
    dedup = Deduplicator(known_ids, known_urls, near)
    dedup.add_known(known_texts or {})
    return dedup.mark(rows)
