"""Golden tests: one sample per format, each read to the same fixes.

The samples in tests/data/tracks were written from each format's documentation for one flight:
five fixes a minute apart from 14:00Z on 5 March 2024, callsign JULIO51, hex ae5c2f, climbing from
3,000 to 9,000 ft at 250-290 kt on track 135. Metric formats hold the same values in metres and
m/s (3,000 ft = 914.40 m; 250 kt = 128.6111 m/s; 1,500 ft/min = 7.62 m/s); the readers must give
feet and knots back. Each format carries only some fields: the table says which.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sortie.geodata.tracks.read import read_track_file

DATA = Path(__file__).parent / "data" / "tracks"
T0 = dt.datetime(2024, 3, 5, 14, 0, tzinfo=dt.UTC)
# (seconds after T0, lat, lon, baro alt ft, speed kt, track, vertical rate ft/min)
FLIGHT = [
    (0, 48.42, -101.35, 3000, 250, 135, 1500),
    (60, 48.39, -101.30, 4500, 260, 135, 1500),
    (120, 48.36, -101.25, 6000, 270, 135, 1500),
    (180, 48.33, -101.20, 7500, 280, 135, 1500),
    (240, 48.30, -101.15, 9000, 290, 135, 0),
]
# file: (format, hex, callsign, which altitude the file holds, fields it also carries, first fix index)
SAMPLES = {
    "trace_full_ae5c2f.json": ("readsb", "ae5c2f", "JULIO51", "baro+geo", {"speed", "track", "vrate"}, 0),
    "trace_recent_ae5c2f.json": ("readsb", "ae5c2f", "JULIO51", "baro", {"speed", "track", "vrate"}, 2),
    "opensky_states.csv": ("opensky", "ae5c2f", "JULIO51", "baro+geo", {"speed", "track", "vrate"}, 0),
    "fr24_JULIO51.csv": ("fr24", None, "JULIO51", "baro", {"speed", "track"}, 0),
    "flightaware_track.kml": ("kml", None, "JULIO51", "baro", set(), 0),
    "fr24_points.kml": ("kml", None, "JULIO51", "baro", {"track"}, 0),
    "track.gpx": ("gpx", "ae5c2f", None, "geo-as-baro", {"speed", "track"}, 0),
    "track_times.geojson": ("geojson", "ae5c2f", "JULIO51", "geo-as-baro", set(), 0),
    "track_4d.geojson": ("geojson", "ae5c2f", "JULIO51", "geo-as-baro", set(), 0),
}


def test_every_sample_is_listed():
    assert {p.name for p in DATA.iterdir() if p.is_file()} == set(SAMPLES)  # e2e/ holds the end-to-end case


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_reads_to_the_documented_flight(name):
    fmt, hex_id, callsign, altitude, carries, first = SAMPLES[name]
    table = read_track_file(DATA / name, now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC).timestamp()).table
    assert table.format == fmt
    fixes = list(table.fixes())
    expected = FLIGHT[first:]
    assert len(fixes) == len(expected)
    for fix, (t, lat, lon, alt, speed, track, vrate) in zip(fixes, expected, strict=True):
        assert fix.ts == T0 + dt.timedelta(seconds=t)
        assert fix.ts.tzinfo is not None
        assert (fix.lat, fix.lon) == pytest.approx((lat, lon), abs=1e-9)
        assert fix.icao24 == hex_id
        assert fix.callsign == callsign
        assert fix.on_ground is False
        assert fix.source == str(DATA / name)
        if altitude == "geo-as-baro":  # GPS height: geometric altitude only
            assert fix.alt_baro_ft is None
            assert fix.alt_geo_ft == pytest.approx(alt, abs=0.05)
        else:
            assert fix.alt_baro_ft == pytest.approx(alt, abs=0.05)
            if altitude == "baro+geo":  # the samples put geometric altitude 100 ft above baro
                assert fix.alt_geo_ft == pytest.approx(alt + 100, abs=0.05)
            else:
                assert fix.alt_geo_ft is None
        assert (fix.speed_kt is not None) == ("speed" in carries)
        if fix.speed_kt is not None:
            assert fix.speed_kt == pytest.approx(speed, abs=0.01)
        assert (fix.track_deg is not None) == ("track" in carries)
        if fix.track_deg is not None:
            assert fix.track_deg == track
        assert (fix.vrate_fpm is not None) == ("vrate" in carries)
        if fix.vrate_fpm is not None:
            assert fix.vrate_fpm == pytest.approx(vrate, abs=0.01)


def test_the_format_is_found_by_content_not_by_name(tmp_path):
    for name in ("trace_full_ae5c2f.json", "opensky_states.csv", "track.gpx", "fr24_points.kml"):
        renamed = tmp_path / "download.dat"
        renamed.write_bytes((DATA / name).read_bytes())
        assert read_track_file(renamed).table.format == SAMPLES[name][0]


def test_gzip_compressed_readsb_trace_is_read(tmp_path):
    import gzip

    # readsb and tar1090 store traces gzip-compressed under a .json name.
    path = tmp_path / "trace_full_ae5c2f.json"
    path.write_bytes(gzip.compress((DATA / "trace_full_ae5c2f.json").read_bytes()))
    assert len(read_track_file(path).table) == 5


def test_readsb_metadata_and_ground_and_geometric_flag(tmp_path):
    import json

    trace = [
        [0, 10.0, 20.0, "ground", 5, 90, 0, None, {"flight": "ABC12"}],
        [30, 10.001, 20.001, 1200, 140, 90, 8, 800, None, "adsb_icao", None],  # flag 8: geometric altitude
    ]
    path = tmp_path / "t.json"
    path.write_text(
        json.dumps({"icao": "ABCDEF", "t": "C17", "r": "07-7183", "timestamp": 1.7e9, "trace": trace})
    )
    table = read_track_file(path).table
    first, second = table.fixes()
    assert first.on_ground and first.alt_baro_ft is None and first.callsign == "ABC12"
    assert second.callsign == "ABC12"  # carried from the last details given
    assert second.alt_baro_ft is None and second.alt_geo_ft == 1200
    assert first.icao24 == "abcdef"
    assert table.meta == {"abcdef": {"type": "C17", "registration": "07-7183"}}
