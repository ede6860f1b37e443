"""Where extraction spends its time: a pyinstrument profile of the per-article step, summarised by function."""

from __future__ import annotations

from collections import defaultdict


def profile_extraction(n: int, seed: int, top: int = 12) -> dict:
    """Profile extraction of n generated articles; return the functions with the largest shares."""
    from pyinstrument import Profiler

    from bench.throughput import _extract_all, article_rows

    rows = article_rows(n, seed)
    _extract_all(rows[:3])  # lazy tables load outside the profile
    profiler = Profiler(interval=0.0005)
    profiler.start()
    _extract_all(rows)
    session = profiler.stop()
    root = session.root_frame()
    total = root.time if root else 0.0
    inclusive: dict[str, float] = defaultdict(float)
    own: dict[str, float] = defaultdict(float)

    def walk(frame, ancestors: frozenset) -> None:
        key = f"{frame.function} ({_short(frame.file_path)}:{frame.line_no})"
        if key not in ancestors:  # recursion counts once
            inclusive[key] += frame.time
        own[key] += frame.total_self_time
        for child in frame.children:
            if not child.is_synthetic:  # "[self]" frames are already in total_self_time
                walk(child, ancestors | {key})

    if root:
        walk(root, frozenset())

    def table(values: dict[str, float]) -> list[dict]:
        ranked = sorted(values.items(), key=lambda kv: -kv[1])
        project = [(k, v) for k, v in ranked if k.split("(")[1].startswith(("transforms/", "flows/"))]
        return [{"function": k, "share": round(v / total, 3)} for k, v in project[:top]]

    return {"articles": n, "seconds": round(total, 2), "inclusive": table(inclusive), "self": table(own)}


def _short(path: str | None) -> str:
    """A path relative to the project (transforms/..., flows/...) or the bare file name."""
    if not path:
        return "?"
    for marker in ("/transforms/", "/flows/", "/bench/"):
        if marker in path:
            return marker.strip("/") + "/" + path.split(marker, 1)[1]
    return path.rsplit("/", 1)[-1]
