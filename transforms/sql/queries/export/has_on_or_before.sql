-- 1 when the lake's events and mentions both carry the `on_or_before` column (lakes written before it do not), else 0.
SELECT count(DISTINCT table_name) = 2 FROM information_schema.columns
WHERE table_name IN ('events', 'mentions') AND column_name = 'on_or_before'
