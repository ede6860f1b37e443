"""Mark exact duplicates among articles: same content or same canonical URL (pure)."""

from __future__ import annotations

from transforms.articles import derived_id


def mark_duplicates(rows: list[dict], known_ids: set[str], known_urls: dict[str, str]) -> list[dict]:
    """Set `duplicate_of`/`duplicate_kind` on rows repeating a known or earlier article; ids stay unique.

    A duplicate keeps its own row (nothing is lost) with an id derived from the original id and its
    input, so the articles table has one row per input and `article_id` stays a key.
    """
    seen_ids = set(known_ids)
    seen_urls = dict(known_urls)
    for row in rows:
        original = None
        kind = None
        if row["article_id"] in seen_ids:
            original, kind = row["article_id"], "exact"
        elif row.get("canonical_url") and row["canonical_url"] in seen_urls:
            original, kind = seen_urls[row["canonical_url"]], "url"
        if original is not None:
            row["duplicate_of"] = original
            row["duplicate_kind"] = kind
            row["article_id"] = derived_id(original, row["input"])
            continue
        seen_ids.add(row["article_id"])
        if row.get("canonical_url"):
            seen_urls[row["canonical_url"]] = row["article_id"]
    return rows
