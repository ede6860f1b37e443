"""HTTP fetching against a real server on 127.0.0.1: retries, redirects, conditional feeds, the address guard."""

from __future__ import annotations

import codecs

import pytest

from flows.fetch import FetchError, FetchSettings, check_url, fetch, make_client
from tests.helpers import read_sources
from tests.flows.fault_server import FaultServer, page, rss, story

OPTIONS = {"allow_hosts": ["127.0.0.1"], "timeout": 1.0, "retries": 2, "backoff": 0.05}


@pytest.fixture
def server():
    srv = FaultServer().start()
    yield srv
    srv.stop()


def test_guard_refuses_internal_targets_before_connecting():
    settings = FetchSettings()
    for url, reason in [
        ("http://127.0.0.1/", "blocked-address"),
        ("http://[::1]/", "blocked-address"),
        ("http://10.0.0.8/", "blocked-address"),
        ("http://192.168.1.1/", "blocked-address"),
        ("http://169.254.169.254/latest/", "blocked-address"),
        ("http://metadata.google.internal/", "blocked-address"),
        ("http://[::ffff:127.0.0.1]/", "blocked-address"),
        ("http://0.0.0.0/", "blocked-address"),
        ("file:///etc/passwd", "bad-scheme"),
        ("gopher://example.test/", "bad-scheme"),
        ("http://example.test:99999/", "bad-url"),
    ]:
        with pytest.raises(FetchError) as info:
            check_url(url, settings)
        assert info.value.reason == reason, url


def test_allowed_host_is_exempt_and_public_address_passes():
    assert check_url("http://127.0.0.1:8080/x", FetchSettings(allow_hosts=frozenset({"127.0.0.1"}))) == ("127.0.0.1", None)
    assert check_url("https://93.184.215.14/", FetchSettings()) == ("93.184.215.14", "93.184.215.14")


def test_retry_with_backoff_recovers_a_flaky_page(server):
    server.flaky_left["/flaky/a"] = 2
    settings = FetchSettings.from_options(OPTIONS)
    with make_client(settings) as client:
        response = fetch(f"{server.base}/flaky/a", settings, client)
    assert response.status == 200 and b"Flaky page recovered" in response.content
    assert server.hits["/flaky/a"] == 3


def test_redirect_is_followed_and_final_url_kept(server):
    server.pages["/ok/redirected"] = page("Moved", story(2))
    settings = FetchSettings.from_options(OPTIONS)
    with make_client(settings) as client:
        response = fetch(f"{server.base}/redirect-to/ok", settings, client)
    assert response.url.endswith("/ok/redirected")


def test_user_agent_is_sent(server):
    seen = {}
    settings = FetchSettings.from_options({**OPTIONS, "user_agent": "DatelineTest/1"})
    import httpx

    with make_client(settings) as client:
        original = client.send

        def spy(request, **kw):
            seen["ua"] = request.headers["user-agent"]
            return original(request, **kw)

        client.send = spy
        server.pages["/ok/ua"] = page("UA", story(3))
        fetch(f"{server.base}/ok/ua", settings, client)
    assert seen["ua"] == "DatelineTest/1"
    assert isinstance(client, httpx.Client)


def test_feed_is_fetched_conditionally_and_items_are_not_refetched(server):
    server.pages["/a"] = page("Story A", story(4))
    server.pages["/b"] = page("Story B", story(5))
    server.feeds["/feed.xml"] = rss([("A", f"{server.base}/a"), ("B", f"{server.base}/b")])
    feed = f"{server.base}/feed.xml"
    first = read_sources([feed], OPTIONS)
    assert sorted(d.input for d in first.documents) == [f"{server.base}/a", f"{server.base}/b"]
    assert first.documents[0].published_basis == "metadata"
    assert first.validators[feed]["etag"] == '"v1"'
    # Second run: the lake knows both items, the feed answers 304, no page is fetched again.
    known = {d.input for d in first.documents}
    second = read_sources([feed], OPTIONS, known=known, validators=first.validators)
    assert server.hits["/feed.xml"] == 2
    assert server.hits["/a"] == 1 and server.hits["/b"] == 1
    assert sorted(second.skipped) == sorted(known) and not second.documents and second.inputs == 2


def test_feed_date_is_used_when_the_page_has_none(server):
    server.pages["/nodate"] = page("No date", story(6), date=None)
    server.feeds["/dated.xml"] = rss([("N", f"{server.base}/nodate")])
    [doc] = read_sources([f"{server.base}/dated.xml"], OPTIONS).documents
    assert (doc.published, doc.published_basis) == ("2026-02-20", "feed")


def test_odd_encodings_are_decoded_not_rejected(tmp_path):
    text = "Le ministre a rencontré ses homologues à Genève mardi."
    files = {
        "cp1252.txt": text.encode("cp1252"),
        "utf16bom.txt": text.encode("utf-16"),
        "utf16nobom.txt": text.encode("utf-16-le"),
        "utf8bom.txt": codecs.BOM_UTF8 + text.encode(),
        "crlf.txt": text.replace(" à ", "\r\n").encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    batch = read_sources([str(tmp_path)])
    assert not batch.rejects
    texts = {d.input.rsplit("/", 1)[1]: d.text for d in batch.documents}
    for name in ("cp1252.txt", "utf16bom.txt", "utf16nobom.txt", "utf8bom.txt"):
        assert texts[name] == text, name


def test_csv_with_configured_columns(tmp_path):
    (tmp_path / "dump.csv").write_text("headline,story,day\nTalks,Envoys met in Oslo on Monday.,2026-02-02\n")
    options = {"csv_columns": {"text": "story", "title": "headline", "published": "day"}}
    [doc] = read_sources([str(tmp_path / "dump.csv")], options).documents
    assert (doc.input.endswith("dump.csv:2"), doc.title, doc.published) == (True, "Talks", "2026-02-02")


def test_connection_goes_to_the_checked_address_with_the_name_kept(server):
    from flows.fetch import _pinned_request

    server.pages["/pinned"] = page("Pinned", story(7))
    settings = FetchSettings()
    with make_client(settings) as client:
        # The name says "localhost"; the request must go to the address that was checked, 127.0.0.1.
        request = _pinned_request(client, f"http://localhost:{server.port}/pinned", "localhost", "127.0.0.1", {})
        assert request.url.host == "127.0.0.1" and request.extensions["sni_hostname"] == "localhost"
        response = client.send(request)
    assert response.status_code == 200
    assert server.hosts["/pinned"] == f"localhost:{server.port}"


def test_local_atom_and_rss_files_are_followed_to_their_pages(server, tmp_path):
    server.pages["/atom-item"] = page("Atom item", story(8))
    server.pages["/rss-item"] = page("RSS item", story(9))
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        f'<id>urn:x</id><updated>2026-02-21T00:00:00Z</updated><entry><title>A</title><id>urn:a</id>'
        f'<link href="{server.base}/atom-item"/><updated>2026-02-21T00:00:00Z</updated></entry></feed>'
    )
    (tmp_path / "saved.atom").write_text(atom)
    (tmp_path / "saved.rss").write_bytes(rss([("R", f"{server.base}/rss-item")]))
    batch = read_sources([str(tmp_path)], OPTIONS)
    assert not batch.rejects
    assert sorted(d.input for d in batch.documents) == [f"{server.base}/atom-item", f"{server.base}/rss-item"]
    assert {str(tmp_path / "saved.atom"), str(tmp_path / "saved.rss")} <= batch.cleared


def test_every_input_error_becomes_a_reject_row():
    from flows.fetch import FetchError
    from transforms.documents import InputError
    from transforms.feeds import FeedError

    for error in (FetchError("http-404", "not found"), FeedError("bad-feed", "not a feed")):
        assert isinstance(error, InputError)
        reject = error.reject("https://x.test/a")
        assert (reject.input, reject.reason, reject.detail) == ("https://x.test/a", error.reason, error.detail)
