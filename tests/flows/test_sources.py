"""Dump files are read record by record from the open file, with the verdicts of reading them whole."""

from __future__ import annotations

import builtins
import codecs
import json

import pytest

import flows.sources as sources
from flows.sources import open_reader
from tests.helpers import read_sources
from tests.flows.fault_server import story
from transforms.documents import RawDocument, parse_bytes

CAP = 100_000


def test_a_big_jsonl_file_is_read_one_record_at_a_time(tmp_path, monkeypatch):
    path = tmp_path / "big.jsonl"
    path.write_text("".join(json.dumps({"text": f"Record {i}: " + story(i)}) + "\n" for i in range(5000)))
    handles = []

    def spying_open(*args, **kwargs):
        handle = builtins.open(*args, **kwargs)
        handles.append(handle)
        return handle

    monkeypatch.setattr(sources, "open", spying_open, raising=False)
    reader = open_reader()
    documents = reader.documents([str(path)])
    first = next(documents)
    assert first.input == f"{path}:1"
    reading = handles[-1]  # the handle the records come from (after the scan's)
    assert not reading.closed and reading.tell() < path.stat().st_size / 100  # most of the file is unread
    assert reader.summary.read == 1
    rest = list(documents)
    assert len(rest) == 4999 and rest[-1].input == f"{path}:5000"
    assert reading.closed and reader.summary.cleared == {str(path)}


def test_a_record_over_the_cap_is_rejected_and_the_others_land(tmp_path):
    path = tmp_path / "dump.jsonl"
    lines = [{"text": story(1)}, {"text": "y" * (CAP + 1)}, {"text": story(2)}]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    batch = read_sources([str(path)], {"max_bytes": CAP})
    assert [d.input for d in batch.documents] == [f"{path}:1", f"{path}:3"]
    [reject] = batch.rejects
    assert (reject.input, reject.reason) == (f"{path}:2", "too-large")
    assert reject.detail == f"{CAP + 13:,}-byte line is over the {CAP:,}-byte cap"
    assert batch.inputs == 3


def test_a_dump_over_the_file_cap_is_one_reject(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text("text\n" + "".join(f"{story(i)}\n" for i in range(40)))
    batch = read_sources([str(path)], {"max_bytes": 100})  # a dump may be 100 times the per-record cap
    assert batch.documents == [] and [(r.input, r.reason) for r in batch.rejects] == [(str(path), "too-large")]


CASES = {
    "jsonl with CRLF, blank lines and a line separator": (
        "jsonl", ('{"text": "Envoys met in Oslo."}\r\n\r\n{"text": "Talks\u2028resumed in Lima."}\n'
                  '{"text": "Caf\u00e9 owners met."}\n{oops\n').encode("utf-8")),
    "jsonl with a UTF-8 BOM and a broken byte": ("jsonl", codecs.BOM_UTF8 + b'{"text": "Ministers \xff met."}\n'),
    "jsonl in cp1252": ("jsonl", '{"text": "Caf\u00e9 owners met the mayor."}\n'.encode("cp1252")),
    "jsonl in UTF-16": ("jsonl", codecs.BOM_UTF16_LE + '{"text": "Envoys met."}\n'.encode("utf-16-le")),
    "jsonl with NUL bytes": ("jsonl", b'{"text": "Envoys met."}\n\x00\x00\n'),
    "jsonl of blank lines": ("jsonl", b"\n \n\n"),
    "csv with a quoted newline and a ragged row": (
        "csv", b'title,text\r\nA,"Envoys met\r\nin Oslo on Monday."\r\nB,Talks resumed,extra\r\n\r\nC,Lima voted.\r\n'),
    "csv with a BOM": ("csv", codecs.BOM_UTF8 + b"text,title\nEnvoys met in Oslo.,A\n"),
    "csv with a broken quote": ("csv", b'text\nEnvoys met.\n"unterminated\nrest\n'),
    "csv header only": ("csv", b"title,text\n"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_streamed_records_match_the_whole_file_parse(tmp_path, case):
    kind, data = CASES[case]
    path = tmp_path / f"dump.{kind}"
    path.write_bytes(data)
    batch = read_sources([str(path)])
    expected = parse_bytes(str(path), data, kind)
    assert [(type(r).__name__, r.input) for r in batch.documents + batch.rejects] == sorted(
        [(type(r).__name__, r.input) for r in expected], key=lambda t: t[0] != "RawDocument")
    docs = {d.input: (d.text, d.content_hash) for d in batch.documents}
    assert docs == {r.input: (r.text, r.content_hash) for r in expected if isinstance(r, RawDocument)}
    rejects = {r.input: (r.reason, r.detail) for r in batch.rejects}
    assert rejects == {r.input: (r.reason, " ".join(r.detail.split())) for r in expected if not isinstance(r, RawDocument)}
