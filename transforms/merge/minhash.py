"""MinHash LSH band keys of evidence word sets: candidate pairs for linking, computed in one vectorised pass."""

from __future__ import annotations

import zlib

import numpy as np

from transforms.merge.features import Mention

BANDS, ROWS = 12, 2  # a pair sharing a quarter of its words is proposed with p ~ 0.54, half with p ~ 0.97
_CHUNK = 20000
_PRIME = (1 << 31) - 1
_RNG = np.random.default_rng(20260220)
_PERM_A = _RNG.integers(1, _PRIME, size=BANDS * ROWS, dtype=np.int64)
_PERM_B = _RNG.integers(0, _PRIME, size=BANDS * ROWS, dtype=np.int64)


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


def band_keys(mentions: list[Mention]) -> Bands:
    """MinHash LSH band keys of every mention's evidence words, computed in one vectorised pass."""
    unique: dict[frozenset, int] = {}  # mentions of one sentence share one word set
    for m in mentions:
        if m.words:
            unique.setdefault(m.words, len(unique))
    row_of = np.array([unique[m.words] if m.words else -1 for m in mentions], dtype=np.int32)
    table = np.zeros((len(unique), BANDS), dtype=np.int64)
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
        table[lo:hi] = (mins[:, 0::2] << 31 | mins[:, 1::2]) * BANDS + np.arange(BANDS, dtype=np.int64)
    return Bands(table, row_of)
