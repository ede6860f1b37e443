"""Every kind of bad input becomes a reject with its reason and a one-line detail, never an exception.

All inputs are read in one batch (files, folders, feeds, URLs against a real HTTP server on
127.0.0.1), exactly as a run reads them; each case then checks its own verdict.
"""

from __future__ import annotations

import codecs
import json
import os
import socket

import pytest

from tests.flows.fault_server import FaultServer, page, rss, story
from tests.helpers import read_sources
from transforms.documents import RawDocument

CAP = 200_000
# The fixed half of each case: file name -> (bytes, expected input name suffix, reason).
FILE_CASES = {
    "empty file": ("empty.txt", b"", "", "empty"),
    "whitespace only": ("blank.md", b"  \n\t\n", "", "empty"),
    "unsupported extension": ("scan.pdf", b"%PDF-1.7 ...", "", "unsupported"),
    "image saved as .txt": ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "", "binary"),
    "NUL bytes in text": ("nul.txt", b"Envoys met\x00 on Monday in the capital.", "", "binary"),
    "file over the size cap": ("big.txt", b"word " * (CAP // 4), "", "too-large"),
    "front matter and no body": ("fm.md", b"---\ntitle: Only a title\n---\n", "", "empty"),
    "broken UTF-16": ("u16.txt", codecs.BOM_UTF16_LE + b"A\x00\x00\xd8", "", "bad-encoding"),
    "invalid JSON": ("bad.json", b'{"text": "unterminated', "", "bad-json"),
    "JSON nested too deeply": ("deep.json", b"[" * 100_000 + b"]" * 100_000, "", "bad-json"),
    "JSON list of numbers": ("numbers.json", b"[1, 2]", ":1", "bad-record"),
    "JSON without a text field": ("notext.json", b'{"title": "Headline only"}', "", "no-text"),
    "JSON empty list": ("emptylist.json", b"[]", "", "empty"),
    "broken JSONL line": ("broken.jsonl", b'{"text": "Ministers met in Oslo."}\n{oops\n', ":2", "bad-json"),
    "JSONL line over the cap": ("long.jsonl", b'{"text": "' + b"a" * (CAP + 10) + b'"}\n', ":1", "too-large"),
    "JSONL line that is a string": ("scalar.jsonl", b'"just a string"\n', ":1", "bad-record"),
    "JSONL text with NUL": ("nultext.jsonl", b'{"text": "Envoys\\u0000met"}\n', ":1", "binary"),
    "JSONL of blank lines": ("blanklines.jsonl", b"\n\n\n", "", "empty"),
    "CSV without a text column": ("nocol.csv", b"title,date\nA,2026-01-01\n", "", "no-text"),
    "CSV row with empty text": ("emptytext.csv", b"title,text\nA,\n", ":2", "no-text"),
    "CSV row with extra fields": ("ragged.csv", b"title,text\nA,Envoys met,extra\n", ":2", "bad-row"),
    "CSV header only": ("header.csv", b"title,text\n", "", "empty"),
    "text without letters": ("symbols.txt", b"!!! ??? 123 456 --- ...", "", "no-words"),
    "HTML without article text": ("nav.html", b"<html><body><nav>Home</nav><footer>(c)</footer></body></html>", "", "no-text"),
    "malformed feed file": ("broken.rss", b"this is not xml at all {", "", "bad-feed"),
    "feed with no items": ("none.xml", rss([]), "", "empty"),
    "URL list with a bad line": ("list.urls", b"# my list\nnot a url\n", ":2", "bad-url"),
    "URL list with no URLs": ("nothing.urls", b"# only a comment\n", "", "empty"),
}
# URL path on the fault server (or a full URL) -> reason.
URL_CASES = {
    "HTTP 404": ("/status/404", "http-404"),
    "HTTP 500 after retries": ("/status/500", "http-500"),
    "HTTP 410": ("/status/410", "http-410"),
    "HTTP 429 after retries": ("/status/429", "http-429"),
    "server never answers": ("/hang", "timeout"),
    "body drips slower than the deadline": ("/slow", "too-slow"),
    "declared body over the cap": ("/huge-declared", "too-large"),
    "chunked body over the cap": ("/huge-chunked", "too-large"),
    "redirect to file://": ("/redirect-to/file", "bad-scheme"),
    "redirect to a loopback name": ("/redirect-to/localhost", "blocked-address"),
    "redirect to cloud metadata": ("/redirect-to/metadata", "blocked-address"),
    "redirect loop": ("/redirect-to/loop", "too-many-redirects"),
    "image instead of a page": ("/image", "unsupported-content"),
    "empty body": ("/empty", "empty"),
    "binary served as HTML": ("/binary-html", "binary"),
    "page without article text": ("/boilerplate", "no-text"),
    "connection dropped": ("/close", "connect-error"),
    "private address in a link": ("http://10.1.2.3/story", "blocked-address"),
    "metadata address in a link": ("http://169.254.169.254/latest/meta-data/", "blocked-address"),
    "loopback name not allowed": ("http://localhost:{port}/ok/1", "blocked-address"),
    "ftp link": ("ftp://example.test/story.txt", "bad-scheme"),
    "javascript link": ("javascript:alert(1)", "bad-scheme"),
    "malformed URL": ("http://[::1/story", "bad-url"),
    "unknown host": ("http://no-such-host.invalid/story", "dns-error"),
    "nothing listening": ("http://127.0.0.1:{closed}/story", "connect-error"),
    "malformed remote feed": ("/feeds/broken.xml", "bad-feed"),
}


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """Read every bad input (and a few good ones) in one batch, as a run does."""
    server = FaultServer().start()
    folder = tmp_path_factory.mktemp("bad-inputs")
    for name, data, _, _ in FILE_CASES.values():
        (folder / name).write_bytes(data)
    os.symlink(folder / "gone.txt", folder / "dangling.txt")
    os.mkfifo(folder / "pipe.txt")
    port, closed = server.port, _closed_port()
    links = []
    for path, _ in URL_CASES.values():
        url = path.format(port=port, closed=closed)
        links.append(server.base + url if url.startswith("/") else url)
    server.feeds["/feeds/main.xml"] = rss([(f"item {i}", link) for i, link in enumerate(links)] + [("no link", "")])
    server.pages["/feeds/broken.xml"] = b'<?xml version="1.0"?><rss version="2.0"><<< &undefined; >>>'

    server.pages["/ok/1"] = page("Fine", story(1))
    sources = [str(folder), str(folder / "missing.txt"), str(folder / "nothing-*.json"),
               f"{server.base}/feeds/main.xml", f"{server.base}/feeds/broken.xml",
               "http://[::1/story"]  # feedparser drops unparsable links, so this one comes as an argument
    options = {"allow_hosts": ["127.0.0.1"], "timeout": 1.0, "deadline": 2.0, "max_bytes": CAP,
               "retries": 1, "backoff": 0.05}
    result = read_sources(sources, options)
    yield {"batch": result, "folder": str(folder), "links": links, "server": server, "base": server.base}
    server.stop()


def _verdict(batch, name: str):
    found = [r for r in batch.rejects + batch.documents if r.input == name]
    assert len(found) == 1, (name, found)
    return found[0]


@pytest.mark.parametrize("case", sorted(FILE_CASES))
def test_bad_file_is_rejected_with_its_reason(batch, case):
    name, _, suffix, reason = FILE_CASES[case]
    verdict = _verdict(batch["batch"], os.path.join(batch["folder"], name) + suffix)
    assert not isinstance(verdict, RawDocument), case
    assert verdict.reason == reason, (case, verdict)
    assert verdict.detail and "\n" not in verdict.detail and "Traceback" not in verdict.detail


@pytest.mark.parametrize("case", sorted(URL_CASES))
def test_bad_url_is_rejected_with_its_reason(batch, case):
    index = list(URL_CASES).index(case)
    link = batch["links"][index]
    verdict = _verdict(batch["batch"], link)
    assert not isinstance(verdict, RawDocument), case
    assert verdict.reason == URL_CASES[case][1], (case, verdict)
    assert verdict.detail and "\n" not in verdict.detail


def test_special_files_and_missing_paths(batch):
    folder = batch["folder"]
    got = {r.input: r.reason for r in batch["batch"].rejects}
    assert got[os.path.join(folder, "dangling.txt")] == "not-found"
    assert got[os.path.join(folder, "pipe.txt")] == "not-a-file"  # a FIFO would block a naive reader
    assert got[os.path.join(folder, "missing.txt")] == "not-found"
    assert got[os.path.join(folder, "nothing-*.json")] == "not-found"
    assert got[f"{batch['base']}/feeds/main.xml#no link"] == "no-link"


def test_good_lines_survive_next_to_bad_ones(batch):
    folder = batch["folder"]
    docs = {d.input: d for d in batch["batch"].documents}
    assert docs[os.path.join(folder, "broken.jsonl") + ":1"].text == "Ministers met in Oslo."


def test_at_least_thirty_kinds_and_every_input_accounted_for(batch):
    kinds = len(FILE_CASES) + len(URL_CASES) + 5  # + dangling, fifo, missing, no-match glob, no-link
    assert kinds >= 30
    b = batch["batch"]
    names = [r.input for r in b.rejects] + [d.input for d in b.documents] + b.skipped
    assert len(names) == len(set(names)) == b.inputs
    # No connection was ever attempted to the blocked targets: the guard runs before connecting.
    assert batch["server"].hits["/ok/1"] == 0


def test_retries_happen_only_for_transient_failures(batch):
    hits = batch["server"].hits
    assert hits["/status/500"] == 2 and hits["/status/429"] == 2  # retries=1: two attempts
    assert hits["/status/404"] == 1 and hits["/status/410"] == 1
