"""Geodesic lines, the antimeridian, and GeoJSON geometries (RFC 7946).

Conventions, stated once: positions are (lon, lat) in WGS84 degrees; great circles come from
`pyproj.Geod(ellps="WGS84")`; a line crossing the antimeridian is cut there into a MultiLineString
(RFC 7946, section 3.1.9), each part ending exactly on lon 180 or -180 at the interpolated
crossing latitude; polygon exterior rings run counter-clockwise (the right-hand rule, section 3.1.6).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyproj import Geod

    from sortie.geodata.records import Place

Position = tuple[float, float]
# What a route's line is, said in the data (the `path` property) as well as in the UI.
SHORTEST_PATH_NOTE = "shortest path between the ends (great circle), not the flown track"


@lru_cache(maxsize=1)
def geod() -> Geod:
    """The WGS84 ellipsoid, built once on first use (pyproj is not imported before then)."""
    from pyproj import Geod

    return Geod(ellps="WGS84")


def distance_km(start: Position, end: Position) -> float:
    """Geodesic distance between two (lon, lat) positions, in km."""
    _az, _baz, metres = geod().inv(start[0], start[1], end[0], end[1])
    return float(metres) / 1000.0


def geodesic_line(start: Position, end: Position, step_km: float = 50.0) -> list[Position]:
    """Positions along the geodesic from `start` to `end`, at most `step_km` apart.

    The ends are the given positions exactly (not recomputed), so a route starts and ends on its
    places to the last bit. Coincident ends give a two-position line (GeoJSON needs two).
    """
    if step_km <= 0:
        raise ValueError(f"step_km must be positive, got {step_km!r}")
    start = (float(start[0]), float(start[1]))
    end = (float(end[0]), float(end[1]))
    km = distance_km(start, end)
    inner = max(0, math.ceil(km / step_km) - 1)
    if inner == 0:
        return [start, end]
    mids = geod().npts(start[0], start[1], end[0], end[1], inner)
    return [start, *((float(x), float(y)) for x, y in mids), end]


def _on_boundary(lon: float) -> bool:
    return (lon - 180.0) % 360.0 == 0.0


def split_antimeridian(coords: Sequence[Sequence[float]]) -> list[list[Position]]:
    """Cut a line where it crosses the antimeridian (RFC 7946, section 3.1.9).

    Each segment is taken the short way round (a jump of more than 180 degrees of longitude is a
    crossing). The line is unwrapped to continuous longitudes, cut at every 180 + 360k, and each
    part shifted back into [-180, 180]; the cut position is interpolated linearly in lon/lat,
    which on densified geodesics (segments of tens of km) is well within a metre of the curve.
    """
    # A longitude within a nanodegree of +-180 is on the antimeridian: unwrapping it by 360 would
    # round it onto 180 anyway, and deciding its side by float noise would split the line wrongly.
    pts = [(_snap(float(p[0])), float(p[1])) for p in coords]
    if len(pts) < 2:
        return [pts] if pts else []
    # (unwrapped lon, lat, original lon or None for a cut): the original is put back after the
    # shift, so a position that was not cut comes out bit-for-bit as it went in.
    unwrapped: list[tuple[float, float, float | None]] = [(pts[0][0], pts[0][1], pts[0][0])]
    for lon, lat in pts[1:]:
        prev = unwrapped[-1][0]
        x = lon + 360.0 * round((prev - lon) / 360.0)
        if abs(x - prev) == 180.0:
            # Exactly half way round both ways are as short: take the way that does not cross.
            other = x + 360.0 if x < prev else x - 360.0
            if _cell(other) == _cell(prev):
                x = other
        unwrapped.append((x, lat, lon))

    pieces: list[list[tuple[float, float, float | None]]] = [[unwrapped[0]]]
    last = len(unwrapped) - 2
    for i, (p0, p1) in enumerate(itertools.pairwise(unwrapped)):
        (x0, y0, _), (x1, y1, _) = p0, p1
        if x1 != x0:
            lo, hi = min(x0, x1), max(x0, x1)
            bounds = [
                180.0 + 360.0 * k
                for k in range(math.ceil((lo - 180.0) / 360.0), math.floor((hi - 180.0) / 360.0) + 1)
                if lo < 180.0 + 360.0 * k < hi
            ]
            if x1 < x0:
                bounds.reverse()
            for b in bounds:
                cut = (b, y0 + (b - x0) / (x1 - x0) * (y1 - y0), None)
                pieces[-1].append(cut)
                pieces.append([cut])
        pieces[-1].append(p1)
        if _on_boundary(x1) and i < last:
            pieces.append([p1])

    # Shift each piece into [-180, 180]; rejoin neighbours that land on the same side (a line that
    # only touches the antimeridian is not split).
    shifted: list[tuple[int, list[Position]]] = []
    for piece in pieces:
        xs = [x for x, _, _ in piece]
        k = _cell((min(xs) + max(xs)) / 2.0)
        moved = _dedupe([_shift(x, y, orig, k) for x, y, orig in piece])
        if len(moved) < 2:
            continue
        if shifted and shifted[-1][0] == k and shifted[-1][1][-1] == moved[0]:
            shifted[-1][1].extend(moved[1:])
        else:
            shifted.append((k, moved))
    if not shifted:  # every position the same: a degenerate two-position line, as geodesic_line gives
        return [[pts[0], pts[0]]]
    return [p for _, p in shifted]


def _cell(x: float) -> int:
    """Which 360-degree copy of the world an unwrapped longitude is in: (180 + 360(k-1), 180 + 360k]."""
    return math.ceil((x - 180.0) / 360.0)


def _snap(lon: float) -> float:
    return math.copysign(180.0, lon) if 180.0 - abs(lon) < 1e-9 else lon


def _shift(x: float, y: float, orig: float | None, k: int) -> Position:
    lon = max(-180.0, min(180.0, x - 360.0 * k))
    if orig is not None and abs(lon - orig) < 1e-6:
        lon = orig
    return (lon, y)


def _dedupe(piece: list[Position]) -> list[Position]:
    out: list[Position] = []
    for p in piece:
        if not out or out[-1] != p:
            out.append(p)
    return out


def line_geometry(coords: Sequence[Sequence[float]]) -> dict[str, Any]:
    """A GeoJSON LineString, or a MultiLineString when the line crosses the antimeridian."""
    parts = split_antimeridian(coords)
    if len(parts) == 1:
        return {"type": "LineString", "coordinates": [[x, y] for x, y in parts[0]]}
    return {"type": "MultiLineString", "coordinates": [[[x, y] for x, y in part] for part in parts]}


def route_geometry(
    origin: Place, destination: Place, waypoints: Sequence[Place] = (), step_km: float = 50.0
) -> tuple[dict[str, Any], float]:
    """The shortest path (great circle legs) origin -> waypoints -> destination, and its length in km.

    This is the geodesic between the named places, not the track actually flown or sailed.
    """
    stops = [(p.lon, p.lat) for p in (origin, *waypoints, destination)]
    line: list[Position] = []
    length = 0.0
    for a, b in itertools.pairwise(stops):
        leg = geodesic_line(a, b, step_km)
        line.extend(leg if not line else leg[1:])
        length += distance_km(a, b)
    return line_geometry(line), length


def point_geometry(place: Place) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [place.lon, place.lat]}


def orient_geometry(geometry: dict[str, Any]) -> dict[str, Any]:
    """The same geometry with polygon rings wound by the right-hand rule (exterior counter-clockwise).

    Other geometry types come back unchanged.
    """
    if geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return geometry
    import shapely

    shape = shapely.geometry.shape(geometry)
    return shape_geometry(shapely.orient_polygons(shape, exterior_cw=False))


def representative_point(geometry: dict[str, Any]) -> Position:
    """A position guaranteed inside the geometry (for labels and the `lon`/`lat` of a polygon)."""
    import shapely

    p = shapely.geometry.shape(geometry).representative_point()
    return (float(p.x), float(p.y))


def round_geometry(geometry: dict[str, Any], digits: int = 6) -> dict[str, Any]:
    """Coordinates rounded to `digits` decimals (6 is about 0.1 m, as RFC 7946 suggests is plenty)."""

    def walk(c: Any) -> Any:
        if isinstance(c, (int, float)):
            return round(float(c), digits)
        return [walk(x) for x in c]

    return {**geometry, "coordinates": walk(geometry["coordinates"])}


def shape_geometry(shape: Any) -> dict[str, Any]:
    """A shapely geometry as a GeoJSON geometry dict, with lists where shapely's mapping() gives
    nested tuples (GeoJSON, and equality in tests, wants lists)."""
    import shapely

    return _plain(shapely.geometry.mapping(shape))


def _plain(obj: Any) -> Any:
    """shapely's mapping() gives nested tuples; GeoJSON (and equality in tests) wants lists."""
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    return obj
