"""MinHash LSH, shared by deduplication and merging: MinHash signatures of sets of 32-bit hashes and their
LSH band keys. The helper holds the method; each caller brings its parameters (permutations, bands, rows),
so that its verdicts stay its own."""

from __future__ import annotations

import numpy as np

_CHUNK = 20000  # sets hashed at a time: bounded memory for any number of sets
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1, _MIX2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)


def permutations(count: int, prime: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) of `count` universal hash functions h -> (a*h + b) mod prime, drawn from a seeded generator."""
    rng = np.random.default_rng(seed)
    return rng.integers(1, prime, size=count, dtype=np.int64), rng.integers(0, prime, size=count, dtype=np.int64)


def signatures(hashes: np.ndarray, starts: np.ndarray, a: np.ndarray, b: np.ndarray, prime: int) -> np.ndarray:
    """The MinHash signature of each set, one row per set: set i is hashes[starts[i]:starts[i+1]] (none empty).

    Vectorised over many sets; with hashes below 2**32 (crc32) and a prime below 2**31, a*h+b fits in int64.
    """
    n = len(starts) - 1
    out = np.zeros((n, len(a)), dtype=np.int64)
    for lo in range(0, n, _CHUNK):
        hi = min(lo + _CHUNK, n)
        first, last = starts[lo], starts[hi]
        permuted = (hashes[first:last, None] * a + b) % prime
        out[lo:hi] = np.minimum.reduceat(permuted, np.asarray(starts[lo:hi], dtype=np.int64) - first, axis=0)
    return out


def band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 64-bit key per LSH band of each signature row (bands x rows values; the band's number is in the
    key): two signatures share a key exactly when they agree on that band (up to a 2**-64 collision)."""
    values = np.ascontiguousarray(signatures[:, : bands * rows], dtype=np.uint64).reshape(len(signatures), bands, rows)
    with np.errstate(over="ignore"):  # the mixing multiplies modulo 2**64 on purpose
        keys = _mix(np.arange(1, bands + 1, dtype=np.uint64) * _GOLDEN)[None, :].repeat(len(values), axis=0)
        for r in range(rows):
            keys = _mix(keys ^ values[:, :, r])
    return keys


def _mix(x: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser: every input bit reaches every output bit, and distinct inputs stay distinct."""
    x = x ^ (x >> np.uint64(30))
    x = x * _MIX1
    x = x ^ (x >> np.uint64(27))
    x = x * _MIX2
    return x ^ (x >> np.uint64(31))
