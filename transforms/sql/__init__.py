"""The lake's SQL as files, read by the catalog, the CLI, the Python API, the dashboard and the benchmarks.

Layered as in dbt's jaffle_shop: `staging/` reads the Parquet files of a lake table into a view of the
same name, `marts/` are views over the staging views (the catalog creates both), and `queries/` holds
the SELECTs that each surface runs with bound parameters (`queries/export/`, `queries/timeline/`,
`queries/dashboard/`, `queries/bench/`).

Every file is valid SQL as it stands. Two kinds of comment let code adapt it, with fixed SQL text only
(user values are always bound parameters):

- `/*where*/` (any name): a slot, filled by `render(path, where=" WHERE ...")`, else empty;
- `/*[name] SQL */`: an optional part, left out unless `render(path, switch_on=("name",))` is asked.

>>> render("queries/export/articles", where=" WHERE published_at >= ?").splitlines()[-1]
'FROM articles  WHERE published_at >= ? ORDER BY published_at NULLS LAST, article_id'
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

_OPTIONAL = re.compile(r"/\*\[(\w+)\](.*?)\*/", re.S)
_SLOT = re.compile(r"/\*(\w+)\*/")


@cache
def load(path: str) -> str:
    """The text of one file of this package, e.g. `marts/timeline` for marts/timeline.sql, comment lines dropped."""
    text = resources.files(__package__).joinpath(f"{path}.sql").read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--")).strip()


def render(path: str, switch_on: tuple[str, ...] | list[str] = (), **slots: str) -> str:
    """The file's SQL with its slots filled (unnamed ones empty) and only the optional parts in `switch_on`."""
    text = load(path)
    missing = [name for name in [*switch_on, *slots] if f"/*{name}*/" not in text and f"/*[{name}]" not in text]
    if missing:  # a typo would silently drop a filter: refuse it
        raise KeyError(f"{path}.sql has no slot or optional part named {missing[0]}")
    text = _OPTIONAL.sub(lambda m: m.group(2).strip() if m.group(1) in switch_on else "", text)
    return _SLOT.sub(lambda m: slots.get(m.group(1), ""), text)


def names(folder: str) -> list[str]:
    """The paths (without `.sql`) of one folder's files, sorted: `names("marts")` -> ['marts/article_events', ...]."""
    base = resources.files(__package__).joinpath(folder)
    return sorted(f"{folder}/{entry.name[:-4]}" for entry in base.iterdir() if entry.name.endswith(".sql"))


def all_files(folder: str = "") -> list[str]:
    """Every SQL file of the package (or of one folder and those under it), as paths without `.sql`, sorted."""
    base = resources.files(__package__).joinpath(folder) if folder else resources.files(__package__)
    out = []
    for entry in base.iterdir():
        path = f"{folder}/{entry.name}" if folder else entry.name
        if entry.is_dir() and not entry.name.startswith("__"):
            out += all_files(path)
        elif entry.name.endswith(".sql"):
            out.append(path[:-4])
    return sorted(out)
