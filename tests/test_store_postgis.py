"""The PostGIS store: what the GeoPackage store gives, from a real PostgreSQL server with PostGIS.

The server is Debian's (`postgresql-15-postgis-3`, installed by scripts/test.sh), started for the
session in a temporary folder (tests/pgcluster.py); every test gets a new database.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from storeworld import BAGHDAD, GUAM, HONOLULU, attack, flight, parsed_article

from sortie.geodata.errors import StoreError
from sortie.geodata.geojson import feature_json
from sortie.geodata.records import Feature
from sortie.geodata.store import Store, open_store
from sortie.geodata.store import layers as store_layers
from sortie.geodata.store.base import PAUSE_ENV
from sortie.geodata.store.postgis import PostgisStore, redacted

A = parsed_article(
    "a.txt",
    "Bombers left Andersen Air Force Base for Honolulu. Rockets hit Baghdad on Sunday.",
    {"Andersen Air Force Base": GUAM, "Honolulu": HONOLULU, "Baghdad": BAGHDAD},
)
B = parsed_article("b.txt", "Rockets hit Baghdad. Nothing else.", {"Baghdad": BAGHDAD})
C = parsed_article(
    "c.txt",
    "Two B-52H flew from Andersen Air Force Base to Honolulu. Militias fired rockets at Baghdad.",
    {"Andersen Air Force Base": GUAM, "Honolulu": HONOLULU, "Baghdad": BAGHDAD},
)
# The real merging stage: a.txt and c.txt report the same flight and the same attack.
STEPS = [
    (A, [attack(A, 1)], [flight(A, 0)]),
    (B, [attack(B, 0)], []),
    (C, [attack(C, 1)], [flight(C, 0)]),
    # a.txt edited: the flight is gone from it; c.txt alone still reports it.
    (parsed_article("a.txt", "Rockets hit Baghdad on Sunday.", {"Baghdad": BAGHDAD}), [], []),
]


def _json(features: list[Feature]) -> list[dict]:
    return [feature_json(f) for f in features]


def test_the_same_articles_give_the_same_features_in_both_stores(pg_url, tmp_path):
    gp, pg = Store(tmp_path / "s.gpkg"), PostgisStore(pg_url)
    for parsed, events, routes in STEPS:
        assert pg.ingest(parsed, events, routes) == gp.ingest(parsed, events, routes)
        assert pg.features() == gp.features(), parsed.article.doc
    # And what a user exports from them, byte for byte.
    assert _json(pg.features()) == _json(gp.features())
    assert [{**a, "ingested_at": None} for a in pg.articles()] == [
        {**a, "ingested_at": None} for a in gp.articles()
    ]
    for doc in ("a.txt", "b.txt", "c.txt"):
        assert pg.article(doc) == gp.article(doc)
        assert pg.parsed(doc) == gp.parsed(doc)
    (route,) = pg.features(["routes"])
    assert {c.doc for c in route.citations} == {"c.txt"}
    assert route.geometry["type"] == "MultiLineString"  # Guam to Honolulu crosses the antimeridian
    baghdad = pg.feature("places:test:baghdad")
    assert baghdad is not None and baghdad.sources == 3
    assert pg.feature("places:nowhere") is None


def test_corrections_are_kept_and_applied_as_in_a_geopackage(pg_url, tmp_path):
    from sortie.geodata.store.corrections import mark_wrong, redate

    gp, pg = Store(tmp_path / "s.gpkg"), PostgisStore(pg_url)
    for parsed, events, routes in STEPS:
        gp.ingest(parsed, events, routes)
        pg.ingest(parsed, events, routes)
    assert pg.corrections() == []
    (route,) = pg.features(["routes"])
    event = pg.features(["events"])[0]
    for st in (gp, pg):
        st.add_correction(mark_wrong(route), "alice")
        st.add_correction(redate(event, dt.date(2024, 3, 1), dt.date(2024, 3, 2), "day"), "bob")
    made = pg.corrections()
    assert [(c.id, c.kind, c.who) for c in made] == [(1, "wrong", "alice"), (2, "date", "bob")]
    assert pg.features(["routes"]) == []  # marked wrong: off the map
    assert [f.id for f in pg.features(["routes"], wrong=True)] == [route.id]
    (fixed,) = [f for f in pg.features(["events"]) if f.id == event.id]
    assert (fixed.start, fixed.end, fixed.properties["corrected_by"]) == (
        dt.date(2024, 3, 1), dt.date(2024, 3, 2), "bob",
    )  # fmt: skip
    # Applied the same way as in a GeoPackage (the `corrected_at` stamps aside).
    def stamps_off(features: list[Feature]) -> list[dict]:
        out = _json(features)
        for f in out:
            f["properties"].pop("corrected_at", None)
            for c in f["properties"].get("corrections", []):
                c.pop("at", None)
        return out

    assert stamps_off(pg.features(wrong=True)) == stamps_off(gp.features(wrong=True))
    pg.undo_correction(1, "carol")
    assert [f.id for f in pg.features(["routes"])] == [route.id]
    assert [c.undone_by for c in pg.corrections()] == ["carol", None]


def test_the_layers_equal_a_full_rebuild(pg_url):
    pg = PostgisStore(pg_url)
    for parsed, events, routes in STEPS:
        pg.ingest(parsed, events, routes)
    before = pg.features()
    pg.rebuild()
    assert pg.features() == before


def test_a_version_2_store_is_upgraded_on_its_next_write(pg_url):
    import psycopg

    pg = PostgisStore(pg_url)
    for parsed, events, routes in STEPS[:2]:
        pg.ingest(parsed, events, routes)
    before = pg.features()
    with psycopg.connect(pg_url, autocommit=True) as con:  # version 2: records without their days
        con.execute("DROP TABLE sortie_dirty_places")
        con.execute("DROP INDEX sortie_records_doc")
        con.execute("ALTER TABLE sortie_records DROP COLUMN t0, DROP COLUMN t1")  # and their indexes
        con.execute("UPDATE sortie_meta SET value = '2' WHERE key = 'schema_version'")
    old = PostgisStore(pg_url)
    assert old.features() == before  # still readable
    assert old.ingest(*STEPS[2]) == "added"
    (route,) = old.features(["routes"])
    assert route.sources == 2  # c.txt's flight merged with a.txt's
    after = old.features()
    old.rebuild()
    assert old.features() == after


def test_reingest_unchanged_writes_nothing(pg_url):
    pg = PostgisStore(pg_url)
    assert pg.ingest(A, [attack(A, 1)], [flight(A, 0)]) == "added"
    before = (pg.articles(), pg.features(), pg.version())
    assert pg.ingest(A, [attack(A, 1)], [flight(A, 0)]) == "unchanged"
    assert (pg.articles(), pg.features(), pg.version()) == before  # not even the ingest time
    changed = dataclasses.replace(A, article=dataclasses.replace(A.article, title="New"))
    assert pg.ingest(changed, [attack(changed, 1)], [flight(changed, 0)]) == "replaced"
    assert [a["title"] for a in pg.articles()] == ["New"]
    assert pg.version() != before[2]


def test_a_failing_article_rolls_back_and_leaves_the_earlier_ones(pg_url, monkeypatch):
    pg = PostgisStore(pg_url)
    pg.ingest(B, [attack(B, 0)], [])
    before = (pg.articles(), pg.features(), pg.version())

    def broken(*args, **kwargs):
        raise StoreError("the disk is on fire")

    # Fails after the article's rows are written, inside its transaction.
    monkeypatch.setattr(store_layers, "_remerge", broken)
    with pytest.raises(StoreError, match="on fire"):
        pg.ingest(A, [attack(A, 1)], [flight(A, 0)])
    monkeypatch.undo()
    assert (pg.articles(), pg.features(), pg.version()) == before
    assert pg.ingest(A, [attack(A, 1)], [flight(A, 0)]) == "added"  # and the store is still usable


_CHILD = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests!r})
    from storeworld import BAGHDAD, parsed_article, attack
    from sortie.geodata.store import open_store
    p = parsed_article(sys.argv[2], sys.argv[3], {{"Baghdad": BAGHDAD}})
    open_store(sys.argv[1]).ingest(p, [attack(p, 0)], [])
    """
)


def _ingest_and_kill(url: str, doc: str, text: str) -> None:
    """Run an ingest in a child process, SIGKILL it while it sits inside its transaction."""
    env = {**os.environ, PAUSE_ENV: "600"}
    code = _CHILD.format(tests=str(Path(__file__).parent))
    child = subprocess.Popen(
        [sys.executable, "-c", code, url, doc, text], env=env, stderr=subprocess.PIPE, text=True
    )
    try:
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


def test_kill_9_mid_ingest_leaves_exactly_the_prior_state(pg_url):
    pg = PostgisStore(pg_url)
    pg.ingest(B, [attack(B, 0)], [])
    before = (pg.articles(), pg.features(), pg.article("b.txt"))
    # A new article, and a changed version of the stored one: both killed before COMMIT. The
    # server rolls back a transaction whose client is gone, and frees the writers' lock with it.
    _ingest_and_kill(pg_url, "c.txt", "Rockets hit Baghdad again.")
    _ingest_and_kill(pg_url, "b.txt", "Rockets hit Baghdad. Something changed.")
    after = PostgisStore(pg_url)
    assert (after.articles(), after.features(), after.article("b.txt")) == before
    assert after.ingest(C, [], []) == "added"


def test_kill_9_inside_the_first_transaction_leaves_no_store(pg_url):
    _ingest_and_kill(pg_url, "a.txt", "Rockets hit Baghdad.")
    with pytest.raises(StoreError, match="no Sortie store"):
        PostgisStore(pg_url, must_exist=True)
    pg = PostgisStore(pg_url)
    assert pg.articles() == [] and pg.features() == [] and pg.version() is None
    assert pg.ingest(B, [], []) == "added"


def test_open_store_picks_the_store_by_its_location(pg_url, tmp_path, monkeypatch):
    assert isinstance(open_store(pg_url), PostgisStore)
    assert isinstance(open_store(tmp_path / "s.gpkg"), Store)
    assert isinstance(open_store(str(tmp_path / "s.gpkg")), Store)
    monkeypatch.setenv("SORTIE_STORE", pg_url)  # the default store may be a database too
    assert isinstance(open_store(None), PostgisStore)


def test_postgis_is_enabled_on_first_write_where_the_user_may(pg_server):
    url = pg_server.empty_database()
    pg = PostgisStore(url)
    assert pg.ingest(B, [attack(B, 0)], []) == "added"
    assert {f.layer for f in pg.features()} == {"places", "events"}


def test_a_database_with_other_tables_of_these_names_is_not_taken_over(pg_url):
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute("CREATE TABLE places (name text)")
        con.execute("INSERT INTO places VALUES ('mine')")
    pg = PostgisStore(pg_url)
    with pytest.raises(StoreError, match="places"):
        pg.ingest(B, [], [])
    with psycopg.connect(pg_url) as con:
        assert con.execute("SELECT name FROM places").fetchall() == [("mine",)]


def test_an_unreachable_server_is_an_error_that_hides_the_password(tmp_path):
    url = f"postgresql://someone:secret@/nowhere?host={tmp_path}"
    with pytest.raises(StoreError) as caught:
        PostgisStore(url)
    assert "secret" not in str(caught.value) and "cannot connect" in str(caught.value)
    assert redacted("postgresql://u:pw@db.example:5432/x") == "postgresql://u:***@db.example:5432/x"


def test_the_dashboard_reads_a_postgis_store_and_sees_new_articles(pg_url):
    from sortie.dashboard.corpus import Corpus

    pg = PostgisStore(pg_url)
    pg.ingest(B, [attack(B, 0)], [])
    corpus = Corpus.from_store(pg_url)
    first = corpus.snapshot()
    assert {f.id for f in first.features} == {f.id for f in pg.features()}
    assert list(first.articles) == ["b.txt"] and first.articles["b.txt"].title == "A title"
    assert corpus.article("b.txt") == B.article
    assert corpus.snapshot() is first  # nothing changed: not read again
    pg.ingest(A, [attack(A, 1)], [flight(A, 0)])  # another process's ingest, as far as the app knows
    second = corpus.snapshot()
    assert list(second.articles) == ["a.txt", "b.txt"]
    assert any(f.layer == "routes" for f in second.features)


def test_the_command_line_takes_a_database_url(pg_url, capsys):
    from sortie.geodata.cli import main

    assert main(["export", "--store", pg_url]) == 2
    assert "no Sortie store in this database" in capsys.readouterr().err
    PostgisStore(pg_url).ingest(B, [attack(B, 0)], [])
    assert main(["export", "--store", pg_url, "--layer", "events"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [f["properties"]["citations"][0]["doc"] for f in out["features"]] == ["b.txt"]
    assert main(["tracks", "match", "--store", pg_url]) == 2
    assert "GeoPackage stores only" in capsys.readouterr().err


_WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests!r})
    from storeworld import BAGHDAD, GUAM, HONOLULU, attack, flight, parsed_article
    from sortie.geodata.store import open_store
    store = open_store(sys.argv[1])
    places = {{"Andersen Air Force Base": GUAM, "Honolulu": HONOLULU, "Baghdad": BAGHDAD}}
    for doc in sys.argv[2:]:
        text = "Two B-52H flew from Andersen Air Force Base to Honolulu. Rockets hit Baghdad."
        p = parsed_article(doc, text, places)
        store.ingest(p, [attack(p, 1)], [flight(p, 0)])
    """
)


def test_writers_in_several_processes_build_the_layers_one_writer_would(pg_url, tmp_path):
    # Every article reports the same flight and attack: each write must see all the earlier ones.
    docs = [f"{n:02d}.txt" for n in range(12)]
    code = _WRITER.format(tests=str(Path(__file__).parent))
    writers = [
        subprocess.Popen([sys.executable, "-c", code, pg_url, *docs[i::3]], stderr=subprocess.PIPE, text=True)
        for i in range(3)
    ]
    for w in writers:
        _, err = w.communicate(timeout=300)
        assert w.returncode == 0, err
    one = subprocess.run([sys.executable, "-c", code, str(tmp_path / "s.gpkg"), *docs], check=False)
    assert one.returncode == 0
    together = PostgisStore(pg_url).features()
    assert together == Store(tmp_path / "s.gpkg").features()
    (route,) = [f for f in together if f.layer == "routes"]
    assert route.sources == 12
