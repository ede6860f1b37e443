"""The benchmarks' shared child entry (bench.measure.child_main)."""

from __future__ import annotations

import json

from bench.measure import child_main


def test_child_main_passes_paths_and_counts_and_prints_one_json_line(capsys):
    def work(corpus: str, lake: str, batch_size: int) -> dict:
        return {"corpus": corpus, "lake": lake, "batch_size": batch_size}

    assert child_main(work, "prog", ["corpus", "lake"], {"--batch-size": 1000}, ["c.jsonl", "/tmp/l"]) == 0
    assert json.loads(capsys.readouterr().out) == {"corpus": "c.jsonl", "lake": "/tmp/l", "batch_size": 1000}
    child_main(work, "prog", ["corpus", "lake"], {"--batch-size": 1000}, ["c", "l", "--batch-size", "7"])
    assert json.loads(capsys.readouterr().out)["batch_size"] == 7
