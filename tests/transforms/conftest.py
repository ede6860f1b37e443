"""Fixtures of the transforms tests that need a lake: one small real lake with every table."""

from __future__ import annotations

import pytest

from tests.transforms.lake_rows import write_small_lake


@pytest.fixture(scope="session")
def small_lake(tmp_path_factory):
    """The lake of tests/transforms/lake_rows.py, written once per session."""
    path = tmp_path_factory.mktemp("small") / "lake"
    write_small_lake(path)
    return path
