-- Dashboard actor page: who takes part in matching events together with one actor (an actor or recipient,
-- named exactly: the first two parameters; the third leaves the actor out). Slot: filters (" AND ..." from transforms.filters.and_clause).
SELECT other AS counterpart, count(*) AS events,
       count(*) FILTER (WHERE event_type = 'meeting') AS meetings,
       min(event_date) AS first_date, max(event_date) AS last_date,
       string_agg(DISTINCT event_type, ', ' ORDER BY event_type) AS event_types
FROM (SELECT unnest(list_distinct(list_concat(coalesce(actors, []), coalesce(recipient, [])))) AS other,
             event_date, event_type
      FROM events WHERE (list_contains(actors, ?) OR list_contains(recipient, ?)) /*filters*/)
WHERE other <> ? GROUP BY 1 ORDER BY meetings DESC, events DESC, 1 LIMIT ?
