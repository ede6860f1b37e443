"""Dateline transforms: pure functions from text and records to records (no I/O, no Prefect)."""
