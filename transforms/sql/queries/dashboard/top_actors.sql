-- Dashboard actor page: actors of matching events with their event counts, most active first. Slot: where.
SELECT actor, count(*) AS events FROM (SELECT unnest(actors) AS actor FROM events /*where*/)
WHERE actor IS NOT NULL AND actor <> '' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?
