"""`dateline extract` on endless or silent inputs (issue #20): a size cap and a read timeout, one line."""

from __future__ import annotations

import json
import os
import threading
import time

from tests.conftest import run_cli
from tests.flows.fault_server import story


def one_line_error(result, *words: str) -> str:
    assert result.returncode == 2, (result.returncode, result.stderr[-500:])
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("dateline: error: "), result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def test_dev_zero_stops_at_the_size_cap():
    started = time.monotonic()
    result = run_cli("extract", "/dev/zero", "--max-bytes", "2000000", timeout=60)
    one_line_error(result, "/dev/zero", "2,000,000")
    assert time.monotonic() - started < 30


def test_the_default_cap_holds_too():
    result = run_cli("extract", "/dev/zero", timeout=120)
    one_line_error(result, "/dev/zero", "10,485,760")


def test_a_fifo_without_a_writer_times_out(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    started = time.monotonic()
    result = run_cli("extract", str(fifo), "--timeout", "1", timeout=60)
    one_line_error(result, str(fifo), "no data")
    assert time.monotonic() - started < 30


def test_a_fifo_with_a_writer_is_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)

    def write() -> None:
        with open(fifo, "w") as handle:  # blocks until extract opens the pipe
            handle.write(story(2))

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    result = run_cli("extract", str(fifo), "--published", "2026-02-20", "--timeout", "20", timeout=120)
    writer.join(5)
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert any(e["event_type"] == "meeting" for e in events)


def test_a_folder_and_bad_limits_are_one_line_errors(tmp_path):
    one_line_error(run_cli("extract", str(tmp_path)), str(tmp_path))
    doc = tmp_path / "a.txt"
    doc.write_text(story(1))
    one_line_error(run_cli("extract", str(doc), "--max-bytes", "0"), "--max-bytes")
    one_line_error(run_cli("extract", str(doc), "--timeout", "-1"), "--timeout")
    one_line_error(run_cli("extract", str(doc), "--max-bytes", "100"), "100")


def test_timex_is_bounded_the_same_way(tmp_path):
    one_line_error(run_cli("timex", "/dev/zero", "--dct", "2026-02-20", timeout=120), "/dev/zero", "10,485,760")
    result = run_cli("timex", "-", "--dct", "2026-02-20", input="Talks resumed on Monday.")
    assert result.returncode == 0 and "Monday" in result.stdout, result.stderr


def test_an_undated_event_has_an_empty_date_and_its_bound_in_json_and_csv():
    # Issue #16: a vague time with nothing to pin it (guide: unknown) prints an empty event_date and the
    # publication day in on_or_before; the day's news prints the publication day at precision day.
    text = "Earlier, the harbour master of Valparaiso resigned. The port authority criticised the delays."
    result = run_cli("extract", "-", "--published", "2026-02-20", "--format", "jsonl", input=text)
    assert result.returncode == 0, result.stderr
    rows = {r["trigger"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert (rows["resigned"]["event_date"], rows["resigned"]["date_precision"], rows["resigned"]["on_or_before"]) == (
        None, "unknown", "2026-02-20")
    assert (rows["criticised"]["event_date"], rows["criticised"]["date_precision"],
            rows["criticised"]["date_basis"]) == ("2026-02-20", "day", "publication")
    result = run_cli("extract", "-", "--published", "2026-02-20", "--format", "csv", input=text)
    assert result.returncode == 0, result.stderr
    import csv
    import io

    by_trigger = {r["trigger"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert by_trigger["resigned"]["event_date"] == "" and by_trigger["resigned"]["on_or_before"] == "2026-02-20"
