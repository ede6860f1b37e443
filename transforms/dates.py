"""Turn the days an article names into rows of the `dates` table (pure).

A story timeline counts every day an article names, not only the days of events the extractor
found (see transforms/timeline.py): "the protests of February 17" dates no event of ours when
"protests" is not a trigger, yet it tells which days the story looks back at.
"""

from __future__ import annotations


def date_rows(article: dict, found: list[dict], run_id: str | None) -> list[dict]:
    """One row per day expression of `extract_dated` (day, basis, text, offsets), with the article's provenance."""
    rows = []
    for d in found:
        row = dict(d)
        row["article_id"] = article["article_id"]
        row["published_at"] = article.get("published_at")
        row["source"] = article.get("source")
        row["run_id"] = run_id
        rows.append(row)
    return rows
