-- Dashboard: ISO alpha-3 codes seen as event places or country actors, most frequent first (the country filter's options).
SELECT code FROM (
    SELECT location_country AS code FROM events
    UNION ALL SELECT unnest(actor_codes) AS code FROM events
) WHERE code IS NOT NULL AND code <> '' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT ?
