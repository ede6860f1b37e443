-- Staging: a lake table (articles, mentions, events, dates, rejects, runs) read from the Parquet files of
-- the committed manifest, as a view named after the table. flows/catalog.py fills the slots per table:
-- the list of absolute paths, whether files of older schemas need union_by_name, and the month partition.
SELECT * FROM read_parquet(/*files*/, union_by_name = /*union_by_name*/, /*hive*/)
