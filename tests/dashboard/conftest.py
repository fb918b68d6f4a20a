"""A tiny hand-built world for the dashboard: a few features, two articles, one of them hostile."""

from __future__ import annotations

import datetime as dt

import pytest

from sortie.dashboard.corpus import Corpus
from sortie.geodata.records import Article, Citation, Feature

HOSTILE = "Jets struck <script>alert(1)</script> near Kabul. <img src=x onerror=alert(1)> Nothing else."
CALM = "Two bombers flew from Minot to the Gulf on Dec. 10. Later they flew home."


def _cite(doc: str, text: str, sentence: str, mention: str | None = None) -> Citation:
    start = text.index(sentence)
    m = text.index(mention, start) if mention else None
    return Citation(doc, sentence, start, start + len(sentence), m, m + len(mention) if mention else None)


def make_articles() -> list[Article]:
    return [
        Article(
            "calm.txt",
            CALM,
            title="Bombers over the Gulf",
            source="Example Post",
            published=dt.date(2020, 12, 30),
        ),
        Article("hostile.txt", HOSTILE, title=None, source=None, published=None),
    ]


def make_features() -> list[Feature]:
    flight = _cite("calm.txt", CALM, "Two bombers flew from Minot to the Gulf on Dec. 10.", "Minot")
    home = _cite("calm.txt", CALM, "Later they flew home.")
    strike = _cite("hostile.txt", HOSTILE, "Jets struck <script>alert(1)</script> near Kabul.", "Kabul")
    return [
        Feature(
            "places:icao:KMIB",
            "places",
            "Minot Air Force Base",
            "airbase",
            {"type": "Point", "coordinates": [-101.36, 48.42]},
            "US",
            "point",
            dt.date(2020, 12, 10),
            dt.date(2020, 12, 10),
            "day",
            (flight,),
        ),
        Feature(
            "places:iso:IR",
            "places",
            "Iran",
            "country",
            {"type": "Point", "coordinates": [53.0, 32.0]},
            "IR",
            "country",
            None,
            None,
            None,
            (home,),
        ),
        Feature(
            "places:sortie:gulf",
            "places",
            "Persian Gulf",
            "water",
            {"type": "Point", "coordinates": [51.0, 27.0]},
            None,
            "region",
            dt.date(2020, 12, 10),
            dt.date(2020, 12, 10),
            "day",
            (flight,),
        ),
        Feature(
            "routes:1",
            "routes",
            "Bombers to the Gulf",
            "flight",
            {
                "type": "LineString",
                "coordinates": [[-101.36, 48.42], [-40.0, 60.0], [20.0, 45.0], [51.0, 27.0]],
            },
            None,
            "region",
            dt.date(2020, 12, 10),
            dt.date(2020, 12, 10),
            "day",
            (flight, home),
            {
                "origin_id": "icao:KMIB",
                "origin_name": "Minot Air Force Base",
                "destination_id": "sortie:gulf",
                "destination_name": "Persian Gulf",
                "waypoints": [],
            },
        ),
        # Crosses the antimeridian: split into two parts ending on +180 and -180.
        Feature(
            "routes:2",
            "routes",
            "Guam → Hawaii",
            "deployment",
            {
                "type": "MultiLineString",
                "coordinates": [[[144.8, 13.5], [180.0, 18.0]], [[-180.0, 18.0], [-157.9, 21.3]]],
            },
            "US",
            "city",
            dt.date(2020, 11, 1),
            dt.date(2020, 11, 30),
            "month",
            (home,),
        ),
        Feature(
            "events:1",
            "events",
            "strike near Kabul",
            "air_strike",
            {"type": "Point", "coordinates": [69.17, 34.53]},
            "AF",
            "city",
            dt.date(2020, 12, 20),
            dt.date(2020, 12, 20),
            "day",
            (strike,),
        ),
        Feature(
            "events:2",
            "events",
            "Afghanistan clash",
            "armed_clash",
            {"type": "Point", "coordinates": [66.0, 33.0]},
            "AF",
            "country",
            dt.date(2020, 12, 1),
            dt.date(2020, 12, 31),
            "month",
            (strike,),
        ),
    ]


@pytest.fixture
def articles() -> list[Article]:
    return make_articles()


@pytest.fixture
def features() -> list[Feature]:
    return make_features()


@pytest.fixture
def corpus(features: list[Feature], articles: list[Article]) -> Corpus:
    return Corpus.from_records(features, articles)
