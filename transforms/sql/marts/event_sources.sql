-- Mart: each event beside each of its mentions, with the mention's outlet, date and sentence (the view `event_sources`).
SELECT e.event_id, e.event_date, e.date_precision, e.event_type, e.num_sources, e.num_articles,
       m.source, m.published_at, m.url, m.time_text, m.evidence, m.mention_id, m.article_id
FROM events e JOIN mentions m ON m.event_id = e.event_id
