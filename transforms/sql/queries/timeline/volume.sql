-- `dateline timeline`: original articles per publication day (the coverage a day's salience is set against).
-- Slot: story (its filters on articles).
SELECT published_at, count(*) FROM articles
WHERE duplicate_of IS NULL AND published_at IS NOT NULL /*story*/ GROUP BY published_at
