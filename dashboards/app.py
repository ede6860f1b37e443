"""The Dateline dashboard (Streamlit): timeline, events, actors, map and run health of one lake.

Start it with `dateline dashboard --lake DIR`. It reads the lake's DuckDB catalog read-only, one short
connection per query, so a flow run may replace the catalog at any time. It never imports Prefect.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

import duckdb
import pandas as pd
import streamlit as st

from dashboards import charts, queries
from dashboards.filters import MAX_TEXT, Filters, parse_filters, to_query_params
from flows import location

VIEWS = ("Timeline", "Actors", "Map", "Run health")
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
# Less empty space above the title: analysts want the chart and the table on one screen.
CSS = "<style>[data-testid='stMainBlockContainer']{padding-top:2.2rem}</style>"
LINK = st.column_config.LinkColumn("link", display_text="open")
EVIDENCE = st.column_config.TextColumn("evidence", width="large")


def lake_location() -> str:
    """The lake: `-- --lake DIR` after the script name, else $DATELINE_LAKE, else data/lake (no settings file)."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--lake")
    args, _ = parser.parse_known_args(sys.argv[1:])
    return location.lake_location(args.lake)


@st.cache_data(ttl=900, max_entries=1024, show_spinner=False)
def cached(name: str, location: str, version: int, *args):
    """Run `queries.<name>(con, *args)`; a new lake version is a new cache key, so results are never stale."""
    with queries.reading(location) as con:
        return getattr(queries, name)(con, *args)


@st.cache_data(show_spinner=False)
def country_name(code: str) -> str:
    """`KEN · Kenya` for a selectbox, or the code alone when unknown."""
    if not code:
        return "any country"
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    return f"{code} · {country.name}" if country else code


def init_filters(types: list[str], codes: list[str]) -> None:
    """Seed the view and filter widgets once per session from the URL (?view=&since=&until=&type=&q=...)."""
    if st.session_state.get("filters_ready"):
        return
    parsed = parse_filters({k: st.query_params.get(k) for k in st.query_params})
    f, notes = parsed.filters, list(parsed.warnings)
    unknown = [t for t in f.types if t not in types]
    if unknown:
        notes.append(f"event type(s) {', '.join(unknown)} not in this lake; ignored")
    if f.country and f.country not in codes:
        notes.append(f"country {f.country} not in this lake; ignored")

    def clamp(day):
        return min(max(day, FIRST_DAY), LAST_DAY) if day else None

    view = st.query_params.get("view", VIEWS[0])
    if view not in VIEWS:
        notes.append(f"view {view[:40]!r} does not exist; showing {VIEWS[0]}")
        view = VIEWS[0]
    st.session_state.update(
        view=view, since=clamp(f.since), until=clamp(f.until), types=[t for t in f.types if t in types],
        actor=f.actor, country=f.country if f.country in codes else "", place=f.place, q=f.text,
        url_notes=notes, filters_ready=True,
    )


def sidebar_filters(types: list[str], codes: list[str]) -> Filters:
    """The filter widgets; returns the cleaned filters and shows what was ignored."""
    side, state = st.sidebar, st.session_state
    # A new snapshot may lack a type or country chosen earlier; Streamlit refuses unknown choices.
    state.types = [t for t in state.get("types", []) if t in types]
    if state.get("country", "") not in codes:
        state.country = ""
    side.header("Filters")
    side.date_input("From", key="since", min_value=FIRST_DAY, max_value=LAST_DAY, format="YYYY-MM-DD")
    side.date_input("Until", key="until", min_value=FIRST_DAY, max_value=LAST_DAY, format="YYYY-MM-DD")
    side.multiselect("Event types", types, key="types", placeholder="all types")
    side.text_input("Actor", key="actor", max_chars=MAX_TEXT, placeholder="e.g. Kenya")
    side.selectbox("Country", [""] + codes, key="country", format_func=country_name)
    side.text_input("Place", key="place", max_chars=MAX_TEXT, placeholder="e.g. Nairobi")
    side.text_input("Text search", key="q", max_chars=MAX_TEXT, placeholder="words in the evidence")
    parsed = parse_filters({
        "since": state.since, "until": state.until, "type": state.types, "actor": state.actor,
        "country": state.country, "place": state.place, "q": state.q,
    })
    for note in state.pop("url_notes", []) + parsed.warnings:  # notes on the URL show once
        side.warning(note)
    params = to_query_params(parsed.filters)
    if state.view != VIEWS[0]:
        params["view"] = state.view
    if params != st.query_params.to_dict():
        st.query_params.from_dict(params)  # the address bar always reproduces this view
    return parsed.filters


def download(frame: pd.DataFrame, name: str, key: str) -> None:
    """A button that downloads exactly the rows and columns of `frame`, as shown."""
    st.download_button(
        f"Download CSV ({len(frame):,} rows shown)", queries.to_csv(frame), file_name=f"{name}.csv",
        mime="text/csv", key=key, disabled=frame.empty, on_click="ignore",
    )


def timeline_view(location: str, version: int, filters: Filters) -> None:
    """The chart of events over time, then one page of the event table."""
    total = cached("count_events", location, version, filters)
    timeline = cached("timeline", location, version, filters)
    st.subheader("Timeline")
    if timeline.dated:
        st.altair_chart(charts.timeline_chart(timeline), width="stretch", key="timeline_chart")
    notes = []
    if timeline.bucket:
        notes.append(f"{timeline.dated:,} events: each mark counts the events of one type per {timeline.bucket}; "
                     "narrow the filters to see single events")
    if timeline.undated:
        notes.append(f"{timeline.undated:,} matching events have no known date and are only in the table")
    if notes:
        st.caption(". ".join(notes) + ".")
    st.subheader("Events")
    if total == 0:
        st.info("No events match these filters.")
        return
    left, middle, right = st.columns([2, 1, 1])
    order = left.selectbox("Order", list(queries.ORDERS), key="order")
    size = middle.selectbox("Rows per page", queries.PAGE_SIZES, index=1, key="page_size")
    pages = max(1, -(-total // size))
    if st.session_state.get("page", 1) > pages or st.session_state.get("paged_filters") != (filters, size, order):
        st.session_state.page = 1  # new filters, page size or order start again at the first page
    st.session_state.paged_filters = (filters, size, order)
    page = right.number_input(f"Page (of {pages:,})", min_value=1, max_value=pages, step=1, key="page")
    frame = cached("event_page", location, version, filters, int(page), size, order, total)
    first = (int(page) - 1) * size + 1
    st.caption(f"Events {first:,}–{first + len(frame) - 1:,} of {total:,} matching.")
    st.dataframe(frame, hide_index=True, column_config={"url": LINK, "evidence": EVIDENCE}, key="events_table")
    download(frame, "dateline-events", "download_events")


def actors_view(location: str, version: int, filters: Filters) -> None:
    """One actor at a time: who they met or acted with, and when."""
    actors = cached("top_actors", location, version, filters)
    st.subheader("Actors")
    if actors.empty:
        st.info("No actors in the events that match these filters.")
        return
    labels = dict(zip(actors["actor"], actors["events"]))
    actor = st.selectbox("Actor", list(labels), key="actor_page", format_func=lambda a: f"{a} ({labels[a]:,} events)")
    meetings = st.toggle("Meetings only", key="meetings_only")
    people = cached("counterparts", location, version, actor, filters)
    events = cached("actor_events", location, version, actor, filters, meetings)
    st.markdown(f"**Who {actor} met or acted with**")
    if people.empty:
        st.caption(f"{actor} appears alone in every matching event.")
    else:
        st.dataframe(queries.display_frame(people), hide_index=True, key="counterparts_table")
    st.markdown(f"**Events of {actor}{' (meetings)' if meetings else ''}, newest first**")
    if events.empty:
        st.info("No events of this actor match.")
        return
    st.altair_chart(charts.counterpart_chart(events), width="stretch", key="actor_chart")
    st.dataframe(events, hide_index=True, column_config={"url": LINK, "evidence": EVIDENCE}, key="actor_table")
    download(events, "dateline-actor-events", "download_actor")


def map_view(location: str, version: int, filters: Filters) -> None:
    """Where the matching events happened (places with coordinates)."""
    places = cached("places", location, version, filters)
    total = cached("count_events", location, version, filters)
    st.subheader("Map of event places")
    if places.empty:
        st.info("No matching event has a place with coordinates.")
        return
    st.altair_chart(charts.places_chart(places), width="stretch", key="map_chart")
    placed = int(places["events"].sum())
    st.caption(f"{placed:,} of {total:,} matching events have a known place; {len(places):,} places shown.")
    shown = queries.display_frame(places)
    st.dataframe(shown, hide_index=True, key="places_table")
    download(shown, "dateline-places", "download_places")


def health_view(location: str, version: int) -> None:
    """The last runs and rejected inputs, from the lake's own `runs` and `rejects` tables."""
    summary = cached("lake_summary", location, version)
    runs = cached("recent_runs", location, version)
    reasons = cached("reject_reasons", location, version)
    rejects = cached("recent_rejects", location, version)
    st.subheader("Run health")
    st.caption("The whole lake: the filters do not apply here.")
    cols = st.columns(4)
    cols[0].metric("snapshot", version)
    cols[1].metric("articles", f"{summary['articles']:,}")
    cols[2].metric("mentions", f"{summary['mentions']:,}")
    cols[3].metric("events", f"{summary['events']:,}")
    if runs.empty:
        st.info("No runs recorded in this lake.")
    else:
        last = runs.iloc[0]
        st.markdown(f"Last run **{last['run_id']}**: **{last['status']}**, started {last['started_at']} UTC, "
                    f"{last['inputs']} inputs, {last['rejects']} rejects.")
        st.dataframe(runs, hide_index=True, key="runs_table")
        download(runs, "dateline-runs", "download_runs")
    st.markdown("**Rejected inputs**")
    if reasons.empty:
        st.caption("No input has been rejected.")
        return
    st.altair_chart(charts.reasons_chart(reasons), width="stretch", key="reasons_chart")
    st.dataframe(rejects, hide_index=True, key="rejects_table")
    download(rejects, "dateline-rejects", "download_rejects")


def main() -> None:
    """Render the page for the current snapshot of the lake."""
    st.set_page_config(page_title="Dateline", page_icon="🗓️", layout="wide")
    location = lake_location()
    st.html(CSS)
    st.title("Dateline")
    try:
        version = queries.lake_version(location)
    except Exception as exc:  # an unreadable manifest must not show a traceback
        st.error(f"Cannot read the lake at {location}: {str(exc).splitlines()[0]}")
        return
    if version is None:
        st.info(f"No data yet in {location}. Fill it with `dateline run data/samples --lake {location}`, "
                "then reload this page.")
        return
    try:
        render(location, version)
    except (duckdb.Error, OSError, queries.EmptyLake) as exc:
        st.error(f"Cannot read the lake at {location}: {str(exc).splitlines()[0]}. Reload to try again.")


def render(location: str, version: int) -> None:
    """Filters in the sidebar, a summary line, then the chosen view."""
    types = cached("event_types", location, version)
    codes = cached("countries", location, version)
    init_filters(types, codes)
    view = st.sidebar.radio("View", VIEWS, key="view", horizontal=True)
    filters = sidebar_filters(types, codes)
    summary = cached("lake_summary", location, version)
    if summary["events"] == 0 and view != "Run health":
        st.info("The lake has no events yet. Run health shows what the runs did.")
        return
    span = f"{summary['first_date']} to {summary['last_date']}" if summary["first_date"] else "no dates"
    st.caption(f"Lake {location} · snapshot {version} · {summary['events']:,} events ({span}) from "
               f"{summary['articles']:,} articles")
    if view == "Timeline":
        timeline_view(location, version, filters)
    elif view == "Actors":
        actors_view(location, version, filters)
    elif view == "Map":
        map_view(location, version, filters)
    else:
        health_view(location, version)


if __name__ == "__main__":
    main()
