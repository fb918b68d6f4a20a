"""The map data (`figures.map_data`) as the GeoJSON sources the page's map draws, one per chunk.

The records of the map data (its points, then its routes, numbered in that order) are split into
chunks of about equal size by first day, the undated ones in chunks of their own: the page hides a
chunk wholly outside the time window with its layers' visibility, and within a chunk partly inside it
marks the records outside it with MapLibre feature-state (assets/sortie.js). Each chunk is a GeoJSON
FeatureCollection that MapLibre's worker fetches from the server and parses itself: handed over from
the page as objects, 100,000 features first cost seconds of the page's own thread in MapLibre's
copying them for its worker.

Each record becomes one or more GeoJSON features, with properties `i` (the record's number: the
sources promote it to the feature-state id, so one state covers all of a record's features), `c`
(colour) and `r` (role): a point is a `dot`, or a `halo` when only its country or region is known; a
route is its `line` (`dline`, dashed, when an end is that coarse), its `arrow` head and a clickable
`mark` at its middle.

Pure functions over the map data's columns, tested on what they return.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import Any

# Features per source, at least, and no more sources than MAX_CHUNKS (each costs draw calls on every
# frame).
MIN_CHUNK = 4000
MAX_CHUNKS = 16
# GeoJSON features per record: a point's one, a route's line, arrowhead and mark.
POINT_FEATURES = 1
ROUTE_FEATURES = 3


def record_days(data: dict[str, Any]) -> list[int | None]:
    """Each record's first day (a day number, None when undated), points first, then routes."""
    return [*data["points"]["day"], *data["routes"]["day"]]


def chunk_records(data: dict[str, Any]) -> list[list[int]]:
    """The records (by number) of each chunk: in order of first day (ties by number), undated last,
    cut when a chunk holds `size` GeoJSON features or the undated begin."""
    days = record_days(data)
    points = len(data["points"]["id"])
    weight = [POINT_FEATURES] * points + [ROUTE_FEATURES] * (len(days) - points)
    size = max(MIN_CHUNK, math.ceil(sum(weight) / MAX_CHUNKS))
    order = sorted(range(len(days)), key=lambda k: (days[k] is None, days[k] or 0, k))
    chunks: list[list[int]] = []
    filled = 0
    undated: bool | None = None
    for k in order:
        if not chunks or filled >= size or (days[k] is None) != undated:
            chunks.append([])
            filled = 0
            undated = days[k] is None
        chunks[-1].append(k)
        filled += weight[k]
    return chunks


def bounds(data: dict[str, Any]) -> dict[str, float] | None:
    """The box of everything drawn (None when nothing is): west, east, south, north, and west and east
    with longitudes taken in 0..360, which the page fits to when the features straddle the antimeridian."""
    lons = [*data["points"]["lon"], *(x for parts in data["routes"]["parts"] for p in parts for x in p[0::2])]
    lats = [*data["points"]["lat"], *(y for parts in data["routes"]["parts"] for p in parts for y in p[1::2])]
    if not lons:
        return None
    shifted = [x + 360 if x < 0 else x for x in lons]
    return {
        "w": min(lons),
        "e": max(lons),
        "s": min(lats),
        "n": max(lats),
        "w360": min(shifted),
        "e360": max(shifted),
    }


def _pairs(flat: Sequence[float]) -> list[list[float]]:
    return [[flat[j], flat[j + 1]] for j in range(0, len(flat) - 1, 2)]


def record_features(data: dict[str, Any], k: int) -> Iterator[dict[str, Any]]:
    """The GeoJSON features of record `k` (module docstring)."""
    points, routes = data["points"], data["routes"]
    n = len(points["id"])
    if k < n:
        _layer, color, coarse = data["styles"][points["style"][k]]
        at = [points["lon"][k], points["lat"][k]]
        props = {"i": k, "c": color, "r": "halo" if coarse else "dot"}
        yield {"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": at}}
        return
    j = k - n
    _layer, color, coarse = data["styles"][routes["style"][j]]
    parts = [_pairs(part) for part in routes["parts"][j]]
    head = routes["head"][j]
    tip = parts[-1][-1]
    for role, geometry in (
        ("dline" if coarse else "line", {"type": "MultiLineString", "coordinates": parts}),
        ("arrow", {"type": "LineString", "coordinates": [head[0:2], tip, head[2:4]]}),
        ("mark", {"type": "Point", "coordinates": routes["mark"][j]}),
    ):
        yield {"type": "Feature", "properties": {"i": k, "c": color, "r": role}, "geometry": geometry}


def chunk_features(data: dict[str, Any], members: Sequence[int]) -> tuple[dict[str, Any], list[str]]:
    """One chunk's FeatureCollection, and the roles its features have (the page adds a layer to a
    chunk only for roles it has: every layer costs a draw call per tile on every frame)."""
    features = [f for k in members for f in record_features(data, k)]
    roles = sorted({f["properties"]["r"] for f in features})
    return {"type": "FeatureCollection", "features": features}, roles
