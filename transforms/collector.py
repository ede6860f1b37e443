"""Pausing Python's cycle collector around work that makes many objects (merging, extracting an article)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector inside the block; switch it back on after only if it was on before.

    A collection in the middle of such work scans every object it made: short-lived ones (an article's
    tokens) that are gone a moment later, or long-lived ones (merging keeps its state to the end), where
    repeated full scans made merging super-linear (bench/bench_merge.py: 10k->100k mentions took 17.7x
    the time with the collector on, 10.1x with it paused).
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
