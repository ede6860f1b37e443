"""Parse raw input bytes into documents: decoding, front matter, JSON/JSONL records (pure, no I/O)."""

from __future__ import annotations

import codecs
import hashlib
import json
from dataclasses import dataclass, field

# Keys a JSON/JSONL record may use for each field, in order of preference.
KEY_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "guid"),
    "url": ("url", "link", "href"),
    "title": ("title", "headline"),
    "source": ("source", "outlet", "publisher", "site"),
    "published": ("published", "published_at", "date", "pub_date", "datetime", "pubDate"),
    "text": ("text", "body", "content", "article", "maintext"),
}

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024  # default cap per document (10 MB)


@dataclass(slots=True)
class RawDocument:
    """One article as read from an input, before normalisation."""

    input: str
    text: str
    url: str | None = None
    title: str | None = None
    source: str | None = None
    published: str | None = None
    published_basis: str | None = None
    given_id: str | None = None
    content_hash: str = ""
    extra: dict = field(default_factory=dict)


@dataclass(slots=True)
class Reject:
    """An input that could not become an article, with a short reason code and a one-line detail."""

    input: str
    reason: str
    detail: str


def bytes_hash(data: bytes) -> str:
    """A short stable hash of raw input bytes (to skip unchanged sources)."""
    return hashlib.sha256(data).hexdigest()[:20]


class DecodeError(ValueError):
    """Raised when bytes are not text in any encoding we accept."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def decode_bytes(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or cp1252/latin-1; refuse binary."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError("bad-encoding", f"invalid UTF-16: {exc.reason}") from None
    if b"\x00" in data[:8192]:
        raise DecodeError("binary", "contains NUL bytes: not a text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise DecodeError("binary", "not text: too many control bytes")
    # cp1252 is a superset of latin-1 for printable text and is what mislabeled news pages use.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _looks_binary(data: bytes) -> bool:
    """True when a sample has many control bytes that no text encoding would produce."""
    sample = data[:4096]
    if not sample:
        return False
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample) > 0.05


def parse_front_matter(text: str) -> tuple[dict[str, str], str, int]:
    """Split `---` front matter (simple `key: value` lines) from the body; return meta, body, body offset."""
    if not text.startswith("---"):
        return {}, text, 0
    first_nl = text.find("\n")
    if first_nl < 0 or text[:first_nl].strip() != "---":
        return {}, text, 0
    end = text.find("\n---", first_nl)
    if end < 0:
        return {}, text, 0
    meta: dict[str, str] = {}
    for line in text[first_nl + 1 : end].splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip().lower()] = value.strip().strip('"').strip("'")
    body_start = text.find("\n", end + 4)
    body_start = len(text) if body_start < 0 else body_start + 1
    return meta, text[body_start:], body_start


def pick(record: dict, name: str) -> str | None:
    """The first non-empty value of a field under any of its aliases, as a string."""
    for key in KEY_ALIASES[name]:
        value = record.get(key)
        if value is None or value == "":
            continue
        if isinstance(value, (dict, list)):
            continue
        return str(value)
    return None


def document_from_record(record: object, input_name: str, content_hash: str) -> RawDocument | Reject:
    """Turn one JSON object into a document, or a reject saying what is missing."""
    if not isinstance(record, dict):
        return Reject(input_name, "bad-record", f"expected a JSON object, got {type(record).__name__}")
    text = pick(record, "text")
    if text is None or not text.strip():
        keys = "/".join(KEY_ALIASES["text"][:3])
        return Reject(input_name, "no-text", f"record has no non-empty text field ({keys})")
    return RawDocument(
        input=input_name,
        text=text,
        url=pick(record, "url"),
        title=pick(record, "title"),
        source=pick(record, "source"),
        published=pick(record, "published"),
        published_basis="metadata" if pick(record, "published") else None,
        given_id=pick(record, "id"),
        content_hash=content_hash,
    )


def parse_text_document(input_name: str, text: str, content_hash: str) -> RawDocument | Reject:
    """A `.txt`/`.md` document with optional front matter."""
    meta, body, _ = parse_front_matter(text)
    if not body.strip():
        return Reject(input_name, "empty", "no text after the front matter" if meta else "file is empty")
    published = meta.get("published") or meta.get("published_at") or meta.get("date") or meta.get("pub_date")
    return RawDocument(
        input=input_name,
        text=body,
        url=meta.get("url") or None,
        title=meta.get("title") or None,
        source=meta.get("source") or None,
        published=published or None,
        published_basis="metadata" if published else None,
        given_id=meta.get("id") or None,
        content_hash=content_hash,
    )


def parse_json_document(input_name: str, text: str, content_hash: str) -> list[RawDocument | Reject]:
    """A `.json` file: one object, or a list of objects (each becomes `input:N`)."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return [Reject(input_name, "bad-json", f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}")]
    if isinstance(value, list):
        if not value:
            return [Reject(input_name, "empty", "JSON list is empty")]
        return [
            document_from_record(item, f"{input_name}:{i}", bytes_hash(json.dumps(item, sort_keys=True).encode()))
            for i, item in enumerate(value, start=1)
        ]
    return [document_from_record(value, input_name, content_hash)]


def parse_jsonl_document(input_name: str, text: str) -> list[RawDocument | Reject]:
    """A `.jsonl` file: one record per line, each its own input `path:LINE`; a broken line is its own reject."""
    out: list[RawDocument | Reject] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name = f"{input_name}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(Reject(name, "bad-json", f"invalid JSON at column {exc.colno}: {exc.msg}"))
            continue
        out.append(document_from_record(record, name, bytes_hash(line.encode("utf-8"))))
    if not out:
        out.append(Reject(input_name, "empty", "JSONL file has no records"))
    return out


def parse_bytes(input_name: str, data: bytes, kind: str) -> list[RawDocument | Reject]:
    """Parse the bytes of one input of a given kind (txt, json, jsonl) into documents and rejects."""
    if not data.strip():
        return [Reject(input_name, "empty", "file is empty")]
    if len(data) > MAX_DOCUMENT_BYTES and kind != "jsonl":
        return [Reject(input_name, "too-large", f"{len(data):,} bytes is over the {MAX_DOCUMENT_BYTES:,}-byte cap")]
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        return [Reject(input_name, exc.reason, exc.detail)]
    digest = bytes_hash(data)
    if kind == "json":
        return parse_json_document(input_name, text, digest)
    if kind == "jsonl":
        return parse_jsonl_document(input_name, text)
    return [parse_text_document(input_name, text, digest)]
