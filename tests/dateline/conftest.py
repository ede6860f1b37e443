"""A lake shared by the API, export-format and CLI-vocabulary tests: the samples plus inputs with their own ids."""

from __future__ import annotations

import csv
import json
import shutil

import pytest

from tests.conftest import SAMPLES, run_cli

RECORDS = [
    {"id": "wire-0001", "published": "2026-03-05", "source": "Test Wire",
     "text": "KHARTOUM – Gunmen attacked a market in Khartoum on Tuesday, killing 12 people, police said. "
             "Sudan and Chad held talks in Geneva on Wednesday."},
    {"id": "wire-0002", "published": "2026-03-06", "source": "Other Wire",
     "text": "GENEVA – Sudan and Chad held talks in Geneva on Wednesday, the foreign ministry said. "
             "Protesters rallied in Khartoum on Thursday against the war."},
]


@pytest.fixture(scope="session")
def traced_lake(tmp_path_factory, prefect_api):
    """One real run over the samples, a JSONL dump with record ids and a CSV with an id column."""
    root = tmp_path_factory.mktemp("traced")
    inputs = root / "inputs"
    shutil.copytree(SAMPLES, inputs / "samples")
    with open(inputs / "wire.jsonl", "w", encoding="utf-8") as fh:
        for record in RECORDS:
            fh.write(json.dumps(record) + "\n")
    with open(inputs / "sheet.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "published", "text"])
        writer.writerow(["row-77", "2026-03-10", "BAMAKO – Soldiers arrested three journalists in Bamako on Monday, "
                                                 "officials said."])
    lake = root / "lake"
    result = run_cli("run", str(inputs), "--lake", str(lake))
    assert result.returncode == 0, result.stderr
    return lake, result
