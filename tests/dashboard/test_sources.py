"""The map data as GeoJSON sources: chunks by first day, and what each record is drawn as."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sortie.dashboard import sources
from sortie.dashboard.figures import map_data
from sortie.dashboard.sources import chunk_features, chunk_records, record_features

STYLES = [["cities", "#111111", False], ["regions", "#222222", True], ["routes", "#333333", False]]


def columns(point_days: list[int | None], route_days: Sequence[int | None] = ()) -> dict[str, Any]:
    """Map data with points at (k, k) and straight two-part routes, on the given first days."""
    n, m = len(point_days), len(route_days)
    return {
        "styles": STYLES,
        "points": {
            "id": [f"p{k}" for k in range(n)],
            "day": list(point_days),
            "style": [k % 2 for k in range(n)],
            "lon": [float(k) for k in range(n)],
            "lat": [float(k) for k in range(n)],
        },
        "routes": {
            "id": [f"r{k}" for k in range(m)],
            "day": list(route_days),
            "style": [2] * m,
            "parts": [[[170.0, 0.0, 179.9, 1.0], [-179.9, 1.0, -170.0, 2.0, -160.0, 3.0]]] * m,
            "head": [[-161.0, 2.0, -161.0, 4.0]] * m,
            "mark": [[-170.0, 2.0]] * m,
        },
    }


def test_chunks_follow_the_first_days_with_the_undated_apart(monkeypatch):
    monkeypatch.setattr(sources, "MIN_CHUNK", 3)
    # Records 0-5 are points, 6-7 routes (three GeoJSON features each).
    data = columns([5, None, 1, 3, 2, None], [4, None])
    chunks = chunk_records(data)
    # By day: 2 (1), 4 (2), 3 (3) | 6 (4: a route, 3 features, fills a chunk) | 0 (5); then undated.
    assert chunks == [[2, 4, 3], [6], [0], [1, 5, 7]]


def test_a_chunk_never_exceeds_its_share_by_more_than_one_record(monkeypatch):
    monkeypatch.setattr(sources, "MIN_CHUNK", 1)
    monkeypatch.setattr(sources, "MAX_CHUNKS", 4)
    data = columns(list(range(40)))
    chunks = chunk_records(data)
    assert len(chunks) == 4 and all(len(c) == 10 for c in chunks)
    assert [k for c in chunks for k in c] == list(range(40))


def test_a_point_is_a_dot_or_a_halo_and_carries_its_record_number():
    data = columns([1, 2])
    (dot,) = record_features(data, 0)
    (halo,) = record_features(data, 1)
    assert dot == {
        "type": "Feature",
        "properties": {"i": 0, "c": "#111111", "r": "dot"},
        "geometry": {"type": "Point", "coordinates": [0.0, 0.0]},
    }
    assert halo["properties"] == {"i": 1, "c": "#222222", "r": "halo"}


def test_a_route_is_its_line_its_arrowhead_at_the_last_vertex_and_its_mark():
    data = columns([], [7])
    line, arrow, mark = record_features(data, 0)
    assert {f["properties"]["i"] for f in (line, arrow, mark)} == {0}
    assert line["geometry"] == {
        "type": "MultiLineString",
        "coordinates": [[[170.0, 0.0], [179.9, 1.0]], [[-179.9, 1.0], [-170.0, 2.0], [-160.0, 3.0]]],
    }
    assert arrow["geometry"]["coordinates"] == [[-161.0, 2.0], [-160.0, 3.0], [-161.0, 4.0]]
    assert mark["geometry"]["coordinates"] == [-170.0, 2.0]
    collection, roles = chunk_features(data, [0])
    assert len(collection["features"]) == 3 and roles == ["arrow", "line", "mark"]


def test_a_routes_mark_is_the_middle_vertex_of_its_longest_part(features):
    data = map_data(features)
    for parts, mark in zip(data["routes"]["parts"], data["routes"]["mark"], strict=True):
        longest = max(parts, key=len)
        vertices = [longest[j : j + 2] for j in range(0, len(longest), 2)]
        assert mark == vertices[len(vertices) // 2]


def test_the_bounds_hold_every_point_and_route_vertex_and_the_antimeridian_view():
    data = columns([None, None, None], [1])  # points at (0, 0), (1, 1), (2, 2); a route from 170 to -160
    box = sources.bounds(data)
    assert (box["w"], box["e"], box["s"], box["n"]) == (-179.9, 179.9, 0.0, 3.0)
    # In 0..360 the same features span 0 to 200 (the route's -160 is 200).
    assert (box["w360"], box["e360"]) == (0.0, 200.0)
    assert sources.bounds(columns([])) is None
