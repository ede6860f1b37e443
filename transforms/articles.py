"""Normalise raw documents into rows of the `articles` table (pure, no I/O)."""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import re
import unicodedata
from urllib.parse import urlsplit, urlunsplit

from transforms.datelines import place_and_date
from transforms.documents import RawDocument
from transforms.months import MONTH_WORDS

_WS = re.compile(r"\s+")

def normalise_text(text: str) -> str:
    """NFC-normalise, unify line ends and strip trailing spaces; keeps the text a reader sees."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def content_id(text: str) -> str:
    """Stable article id: hash of the text with whitespace folded and case kept."""
    folded = _WS.sub(" ", text).strip()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:20]


def derived_id(*parts: str) -> str:
    """A stable id for a row derived from other ids (duplicates, mentions)."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def parse_published(value: str | None) -> dt.date | None:
    """Parse a publication date: ISO 8601, RFC 2822, `Feb. 20, 2026`, `20 February 2026`."""
    if not value:
        return None
    value = value.strip()
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        parsed = email.utils.parsedate_to_datetime(value)
        if parsed is not None:
            return parsed.date()
    except (TypeError, ValueError, IndexError):
        pass
    return _parse_month_name_date(value)


def _parse_month_name_date(value: str) -> dt.date | None:
    """`Feb. 20, 2026` or `20 February 2026`."""
    words = re.findall(r"[A-Za-z]+|\d+", value)
    month = next((MONTH_WORDS[w.lower()] for w in words if w.lower() in MONTH_WORDS), None)
    numbers = [int(w) for w in words if w.isdigit()]
    year = next((n for n in numbers if 1800 <= n <= 2200), None)
    day = next((n for n in numbers if 1 <= n <= 31), None)
    if month and year and day:
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    return None


def dateline_of(text: str) -> tuple[str | None, str | None]:
    """The place of a wire date line ("Rabat – ...") and the date text after it, if any (transforms.datelines)."""
    return place_and_date(text)


def canonical_url(url: str | None) -> str | None:
    """Lower-case scheme and host, drop fragment, tracking query and trailing slash."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if not parts.scheme or not parts.netloc:
        return None
    query = "&".join(
        q for q in parts.query.split("&") if q and not q.lower().startswith(("utm_", "fbclid", "gclid"))
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def input_url(url: str) -> str:
    """The address a URL input is known by: scheme and host lower-cased, no default port, no fragment.

    Unlike `canonical_url` (for duplicates) the query and path stay as they are: they may name
    another page. A URL that does not parse is returned unchanged (its fetch rejects it).
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if not parts.netloc or scheme not in ("http", "https"):
        return url
    host = parts.netloc.rpartition("@")[2].lower()
    if port is not None and port == {"http": 80, "https": 443}[scheme]:
        host = host.rsplit(":", 1)[0]
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = f"{userinfo}@{host}" if userinfo else host
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def published_from_url(url: str | None) -> dt.date | None:
    """A date in a URL path such as /2026/02/20/."""
    if not url:
        return None
    match = re.search(r"/(20\d\d|19\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)", url)
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _plausible(date: dt.date | None, today: dt.date | None) -> dt.date | None:
    """The date, unless it lies before 1900 or more than two days after ingestion (a bad field)."""
    if date is None or date.year < 1900:
        return None
    if today is not None and date > today + dt.timedelta(days=2):
        return None
    return date


def date_from_dateline(dateline_date: str | None, today: dt.date | None) -> dt.date | None:
    """The date of a date line: `Feb. 20, 2026`, `20 February 2026`, or `Feb. 20` (year inferred).

    A date line without a year names a day of the past few months: the latest such day that is not
    after the ingestion date (live news is ingested within days of publication).
    """
    if not dateline_date:
        return None
    words = re.findall(r"[A-Za-z]+|\d+", dateline_date)
    month = next((MONTH_WORDS[w.lower()] for w in words if w.lower() in MONTH_WORDS), None)
    days = [int(w) for w in words if w.isdigit() and 1 <= int(w) <= 31]
    years = [int(w) for w in words if w.isdigit() and 1800 <= int(w) <= 2200]
    if not (month and days):
        return None
    candidates = [years[0]] if years else ([today.year, today.year - 1] if today else [])
    for year in candidates:
        try:
            date = dt.date(year, month, days[0])
        except ValueError:
            continue
        if years or today is None or date <= today + dt.timedelta(days=1):
            return date
    return None


def resolve_published(
    doc: RawDocument, dateline_date: str | None, today: dt.date | None = None
) -> tuple[dt.date | None, str]:
    """The publication date and its basis: metadata (or feed), url, dateline or none.

    The first basis that gives a plausible date wins; `none` leaves the date null (the article is
    kept and flagged, and its relative dates stay unresolved).
    """
    published = _plausible(parse_published(doc.published), today)
    if published:
        return published, doc.published_basis or "metadata"
    from_url = _plausible(published_from_url(doc.url), today)
    if from_url:
        return from_url, "url"
    from_dateline = _plausible(date_from_dateline(dateline_date, today), today)
    if from_dateline:
        return from_dateline, "dateline"
    return None, "none"


def make_article(doc: RawDocument, ingested_at: dt.datetime, run_id: str) -> dict:
    """Build an `articles` row (without duplicate fields) from a raw document."""
    text = normalise_text(doc.text)
    place, dateline_date = dateline_of(text)
    published, basis = resolve_published(doc, dateline_date, ingested_at.date())
    return {
        "article_id": content_id(text),
        "input": doc.input,
        "input_id": doc.given_id,
        "url": doc.url,
        "canonical_url": canonical_url(doc.url),
        "source": doc.source or _source_from_url(doc.url),
        "title": doc.title,
        "published_at": published,
        "published_basis": basis,
        "dateline_place": place,
        "text": text,
        "word_count": len(text.split()),
        "content_hash": doc.content_hash,
        "ingested_at": ingested_at,
        "duplicate_of": None,
        "duplicate_kind": None,
        "run_id": run_id,
        "pub_month": published.strftime("%Y-%m") if published else "unknown",
    }


def _source_from_url(url: str | None) -> str | None:
    """The host of a URL without `www.`, as a fallback outlet name."""
    if not url:
        return None
    host = urlsplit(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host or None
