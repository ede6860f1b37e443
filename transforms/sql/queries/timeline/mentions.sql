-- `dateline timeline`: the mentions that date an event to a day, with the event they were merged into (its
-- date may be sharper). Slot: story (its filters on m, from transforms.filters.story_clauses).
SELECT m.mention_id, m.article_id, m.published_at, m.source, m.date_basis, m.date_precision,
       m.event_date, m.evidence_start, m.event_id
FROM mentions m
WHERE m.event_id IN (SELECT event_id FROM events WHERE date_precision = 'day' AND date_basis IS DISTINCT FROM 'publication')
  AND m.date_precision = 'day' AND m.date_basis IS DISTINCT FROM 'publication' /*story*/
