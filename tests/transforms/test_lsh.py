"""The MinHash LSH helper that deduplication and merging share (transforms.lsh)."""

from __future__ import annotations

import numpy as np

from transforms import lsh

PRIME = (1 << 31) - 1


def test_band_keys_agree_exactly_on_agreeing_bands():
    sigs = np.array([[1, 2, 3, 4, 5, 6], [1, 2, 9, 4, 5, 6], [2, 1, 3, 4, 6, 5]], dtype=np.uint32)
    keys = lsh.band_keys(sigs, bands=3, rows=2)
    assert keys.shape == (3, 3) and keys.dtype == np.uint64
    assert keys[0, 0] == keys[1, 0] and keys[0, 2] == keys[1, 2]  # same bands, same keys
    assert keys[0, 1] != keys[1, 1]  # one value differs
    assert keys[0, 0] != keys[2, 0] and keys[0, 2] != keys[2, 2]  # the order of a band's values counts
    assert len(set(lsh.band_keys(np.zeros((1, 6)), 3, 2)[0].tolist())) == 3  # the band's number is in the key


def test_signatures_are_the_minimum_of_each_permutation_over_each_set():
    a, b = lsh.permutations(4, PRIME, seed=5)
    hashes = np.array([10, 20, 30, 4_000_000_000, 7], dtype=np.int64)  # crc32 values reach 2**32
    sigs = lsh.signatures(hashes, np.array([0, 3, 5]), a, b, PRIME)
    for row, members in ((0, [10, 20, 30]), (1, [4_000_000_000, 7])):
        expected = [min((int(x) * int(ai) + int(bi)) % PRIME for x in members) for ai, bi in zip(a, b)]
        assert sigs[row].tolist() == expected


def test_similar_sets_share_a_band_and_unrelated_ones_do_not():
    a, b = lsh.permutations(24, PRIME, seed=20260220)
    base = np.arange(1000, 1040, dtype=np.int64)
    near = np.concatenate([base[:38], [5, 6]])
    other = np.arange(9000, 9040, dtype=np.int64)
    sigs = lsh.signatures(np.concatenate([base, near, other]), np.array([0, 40, 80, 120]), a, b, PRIME)
    keys = lsh.band_keys(sigs, 12, 2)
    assert set(keys[0].tolist()) & set(keys[1].tolist())
    assert not set(keys[0].tolist()) & set(keys[2].tolist())


def test_deduplication_and_merging_use_the_helper_with_their_own_parameters():
    from transforms import deduplication
    from transforms.merge import minhash

    sig = np.arange(64, dtype=np.uint32)
    assert deduplication.band_keys(sig).tolist() == lsh.band_keys(sig[None, :], 14, 4)[0].tolist()
    assert (deduplication.BANDS, deduplication.ROWS, minhash.BANDS, minhash.ROWS) == (14, 4, 12, 2)
    a, b = lsh.permutations(24, PRIME, seed=20260220)
    assert (minhash._PERM_A == a).all() and (minhash._PERM_B == b).all()
