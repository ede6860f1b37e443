"""Old name of `transforms.merge` (the merge package), kept while `evaluation/t17.py` still imports it."""

from transforms.merge import merge_mentions, merge_table  # noqa: F401 (re-exported)
