"""The end-to-end benchmark judges flat memory only over a span of sizes where the slope means something."""

from bench.end_to_end import FLAT_JUDGED_SPAN, memory_flat


def test_flat_memory_is_judged_only_over_a_wide_span_of_sizes():
    assert memory_flat(4.7, 99_000) is True
    assert memory_flat(12.2, 99_000) is False
    assert memory_flat(81.3, 750) is None  # quick sizes (250 -> 1,000): start-up cost, not growth
    assert memory_flat(1.0, FLAT_JUDGED_SPAN - 1) is None
