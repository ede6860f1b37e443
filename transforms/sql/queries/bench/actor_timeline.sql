-- bench/query.py: one actor's events in a date window, from the `timeline` mart.
SELECT event_date, date_precision, event_type, actors, location, modality, num_sources, evidence, url
FROM timeline
WHERE event_date BETWEEN ? AND ? AND list_contains(actors, ?)
ORDER BY event_date, num_sources DESC
