"""End to end: an article reports a flight, the observed track of that flight is imported, the match
is proposed with its evidence, decided, and exported. Real model, real gazetteer, a real store.

tests/data/tracks/e2e: `bomber_relocation.txt` (written for this test) says two B-52s, callsign
JULIO51, flew from Minot AFB to Barksdale AFB on Tuesday; published Wednesday 6 March 2024, so the
flight is dated 5 March. `trace_full_ae5c2f.json` is a readsb trace of that flight (20:02Z-23:11Z on
5 March, a B52, callsign JULIO51) with 15 minutes of lost coverage over Kansas, so it is two flights
joined by a gap; `opensky_states_c17.csv` is another aircraft the same day (a C-17 from Dover AFB to
Ramstein), which must not be proposed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sortie.geodata.cli import main
from sortie.geodata.store.geopackage import Store
from sortie.geodata.tracks import store as track_store

pytestmark = pytest.mark.model

E2E = Path(__file__).parent / "data" / "tracks" / "e2e"


def test_reported_route_and_observed_track_are_matched_decided_and_exported(tmp_path, capsys):
    path = tmp_path / "store.gpkg"
    assert main(["ingest", str(E2E), "--store", str(path)]) == 0
    assert main(["tracks", "import", str(E2E), "--store", str(path)]) == 0
    store = Store(path)
    (route,) = store.features(["routes"])
    assert route.name == "Flight: Minot Air Force Base to Barksdale Air Force Base"
    flights = track_store.flights(store)
    julio = [f for f in flights if f.callsign == "JULIO51"]
    assert len(julio) == 2 and julio[1].gap_before is not None  # lost coverage: two flights, one gap
    (proposal,) = [m for m, _ in track_store.matches(store)]
    assert proposal.route_id == route.id
    assert proposal.evidence.flights == tuple(f.id for f in julio)  # the journey across the gap
    assert proposal.evidence.departure_km < 2 and proposal.evidence.arrival_km < 2
    assert proposal.evidence.time_offset_h == 0.0
    assert "JULIO51" in proposal.evidence.aircraft
    assert proposal.score > 0.9

    assert main(["tracks", "decide", proposal.flight_id, route.id, "accepted", "--store", str(path)]) == 0
    out = tmp_path / "map.geojson"
    assert main(["export", "--store", str(path), "-o", str(out)]) == 0
    features = json.loads(out.read_text())["features"]
    layers = {f["properties"]["layer"] for f in features}
    assert {"routes", "tracks"} <= layers
    by_id = {f["id"]: f for f in features}
    for flight in julio:
        (match,) = by_id[flight.id]["properties"]["matches"]
        assert (match["route_id"], match["decision"]) == (route.id, "accepted")
    gap = by_id[f"{julio[1].id}-gap"]
    assert gap["properties"]["kind"] == "gap" and gap["properties"]["gap_s"] == 16 * 60
    c17 = next(f for f in flights if f.callsign == "RCH285")
    assert by_id[c17.id]["properties"]["matches"] == []
