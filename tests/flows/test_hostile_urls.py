"""Hostile URLs and addresses (issue #20): each becomes its input's reject, never a failed run."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from flows.fetch import FetchError, FetchSettings, check_url
from tests.helpers import read_sources
from tests.flows.fault_server import FaultServer, page, story

OPTIONS = {"allow_hosts": ["127.0.0.1"], "timeout": 1.0, "retries": 0, "backoff": 0.01}
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture
def server():
    srv = FaultServer().start()
    yield srv
    srv.stop()


@pytest.mark.parametrize("url", [
    "http://[2002:7f00:1::]/",  # 6to4 of 127.0.0.1
    "http://[2002:a9fe:a9fe::]/latest/",  # 6to4 of 169.254.169.254
    "http://[2002:0a00:0001::]/",  # 6to4 of 10.0.0.1
    "http://[2002:c0a8:0101::1]/",  # 6to4 of 192.168.1.1
    "http://[::7f00:1]/",  # IPv4-compatible 127.0.0.1
    "http://[::ffff:a9fe:a9fe]/",  # IPv4-mapped metadata
    "http://[64:ff9b::7f00:1]/",  # NAT64 of 127.0.0.1
    "http://[64:ff9b::a9fe:a9fe]/",  # NAT64 of the metadata address
    "http://[64:ff9b:1::a00:1]/",  # local-use NAT64 of 10.0.0.1
    "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",  # Teredo, client 127.0.0.1
])
def test_guard_unwraps_ipv4_embedded_in_ipv6(url):
    with pytest.raises(FetchError) as info:
        check_url(url, FetchSettings())
    assert info.value.reason == "blocked-address", url
    assert "embeds" in info.value.detail, info.value.detail


def test_embedded_public_ipv4_passes_the_guard():
    for url in ("http://[2002:5db8:d70e::]/", "http://[64:ff9b::5db8:d70e]/"):  # 93.184.215.14
        host, address = check_url(url, FetchSettings())
        assert address is not None, url


BAD_URLS = [
    "http://127.0.0.1:{port}/ok\x01bad",
    "http://127.0.0.1:{port}/ok\x7fbad",
    "http://127.0.0.1:{port}/a b\x00c",
    "http://exa\x01mple.test/",
    "http://bücher.\u0000test/",
    "http://[fe80::1%25eth0\x01]/",
]


def test_control_characters_in_urls_are_rejects_not_a_failed_run(server, tmp_path):
    server.pages["/good"] = page("Good page", story(11))
    server.pages["/listed"] = page("Listed page", story(12))
    bad = [u.format(port=server.port) for u in BAD_URLS]
    # A feed item with a control character (as &#1; in the XML), next to a good one.
    feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>http://x.test/</link>'
            f"<description>d</description>"
            f"<item><title>bad</title><link>{server.base}/feed&#1;item</link></item>"
            f"<item><title>del</title><link>{server.base}/del&#127;item</link></item>"
            f"<item><title>good</title><link>{server.base}/good</link></item></channel></rss>").encode()
    server.feeds["/hostile.xml"] = feed
    (tmp_path / "list.urls").write_bytes(("\n".join(bad) + f"\n{server.base}/listed\n").encode())
    batch = read_sources([f"{server.base}/hostile.xml", str(tmp_path / "list.urls"), *bad], OPTIONS)
    texts = {d.input for d in batch.documents}
    assert f"{server.base}/good" in texts and f"{server.base}/listed" in texts
    reasons = [r.reason for r in batch.rejects]
    assert reasons and set(reasons) == {"bad-url"}, batch.rejects
    assert len(batch.rejects) >= len(bad) + 2
    for r in batch.rejects:
        assert "\n" not in r.detail and r.detail
        assert r.input.isprintable(), r.input  # control characters are written as \xNN
    assert f"{server.base}/feed\\x01item" in {r.input for r in batch.rejects}


def test_a_redirect_to_a_malformed_location_is_a_reject(server):
    batch = read_sources([f"{server.base}/redirect-to/bad"], OPTIONS)
    [reject] = batch.rejects
    assert reject.reason == "bad-redirect" and "malformed" in reject.detail, reject


@pytest.mark.parametrize("how", ["option", "environment", "serve"])
def test_non_ascii_user_agent_is_a_one_line_error_before_the_run(tmp_path, how):
    env = {**os.environ, "DATELINE_LAKE": str(tmp_path / "lake")}
    args = [os.path.join(os.path.dirname(sys.executable), "dateline"), "run", str(tmp_path)]
    if how == "option":
        args += ["--user-agent", "Datéline/1 ☃"]
    elif how == "serve":
        args = [args[0], "serve", "--interval", "60", str(tmp_path)]
        env["DATELINE_USER_AGENT"] = "Dateline/1 ☃"
    else:
        env["DATELINE_USER_AGENT"] = "Dateline\x01/1"
    out = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert out.returncode == 2, out
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("dateline: error: ") and "user_agent" in lines[0].lower().replace("-", "_"), out.stderr
    assert "starting the flow" not in out.stderr
    assert not (tmp_path / "lake").exists()


def test_a_queued_page_with_a_malformed_host_is_a_reject_not_a_crash():
    from flows.sources import open_reader

    reader = open_reader(OPTIONS)
    try:
        answer = reader._get("http://[abc]/x")  # a feed link feedparser kept; the host cannot parse
    finally:
        reader.close()
    assert isinstance(answer, FetchError) and answer.reason == "bad-url", answer
