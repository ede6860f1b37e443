-- `dateline export --mentions` and `lake.mentions()`: the filtered mentions, ordered by date, each with the
-- input of its article. Slot: where (transforms.filters, alias m). Optional parts: before_input_id (a lake
-- written before articles had `input_id`), before_on_or_before (mentions with no `on_or_before` yet: empty).
SELECT m.event_date, m.date_precision, m.date_basis, m.time_value, m.time_text,
       /*[before_on_or_before] NULL::DATE AS on_or_before, */ /*[on_or_before] m.on_or_before, */ m.event_type, m.plover_type,
       m.cameo_root, m.modality, m.actors, m.actor_codes, m.recipient, m.location, m.location_country,
       m.location_geonameid, m.location_lat, m.location_lon, m.location_precision, m.quantities, m.trigger,
       m.trigger_start, m.trigger_end, m.evidence, m.evidence_start, m.evidence_end, m.confidence,
       m.extractor_version, m.source, m.url, m.published_at, m.article_id, a.input, a.input_id, m.mention_id,
       m.event_id
FROM mentions m
LEFT JOIN (SELECT article_id, any_value(input) AS input, any_value(input_id) AS input_id, any_value(url) AS url
           FROM /*[before_input_id] (SELECT *, NULL::VARCHAR AS input_id FROM articles) AS */ articles
           GROUP BY article_id) a ON a.article_id = m.article_id /*where*/
ORDER BY m.event_date NULLS LAST, m.event_type, m.published_at, m.mention_id
