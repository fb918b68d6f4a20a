"""Bad track files: each gets an error naming the file and the line or record at fault."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from sortie.geodata.errors import TrackFileError
from sortie.geodata.tracks.read import MAX_BYTES, read_track_file

DATA = Path(__file__).parent / "data" / "tracks"
NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC).timestamp()


def fails(path: Path, *needles: str) -> str:
    with pytest.raises(TrackFileError) as err:
        read_track_file(path, now=NOW)
    message = str(err.value)
    assert message.startswith(f"{path}: "), message
    for needle in needles:
        assert needle in message, message
    return message


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_truncated_json_names_the_line_and_says_truncated(tmp_path):
    text = (DATA / "trace_full_ae5c2f.json").read_text()
    path = write(tmp_path, "trace_full_ae5c2f.json", text[: len(text) // 2])
    line = text[: len(text) // 2].count("\n") + 1
    fails(path, f"line {line}", "broken JSON", "truncated")


def test_truncated_gzip_trace(tmp_path):
    data = gzip.compress((DATA / "trace_full_ae5c2f.json").read_bytes())
    path = tmp_path / "trace_full_ae5c2f.json"
    path.write_bytes(data[: len(data) // 2])
    fails(path, "truncated gzip")


def test_kml_without_times_names_the_placemark(tmp_path):
    kml = """<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>
    <Placemark><name>RCH123</name><LineString><coordinates>1,2,0 3,4,0</coordinates></LineString></Placemark>
    </Document></kml>"""
    fails(write(tmp_path, "route.kml", kml), "no timed positions", "Placemark 1 (RCH123)", "LineString")


def test_kml_point_without_timestamp(tmp_path):
    kml = """<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>
    <Placemark><name>x</name><Point><coordinates>1,2,0</coordinates></Point></Placemark></Document></kml>"""
    fails(write(tmp_path, "p.kml", kml), "Point with no <TimeStamp>")


def test_gpx_without_times_names_the_point(tmp_path):
    gpx = """<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1">
    <trk><trkseg><trkpt lat="1" lon="2"><time>2024-03-05T14:00:00Z</time></trkpt>
    <trkpt lat="1" lon="2.1"></trkpt>
    </trkseg></trk></gpx>"""
    fails(write(tmp_path, "t.gpx", gpx), "trkpt 2", "no <time>")


def test_csv_with_unknown_columns_lists_them_and_the_expected_ones(tmp_path):
    path = write(tmp_path, "flights.csv", "when,hex,y,x\n1709647200,ae5c2f,48.4,-101.3\n")
    fails(path, "line 1", "unknown CSV columns (when, hex, y, x)", "OpenSky", "Flightradar24")


def test_csv_with_text_where_a_number_belongs_names_the_line(tmp_path):
    lines = (DATA / "opensky_states.csv").read_text().splitlines()
    lines[4] = lines[4].replace("48.36", "north")  # line 5 (line 4 is a state vector with no position)
    fails(write(tmp_path, "s.csv", "\n".join(lines) + "\n"), "line 5: lat 'north' is not a number")


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.json"
    with path.open("wb") as fh:  # a sparse 200 MB file: costs no disk
        fh.truncate(200 * 1024 * 1024)
    assert MAX_BYTES < 200 * 1024 * 1024
    fails(path, "200 MB is over the 128 MB limit", "split it")


def trace(tmp_path: Path, rows: list[list[object]]) -> Path:
    return write(tmp_path, "t.json", json.dumps({"icao": "ae5c2f", "timestamp": 1709647200, "trace": rows}))


def test_positions_out_of_range_name_the_record(tmp_path):
    rows = [[0, 48.0, -101.0, 3000, 250, 90, 0, 0, None], [60, 91.5, -101.0, 3000, 250, 90, 0, 0, None]]
    fails(trace(tmp_path, rows), "trace[1]: latitude 91.5 is out of range")
    rows[1][1], rows[1][2] = 48.0, -190.0
    fails(trace(tmp_path, rows), "trace[1]: longitude -190.0 is out of range")


def test_a_position_with_no_coordinates(tmp_path):
    rows = [[0, None, None, 3000, 250, 90, 0, 0, None]]
    fails(trace(tmp_path, rows), "trace[0]: latitude nan is out of range")


def test_timestamps_in_the_future(tmp_path):
    later = int(NOW - 1709647200) + 86400  # a day after "now"
    rows = [[0, 48.0, -101.0, 3000, 250, 90, 0, 0, None], [later, 48.1, -101.0, 3000, 250, 90, 0, 0, None]]
    fails(trace(tmp_path, rows), "trace[1]: time 2026-01-02", "in the future")


def test_timestamps_out_of_order_name_both_records(tmp_path):
    rows = [
        [0, 48.0, -101.0, 3000, 250, 90, 0, 0, None],
        [60, 48.1, -101.0, 3000, 250, 90, 0, 0, None],
        [30, 48.05, -101.0, 3000, 250, 90, 0, 0, None],
    ]
    fails(
        trace(tmp_path, rows),
        "trace[2]: time 2024-03-05T14:00:30Z is before that of trace[1]",
        "out of order",
    )


def test_out_of_order_in_a_csv_is_per_aircraft(tmp_path):
    header = (DATA / "opensky_states.csv").read_text().splitlines()[0]
    row = "{t},{hex},48.0,-101.0,100,90,0,X ,False,False,False,,1000,1000,,{t},0"
    good = [header, row.format(t=1709647260, hex="aaaaaa"), row.format(t=1709647200, hex="bbbbbb")]
    assert len(read_track_file(write(tmp_path, "ok.csv", "\n".join(good)), now=NOW).table) == 2
    bad = [*good, row.format(t=1709647230, hex="aaaaaa")]
    fails(write(tmp_path, "bad.csv", "\n".join(bad)), "line 4", "before that of line 2")


def test_a_millisecond_time_read_as_seconds_is_a_unit_error(tmp_path):
    path = write(
        tmp_path,
        "t.geojson",
        json.dumps(
            {
                "type": "Feature",
                "properties": {},
                "geometry": {
                    "type": "LineString",
                    "coordinates": [[1, 2, 0, 17096472], [1.1, 2, 0, 17096532]],
                },
            }
        ),
    )
    fails(path, "position 1: time 1970", "before 1995")


def test_empty_binary_and_foreign_json(tmp_path):
    fails(write(tmp_path, "e.json", ""), "empty file")
    (tmp_path / "b.bin").write_bytes(b"\x00\x01\x02garbage")
    fails(tmp_path / "b.bin", "binary")
    fails(write(tmp_path, "o.json", '{"hello": 1}'), "neither a readsb/tar1090 trace nor GeoJSON")
    fails(write(tmp_path, "x.xml", "<svg></svg>"), "neither KML nor GPX")


def test_geojson_line_without_times(tmp_path):
    path = write(
        tmp_path,
        "r.geojson",
        json.dumps(
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "LineString", "coordinates": [[1, 2], [3, 4]]},
            }
        ),
    )
    fails(path, "feature 0: a LineString with no times")


def test_a_missing_file_and_a_folder(tmp_path):
    fails(tmp_path / "nope.json", "cannot read it")
    fails(tmp_path, "is a folder")
