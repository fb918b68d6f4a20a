"""The store: a GeoPackage GDAL reads, re-ingest semantics, and atomicity under kill -9."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import geopandas
import pyogrio
import pytest
from storeworld import BAGHDAD, GUAM, HONOLULU, attack, fake_merge, fake_merge_groups, flight, parsed_article

from sortie.geodata.errors import StoreError
from sortie.geodata.records import Event, ParsedArticle
from sortie.geodata.store import layers as store_layers
from sortie.geodata.store.base import PAUSE_ENV
from sortie.geodata.store.geopackage import Store, default_store_path

A = parsed_article(
    "a.txt",
    "Bombers left Andersen Air Force Base for Honolulu. Rockets hit Baghdad on Sunday.",
    {"Andersen Air Force Base": GUAM, "Honolulu": HONOLULU, "Baghdad": BAGHDAD},
)
B = parsed_article("b.txt", "Rockets hit Baghdad. Nothing else.", {"Baghdad": BAGHDAD})


@pytest.fixture
def merged(monkeypatch):
    """Route and event layers from a stand-in for sortie.geodata.events.merge_features."""
    monkeypatch.setattr(store_layers, "_merge", fake_merge_groups)


def test_nothing_is_created_until_the_first_write(tmp_path):
    st = Store(tmp_path / "s.gpkg")
    assert st.features() == [] and st.articles() == [] and st.article("a.txt") is None
    assert not (tmp_path / "s.gpkg").exists()


def test_round_trip_of_articles_and_features(tmp_path, merged):
    st = Store(tmp_path / "sub" / "s.gpkg")
    assert st.ingest(A, [attack(A, 1)], [flight(A, 0)]) == "added"
    assert st.ingest(B, [], []) == "added"
    assert [a["doc"] for a in st.articles()] == ["a.txt", "b.txt"]
    assert st.article("a.txt") == A.article
    assert st.sentences("a.txt") == A.sentences
    assert st.parsed("b.txt") == B
    layers = {f.layer for f in st.features()}
    assert layers == {"places", "routes", "events"}
    route = st.features(["routes"])[0]
    # Guam to Honolulu crosses the antimeridian: a MultiLineString, kept as it was.
    assert route == fake_merge([], [flight(A, 0)])[0]
    assert route.geometry["type"] == "MultiLineString"
    baghdad = st.feature("places:test:baghdad")
    assert baghdad is not None and baghdad.sources == 2


def test_a_linestring_route_comes_back_a_linestring(tmp_path, merged):
    # The layer is MULTILINESTRING (one geometry type per layer for QGIS); one part reads back as a line.
    westward = dataclasses.replace(flight(A, 0), origin=BAGHDAD, destination=GUAM)
    st = Store(tmp_path / "s.gpkg")
    st.ingest(A, [], [westward])
    (route,) = st.features(["routes"])
    assert route.geometry["type"] == "LineString"
    assert route.geometry["coordinates"][0] == [BAGHDAD.lon, BAGHDAD.lat]
    assert route.geometry["coordinates"][-1] == [GUAM.lon, GUAM.lat]


def test_reingest_unchanged_changes_nothing(tmp_path, merged):
    path = tmp_path / "s.gpkg"
    st = Store(path)
    st.ingest(A, [attack(A, 1)], [flight(A, 0)])
    before = (st.articles(), st.features())
    assert st.ingest(A, [attack(A, 1)], [flight(A, 0)]) == "unchanged"
    assert (st.articles(), st.features()) == before


def test_reingest_changed_replaces_the_old_version(tmp_path, merged):
    st = Store(tmp_path / "s.gpkg")
    st.ingest(A, [attack(A, 1)], [flight(A, 0)])
    # The same file, edited: Honolulu is gone from the text, and so is the flight.
    edited = parsed_article("a.txt", "Rockets hit Baghdad on Sunday.", {"Baghdad": BAGHDAD})
    assert st.ingest(edited, [attack(edited, 0)], []) == "replaced"
    assert [a["doc"] for a in st.articles()] == ["a.txt"]
    assert st.article("a.txt").text == "Rockets hit Baghdad on Sunday."
    assert {f.id for f in st.features(["places"])} == {"places:test:baghdad"}
    assert st.features(["routes"]) == []


def test_changed_metadata_alone_is_a_change(tmp_path):
    st = Store(tmp_path / "s.gpkg")
    st.ingest(B, [], [])
    retitled = dataclasses.replace(B, article=dataclasses.replace(B.article, title="Another title"))
    assert st.ingest(retitled, [], []) == "replaced"


def test_gdal_lists_and_reads_every_layer(tmp_path, merged):
    path = tmp_path / "s.gpkg"
    Store(path).ingest(A, [attack(A, 1)], [flight(A, 0)])
    layers = dict(pyogrio.list_layers(path))
    assert layers == {
        "places": "Point",
        "routes": "MultiLineString",
        "events": "Point",
        "articles": None,
        "article_results": None,
    }
    routes = pyogrio.read_dataframe(path, layer="routes")
    assert routes.crs.to_epsg() == 4326
    assert list(routes["kind"]) == ["flight"]
    west, east = routes.geometry.iloc[0].geoms  # split at the antimeridian
    assert west.coords[0] == (GUAM.lon, GUAM.lat) and east.coords[-1] == (HONOLULU.lon, HONOLULU.lat)
    places = geopandas.read_file(path, layer="places")
    baghdad = places[places["id"] == "places:test:baghdad"].iloc[0]
    assert (baghdad.geometry.x, baghdad.geometry.y) == (BAGHDAD.lon, BAGHDAD.lat)
    assert baghdad["geo_precision"] == "city"
    articles = pyogrio.read_dataframe(path, layer="articles")
    assert list(articles["doc"]) == ["a.txt"]
    info = pyogrio.read_info(path, layer="places")
    assert info["features"] == 3


def test_header_marks_a_geopackage(tmp_path):
    path = tmp_path / "s.gpkg"
    Store(path).ingest(B, [], [])
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47
    assert con.execute("PRAGMA user_version").fetchone()[0] == 10300
    assert con.execute("SELECT data_type FROM gpkg_contents WHERE table_name = 'articles'").fetchone() == (
        "attributes",
    )
    con.close()


def test_a_text_file_is_not_a_store(tmp_path):
    path = tmp_path / "notes.gpkg"
    path.write_text("hello, this is not a database\n" * 10)
    with pytest.raises(StoreError, match=r"notes\.gpkg: not a SQLite"):
        Store(path)


def test_another_sqlite_database_is_not_a_store(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a GeoPackage"):
        Store(path)


def test_a_foreign_geopackage_is_not_a_store(tmp_path):
    path = tmp_path / "world.gpkg"
    frame = geopandas.GeoDataFrame({"a": [1]}, geometry=geopandas.points_from_xy([0], [0]), crs="EPSG:4326")
    frame.to_file(path, driver="GPKG")
    with pytest.raises(StoreError, match="not a Sortie store"):
        Store(path)


def test_a_missing_store_is_an_error_only_when_required(tmp_path):
    with pytest.raises(StoreError, match="no store here"):
        Store(tmp_path / "none.gpkg", must_exist=True)


def test_default_path_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SORTIE_STORE", str(tmp_path / "x.gpkg"))
    assert default_store_path() == tmp_path / "x.gpkg"
    monkeypatch.delenv("SORTIE_STORE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_store_path() == tmp_path / "data" / "sortie" / "sortie.gpkg"


# -- kill -9 in the middle of an article -----------------------------------------------------------

_CHILD = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests!r})
    from storeworld import BAGHDAD, parsed_article, attack
    from sortie.geodata.store.geopackage import Store
    p = parsed_article(sys.argv[2], sys.argv[3], {{"Baghdad": BAGHDAD}})
    Store(sys.argv[1]).ingest(p, [attack(p, 0)], [])
    """
)


def _ingest_and_kill(path: Path, doc: str, text: str) -> None:
    """Run an ingest in a child process, SIGKILL it while it sits inside its transaction."""
    env = {**os.environ, PAUSE_ENV: "600"}
    code = _CHILD.format(tests=str(Path(__file__).parent))
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(path), doc, text], env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        # Wait for the line the hook prints after every write of the article, just before COMMIT.
        for line in child.stderr:  # type: ignore[union-attr]
            if "paused inside the transaction" in line:
                break
        else:
            pytest.fail(f"the child ended without reaching the transaction (rc {child.wait()})")
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait()
        child.stderr.close()  # type: ignore[union-attr]
    assert child.returncode == -signal.SIGKILL


def test_kill_9_inside_the_first_transaction_leaves_no_store(tmp_path):
    path = tmp_path / "s.gpkg"
    _ingest_and_kill(path, "a.txt", "Rockets hit Baghdad.")
    st = Store(path)  # opens (the file may exist, empty): no error
    assert st.articles() == [] and st.features() == []
    assert st.ingest(B, [], []) == "added"  # and it is still usable


def test_kill_9_mid_ingest_leaves_exactly_the_prior_state(tmp_path):
    path = tmp_path / "s.gpkg"
    st = Store(path)
    st.ingest(B, [attack(B, 0)], [])
    before = (st.articles(), st.features(), st.article("b.txt"))
    # A new article, and a changed version of the stored one: both killed before COMMIT.
    _ingest_and_kill(path, "c.txt", "Rockets hit Baghdad again.")
    _ingest_and_kill(path, "b.txt", "Rockets hit Baghdad. Something changed.")
    after = Store(path)
    assert (after.articles(), after.features(), after.article("b.txt")) == before
    assert dict(pyogrio.list_layers(path))["places"] == "Point"
    assert len(pyogrio.read_dataframe(path, layer="places")) == 1


# -- the layers are updated per article, and always equal a full rebuild ---------------------------

C = parsed_article(
    "c.txt",
    "Two B-52H flew from Andersen Air Force Base to Honolulu. Militias fired rockets at Baghdad.",
    {"Andersen Air Force Base": GUAM, "Honolulu": HONOLULU, "Baghdad": BAGHDAD},
)


def _rebuilt(path: Path) -> list:
    """The reference: every layer rebuilt from the stored results, in a copy of the store."""
    copy = path.with_name("rebuilt.gpkg")
    copy.write_bytes(path.read_bytes())
    st = Store(copy)
    st.rebuild()
    return st.features()


def test_each_article_leaves_the_layers_a_full_rebuild_would_give(tmp_path):
    # The real merging stage: a.txt and c.txt report the same flight and the same attack.
    path = tmp_path / "s.gpkg"
    st = Store(path)
    steps = [
        (A, [attack(A, 1)], [flight(A, 0)]),
        (B, [attack(B, 0)], []),
        (C, [attack(C, 1)], [flight(C, 0)]),
        # a.txt edited: the flight is gone from it; c.txt alone still reports it.
        (parsed_article("a.txt", "Rockets hit Baghdad on Sunday.", {"Baghdad": BAGHDAD}), [], []),
    ]
    for parsed, events, routes in steps:
        st.ingest(parsed, events, routes)
        assert st.features() == _rebuilt(path), parsed.article.doc
    (route,) = st.features(["routes"])
    assert {c.doc for c in route.citations} == {"c.txt"}
    baghdad = st.feature("places:test:baghdad")
    assert baghdad is not None and baghdad.sources == 3


def test_merged_sources_split_again_when_one_article_changes(tmp_path):
    st = Store(tmp_path / "s.gpkg")
    st.ingest(A, [], [flight(A, 0)])
    st.ingest(C, [], [flight(C, 0)])
    (merged,) = st.features(["routes"])
    assert merged.sources == 2  # one flight, reported by a.txt and c.txt
    st.ingest(dataclasses.replace(A, article=dataclasses.replace(A.article, title="New")), [], [])
    (alone,) = st.features(["routes"])
    assert alone.sources == 1 and alone.citations[0].doc == "c.txt"


def test_features_sharing_an_id_are_numbered_by_content_not_by_ingest_order(tmp_path, merged):
    # The stand-in merge names both attacks "events:attack:test:baghdad:2020-12-01".
    base = "events:attack:test:baghdad:2020-12-01"
    st = Store(tmp_path / "s.gpkg")
    st.ingest(B, [attack(B, 0)], [])
    st.ingest(A, [attack(A, 1)], [])  # ingested second, but a.txt sorts first
    ids = {f.id: f.citations[0].doc for f in st.features(["events"])}
    assert ids == {base: "a.txt", f"{base}#2": "b.txt"}
    assert st.features() == _rebuilt(tmp_path / "s.gpkg")
    # a.txt no longer reports the attack: b.txt's feature takes the plain id back.
    st.ingest(parsed_article("a.txt", "Quiet.", {}), [], [])
    assert {f.id: f.citations[0].doc for f in st.features(["events"])} == {base: "b.txt"}


def test_a_version_1_store_is_upgraded_on_its_next_write(tmp_path, merged):
    path = tmp_path / "s.gpkg"
    st = Store(path)
    st.ingest(A, [attack(A, 1)], [flight(A, 0)])
    con = sqlite3.connect(path)  # what a version 1 store looked like: no bookkeeping tables
    for table in ("sortie_place_parts", "sortie_records", "sortie_features"):
        con.execute(f"DROP TABLE {table}")
    con.execute("UPDATE sortie_meta SET value = '1' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    old = Store(path)
    assert {f.id for f in old.features()} == {f.id for f in st.features()}  # still readable
    assert old.ingest(B, [attack(B, 0)], []) == "added"
    assert old.features() == _rebuilt(path)
    assert len(old.features(["events"])) == 2


def _attack_on(
    doc: str, start: dt.date | None, basis: str = "stated", text: str = "Rockets hit Baghdad."
) -> tuple[ParsedArticle, list[Event]]:
    p = parsed_article(doc, text, {"Baghdad": BAGHDAD})
    precision = "day" if start else None
    return p, [
        dataclasses.replace(attack(p, 0), start=start, end=start, time_precision=precision, time_basis=basis)
    ]


def test_an_article_reaches_the_records_of_its_own_time_and_the_undated_ones(tmp_path):
    # The per-article update looks only at records whose days can overlap the new ones': each step must
    # still give what a full rebuild gives (the real merging stage).
    path = tmp_path / "s.gpkg"
    st = Store(path)
    steps = [
        _attack_on("d1.txt", dt.date(2021, 3, 5)),
        # Dated only by its report a week later: it may have happened up to ten days before.
        _attack_on("d2.txt", dt.date(2021, 3, 12), basis="reported"),
        _attack_on("d3.txt", dt.date(2021, 6, 1)),
        # Undated: no evidence against either, so it joins them all.
        _attack_on("d4.txt", None),
        # Dated apart from every dated record, but the undated one reaches it.
        _attack_on("d5.txt", dt.date(2021, 9, 9)),
        # d4.txt edited to a date of its own: the three attacks come apart again.
        _attack_on("d4.txt", dt.date(2021, 12, 24), text="Rockets hit Baghdad on Christmas Eve."),
    ]
    sources = []
    for parsed, events in steps:
        st.ingest(parsed, events, [])
        assert st.features() == _rebuilt(path), parsed.article.doc
        sources.append(sorted(f.sources for f in st.features(["events"])))
    assert sources == [[1], [2], [1, 2], [4], [5], [1, 1, 1, 2]]


def test_places_deferred_by_a_bulk_ingest_are_brought_up_to_date_later(tmp_path):
    path = tmp_path / "s.gpkg"
    st = Store(path)
    st.ingest(A, [attack(A, 1)], [flight(A, 0)], defer_places=True)
    st.ingest(B, [attack(B, 0)], [], defer_places=True)
    # Routes and events are there at once; the places wait for the refresh.
    assert {f.layer for f in st.features()} == {"routes", "events"}
    assert st.refresh_places() == 3  # Andersen, Honolulu, Baghdad
    assert st.features() == _rebuilt(path)
    assert st.feature("places:test:baghdad").sources == 2
    assert st.refresh_places() == 0
    # A run killed before its refresh: the next write without deferral does it.
    st.ingest(C, [attack(C, 1)], [flight(C, 0)], defer_places=True)
    assert st.feature("places:test:baghdad").sources == 2
    st.ingest(parsed_article("d.txt", "Quiet in Honolulu.", {"Honolulu": HONOLULU}), [], [])
    assert st.feature("places:test:baghdad").sources == 3
    assert st.features() == _rebuilt(path)


def test_a_version_2_store_is_upgraded_on_its_next_write(tmp_path):
    path = tmp_path / "s.gpkg"
    st = Store(path)
    for parsed, events in (_attack_on("d1.txt", dt.date(2021, 3, 5)), _attack_on("d2.txt", None)):
        st.ingest(parsed, events, [])
    con = sqlite3.connect(path)  # what a version 2 store looked like: records without their days
    for index in ("sortie_records_days", "sortie_records_undated", "sortie_records_doc"):
        con.execute(f"DROP INDEX {index}")
    con.execute("DROP TABLE sortie_dirty_places")
    con.execute("ALTER TABLE sortie_records DROP COLUMN t0")
    con.execute("ALTER TABLE sortie_records DROP COLUMN t1")
    con.execute("UPDATE sortie_meta SET value = '2' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    old = Store(path)
    assert old.features() == st.features()  # still readable
    assert old.ingest(*_attack_on("d3.txt", dt.date(2021, 3, 5)), []) == "added"
    assert old.features() == _rebuilt(path)
    (event,) = old.features(["events"])
    assert event.sources == 3


def test_the_merge_reach_covers_the_merging_rules():
    # If merging ever links records farther apart, the per-article update would miss candidates.
    from sortie.geodata.events import merge

    assert store_layers.MERGE_REACH_KM >= 3 * merge.NEAR_KM
