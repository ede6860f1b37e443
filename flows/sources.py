"""Expand source arguments into inputs and read them into documents or rejects; never raises.

Source kinds: files (`.txt`/`.md`, `.html`, `.json`, `.jsonl`, `.csv`, `.rss`/`.atom`/`.xml` feeds,
`.urls` lists), folders (recursive), glob patterns, and http(s) URLs of pages or feeds. Every input
ends as a document, a reject, or a name in `skipped` (already in the lake, not read again); the
caller's counts add up because nothing else can happen to an input.
"""

from __future__ import annotations

import codecs
import glob
import os
import stat
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import BinaryIO
from urllib.parse import urljoin, urlsplit

from flows.fetch import FetchError, FetchSettings, Response, fetch, make_client
from transforms.articles import input_url
from transforms.documents import (
    MAX_DOCUMENT_BYTES, RawDocument, Reject, iter_csv_records, iter_jsonl_records, parse_bytes,
)
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
    """One input to read: its name (the canonical location, see `canonical_path`) and the path to open."""

    name: str
    path: str


def printable_path(path: str) -> str:
    """A path as valid UTF-8 text: bytes that are not UTF-8 (surrogate-escaped by the OS layer) become \\xNN."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def printable_name(name: str) -> str:
    """An input name with control characters written as \\xNN, so that it prints on one line."""
    if all(" " <= ch and not "\x7f" <= ch <= "\x9f" for ch in name):
        return name
    return "".join(f"\\x{ord(ch):02x}" if ch < " " or "\x7f" <= ch <= "\x9f" else ch for ch in name)


def canonical_path(path: str) -> str:
    """A file's identity: its resolved absolute path (links followed), as printable text.

    The same file given by a relative path, an absolute one or from another folder gets one name,
    so a re-run finds it unchanged whatever the working directory.
    """
    resolved = os.path.realpath(path)
    if not os.path.exists(resolved):
        resolved = os.path.abspath(path)  # a dangling link is named by itself, not by what it points at
    return printable_path(resolved)


# Names of records inside a file: `dump.jsonl:12`, `list.json:3`, `feeds.urls:4`.
RECORD_EXTENSIONS = tuple(ext for ext, kind in KIND_BY_EXTENSION.items() if kind in ("jsonl", "csv", "json", "urls"))


def split_record(name: str) -> tuple[str, str]:
    """(file, ":LINE") for the name of a record in a dump or list, else (name, "")."""
    head, sep, tail = name.rpartition(":")
    if sep and tail.isdigit() and head.lower().endswith(RECORD_EXTENSIONS):
        return head, sep + tail
    return name, ""


def canonical_input(name: str, resolved: dict[str, str] | None = None) -> str:
    """The canonical form of an input name stored by an older run (a path as typed, a URL as given).

    A relative path is resolved against the current folder; callers match by content hash where
    that guess cannot be right (a lake written from another folder). `resolved` caches the files
    already resolved (the records of one dump share their file).
    """
    if is_url(name):
        return name if "#" in name else input_url(name)  # `feed#guid` names a feed item without a link
    path, record = split_record(name)
    if resolved is None:
        return canonical_path(path) + record
    if path not in resolved:
        resolved[path] = canonical_path(path)
    return resolved[path] + record


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
class SourceSummary:
    """What reading the sources produced besides the documents: small, kept for the whole run."""

    rejects: list[Reject] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # inputs already in the lake, not read again
    cleared: set[str] = field(default_factory=set)  # containers read fine: their old rejects go
    validators: dict[str, dict] = field(default_factory=dict)  # URL -> ETag/Last-Modified to keep
    read: int = 0  # documents produced
    _names: set[str] = field(default_factory=set)  # inputs with a verdict; records of a dump are not kept

    def has(self, name: str) -> bool:
        """True when this run already has a verdict for an input."""
        return name in self._names

    def claim(self, name: str) -> bool:
        """Register an input name; False when this run already has it (a link in two feeds)."""
        if name in self._names:
            return False
        self._names.add(name)
        return True

    def accept(self, result: RawDocument | Reject, record: bool = False) -> RawDocument | None:
        """Count a parse result under its own input name: a reject is kept, a document handed back.

        A record of a dump (`path:LINE`) is unique by its name, so it is not remembered: the set of
        names would otherwise grow with every article of the run.
        """
        if not record and not self.claim(result.input):
            return None
        if isinstance(result, Reject):
            if "\n" in result.detail:
                result.detail = " ".join(result.detail.split())  # a reject's detail is one line
            result.input = printable_name(result.input)  # a hostile link may hold a line break
            self.rejects.append(result)
            return None
        self.read += 1
        return result

    def reject(self, name: str, reason: str, detail: str) -> None:
        """Add one reject."""
        self.accept(Reject(name, reason, detail))

    @property
    def inputs(self) -> int:
        """Distinct inputs seen: documents + rejects + skipped."""
        return self.read + len(self.rejects) + len(self.skipped)


def is_url(source: str) -> bool:
    """True for anything with a scheme (http, https, and the schemes we refuse such as file:)."""
    head = source.split("://", 1)[0]
    return "://" in source and head.isalpha() and len(head) > 1


def expand_sources(sources: list[str], listed: set[str] | None = None) -> tuple[list[Input], list[str], list[Reject]]:
    """Files as given, folders recursively, globs expanded; URLs apart; a missing path becomes a reject.

    Every file is named by its canonical location; a folder that cannot be listed and a linked
    folder leading back into one already read become rejects, never silent gaps. The canonical
    names of the folders listed fine go to `listed` (an older `unreadable` verdict on them is void).
    """
    inputs: list[Input] = []
    urls: list[str] = []
    rejects: list[Reject] = []
    seen: set[str] = set()
    for source in sources:
        if is_url(source):
            urls.append(input_url(source))
            continue
        if os.path.isdir(source):
            candidates = _walk(source, rejects, listed if listed is not None else set())
        elif os.path.lexists(source):
            candidates = [source]
        elif any(ch in source for ch in "*?["):
            candidates = sorted(p for p in glob.glob(source, recursive=True) if not os.path.isdir(p))
            if not candidates:
                rejects.append(Reject(canonical_path(source), "not-found", "the pattern matches no file"))
        else:
            rejects.append(Reject(canonical_path(source), "not-found", "no such file or folder"))
            continue
        for path in candidates:
            key = canonical_path(path)
            if key in seen:
                continue
            seen.add(key)
            inputs.append(Input(name=key, path=path))
    return inputs, urls, rejects


def _walk(folder: str, rejects: list[Reject], listed: set[str]) -> list[str]:
    """Every file below a folder, sorted, skipping hidden files and folders; linked folders are followed once.

    A folder that cannot be listed, and a link to a folder already on the way (a loop, or a second
    way into the same folder), are added to `rejects`.
    """
    found = []

    def unlistable(error: OSError) -> None:
        """A folder os.walk could not list: a reject, not a gap."""
        name = canonical_path(error.filename or folder)
        rejects.append(Reject(name, "unreadable", f"cannot list the folder: {error.strerror or error}"))

    visited = {_folder_id(folder)}
    for root, dirs, files in os.walk(folder, onerror=unlistable, followlinks=True):
        listed.add(canonical_path(root))
        kept = []
        for name in sorted(d for d in dirs if not d.startswith(".")):
            path = os.path.join(root, name)
            ident = _folder_id(path)
            if ident in visited:
                rejects.append(Reject(printable_path(os.path.abspath(path)), "link-loop",
                                      f"a link to {canonical_path(path)}, a folder already read"))
                continue
            visited.add(ident)
            kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            if name.startswith(".") or name in SKIPPED_NAMES or os.path.splitext(name)[0].lower() in SKIPPED_STEMS:
                continue
            found.append(os.path.join(root, name))
    return found


def _folder_id(path: str) -> tuple[int, int] | str:
    """What makes a folder the same folder whichever link leads to it (device and inode)."""
    try:
        info = os.stat(path)
    except OSError:
        return os.path.realpath(path)
    return (info.st_dev, info.st_ino)


def check_file(item: Input, settings: SourceSettings) -> tuple[str, int] | Reject:
    """The kind and byte cap of a regular file whose size is within that cap, or a reject."""
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
    return kind, cap


def read_file(item: Input, settings: SourceSettings) -> tuple[str, bytes] | Reject:
    """The kind and bytes of a regular file within its cap, or a reject."""
    checked = check_file(item, settings)
    if isinstance(checked, Reject):
        return checked
    kind, cap = checked
    try:
        with open(item.path, "rb") as handle:
            data = handle.read(cap + 1)
    except OSError as exc:
        return Reject(item.name, "unreadable", exc.strerror or str(exc))
    if len(data) > cap:
        return Reject(item.name, "too-large", f"file grew past the {cap:,}-byte cap while reading")
    return kind, data


SCAN_BLOCK = 1 << 20  # bytes read at a time when scanning a dump
_WHITESPACE = b" \t\n\r\x0b\x0c"  # what bytes.strip() removes: a file of only these is empty


@dataclass(slots=True)
class DumpScan:
    """What one pass over a dump file found, block by block."""

    too_large: bool = False  # grew past its cap since it was checked
    empty: bool = True  # nothing but whitespace
    bom: bool = False  # starts with a UTF-8 byte order mark
    streamable: bool = True  # UTF-8 (or BOM-marked UTF-8): records can be decoded line by line


def scan_dump(path: str, cap: int) -> DumpScan:
    """Scan a dump for what `decode_bytes` decides on the whole file, holding one block at a time."""
    scan = DumpScan()
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    size = 0
    with open(path, "rb") as handle:
        while block := handle.read(SCAN_BLOCK):
            if size == 0:
                scan.bom = block.startswith(codecs.BOM_UTF8)
                if block.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                    scan.streamable = False
            size += len(block)
            if size > cap:
                scan.too_large = True
                return scan
            if scan.empty and block.strip(_WHITESPACE):
                scan.empty = False
            if scan.bom or not scan.streamable:
                continue  # a BOM-marked file decodes with replacement; a UTF-16 one is read whole
            if b"\x00" in block:
                scan.streamable = False  # UTF-16 without a BOM, or binary: decided on the whole file
                continue
            try:
                decoder.decode(block)
            except UnicodeDecodeError:
                scan.streamable = False  # a legacy encoding: decided on the whole file
    if scan.streamable and not scan.bom:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            scan.streamable = False
    return scan


def utf8_lines(handle: BinaryIO, bom: bool) -> Iterator[str]:
    """The lines of a UTF-8 file as `str.splitlines` cuts its whole text, read one line at a time.

    Each piece up to a newline byte is decoded on its own (a newline never sits inside a UTF-8
    sequence) and split again, so the rarer breaks splitlines knows (\\r, \\x1c, U+2028, ...) count
    exactly as they did when the whole file was decoded.
    """
    first = True
    for piece in handle:
        if first and bom:
            piece = piece[len(codecs.BOM_UTF8):]
        first = False
        yield from piece.decode("utf-8", errors="replace" if bom else "strict").splitlines()


class Reader:
    """Reads sources into documents one at a time, fetching URLs with one shared HTTP client.

    `documents()` is a generator: a dump file is parsed record by record from the open file, so a
    caller that takes the documents in chunks holds one chunk, not the run. Rejects, skipped inputs,
    cleared containers and validators go to `summary`.
    """

    def __init__(self, settings: SourceSettings, known: set[str], validators: dict[str, dict]):
        self.settings = settings
        self.known = known
        self.validators = validators
        self.summary = SourceSummary()
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
        return self.summary.has(name) or name in self.summary.cleared

    def _accept(self, results: Iterable[RawDocument | Reject], record: bool = False) -> Iterator[RawDocument]:
        """The documents among parse results; rejects go to the summary."""
        for result in results:
            doc = self.summary.accept(result, record)
            if doc is not None:
                yield doc

    def documents(self, sources: list[str]) -> Iterator[RawDocument]:
        """Every document of the sources, in order; pages found in feeds and lists are fetched last, in parallel."""
        inputs, urls, rejects = expand_sources(sources, self.summary.cleared)
        for r in rejects:
            self.summary.reject(r.input, r.reason, r.detail)
        for item in inputs:
            yield from self.read_local(item)
        for url in urls:
            yield from self.read_url(url)
        yield from self.fetch_pages()

    def read_local(self, item: Input) -> Iterator[RawDocument]:
        """One file: parsed here (a dump record by record), or expanded when it is a feed or a URL list."""
        if KIND_BY_EXTENSION.get(os.path.splitext(item.path)[1].lower()) in BULK_KINDS:
            yield from self.read_dump(item)
            return
        result = read_file(item, self.settings)
        if isinstance(result, Reject):
            self.summary.accept(result)
            return
        kind, data = result
        if kind == "feed":
            self.read_feed(item.name, data, base_url=None)
        elif kind == "urls":
            yield from self.read_url_list(item.name, data)
        else:
            yield from self.parsed(item.name, parse_bytes(item.name, data, kind, self.settings.max_bytes,
                                                          self.settings.csv_columns))

    def parsed(self, name: str, results: list[RawDocument | Reject]) -> Iterator[RawDocument]:
        """Parse results of one file; records of a dump or list mean the file itself is fine."""
        if any(r.input != name for r in results):
            self.summary.cleared.add(name)
        yield from self._accept(results)

    def read_dump(self, item: Input) -> Iterator[RawDocument]:
        """A JSONL or CSV file, its records parsed one at a time from the open file.

        The file is scanned once first (a block at a time) for what decides the whole file today:
        its cap, emptiness, NUL bytes and its encoding. A file that is not plain UTF-8 (UTF-16, NULs,
        a legacy encoding) is read whole and parsed as before: those are small and rare.
        """
        checked = check_file(item, self.settings)
        if isinstance(checked, Reject):
            self.summary.accept(checked)
            return
        kind, cap = checked
        try:
            scan = scan_dump(item.path, cap)
        except OSError as exc:
            self.summary.accept(Reject(item.name, "unreadable", exc.strerror or str(exc)))
            return
        if scan.too_large:
            self.summary.accept(Reject(item.name, "too-large", f"file grew past the {cap:,}-byte cap while reading"))
        elif scan.empty:
            self.summary.accept(Reject(item.name, "empty", "file is empty"))
        elif not scan.streamable:
            result = read_file(item, self.settings)
            if isinstance(result, Reject):
                self.summary.accept(result)
                return
            yield from self.parsed(item.name, parse_bytes(item.name, result[1], kind, self.settings.max_bytes,
                                                          self.settings.csv_columns))
        else:
            yield from self.stream_records(item, kind, scan.bom)

    def stream_records(self, item: Input, kind: str, bom: bool) -> Iterator[RawDocument]:
        """The records of a UTF-8 dump (with or without a BOM), read line by line."""
        max_bytes = self.settings.max_bytes
        try:
            if kind == "jsonl":
                with open(item.path, "rb") as handle:
                    records = iter_jsonl_records(item.name, utf8_lines(handle, bom), max_bytes)
                    yield from self._records(item.name, records)
            else:
                encoding, errors = ("utf-8-sig", "replace") if bom else ("utf-8", "strict")
                with open(item.path, encoding=encoding, errors=errors, newline="") as handle:
                    records = iter_csv_records(item.name, handle, self.settings.csv_columns, max_bytes)
                    yield from self._records(item.name, records)
        except (OSError, UnicodeDecodeError) as exc:  # the file changed or failed under us
            detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.summary.accept(Reject(item.name, "unreadable", f"failed while reading records: {detail}"))

    def _records(self, name: str, records: Iterator[RawDocument | Reject]) -> Iterator[RawDocument]:
        """Records of one dump: the file is cleared once it has a record; its own rejects are kept."""
        for result in records:
            is_record = result.input != name
            if is_record:
                self.summary.cleared.add(name)
            yield from self._accept([result], record=is_record)

    def read_url_list(self, name: str, data: bytes) -> Iterator[RawDocument]:
        """A `.urls` file: one URL per line, `#` comment lines; each URL is an input of its own."""
        text = data.decode("utf-8", errors="replace")
        found = False
        for lineno, line in enumerate(text.splitlines(), start=1):
            url = line.strip()
            if not url or url.startswith("#"):
                continue
            found = True
            if not is_url(url):
                self.summary.reject(f"{name}:{lineno}", "bad-url", f"not a URL: {url[:80]}")
                continue
            yield from self.read_url(input_url(url))
        if found:
            self.summary.cleared.add(name)
        else:
            self.summary.reject(name, "empty", "the URL list has no URLs")

    def read_url(self, url: str) -> Iterator[RawDocument]:
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
            self.summary.reject(url, exc.reason, exc.detail)
            return
        if response.not_modified:
            self.summary.validators[url] = cached
            if is_feed:
                self.expand_items(url, [FeedItem(**i) for i in cached["items"]])
            elif self.summary.claim(url):
                self.summary.skipped.append(url)
            return
        if not looks_like_feed(response.content, response.content_type):
            yield from self.add_page(url, None, response)
            return
        items = self.read_feed(url, response.content, base_url=response.url)
        if items is not None and (response.etag or response.last_modified):
            self.summary.validators[url] = {
                "etag": response.etag, "last_modified": response.last_modified,
                "items": [i.to_dict() for i in items],
            }

    def read_feed(self, name: str, data: bytes, base_url: str | None) -> list[FeedItem] | None:
        """Parse feed bytes and queue its items; a broken or empty feed is one reject."""
        if len(data) > self.settings.max_bytes:
            self.summary.reject(name, "too-large", f"{len(data):,}-byte feed is over the {self.settings.max_bytes:,}-byte cap")
            return None
        if not data.strip():
            self.summary.reject(name, "empty", "the feed is empty")
            return None
        try:
            items = parse_feed(data, base_url)
        except FeedError as exc:
            self.summary.reject(name, exc.reason, exc.detail)
            return None
        if not items:
            self.summary.reject(name, "empty", "the feed has no items")
            return None
        self.expand_items(name, items)
        return items

    def expand_items(self, feed: str, items: list[FeedItem]) -> None:
        """Each item becomes an input named by its link; items already in the lake are skipped."""
        self.summary.cleared.add(feed)
        for index, item in enumerate(items, start=1):
            try:
                link = urljoin(feed, item.link) if item.link and is_url(feed) else item.link
            except ValueError:
                link = item.link  # unparsable: the fetch rejects it as bad-url
            link = input_url(link) if link else link
            if not link:
                self.summary.reject(f"{feed}#{item.guid or index}", "no-link", "the feed item has no link to follow")
                continue
            if link in self.known:
                if self.summary.claim(link):
                    self.summary.skipped.append(link)
                continue
            if self.handled(link) or any(link == queued for queued, _ in self._pages):
                continue
            self._pages.append((link, {"title": item.title, "published": item.published}))

    def fetch_pages(self) -> Iterator[RawDocument]:
        """Fetch queued pages in parallel (order of results kept) and parse them."""
        if not self._pages:
            return
        todo = [(u, i) for u, i in self._pages if not self.handled(u)]
        self._pages = []
        with ThreadPoolExecutor(max_workers=FETCH_WORKERS) as pool:
            answers = list(pool.map(lambda job: self._get(job[0]), todo))
        for (url, item), answer in zip(todo, answers):
            if isinstance(answer, FetchError):
                self.summary.reject(url, answer.reason, answer.detail)
            elif answer.not_modified:
                if self.summary.claim(url):
                    self.summary.skipped.append(url)
                self.summary.validators[url] = self.validators.get(url, {})
            else:
                yield from self.add_page(url, item, answer)

    def _get(self, url: str) -> Response | FetchError:
        """Fetch one page; conditional only when the lake already holds its article."""
        conditional = self.validators.get(url) if url in self.known else None
        try:
            with host_slot(url):
                return fetch(url, self.settings.fetch, self.client, conditional)
        except FetchError as exc:
            return exc

    def add_page(self, url: str, item: dict | None, response: Response) -> Iterator[RawDocument]:
        """Parse a fetched page by its content type."""
        kind = page_kind(response.content_type, response.content)
        if kind is None:
            ctype = response.content_type.split(";")[0].strip() or "unknown"
            self.summary.reject(url, "unsupported-content", f"content type {ctype} is not a page")
            return
        results = parse_bytes(url, response.content, kind, self.settings.max_bytes, url=_final(url, response),
                              feed_item=item, encoding=_charset(response.content_type))
        if any(isinstance(r, RawDocument) for r in results) and (response.etag or response.last_modified):
            self.summary.validators[url] = {"etag": response.etag, "last_modified": response.last_modified}
        yield from self._accept(results)


# Politeness: at most this many requests in flight to one host, whatever the worker count.
FETCHES_PER_HOST = 2
_host_slots: dict[str, threading.BoundedSemaphore] = {}
_host_slots_lock = threading.Lock()


def host_slot(url: str) -> threading.BoundedSemaphore:
    """The semaphore that limits concurrent fetches to a URL's host."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        host = ""  # a malformed URL: its fetch rejects it as bad-url
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


def open_reader(options: dict | None = None, known: set[str] | None = None,
                validators: dict[str, dict] | None = None) -> Reader:
    """A Reader for one run's options; `known` inputs (already in the lake) are not fetched again."""
    return Reader(SourceSettings.from_options(options), set(known or ()), dict(validators or {}))

