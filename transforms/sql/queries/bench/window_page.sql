-- bench/query.py: the first page of a date window, from the `timeline` mart.
SELECT event_date, event_type, actors, location, num_sources, evidence
FROM timeline WHERE event_date BETWEEN ? AND ?
ORDER BY event_date, num_sources DESC LIMIT 200
