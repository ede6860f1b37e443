-- Dashboard chart: one point per dated matching event. Slot: filters (" AND ..." from transforms.filters.and_clause).
SELECT event_date, event_type, num_sources, evidence, source, url,
       array_to_string(actors, '; ') AS actors, location, modality, event_id
FROM events WHERE event_date IS NOT NULL /*filters*/ ORDER BY event_date, num_sources DESC, event_id
