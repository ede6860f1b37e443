-- Dashboard: row counts and the date span of the lake.
SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM mentions), count(*),
       min(event_date), max(event_date) FROM events
