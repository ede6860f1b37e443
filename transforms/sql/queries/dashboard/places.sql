-- Dashboard map: places of matching events with coordinates, events and sources per place. Slot: filters (" AND ..." from transforms.filters.and_clause).
SELECT coalesce(location, '?') AS location, any_value(location_country) AS country,
       round(avg(location_lat), 4) AS lat, round(avg(location_lon), 4) AS lon,
       count(*) AS events, CAST(sum(num_sources) AS BIGINT) AS sources, mode(event_type) AS main_type,
       min(event_date) AS first_date, max(event_date) AS last_date
FROM events WHERE location_lat IS NOT NULL AND location_lon IS NOT NULL /*filters*/
GROUP BY coalesce(location, '?'), location_geonameid
ORDER BY events DESC, 1 LIMIT ?
