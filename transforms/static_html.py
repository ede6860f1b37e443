"""The page of `dateline export --format html`: one self-contained HTML file with an interactive timeline.

The page needs no server and no network: styles, script and data are inline, the chart is SVG drawn by
a small script, and a Content-Security-Policy forbids loading anything from elsewhere. Values are
embedded as JSON and only ever inserted as text, so article content cannot inject markup.
"""

from __future__ import annotations

import datetime as dt
import html
import json

from transforms.cells import cell_text

MAX_ROWS = 20_000  # a browser stays responsive with this many marks; larger exports keep the best-sourced
FIELDS = ("event_date", "event_type", "modality", "actors", "location", "num_sources", "evidence", "source", "url")


def _records(columns: list[str], rows: list[tuple]) -> list[dict]:
    """Rows as small dicts of text (lists joined, dates ISO); sources as an int."""
    index = {name: i for i, name in enumerate(columns)}
    out = []
    for row in rows:
        record = {name: cell_text(row[index[name]]) if name in index else "" for name in FIELDS}
        try:
            record["num_sources"] = max(1, int(float(record["num_sources"] or 1)))
        except ValueError:
            record["num_sources"] = 1
        out.append(record)
    return out


def select_rows(records: list[dict], limit: int = MAX_ROWS) -> list[dict]:
    """At most `limit` records: the best-sourced ones, kept in their original (date) order."""
    if len(records) <= limit:
        return records
    ranked = sorted(range(len(records)), key=lambda i: -records[i]["num_sources"])[:limit]
    return [records[i] for i in sorted(ranked)]


def script_json(value: object) -> str:
    """JSON that is safe inside a <script> element (no '</script>', no HTML comment openers)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                         ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def render_html(columns: list[str], rows: list[tuple], title: str = "Dateline timeline",
                limit: int = MAX_ROWS) -> str:
    """The whole page as a string."""
    records = _records(columns, rows)
    kept = select_rows(records, limit)
    meta = {
        "title": title, "total": len(records), "kept": len(kept),
        "generated": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }
    return (
        PAGE.replace("__TITLE__", html.escape(title))
        .replace("__CSS__", CSS)
        .replace("__SCRIPT__", SCRIPT)
        .replace("__META__", script_json(meta))
        .replace("__DATA__", script_json(kept))
    )


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>__TITLE__</title>
<style>__CSS__</style>
</head>
<body>
<header><h1>__TITLE__</h1><p id="summary"></p></header>
<form id="filters" onsubmit="return false">
 <label>From <input type="date" id="since"></label>
 <label>Until <input type="date" id="until"></label>
 <label>Type <select id="type"><option value="">all types</option></select></label>
 <label>Text <input type="search" id="q" placeholder="actor, place, words" maxlength="120"></label>
 <button type="button" id="reset">Reset</button>
</form>
<p id="count" aria-live="polite"></p>
<p class="hint">Drag across the chart to zoom into a period; Reset shows everything again.</p>
<div id="chart" role="img" aria-label="events over time by type"></div>
<div id="legend"></div>
<div id="tip" hidden></div>
<table id="events">
 <thead><tr><th>date</th><th>type</th><th>actors</th><th>place</th><th>sources</th><th>evidence</th>
 <th>source</th><th>link</th></tr></thead>
 <tbody></tbody>
</table>
<nav id="pager"><button type="button" id="prev">&larr; previous</button> <span id="page"></span>
 <button type="button" id="next">next &rarr;</button></nav>
<script id="meta" type="application/json">__META__</script>
<script id="data" type="application/json">__DATA__</script>
<script>__SCRIPT__</script>
</body>
</html>
"""

CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.2rem 2rem;color:#1f2933;background:#fff}
h1{font-size:1.6rem;margin:0 0 .2rem}header p{color:#52606d;margin:0 0 1rem}
form{display:flex;flex-wrap:wrap;gap:.8rem;align-items:end;margin-bottom:.6rem}
label{display:flex;flex-direction:column;font-size:.8rem;color:#52606d}
input,select,button{font:inherit;padding:.25rem .4rem;border:1px solid #cbd2d9;border-radius:4px;background:#fff}
button{cursor:pointer}#count{margin:.3rem 0;color:#323f4b}.hint{margin:0;color:#7b8794;font-size:.8rem}
#chart svg{cursor:crosshair;user-select:none}
#chart svg{display:block;width:100%}#chart .lane{font-size:11px;fill:#52606d}#chart .tick{font-size:10px;fill:#7b8794}
#chart circle{fill-opacity:.72;stroke:#222;stroke-width:.4;cursor:pointer}
#chart circle:hover{fill-opacity:1;stroke-width:1.5}
#legend{display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.8rem;margin:.2rem 0 1rem}
#legend i{display:inline-block;width:.8rem;height:.8rem;border-radius:50%;margin-right:.3rem;vertical-align:-1px}
#tip{position:fixed;max-width:28rem;background:#fffef5;border:1px solid #bcccdc;border-radius:4px;padding:.5rem .7rem;
box-shadow:0 2px 8px rgba(0,0,0,.15);pointer-events:none;font-size:.85rem;z-index:2}
#tip b{display:block}table{border-collapse:collapse;width:100%;font-size:.85rem}
th,td{border-bottom:1px solid #e4e7eb;padding:.3rem .4rem;text-align:left;vertical-align:top}
th{background:#f5f7fa;position:sticky;top:0}td:nth-child(1){white-space:nowrap}td:nth-child(5){text-align:right}
nav{margin:.7rem 0}
"""

SCRIPT = r"""
"use strict";
const META = JSON.parse(document.getElementById("meta").textContent);
const DATA = JSON.parse(document.getElementById("data").textContent);
const COLOURS = ["#4e79a7","#f28e2b","#e15759","#76b7b2","#59a14f","#edc948","#b07aa1","#ff9da7","#9c755f",
  "#bab0ac","#1f77b4","#aec7e8","#ff7f0e","#98df8a","#d62728","#9467bd","#8c564b","#e377c2","#7f7f7f","#17becf"];
const PAGE = 100, SVG = "http://www.w3.org/2000/svg";
const $ = id => document.getElementById(id);
const types = [...new Set(DATA.map(d => d.event_type || "other"))].sort();
const colour = Object.fromEntries(types.map((t, i) => [t, COLOURS[i % COLOURS.length]]));
for (const d of DATA) {
  d.event_type = d.event_type || "other";
  d.haystack = [d.event_type, d.actors, d.location, d.evidence, d.source].join(" ").toLowerCase();
}
let shown = DATA, page = 0;

function el(tag, attrs, text) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function setup() {
  const s = META.kept < META.total ? `${META.kept.toLocaleString()} best-sourced of ${META.total.toLocaleString()}` :
    META.total.toLocaleString();
  $("summary").textContent = `${s} events · exported ${META.generated} · works offline`;
  for (const t of types) $("type").appendChild(el("option", {value: t}, t));
  for (const t of types) {
    const item = el("span"); const dot = el("i"); dot.style.background = colour[t];
    item.append(dot, t); $("legend").appendChild(item);
  }
  for (const id of ["since", "until", "type", "q"]) $(id).addEventListener("input", apply);
  $("reset").addEventListener("click", () => {
    for (const id of ["since", "until", "type", "q"]) $(id).value = "";
    apply();
  });
  $("prev").addEventListener("click", () => { page = Math.max(0, page - 1); table(); });
  $("next").addEventListener("click", () => { page = Math.min(pages() - 1, page + 1); table(); });
  window.addEventListener("resize", chart);
  apply();
}

function apply() {
  const since = $("since").value, until = $("until").value, type = $("type").value;
  const q = $("q").value.trim().toLowerCase();
  shown = DATA.filter(d => (!since || (d.event_date && d.event_date >= since)) &&
    (!until || (d.event_date && d.event_date <= until)) && (!type || d.event_type === type) &&
    (!q || d.haystack.includes(q)));
  page = 0;
  $("count").textContent = `${shown.length.toLocaleString()} of ${DATA.length.toLocaleString()} events match`;
  chart(); table();
}

function pages() { return Math.max(1, Math.ceil(shown.length / PAGE)); }

function chart() {
  const box = $("chart"); box.replaceChildren();
  const dated = shown.filter(d => d.event_date);
  if (!dated.length) { box.appendChild(el("p", {}, "No dated events to draw.")); return; }
  const lanes = [...new Set(dated.map(d => d.event_type))].sort();
  const width = Math.max(480, box.clientWidth || 900), left = 110, right = 20, top = 12, laneH = 30;
  const height = top + lanes.length * laneH + 34;
  const time = s => Date.parse(s + "T00:00:00Z");
  let lo = Infinity, hi = -Infinity;
  for (const d of dated) { const t = time(d.event_date); if (t < lo) lo = t; if (t > hi) hi = t; }
  if (hi === lo) { lo -= 864e5; hi += 864e5; }
  const x = t => left + 12 + (t - lo) / (hi - lo) * (width - left - right - 24);
  const svg = el("svg:svg", {viewBox: `0 0 ${width} ${height}`, height: height});
  lanes.forEach((t, i) => {
    const y = top + i * laneH + laneH / 2;
    svg.appendChild(el("svg:line", {x1: left, x2: width - right, y1: y, y2: y, stroke: "#eef1f4"}));
    svg.appendChild(el("svg:text", {x: left - 8, y: y + 4, "text-anchor": "end", class: "lane"}, t));
  });
  const axisY = top + lanes.length * laneH + 4;
  svg.appendChild(el("svg:line", {x1: left, x2: width - right, y1: axisY, y2: axisY, stroke: "#9aa5b1"}));
  const ticks = Math.max(2, Math.floor((width - left) / 110));
  for (let k = 0; k <= ticks; k++) {
    const t = lo + (hi - lo) * k / ticks, label = new Date(t).toISOString().slice(0, 10);
    svg.appendChild(el("svg:text", {x: x(t), y: axisY + 16, "text-anchor": "middle", class: "tick"}, label));
  }
  const frag = document.createDocumentFragment();
  for (const d of dated) {
    const c = el("svg:circle", {cx: x(time(d.event_date)).toFixed(1),
      cy: top + lanes.indexOf(d.event_type) * laneH + laneH / 2, r: (3 + 2.2 * Math.sqrt(d.num_sources)).toFixed(1),
      fill: colour[d.event_type]});
    c.addEventListener("mouseenter", e => tip(d, e)); c.addEventListener("mousemove", e => tip(d, e));
    c.addEventListener("mouseleave", () => { $("tip").hidden = true; });
    c.addEventListener("click", () => { if (/^https?:\/\//.test(d.url)) window.open(d.url, "_blank", "noopener"); });
    frag.appendChild(c);
  }
  svg.appendChild(frag); box.appendChild(svg);
  zoom(svg, x, lo, hi, left, width - right, top, axisY - top);
}

function zoom(svg, x, lo, hi, x0, x1, y, h) {
  // Dragging across the chart sets From/Until to the dragged period (the scale inverted by hand).
  const day = px => new Date(lo + (px - x(lo)) / (x(hi) - x(lo)) * (hi - lo)).toISOString().slice(0, 10);
  const local = e => {
    const r = svg.getBoundingClientRect();
    return Math.min(Math.max((e.clientX - r.left) * svg.viewBox.baseVal.width / r.width, x0), x1);
  };
  let start = null, band = null;
  svg.addEventListener("mousedown", e => {
    start = local(e);
    band = el("svg:rect", {x: start, y: y, width: 0, height: h, fill: "#9fb3c8", "fill-opacity": .3});
    svg.appendChild(band); e.preventDefault();
  });
  svg.addEventListener("mousemove", e => {
    if (start === null) return;
    const end = local(e);
    band.setAttribute("x", Math.min(start, end)); band.setAttribute("width", Math.abs(end - start));
  });
  svg.addEventListener("mouseleave", () => { if (start !== null) { start = null; band.remove(); } });
  svg.addEventListener("mouseup", e => {
    if (start === null) return;
    const end = local(e), a = Math.min(start, end), b = Math.max(start, end);
    start = null; band.remove();
    if (b - a < 4) return;  // a click, not a drag
    $("since").value = day(a); $("until").value = day(b); apply();
  });
}

function tip(d, e) {
  const box = $("tip"); box.replaceChildren();
  const sources = `${d.num_sources} source${d.num_sources > 1 ? "s" : ""}`;
  box.append(el("b", {}, `${d.event_date} · ${d.event_type} · ${sources}`),
    el("div", {}, d.evidence), el("div", {}, `${d.source}${d.location ? " · " + d.location : ""}`));
  box.hidden = false;
  box.style.left = Math.min(e.clientX + 14, window.innerWidth - 460) + "px";
  box.style.top = (e.clientY + 14) + "px";
}

function table() {
  const body = document.querySelector("#events tbody"); body.replaceChildren();
  for (const d of shown.slice(page * PAGE, (page + 1) * PAGE)) {
    const row = el("tr");
    for (const v of [d.event_date, d.event_type, d.actors, d.location, d.num_sources, d.evidence, d.source]) {
      row.appendChild(el("td", {}, String(v)));
    }
    const cell = el("td");
    if (/^https?:\/\//.test(d.url)) cell.appendChild(el("a", {href: d.url, target: "_blank", rel: "noopener"}, "open"));
    row.appendChild(cell); body.appendChild(row);
  }
  $("page").textContent = `page ${page + 1} of ${pages()}`;
  $("prev").disabled = page === 0; $("next").disabled = page >= pages() - 1;
}

setup();
"""
