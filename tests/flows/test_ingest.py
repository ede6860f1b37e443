"""The run's near-duplicate state: shingle sets kept in a temporary file, dropped before the merge."""

from __future__ import annotations

import numpy as np
import pytest

from flows.ingest import ArticleBuilder, SpilledShingles
from flows.lake import Lake
from tests.transforms.test_deduplication import OTHER, WIRE
from transforms.documents import RawDocument


def test_spilled_sets_read_back_exactly_and_dropped_ones_are_gone():
    store = SpilledShingles()
    sets = [np.array([3, 9, 2**32 - 1], dtype=np.uint32), np.array([], dtype=np.uint32), np.arange(500, dtype=np.uint32)]
    for slot, grams in enumerate(sets):
        store.put(slot, grams)
    for slot, grams in enumerate(sets):
        assert np.array_equal(store.get(slot), grams) and store.get(slot).dtype == np.uint32
    store.drop(0)
    with pytest.raises(KeyError):
        store.get(0)
    with pytest.raises(ValueError):
        store.put(7, sets[0])  # slots come in order: a gap would misplace every later set
    store.close()


def test_builder_finds_copies_across_chunks_with_spilled_sets_and_releases_its_state(tmp_path):
    builder = ArticleBuilder(Lake(str(tmp_path / "lake")), {"ids": set(), "urls": {}, "inputs": {}}, "r1")
    assert isinstance(builder.dedup.index.sets, SpilledShingles)
    first = builder.build([RawDocument("wire.txt", WIRE), RawDocument("other.txt", OTHER)])
    [copy] = builder.build([RawDocument("copy.txt", "From wire reports. " + WIRE)])
    assert (copy["duplicate_of"], copy["duplicate_kind"]) == (first[0]["article_id"], "near")
    builder.release()
    assert builder.dedup is None and builder.conflicted is False
