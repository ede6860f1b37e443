-- Staging on object storage: a lake table from the pyarrow dataset registered under the slot's name
-- (DuckDB here cannot load httpfs), as a view named after the table.
SELECT * FROM /*dataset*/
