"""Observed tracks on the dashboard: their own layer, time bar (in minutes) and click panel.

The page (assets/tracks.js) draws the tracks on the MapLibre map from `track_payload`, sent once per
page load: per flight its vertices as columns, thinned to one every `THIN_S` seconds (a 5 s ADS-B
trace looks the same at map scale with a quarter of the points). The time bar filters fixes by their
own timestamps at minute resolution and moves a head marker per aircraft; all of that runs in the
page. The server renders the click panel (aircraft, times, source file, matching routes) and stores
the analyst's accept/reject decisions. Pure functions here are tested without a browser; the
callbacks are guards plus one call.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dash import ALL, ClientsideFunction, Dash, Input, Output, ctx, dcc, html
from dash.exceptions import PreventUpdate

from sortie.dashboard import ids
from sortie.dashboard.player import player, register_player
from sortie.geodata.records import Feature
from sortie.geodata.tracks.fixes import Flight, iso
from sortie.geodata.tracks.match import Match

THIN_S = 20.0
# The altitude colours of assets/tracks.js (ALT_STEPS), for the legend.
ALT_LEGEND = (
    ("0 ft", "#ffd43b"),
    ("2,000 ft", "#fab005"),
    ("10,000 ft", "#f76707"),
    ("20,000 ft", "#e03131"),
    ("30,000 ft", "#c2255c"),
    ("38,000 ft and above", "#5f3dc4"),
)


@dataclass
class TrackSnapshot:
    flights: list[Flight]
    columns: dict[str, dict[str, Any]]  # flight id -> fix columns (ts, lon, lat, alt..., speed)
    matches: list[tuple[Match, str | None]]
    routes: dict[str, Feature]
    by_id: dict[str, Flight] = field(init=False)
    payload: dict[str, Any] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.by_id = {f.id: f for f in self.flights}


class TrackSource:
    """The tracks of one store, reloaded when the store file changes (as sortie.dashboard.corpus does)."""

    def __init__(
        self,
        load: Callable[[], TrackSnapshot],
        version: Callable[[], object],
        decide: Callable[[str, str, str], None],
    ) -> None:
        self._load, self._version, self.decide = load, version, decide
        self._lock = threading.Lock()
        self._snap: TrackSnapshot | None = None
        self._seen: object = object()

    @classmethod
    def empty(cls) -> TrackSource:
        """No tracks (a dashboard built over hand-made records, in tests)."""
        snap = TrackSnapshot([], {}, [], {})

        def refuse(route: str, flight: str, decision: str) -> None:
            raise PreventUpdate

        return cls(lambda: snap, lambda: None, refuse)

    @classmethod
    def from_store(cls, path: str | Path | None) -> TrackSource:
        from sortie.geodata.store.geopackage import Store, default_store_path
        from sortie.geodata.tracks import store as track_store

        store_path = Path(path) if path else Path(default_store_path())

        def load() -> TrackSnapshot:
            if not store_path.exists():
                return TrackSnapshot([], {}, [], {})
            store = Store(store_path)
            flights = track_store.flights(store)
            columns = track_store.fix_columns(
                store, ("ts", "lon", "lat", "alt_baro_ft", "alt_geo_ft", "speed_kt")
            )
            routes = {f.id: f for f in store.features(["routes"])} if flights else {}
            return TrackSnapshot(flights, columns, track_store.matches(store) if flights else [], routes)

        def version() -> object:
            try:
                stat = store_path.stat()
            except OSError:
                return None
            return (stat.st_mtime_ns, stat.st_size)

        def decide(route: str, flight: str, decision: str) -> None:
            track_store.decide(Store(store_path), route, flight, decision)

        return cls(load, version, decide)

    def snapshot(self) -> TrackSnapshot:
        with self._lock:
            version = self._version()
            if self._snap is None or version != self._seen:
                self._snap = self._load()
                self._seen = version
            return self._snap

    def payload(self) -> dict[str, Any] | None:
        snap = self.snapshot()
        with self._lock:
            if snap.payload is None and snap.flights:
                snap.payload = track_payload(snap.flights, snap.columns)
            return snap.payload


def thin(ts: Any, every_s: float = THIN_S) -> Any:
    """Indexes of the fixes kept for drawing: the first, then one at least `every_s` after the last
    kept, and the last (vectorised by time buckets: the first fix in each bucket)."""
    import numpy as np

    if ts.size <= 2:
        return np.arange(ts.size)
    bucket = np.floor((ts - ts[0]) / every_s).astype(np.int64)
    keep = np.flatnonzero(np.diff(bucket, prepend=-1) != 0)
    if keep[-1] != ts.size - 1:
        keep = np.append(keep, ts.size - 1)
    return keep


def _palette(i: int) -> str:
    colors = ("#1864ab", "#c2255c", "#2b8a3e", "#e67700", "#5f3dc4", "#0b7285", "#a61e4d", "#5c940d")
    return colors[i % len(colors)]


def track_payload(flights: Sequence[Flight], columns: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """What the page draws: flights as columns and their thinned vertices as flat columns.

    `t0` is the first fix's minute (Unix seconds); vertex times `t` are seconds after it. `off[i]` is
    where flight i's vertices start (`off[-1]` their count). `alt` is feet (the higher of barometric
    and geometric), `spd` knots, both null when unknown. Gaps carry their bridge's positions.
    """
    import numpy as np

    drawn = [f for f in flights if f.id in columns]
    t0 = float(min(f.start.timestamp() for f in drawn)) // 60 * 60 if drawn else 0.0
    lon: list[Any] = []
    lat: list[Any] = []
    t: list[Any] = []
    alt: list[Any] = []
    spd: list[Any] = []
    off = [0]
    gaps: dict[str, list[Any]] = {"f": [], "coords": [], "t0": [], "t1": []}
    for k, f in enumerate(drawn):
        c = columns[f.id]
        keep = thin(c["ts"])
        lon.append(np.round(c["lon"][keep], 4))
        lat.append(np.round(c["lat"][keep], 4))
        t.append(np.round(c["ts"][keep] - t0).astype(np.int64))
        a = np.fmax(c["alt_baro_ft"][keep], c["alt_geo_ft"][keep])
        alt.append(np.where(np.isnan(a), -1, np.round(a)).astype(np.int64))
        s = c["speed_kt"][keep]
        spd.append(np.where(np.isnan(s), -1, np.round(s)).astype(np.int64))
        off.append(off[-1] + keep.size)
        if f.gap_before is not None:
            g: Any = f.gap_before.geometry
            parts = [g["coordinates"]] if g["type"] == "LineString" else g["coordinates"]
            gaps["f"].append(k)
            gaps["coords"].append([[round(float(x), 4) for p in part for x in p[:2]] for part in parts])
            gaps["t0"].append(round(f.start.timestamp() - f.gap_before.seconds - t0))
            gaps["t1"].append(round(f.start.timestamp() - t0))

    def flat(chunks: list[Any]) -> list[Any]:
        return np.concatenate(chunks).tolist() if chunks else []

    return {
        "t0": t0,
        "flights": {
            "id": [f.id for f in drawn],
            "label": [f.label for f in drawn],
            "hex": [f.icao24 for f in drawn],
            "type": [f.aircraft_type for f in drawn],
            "color": [_palette(hash_index(f.icao24 or f.callsign or f.source)) for f in drawn],
        },
        "off": off,
        "lon": flat(lon),
        "lat": flat(lat),
        "t": flat(t),
        "alt": flat(alt),  # -1: unknown
        "spd": flat(spd),  # -1: unknown
        "gaps": gaps,
    }


def hash_index(text: str) -> int:
    """A colour index per aircraft that does not change between runs (str hash is salted)."""
    import zlib

    return zlib.crc32(text.encode())


def span_minutes(payload: dict[str, Any] | None) -> tuple[int, int] | None:
    if not payload or not payload["t"]:
        return None
    t0 = int(payload["t0"] // 60)
    return t0, t0 + int(max(payload["t"]) // 60) + 1


def minute_label(minute: int, with_date: bool = True) -> str:
    when = dt.datetime.fromtimestamp(minute * 60, dt.UTC)
    return when.strftime("%Y-%m-%d %H:%MZ" if with_date else "%H:%MZ")


def slider_marks(span: tuple[int, int], count: int = 4) -> dict[int, str]:
    lo, hi = span
    step = max(1, (hi - lo) // (count - 1))
    long = hi - lo > 36 * 60
    marks = {m: minute_label(m, with_date=long) for m in range(lo, hi, step) if hi - m >= step / 2}
    marks[hi] = minute_label(hi, with_date=long)
    marks[lo] = minute_label(lo)
    return marks


# -- the panel -----------------------------------------------------------------------------------


def _fact(label: str, value: object) -> html.Tr:
    return html.Tr([html.Th(label), html.Td(str(value))])


def flight_matches(snap: TrackSnapshot, flight_id: str) -> list[tuple[Match, str | None]]:
    """The stored matches of a flight, including those of a journey it is part of."""
    return [
        (m, at)
        for m, at in snap.matches
        if (m.flight_id == flight_id or flight_id in m.evidence.flights) and m.route_id in snap.routes
    ]


def track_panel(snap: TrackSnapshot, flight_id: str | None) -> Any:
    """Aircraft, times, source file and the reported routes this flight may be, with accept/reject."""
    flight = snap.by_id.get(flight_id or "")
    if flight is None:
        return []
    minutes = (flight.end - flight.start).total_seconds() / 60
    facts = [
        _fact("Callsign", flight.callsign or "not given"),
        _fact("ICAO 24-bit", flight.icao24.upper() if flight.icao24 else "not given"),
        _fact(
            "Aircraft", " · ".join(x for x in (flight.aircraft_type, flight.registration) if x) or "not given"
        ),
        _fact("Observed", f"{iso(flight.start)} – {iso(flight.end)} ({minutes:.0f} min)"),
        _fact("Fixes", f"{flight.fixes:,}"),
        _fact("Highest", f"{flight.alt_max_ft:,.0f} ft" if flight.alt_max_ft is not None else "unknown"),
        _fact("Source file", flight.source),
    ]
    if flight.split_reason:
        facts.append(_fact("Began after", flight.split_reason))
    rows: list[Any] = []
    for m, at in flight_matches(snap, flight.id):
        route = snap.routes[m.route_id]
        e = m.evidence
        when = (
            "undated route"
            if e.time_offset_h is None
            else (
                "inside the reported dates"
                if e.time_offset_h == 0
                else f"{e.time_offset_h:+.1f} h from the reported dates"
            )
        )
        evidence = [
            f"departure {e.departure_km:,.0f} km from {route.properties.get('origin_name') or 'the origin'}",
            f"arrival {e.arrival_km:,.0f} km (closest {e.closest_km:,.0f} km)"
            f" from {route.properties.get('destination_name') or 'the destination'}",
            when,
            e.aircraft,
        ]
        if len(e.flights) > 1:
            evidence.append(f"judged as one journey of {len(e.flights)} flights across gaps in coverage")
        buttons = [
            html.Button(
                label,
                id={"type": ids.TRACK_DECIDE, "route": m.route_id, "flight": m.flight_id, "decision": value},
                className="decide" + (" chosen" if m.decision == value else ""),
            )
            for label, value in (("Accept", "accepted"), ("Reject", "rejected"), ("Undecided", "proposed"))
        ]
        rows.append(
            html.Div(
                [
                    html.Div(route.name, className="match-route"),
                    html.Div(
                        f"score {m.score:.2f} · {m.decision}" + (f" ({at})" if at else ""),
                        className="match-score",
                    ),
                    html.Ul([html.Li(x) for x in evidence], className="match-evidence"),
                    html.Div(buttons, className="buttons"),
                ],
                className=f"match {m.decision}",
            )
        )
    return html.Div(
        [
            html.H3(f"Observed flight {flight.label}", className="panel-title"),
            html.Table(html.Tbody(facts), className="facts"),
            html.H4("Reported routes it may be"),
            html.Div(
                rows or [html.Div("No reported route matches this flight.", className="muted")],
                className="matches",
            ),
        ],
        className="track-panel",
    )


# -- layout and callbacks --------------------------------------------------------------------------


def track_bar() -> html.Div:
    """The tracks' own time bar (minutes): empty and hidden until the page learns there are tracks
    (so a page without tracks has no second slider)."""
    return html.Div(id=ids.TRACK_BAR, className="timebar track-bar", style={"display": "none"})


def track_bar_children(span: tuple[int, int]) -> list[Any]:
    lo, hi = span
    return [
        *player(
            play_id=ids.TRACK_PLAY,
            ticker_id=ids.TRACK_TICKER,
            interval_ms=500,
            label_id=ids.TRACK_LABEL,
            slider_id=ids.TRACK_SLIDER,
            span=(lo, hi),
            marks=slider_marks(span),
        ),
        html.Div(
            [html.Span(className="swatch", style={"backgroundColor": c}, title=t) for t, c in ALT_LEGEND]
            + [html.Span("ground → 38,000 ft", className="muted")],
            className="alt-legend",
            title="track colour by altitude (grey: unknown)",
        ),
        dcc.RadioItems(
            id=ids.TRACK_COLOR,
            options=[{"label": "by altitude", "value": "alt"}, {"label": "by aircraft", "value": "aircraft"}],
            value="alt",
            className="mode",
        ),
    ]


def track_stores() -> list[Any]:
    return [dcc.Store(id=ids.TRACK_DATA), dcc.Store(id=ids.TRACK_SELECTED)]


def track_panel_div() -> html.Div:
    return html.Div(id=ids.TRACK_PANEL)


def register_track_callbacks(app: Dash, source: TrackSource) -> None:
    @app.callback(
        Output(ids.TRACK_DATA, "data"),
        Output(ids.TRACK_BAR, "children"),
        Output(ids.TRACK_BAR, "style"),
        Input(ids.URL, "pathname"),
    )
    def load_tracks(pathname):
        payload = source.payload()
        span = span_minutes(payload)
        if span is None or (pathname or "").startswith("/article/"):
            return None, [], {"display": "none"}
        return payload, track_bar_children(span), {}

    app.clientside_callback(
        ClientsideFunction(namespace="sortieTracks", function_name="apply"),
        Output(ids.TRACK_LABEL, "children"),
        Input(ids.TRACK_DATA, "data"),
        Input(ids.TRACK_SLIDER, "drag_value"),
        Input(ids.TRACK_SLIDER, "value"),
        Input(ids.TRACK_COLOR, "value"),
    )

    register_player(
        app,
        play_id=ids.TRACK_PLAY,
        ticker_id=ids.TRACK_TICKER,
        slider_id=ids.TRACK_SLIDER,
        tick=ClientsideFunction(namespace="sortieTracks", function_name="tick"),
    )

    @app.callback(
        Output(ids.TRACK_PANEL, "children"),
        Input(ids.TRACK_SELECTED, "data"),
        Input({"type": ids.TRACK_DECIDE, "route": ALL, "flight": ALL, "decision": ALL}, "n_clicks"),
    )
    def panel(selected, _clicks):
        trigger = ctx.triggered_id
        if isinstance(trigger, dict) and trigger.get("type") == ids.TRACK_DECIDE:
            if not any(t.get("value") for t in ctx.triggered):
                raise PreventUpdate  # the buttons were (re)drawn, not clicked
            source.decide(trigger["route"], trigger["flight"], trigger["decision"])
        return track_panel(source.snapshot(), selected)
