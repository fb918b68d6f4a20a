"""Corrections in the store: the table, who/when, what features look like corrected, and the identity
rule that keeps a correction on its feature across re-ingest, more articles and a rebuild."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3

import pytest
from storeworld import BAGHDAD, GUAM, HONOLULU, attack, fake_merge_groups, flight, parsed_article

from sortie.geodata.geojson import feature_json
from sortie.geodata.records import Place
from sortie.geodata.store import layers as store_layers
from sortie.geodata.store.corrections import CorrectionError, default_user, mark_wrong, move, redate
from sortie.geodata.store.geopackage import Store

A = parsed_article(
    "a.txt",
    "Bombers left Andersen Air Force Base for Honolulu. Rockets hit Baghdad on Sunday.",
    {"Andersen Air Force Base": GUAM, "Honolulu": HONOLULU, "Baghdad": BAGHDAD},
)
B = parsed_article("b.txt", "Rockets hit Baghdad. Nothing else.", {"Baghdad": BAGHDAD})
# Another place of the same name: what an analyst moves a wrongly resolved Baghdad to.
BAGHDAD_AZ = Place("test:baghdad-az", "Baghdad", "city", "US", -112.0, 34.0, "city", admin1="Arizona")
HILO = Place("test:hilo", "Hilo", "city", "US", -155.09, 19.72, "city", admin1="Hawaii")


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setattr(store_layers, "_merge", fake_merge_groups)
    st = Store(tmp_path / "s.gpkg")
    st.ingest(A, [attack(A, 1)], [flight(A, 0)])
    return st


def one(store: Store, layer: str):
    (f,) = store.features([layer]) if layer != "places" else [store.feature("places:test:baghdad")]
    assert f is not None
    return f


def test_a_store_without_corrections_reads_as_before(store):
    assert store.corrections() == []
    assert store.features() == store.features(corrected=False)
    assert all("corrected" not in f.properties for f in store.features())


def test_moving_a_place_is_stored_with_who_and_when_and_applied(store):
    before = store.feature("places:test:baghdad")
    made = store.add_correction(move(before, BAGHDAD_AZ), "alice")
    assert made.who == "alice" and made.kind == "place" and made.active
    when = dt.datetime.fromisoformat(made.made_at.replace("Z", "+00:00"))
    assert abs(dt.datetime.now(dt.UTC) - when) < dt.timedelta(minutes=1)
    assert made.old["id"] == "test:baghdad" and made.old["country"] == "IQ"
    assert made.new["id"] == "test:baghdad-az"

    after = store.feature("places:test:baghdad")
    assert after.id == before.id  # the same feature, now where the analyst put it
    assert after.geometry == {"type": "Point", "coordinates": [-112.0, 34.0]}
    assert (after.country, after.properties["admin1"]) == ("US", "Arizona")
    assert after.citations == before.citations
    # In the export: flagged, with who, when and the machine's own answer.
    props = feature_json(after)["properties"]
    assert props["corrected"] is True and props["corrected_by"] == "alice"
    assert props["corrected_at"] == made.made_at
    assert props["machine"]["country"] == "IQ"
    assert props["machine"]["geometry"] == before.geometry
    assert props["corrections"][0]["old"]["name"] == "Baghdad"
    # The machine's answer is still what the layer holds.
    assert next(f for f in store.features(corrected=False) if f.id == before.id) == before


def test_the_user_comes_from_the_environment_else_the_os(monkeypatch):
    monkeypatch.setenv("SORTIE_USER", "analyst 7")
    assert default_user() == "analyst 7"
    monkeypatch.delenv("SORTIE_USER")
    import getpass

    assert default_user() == getpass.getuser()


def test_a_place_correction_survives_reingest_more_articles_and_a_rebuild(store):
    store.add_correction(move(store.feature("places:test:baghdad"), BAGHDAD_AZ), "alice")
    assert store.ingest(A, [attack(A, 1)], [flight(A, 0)]) == "unchanged"
    # The same article again with other metadata: replaced, its features rebuilt.
    A2 = dataclasses.replace(A, article=dataclasses.replace(A.article, title="Another title"))
    assert store.ingest(A2, [attack(A2, 1)], [flight(A2, 0)]) == "replaced"
    # One more article naming the same place: the feature gains its citation and stays corrected.
    assert store.ingest(B, [], []) == "added"
    place = store.feature("places:test:baghdad")
    assert place.sources == 2 and place.properties["corrected"] is True
    assert place.geometry["coordinates"] == [-112.0, 34.0]
    store.rebuild()
    assert store.feature("places:test:baghdad").geometry["coordinates"] == [-112.0, 34.0]


def test_an_event_correction_follows_its_sentences_when_its_id_changes(store):
    event = one(store, "events")
    store.add_correction(mark_wrong(event), "bob")
    assert store.features(["events"]) == []
    # Re-ingested with the event dated otherwise: the feature id (kind, place, date) changes...
    A2 = dataclasses.replace(A, article=dataclasses.replace(A.article, title="Updated"))
    later = dataclasses.replace(attack(A2, 1), start=dt.date(2020, 12, 5), end=dt.date(2020, 12, 5))
    store.ingest(A2, [later], [flight(A2, 0)])
    (raw,) = store.features(["events"], corrected=False)
    assert raw.id != event.id
    # ...but it cites the same sentence: still the feature the analyst marked wrong.
    assert store.features(["events"]) == []
    (shown,) = store.features(["events"], wrong=True)
    assert shown.id == raw.id and shown.properties["wrong"] is True


def test_wrong_features_are_hidden_unless_asked_for(store):
    route = one(store, "routes")
    store.add_correction(mark_wrong(route), "bob")
    assert store.features(["routes"]) == []
    (shown,) = store.features(["routes"], wrong=True)
    assert shown.properties["wrong"] is True and shown.properties["corrected_by"] == "bob"


def test_fixing_a_date(store):
    route = one(store, "routes")
    assert route.start == dt.date(2020, 12, 10)
    store.add_correction(redate(route, dt.date(2020, 11, 1), dt.date(2020, 11, 30), "month"), "carol")
    fixed = one(store, "routes")
    assert (fixed.start, fixed.end, fixed.time_precision) == (
        dt.date(2020, 11, 1),
        dt.date(2020, 11, 30),
        "month",
    )
    assert fixed.properties["machine"] == {
        "start": "2020-12-10",
        "end": "2020-12-10",
        "time_precision": "day",
        "time_basis": None,
    }
    assert fixed.properties["time_basis"] == "corrected"


@pytest.mark.parametrize(
    ("start", "end", "precision", "fault"),
    [
        (dt.date(2020, 12, 2), dt.date(2020, 12, 1), "day", "after the end"),
        (None, None, "day", "give a start or an end"),
        (dt.date(2020, 12, 2), None, "fortnight", "unknown date precision"),
    ],
)
def test_a_bad_date_is_refused_with_the_reason(store, start, end, precision, fault):
    with pytest.raises(CorrectionError, match=fault):
        redate(one(store, "routes"), start, end, precision)


def test_a_place_has_no_date_to_fix(store):
    with pytest.raises(CorrectionError, match="only events and routes"):
        redate(store.feature("places:test:baghdad"), dt.date(2020, 1, 1), None, "day")


def test_moving_a_route_end_redraws_the_route(store):
    route = one(store, "routes")
    made = store.add_correction(move(route, HILO, "destination"), "dan")
    assert (made.old["lon"], made.old["lat"]) == pytest.approx((HONOLULU.lon, HONOLULU.lat))
    moved = one(store, "routes")
    coords = moved.geometry["coordinates"]
    last = coords[-1] if moved.geometry["type"] == "LineString" else coords[-1][-1]
    assert last == pytest.approx([HILO.lon, HILO.lat])
    assert moved.properties["destination_id"] == "test:hilo"
    assert moved.properties["destination_name"] == "Hilo"
    # Guam to Hilo is longer than Guam to Honolulu (Hilo lies south-east of it).
    assert moved.properties["length_km"] > route.properties["length_km"]


def test_a_route_needs_the_end_to_move(store):
    with pytest.raises(CorrectionError, match="origin or destination"):
        move(one(store, "routes"), HILO)


def test_undo_restores_the_machine_answer_and_keeps_the_log(store):
    made = store.add_correction(move(store.feature("places:test:baghdad"), BAGHDAD_AZ), "alice")
    undone = store.undo_correction(made.id, "erin")
    assert undone.undone_by == "erin" and not undone.active
    assert store.feature("places:test:baghdad").country == "IQ"
    assert "corrected" not in store.feature("places:test:baghdad").properties
    assert store.corrections(include_undone=False) == []
    (logged,) = store.corrections()
    assert logged.undone_by == "erin" and logged.who == "alice"
    with pytest.raises(CorrectionError, match="already undone"):
        store.undo_correction(made.id, "erin")
    with pytest.raises(CorrectionError, match="no correction 99"):
        store.undo_correction(99, "erin")


def test_later_corrections_apply_over_earlier_ones(store):
    place = store.feature("places:test:baghdad")
    store.add_correction(move(place, BAGHDAD_AZ), "alice")
    store.add_correction(move(store.feature("places:test:baghdad"), HILO), "bob")
    now = store.feature("places:test:baghdad")
    assert now.name == "Hilo" and now.properties["corrected_by"] == "bob"
    # The machine's value is the machine's, not the first correction's.
    assert now.properties["machine"]["name"] == "Baghdad" and now.properties["machine"]["country"] == "IQ"
    assert [c["who"] for c in now.properties["corrections"]] == ["alice", "bob"]


def test_the_table_is_a_geopackage_attributes_table(store):
    store.add_correction(mark_wrong(one(store, "routes")), "alice")
    with sqlite3.connect(store.path) as con:
        row = con.execute("SELECT data_type FROM gpkg_contents WHERE table_name = 'corrections'").fetchone()
        assert row == ("attributes",)
        (who,) = con.execute("SELECT who FROM corrections").fetchone()
    assert who == "alice"
