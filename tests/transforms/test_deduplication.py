"""Duplicates: exact content, same canonical URL, and near copies of one wire story; first copy wins."""

from __future__ import annotations

import datetime as dt

from transforms.articles import make_article
from transforms.deduplication import mark_duplicates, shingles, similar
from transforms.documents import RawDocument

NOW = dt.datetime(2026, 3, 10, tzinfo=dt.timezone.utc)
WIRE = (
    "NAIROBI, March 3 (Meridian Wire) - The foreign ministers of Kenya and Ethiopia met in Nairobi on "
    "Tuesday and agreed to reopen the border crossing at Moyale, which has been closed since January "
    "because of clashes between herders. The ministers said customs officers would return to the post "
    "next week and that a joint police patrol would guard the road. Traders on both sides welcomed the "
    "decision, saying the closure had doubled the price of grain in the markets of the north. A second "
    "meeting is planned in Addis Ababa at the end of the month to discuss water rights along the river."
)
OTHER = (
    "LIMA, March 3 (Harbor Post) - Peru's congress voted on Tuesday to remove the governor of the Lima "
    "region from office after prosecutors accused him of taking bribes from construction companies. "
    "The vote passed with a wide majority after a debate that lasted into the night. The governor denied "
    "the charges and said he would appeal to the constitutional court. Prosecutors said they had asked "
    "a judge to bar him from leaving the country while the investigation continues into the contracts."
)


def rows(*docs: RawDocument) -> list[dict]:
    return [make_article(d, NOW, "r1") for d in docs]


def test_syndicated_copy_is_a_near_duplicate_of_the_first_copy():
    copy = "By Harbor Post staff, with wire reports.\n" + WIRE.rsplit(". ", 1)[0] + "."
    out = mark_duplicates(rows(RawDocument("wire.txt", WIRE), RawDocument("other.txt", OTHER),
                               RawDocument("copy.txt", copy)), set(), {})
    assert out[2]["duplicate_of"] == out[0]["article_id"] and out[2]["duplicate_kind"] == "near"
    assert out[1]["duplicate_of"] is None
    assert len({r["article_id"] for r in out}) == 3


def test_near_copy_of_an_article_already_in_the_lake():
    [row] = rows(RawDocument("late.txt", WIRE.replace("Tuesday", "Tuesday morning")))
    [out] = mark_duplicates([row], {"old-id"}, {}, {"old-id": WIRE})
    assert (out["duplicate_of"], out["duplicate_kind"]) == ("old-id", "near")


def test_same_topic_different_story_is_not_a_duplicate():
    follow_up = (
        "NAIROBI, March 9 (Meridian Wire) - Customs officers returned to the Moyale border post on Monday, "
        "a week after Kenya and Ethiopia agreed to reopen the crossing. Long lines of lorries carrying grain "
        "and livestock formed on the Ethiopian side before dawn, drivers said. Police from both countries "
        "patrolled the road together for the first time. Officials said the crossing would stay open at "
        "night from next month, once new lighting has been installed at the post."
    )
    out = mark_duplicates(rows(RawDocument("a.txt", WIRE), RawDocument("b.txt", follow_up)), set(), {})
    assert out[1]["duplicate_of"] is None


def test_short_texts_are_only_compared_exactly():
    out = mark_duplicates(rows(RawDocument("a.txt", "Envoys met on Monday in Oslo."),
                               RawDocument("b.txt", "Envoys met on Monday in Bergen.")), set(), {})
    assert out[1]["duplicate_of"] is None


def test_same_canonical_url_is_a_url_duplicate():
    a = RawDocument("feed1", WIRE, url="https://news.test/2026/03/03/moyale?utm_source=x")
    b = RawDocument("feed2", OTHER, url="https://NEWS.test/2026/03/03/moyale/")
    out = mark_duplicates(rows(a, b), set(), {})
    assert (out[1]["duplicate_of"], out[1]["duplicate_kind"]) == (out[0]["article_id"], "url")


def test_similarity_measures():
    a, b = shingles(WIRE), shingles(OTHER)
    assert similar(a, a) and not similar(a, b)
    trimmed = shingles(WIRE[: len(WIRE) * 2 // 3])
    assert similar(a, trimmed)  # containment: a trimmed copy


def test_pinned_banding_is_datasketchs_choice_for_the_threshold():
    from datasketch import MinHashLSH

    from transforms.deduplication import BANDS, LSH_THRESHOLD, NUM_PERM, ROWS

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    assert (BANDS, ROWS) == (lsh.b, lsh.r)


def test_band_index_finds_every_slot_filed_under_a_key_before_and_after_compaction(monkeypatch):
    import random

    import numpy as np

    from transforms import deduplication

    monkeypatch.setattr(deduplication, "COMPACT_EVERY", 7)  # many runs and merges with few slots
    rng = random.Random(5)
    index, filed = deduplication.BandIndex(), {}
    for slot in range(200):
        keys = np.array([rng.randrange(60) for _ in range(3)], dtype=np.uint64)  # shared keys on purpose
        index.add(keys, slot)
        for k in keys.tolist():
            filed.setdefault(k, set()).add(slot)
    assert len(index._runs) > 1  # the test covers sorted runs, not only the recent dict
    for key in range(62):
        assert index.query(np.array([key], dtype=np.uint64)) == filed.get(key, set())
    assert index.query(np.array([1, 2], dtype=np.uint64)) == filed.get(1, set()) | filed.get(2, set())


def test_a_removed_original_is_no_longer_matched_and_the_next_copy_becomes_the_original():
    from transforms.deduplication import Deduplicator

    dedup = Deduplicator(set(), {})
    first = dedup.mark(rows(RawDocument("wire.txt", WIRE)))
    dedup.forget({first[0]["article_id"]})
    [copy] = dedup.mark(rows(RawDocument("copy.txt", "From wire reports. " + WIRE)))
    assert copy["duplicate_of"] is None
    [again] = dedup.mark(rows(RawDocument("copy2.txt", "Wire reports. " + WIRE)))
    assert (again["duplicate_of"], again["duplicate_kind"]) == (copy["article_id"], "near")


def test_shingles_are_the_crc32_of_each_distinct_five_word_gram_with_non_ascii_words():
    """Words with multi-byte letters shift every later gram's bytes: each gram must still hash whole."""
    import zlib

    text = "São Paulo's mayor met Zürich’s envoy — «again» — and São Paulo's mayor met Zürich’s envoy again."
    words = ["são", "paulo's", "mayor", "met", "zürich’s", "envoy", "again", "and", "são", "paulo's", "mayor", "met",
             "zürich’s", "envoy", "again"]
    grams = {" ".join(words[i : i + 5]) for i in range(len(words) - 4)}
    expected = sorted({zlib.crc32(g.encode("utf-8")) for g in grams})
    assert shingles(text).tolist() == expected
    assert len(expected) == 8  # the repeated words give repeated grams, kept once
    assert shingles("too few words here").tolist() == []
