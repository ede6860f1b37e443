-- Dashboard actor page: the matching events of one actor (named exactly, as actor or recipient), newest
-- first, with everyone else in them. Slot: filters (" AND ..." from transforms.filters.and_clause). Optional part: meetings (only meetings).
SELECT event_date, event_type,
       list_filter(list_distinct(list_concat(coalesce(actors, []), coalesce(recipient, []))), lambda x: x <> ?) AS "with",
       location, modality, num_sources, evidence, url, event_id
FROM events WHERE (list_contains(actors, ?) OR list_contains(recipient, ?)) /*filters*/
  /*[meetings] AND event_type = 'meeting' */
ORDER BY event_date DESC NULLS LAST, num_sources DESC, event_id LIMIT ?
