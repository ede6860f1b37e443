-- `dateline export` and `lake.events()`: the filtered events, ordered by date, each traced to its articles:
-- the first (earliest published) and all of them, with the input each was read from (the record's own id,
-- else its URL, else the path as given). Slot: where (transforms.filters). Optional parts: evidence (the
-- offsets of the event's representative sentence in its article, for PLOVER's text_info) and
-- before_input_id (a lake written before articles had `input_id`), before_on_or_before (a lake whose events
-- have no `on_or_before` yet: it reads as empty).
WITH picked AS (SELECT * /*[before_on_or_before] , NULL::DATE AS on_or_before */ FROM events e /*where*/),
traced AS (
    SELECT event_id,
           list(article_id ORDER BY published_at NULLS LAST, article_id) AS article_ids,
           list(input_ref ORDER BY published_at NULLS LAST, article_id) AS inputs
    FROM (SELECT DISTINCT m.event_id, m.article_id, m.published_at,
                          coalesce(a.input_id, a.url, a.input, m.url) AS input_ref
          FROM mentions m
          LEFT JOIN (SELECT article_id, any_value(input) AS input, any_value(input_id) AS input_id,
                            any_value(url) AS url
                     FROM /*[before_input_id] (SELECT *, NULL::VARCHAR AS input_id FROM articles) AS */ articles
                     GROUP BY article_id) a ON a.article_id = m.article_id
          WHERE m.event_id IN (SELECT event_id FROM picked))
    GROUP BY event_id),
evidence AS (
    SELECT event_id, article_id, evidence,
           min(evidence_start) AS evidence_start, min(evidence_end) AS evidence_end,
           min(trigger_start) AS trigger_start, min(trigger_end) AS trigger_end
    FROM mentions GROUP BY ALL)
SELECT e.event_date, e.date_precision, e.date_basis, e.time_value, e.on_or_before, e.event_type, e.plover_type, e.cameo_root,
       e.modality, e.actors, e.actor_codes, e.recipient, e.location, e.location_country, e.location_geonameid,
       e.location_lat, e.location_lon, e.location_precision, e.quantities, e.num_sources, e.num_articles,
       e.num_mentions, e.first_seen, e.last_seen, e.trigger, e.evidence, e.confidence, e.source, e.url, e.event_id,
       t.article_ids[1] AS first_article_id, t.inputs[1] AS first_input,
       coalesce(len(t.article_ids), 0)::INTEGER AS article_count, t.article_ids, t.inputs
       /*[evidence] , e.article_id, r.evidence_start, r.evidence_end, r.trigger_start, r.trigger_end */
FROM picked e LEFT JOIN traced t ON t.event_id = e.event_id
/*[evidence] LEFT JOIN evidence r ON r.event_id = e.event_id AND r.article_id = e.article_id AND r.evidence = e.evidence */
ORDER BY e.event_date NULLS LAST, e.event_type, e.num_sources DESC, e.event_id
