-- Mart: each article beside the event mentions found in it (the view `article_events`).
SELECT a.article_id, a.title, a.source, a.published_at, m.event_type, m.event_date,
       m.date_basis, m.evidence, m.mention_id, m.event_id
FROM mentions m JOIN articles a USING (article_id)
