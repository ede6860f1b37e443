"""Following a feed's items to many pages of one host keeps at most FETCHES_PER_HOST requests in flight (real server)."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from flows import sources
from tests.helpers import read_sources


class _SlowPages(BaseHTTPRequestHandler):
    """Serve an article page slowly while counting concurrent requests."""

    lock = threading.Lock()
    in_flight = 0
    peak = 0

    def do_GET(self):  # noqa: N802 (http.server naming)
        if self.path == "/feed.xml":
            return self._feed()
        cls = type(self)
        with cls.lock:
            cls.in_flight += 1
            cls.peak = max(cls.peak, cls.in_flight)
        time.sleep(0.3)
        n = self.path.strip("/").split("-")[-1]
        body = (
            f"<html><head><title>Report {n}</title></head><body><article><p>GENEVA - Envoys number {n} met "
            "on Tuesday to discuss a border accord, officials said. The talks will resume next week.</p>"
            "</article></body></html>"
        ).encode()
        with cls.lock:
            cls.in_flight -= 1
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _feed(self):
        """An RSS feed whose eight items link to pages of this server."""
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        items = "".join(f"<item><title>Report {i}</title><link>{base}/page-{i}</link></item>" for i in range(8))
        body = f"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>{items}</channel></rss>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_at_most_two_requests_in_flight_per_host(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SlowPages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        batch = read_sources([f"{base}/feed.xml"], {"allow_hosts": ["127.0.0.1"]})
    finally:
        server.shutdown()
    assert len(batch.documents) == 8, [r.detail for r in batch.rejects]
    assert _SlowPages.peak == sources.FETCHES_PER_HOST
