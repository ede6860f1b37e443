"""Bounded fetching (issue #20): layered compression bombs stop at the cap, slow headers at the deadline."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time
import zlib

import pytest

from flows.fetch import FetchError, FetchSettings, fetch, make_client
from tests.helpers import read_sources
from tests.flows.fault_server import FaultServer, gzip_bomb, page, story

OPTIONS = {"allow_hosts": ["127.0.0.1"], "timeout": 2.5, "retries": 0, "backoff": 0.01}
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GIB = 1 << 30
# A child process fetches the bomb and reports its peak memory before and after (kB on Linux).
CHILD = """
import json, resource, sys
from flows.fetch import FetchError, FetchSettings, fetch, make_client
settings = FetchSettings.from_options({"allow_hosts": ["127.0.0.1"], "retries": 0, "timeout": 20})
client = make_client(settings)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    fetch(sys.argv[1], settings, client)
    verdict = "fetched"
except FetchError as exc:
    verdict = exc.reason
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"verdict": verdict, "before_kb": before, "after_kb": after}))
"""


@pytest.fixture(scope="module")
def server():
    srv = FaultServer().start()
    yield srv
    srv.stop()


def test_a_one_gib_double_gzip_bomb_is_refused_with_flat_memory(server):
    bomb = gzip_bomb(GIB, layers=2)
    assert len(bomb) < 100_000  # a few kB on the wire
    server.encoded["/bomb"] = (bomb, "gzip, gzip")
    out = subprocess.run([sys.executable, "-c", CHILD, f"{server.base}/bomb"], capture_output=True, text=True,
                         cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["verdict"] == "too-large", report
    grew_mb = (report["after_kb"] - report["before_kb"]) / 1024
    assert grew_mb < 200, f"peak memory grew by {grew_mb:.0f} MB while refusing the bomb"


@pytest.mark.parametrize("layers", [1, 3, 4])
def test_bombs_of_any_depth_stop_at_the_cap(server, layers):
    server.encoded[f"/bomb{layers}"] = (gzip_bomb(64 << 20, layers=layers), ", ".join(["gzip"] * layers))
    settings = FetchSettings.from_options({**OPTIONS, "max_bytes": 1_000_000})
    with make_client(settings) as client, pytest.raises(FetchError) as info:
        fetch(f"{server.base}/bomb{layers}", settings, client)
    assert info.value.reason == "too-large"


def test_layered_encodings_decode_exactly(server):
    body = page("Layered", story(21))
    server.encoded["/layered"] = (zlib.compress(gzip.compress(body)), "gzip, deflate")
    server.encoded["/identity"] = (gzip.compress(body), "identity, gzip")
    server.encoded["/members"] = (gzip.compress(body[:500]) + gzip.compress(body[500:]), "gzip")
    settings = FetchSettings.from_options(OPTIONS)
    with make_client(settings) as client:
        for path in ("/layered", "/identity", "/members"):
            assert fetch(f"{server.base}{path}", settings, client).content == body, path


def test_too_many_layers_unknown_encodings_and_broken_bodies_are_rejects(server):
    server.encoded["/deep"] = (b"x", ", ".join(["gzip"] * 50))
    server.encoded["/brotli"] = (b"x", "br")
    server.encoded["/broken"] = (b"\x1f\x8b\x08\x00garbage-not-gzip", "gzip")
    batch = read_sources([f"{server.base}/deep", f"{server.base}/brotli", f"{server.base}/broken"], OPTIONS)
    got = {r.input.rsplit("/", 1)[1]: r.reason for r in batch.rejects}
    assert got == {"deep": "unsupported-content", "brotli": "unsupported-content", "broken": "bad-encoding"}


def test_slow_headers_are_cut_at_the_whole_response_deadline(server):
    settings = FetchSettings.from_options(OPTIONS)  # --timeout 2.5: each read waits 2.5 s, the whole 7.5 s
    assert settings.deadline == 7.5
    started = time.monotonic()
    with make_client(settings) as client, pytest.raises(FetchError) as info:
        fetch(f"{server.base}/slow-headers", settings, client)
    took = time.monotonic() - started
    assert info.value.reason == "too-slow", info.value
    assert took < settings.deadline + 2.0, f"held for {took:.1f} s"
