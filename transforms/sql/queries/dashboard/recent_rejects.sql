-- Dashboard run health: the latest rejected inputs and why, times as UTC text.
SELECT strftime(seen_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S') AS seen_at, input, reason, detail, run_id
FROM rejects ORDER BY seen_at DESC NULLS LAST, input LIMIT ?
