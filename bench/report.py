"""Print benchmark results as one table: figure, value, in-run baseline, ratio, target."""

from __future__ import annotations


def _row(figure: str, value, baseline="", ratio="", target="", ok=None) -> tuple[str, ...]:
    """One table row; ok is True/False/None (no target)."""
    mark = "" if ok is None else ("yes" if ok else "NO")
    return (figure, str(value), str(baseline), str(ratio), str(target), mark)


def rows_for(results: dict) -> list[tuple[str, ...]]:
    """The table rows of every section that ran."""
    s = results["sections"]
    rows: list[tuple[str, ...]] = []
    if "tagger" in s:
        t = s["tagger"]
        rows.append(_row(f"tagger docs/s/core ({t.get('words_per_doc', '?')} words)", t["tagger_docs_per_s"],
                         f"dateparser {t['dateparser_docs_per_s']}", f"x{t['ratio_vs_dateparser']}"))
        if "bench_timex" in t:
            b = t["bench_timex"]
            rows.append(_row(f"  bench_timex.py texts ({b['words']} words, wall)", b["tagger_docs_per_s_wall"],
                             f"dateparser {b['dateparser_docs_per_s_wall']}", f"x{b['ratio_vs_dateparser']}"))
    if "extraction" in s:
        e = s["extraction"]
        rows.append(_row(f"extraction articles/s/core ({e['words_per_article']} words)", e["articles_per_s"],
                         f"tagger alone {e['tagger_docs_per_s']}", f"x{e['ratio_vs_tagger']}",
                         f">= {e['target_articles_per_s']}", e["meets_target"]))
        if "floor_articles_per_s" in e:
            rows.append(_row("  floor under the full extractor (issue #16)", e["articles_per_s"], "", "",
                             f">= {e['floor_articles_per_s']}", e["meets_floor"]))
        rows.append(_row("  vs spaCy en_core_web_sm (quoted 42-52/s)", e["articles_per_s"], "47 (not in-run)",
                         f"x{e['ratio_vs_spacy_sm_quoted']}", "x10"))
        rows.append(_row("  gold events found (type+date)", e["gold_events_found"], "", "", "", None))
    if "e2e" in s:
        g = s["e2e"]
        for r in g["sizes"]:
            n = f"{r['articles']:,}"
            rows.append(_row(f"e2e {n} articles: wall s", r["flow_wall_s"], f"stream {r['stream_wall_s']}",
                             f"x{r['ratio_wall_flow_over_stream']}"))
            if r.get("serial_wall_s"):
                rows.append(_row(f"e2e {n} articles: wall s, {r['workers']} workers", r["flow_wall_s"],
                                 f"--workers 1: {r['serial_wall_s']}", f"x{r['ratio_wall_flow_over_serial']}"))
                rows.append(_row(f"e2e {n} articles: tree peak RSS MB", r["flow_tree_peak_rss_mb"],
                                 f"--workers 1: {r['serial_tree_peak_rss_mb']}", f"x{r['ratio_tree_rss_flow_over_serial']}"))
            if r.get("stream_cpu_s"):
                rows.append(_row(f"e2e {n} articles: CPU s", r["flow_cpu_s"], f"stream {r['stream_cpu_s']}",
                                 f"x{r['ratio_cpu_flow_over_stream']}"))
            rows.append(_row(f"e2e {n} articles: peak RSS MB", r["flow_peak_rss_mb"],
                             f"stream {r['stream_peak_rss_mb']}", f"x{r['ratio_rss_flow_over_stream']}"))
        t = g["target_10k"]
        how = "" if t["measured"] else " (projected)"
        rows.append(_row(f"e2e 10k articles wall s{how}", t["wall_s"], f"CPU {t['cpu_s']} s", "",
                         f"<= {g['target_wall_s']}", t["wall_s"] <= g["target_wall_s"]))
        rows.append(_row(f"e2e 10k articles peak RSS MB{how}", t["peak_rss_mb"], "", "", f"<= {g['target_rss_mb']}",
                         t["peak_rss_mb"] <= g["target_rss_mb"]))
        first, last = g["sizes"][0]["articles"], g["sizes"][-1]["articles"]
        rows.append(_row(f"growth {first:,} -> {last:,}: wall", f"x{g['flow_wall_growth']}",
                         f"articles x{g['articles_growth']:g}"))
        rows.append(_row("growth: CPU s per 1k articles", g["flow_cpu_s_per_1k"], f"stream {g['stream_cpu_s_per_1k']}",
                         f"x{round(g['flow_cpu_s_per_1k'] / g['stream_cpu_s_per_1k'], 2) if g['stream_cpu_s_per_1k'] else '-'}"))
        flat = g.get("memory_flat")
        rows.append(_row("growth: peak RSS MB per 1k articles", g["flow_rss_mb_per_1k"],
                         f"stream {g['stream_rss_mb_per_1k']}", "",
                         "<= 5 (flat)" if flat is not None else "<= 5 (judged by bench-full)", flat))
        rows.append(_row("peak RSS MB at 100k articles (projected from small sizes)" if last < 100_000
                         else "peak RSS MB at 100k articles",
                         g["flow_rss_mb_at_100k"], f"stream {g['stream_rss_mb_at_100k']}", "", "", None))
        r = g["sizes"][-1]
        rows.append(_row("Parquet bytes per mention (real lake)", r["mentions_bytes_per_row"], "", "", ""))
        rows.append(_row("Parquet bytes per event (real lake)", r["events_bytes_per_row"], "", "", ""))
    if "query" in s:
        q = s["query"]
        rows.append(_row(f"Parquet bytes per event ({q['events']:,} synthetic)", q["bytes_per_event"]))
        rows.append(_row(f"timeline query p50 ms ({q['events']:,} events)", q["duckdb_p50_ms"],
                         f"pandas {q['pandas_p50_ms']}", f"x{q['ratio_pandas_over_duckdb']} faster",
                         f"<= {q['target_p50_ms']}", q["meets_target"]))
        rows.append(_row("timeline query p95 ms", q["duckdb_p95_ms"], "", "", ""))
        if "duckdb_cpu_ms_per_query" in q:
            rows.append(_row("timeline query CPU ms/query", q["duckdb_cpu_ms_per_query"]))
        rows.append(_row("window page (LIMIT 200) p50/p95 ms", f"{q['duckdb_window_p50_ms']}/{q['duckdb_window_p95_ms']}"))
    if "prefect" in s:
        p = s["prefect"]
        for mode in ("ephemeral", "server"):
            m = p[mode]
            rows.append(_row(f"Prefect {mode}: overhead s/run (warm)", m["overhead_per_run_s"],
                             f"no-Prefect {m['baseline_run_s']}", f"x{m['ratio_flow_over_baseline']}"))
            rows.append(_row(f"Prefect {mode}: first run s", m["first_run_s"], f"import {m['prefect_import_s']}"))
        rows.append(_row("Prefect server/ephemeral overhead", f"x{p['ratio_server_over_ephemeral']}",
                         f"server start {p['server']['server_startup_s']} s"))
    if "merge" in s and "sizes" in s["merge"]:
        m = s["merge"]
        for size in m["sizes"]:
            rows.append(_row(f"merge {size['mentions']:,} mentions: us/mention (CPU)", size["us_per_mention"],
                             f"{size['events']:,} events, {size['cpu_s']} s"))
        rows.append(_row("merge growth: time vs size", f"x{m['time_ratio']}", f"size x{m['size_ratio']}",
                         "", "near-linear", m["near_linear"]))
    if "profile" in s:
        for item in s["profile"]["inclusive"][1:7]:
            rows.append(_row(f"profile (incl.): {item['function'][:60]}", f"{item['share']:.0%}"))
        for item in s["profile"]["self"][:6]:
            rows.append(_row(f"profile (self): {item['function'][:60]}", f"{item['share']:.0%}"))
    return rows


def print_report(results: dict) -> None:
    """Print the table, the machine line and any failed sections."""
    m = results["machine"]
    print(f"Dateline bench ({results['mode']}, seed {results['seed']}) on {m.get('cpu')}, {m.get('cores')} cores, "
          f"{m.get('memory_gb')} GB, Python {m.get('python')}; load {m.get('load_average')}; {results['duration_s']} s")
    header = ("figure", "value", "baseline (same run)", "ratio", "target", "met")
    rows = [header] + rows_for(results)
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for i, row in enumerate(rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
    for name, error in results.get("errors", {}).items():
        print(f"FAILED {name}: {error}")


def markdown(results: dict) -> str:
    """The same table as Markdown, for BENCHMARKS.md."""
    header = ("figure", "value", "baseline (same run)", "ratio", "target", "met")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows_for(results):
        lines.append("| " + " | ".join(cell.replace("|", "/") for cell in row) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    import json
    import sys

    path = sys.argv[1] if len(sys.argv) > 1 else "bench/results.json"
    with open(path, encoding="utf-8") as handle:
        print(markdown(json.load(handle)))
