"""Parse raw input bytes into documents: decoding, front matter, JSON/JSONL/CSV records, HTML (pure, no I/O)."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable, Iterator
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


class InputError(ValueError):
    """An input that cannot become an article: a reject reason code and a one-line detail."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail

    def reject(self, input_name: str) -> Reject:
        """This error as the `rejects` row of an input."""
        return Reject(input_name, self.reason, self.detail)


class DecodeError(InputError):
    """Raised when bytes are not text in any encoding we accept."""


def decode_bytes(data: bytes, hint: str | None = None) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16, a declared charset, or cp1252/latin-1; refuse binary.

    `hint` is a charset from outside the bytes (an HTTP Content-Type); an HTML `<meta charset>` counts too.
    Both are only tried when the bytes are not valid UTF-8.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError("bad-encoding", f"invalid UTF-16: {exc.reason}") from None
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        raise DecodeError("binary", "contains NUL bytes: not a text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise DecodeError("binary", "not text: too many control bytes")
    declared = _declared_charset(hint, data)
    if declared:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass  # the label is wrong, as labels often are: fall back to detection
    # cp1252 is a superset of latin-1 for printable text and is what mislabeled news pages use.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _declared_charset(hint: str | None, data: bytes) -> str | None:
    """A known codec named by the hint or by a `<meta charset>` in the first 2 KB, else None."""
    names = [hint] if hint else []
    match = _META_CHARSET.search(data[:2048])
    if match:
        names.append(match.group(1).decode("ascii", "replace"))
    for name in names:
        try:
            return codecs.lookup(name.strip()).name
        except (LookupError, AttributeError):
            continue
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a BOM: every other byte of ASCII-range text is NUL."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    codec = "utf-16-le" if odd > 0.7 * half and even == 0 else "utf-16-be" if even > 0.7 * half and odd == 0 else None
    if codec is None:
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


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


def pick(record: dict, name: str, columns: dict[str, str] | None = None) -> str | None:
    """The first non-empty value of a field under its configured column or any alias, as a string."""
    keys = (columns[name],) if columns and name in columns else KEY_ALIASES[name]
    for key in keys:
        value = record.get(key)
        if value is None or value == "":
            continue
        if isinstance(value, (dict, list)):
            continue
        return without_surrogates(str(value))
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """Text that UTF-8 can encode: lone surrogates (a JSON `\\ud800` escape) become U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def has_words(text: str) -> bool:
    """True when the text holds at least one letter (a page of digits or symbols is no article)."""
    return any(ch.isalpha() for ch in text)


def document_from_record(
    record: object, input_name: str, content_hash: str, columns: dict[str, str] | None = None
) -> RawDocument | Reject:
    """Turn one JSON object or CSV row into a document, or a reject saying what is missing."""
    if not isinstance(record, dict):
        return Reject(input_name, "bad-record", f"expected a JSON object, got {type(record).__name__}")
    text = pick(record, "text", columns)
    if text is None or not text.strip():
        keys = columns["text"] if columns and "text" in columns else "/".join(KEY_ALIASES["text"][:3])
        return Reject(input_name, "no-text", f"record has no non-empty text field ({keys})")
    if "\x00" in text:
        return Reject(input_name, "binary", "text field contains NUL characters")
    if not has_words(text):
        return Reject(input_name, "no-words", "text has no letters")
    published = pick(record, "published", columns)
    return RawDocument(
        input=input_name,
        text=text,
        url=pick(record, "url", columns),
        title=pick(record, "title", columns),
        source=pick(record, "source", columns),
        published=published,
        published_basis="metadata" if published else None,
        given_id=pick(record, "id", columns),
        content_hash=content_hash,
    )


def parse_text_document(input_name: str, text: str, content_hash: str) -> RawDocument | Reject:
    """A `.txt`/`.md` document with optional front matter."""
    meta, body, _ = parse_front_matter(text)
    if not body.strip():
        return Reject(input_name, "empty", "no text after the front matter" if meta else "file is empty")
    if not has_words(body):
        return Reject(input_name, "no-words", "text has no letters")
    published = pick(meta, "published")  # front matter takes the same keys and aliases as JSON
    return RawDocument(
        input=input_name,
        text=body,
        url=pick(meta, "url"),
        title=pick(meta, "title"),
        source=pick(meta, "source"),
        published=published,
        published_basis="metadata" if published else None,
        given_id=pick(meta, "id"),
        content_hash=content_hash,
    )


def parse_html_document(
    input_name: str, html: str, content_hash: str, url: str | None = None, feed_item: dict | None = None
) -> RawDocument | Reject:
    """An HTML page: main text and metadata by trafilatura; feed item fields fill the gaps."""
    from transforms.html import extract_page

    page = extract_page(html, url)
    if page is None:
        return Reject(input_name, "no-text", "the page has no main article text")
    if not has_words(page.text):
        return Reject(input_name, "no-words", "text has no letters")
    item = feed_item or {}
    published, basis = page.published, "metadata"
    if not published and item.get("published"):
        published, basis = item["published"], "feed"
    return RawDocument(
        input=input_name,
        text=page.text,
        url=url or page.url,
        title=page.title or item.get("title"),
        source=page.source or item.get("source"),
        published=published,
        published_basis=basis if published else None,
        content_hash=content_hash,
    )


def parse_json_document(input_name: str, text: str, content_hash: str) -> list[RawDocument | Reject]:
    """A `.json` file: one object, or a list of objects (each becomes `input:N`)."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return [Reject(input_name, "bad-json", f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}")]
    except RecursionError:
        return [Reject(input_name, "bad-json", "JSON nested too deeply")]
    if isinstance(value, list):
        if not value:
            return [Reject(input_name, "empty", "JSON list is empty")]
        return [
            document_from_record(item, f"{input_name}:{i}", bytes_hash(json.dumps(item, sort_keys=True).encode()))
            for i, item in enumerate(value, start=1)
        ]
    return [document_from_record(value, input_name, content_hash)]


def parse_jsonl_document(
    input_name: str, text: str, max_bytes: int = MAX_DOCUMENT_BYTES
) -> list[RawDocument | Reject]:
    """A `.jsonl` file: one record per line, each its own input `path:LINE`; a broken line is its own reject."""
    return list(iter_jsonl_records(input_name, text.splitlines(), max_bytes))


def iter_jsonl_records(
    input_name: str, lines: Iterable[str], max_bytes: int = MAX_DOCUMENT_BYTES
) -> Iterator[RawDocument | Reject]:
    """The records of JSONL lines one at a time (lines as `str.splitlines` cuts them, numbered from 1)."""
    found = False
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        found = True
        yield jsonl_record(f"{input_name}:{lineno}", line, max_bytes)
    if not found:
        yield Reject(input_name, "empty", "JSONL file has no records")


def jsonl_record(name: str, line: str, max_bytes: int = MAX_DOCUMENT_BYTES) -> RawDocument | Reject:
    """One non-blank JSONL line as a document, or the reject saying why it is none."""
    raw = line.encode("utf-8", errors="surrogatepass")
    if len(raw) > max_bytes:
        return Reject(name, "too-large", f"{len(raw):,}-byte line is over the {max_bytes:,}-byte cap")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Reject(name, "bad-json", f"invalid JSON at column {exc.colno}: {exc.msg}")
    except RecursionError:
        return Reject(name, "bad-json", "JSON nested too deeply")
    return document_from_record(record, name, bytes_hash(raw))


def parse_csv_document(
    input_name: str, text: str, columns: dict[str, str] | None = None, max_bytes: int = MAX_DOCUMENT_BYTES
) -> list[RawDocument | Reject]:
    """A `.csv` file with a header row: each data row is its own input `path:LINE`."""
    return list(iter_csv_records(input_name, io.StringIO(text, newline=""), columns, max_bytes))


def iter_csv_records(
    input_name: str, lines: Iterable[str], columns: dict[str, str] | None = None, max_bytes: int = MAX_DOCUMENT_BYTES
) -> Iterator[RawDocument | Reject]:
    """The rows of CSV text (lines read with `newline=""`) one at a time, each its own input `path:LINE`."""
    # The csv module refuses fields over 128 KB by default; our own per-row cap applies instead.
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes + 1))
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except StopIteration:
        yield Reject(input_name, "empty", "CSV file has no header row")
        return
    except csv.Error as exc:
        yield Reject(input_name, "bad-csv", f"unreadable header row: {exc}")
        return
    header = [h.strip() for h in header]
    wanted = columns.get("text") if columns else None
    if wanted and wanted not in header:
        yield Reject(input_name, "no-text", f"no column {wanted!r} in the header (set by --csv-column text=...)")
        return
    if not wanted and not any(k in header for k in KEY_ALIASES["text"]):
        names = "/".join(KEY_ALIASES["text"][:3])
        yield Reject(input_name, "no-text", f"no text column ({names}) in the header; use --csv-column text=NAME")
        return
    found = False
    line_end = reader.line_num
    while True:
        start = line_end + 1
        name = f"{input_name}:{start}"
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            # The csv module cannot resynchronise after a broken quote: the rest of the file is one reject.
            found = True
            yield Reject(name, "bad-csv", f"broken CSV from line {start} on: {exc}")
            break
        line_end = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        found = True
        yield csv_record(name, header, row, columns, max_bytes)
    if not found:
        yield Reject(input_name, "empty", "CSV file has no data rows")


def csv_record(
    name: str, header: list[str], row: list[str], columns: dict[str, str] | None, max_bytes: int
) -> RawDocument | Reject:
    """One non-blank CSV row as a document, or the reject saying why it is none."""
    raw = "\x1f".join(row).encode("utf-8", errors="surrogatepass")
    if len(raw) > max_bytes:
        return Reject(name, "too-large", f"{len(raw):,}-byte row is over the {max_bytes:,}-byte cap")
    if len(row) != len(header):
        return Reject(name, "bad-row", f"row has {len(row)} fields, the header has {len(header)}")
    return document_from_record(dict(zip(header, row)), name, bytes_hash(raw), columns)


def parse_bytes(
    input_name: str,
    data: bytes,
    kind: str,
    max_bytes: int = MAX_DOCUMENT_BYTES,
    csv_columns: dict[str, str] | None = None,
    url: str | None = None,
    feed_item: dict | None = None,
    encoding: str | None = None,
) -> list[RawDocument | Reject]:
    """Parse the bytes of one input of a given kind (txt, html, json, jsonl, csv) into documents and rejects."""
    if not data.strip():
        return [Reject(input_name, "empty", "file is empty" if not url else "the response body is empty")]
    if len(data) > max_bytes and kind not in ("jsonl", "csv"):
        return [Reject(input_name, "too-large", f"{len(data):,} bytes is over the {max_bytes:,}-byte cap")]
    try:
        text = decode_bytes(data, encoding)
    except DecodeError as exc:
        return [exc.reject(input_name)]
    if kind == "html":
        # Hash the extracted text, not the bytes: a page whose ads or timestamps change is unchanged.
        result = parse_html_document(input_name, text, "", url, feed_item)
        if isinstance(result, RawDocument):
            result.content_hash = bytes_hash(f"{result.title}\x1f{result.published}\x1f{result.text}".encode())
        return [result]
    digest = bytes_hash(data)
    if kind == "json":
        return parse_json_document(input_name, text, digest)
    if kind == "jsonl":
        return parse_jsonl_document(input_name, text, max_bytes)
    if kind == "csv":
        return parse_csv_document(input_name, text, csv_columns, max_bytes)
    return [parse_text_document(input_name, text, digest)]
