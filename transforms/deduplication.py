"""Mark duplicate articles: exact (same content or canonical URL) and near (syndicated copies) (pure).

Near-duplicates are found with MinHash signatures of word 5-grams in an LSH index (datasketch), then
confirmed on the real 5-gram sets: copies of one wire story differ by an outlet's credit line, a
trimmed last paragraph or a changed headline, so they share most 5-grams while two stories on the
same topic share few.
"""

from __future__ import annotations

import zlib

import numpy as np

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
    words = [w.strip(_STRIP) for w in text.lower().split()]
    words = [w for w in words if w]
    grams = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    return np.unique(np.fromiter((zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint32, count=len(grams)))


def similar(a: np.ndarray, b: np.ndarray) -> bool:
    """True when two shingle sets are copies of one text (Jaccard or containment of the shorter)."""
    if not len(a) or not len(b):
        return False
    common = np.intersect1d(a, b, assume_unique=True).size
    return common / (len(a) + len(b) - common) >= MIN_JACCARD or common / min(len(a), len(b)) >= MIN_CONTAINMENT


class NearIndex:
    """An LSH index of the originals seen so far, in the order they were added."""

    def __init__(self) -> None:
        self._lsh = None
        self.permutations = None
        self.scheme = None
        self.sets: dict[str, np.ndarray] = {}
        self.order: dict[str, int] = {}
        self._known = 0  # originals from the lake added so far: they rank before every row of the run

    @property
    def lsh(self):
        """The LSH index, built on first use (datasketch is slow to import; short texts never need it)."""
        if self._lsh is None:
            from datasketch import MinHash, MinHashLSH

            self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
            first = MinHash(num_perm=NUM_PERM)
            self.permutations, self.scheme = first.permutations, first.scheme  # drawn once, not per signature
        return self._lsh

    def signature(self, grams: np.ndarray):
        """The MinHash of a shingle set; its crc32 hashes are the values (stable, far cheaper than sha1)."""
        from datasketch import MinHash

        m = MinHash(num_perm=NUM_PERM, hashfunc=int, permutations=self.permutations, scheme=self.scheme)
        m.update_batch(grams.tolist())
        return m

    def find(self, grams: np.ndarray):
        """The first-added original this set copies, or None; also returns the signature for `add`."""
        if len(grams) < MIN_WORDS - SHINGLE + 1:
            return None, None
        lsh = self.lsh
        sig = self.signature(grams)
        matches = [key for key in lsh.query(sig) if similar(grams, self.sets[key])]
        return (min(matches, key=self.order.__getitem__) if matches else None), sig

    def add(self, key: str, grams: np.ndarray, sig=None, known: bool = False) -> None:
        """Index an original; a `known` one (already in the lake) ranks before the run's own rows."""
        if len(grams) < MIN_WORDS - SHINGLE + 1 or key in self.sets:
            return
        lsh = self.lsh
        lsh.insert(key, sig if sig is not None else self.signature(grams))
        self.sets[key] = grams
        if known:
            self._known += 1
        # Lake originals come first whichever chunk of the run added them, as when all were added at once.
        self.order[key] = self._known - KNOWN_RANK if known else len(self.order)

    def remove(self, key: str) -> None:
        """Forget an original (its row is being replaced)."""
        if key in self.sets:
            self.lsh.remove(key)
            del self.sets[key]
            del self.order[key]


class Deduplicator:
    """What a run has seen so far (ids, canonical URLs, the near-duplicate index), kept across chunks.

    Marking the rows of a run chunk by chunk gives the same verdicts as marking them all at once:
    a copy in a later chunk still finds its original in an earlier one.
    """

    def __init__(self, known_ids: set[str], known_urls: dict[str, str], near: bool = True) -> None:
        self.seen_ids = set(known_ids)
        self.seen_urls = dict(known_urls)
        self.index = NearIndex() if near else None
        self.known_ids = known_ids  # the lake's ids (not copied)
        self.known_originals: set[str] = set()  # lake ids some row was marked a copy of

    def add_known(self, texts: dict[str, str]) -> None:
        """Index originals already in the lake (id -> text) that new rows may be near copies of."""
        if self.index is not None:
            for key, text in texts.items():
                if key not in self.index.sets:
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
            original, kind, grams, sig = None, None, None, None
            if row["article_id"] in seen_ids:
                original, kind = row["article_id"], "exact"
            elif row.get("canonical_url") and row["canonical_url"] in seen_urls:
                original, kind = seen_urls[row["canonical_url"]], "url"
            elif index is not None:
                grams = shingles(row["text"])
                match, sig = index.find(grams)
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
                index.add(row["article_id"], grams if grams is not None else shingles(row["text"]), sig)
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
