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
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

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
RETRY_STATUSES = {429, 500, 502, 503, 504}
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
        """Settings from run options, with env DATELINE_ALLOW_HOSTS / DATELINE_USER_AGENT as fallbacks."""
        options = options or {}
        hosts = set(options.get("allow_hosts") or [])
        hosts.update(h for h in os.environ.get("DATELINE_ALLOW_HOSTS", "").split(",") if h.strip())
        kwargs = {k: options[k] for k in ("timeout", "deadline", "retries", "backoff", "max_bytes") if options.get(k) is not None}
        if "timeout" in kwargs and "deadline" not in kwargs:
            kwargs["deadline"] = 3 * kwargs["timeout"]  # a whole response may take three quiet periods
        return cls(
            allow_hosts=frozenset(h.strip().lower() for h in hosts),
            user_agent=options.get("user_agent") or os.environ.get("DATELINE_USER_AGENT") or USER_AGENT,
            **kwargs,
        )


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


def _blocked(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address is off limits, or None when it is a public address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
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
    headers = {"User-Agent": settings.user_agent, "Accept": "text/html, application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"}
    if conditional:
        if conditional.get("etag"):
            headers["If-None-Match"] = conditional["etag"]
        if conditional.get("last_modified"):
            headers["If-Modified-Since"] = conditional["last_modified"]
    current = url
    for _hop in range(settings.max_redirects + 1):
        host, address = check_url(current, settings)
        request = _pinned_request(client, current, host, address, headers)
        started = time.monotonic()
        try:
            response = client.send(request, stream=True, follow_redirects=False)
        except httpx.TimeoutException:
            raise FetchError("timeout", f"no answer within {settings.timeout:g} s") from None
        except httpx.HTTPError as exc:
            raise FetchError("connect-error", f"cannot connect: {type(exc).__name__}: {str(exc)[:120] or 'no detail'}") from None
        try:
            if response.status_code in REDIRECT_STATUSES:
                location = response.headers.get("location")
                if not location:
                    raise FetchError("bad-redirect", f"HTTP {response.status_code} without a Location header")
                current = urljoin(current, location.strip())
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
    """The body, refused once it passes the size cap or the whole-response deadline."""
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > settings.max_bytes:
        raise FetchError("too-large", f"{int(declared):,} bytes declared is over the {settings.max_bytes:,}-byte cap")
    chunks, size = [], 0
    try:
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > settings.max_bytes:
                raise FetchError("too-large", f"body passed the {settings.max_bytes:,}-byte cap")
            if time.monotonic() - started > settings.deadline:
                raise FetchError("too-slow", f"body still arriving after {settings.deadline:g} s")
            chunks.append(chunk)
    except httpx.TimeoutException:
        raise FetchError("timeout", f"body stalled for more than {settings.timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise FetchError("connect-error", f"connection broke while reading: {type(exc).__name__}") from None
    return b"".join(chunks)


def make_client(settings: FetchSettings) -> httpx.Client:
    """An HTTP client with the timeouts set; proxies from the environment are ignored (they would bypass the guard)."""
    timeout = httpx.Timeout(settings.timeout, connect=min(settings.timeout, 10.0))
    return httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False, http2=False)
