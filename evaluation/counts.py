"""What the scorers count with: tallies of named counts that start at zero and add up, and the ratios
printed from them."""

from __future__ import annotations


class Tally:
    """Named int counts, each an attribute that starts at zero (or at the value given by keyword).

    A subclass names its counts in COUNTS, space-separated; its docstring says what each counts. Lists
    and tables a scorer also keeps are set up in the subclass's own __init__.
    """

    COUNTS = ""

    def __init__(self, **counts: int) -> None:
        names = self.COUNTS.split()
        unknown = sorted(set(counts) - set(names))
        if unknown:
            raise TypeError(f"{type(self).__name__} has no counts {', '.join(unknown)}")
        for name in names:
            setattr(self, name, counts.get(name, 0))

    def counts(self) -> dict[str, int]:
        """The counts by name, in COUNTS order."""
        return {name: getattr(self, name) for name in self.COUNTS.split()}

    def add(self, other: Tally) -> None:
        """Add another tally's counts into this one."""
        for name, value in other.counts().items():
            setattr(self, name, getattr(self, name) + value)

    def __repr__(self) -> str:
        """The class and its counts."""
        return f"{type(self).__name__}({', '.join(f'{k}={v}' for k, v in self.counts().items())})"


def ratio(a: int, b: int) -> float:
    """a/b rounded to three places, 0 when b is 0."""
    return round(a / b, 3) if b else 0.0


def prf(hits: int, system: int, gold: int) -> dict:
    """Precision, recall and F1 of `hits` against system and gold counts."""
    p, r = hits / max(system, 1), hits / max(gold, 1)
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3)}


def bump(counts: dict[str, int], key: str) -> None:
    """Add one to counts[key]."""
    counts[key] = counts.get(key, 0) + 1
