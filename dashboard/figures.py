"""Features -> what the map draws: a static Plotly map (the basemap) and the features as columns.

Pure functions, tested on `map_data(...)` and `map_figure(...)`.

Plotly draws only the map itself (the offline MapLibre style) and never the features: rebuilding its
traces' GeoJSON for 100,000 features takes seconds on every change. The page (assets/sortie.js) adds
the features as its own GeoJSON sources and layers on the MapLibre map inside the Plotly graph, once
per change of the server-side filters, and the time slider then only changes those layers' filters.
`map_data` sends the features as columns (one array per property, not one dict per feature),
coordinates rounded and long routes thinned, to keep the first load small.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any

from sortie.dashboard.basemap import COLORS, offline_style
from sortie.dashboard.views import LAYERS, category, event_types, feature_days, is_coarse, route_is_coarse
from sortie.geodata.events import vocab
from sortie.geodata.records import Feature

CATEGORY_COLORS = {
    "airbases": "#1f4e9c",
    "cities": "#2a7f62",
    "regions": "#7b5ea7",
    "seas": "#1b8db3",
    "other": "#6b6b6b",
    "routes": "#d9480f",
    "events": "#c92a2a",
}
# Events are coloured by type, one colour each (keyed by the event vocabulary's kinds); types not
# listed take the next colour of the fallback cycle in order.
EVENT_COLORS = {
    vocab.AIR_STRIKE: "#c92a2a",
    vocab.DRONE_STRIKE: "#f59f00",  # amber: told apart from the missile attacks' orange
    vocab.MISSILE_ATTACK: "#e8590c",
    vocab.ROCKET_ATTACK: "#d6336c",
    vocab.SHELLING: "#a61e4d",
    vocab.ATTACK: "#fa5252",
    vocab.ARMED_CLASH: "#862e9c",
    vocab.NAVAL_ENCOUNTER: "#364fc7",
    vocab.INTERCEPTION: "#5c940d",
    vocab.SHOOT_DOWN: "#2b8a3e",
    vocab.EXERCISE: "#e67700",
    vocab.FLIGHT: "#1971c2",
    vocab.DEPLOYMENT: "#0c8599",
    vocab.SAILING: "#3b5bdb",
}
_FALLBACK = ("#f08c00", "#495057", "#087f5b", "#9c36b5", "#1864ab", "#a61e4d")
ROUTE_COLORS = {
    vocab.FLIGHT: "#d9480f",
    vocab.DEPLOYMENT: "#0b7285",
    vocab.SAILING: "#364fc7",
    vocab.MISSILE_ATTACK: "#c92a2a",
    vocab.ROCKET_ATTACK: "#d6336c",
}
# Route parts keep a vertex about every VERTEX_SPACING degrees (at most MAX_VERTICES): a great circle
# still looks smooth at world scale, and 10,000 routes stay a small download.
MAX_VERTICES = 24
VERTEX_SPACING = 3.0


def event_color(kind: str, known: Sequence[str] = ()) -> str:
    if kind in EVENT_COLORS:
        return EVENT_COLORS[kind]
    others = sorted(k for k in known if k not in EVENT_COLORS)
    index = others.index(kind) if kind in others else len(others)
    return _FALLBACK[index % len(_FALLBACK)]


def route_color(kind: str) -> str:
    return ROUTE_COLORS.get(kind, CATEGORY_COLORS["routes"])


def representative_point(feature: Feature) -> tuple[float, float] | None:
    """(lon, lat) where a place or event is drawn: its Point, or the lon/lat given beside a polygon."""
    geom = feature.geometry
    if geom.get("type") == "Point":
        lon, lat = geom["coordinates"][:2]  # type: ignore[index]
        return float(lon), float(lat)
    lon, lat = feature.properties.get("lon"), feature.properties.get("lat")
    if isinstance(lon, int | float) and isinstance(lat, int | float):
        return float(lon), float(lat)
    return None


def line_parts(feature: Feature) -> list[list[tuple[float, float]]]:
    """A route's parts (one, or two when split at the antimeridian), thinned for drawing at world scale."""
    geom = feature.geometry
    coords: Any = geom.get("coordinates") or []
    parts = (
        [coords]
        if geom.get("type") == "LineString"
        else coords
        if geom.get("type") == "MultiLineString"
        else []
    )
    out = []
    for part in parts:
        points = [(float(p[0]), float(p[1])) for p in part]
        if len(points) < 2:
            continue
        length = sum(math.dist(a, b) for a, b in itertools.pairwise(points))
        keep = max(2, min(MAX_VERTICES, math.ceil(length / VERTEX_SPACING) + 1))
        if len(points) > keep:
            step = (len(points) - 1) / (keep - 1)
            points = [points[round(i * step)] for i in range(keep)]
        out.append(points)
    return out


def arrowhead(tail: tuple[float, float], tip: tuple[float, float], size: float) -> list[tuple[float, float]]:
    """Two short strokes at `tip` pointing along tail -> tip: wing, tip, wing (degrees, locally flat)."""
    scale = max(math.cos(math.radians(tip[1])), 0.05)
    dx, dy = (tip[0] - tail[0]) * scale, tip[1] - tail[1]
    norm = math.hypot(dx, dy) or 1.0
    ux, uy = dx / norm, dy / norm
    wings = []
    for angle in (math.radians(150), math.radians(-150)):
        wx = ux * math.cos(angle) - uy * math.sin(angle)
        wy = ux * math.sin(angle) + uy * math.cos(angle)
        wings.append((tip[0] + wx * size / scale, tip[1] + wy * size))
    return [wings[0], tip, wings[1]]


def _r(x: float, digits: int = 4) -> float:
    return round(x, digits)  # 4 digits: about 10 m, finer than any place Sortie resolves


@dataclass(frozen=True, slots=True)
class Drawing:
    """How the map draws one feature, whatever the filters: its layer toggle, whether it is coarse (a
    place or event known only to its country or region, a route with such an end), its days, and its
    geometry as sent: a place's or event's `point`, or a route's `parts` (flat [lon, lat, ...] lists),
    arrowhead wing ends `head` and clickable `mark` (see `map_data`)."""

    cat: str
    coarse: bool
    days: tuple[int, int] | None
    point: tuple[float, float] | None = None
    parts: tuple[list[float], ...] = ()
    head: list[float] | None = None
    mark: list[float] | None = None


def drawing(feature: Feature, places: Mapping[str, Feature]) -> Drawing | None:
    """How `feature` is drawn (None: it has no geometry the map can draw). `places`: as for `map_data`."""
    cat = category(feature)
    days = feature_days(feature)
    if cat != "routes":
        point = representative_point(feature)
        if point is None:
            return None
        return Drawing(cat, is_coarse(feature), days, point=(_r(point[0]), _r(point[1])))
    parts = line_parts(feature)
    if not parts:
        return None
    flat = tuple([_r(c, 3) for p in part for c in p] for part in parts)
    # The clickable mark, and the anchor of the route's hover label: the middle vertex of its longest
    # part.
    longest = max(flat, key=len)
    middle = len(longest) // 4 * 2
    last = parts[-1]
    length = sum(math.dist(a, b) for part in parts for a, b in itertools.pairwise(part))
    left, _tip, right = arrowhead(last[-2], last[-1], size=min(3.0, max(0.6, 0.05 * length)))
    return Drawing(
        cat,
        route_is_coarse(feature, places),
        days,
        parts=flat,
        head=[_r(left[0], 3), _r(left[1], 3), _r(right[0], 3), _r(right[1], 3)],
        mark=longest[middle : middle + 2],
    )


def _columns(names: Sequence[str]) -> dict[str, list[Any]]:
    return {name: [] for name in names}


_COMMON = ("id", "name", "kind", "style", "day", "span", "precision")


def map_data(
    features: Sequence[Feature],
    places: Mapping[str, Feature] | None = None,
    *,
    event_kinds: Iterable[str] | None = None,
    drawings: MutableMapping[str, Drawing | None] | None = None,
) -> dict[str, Any]:
    """The features the page draws, as columns (already filtered by layer and search; time is applied
    in the page). `places` (features by id, e.g. the whole store's) tells how exactly each route's ends
    are known, even when the places layer is filtered out of `features`. `event_kinds` (e.g. the
    whole store's, as the legend has them; default: those of `features`) give events of kinds outside
    EVENT_COLORS their colours. `drawings` keeps each feature's `Drawing` by id across calls over
    the same store (the feed keeps one per store snapshot): a new filter then only selects.

    `points` (places and events) and `routes` share columns: `id`, `name`, `kind` (an index into
    `kinds`), `style` (an index into `styles`: [layer toggle, colour, coarse]), `day` (the first day as a
    day number, null when undated), `span` (last day - first day) and `precision` (an index into
    `precisions`, the time precision, null when unknown: a month-only date is not shown as its first
    day). Points add `lon`/`lat`; routes add
    `parts` (each a flat [lon, lat, lon, lat, ...] list; two parts when split at the antimeridian) and
    `head` (the arrowhead's two wing ends [lon, lat, lon, lat]; its tip is the last vertex) and `mark`
    (where the route is clicked and labelled: [lon, lat]).
    A style's `coarse` is true for a place or event known only to a country or region (drawn as a halo)
    and for a route with such an end (drawn dashed).
    """
    if places is None:
        places = {f.id: f for f in features if f.layer == "places"}
    known_events = event_types(features) if event_kinds is None else sorted(event_kinds)
    if drawings is None:
        drawings = {}
    kinds: dict[str, int] = {}
    precisions: dict[str, int] = {}
    styles: dict[tuple[str, str, bool], int] = {}
    points = _columns((*_COMMON, "lon", "lat"))
    routes = _columns((*_COMMON, "parts", "head", "mark"))

    for f in features:
        if f.id in drawings:
            d = drawings[f.id]
        else:
            d = drawings[f.id] = drawing(f, places)
        if d is None:
            continue
        if d.cat == "routes":
            table, color = routes, route_color(f.kind)
            routes["parts"].append(list(d.parts))
            routes["head"].append(d.head)
            routes["mark"].append(d.mark)
        else:
            table = points
            color = event_color(f.kind, known_events) if d.cat == "events" else CATEGORY_COLORS[d.cat]
            points["lon"].append(d.point[0])  # type: ignore[index]
            points["lat"].append(d.point[1])  # type: ignore[index]
        table["id"].append(f.id)
        table["name"].append(f.name)
        table["kind"].append(kinds.setdefault(f.kind, len(kinds)))
        table["style"].append(styles.setdefault((d.cat, color, d.coarse), len(styles)))
        table["day"].append(d.days[0] if d.days else None)
        table["span"].append(d.days[1] - d.days[0] if d.days else 0)
        tp = f.time_precision
        table["precision"].append(precisions.setdefault(tp, len(precisions)) if tp else None)
    return {
        "kinds": list(kinds),
        "precisions": list(precisions),
        "styles": [[cat, color, coarse] for cat, color, coarse in styles],
        "points": points,
        "routes": routes,
    }


def map_figure(*, online_tiles: bool = False, center: tuple[float, float] | None = None) -> dict[str, Any]:
    """The Plotly map with the basemap only: set once, so Plotly never redraws the features.

    One empty trace makes Plotly create the map subplot (it draws none without a trace).
    """
    lon, lat = center or (30.0, 30.0)
    style: Any = "carto-positron" if online_tiles else offline_style()
    return {
        "data": [{"type": "scattermap", "lon": [], "lat": [], "hoverinfo": "skip", "showlegend": False}],
        "layout": {
            "map": {"style": style, "center": {"lon": lon, "lat": lat}, "zoom": 0.9},
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "showlegend": False,
            "hovermode": False,
            # Keep the analyst's zoom and pan across every update.
            "uirevision": "sortie-map",
            "paper_bgcolor": COLORS["water"],
        },
    }


def legend_items(features: Sequence[Feature]) -> list[tuple[str, str, str]]:
    """(key, label, colour) for the HTML legend: one row per layer toggle, events by type below."""
    rows = [(key, label, CATEGORY_COLORS[key]) for key, label in LAYERS.items()]
    known = event_types(features)
    rows += [(f"event:{k}", k.replace("_", " "), event_color(k, known)) for k in known]
    return rows
