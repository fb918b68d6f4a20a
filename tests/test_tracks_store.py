"""Observed tracks in the store: import, idempotence, bad files, matches and decisions, exports."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from sortie.geodata.cli import main
from sortie.geodata.geometry import geodesic_line, line_geometry
from sortie.geodata.records import Citation, Feature
from sortie.geodata.store.geopackage import Store
from sortie.geodata.store.layers import insert_feature
from sortie.geodata.tracks import store as track_store
from sortie.geodata.tracks.importer import import_paths

DATA = Path(__file__).parent / "data" / "tracks"
SAMPLES = sorted(p for p in DATA.iterdir() if p.suffix in (".json", ".csv", ".kml", ".gpx", ".geojson"))


def route_from_minot() -> Feature:
    # A reported route in the tiny world: Minot AFB to the south-east, dated the samples' day.
    sentence = "Two B-52 bombers took off from Minot Air Force Base on Tuesday."
    geometry = line_geometry(geodesic_line((-101.358, 48.416), (-100.9, 48.1)))
    return Feature("route:minot", "routes", "flight: Minot to X", "flight", geometry, "US", "point",
                   dt.date(2024, 3, 5), dt.date(2024, 3, 5), "day", (Citation("a.txt", sentence, 0, 60),),
                   {"actors": ["B-52"]})  # fmt: skip


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "s.gpkg")


def test_import_stores_every_sample_as_a_flight_with_its_fixes(store, capsys):
    assert import_paths([str(p) for p in SAMPLES], store=str(store.path)) == 0
    flights = track_store.flights(store)
    assert len(flights) == len(SAMPLES)
    assert {f.source for f in flights} == {str(p) for p in SAMPLES}
    readsb = next(f for f in flights if f.source.endswith("trace_full_ae5c2f.json"))
    assert (readsb.icao24, readsb.callsign, readsb.aircraft_type, readsb.registration) == (
        "ae5c2f", "JULIO51", "B52", "60-0008")  # fmt: skip
    fixes = track_store.stored_fixes(store, readsb.id)
    assert [f.alt_baro_ft for f in fixes] == [3000, 4500, 6000, 7500, 9000]
    assert fixes[0].ts == dt.datetime(2024, 3, 5, 14, 0, tzinfo=dt.UTC)
    assert "trace_full_ae5c2f.json: added (readsb, 5 fixes, 1 flight)" in capsys.readouterr().err


def test_the_tracks_layer_is_a_geopackage_layer_gdal_reads(store):
    import pyogrio

    import_paths([str(DATA / "trace_full_ae5c2f.json")], store=str(store.path))
    layers = {name for name, _ in pyogrio.list_layers(store.path)}
    assert {"tracks", "track_fixes", "track_files", "track_matches"} <= layers
    frame = pyogrio.read_dataframe(store.path, layer="tracks")
    assert list(frame["callsign"]) == ["JULIO51"]
    assert frame.geometry.iloc[0].geom_type == "MultiLineString"
    assert frame.geometry.iloc[0].geoms[0].coords[0] == (-101.35, 48.42)


def test_reimporting_the_same_files_changes_nothing(store):
    assert import_paths([str(DATA)], store=str(store.path)) == 0
    before = store.path.read_bytes()
    assert import_paths([str(DATA)], store=str(store.path)) == 0
    assert store.path.read_bytes() == before


def test_a_changed_file_at_the_same_path_replaces_its_flights(store, tmp_path):
    path = tmp_path / "trace_full_ae5c2f.json"
    doc = json.loads((DATA / "trace_full_ae5c2f.json").read_text())
    path.write_text(json.dumps({**doc, "trace": doc["trace"][:3]}))
    import_paths([str(path)], store=str(store.path))
    path.write_text(json.dumps(doc))
    import_paths([str(path)], store=str(store.path))
    (flight,) = track_store.flights(store)
    assert flight.fixes == 5
    assert len(track_store.files(store)) == 1


def test_a_bad_file_is_reported_and_nothing_stored_is_lost(store, tmp_path, capsys):
    assert import_paths([str(DATA / "track.gpx")], store=str(store.path)) == 0
    before = track_store.flights(store)
    bad = tmp_path / "bad.json"
    text = (DATA / "trace_full_ae5c2f.json").read_text()
    bad.write_text(text[:-40])
    good = tmp_path / "fr24.csv"
    shutil.copy(DATA / "fr24_JULIO51.csv", good)
    assert import_paths([str(bad), str(good)], store=str(store.path)) == 1
    err = capsys.readouterr().err
    assert f"sortie: error: {bad}: line" in err and "truncated" in err
    after = track_store.flights(store)
    assert [f.id for f in before] == [f.id for f in after if f.source != str(good)]
    assert any(f.source == str(good) for f in after)
    assert import_paths([str(bad)], store=str(store.path)) == 2  # nothing could be imported


def test_matches_are_proposed_decided_and_the_decision_kept(store):
    with store.transaction() as con:
        insert_feature(con, route_from_minot(), "route:minot")
    import_paths([str(DATA / "trace_full_ae5c2f.json"), str(DATA / "track.gpx")], store=str(store.path))
    found = track_store.matches(store)
    assert {m.route_id for m, _ in found} == {"route:minot"}
    readsb = next(m for m, _ in found if m.flight_id in {f.id for f in track_store.flights(store)
                                                         if f.aircraft_type == "B52"})  # fmt: skip
    assert readsb.evidence.departure_km < 5 and readsb.evidence.time_offset_h == 0.0
    assert "B52" in readsb.evidence.aircraft
    track_store.decide(store, "route:minot", readsb.flight_id, "rejected")
    track_store.refresh_matches(store)
    decided = {m.flight_id: (m.decision, at) for m, at in track_store.matches(store)}
    assert decided[readsb.flight_id][0] == "rejected" and decided[readsb.flight_id][1]


def test_export_includes_tracks_with_their_matches(store, tmp_path):
    with store.transaction() as con:
        insert_feature(con, route_from_minot(), "route:minot")
    import_paths([str(DATA / "trace_full_ae5c2f.json")], store=str(store.path))
    (flight,) = track_store.flights(store)
    assert main(["tracks", "decide", flight.id, "route:minot", "accepted", "--store", str(store.path)]) == 0
    out = tmp_path / "map.geojson"
    assert main(["export", "--store", str(store.path), "-o", str(out)]) == 0
    features = json.loads(out.read_text())["features"]
    (track,) = [f for f in features if f["properties"]["layer"] == "tracks"]
    assert track["geometry"]["coordinates"][0] == [-101.35, 48.42]
    props = track["properties"]
    assert (props["callsign"], props["icao24"], props["start_time"]) == (
        "JULIO51",
        "ae5c2f",
        "2024-03-05T14:00:00Z",
    )
    (match,) = props["matches"]
    assert (match["route_id"], match["decision"]) == ("route:minot", "accepted")
    assert match["evidence"]["departure_km"] < 5
    csv_out = tmp_path / "map.csv"
    assert (
        main(
            ["export", "--store", str(store.path), "--format", "csv", "--layer", "tracks", "-o", str(csv_out)]
        )
        == 0
    )
    assert "JULIO51" in csv_out.read_text() and "accepted" in csv_out.read_text()
    gpkg_out = tmp_path / "map.gpkg"
    assert main(["export", "--store", str(store.path), "--format", "gpkg", "-o", str(gpkg_out)]) == 0
    import pyogrio

    assert "tracks" in {name for name, _ in pyogrio.list_layers(gpkg_out)}


def test_cli_import_and_a_decision_on_no_match(store, capsys):
    assert main(["tracks", "import", str(DATA / "track.gpx"), "--store", str(store.path)]) == 0
    assert main(["tracks", "decide", "trk-x", "route:y", "accepted", "--store", str(store.path)]) == 2
    assert "no proposed match of flight 'trk-x' with route 'route:y'" in capsys.readouterr().err
