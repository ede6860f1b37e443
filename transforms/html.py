"""Main text and metadata of an HTML page, with trafilatura (pure: an HTML string in, fields out)."""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass

# trafilatura logs every page it finds too short; those pages become rejects with a reason instead.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

# Only dates the page states in its markup: no guessing from the text or the URL path
# (the URL is a separate, recorded basis in transforms.articles).
MIN_WORDS = 8  # main text shorter than this is page furniture
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(slots=True)
class Page:
    """What a page says about itself, plus its main text."""

    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None


def extract_page(html: str, url: str | None = None) -> Page | None:
    """The article text and metadata of a page, or None when the page has no main text."""
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            doc = trafilatura.bare_extraction(
                html, url=url, with_metadata=True, include_comments=False, include_tables=False,
                date_extraction_params=_DATE_PARAMS,
            )
        except (ValueError, TypeError, AttributeError, RecursionError):
            # lxml/trafilatura raise these on pathological markup; the caller rejects the page.
            return None
    if doc is None:
        return None
    fields = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (fields.get("text") or "").strip()
    title = (fields.get("title") or "").strip() or None
    if title and text.startswith(title + "\n"):
        # The headline is repeated as the first line; drop it so a wire date line comes first.
        text = text[len(title) + 1 :].lstrip()
    if len(text.split()) < MIN_WORDS:
        return None  # what is left is navigation or a caption, not an article
    return Page(
        text=text,
        title=title,
        url=fields.get("url") or None,
        source=fields.get("sitename") or None,
        published=fields.get("date") or None,
    )
