"""Records survive the trip to JSON and back unchanged (what the store keeps per article)."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given
from hypothesis import strategies as st
from storeworld import BAGHDAD, GUAM, HONOLULU, attack, flight, parsed_article, route_feature

from sortie.geodata.records import Citation, Event, Feature, ParsedArticle, Route, TimeMention
from sortie.geodata.serial import from_jsonable, to_jsonable

TEXT = "Bombers left Andersen Air Force Base for Honolulu. Rockets hit Baghdad on Sunday."
PARSED = parsed_article(
    "a.txt", TEXT, {"Andersen Air Force Base": GUAM, "Honolulu": HONOLULU, "Baghdad": BAGHDAD}
)


def roundtrip(cls, obj):
    # Through real JSON text, as the store does, not only through dicts.
    return from_jsonable(cls, json.loads(json.dumps(to_jsonable(obj))))


def test_parsed_article_round_trips():
    back = roundtrip(ParsedArticle, PARSED)
    assert back == PARSED
    assert back.article.published == dt.date(2020, 12, 30)
    assert isinstance(back.toponyms, tuple) and back.toponyms[0].place == GUAM


def test_dates_are_iso_strings_in_json():
    data = to_jsonable(PARSED)
    assert data["article"]["published"] == "2020-12-30"
    assert data["times"][0]["start_date"] == "2020-12-20"


def test_route_and_event_round_trip():
    route = flight(PARSED, 0)
    event = attack(PARSED, 1)
    assert roundtrip(Route, route) == route
    assert roundtrip(Event, event) == event


def test_feature_round_trips_with_its_geometry_and_extras():
    f = route_feature(flight(PARSED, 0))
    back = roundtrip(Feature, f)
    assert back == f
    assert back.sources == 1


def test_unresolved_toponym_keeps_none():
    p = parsed_article("b.txt", "Nothing here. Really.", {})
    assert roundtrip(ParsedArticle, p).toponyms == ()


@given(
    st.text(min_size=1, max_size=20),
    st.text(max_size=200),
    st.integers(0, 10_000),
    st.integers(0, 10_000),
    st.none() | st.integers(0, 10_000),
)
def test_citation_round_trips_any_text(doc, sentence, a, b, m):
    c = Citation(doc, sentence, min(a, b), max(a, b), m, None)
    assert roundtrip(Citation, c) == c


@given(st.dates(), st.integers(0, 400))
def test_time_mention_dates_round_trip(day, span):
    end = day + dt.timedelta(days=span) if day <= dt.date(9000, 1, 1) else day
    t = TimeMention("then", 0, 4, 0, "DATE", day.isoformat(), day, end, "day")
    assert roundtrip(TimeMention, t) == t
