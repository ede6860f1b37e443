"""The benchmark table shows the extraction rate against both its targets."""

from bench.report import rows_for
from bench.throughput import EXTRACTION_FLOOR, EXTRACTION_TARGET


def _extraction(rate: float) -> dict:
    """An extraction section as bench.throughput.extraction writes it, at the given rate."""
    return {"sections": {"extraction": {
        "words_per_article": 512, "articles_per_s": rate, "tagger_docs_per_s": 1000.0, "ratio_vs_tagger": 0.3,
        "target_articles_per_s": EXTRACTION_TARGET, "meets_target": rate >= EXTRACTION_TARGET,
        "floor_articles_per_s": EXTRACTION_FLOOR, "meets_floor": rate >= EXTRACTION_FLOOR,
        "ratio_vs_spacy_sm_quoted": 7.0, "gold_events_found": 0.97}}}


def test_a_rate_between_floor_and_target_meets_only_the_floor():
    rows = {r[0].strip(): r for r in rows_for(_extraction(350.0))}
    floor = rows["floor under the full extractor (issue #16)"]
    assert floor[4] == f">= {EXTRACTION_FLOOR}" and floor[5] == "yes"
    assert rows["extraction articles/s/core (512 words)"][5] == "NO"


def test_a_rate_below_the_floor_is_marked():
    rows = {r[0].strip(): r for r in rows_for(_extraction(EXTRACTION_FLOOR - 1.0))}
    assert rows["floor under the full extractor (issue #16)"][5] == "NO"
