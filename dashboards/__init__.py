"""Dashboards over the lake: the Streamlit app (`dateline dashboard`) and the static HTML timeline export.

Read-only, and no Prefect: everything here goes through the DuckDB catalog (`flows.catalog.connect`).
"""
