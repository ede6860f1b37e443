"""Start Streamlit with a Host-header guard: the dashboard answers only requests addressed to this machine.

Streamlit answers any Host header, so a web page on another site can rebind its own name to 127.0.0.1
(DNS rebinding) and read the dashboard from the user's browser. The guard refuses (HTTP 403, or a closed
WebSocket) any request whose Host is not localhost, 127.0.0.1 or [::1] (any port), an IP literal when the
dashboard is bound to all addresses, or a name listed in $DATELINE_DASHBOARD_HOSTS (comma-separated).

Run as `python -m dashboards.guard run APP [streamlit options]`, exactly like `python -m streamlit`.
"""

from __future__ import annotations

import ipaddress
import os
import sys

LOCAL_NAMES = {"localhost", "127.0.0.1", "::1"}


def host_name(header: str) -> str:
    """The name of a Host header without its port: `[::1]:8501` -> `::1`, `Example.org:80` -> `example.org`."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def allowed(header: str, bound: str, extra: set[str]) -> bool:
    """True when a request's Host header names this machine as the dashboard may be reached."""
    name = host_name(header)
    if name in LOCAL_NAMES or name in extra:
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False  # a name: only the local ones and those listed; rebinding needs a name
    return bound in ("0.0.0.0", "::", name)


class HostGuard:
    """ASGI middleware refusing requests whose Host header is not allowed."""

    def __init__(self, app, bound: str = "127.0.0.1", extra: frozenset[str] = frozenset()):
        """Wrap an ASGI app."""
        self.app, self.bound, self.extra = app, bound, set(extra)

    async def __call__(self, scope, receive, send):
        """Pass allowed requests on; answer others with 403 (HTTP) or close them (WebSocket)."""
        if scope["type"] in ("http", "websocket"):
            headers = dict(scope.get("headers") or [])
            host = headers.get(b"host", b"").decode("latin-1")
            if not allowed(host, self.bound, self.extra):
                if scope["type"] == "websocket":
                    await send({"type": "websocket.close", "code": 1008})
                    return
                body = b"dateline dashboard: this Host is not allowed (DNS rebinding guard)\n"
                await send({"type": "http.response.start", "status": 403,
                            "headers": [(b"content-type", b"text/plain"), (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


def install(bound: str, extra: set[str]) -> None:
    """Make Streamlit's Starlette app carry the guard as its outermost middleware."""
    from streamlit.web.server.starlette import starlette_server

    create = starlette_server.create_starlette_app

    def guarded(runtime):
        """Streamlit's app with the Host guard added."""
        app = create(runtime)
        app.add_middleware(HostGuard, bound=bound, extra=frozenset(extra))
        return app

    starlette_server.create_starlette_app = guarded


def _option(argv: list[str], name: str, default: str) -> str:
    """The value of a `--name value` option in a command line."""
    return argv[argv.index(name) + 1] if name in argv[:-1] else default


def main() -> None:
    """Install the guard, then run Streamlit's own command line."""
    from streamlit.web.cli import main as streamlit_main

    extra = {h.strip().lower() for h in os.environ.get("DATELINE_DASHBOARD_HOSTS", "").split(",") if h.strip()}
    install(_option(sys.argv, "--server.address", "127.0.0.1"), extra)
    sys.argv[0] = "streamlit"
    streamlit_main(prog_name="streamlit")


if __name__ == "__main__":
    main()
