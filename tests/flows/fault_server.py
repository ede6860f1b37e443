"""A real HTTP server on 127.0.0.1 serving feeds and pages, with faults on purpose (test helper)."""

from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LEAD = "{place}, Feb. 20 (Meridian Wire) - Delegations from {a} and {b} met on Tuesday in {place}, officials said."
POOL = [
    "The talks lasted more than {n} hours and ended with a joint statement.",
    "Negotiators agreed to exchange lists of detained civilians by the end of the week.",
    "Two border crossings will open for aid convoys, the mediators announced.",
    "A spokesperson for {a} called the meeting constructive but warned that gaps remained.",
    "Farmers near the frontier have been unable to reach their fields since the spring.",
    "The central bank of {b} left interest rates unchanged at {n} percent on Wednesday.",
    "Opposition lawmakers demanded a parliamentary vote on any final agreement.",
    "Human rights groups urged both sides to allow independent observers into the region.",
    "The foreign minister of {b} is expected to visit the regional bloc's headquarters in March.",
    "Shops in the capital reopened after a week of protests over fuel prices.",
    "A drone strike on a fuel depot killed {n} people on Sunday, local authorities said.",
    "The president of {a} signed a decree extending the state of emergency by ninety days.",
    "Teachers' unions announced a strike for Monday over unpaid salaries.",
    "Election officials said turnout reached {n} percent, the highest in two decades.",
    "Aid agencies warned that food stocks in the camps would run out within a month.",
    "The defence ministry said {n} soldiers had been deployed to the northern province.",
]
PAIRS = [("Kenya", "Uganda"), ("Chile", "Peru"), ("Norway", "Sweden"), ("Ghana", "Togo"), ("Laos", "Vietnam"),
         ("Mali", "Niger"), ("Fiji", "Tonga"), ("Oman", "Yemen")]


def story(n: int) -> str:
    """A distinct news story: a wire date line, then six sentences picked for this number."""
    import random

    a, b = PAIRS[n % len(PAIRS)]
    picks = random.Random(n).sample(POOL, 6)
    return " ".join([LEAD] + picks).format(place="GENEVA", a=a, b=b, n=n + 3)


def page(title: str, body: str, date: str | None = "2026-02-20") -> bytes:
    """An HTML article page with metadata and boilerplate around the main text."""
    meta = f'<meta property="article:published_time" content="{date}T08:00:00Z">' if date else ""
    paras = "".join(f"<p>{p}</p>" for p in body.split(". ") if p)
    return (
        f"<!doctype html><html><head><title>{title}</title>{meta}"
        f'<meta property="og:site_name" content="Fault Gazette"></head><body>'
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{title}</h1>{paras}</article>"
        f"<footer>All rights reserved.</footer></body></html>"
    ).encode()


def rss(items: list[tuple[str, str]], title: str = "Fault feed") -> bytes:
    """An RSS 2.0 document; items are (title, link) pairs, link may be empty."""
    body = "".join(
        f"<item><title>{t}</title>" + (f"<link>{link}</link>" if link else "") +
        f"<guid isPermaLink=\"false\">{t}</guid><pubDate>Fri, 20 Feb 2026 08:00:00 GMT</pubDate></item>"
        for t, link in items
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://example.test/</link><description>d</description>{body}</channel></rss>").encode()


def gzip_bomb(size: int, layers: int = 2) -> bytes:
    """`size` zero bytes gzip-compressed `layers` times over, built without holding them (a bomb)."""
    import zlib

    squeeze = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    parts = [squeeze.compress(block) for _ in range(size // len(block))]
    data = b"".join(parts) + squeeze.compress(bytes(size % len(block))) + squeeze.flush()
    for _ in range(layers - 1):
        again = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        data = again.compress(data) + again.flush()
    return data


class FaultServer:
    """Routes -> behaviours; counts hits per path so tests can check retries and conditional requests."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.hosts: dict[str, str | None] = {}  # the Host header of the last request per path
        self.feeds: dict[str, bytes] = {}
        self.pages: dict[str, bytes] = {}
        self.flaky_left: Counter[str] = Counter()
        self.etag = '"v1"'
        self.encoded: dict[str, tuple[bytes, str]] = {}  # path -> (body, Content-Encoding header)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> "FaultServer":
        """Serve in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving."""
        self._server.shutdown()
        self._server.server_close()

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8", headers=None):
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def do_GET(self) -> None:  # noqa: N802 -- http.server naming
                path = self.path.split("?")[0]
                server.hits[path] += 1
                server.hosts[path] = self.headers.get("Host")
                try:
                    self.route(path)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def route(self, path: str) -> None:
                if path in server.feeds:
                    if self.headers.get("If-None-Match") == server.etag:
                        self.send_response(304)
                        self.send_header("ETag", server.etag)
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                    self.send(200, server.feeds[path], "application/rss+xml", {"ETag": server.etag})
                elif path in server.pages:
                    self.send(200, server.pages[path])
                elif path in server.encoded:
                    body, encoding = server.encoded[path]
                    self.send(200, body, headers={"Content-Encoding": encoding})
                elif path == "/slow-headers":
                    self.send_response(200)
                    for n in range(60):  # one header line every 2 s: each read is quick, the whole never ends
                        self.send_header(f"X-Drip-{n}", "x")
                        self.flush_headers()
                        time.sleep(2)
                    self.end_headers()
                elif path.startswith("/status/"):
                    code = int(path.rsplit("/", 1)[1])
                    self.send(code, b"<html><body>error page</body></html>")
                elif path.startswith("/flaky/"):
                    if server.flaky_left[path] > 0:
                        server.flaky_left[path] -= 1
                        self.send(503, b"busy")
                    else:
                        self.send(200, page("Flaky page recovered", story(40)))
                elif path == "/hang":
                    time.sleep(4)
                    self.send(200, page("Too late", story(41)))
                elif path == "/slow":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", "100000")
                    self.end_headers()
                    for _ in range(200):  # one byte every 0.1 s: each read is quick, the whole is not
                        self.wfile.write(b" ")
                        self.wfile.flush()
                        time.sleep(0.1)
                elif path == "/huge-declared":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(50 * 1024 * 1024))
                    self.end_headers()
                    self.wfile.write(b"<html>" + b"x" * 1024)
                elif path == "/huge-chunked":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    chunk = b"y" * 65536
                    for _ in range(64):  # 4 MB, well past the tests' cap
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    self.wfile.write(b"0\r\n\r\n")
                elif path.startswith("/redirect-to/"):
                    target = path[len("/redirect-to/"):]
                    target = {"file": "file:///etc/passwd", "localhost": f"http://localhost:{server.port}/ok/1",
                              "metadata": "http://169.254.169.254/latest/meta-data/",
                              "ok": "/ok/redirected", "loop": "/redirect-to/loop",
                              "bad": "http://[::1/broken"}[target]
                    self.send(302, b"", headers={"Location": target})
                elif path == "/image":
                    self.send(200, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "image/png")
                elif path == "/empty":
                    self.send(200, b"")
                elif path == "/binary-html":
                    self.send(200, bytes(range(256)) * 8)
                elif path == "/boilerplate":
                    self.send(200, b"<html><body><nav>Home</nav><footer>(c)</footer></body></html>")
                elif path == "/close":
                    self.connection.shutdown(2)  # the connection drops before any answer
                else:
                    self.send(404, b"<html><body>not found</body></html>")

        return Handler
