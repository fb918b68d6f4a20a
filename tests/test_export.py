"""Export: the acceptance GeoJSON shape (golden file), RFC 7946 rules, filters, formats, errors."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import os
import re
from pathlib import Path

import pyogrio
import pytest
import shapely
from storeworld import GUAM, HONOLULU, attack, fake_merge, fake_merge_groups, flight, parsed_article

from sortie.geodata.cli import main
from sortie.geodata.errors import OutputError
from sortie.geodata.geojson import feature_collection, feature_json
from sortie.geodata.records import Citation, Feature
from sortie.geodata.store import export
from sortie.geodata.store.export import filter_features, write
from sortie.geodata.store.geopackage import Store

DATA = Path(__file__).parent / "data"
D = dt.date


def small_set() -> list[Feature]:
    """Four hand-built features: a place, a clockwise country polygon, an unsplit Pacific line, an event."""
    a1 = Citation("a.txt", "Rockets hit Baghdad.", 0, 20, 12, 19)
    a2 = Citation("a.txt", "Two B-52s flew out.", 21, 40)
    b1 = Citation("b.txt", "Iraq said so in December.", 10, 35)
    b2 = Citation("b.txt", "The embassy was hit on Sunday.", 36, 66)
    return [
        Feature(
            "places:test:baghdad",
            "places",
            "Baghdad",
            "city",
            {"type": "Point", "coordinates": [44.4, 33.34]},
            "IQ",
            "city",
            None,
            None,
            None,
            (a1,),
            {"place_id": "test:baghdad"},
        ),
        Feature(
            "places:test:iq",
            "places",
            "Iraq",
            "country",
            # Clockwise (north, east, south, west): the export must turn it counter-clockwise.
            {"type": "Polygon", "coordinates": [[[40, 30], [40, 36], [46, 36], [46, 30], [40, 30]]]},
            "IQ",
            "country",
            D(2020, 12, 1),
            D(2020, 12, 31),
            "month",
            (b1,),
        ),
        Feature(
            "routes:flight:test:a>test:b:2020-12-10",
            "routes",
            "B-52 flight",
            "flight",
            # Crosses 180 unsplit, with a 7th decimal that rounds away.
            {"type": "LineString", "coordinates": [[170.0000004, 0.0], [-170.0, 2.0]]},
            "US",
            "point",
            D(2020, 12, 10),
            D(2020, 12, 10),
            "day",
            (a2,),
            {"length_km": 2236.0, "round_trip": True, "duration": "36 hours"},
        ),
        Feature(
            "events:attack:test:embassy:2020-12-20",
            "events",
            "rocket attack on the embassy",
            "attack",
            {"type": "Point", "coordinates": [44.39, 33.3]},
            "IQ",
            "point",
            D(2020, 12, 20),
            D(2020, 12, 20),
            "day",
            (a1, b2),
            {"actors": ("militias",), "quantity": "8", "sources": 99},
        ),
    ]


def test_export_matches_the_golden_file():
    expected = json.loads((DATA / "export_small.geojson").read_text(encoding="utf-8"))
    assert feature_collection(small_set()) == expected


def _positions(geometry):
    def walk(c):
        if isinstance(c[0], (int, float)):
            yield c
        else:
            for x in c:
                yield from walk(x)

    return list(walk(geometry["coordinates"]))


def test_rfc7946_rules_hold():
    route = fake_merge([], [flight(parsed_article("a.txt", "Bombers flew.", {}), 0)])[0]
    fc = feature_collection([*small_set(), route])
    assert "crs" not in fc and fc["type"] == "FeatureCollection"
    for f in fc["features"]:
        assert f["type"] == "Feature" and isinstance(f["id"], str)
        for lon, lat in _positions(f["geometry"]):
            assert -180 <= lon <= 180 and -90 <= lat <= 90
        shape = shapely.geometry.shape(f["geometry"])
        if f["geometry"]["type"] == "Polygon":
            assert shape.exterior.is_ccw
            assert all(not ring.is_ccw for ring in shape.interiors)
        if f["geometry"]["type"] in ("LineString", "MultiLineString"):
            parts = (
                [f["geometry"]["coordinates"]]
                if f["geometry"]["type"] == "LineString"
                else f["geometry"]["coordinates"]
            )
            for part in parts:
                assert all(abs(b[0] - a[0]) < 180 for a, b in itertools.pairwise(part))
    # Longitude first: Guam is at 144.93 E, 13.58 N.
    pacific = fc["features"][-1]["geometry"]
    assert pacific["type"] == "MultiLineString"
    assert pacific["coordinates"][0][0] == [GUAM.lon, GUAM.lat]
    assert pacific["coordinates"][-1][-1] == [HONOLULU.lon, HONOLULU.lat]


def test_core_properties_win_over_extras():
    event = feature_json(small_set()[3])
    assert event["properties"]["sources"] == 2  # counted from the citations, not the stray extra


def test_gdal_reads_the_exported_geojson(tmp_path):
    out = tmp_path / "map.geojson"
    write(small_set(), "geojson", out)
    frame = pyogrio.read_dataframe(out)
    assert list(frame["id"]) == [f.id for f in small_set()]
    assert list(frame.geometry.geom_type) == ["Point", "Polygon", "MultiLineString", "Point"]
    assert frame.crs.to_epsg() == 4326


# -- filters -------------------------------------------------------------------------------------


def ids(features):
    return [f.id.split(":")[0] + ":" + f.name for f in features]


def test_filter_by_layer():
    assert ids(filter_features(small_set(), layers=["routes"])) == ["routes:B-52 flight"]


def test_filter_by_window_keeps_overlaps_and_undated():
    # December 15-31 overlaps Iraq's month and the attack on the 20th, not the flight on the 10th.
    kept = filter_features(small_set(), start=D(2020, 12, 15), end=D(2020, 12, 31))
    assert ids(kept) == ["places:Baghdad", "places:Iraq", "events:rocket attack on the embassy"]


def test_filter_open_ended_windows_and_undated_exclusion():
    assert ids(filter_features(small_set(), end=D(2020, 12, 5), include_undated=False)) == ["places:Iraq"]
    assert ids(filter_features(small_set(), start=D(2021, 1, 1), include_undated=False)) == []


def test_filter_by_text_searches_names_and_sentences():
    assert ids(filter_features(small_set(), query="EMBASSY")) == ["events:rocket attack on the embassy"]
    assert ids(filter_features(small_set(), query="said so")) == ["places:Iraq"]


# -- formats -------------------------------------------------------------------------------------


def test_gpkg_export_has_one_layer_per_layer(tmp_path):
    out = tmp_path / "map.gpkg"
    write(small_set(), "gpkg", out)
    assert sorted(name for name, _ in pyogrio.list_layers(out)) == ["events", "places", "routes"]
    routes = pyogrio.read_dataframe(out, layer="routes")
    assert routes["path"].iloc[0].startswith("shortest path")
    assert json.loads(routes["citations"].iloc[0])[0]["doc"] == "a.txt"
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left


def test_csv_export_has_a_wkt_column():
    buf = io.StringIO()
    write(small_set(), "csv", buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert [r["id"] for r in rows] == [f.id for f in small_set()]
    assert rows[0]["wkt"] == "POINT (44.4 33.34)"
    assert rows[2]["wkt"] == "MULTILINESTRING ((170 0, 180 1), (-180 1, -170 2))"
    assert json.loads(rows[3]["citations"])[1]["doc"] == "b.txt"
    assert rows[0]["start"] == ""  # undated


# -- errors --------------------------------------------------------------------------------------


def test_unknown_format_is_a_specific_error(tmp_path):
    with pytest.raises(OutputError, match="unknown format 'kml'"):
        write(small_set(), "kml", tmp_path / "x.kml")


def test_missing_output_folder_is_named(tmp_path):
    folder = tmp_path / "nope"
    with pytest.raises(OutputError) as exc:
        write(small_set(), "geojson", folder / "x.geojson")
    assert str(exc.value) == (
        f"{folder / 'x.geojson'}: cannot create it: the folder '{folder}' does not exist"
        " (create it first: mkdir -p)"
    )


def test_output_under_a_file_says_that_file_is_not_a_folder(tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    with pytest.raises(OutputError, match=f"cannot create it: '{blocker}' is a file, not a folder"):
        write(small_set(), "geojson", blocker / "deeper" / "x.geojson")


def test_output_that_is_a_folder_says_so(tmp_path):
    with pytest.raises(OutputError, match=r"cannot write it: it is a folder; give a file name, e\.g\. "):
        write(small_set(), "gpkg", tmp_path)


def test_an_unwritable_folder_is_named(tmp_path, monkeypatch):
    # Permissions cannot be tested by chmod when the tests run as root; the check asks os.access.
    monkeypatch.setattr(export.os, "access", lambda path, mode: Path(path) != tmp_path)
    with pytest.raises(OutputError, match=f"cannot create it: the folder '{tmp_path}' is not writable"):
        write(small_set(), "geojson", tmp_path / "x.geojson")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("code", "why"),
    [
        (13, "is not writable"),
        (30, "is on a read-only file system"),
        (2, "No such file or directory (in the folder"),
    ],
)
def test_a_folder_refusing_new_files_is_named_with_the_reason(tmp_path, monkeypatch, code, why):
    def refuse(**_):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(export.tempfile, "mkstemp", refuse)
    with pytest.raises(OutputError, match=f"x.geojson: cannot create it: .*{re.escape(why)}"):
        write(small_set(), "geojson", tmp_path / "x.geojson")


def test_an_empty_gpkg_export_names_the_output_not_a_temporary_file(tmp_path):
    with pytest.raises(OutputError) as exc:
        write([], "gpkg", tmp_path / "x.gpkg")
    assert exc.value.path == str(tmp_path / "x.gpkg")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_leaves_the_old_file_whole(tmp_path, monkeypatch):
    out = tmp_path / "map.geojson"
    out.write_text("the previous export\n")

    def half_then_fail(features, fh):
        fh.write('{"type": "FeatureCollection", "featu')
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "_write_geojson", half_then_fail)
    with pytest.raises(OutputError, match=r"map\.geojson: cannot write it: no space left on the device"):
        write(small_set(), "geojson", out)
    assert out.read_text() == "the previous export\n"
    assert list(tmp_path.iterdir()) == [out]


def test_a_failing_gpkg_writer_is_an_output_error_naming_the_file(tmp_path, monkeypatch):
    import geopandas
    from pyogrio.errors import DataSourceError

    def fail(*_args, **_kwargs):
        raise DataSourceError("disk I/O error")

    monkeypatch.setattr(geopandas.GeoDataFrame, "to_file", fail)
    with pytest.raises(OutputError, match=r"map\.gpkg: cannot write it: the GeoPackage writer failed"):
        write(small_set(), "gpkg", tmp_path / "map.gpkg")
    assert list(tmp_path.iterdir()) == []


def test_gpkg_needs_a_file():
    with pytest.raises(OutputError, match="give a file"):
        write(small_set(), "gpkg", None)


# -- the command line ----------------------------------------------------------------------------


@pytest.fixture
def store_path(tmp_path, monkeypatch):
    from sortie.geodata.store import layers as store_layers

    monkeypatch.setattr(store_layers, "_merge", fake_merge_groups)
    p = parsed_article(
        "a.txt",
        "Bombers left Andersen Air Force Base for Honolulu. Rockets hit it.",
        {"Andersen Air Force Base": GUAM, "Honolulu": HONOLULU},
    )
    path = tmp_path / "s.gpkg"
    Store(path).ingest(p, [attack(p, 1)], [flight(p, 0)])
    return path


def test_cli_export_writes_geojson_to_stdout(store_path, capsys):
    assert main(["export", "--store", str(store_path)]) == 0
    fc = json.loads(capsys.readouterr().out)
    assert {f["properties"]["layer"] for f in fc["features"]} == {"places", "routes", "events"}


def test_cli_export_filters(store_path, capsys, tmp_path):
    out = tmp_path / "r.geojson"
    assert main(["export", "--store", str(store_path), "--layer", "routes", "-o", str(out)]) == 0
    fc = json.loads(out.read_text())
    assert [f["properties"]["layer"] for f in fc["features"]] == ["routes"]
    # Nothing after 2021 but the undated places, which --undated exclude drops.
    assert main(["export", "--store", str(store_path), "--start", "2021-01-01", "--undated", "exclude"]) == 0
    assert json.loads(capsys.readouterr().out)["features"] == []


def test_cli_export_missing_store_is_a_specific_error(tmp_path, capsys):
    assert main(["export", "--store", str(tmp_path / "none.gpkg")]) == 2
    assert "none.gpkg: no store here" in capsys.readouterr().err


def test_cli_export_unwritable_output_is_a_specific_error(store_path, tmp_path, capsys):
    assert main(["export", "--store", str(store_path), "-o", str(tmp_path / "no" / "x.json")]) == 2
    assert (
        f"x.json: cannot create it: the folder '{tmp_path / 'no'}' does not exist" in capsys.readouterr().err
    )


def test_cli_export_unknown_format_is_refused(store_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["export", "--store", str(store_path), "--format", "kml"])
    assert exc.value.code == 2
    assert "invalid choice: 'kml'" in capsys.readouterr().err


def test_a_start_after_the_end_is_an_error_not_an_empty_export(tmp_path, capsys):
    out = tmp_path / "out.geojson"
    code = main(
        [
            "export",
            "--store",
            str(tmp_path / "s.gpkg"),
            "--start",
            "2021-01-01",
            "--end",
            "2020-01-01",
            "-o",
            str(out),
        ]
    )
    assert code == 2
    assert "--start 2021-01-01 is after --end 2020-01-01" in capsys.readouterr().err
    assert not out.exists()
