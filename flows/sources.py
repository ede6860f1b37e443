"""Expand source arguments into inputs and read them into documents or rejects; never raises.

Source kinds: files (`.txt`/`.md`, `.html`, `.json`, `.jsonl`, `.csv`, `.rss`/`.atom`/`.xml` feeds,
`.urls` lists), folders (recursive), glob patterns, and http(s) URLs of pages or feeds. Every input
ends as a document, a reject, or a name in `skipped` (already in the lake, not read again); the
caller's counts add up because nothing else can happen to an input.
"""

from __future__ import annotations

import glob
import os
import stat
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from flows.fetch import FetchError, FetchSettings, Response, fetch, make_client
from transforms.documents import MAX_DOCUMENT_BYTES, RawDocument, Reject, parse_bytes
from transforms.feeds import FeedError, FeedItem, looks_like_feed, parse_feed

# File kind by extension; other files found in a folder are rejected as unsupported, not ignored.
KIND_BY_EXTENSION = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".markdown": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".urls": "urls",
}
BULK_KINDS = {"jsonl", "csv"}  # one record per line/row: the document cap applies per record
BULK_FACTOR = 100  # a dump file may be this many times the per-document cap
SKIPPED_NAMES = {".DS_Store", "Thumbs.db"}
# A folder's own documentation is not an article (named explicitly, it is read like any file).
SKIPPED_STEMS = {"readme", "license", "licence", "changelog"}
FETCH_WORKERS = 8


@dataclass(slots=True)
class Input:
    """One input to read: a file path as the user gave it (or as found in a folder)."""

    name: str
    path: str


@dataclass
class SourceSettings:
    """Caps, CSV column names and HTTP settings for one run."""

    max_bytes: int = MAX_DOCUMENT_BYTES
    csv_columns: dict[str, str] = field(default_factory=dict)
    fetch: FetchSettings = field(default_factory=FetchSettings)

    @classmethod
    def from_options(cls, options: dict | None) -> "SourceSettings":
        """Settings from the flow's `options` parameter (JSON-friendly dict)."""
        options = dict(options or {})
        max_bytes = int(options.get("max_bytes") or MAX_DOCUMENT_BYTES)
        options["max_bytes"] = max_bytes
        return cls(max_bytes=max_bytes, csv_columns=dict(options.get("csv_columns") or {}),
                   fetch=FetchSettings.from_options(options))


@dataclass
class Batch:
    """What reading the sources produced."""

    documents: list[RawDocument] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # inputs already in the lake, not read again
    cleared: set[str] = field(default_factory=set)  # containers read fine: their old rejects go
    validators: dict[str, dict] = field(default_factory=dict)  # URL -> ETag/Last-Modified to keep
    _names: set[str] = field(default_factory=set)

    def has(self, name: str) -> bool:
        """True when this run already has a verdict for an input."""
        return name in self._names

    def claim(self, name: str) -> bool:
        """Register an input name; False when this run already has it (a link in two feeds)."""
        if name in self._names:
            return False
        self._names.add(name)
        return True

    def add(self, results: list[RawDocument | Reject]) -> None:
        """Add parse results, each under its own input name."""
        for result in results:
            if not self.claim(result.input):
                continue
            if isinstance(result, Reject) and "\n" in result.detail:
                result.detail = " ".join(result.detail.split())  # a reject's detail is one line
            (self.rejects if isinstance(result, Reject) else self.documents).append(result)

    def reject(self, name: str, reason: str, detail: str) -> None:
        """Add one reject."""
        self.add([Reject(name, reason, detail)])

    @property
    def inputs(self) -> int:
        """Distinct inputs seen: documents + rejects + skipped."""
        return len(self.documents) + len(self.rejects) + len(self.skipped)


def is_url(source: str) -> bool:
    """True for anything with a scheme (http, https, and the schemes we refuse such as file:)."""
    head = source.split("://", 1)[0]
    return "://" in source and head.isalpha() and len(head) > 1


def expand_sources(sources: list[str]) -> tuple[list[Input], list[str], list[Reject]]:
    """Files as given, folders recursively, globs expanded; URLs apart; a missing path becomes a reject."""
    inputs: list[Input] = []
    urls: list[str] = []
    rejects: list[Reject] = []
    seen: set[str] = set()
    for source in sources:
        if is_url(source):
            urls.append(source)
            continue
        if os.path.isdir(source):
            candidates = _walk(source)
        elif os.path.lexists(source):
            candidates = [source]
        elif any(ch in source for ch in "*?["):
            candidates = sorted(p for p in glob.glob(source, recursive=True) if not os.path.isdir(p))
            if not candidates:
                rejects.append(Reject(source, "not-found", "the pattern matches no file"))
        else:
            rejects.append(Reject(source, "not-found", "no such file or folder"))
            continue
        for path in candidates:
            key = os.path.realpath(path)
            if key in seen:
                continue
            seen.add(key)
            inputs.append(Input(name=path, path=path))
    return inputs, urls, rejects


def _walk(folder: str) -> list[str]:
    """Every file below a folder, sorted, skipping hidden files and folders."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name in SKIPPED_NAMES or os.path.splitext(name)[0].lower() in SKIPPED_STEMS:
                continue
            found.append(os.path.join(root, name))
    return found


def read_file(item: Input, settings: SourceSettings) -> tuple[str, bytes] | Reject:
    """The kind and bytes of a regular file within its cap, or a reject."""
    ext = os.path.splitext(item.path)[1].lower()
    kind = KIND_BY_EXTENSION.get(ext)
    if kind is None:
        return Reject(item.name, "unsupported", f"unsupported file type {ext or '(no extension)'}")
    try:
        info = os.stat(item.path)
    except FileNotFoundError:
        return Reject(item.name, "not-found", "dangling link or file removed while reading")
    except OSError as exc:
        return Reject(item.name, "unreadable", exc.strerror or str(exc))
    if not stat.S_ISREG(info.st_mode):
        # A FIFO or device would block or never end; only regular files are read.
        return Reject(item.name, "not-a-file", "not a regular file (pipe, socket or device)")
    cap = settings.max_bytes * (BULK_FACTOR if kind in BULK_KINDS else 1)
    if info.st_size > cap:
        return Reject(item.name, "too-large", f"{info.st_size:,} bytes is over the {cap:,}-byte cap")
    try:
        with open(item.path, "rb") as handle:
            data = handle.read(cap + 1)
    except OSError as exc:
        return Reject(item.name, "unreadable", exc.strerror or str(exc))
    if len(data) > cap:
        return Reject(item.name, "too-large", f"file grew past the {cap:,}-byte cap while reading")
    return kind, data


class Reader:
    """Reads sources into one Batch, fetching URLs with one shared HTTP client."""

    def __init__(self, settings: SourceSettings, known: set[str], validators: dict[str, dict]):
        self.settings = settings
        self.known = known
        self.validators = validators
        self.batch = Batch()
        self._client = None
        self._pages: list[tuple[str, dict | None]] = []  # (url, feed item) to fetch at the end, in parallel

    @property
    def client(self):
        """The HTTP client, created on first use (runs without URLs never open one)."""
        if self._client is None:
            self._client = make_client(self.settings.fetch)
        return self._client

    def close(self) -> None:
        """Close the HTTP client."""
        if self._client is not None:
            self._client.close()

    def handled(self, name: str) -> bool:
        """True when this run already has a verdict for an input or read it as a container (a feed)."""
        return self.batch.has(name) or name in self.batch.cleared

    def read(self, sources: list[str]) -> Batch:
        """Read every source; pages found in feeds and lists are fetched last, in parallel."""
        inputs, urls, rejects = expand_sources(sources)
        for r in rejects:
            self.batch.reject(r.input, r.reason, r.detail)
        for item in inputs:
            self.read_local(item)
        for url in urls:
            self.read_url(url)
        self.fetch_pages()
        return self.batch

    def read_local(self, item: Input) -> None:
        """One file: parsed here, or expanded when it is a feed or a URL list."""
        result = read_file(item, self.settings)
        if isinstance(result, Reject):
            self.batch.add([result])
            return
        kind, data = result
        if kind == "feed":
            self.read_feed(item.name, data, base_url=None)
        elif kind == "urls":
            self.read_url_list(item.name, data)
        else:
            results = parse_bytes(item.name, data, kind, self.settings.max_bytes, self.settings.csv_columns)
            if any(r.input != item.name for r in results):  # records of a dump or list: the file itself is fine
                self.batch.cleared.add(item.name)
            self.batch.add(results)

    def read_url_list(self, name: str, data: bytes) -> None:
        """A `.urls` file: one URL per line, `#` comment lines; each URL is an input of its own."""
        text = data.decode("utf-8", errors="replace")
        found = False
        for lineno, line in enumerate(text.splitlines(), start=1):
            url = line.strip()
            if not url or url.startswith("#"):
                continue
            found = True
            if not is_url(url):
                self.batch.reject(f"{name}:{lineno}", "bad-url", f"not a URL: {url[:80]}")
                continue
            self.read_url(url)
        if found:
            self.batch.cleared.add(name)
        else:
            self.batch.reject(name, "empty", "the URL list has no URLs")

    def read_url(self, url: str) -> None:
        """A URL given by the user: fetched now; a feed is expanded into its items, a page is parsed.

        The request is conditional (ETag / Last-Modified) when the last run kept validators for it:
        a 304 feed reuses the items remembered then, a 304 page is an unchanged input.
        """
        if self.handled(url):
            return
        cached = self.validators.get(url) or {}
        is_feed = cached.get("items") is not None
        conditional = cached if is_feed or url in self.known else None
        try:
            response = fetch(url, self.settings.fetch, self.client, conditional)
        except FetchError as exc:
            self.batch.reject(url, exc.reason, exc.detail)
            return
        if response.not_modified:
            self.batch.validators[url] = cached
            if is_feed:
                self.expand_items(url, [FeedItem(**i) for i in cached["items"]])
            elif self.batch.claim(url):
                self.batch.skipped.append(url)
            return
        if not looks_like_feed(response.content, response.content_type):
            self.add_page(url, None, response)
            return
        items = self.read_feed(url, response.content, base_url=response.url)
        if items is not None and (response.etag or response.last_modified):
            self.batch.validators[url] = {
                "etag": response.etag, "last_modified": response.last_modified,
                "items": [i.to_dict() for i in items],
            }

    def read_feed(self, name: str, data: bytes, base_url: str | None) -> list[FeedItem] | None:
        """Parse feed bytes and queue its items; a broken or empty feed is one reject."""
        if len(data) > self.settings.max_bytes:
            self.batch.reject(name, "too-large", f"{len(data):,}-byte feed is over the {self.settings.max_bytes:,}-byte cap")
            return None
        if not data.strip():
            self.batch.reject(name, "empty", "the feed is empty")
            return None
        try:
            items = parse_feed(data, base_url)
        except FeedError as exc:
            self.batch.reject(name, exc.reason, exc.detail)
            return None
        if not items:
            self.batch.reject(name, "empty", "the feed has no items")
            return None
        self.expand_items(name, items)
        return items

    def expand_items(self, feed: str, items: list[FeedItem]) -> None:
        """Each item becomes an input named by its link; items already in the lake are skipped."""
        self.batch.cleared.add(feed)
        for index, item in enumerate(items, start=1):
            try:
                link = urljoin(feed, item.link) if item.link and is_url(feed) else item.link
            except ValueError:
                link = item.link  # unparsable: the fetch rejects it as bad-url
            if not link:
                self.batch.reject(f"{feed}#{item.guid or index}", "no-link", "the feed item has no link to follow")
                continue
            if link in self.known:
                if self.batch.claim(link):
                    self.batch.skipped.append(link)
                continue
            if self.handled(link) or any(link == queued for queued, _ in self._pages):
                continue
            self._pages.append((link, {"title": item.title, "published": item.published}))

    def fetch_pages(self) -> None:
        """Fetch queued pages in parallel (order of results kept) and parse them."""
        if not self._pages:
            return
        todo = [(u, i) for u, i in self._pages if not self.handled(u)]
        self._pages = []
        with ThreadPoolExecutor(max_workers=FETCH_WORKERS) as pool:
            answers = list(pool.map(lambda job: self._get(job[0]), todo))
        for (url, item), answer in zip(todo, answers):
            if isinstance(answer, FetchError):
                self.batch.reject(url, answer.reason, answer.detail)
            elif answer.not_modified:
                if self.batch.claim(url):
                    self.batch.skipped.append(url)
                self.batch.validators[url] = self.validators.get(url, {})
            else:
                self.add_page(url, item, answer)

    def _get(self, url: str) -> Response | FetchError:
        """Fetch one page; conditional only when the lake already holds its article."""
        conditional = self.validators.get(url) if url in self.known else None
        try:
            with host_slot(url):
                return fetch(url, self.settings.fetch, self.client, conditional)
        except FetchError as exc:
            return exc

    def add_page(self, url: str, item: dict | None, response: Response) -> None:
        """Parse a fetched page by its content type."""
        kind = page_kind(response.content_type, response.content)
        if kind is None:
            ctype = response.content_type.split(";")[0].strip() or "unknown"
            self.batch.reject(url, "unsupported-content", f"content type {ctype} is not a page")
            return
        results = parse_bytes(url, response.content, kind, self.settings.max_bytes, url=_final(url, response),
                              feed_item=item, encoding=_charset(response.content_type))
        self.batch.add(results)
        if any(isinstance(r, RawDocument) for r in results) and (response.etag or response.last_modified):
            self.batch.validators[url] = {"etag": response.etag, "last_modified": response.last_modified}


# Politeness: at most this many requests in flight to one host, whatever the worker count.
FETCHES_PER_HOST = 2
_host_slots: dict[str, threading.BoundedSemaphore] = {}
_host_slots_lock = threading.Lock()


def host_slot(url: str) -> threading.BoundedSemaphore:
    """The semaphore that limits concurrent fetches to a URL's host."""
    host = (urlsplit(url).hostname or "").lower()
    with _host_slots_lock:
        slot = _host_slots.get(host)
        if slot is None:
            slot = _host_slots[host] = threading.BoundedSemaphore(FETCHES_PER_HOST)
        return slot


def _final(url: str, response: Response) -> str:
    """The page's URL after redirects (the address its article is known by)."""
    return response.url or url


def _charset(content_type: str) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"')
    return None


def page_kind(content_type: str, content: bytes) -> str | None:
    """html or txt by content type (sniffing when there is none); None for anything else."""
    ctype = content_type.split(";")[0].strip().lower()
    if ctype in ("text/html", "application/xhtml+xml"):
        return "html"
    if ctype in ("text/plain", "text/markdown"):
        return "txt"
    if not ctype:
        head = content[:512].lstrip().lower()
        return "html" if head.startswith((b"<!doctype html", b"<html")) else "txt"
    return None


def read_sources(
    sources: list[str],
    options: dict | None = None,
    known: set[str] | None = None,
    validators: dict[str, dict] | None = None,
) -> Batch:
    """Read all sources into a Batch; `known` inputs (already in the lake) are not fetched again."""
    reader = Reader(SourceSettings.from_options(options), set(known or ()), dict(validators or {}))
    try:
        return reader.read(sources)
    finally:
        reader.close()

