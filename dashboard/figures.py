"""Features -> the Plotly map figure, as plain data (a dict Plotly.js reads as is).

A pure function of its inputs, tested with `figure["data"]`. Built as dicts rather than `go.Figure`
objects because validating 100,000 points through plotly.py's property system costs seconds.

Beside the Plotly data, `figure["sortie"]` holds one time table per trace: the features' ids, their
days (`[first, last]` day numbers, or null when undated) and, for lines, which feature each vertex
belongs to. The browser applies the time slider with these tables without a server round trip
(assets/sortie.js); clickable points carry their feature id as `customdata`, so a click links back to
the feature's citations. Kept out of `customdata` to keep the payload small: 100,000 features.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from dashboard.basemap import COLORS, offline_style
from dashboard.views import LAYERS, category, feature_days, is_coarse
from geodata.records import Feature

CATEGORY_COLORS = {
    "airbases": "#1f4e9c",
    "cities": "#2a7f62",
    "regions": "#7b5ea7",
    "seas": "#1b8db3",
    "other": "#6b6b6b",
    "routes": "#d9480f",
    "events": "#c92a2a",
}
# Events are coloured by type; types not listed take the next colour of the fallback cycle in order.
EVENT_COLORS = {
    "strike": "#c92a2a",
    "attack": "#e8590c",
    "missile_attack": "#e8590c",
    "shelling": "#a61e4d",
    "clash": "#862e9c",
    "flight": "#1971c2",
    "deployment": "#0c8599",
    "naval": "#364fc7",
    "interception": "#5c940d",
}
_FALLBACK = ("#f08c00", "#495057", "#087f5b", "#9c36b5", "#1864ab", "#a61e4d")
ROUTE_COLORS = {
    "flight": "#d9480f",
    "deployment": "#0b7285",
    "sailing": "#364fc7",
    "missile_attack": "#c92a2a",
}
MAX_VERTICES = 32  # per line part: a smooth great circle at world scale, and 100k routes stay drawable


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
    """A route's parts (one, or two when split at the antimeridian), thinned to MAX_VERTICES each."""
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
        if len(points) > MAX_VERTICES:
            step = (len(points) - 1) / (MAX_VERTICES - 1)
            points = [points[round(i * step)] for i in range(MAX_VERTICES)]
        if len(points) >= 2:
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


def _days(feature: Feature) -> list[int] | None:
    days = feature_days(feature)
    return [days[0], days[1]] if days else None


def _r(x: float) -> float:
    return round(x, 4)  # about 10 m: finer than any place Sortie resolves, and a third of the JSON


def hover_text(feature: Feature) -> str:
    """Short text for the hover label: the name, kind and date (details are in the side panel).

    Plotly renders hover text as a small safe subset of HTML and strips scripts and handlers; names
    come from untrusted articles, so angle brackets are replaced all the same.
    """
    when = (feature.start or feature.end).isoformat() if (feature.start or feature.end) else "undated"  # type: ignore[union-attr]
    name = feature.name.replace("<", "‹").replace(">", "›")
    return f"{name}<br>{feature.kind} · {when}"


def _points_trace(name: str, features: list[Feature], color: str, coarse: bool) -> dict[str, Any]:
    lons, lats, custom, texts, days = [], [], [], [], []
    for f in features:
        point = representative_point(f)
        if point is None:
            continue
        lons.append(_r(point[0]))
        lats.append(_r(point[1]))
        custom.append(f.id)
        days.append(_days(f))
        texts.append(hover_text(f))
    marker: dict[str, Any] = (
        # Coarse: a big pale halo with no centre dot, so nobody reads the country's centroid as a site.
        {"size": 26, "color": color, "opacity": 0.22}
        if coarse
        else {"size": 9, "color": color, "opacity": 0.95}
    )
    return {
        "type": "scattermap",
        "name": name,
        "mode": "markers",
        "lon": lons,
        "lat": lats,
        "customdata": custom,
        "text": texts,
        "hovertemplate": "%{text}<extra></extra>",
        "marker": marker,
        "showlegend": False,
        "meta": {"category": name.split(":")[0], "coarse": coarse},
        "_time": {"ids": custom, "days": days},
    }


def _route_traces(kind: str, routes: list[Feature]) -> list[dict[str, Any]]:
    """Lines, arrowheads at the destination, and clickable markers (mid-route and destination)."""
    color = route_color(kind)
    line: dict[str, list[Any]] = {"lon": [], "lat": [], "vidx": []}
    arrows: dict[str, list[Any]] = {"lon": [], "lat": [], "vidx": []}
    marks: dict[str, list[Any]] = {"lon": [], "lat": [], "customdata": [], "text": [], "vidx": []}
    ids: list[str] = []
    days: list[list[int] | None] = []
    for f in routes:
        parts = line_parts(f)
        if not parts:
            continue
        k = len(ids)
        ids.append(f.id)
        days.append(_days(f))
        for part in parts:
            line["lon"] += [_r(p[0]) for p in part] + [None]
            line["lat"] += [_r(p[1]) for p in part] + [None]
            line["vidx"] += [k] * len(part) + [-1]
        last = parts[-1]
        length = sum(math.dist(a, b) for part in parts for a, b in itertools.pairwise(part))
        head = arrowhead(last[-2], last[-1], size=min(3.0, max(0.6, 0.05 * length)))
        arrows["lon"] += [_r(p[0]) for p in head] + [None]
        arrows["lat"] += [_r(p[1]) for p in head] + [None]
        arrows["vidx"] += [k] * 3 + [-1]
        longest = max(parts, key=len)
        for point in (longest[len(longest) // 2], last[-1]):
            marks["lon"].append(_r(point[0]))
            marks["lat"].append(_r(point[1]))
            marks["customdata"].append(f.id)
            marks["text"].append(hover_text(f))
            marks["vidx"].append(k)

    def split(trace: dict[str, list[Any]]) -> dict[str, Any]:
        vidx = trace.pop("vidx")
        return {**trace, "_time": {"ids": ids, "days": days, "vidx": vidx}}

    base = {"type": "scattermap", "showlegend": False, "meta": {"category": "routes", "kind": kind}}
    return [
        {
            **base,
            "name": f"routes:{kind}",
            "mode": "lines",
            "hoverinfo": "skip",
            "line": {"width": 2.2, "color": color},
            **split(line),
        },
        {
            **base,
            "name": f"routes:{kind}:arrows",
            "mode": "lines",
            "hoverinfo": "skip",
            "line": {"width": 2.2, "color": color},
            **split(arrows),
        },
        {
            **base,
            "name": f"routes:{kind}:marks",
            "mode": "markers",
            "hovertemplate": "%{text}<extra></extra>",
            "marker": {"size": 8, "color": color},
            **split(marks),
        },
    ]


def map_figure(
    features: Sequence[Feature],
    *,
    online_tiles: bool = False,
    origin: str = "",
    center: tuple[float, float] | None = None,
) -> dict[str, Any]:
    """The map for these features (already filtered by layer and search; time is applied in the page)."""
    groups: dict[tuple[str, str, bool], list[Feature]] = defaultdict(list)
    routes: dict[str, list[Feature]] = defaultdict(list)
    known_events = sorted({f.kind for f in features if f.layer == "events"})
    for f in features:
        cat = category(f)
        if cat == "routes":
            routes[f.kind].append(f)
        else:
            sub = f.kind if cat == "events" else ""
            groups[(cat, sub, is_coarse(f))].append(f)
    order = list(LAYERS)

    def color(cat: str, sub: str) -> str:
        return event_color(sub, known_events) if cat == "events" else CATEGORY_COLORS[cat]

    keys = sorted(groups, key=lambda k: (not k[2], order.index(k[0]), k[1]))
    halos = [_points_trace(f"{c}:{s}", groups[(c, s, co)], color(c, s), co) for c, s, co in keys if co]
    dots = [_points_trace(f"{c}:{s}", groups[(c, s, co)], color(c, s), co) for c, s, co in keys if not co]
    lines = [t for kind in sorted(routes) for t in _route_traces(kind, routes[kind])]
    lon, lat = center or (30.0, 30.0)
    style: Any = "carto-positron" if online_tiles else offline_style(origin)
    data = halos + lines + dots
    return {
        "data": data,
        "sortie": [trace.pop("_time") for trace in data],
        "layout": {
            "map": {"style": style, "center": {"lon": lon, "lat": lat}, "zoom": 0.9},
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "showlegend": False,
            "clickmode": "event",
            "hovermode": "closest",
            # Keep the analyst's zoom and pan across every update of the data.
            "uirevision": "sortie-map",
            "paper_bgcolor": COLORS["water"],
        },
    }


def legend_items(features: Sequence[Feature]) -> list[tuple[str, str, str]]:
    """(key, label, colour) for the HTML legend: one row per layer toggle, events by type below."""
    rows = [(key, label, CATEGORY_COLORS[key]) for key, label in LAYERS.items()]
    known = sorted({f.kind for f in features if f.layer == "events"})
    rows += [(f"event:{k}", k.replace("_", " "), event_color(k, known)) for k in known]
    return rows
