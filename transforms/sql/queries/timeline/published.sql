-- `dateline timeline`: the story's original articles by publication day (their openings say what happened that
-- day, also when they date no event). Slot: story (its filters on articles).
SELECT published_at, article_id FROM articles
WHERE duplicate_of IS NULL AND published_at IS NOT NULL /*story*/ ORDER BY published_at, article_id
