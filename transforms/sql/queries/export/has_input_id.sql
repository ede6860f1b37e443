-- 1 when the lake's articles carry the `input_id` column (lakes written before it do not), else 0.
SELECT count(*) FROM information_schema.columns WHERE table_name = 'articles' AND column_name = 'input_id'
