-- Dashboard: the event types present in the lake, most frequent first (the type filter's options).
SELECT event_type FROM events WHERE event_type IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT ?
