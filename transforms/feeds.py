"""Parse RSS/Atom feed bytes into items (pure: feedparser on bytes, never a URL or a path)."""

from __future__ import annotations

import io
import time
from dataclasses import asdict, dataclass

from transforms.documents import InputError


@dataclass(slots=True)
class FeedItem:
    """One entry of a feed: where its page is and what the feed says about it."""

    link: str | None
    title: str | None = None
    published: str | None = None  # ISO date from the feed entry, when it has one
    guid: str | None = None
    summary: str | None = None

    def to_dict(self) -> dict:
        """A JSON-friendly dict (for the validator cache)."""
        return asdict(self)


class FeedError(InputError):
    """The bytes are not a feed."""


def looks_like_feed(data: bytes, content_type: str | None = None) -> bool:
    """True for RSS/Atom/RDF documents, judged by the content type or the first tags."""
    if content_type and any(t in content_type.lower() for t in ("rss", "atom", "rdf")):
        return True
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml"):
        return b"<rss" in head or b"<feed" in head or b"<rdf" in data[:4096].lower()
    return head.startswith((b"<rss", b"<feed", b"<rdf"))


def parse_feed(data: bytes, base_url: str | None = None) -> list[FeedItem]:
    """Items of an RSS/Atom document; raises FeedError when there is no feed in the bytes."""
    import feedparser

    headers = {"content-location": base_url} if base_url else {}
    # A stream, never a string: feedparser fetches strings that look like URLs or paths.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers, sanitize_html=True)
    version = parsed.get("version") or ""
    if not parsed.entries and (not version or parsed.get("bozo")):
        problem = parsed.get("bozo_exception")
        detail = str(problem).splitlines()[0][:160] if problem else "no RSS or Atom root element"
        raise FeedError("bad-feed", f"not an RSS/Atom feed: {detail}")
    items = []
    for entry in parsed.entries:
        items.append(
            FeedItem(
                link=(entry.get("link") or "").strip() or None,
                title=(entry.get("title") or "").strip() or None,
                published=_entry_date(entry),
                guid=(entry.get("id") or "").strip() or None,
                summary=(entry.get("summary") or "").strip() or None,
            )
        )
    return items


def _entry_date(entry) -> str | None:
    """The entry's publication (else update) date as YYYY-MM-DD."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return time.strftime("%Y-%m-%d", value)
            except (TypeError, ValueError):
                continue
    return None
