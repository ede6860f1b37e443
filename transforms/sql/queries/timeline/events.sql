-- `dateline timeline`: the events the text dates to a day (not the publication day standing in for an undated one). Slot: story (its filters on events).
SELECT event_id, event_type, event_date, date_precision, modality, actors, location, evidence, url,
       source, num_mentions, num_articles, num_sources, first_seen, last_seen
FROM events WHERE date_precision = 'day' AND date_basis IS DISTINCT FROM 'publication' /*story*/
