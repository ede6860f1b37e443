"""Scorers behind `dateline eval`: they read annotated corpora from a path given on the command line."""
