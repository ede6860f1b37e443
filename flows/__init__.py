"""Prefect flows and tasks, and every piece of I/O (files, network, the lake).

Importing this package does not import Prefect: `flows.lake` and `flows.catalog` serve the CLI's
read-only commands too.
"""
