-- Dashboard chart: dated matching events counted per time bucket (the first parameter: day, week, month
-- or year) and type, with the best-sourced sentence of each. Slot: filters (" AND ..." from transforms.filters.and_clause).
SELECT CAST(date_trunc(?, event_date) AS DATE) AS event_date, event_type,
       count(*) AS events, CAST(sum(num_sources) AS BIGINT) AS num_sources,
       arg_max(evidence, num_sources) AS evidence, arg_max(source, num_sources) AS source
FROM events WHERE event_date IS NOT NULL /*filters*/ GROUP BY ALL ORDER BY 1, 2 LIMIT ?
