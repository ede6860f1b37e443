"""Event ids that stay stable across runs: an event keeps the id of its earliest known mention."""

from __future__ import annotations

from collections import defaultdict

from transforms.articles import derived_id


def event_ids(groups: list[list[tuple[str, str | None]]]) -> list[str]:
    """One distinct id per group of (mention id, earlier event id or None) pairs, in canonical order.

    An earlier run's id is kept where the group's mentions carry one, else a new id is derived. When
    mentions of one old event end up in two groups, the id stays with the group holding the mention it
    was derived from (else the one holding most of its mentions); the other gets a new id.
    """
    claims: dict[str, tuple[tuple, int]] = {}
    for gi, group in enumerate(groups):
        for old, (named, n) in claim_votes(group).items():
            key = (named, n, -gi)
            if old not in claims or key > claims[old][0]:
                claims[old] = (key, gi)
    owned: dict[int, set[str]] = defaultdict(set)
    for old, (_key, gi) in claims.items():
        owned[gi].add(old)
    return [group_id(group, owned.get(gi), claims.__contains__) for gi, group in enumerate(groups)]


def claim_votes(group: list[tuple[str, str | None]]) -> dict[str, tuple[bool, int]]:
    """Each earlier event id a group carries: (whether a carrier is the mention it was derived from, carriers)."""
    votes: dict[str, int] = defaultdict(int)
    for _mention, old in group:
        if old:
            votes[old] += 1
    return {old: (any(derived_id("event", mention) == old for mention, carried in group if carried == old), n)
            for old, n in votes.items()}


def group_id(group: list[tuple[str, str | None]], mine: set[str] | None, claimed) -> str:
    """A group's id: the earlier id it won (its first carrier's), else one derived from a member and not `claimed`."""
    if mine:  # the id its canonically first carrier had
        return next(carried for _mention, carried in group if carried in mine)
    for mention, _old in group:
        fresh = derived_id("event", mention)
        if not claimed(fresh):
            return fresh
    return derived_id("event", "split", group[0][0])  # hashed only when needed: it was once per event
