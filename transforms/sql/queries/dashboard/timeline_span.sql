-- Dashboard chart: matching events with and without a date, and their first and last date. Slot: where.
SELECT count(event_date), count(*) - count(event_date), min(event_date), max(event_date)
FROM events /*where*/
