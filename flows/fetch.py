"""HTTP fetching for feeds and pages: timeouts, retries, size cap, and a guard against internal targets.

A feed is untrusted input: its links may point at the machine running Dateline or at cloud metadata
services. Every target host is resolved first and refused when any address is loopback, private,
link-local, reserved or a metadata endpoint (unless the host is explicitly allowed). The connection
then goes to the address that was checked, so a second DNS answer cannot swap in another one;
redirects are followed by hand and each hop is checked the same way.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import threading
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from transforms.documents import MAX_DOCUMENT_BYTES, InputError

USER_AGENT = "Dateline/0.1 (news timeline builder; +https://github.com/dateline/dateline)"
METADATA_HOSTS = {"metadata.google.internal", "metadata", "instance-data", "instance-data.ec2.internal"}
METADATA_ADDRESSES = {
    ipaddress.ip_address("169.254.169.254"),  # AWS, GCP, Azure, OpenStack
    ipaddress.ip_address("169.254.170.2"),  # AWS ECS task metadata
    ipaddress.ip_address("100.100.100.200"),  # Alibaba Cloud
    ipaddress.ip_address("fd00:ec2::254"),  # AWS over IPv6
}
# IPv6 forms that carry an IPv4 address inside: NAT64 (RFC 6052, RFC 8215) keeps it in the last 32 bits.
NAT64_NETWORKS = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
RETRY_STATUSES = {429, 500, 502, 503, 504}
CONTENT_ENCODINGS = ("gzip", "x-gzip", "deflate", "identity")  # decoded here, layer by layer
MAX_ENCODING_LAYERS = 4  # each layer holds a decoder's window: more would let a header buy memory
DECODE_STEP = 64 * 1024  # bytes a decoder may produce at a time, so no layer inflates a bomb in one call
REDIRECT_STATUSES = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class FetchSettings:
    """How politely and how defensively to fetch."""

    timeout: float = 10.0  # seconds to connect and between bytes
    deadline: float = 30.0  # seconds for a whole response; a slow drip past it is cut off
    retries: int = 2  # extra attempts on connection errors, timeouts and 429/5xx
    backoff: float = 0.5  # first retry delay in seconds, doubled each time
    max_bytes: int = MAX_DOCUMENT_BYTES
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    allow_hosts: frozenset[str] = field(default_factory=frozenset)  # hosts exempt from the address guard

    @classmethod
    def from_options(cls, options: dict | None) -> "FetchSettings":
        """Settings from run options, with env DATELINE_ALLOW_HOSTS / DATELINE_USER_AGENT as fallbacks.

        Raises ValueError for a user agent that cannot be sent as a header.
        """
        options = options or {}
        hosts = set(options.get("allow_hosts") or [])
        hosts.update(h for h in os.environ.get("DATELINE_ALLOW_HOSTS", "").split(",") if h.strip())
        kwargs = {k: options[k] for k in ("timeout", "deadline", "retries", "backoff", "max_bytes") if options.get(k) is not None}
        if "timeout" in kwargs and "deadline" not in kwargs:
            kwargs["deadline"] = 3 * kwargs["timeout"]  # a whole response may take three quiet periods
        user_agent = options.get("user_agent") or os.environ.get("DATELINE_USER_AGENT") or USER_AGENT
        problem = user_agent_problem(user_agent)
        if problem:
            raise ValueError(f"user agent {user_agent!r}: {problem}")
        return cls(allow_hosts=frozenset(h.strip().lower() for h in hosts), user_agent=user_agent, **kwargs)


def user_agent_problem(text: str) -> str | None:
    """Why a User-Agent cannot be sent (HTTP headers are printable ASCII), or None."""
    for position, char in enumerate(text):
        if not " " <= char <= "~":
            return f"character {char!r} at position {position} is not printable ASCII"
    return None


def url_problem(url: str) -> str | None:
    """Why a URL is malformed before any parsing (a control character), or None."""
    for position, char in enumerate(url):
        if char < " " or "\x7f" <= char <= "\x9f":
            return f"control character {char!r} at position {position}"
    return None


@dataclass
class Response:
    """A fetched body with what the caller needs to know about it."""

    url: str  # the final URL after redirects
    status: int
    content: bytes
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        """True for a 304 answer to a conditional request."""
        return self.status == 304


class FetchError(InputError):
    """A URL that could not be fetched: a reject reason code and a one-line detail."""


def embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries: mapped, compatible, 6to4, NAT64 or Teredo forms."""
    if address.ipv4_mapped:
        return [address.ipv4_mapped]
    if address.sixtofour:
        return [address.sixtofour]
    if address.teredo:
        return list(address.teredo)  # (server, client): either may be the internal target
    if any(address in network for network in NAT64_NETWORKS):
        return [ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)]
    if address in IPV4_COMPATIBLE and int(address) > 1:  # not :: or ::1, which are checked as they are
        return [ipaddress.IPv4Address(int(address))]
    return []


def _blocked(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address is off limits, or None when it is a public address."""
    if isinstance(address, ipaddress.IPv6Address) and address not in METADATA_ADDRESSES:
        inner = embedded_ipv4(address)
        for ipv4 in inner:
            why = _blocked(ipv4)
            if why:
                return f"which embeds {ipv4}, {why}"
        if inner:
            return None  # the packets go to the embedded public address: the wrapper says nothing more
    if address in METADATA_ADDRESSES:
        return "a cloud metadata address"
    for test, label in (
        (address.is_loopback, "a loopback address"),
        (address.is_link_local, "a link-local address"),
        (address.is_private, "a private address"),
        (address.is_multicast, "a multicast address"),
        (address.is_unspecified, "an unspecified address"),
        (address.is_reserved, "a reserved address"),
    ):
        if test:
            return label
    if isinstance(address, ipaddress.IPv4Address) and address in ipaddress.ip_network("100.64.0.0/10"):
        return "a shared (carrier NAT) address"
    return None


def check_url(url: str, settings: FetchSettings) -> tuple[str, str | None]:
    """Refuse bad schemes and internal targets; return (host, address to connect to or None if allowed).

    Raises FetchError(bad-scheme | bad-url | dns-error | blocked-address).
    """
    problem = url_problem(url)
    if problem:
        raise FetchError("bad-url", f"malformed URL: {problem}")
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 -- raises ValueError on a bad port
    except ValueError as exc:
        raise FetchError("bad-url", f"malformed URL: {exc}") from None
    if parts.scheme not in ("http", "https"):
        raise FetchError("bad-scheme", f"only http and https are fetched, not {parts.scheme or 'a relative URL'}:")
    if not host:
        raise FetchError("bad-url", "the URL has no host")
    if host in settings.allow_hosts:
        return host, None
    if host in METADATA_HOSTS:
        raise FetchError("blocked-address", f"{host} is a cloud metadata host")
    try:
        literal = ipaddress.ip_address(host)
        addresses = [literal]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError, OSError) as exc:
            raise FetchError("dns-error", f"cannot resolve {host}: {getattr(exc, 'strerror', None) or exc}") from None
        addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    for address in addresses:
        why = _blocked(address)
        if why:
            raise FetchError("blocked-address", f"{host} resolves to {address}, {why} (allow it with --allow-host)")
    return host, str(addresses[0])


def _pinned_request(client: httpx.Client, url: str, host: str, address: str | None, headers: dict) -> httpx.Request:
    """A GET to the checked address, keeping the name for the Host header and TLS (SNI and certificate)."""
    if address is None:
        return client.build_request("GET", url, headers=headers)
    target = httpx.URL(url).copy_with(host=address)
    port = urlsplit(url).port
    host_header = host if port is None else f"{host}:{port}"
    if ":" in host and not host.startswith("["):
        host_header = f"[{host}]" if port is None else f"[{host}]:{port}"
    request = client.build_request("GET", target, headers={**headers, "Host": host_header})
    request.extensions["sni_hostname"] = host
    return request


def fetch(url: str, settings: FetchSettings, client: httpx.Client, conditional: dict | None = None) -> Response:
    """GET a URL with retries and backoff; raise FetchError with a reject reason when it fails."""
    attempt = 0
    while True:
        try:
            return _fetch_once(url, settings, client, conditional)
        except (httpx.InvalidURL, UnicodeError) as exc:  # a URL (or redirect) httpx or IDNA cannot encode
            raise FetchError("bad-url", f"malformed URL: {str(exc)[:160]}") from None
        except FetchError as exc:
            retryable = exc.reason in ("timeout", "connect-error") or exc.reason in {
                f"http-{s}" for s in RETRY_STATUSES
            }
            if not retryable or attempt >= settings.retries:
                if attempt:
                    exc.detail = f"{exc.detail} (after {attempt + 1} attempts)"
                raise
        time.sleep(settings.backoff * (2**attempt))
        attempt += 1


def _fetch_once(url: str, settings: FetchSettings, client: httpx.Client, conditional: dict | None) -> Response:
    """One attempt: follow redirects by hand, checking every hop; stream the body under the caps."""
    headers = {"User-Agent": settings.user_agent,
               "Accept": "text/html, application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5",
               "Accept-Encoding": "gzip, deflate"}  # only what _decoded_body decodes
    if conditional:
        if conditional.get("etag"):
            headers["If-None-Match"] = conditional["etag"]
        if conditional.get("last_modified"):
            headers["If-Modified-Since"] = conditional["last_modified"]
    current = url
    started = time.monotonic()
    _deadline.at = started + settings.deadline  # one deadline from the first connect to the last byte
    try:
        return _follow(current, settings, client, headers, started)
    finally:
        _deadline.at = None


def _follow(url: str, settings: FetchSettings, client: httpx.Client, headers: dict, started: float) -> Response:
    """Follow redirects by hand, checking every hop, all under the one deadline; read the final body."""
    current = url
    for _hop in range(settings.max_redirects + 1):
        host, address = check_url(current, settings)
        request = _pinned_request(client, current, host, address, headers)
        try:
            response = client.send(request, stream=True, follow_redirects=False)
        except httpx.TimeoutException:
            if time.monotonic() >= _deadline.at:
                raise FetchError("too-slow", f"headers still arriving after {settings.deadline:g} s") from None
            raise FetchError("timeout", f"no answer within {settings.timeout:g} s") from None
        except httpx.RemoteProtocolError as exc:
            if "location header" in str(exc).lower():  # httpx parses Location itself and refuses a malformed one
                raise FetchError("bad-redirect", f"malformed redirect: {str(exc)[:160]}") from None
            raise FetchError("connect-error", f"cannot connect: {type(exc).__name__}: {str(exc)[:120] or 'no detail'}") from None
        except httpx.HTTPError as exc:
            raise FetchError("connect-error", f"cannot connect: {type(exc).__name__}: {str(exc)[:120] or 'no detail'}") from None
        try:
            if response.status_code in REDIRECT_STATUSES:
                location = response.headers.get("location")
                if not location:
                    raise FetchError("bad-redirect", f"HTTP {response.status_code} without a Location header")
                try:
                    current = urljoin(current, location.strip())
                except ValueError as exc:
                    raise FetchError("bad-url", f"malformed redirect Location: {exc}") from None
                if urlsplit(current).scheme not in ("http", "https"):
                    raise FetchError("bad-scheme", f"redirected to a {urlsplit(current).scheme or 'relative'}: URL, which is never followed")
                continue
            if response.status_code == 304:
                return Response(url=current, status=304, content=b"", etag=response.headers.get("etag"),
                                last_modified=response.headers.get("last-modified"))
            if response.status_code >= 400:
                raise FetchError(f"http-{response.status_code}", f"HTTP {response.status_code} {response.reason_phrase}".strip())
            if response.status_code != 200:
                raise FetchError(f"http-{response.status_code}", f"unexpected HTTP {response.status_code}")
            content = _read_capped(response, settings, started)
            return Response(
                url=current, status=200, content=content,
                content_type=response.headers.get("content-type", ""),
                etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified"),
            )
        finally:
            response.close()
    raise FetchError("too-many-redirects", f"more than {settings.max_redirects} redirects")


def _read_capped(response: httpx.Response, settings: FetchSettings, started: float) -> bytes:
    """The decoded body, refused once it passes the size cap or the whole-response deadline.

    Decoded bytes are counted as each content-encoding layer produces them, a step at a time, so a
    layered compression bomb (`gzip, gzip`) is stopped at the cap without ever being inflated.
    """
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > settings.max_bytes:
        raise FetchError("too-large", f"{int(declared):,} bytes declared is over the {settings.max_bytes:,}-byte cap")
    layers = _decoders(response.headers.get("content-encoding", ""))
    chunks, size = [], 0
    try:
        for chunk in _decoded_body(response.iter_raw(), layers):
            size += len(chunk)
            if size > settings.max_bytes:
                raise FetchError("too-large", f"body passed the {settings.max_bytes:,}-byte cap")
            if time.monotonic() - started > settings.deadline:
                raise FetchError("too-slow", f"body still arriving after {settings.deadline:g} s")
            chunks.append(chunk)
    except httpx.TimeoutException:
        if time.monotonic() - started >= settings.deadline:
            raise FetchError("too-slow", f"body still arriving after {settings.deadline:g} s") from None
        raise FetchError("timeout", f"body stalled for more than {settings.timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise FetchError("connect-error", f"connection broke while reading: {type(exc).__name__}") from None
    except zlib.error as exc:
        raise FetchError("bad-encoding", f"broken compressed body: {exc}") from None
    return b"".join(chunks)


class _Layer:
    """One content-encoding layer: a zlib decoder that yields at most DECODE_STEP bytes at a time."""

    def __init__(self, name: str):
        self.name = name
        self.started = False
        self.decoder = self._new()

    def _new(self):
        """A decoder for this layer (gzip, or zlib-wrapped deflate)."""
        return zlib.decompressobj(16 + zlib.MAX_WBITS if self.name != "deflate" else zlib.MAX_WBITS)

    def feed(self, data: bytes) -> Iterator[bytes]:
        """Decode data a step at a time; what is left over stays in the decoder's unconsumed tail."""
        while True:
            try:
                out = self.decoder.decompress(data, DECODE_STEP)
            except zlib.error:
                if self.name != "deflate" or self.started:
                    raise
                # Some servers send raw deflate without the zlib wrapper.
                self.decoder = zlib.decompressobj(-zlib.MAX_WBITS)
                out = self.decoder.decompress(data, DECODE_STEP)
            self.started = True
            data = self.decoder.unconsumed_tail
            if self.decoder.eof and self.decoder.unused_data.strip(b"\x00") and self.name != "deflate":
                data = self.decoder.unused_data  # the next member of a multi-member gzip body
                self.decoder = self._new()
            if out:
                yield out
            elif not data:
                return


def _decoders(header: str) -> list[_Layer]:
    """Decoders for a Content-Encoding header, outermost first (the last encoding applied comes off first)."""
    names = [n.strip().lower() for n in header.split(",") if n.strip()]
    unknown = [n for n in names if n not in CONTENT_ENCODINGS]
    if unknown:
        raise FetchError("unsupported-content", f"content encoding {unknown[0][:40]} is not supported")
    layers = [_Layer(n) for n in reversed(names) if n != "identity"]
    if len(layers) > MAX_ENCODING_LAYERS:
        raise FetchError("unsupported-content", f"{len(layers)} content encodings (at most {MAX_ENCODING_LAYERS})")
    return layers


def _decoded_body(raw: Iterable[bytes], layers: list[_Layer]) -> Iterator[bytes]:
    """The body through every decoding layer, in pieces of at most DECODE_STEP bytes."""
    for chunk in raw:
        yield from _through(layers, chunk)
    if layers:
        yield from _through(layers, b"")


def _through(layers: list[_Layer], data: bytes) -> Iterator[bytes]:
    """Push data through the layers, each piece of one layer on to the next before decoding more."""
    if not layers:
        if data:
            yield data
        return
    for piece in layers[0].feed(data):
        yield from _through(layers[1:], piece)
    if len(layers) > 1 and not data:
        yield from _through(layers[1:], b"")


class _Deadline(threading.local):
    """The whole-response deadline of the request this thread is sending (monotonic time), or None."""

    at: float | None = None


_deadline = _Deadline()


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write waits no longer than the request's deadline allows."""

    def __init__(self, stream: httpcore.NetworkStream):
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        """Read, cut off at the deadline (slow headers trickling in count too)."""
        return self._stream.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        """Write, cut off at the deadline."""
        self._stream.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        """Close the connection."""
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None) -> "_DeadlineStream":
        """TLS on top, still under the deadline."""
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname,
                                                      _bounded(timeout, httpcore.ConnectTimeout)))

    def get_extra_info(self, info: str):
        """Pass-through (the socket, TLS details)."""
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.SyncBackend):
    """httpcore's socket backend whose connects and streams honour the thread's request deadline."""

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        """Connect within the deadline; the stream keeps to it afterwards."""
        stream = super().connect_tcp(host, port, _bounded(timeout, httpcore.ConnectTimeout), local_address,
                                     socket_options)
        return _DeadlineStream(stream)


def _bounded(timeout: float | None, error: type[Exception]) -> float | None:
    """The smaller of a per-operation timeout and the time left before the deadline; raise once it is past."""
    if _deadline.at is None:
        return timeout
    left = _deadline.at - time.monotonic()
    if left <= 0:
        raise error("the whole-response deadline has passed")
    return left if timeout is None else min(timeout, left)


def make_client(settings: FetchSettings) -> httpx.Client:
    """An HTTP client with the timeouts set; proxies from the environment are ignored (they would bypass the guard)."""
    timeout = httpx.Timeout(settings.timeout, connect=min(settings.timeout, 10.0))
    transport = httpx.HTTPTransport(trust_env=False, http2=False)
    # httpx has no whole-request timeout, only per read: the backend cuts every socket operation
    # at the request's deadline. HTTPTransport takes no backend argument, so it is set on its pool.
    transport._pool._network_backend = _DeadlineBackend()
    return httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False, transport=transport)
