"""MinHash LSH band keys of evidence word sets: candidate pairs for linking, computed in one vectorised pass
(transforms.lsh, with merging's own permutations and banding)."""

from __future__ import annotations

import zlib

import numpy as np

from transforms import lsh
from transforms.merge.features import Mention

BANDS, ROWS = 12, 2  # a pair sharing a quarter of its words is proposed with p ~ 0.54, half with p ~ 0.97
_PRIME = (1 << 31) - 1
_PERM_A, _PERM_B = lsh.permutations(BANDS * ROWS, _PRIME, seed=20260220)


class Bands:
    """MinHash LSH band keys of each mention, one row per distinct sentence in a compact uint64 array."""

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
    sigs = lsh.signatures(np.array(ids, dtype=np.int64), np.array(starts, dtype=np.int64), _PERM_A, _PERM_B, _PRIME)
    return Bands(lsh.band_keys(sigs, BANDS, ROWS), row_of)
