"""One-line run failures: a full disk named (issue #20, item 9)."""

from __future__ import annotations

import errno

from dateline.errors import run_failure


def test_a_full_disk_is_named_and_other_failures_keep_their_first_line(tmp_path):
    full = OSError(errno.ENOSPC, "No space left on device")
    assert "no space left on the disk of the lake" in run_failure(full, str(tmp_path))
    try:
        raise RuntimeError("wrapped") from full
    except RuntimeError as exc:
        assert "no space left" in run_failure(exc, str(tmp_path))
    other = run_failure(ValueError("bad value\nsecond line"), str(tmp_path))
    assert other == "run failed: ValueError: bad value (rerun with --verbose for details)"
