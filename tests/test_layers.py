"""The places layer: one feature per resolved place, citing every sentence that names it."""

from __future__ import annotations

import dataclasses
import datetime as dt

from storeworld import BAGHDAD, GUAM, HONOLULU, IRAQ, attack, flight, parsed_article

from sortie.geodata.places.layer import place_feature_id, places_layer
from sortie.geodata.records import Mention, ParsedArticle, Toponym

A = parsed_article(
    "a.txt",
    "Rockets hit Baghdad on Sunday. Baghdad said Iraq would respond. Baghdad and Baghdad again.",
    {"Baghdad": BAGHDAD, "Iraq": IRAQ},
)
B = parsed_article(
    "b.txt",
    "Bombers flew from Andersen Air Force Base to Honolulu. Then to Baghdad.",
    {"Andersen Air Force Base": GUAM, "Honolulu": HONOLULU, "Baghdad": BAGHDAD},
)


def by_id(features):
    return {f.id: f for f in features}


def test_one_feature_per_place_across_articles():
    layer = by_id(places_layer([A, B]))
    assert sorted(layer) == sorted(place_feature_id(p.id) for p in (BAGHDAD, IRAQ, GUAM, HONOLULU))
    assert all(f.layer == "places" for f in layer.values())


def test_every_sentence_naming_the_place_is_cited_once():
    baghdad = by_id(places_layer([A, B]))["places:test:baghdad"]
    # a.txt names Baghdad in its three sentences (twice in the third), b.txt in its second.
    assert [(c.doc, c.sentence) for c in baghdad.citations] == [
        ("a.txt", "Rockets hit Baghdad on Sunday."),
        ("a.txt", "Baghdad said Iraq would respond."),
        ("a.txt", "Baghdad and Baghdad again."),
        ("b.txt", "Then to Baghdad."),
    ]
    assert baghdad.sources == 2
    assert baghdad.properties["mentions"] == 5
    c = baghdad.citations[1]
    assert A.article.text[c.start : c.end] == c.sentence
    assert A.article.text[c.mention_start : c.mention_end] == "Baghdad"


def test_precision_kind_and_point_come_from_the_place():
    layer = by_id(places_layer([A]))
    iraq = layer["places:test:iq"]
    assert (iraq.kind, iraq.geo_precision, iraq.country) == ("country", "country", "IQ")
    assert iraq.geometry == {"type": "Point", "coordinates": [43.5, 33.0]}


def test_a_place_only_named_stays_undated():
    iraq = by_id(places_layer([A], [attack(A, 0)]))["places:test:iq"]
    assert (iraq.start, iraq.end, iraq.time_precision) == (None, None, None)


def test_a_place_is_dated_by_the_events_and_routes_at_it():
    layer = by_id(places_layer([A, B], [attack(A, 0)], [flight(B, 0)]))
    baghdad = layer["places:test:baghdad"]
    # The attack is dated December 2020 with month precision.
    assert (baghdad.start, baghdad.end, baghdad.time_precision) == (
        dt.date(2020, 12, 1),
        dt.date(2020, 12, 31),
        "month",
    )
    honolulu = layer["places:test:honolulu"]
    assert (honolulu.start, honolulu.end, honolulu.time_precision) == (dt.date(2020, 12, 10),) * 2 + ("day",)


def test_span_of_several_dates_takes_the_coarsest_precision():
    # A flight to Baghdad on 2020-12-10 (day) and an attack there in December 2020 (month):
    # the union is December, and the span is no finer than a month.
    to_baghdad = dataclasses.replace(flight(B, 0), destination=BAGHDAD)
    baghdad = by_id(places_layer([A, B], [attack(A, 0)], [to_baghdad]))["places:test:baghdad"]
    assert (baghdad.start, baghdad.end, baghdad.time_precision) == (
        dt.date(2020, 12, 1),
        dt.date(2020, 12, 31),
        "month",
    )


def test_unresolved_toponyms_make_no_feature():
    p = ParsedArticle(
        A.article, A.sentences, (Toponym(Mention("Nowhere", 0, 7, 0, "GPE"), None, "no candidate"),)
    )
    assert places_layer([p]) == []


def test_ids_are_stable_whatever_the_order():
    assert [f.id for f in places_layer([A, B])] == [f.id for f in places_layer([B, A])]
