"""Geodesic lines, the antimeridian cut, and polygon winding (RFC 7946)."""

from __future__ import annotations

import itertools
import math

import pytest
import shapely
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pyproj import Geod

from sortie.geodata.geometry import (
    geodesic_line,
    line_geometry,
    orient_geometry,
    point_geometry,
    representative_point,
    route_geometry,
    split_antimeridian,
)
from sortie.geodata.records import Place

GEOD = Geod(ellps="WGS84")

lons = st.floats(min_value=-180, max_value=180, allow_nan=False)
lats = st.floats(min_value=-85, max_value=85, allow_nan=False)
positions = st.tuples(lons, lats)


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return GEOD.inv(a[0], a[1], b[0], b[1])[2] / 1000.0


def place(pid: str, lon: float, lat: float, name: str = "") -> Place:
    return Place(pid, name or pid, "city", None, lon, lat, "city")


GUAM = place("t:guam", 144.79, 13.44, "Guam")
HONOLULU = place("t:honolulu", -157.86, 21.31, "Honolulu")


# -- geodesic_line -------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(positions, positions)
def test_densified_line_starts_and_ends_exactly_and_stays_on_the_great_circle(start, end):
    total = km(start, end)
    # Near-antipodal ends have no unique geodesic; the claim is about every other pair.
    assume(total < 19_000)
    line = geodesic_line(start, end, step_km=50.0)
    assert line[0] == start
    assert line[-1] == end
    az = GEOD.inv(start[0], start[1], end[0], end[1])[0]
    for v in line[1:-1]:
        along = km(start, v)
        # Where the great circle through the ends is after the same distance from the start.
        lon, lat, _ = GEOD.fwd(start[0], start[1], az, along * 1000.0)
        assert km((lon, lat), v) < 1.0
    for a, b in itertools.pairwise(line):
        assert km(a, b) <= 50.0 + 1e-6


def test_equator_line_has_vertices_every_step_or_less():
    # 10 degrees of equator is 1113.2 km: 23 legs of <= 50 km, so 24 positions, all on lat 0.
    line = geodesic_line((0.0, 0.0), (10.0, 0.0), step_km=50.0)
    assert len(line) == 24
    assert all(abs(lat) < 1e-9 for _, lat in line)
    assert [lon for lon, _ in line] == sorted(lon for lon, _ in line)


def test_coincident_ends_give_a_two_position_line():
    assert geodesic_line((5.0, 5.0), (5.0, 5.0)) == [(5.0, 5.0), (5.0, 5.0)]


def test_step_must_be_positive():
    with pytest.raises(ValueError, match="step_km"):
        geodesic_line((0.0, 0.0), (1.0, 1.0), step_km=0)


# -- split_antimeridian --------------------------------------------------------------------------


def crossings(coords: list[tuple[float, float]]) -> int:
    return sum(1 for a, b in itertools.pairwise(coords) if abs(b[0] - a[0]) > 180)


@settings(max_examples=200, deadline=None)
@given(st.lists(positions, min_size=2, max_size=12))
def test_split_parts_never_cross_the_antimeridian(coords):
    # Keep the input off the antimeridian itself: touching it is not crossing it (tested by hand).
    assume(all(abs(lon) < 179.999 for lon, _ in coords))
    parts = split_antimeridian(coords)
    for part in parts:
        assert len(part) >= 2
        assert all(-180.0 <= lon <= 180.0 for lon, _ in part)
        assert crossings(part) == 0
    # Every crossing of the input starts a new part, and each cut sits on +-180 at one latitude.
    assert len(parts) == crossings(coords) + 1
    for left, right in itertools.pairwise(parts):
        assert abs(left[-1][0]) == 180.0
        assert right[0][0] == -left[-1][0]
        assert right[0][1] == left[-1][1]


def test_split_interpolates_the_crossing_latitude():
    # From lon 170 to lon -170 is 20 degrees eastward; 180 is halfway, so the latitude is halfway.
    assert split_antimeridian([(170.0, 0.0), (-170.0, 2.0)]) == [
        [(170.0, 0.0), (180.0, 1.0)],
        [(-180.0, 1.0), (-170.0, 2.0)],
    ]


def test_split_westward_crossing():
    # -175 to 175 westward is 10 degrees; -180 is 5 of them, halfway, so lat 10 -> 20 crosses at 15.
    assert split_antimeridian([(-175.0, 10.0), (175.0, 20.0)]) == [
        [(-175.0, 10.0), (-180.0, 15.0)],
        [(180.0, 15.0), (175.0, 20.0)],
    ]


def test_a_line_that_only_touches_the_antimeridian_is_not_split():
    assert split_antimeridian([(170.0, 0.0), (180.0, 1.0), (170.0, 2.0)]) == [
        [(170.0, 0.0), (180.0, 1.0), (170.0, 2.0)]
    ]


def test_a_line_not_near_the_antimeridian_is_one_linestring():
    geom = line_geometry([(-0.1, 51.5), (2.35, 48.86)])
    assert geom == {"type": "LineString", "coordinates": [[-0.1, 51.5], [2.35, 48.86]]}


# -- route_geometry ------------------------------------------------------------------------------


def test_guam_to_hawaii_is_split_into_a_multilinestring():
    geom, length = route_geometry(GUAM, HONOLULU)
    assert geom["type"] == "MultiLineString"
    west, east = geom["coordinates"]
    assert west[0] == [GUAM.lon, GUAM.lat]
    assert east[-1] == [HONOLULU.lon, HONOLULU.lat]
    assert west[-1][0] == 180.0 and east[0][0] == -180.0 and west[-1][1] == east[0][1]
    # Guam - Honolulu is about 3,800 statute miles (some 6,100 km) by great circle.
    assert 6_000 < length < 6_250


def test_route_through_a_waypoint_passes_it_and_sums_the_legs():
    a, mid, b = place("t:a", 0.0, 0.0), place("t:m", 10.0, 0.0), place("t:b", 10.0, 10.0)
    geom, length = route_geometry(a, b, [mid])
    coords = [tuple(c) for c in geom["coordinates"]]
    assert coords[0] == (0.0, 0.0) and coords[-1] == (10.0, 10.0)
    assert (10.0, 0.0) in coords
    assert length == pytest.approx(km((0, 0), (10, 0)) + km((10, 0), (10, 10)))


@settings(max_examples=100, deadline=None)
@given(positions, positions)
def test_every_route_starts_and_ends_at_its_places(a, b):
    assume(0 < km(a, b) < 19_000)
    geom, length = route_geometry(place("t:a", *a), place("t:b", *b))
    parts = geom["coordinates"] if geom["type"] == "MultiLineString" else [geom["coordinates"]]
    # Exactly the places' positions; an end on the antimeridian may come out as its twin (-180 is 180).
    on_am = lambda lon: 180.0 - abs(lon) < 1e-9  # noqa: E731
    assert tuple(parts[0][0]) == (a[0], a[1]) or (on_am(a[0]) and parts[0][0][1] == a[1])
    assert tuple(parts[-1][-1]) == (b[0], b[1]) or (on_am(b[0]) and parts[-1][-1][1] == b[1])
    assert length == pytest.approx(km(a, b))


def test_point_geometry_is_lon_lat():
    assert point_geometry(GUAM) == {"type": "Point", "coordinates": [144.79, 13.44]}


# -- polygons ------------------------------------------------------------------------------------


def test_orient_makes_exteriors_counter_clockwise_and_holes_clockwise():
    clockwise_square = [[0, 0], [0, 4], [4, 4], [4, 0], [0, 0]]
    counter_hole = [[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]]
    out = orient_geometry({"type": "Polygon", "coordinates": [clockwise_square, counter_hole]})
    shape = shapely.geometry.shape(out)
    assert shape.exterior.is_ccw
    assert not shape.interiors[0].is_ccw
    assert math.isclose(shape.area, 16 - 1)


def test_orient_leaves_lines_alone():
    line = {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}
    assert orient_geometry(line) is line


def test_representative_point_is_inside_the_polygon():
    # A C shape's centroid (about 1.3, 1.5) lies in its mouth, outside: the point must not.
    c_shape = {
        "type": "Polygon",
        "coordinates": [[[0, 0], [3, 0], [3, 1], [1, 1], [1, 2], [3, 2], [3, 3], [0, 3], [0, 0]]],
    }
    lon, lat = representative_point(c_shape)
    assert shapely.geometry.shape(c_shape).contains(shapely.Point(lon, lat))


def test_regression_a_half_turn_segment_is_taken_the_way_that_does_not_cross():
    # -90 -> 90 is 180 degrees either way; going through 180 would add a cut the line does not need.
    assert split_antimeridian([(91.0, 0.0), (-90.0, 0.0), (90.0, 0.0)]) == [
        [(91.0, 0.0), (180.0, 0.0)],
        [(-180.0, 0.0), (-90.0, 0.0), (90.0, 0.0)],
    ]
