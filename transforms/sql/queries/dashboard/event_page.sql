-- Dashboard table: one page of matching events. Slots: where, and order (the leading sort keys of one of
-- dashboards/queries.py ORDERS, never user text). Optional part: reverse (the order backwards, so that a
-- late page is read from the end).
SELECT event_date, event_type, actors, recipient, location, evidence, num_sources, source, url,
       modality, date_precision, location_country, quantities, num_articles, event_id
FROM events /*where*/ ORDER BY /*order*/ event_id /*[reverse] DESC */ LIMIT ? OFFSET ?
