-- Dashboard: how many events match the filters. Slot: where.
SELECT count(*) FROM events /*where*/
