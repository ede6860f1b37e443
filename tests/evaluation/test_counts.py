"""The scorers' shared tallies (evaluation/counts.py)."""

from __future__ import annotations

import pytest

from evaluation.counts import Tally, bump, prf, ratio
from evaluation.meantime import AnchorScore


class Pair(Tally):
    """Two counts."""

    COUNTS = "hits misses"


def test_tallies_start_at_zero_take_keywords_and_add_up():
    a, b = Pair(hits=2), Pair(hits=1, misses=4)
    a.add(b)
    assert a.counts() == {"hits": 3, "misses": 4} and b.counts() == {"hits": 1, "misses": 4}
    with pytest.raises(TypeError, match="no counts typo"):
        Pair(typo=1)


def test_anchor_scores_add_counts_and_errors():
    total, one = AnchorScore(), AnchorScore(docs=1, gold=3, right=2)
    one.errors.append("doc1 wrong")
    total.add(one)
    total.add(one)
    assert (total.docs, total.gold, total.right, total.errors) == (2, 6, 4, ["doc1 wrong", "doc1 wrong"])
    assert total.as_dict()["date_accuracy"] == 0.0 and AnchorScore(reported=3, right=2).as_dict()["date_accuracy"] == 0.667


def test_ratios():
    assert ratio(1, 3) == 0.333 and ratio(1, 0) == 0.0
    assert prf(2, 4, 8) == {"p": 0.5, "r": 0.25, "f1": 0.333}
    counts: dict[str, int] = {}
    bump(counts, "vote")
    bump(counts, "vote")
    assert counts == {"vote": 2}
