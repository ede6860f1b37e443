"""Dateline: news articles in, a queryable timeline of dated events out."""

__version__ = "0.1.0"
