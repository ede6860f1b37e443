-- Dashboard run health: the last runs recorded in the lake, newest first, times as UTC text.
SELECT run_id,
       strftime(started_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S') AS started_at,
       strftime(finished_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S') AS finished_at,
       status, inputs, articles_new, duplicates, skipped_unchanged, rejects, mentions_new, events_total,
       duration_s, extractor_version, sources
FROM runs ORDER BY started_at DESC NULLS LAST LIMIT ?
