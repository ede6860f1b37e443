-- `lake.articles()`: articles without their text, ordered by publication date. Slot: where.
SELECT * EXCLUDE (text)
FROM articles /*where*/ ORDER BY published_at NULLS LAST, article_id
