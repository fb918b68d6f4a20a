"""The tracks' dashboard parts without a browser: the payload the page draws, thinning, the panel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from sortie.dashboard.tracks import TrackSource, slider_marks, span_minutes, thin, track_panel
from sortie.geodata.geometry import geodesic_line, line_geometry
from sortie.geodata.records import Citation, Feature
from sortie.geodata.store.geopackage import Store
from sortie.geodata.store.layers import insert_feature
from sortie.geodata.tracks.importer import import_paths

DATA = Path(__file__).parents[1] / "data" / "tracks"


def test_thinning_keeps_the_first_and_last_and_one_fix_per_interval():
    ts = np.arange(0, 101, 5.0)  # a fix every 5 s for 100 s
    kept = ts[thin(ts, 20.0)]
    assert kept.tolist() == [0, 20, 40, 60, 80, 100]
    assert thin(np.array([3.0]), 20.0).tolist() == [0]


def route_from_minot() -> Feature:
    sentence = "Two B-52 bombers took off from Minot Air Force Base on Tuesday."
    geometry = line_geometry(geodesic_line((-101.358, 48.416), (-100.9, 48.1)))
    return Feature("route:minot", "routes", "flight: Minot to X", "flight", geometry, "US", "point",
                   dt.date(2024, 3, 5), dt.date(2024, 3, 5), "day", (Citation("a.txt", sentence, 0, 60),),
                   {"actors": ["B-52"]})  # fmt: skip


@pytest.fixture
def source(tmp_path):
    store = Store(tmp_path / "s.gpkg")
    with store.transaction() as con:
        insert_feature(con, route_from_minot(), "route:minot")
    assert (
        import_paths(
            [str(DATA / "trace_full_ae5c2f.json"), str(DATA / "fr24_JULIO51.csv")], store=str(store.path)
        )
        == 0
    )
    return TrackSource.from_store(store.path)


def test_payload_columns_are_the_stored_fixes(source):
    payload = source.payload()
    assert payload is not None
    assert payload["t0"] == dt.datetime(2024, 3, 5, 14, 0, tzinfo=dt.UTC).timestamp()
    assert len(payload["flights"]["id"]) == 2 and payload["off"] == [0, 5, 10]
    # The readsb flight: 3,000 ft at 250 kt at 14:00Z; geometric altitude (100 ft higher) is the higher.
    k = payload["flights"]["hex"].index("ae5c2f")
    first = payload["off"][k]
    assert (payload["lon"][first], payload["lat"][first]) == (-101.35, 48.42)
    assert (payload["t"][first], payload["alt"][first], payload["spd"][first]) == (0, 3100, 250)
    # FR24 has no hex and no geometric altitude.
    assert payload["flights"]["hex"][1 - k] is None
    assert payload["alt"][payload["off"][1 - k]] == 3000
    assert span_minutes(payload) == (28494120, 28494125)
    marks = slider_marks((28494120, 28494125))
    assert marks[28494120] == "2024-03-05 14:00Z" and marks[28494125] == "14:05Z"


def test_panel_shows_aircraft_times_source_and_the_matching_route(source):
    snap = source.snapshot()
    readsb = next(f for f in snap.flights if f.icao24 == "ae5c2f")
    text = str(track_panel(snap, readsb.id))
    observed = "2024-03-05T14:00:00Z – 2024-03-05T14:04:00Z (4 min)"
    source_file = str(DATA / "trace_full_ae5c2f.json")
    route = "flight: Minot to X"
    for expected in ("JULIO51", "AE5C2F", "B52 · 60-0008", observed, source_file, route, "Accept"):
        assert expected in text
    assert track_panel(snap, None) == [] and track_panel(snap, "nope") == []


def test_a_decision_from_the_panel_is_stored_and_shown(source):
    snap = source.snapshot()
    readsb = next(f for f in snap.flights if f.icao24 == "ae5c2f")
    source.decide("route:minot", readsb.id, "accepted")
    snap = source.snapshot()  # the store changed: reloaded
    assert "accepted" in str(track_panel(snap, readsb.id))


def test_no_tracks_no_payload(tmp_path):
    assert TrackSource.from_store(tmp_path / "none.gpkg").payload() is None
    assert TrackSource.empty().payload() is None
