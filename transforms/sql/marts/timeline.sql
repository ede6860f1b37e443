-- Mart: every event ordered by date, best-sourced first on a day (the view `timeline`).
SELECT e.event_date, e.date_precision, e.event_type, e.actors, e.location, e.modality,
       e.num_sources, e.num_articles, e.evidence, e.url, e.event_id
FROM events e
ORDER BY e.event_date NULLS LAST, e.num_sources DESC
